/**
 * The network seam of the probe engine: name lookup, TCP connect, TLS handshake, an HTTP
 * CONNECT tunnel, one HTTP/1.1 exchange (undici) on an already open socket, and reading a
 * `file://` target. endpoint.ts orchestrates these phases and never touches Node's network
 * modules itself, so tests can swap any phase while the real ones talk to loopback servers.
 *
 * Every operation takes an AbortSignal and tears its socket down when it fires, which is what
 * bounds a stalled server to the probe's timeout.
 */
import { X509Certificate } from 'node:crypto';
import { lookup as dnsLookup } from 'node:dns/promises';
import { openRegularFile } from '../bounded-file.js';
import net from 'node:net';
import { Duplex } from 'node:stream';
import tls from 'node:tls';
import type { Client, Dispatcher } from 'undici';

// undici is about a megabyte of code: it is compiled only when a probe first speaks HTTP, and a caller
// that knows it will probe (check, once it has decided to) starts loading it early with
// preloadHttpClient, so the compile overlaps work that waits on something else (go env -json).
let httpClient: Promise<typeof Client> | undefined;

/** Starts loading the HTTP client if it is not loaded yet; resolves with its Client class. */
export function preloadHttpClient(): Promise<typeof Client> {
  // undici is CommonJS: loaded as a module, its exports may sit on `default` only (as in the bundle).
  httpClient ??= import('undici').then((undici) => undici.Client ?? (undici.default as unknown as { Client: typeof Client }).Client);
  return httpClient;
}

/** One address a name resolved to. */
export interface ResolvedAddress {
  address: string;
  family: number;
}

/** A certificate as the probe reports and checks it. */
export interface PeerCertificate {
  /** Subject in Go's `pkix.Name.String()` order, e.g. `CN=proxy.corp,O=Corp`. */
  subject: string;
  issuer: string;
  validFrom: Date;
  validTo: Date;
  dnsNames: string[];
  ipAddresses: string[];
  /** The certificate has a subjectAltName extension at all. */
  hasSan: boolean;
  commonName: string;
}

/** A finished TLS handshake, verified or not: the probe decides what Go would say. */
export interface TlsHandshake {
  socket: tls.TLSSocket;
  /** OpenSSL accepted the chain against the given roots (the host name is not part of this). */
  chainVerified: boolean;
  /** OpenSSL's verification error code, e.g. `UNABLE_TO_VERIFY_LEAF_SIGNATURE`, when not verified. */
  chainError?: string;
  /** The certificates the server sent, leaf first. */
  chain: PeerCertificate[];
}

/** Status line of a proxy's answer to CONNECT. */
export interface TunnelResponse {
  statusCode: number;
  /** The reason phrase as the proxy sent it (Go reports exactly this text). */
  statusText: string;
}

/** One HTTP request to send on an open socket. */
export interface HttpRequestSpec {
  /** `http://host:port` or `https://host:port` of the connection (the proxy's for absolute-form requests). */
  origin: string;
  /** Origin-form path (`/a/b?q`) or, through a plain HTTP proxy, the absolute URL. */
  path: string;
  headers: Record<string, string>;
  maxHeaderBytes: number;
  maxBodyBytes: number;
  signal: AbortSignal;
  /** Called once the status line and headers arrived, before the body is read. */
  onResponseStart?(statusCode: number, statusText: string, headers: Record<string, string | string[]>): void;
  /** Called as body bytes arrive (the running total). */
  onBodyProgress?(bytes: number): void;
}

/** A complete (or deliberately cut) HTTP response. */
export interface HttpResponse {
  statusCode: number;
  statusText: string;
  headers: Record<string, string | string[]>;
  /** The first `maxBodyBytes` bytes of the body. */
  body: Buffer;
  /** The body went past `maxBodyBytes`; reading stopped there. */
  truncated: boolean;
}

/** The result of opening a `file://` target. */
export type FileOpenResult = { ok: true; head: Buffer; size: number; isDirectory: boolean } | { ok: false; code: string; message: string };

/** Everything the probe engine does to the outside world. */
export interface Network {
  lookup(hostname: string, signal: AbortSignal): Promise<ResolvedAddress[]>;
  connect(address: string, port: number, signal: AbortSignal): Promise<net.Socket>;
  /** TLS on top of `socket`; `ca` undefined means the platform's default roots. */
  tlsHandshake(socket: net.Socket, options: { servername?: string; ca?: readonly string[]; signal: AbortSignal }): Promise<TlsHandshake>;
  /** Sends CONNECT on `socket` and reads the proxy's status line and headers. */
  tunnel(socket: net.Socket, authority: string, headers: Record<string, string>, maxHeaderBytes: number, signal: AbortSignal): Promise<TunnelResponse>;
  httpRequest(socket: net.Socket, spec: HttpRequestSpec): Promise<HttpResponse>;
  /** Opens a local file and reads at most `maxBytes` of it. */
  openFile(path: string, maxBytes: number): Promise<FileOpenResult>;
}

