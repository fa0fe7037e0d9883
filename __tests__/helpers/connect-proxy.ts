/**
 * A loopback HTTP forward proxy (CONNECT tunnels and absolute-URI GET) for testing how `go`
 * behaves behind HTTPS_PROXY / HTTP_PROXY.
 *
 * Go never sends loopback targets through a proxy (go1.23 src/vendor/golang.org/x/net/http/httpproxy/proxy.go
 * useProxy: "localhost" and loopback IPs are always direct). So a test points GOPROXY at a name
 * under `.invalid` (reserved: it can never resolve) and this proxy, which does the resolving
 * for the client, maps that name to 127.0.0.1. No other target is ever contacted.
 */
import { STATUS_CODES, createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import { closeServer, listenOnLoopback } from './listen.js';

/** Options for {@link startConnectProxy}. */
export interface ConnectProxyOptions {
  /** Require `Proxy-Authorization: Basic …`; without it answer 407 with `Proxy-Authenticate`. */
  requireAuth?: { user: string; password: string };
  /** Host names ending with this suffix map to 127.0.0.1 (same port). Default `.invalid`. */
  mappedSuffix?: string;
  /** Explicit mappings to a 127.0.0.1 port, keyed `host:port` or `host`; e.g. `{ 'proxy.goproxy-doctor.invalid:443': 41234 }`. */
  hostMap?: Record<string, number>;
  /**
   * Answer every CONNECT with this status instead of tunnelling (a proxy that blocks the target).
   * Go reports only the reason phrase, e.g. `Get "https://…": Forbidden`.
   */
  connectStatus?: number;
}

/** One request the proxy received. */
export interface ProxyRequestRecord {
  /** `CONNECT` or the forwarded method. */
  method: string;
  /** `host:port` for CONNECT, the absolute URI otherwise. */
  target: string;
  headers: Record<string, string | string[] | undefined>;
  /** The loopback `127.0.0.1:<port>` it was sent to, when it was. */
  mappedTo?: string;
  /** The status the proxy itself answered (200 for an established tunnel). */
  status: number;
}

/** A running forward proxy. */
export interface ConnectProxy {
  /** `http://127.0.0.1:<port>`: the value for HTTPS_PROXY / HTTP_PROXY. */
  url: string;
  port: number;
  /** `http://<user>:<password>@127.0.0.1:<port>` (percent-encoded userinfo). */
  urlWithAuth(user: string, password: string): string;
  requests: ProxyRequestRecord[];
  /** Stops listening and destroys every tunnel and connection. */
  close(): Promise<void>;
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** Splits `host:port` (IPv6 in brackets allowed). */
function splitHostPort(target: string, defaultPort: number): { host: string; port: number } | undefined {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(target);
  if (!match) return undefined;
  return { host: (match[1] ?? '').toLowerCase(), port: match[2] !== undefined ? Number(match[2]) : defaultPort };
}

/**
 * Starts the proxy on a free 127.0.0.1 port. Refused targets (anything not loopback, not under
 * `mappedSuffix` and not in `hostMap`) get 403 and are never dialled.
 */
export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const suffix = (options.mappedSuffix ?? '.invalid').toLowerCase();
  const requests: ProxyRequestRecord[] = [];
  const sockets = new Set<Socket>();
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const expected = options.requireAuth
    ? `Basic ${Buffer.from(`${options.requireAuth.user}:${options.requireAuth.password}`, 'utf8').toString('base64')}`
    : undefined;

  const mapTarget = (host: string, port: number): number | undefined => {
    const explicit = options.hostMap?.[`${host}:${port}`] ?? options.hostMap?.[host];
    if (explicit !== undefined) return explicit;
    if (LOOPBACK_NAMES.has(host)) return port;
    if (host === suffix.replace(/^\./, '') || host.endsWith(suffix.startsWith('.') ? suffix : `.${suffix}`)) return port;
    return undefined;
  };

  const authorised = (req: IncomingMessage): boolean => expected === undefined || req.headers['proxy-authorization'] === expected;

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const record: ProxyRequestRecord = { method: req.method ?? 'GET', target: req.url ?? '', headers: { ...req.headers }, status: 0 };
    requests.push(record);
    const answer = (status: number, body: string, headers: Record<string, string> = {}): void => {
      record.status = status;
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body), ...headers });
      res.end(body);
    };
    if (!authorised(req)) return answer(407, 'proxy authentication required\n', { 'Proxy-Authenticate': 'Basic realm="test proxy"' });
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      return answer(400, 'this is a proxy: send an absolute URI\n');
    }
    if (url.protocol !== 'http:') return answer(400, 'only http:// is forwarded; use CONNECT for https\n');
    const port = mapTarget(url.hostname.toLowerCase(), url.port === '' ? 80 : Number(url.port));
    if (port === undefined) return answer(403, `target ${url.host} is not allowed by the test proxy\n`);
    record.mappedTo = `127.0.0.1:${port}`;
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = httpRequest({ host: '127.0.0.1', port, method: req.method, path: `${url.pathname}${url.search}`, headers }, (up) => {
      record.status = up.statusCode ?? 502;
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('socket', track);
    upstream.on('error', () => {
      if (!res.headersSent) answer(502, 'upstream connection failed\n');
      else res.destroy();
    });
    req.pipe(upstream);
  });

  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const record: ProxyRequestRecord = { method: 'CONNECT', target: req.url ?? '', headers: { ...req.headers }, status: 0 };
    requests.push(record);
    const refuse = (status: number, reason: string, extra = ''): void => {
      record.status = status;
      client.end(`HTTP/1.1 ${status} ${reason}\r\n${extra}Content-Length: 0\r\n\r\n`);
    };
    if (!authorised(req)) return refuse(407, 'Proxy Authentication Required', 'Proxy-Authenticate: Basic realm="test proxy"\r\n');
    if (options.connectStatus !== undefined) return refuse(options.connectStatus, STATUS_CODES[options.connectStatus] ?? 'Refused');
    const target = splitHostPort(req.url ?? '', 443);
    const port = target ? mapTarget(target.host, target.port) : undefined;
    if (port === undefined) return refuse(403, 'Forbidden');
    record.mappedTo = `127.0.0.1:${port}`;
    const upstream = connect(port, '127.0.0.1');
    track(upstream);
    upstream.once('connect', () => {
      record.status = 200;
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => {
      if (record.status === 0) refuse(502, 'Bad Gateway');
      else client.destroy();
    });
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
  });

  server.on('connection', track);
  server.on('clientError', (_err, socket: Socket) => socket.destroy());

  const port = await listenOnLoopback(server);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    urlWithAuth: (user, password) => `http://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    requests,
    close: async () => {
      await closeServer(server, sockets);
    },
  };
}