/** The error a network step rejects with when the signal fired first. */
export class AbortedError extends Error {
  constructor() {
    super('aborted');
    this.name = 'AbortedError';
  }
}

/** An error that carries Node's errno-style code, for phase-specific wording. */
export class NetworkError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'NetworkError';
    this.code = code;
  }
}

/** Bytes of a TLS record header: type, version, length (go1.26 src/crypto/tls/common.go recordHeaderLen). */
export const TLS_RECORD_HEADER_BYTES = 5;

/**
 * A TLS handshake that failed, with what the server had sent by then. Go decides between "not TLS
 * at all", "plain HTTP" and a TLS-level error from the first record header alone
 * (go1.26 src/crypto/tls/conn.go:625-676), which OpenSSL's error codes do not tell apart.
 */
export class TlsHandshakeError extends Error {
  readonly code: string | undefined;
  /** The first bytes the server sent (at most {@link TLS_RECORD_HEADER_BYTES}). */
  readonly serverHead: Buffer;
  /** The server closed the connection cleanly (FIN) before the handshake finished. */
  readonly serverEnded: boolean;
  constructor(cause: unknown, serverHead: Buffer, serverEnded: boolean) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'TlsHandshakeError';
    const code = (cause as { code?: unknown } | null)?.code;
    this.code = typeof code === 'string' ? code : undefined;
    this.serverHead = serverHead;
    this.serverEnded = serverEnded;
  }
}

// Passes a socket's bytes through unchanged while keeping the first few the server sent. TLS on
// top of it runs through Node's JS stream bridge, which costs nothing that matters for one probe.
function headRecorder(raw: net.Socket): { stream: Duplex; head(): Buffer; ended(): boolean } {
  let head = Buffer.alloc(0);
  let ended = false;
  const stream = new Duplex({
    read() {
      raw.resume();
    },
    write(chunk: Buffer, _encoding, callback) {
      raw.write(chunk, callback);
    },
    final(callback) {
      raw.end();
      callback();
    },
    destroy(error, callback) {
      raw.destroy();
      callback(error);
    },
  });
  raw.on('data', (chunk: Buffer) => {
    if (head.length < TLS_RECORD_HEADER_BYTES) head = Buffer.concat([head, chunk.subarray(0, TLS_RECORD_HEADER_BYTES - head.length)]);
    if (!stream.push(chunk)) raw.pause();
  });
  raw.on('end', () => {
    ended = true;
    stream.push(null);
  });
  raw.on('error', (error) => stream.destroy(error));
  raw.on('close', () => {
    if (!ended) stream.destroy();
  });
  return { stream, head: () => head, ended: () => ended };
}

// Runs `start` and settles with it, unless the signal fires first: then `cleanup` tears the
// resource down and the promise rejects with AbortedError.
function abortable<T>(signal: AbortSignal, cleanup: () => void, start: (resolve: (v: T) => void, reject: (e: unknown) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) {
      cleanup();
      reject(new AbortedError());
      return;
    }
    let settled = false;
    const onAbort = (): void => {
      if (settled) return;
      settled = true;
      cleanup();
      reject(new AbortedError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    start(
      (value) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Node's `X509Certificate.subject` lists one RDN per line, root-most first; Go prints the reverse, comma-joined. */
function goName(nodeName: string): string {
  return nodeName
    .split('\n')
    .filter((l) => l !== '')
    .reverse()
    .join(',');
}

function describeCertificate(cert: X509Certificate): PeerCertificate {
  const san = cert.subjectAltName ?? '';
  const dnsNames: string[] = [];
  const ipAddresses: string[] = [];
  for (const part of san.split(/,\s*/)) {
    if (part.startsWith('DNS:')) dnsNames.push(part.slice(4));
    else if (part.startsWith('IP Address:')) ipAddresses.push(part.slice(11).toLowerCase());
  }
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1] ?? '';
  return {
    subject: goName(cert.subject),
    issuer: goName(cert.issuer),
    validFrom: new Date(cert.validFrom),
    validTo: new Date(cert.validTo),
    dnsNames,
    ipAddresses,
    hasSan: san !== '',
    commonName: cn,
  };
}

function peerChain(socket: tls.TLSSocket): PeerCertificate[] {
  const chain: PeerCertificate[] = [];
  let current: tls.DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  const seen = new Set<string>();
  while (current && current.raw && current.raw.length > 0) {
    const fp = current.fingerprint256;
    if (seen.has(fp)) break;
    seen.add(fp);
    try {
      chain.push(describeCertificate(new X509Certificate(current.raw)));
    } catch {
      break;
    }
    current = current.issuerCertificate;
  }
  return chain;
}

// A secure context per root set: building one from ~150 PEMs costs a few milliseconds,
// which would otherwise be paid by every probe.
const contexts = new WeakMap<readonly string[], tls.SecureContext>();

function secureContextFor(ca: readonly string[]): tls.SecureContext {
  let ctx = contexts.get(ca);
  if (!ctx) {
    // An explicit (even empty) `ca` list replaces Node's bundled roots, as Go's own list does.
    ctx = tls.createSecureContext({ ca: [...ca] });
    contexts.set(ca, ctx);
  }
  return ctx;
}

function headerBlockEnd(buffer: Buffer): number {
  return buffer.indexOf('\r\n\r\n');
}

/** The real network, built on node:dns, node:net, node:tls and undici. */
export function createNodeNetwork(): Network {
  return {
    async lookup(hostname, signal) {
      // dns.lookup (getaddrinfo) cannot be cancelled; the abort only stops us waiting for it.
      return abortable<ResolvedAddress[]>(signal, () => undefined, (resolve, reject) => {
        dnsLookup(hostname, { all: true, verbatim: true }).then(
          (addresses) => resolve(addresses.map((a) => ({ address: a.address, family: a.family }))),
          reject,
        );
      });
    },

    async connect(address, port, signal) {
      let socket: net.Socket | undefined;
      return abortable<net.Socket>(signal, () => socket?.destroy(), (resolve, reject) => {
        socket = net.connect({ host: address, port });
        const s = socket;
        s.once('connect', () => {
          s.removeAllListeners('error');
          s.on('error', () => undefined); // later errors surface through the next phase
          resolve(s);
        });
        s.once('error', (error) => {
          s.destroy();
          reject(error);
        });
      });
    },

    async tlsHandshake(socket, options) {
      let tlsSocket: tls.TLSSocket | undefined;
      return abortable<TlsHandshake>(
        options.signal,
        () => {
          tlsSocket?.destroy();
          socket.destroy();
        },
        (resolve, reject) => {
          const recorder = headRecorder(socket);
          const fail = (error: unknown): void => reject(new TlsHandshakeError(error, recorder.head(), recorder.ended()));
          const connectOptions: tls.ConnectionOptions = {
            socket: recorder.stream,
            rejectUnauthorized: false,
            // Node would otherwise check the name against `host` (default `localhost`) and fold the
            // result into `authorized`; the probe applies Go's own name rules instead.
            checkServerIdentity: () => undefined,
            ALPNProtocols: ['http/1.1'],
          };
          if (options.servername !== undefined) connectOptions.servername = options.servername;
          if (options.ca !== undefined) connectOptions.secureContext = secureContextFor(options.ca);
          const t = tls.connect(connectOptions);
          tlsSocket = t;
          t.once('secureConnect', () => {
            t.removeAllListeners('error');
            t.on('error', () => undefined);
            const handshake: TlsHandshake = { socket: t, chainVerified: t.authorized, chain: peerChain(t) };
            const authError = t.authorizationError as unknown;
            if (!t.authorized && authError !== undefined && authError !== null) {
              handshake.chainError = authError instanceof Error ? ((authError as NodeJS.ErrnoException).code ?? authError.message) : String(authError);
            }
            resolve(handshake);
          });
          t.once('error', (error) => {
            t.destroy();
            socket.destroy();
            fail(error);
          });
          t.once('close', () => fail(new NetworkError('EOF', 'connection closed during the TLS handshake')));
        },
      );
    },

    async tunnel(socket, authority, headers, maxHeaderBytes, signal) {
      return abortable<TunnelResponse>(signal, () => socket.destroy(), (resolve, reject) => {
        // Chunks are kept as they come and joined once: joining on every chunk would cost quadratic
        // time for a proxy that drips megabytes of headers.
        const chunks: Buffer[] = [];
        let received = 0;
        let tail = Buffer.alloc(0);
        const finish = (): void => {
          socket.off('data', onData);
          socket.off('error', onError);
          socket.off('close', onClose);
          socket.pause();
        };
        const onData = (chunk: Buffer): void => {
          chunks.push(chunk);
          received += chunk.length;
          // The blank line may straddle two chunks: search the previous chunk's last 3 bytes too.
          const window = Buffer.concat([tail, chunk]);
          tail = window.subarray(Math.max(0, window.length - 3));
          if (headerBlockEnd(window) < 0) {
            if (received > maxHeaderBytes) {
              finish();
              socket.destroy();
              reject(new NetworkError('HEADERS_OVERFLOW', `proxy response headers exceed ${maxHeaderBytes} bytes`));
            }
            return;
          }
          finish();
          const buffered = Buffer.concat(chunks, received);
          const statusLine = buffered.subarray(0, buffered.indexOf('\r\n')).toString('latin1');
          const m = /^HTTP\/\d\.\d (\d{3})(?: (.*))?$/.exec(statusLine);
          if (!m) {
            socket.destroy();
            reject(new NetworkError('MALFORMED', `malformed HTTP response ${JSON.stringify(statusLine.slice(0, 80))}`));
            return;
          }
          resolve({ statusCode: Number(m[1]), statusText: m[2] ?? '' });
        };
        const onError = (error: Error): void => {
          finish();
          reject(error);
        };
        const onClose = (): void => {
          finish();
          reject(new NetworkError('EOF', 'EOF'));
        };
        socket.on('data', onData);
        socket.on('error', onError);
        socket.on('close', onClose);
        const lines = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`];
        for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
        socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      });
    },

    async httpRequest(socket, spec) {
      let client: Client | undefined;
      let controller: Dispatcher.DispatchController | undefined;
      const teardown = (): void => {
        controller?.abort(new AbortedError());
        void client?.destroy().catch(() => undefined);
        socket.destroy();
      };
      try {
        const HttpClient = await preloadHttpClient();
        // Inside the try: whatever the constructor rejects (an origin undici cannot speak to), the
        // socket is still closed below, so nothing keeps the process alive.
        const http = new HttpClient(spec.origin, {
          // undici stalls if the connector answers synchronously, so hand the socket over a tick later.
          connect: (_options, callback) => {
            process.nextTick(() => callback(null, socket));
          },
          maxHeaderSize: spec.maxHeaderBytes,
          headersTimeout: 0,
          bodyTimeout: 0,
          pipelining: 1,
        });
        client = http;
        return await abortable<HttpResponse>(spec.signal, teardown, (resolve, reject) => {
          let statusCode = 0;
          let statusText = '';
          let headers: Record<string, string | string[]> = {};
          const chunks: Buffer[] = [];
          let size = 0;
          let capped = false;
          const handler: Dispatcher.DispatchHandler = {
            onRequestStart(c) {
              controller = c;
            },
            onResponseStart(_c, code, responseHeaders, message) {
              statusCode = code;
              statusText = message ?? '';
              headers = {};
              for (const [name, value] of Object.entries(responseHeaders)) {
                if (value !== undefined) headers[name.toLowerCase()] = value;
              }
              spec.onResponseStart?.(statusCode, statusText, headers);
            },
            onResponseData(c, chunk) {
              if (capped) return;
              const room = spec.maxBodyBytes - size;
              chunks.push(chunk.length > room ? chunk.subarray(0, Math.max(room, 0)) : chunk);
              size += Math.min(chunk.length, Math.max(room, 0));
              spec.onBodyProgress?.(size);
              if (chunk.length > room) {
                capped = true;
                resolve({ statusCode, statusText, headers, body: Buffer.concat(chunks), truncated: true });
                c.abort(new NetworkError('BODY_CAPPED', 'body capped'));
              }
            },
            onResponseEnd() {
              resolve({ statusCode, statusText, headers, body: Buffer.concat(chunks), truncated: false });
            },
            onResponseError(_c, error) {
              if (capped) return;
              reject(error);
            },
          };
          http.dispatch({ path: spec.path, method: 'GET', headers: spec.headers }, handler);
        });
      } finally {
        void client?.destroy().catch(() => undefined);
        socket.destroy();
      }
    },

    async openFile(path, maxBytes) {
      // Only regular files are opened: a FIFO named by a file:// entry would block the open for ever.
      const opened = await openRegularFile(path);
      if (!opened.ok) {
        if (opened.code === 'EISDIR') return { ok: true, head: Buffer.alloc(0), size: 0, isDirectory: true };
        return { ok: false, code: opened.code, message: opened.message };
      }
      try {
        const buffer = Buffer.alloc(Math.min(maxBytes, opened.size));
        const { bytesRead } = await opened.handle.read(buffer, 0, buffer.length, 0);
        return { ok: true, head: buffer.subarray(0, bytesRead), size: opened.size, isDirectory: false };
      } catch (error) {
        const err = error as NodeJS.ErrnoException;
        return { ok: false, code: err.code ?? 'EIO', message: err.message };
      } finally {
        await opened.handle.close().catch(() => undefined);
      }
    },
  };
}
