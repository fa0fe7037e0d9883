/**
 * Probing one URL the way `go` would reach it, phase by phase: name lookup, TCP connect,
 * the proxy (HTTPS_PROXY/HTTP_PROXY by Go's rules, CONNECT for https), the TLS handshake checked
 * against Go's roots with Go's error wording, then one GET with Go's redirect rules
 * (go1.23 src/cmd/go/internal/web/http.go:47-73, src/net/http/client.go). Everything is bounded:
 * one timeout for the whole probe, a cap on headers and body, at most 10 redirects.
 *
 * Secrets (URL passwords, .netrc passwords, Authorization values) never reach the result, even
 * when a server echoes them back: server-supplied text is scrubbed of the known credentials (in every
 * encoding) where it enters the result, and every string leaves through `safeText`, which removes
 * secrets by position (URL userinfo, Authorization values, credential query parameters).
 */
import { performance } from 'node:perf_hooks';
import type net from 'node:net';
import { NOT_REGULAR_FILE } from '../bounded-file.js';
import { echoForms, redactUrl, safeText, scrubEchoedSecrets } from '../redact.js';
import type { AttachedCredentials, GoAuthSession } from './goauth.js';
import type { GoRoots } from './tlsroots.js';
import type { ProxyConfig, ProxyDecision } from './httpproxy.js';
import { joinHostPort, proxyForUrl } from './httpproxy.js';
import { basicAuthorization, goAtLeast } from './netrc.js';
import type { HttpResponse, Network, PeerCertificate, TlsHandshake } from './network.js';
import { AbortedError, TLS_RECORD_HEADER_BYTES, TlsHandshakeError, createNodeNetwork } from './network.js';

/** Where a probe stopped: the failing phase, or `done` after a 200. */
export type ProbePhase = 'config' | 'dns' | 'connect' | 'proxy' | 'tls' | 'http' | 'done';

/** Milliseconds spent in each phase (summed over redirect hops). */
export interface PhaseTimings {
  dns?: number;
  connect?: number;
  /** The CONNECT exchange (and TLS to an https proxy). */
  proxy?: number;
  tls?: number;
  /** From sending the request to the end of the (capped) body. */
  http?: number;
  total: number;
}

/** What the server's certificate looked like and whether Go would accept it. */
export interface TlsReport {
  subject: string;
  issuer: string;
  /** ISO 8601. */
  validFrom: string;
  validTo: string;
  dnsNames: string[];
  ipAddresses: string[];
  /** Go would accept it (chain to Go's roots, validity, host name). */
  verified: boolean;
  /** Go's crypto/x509 wording, without the `tls: failed to verify certificate: ` prefix. */
  verifyError?: string;
  verifyProblem?: CertificateProblem;
  /** Certificates the server sent. */
  chainLength: number;
}

/**
 * The limit a misbehaving server ran into. `redirects` is go's own rule (it stops after 10 too);
 * the others are the probe's (see {@link ProbeLimit}): `body` only shortens what is kept of a
 * response, the rest stop the probe where go would have gone on or behaved differently.
 */
export type LimitHit = 'redirects' | 'body' | ProbeLimit;

/**
 * A limit of the probe itself, not of go: the deadline (go has none for these requests), response
 * headers over a `maxHeaderBytes` set below go's 10 MiB, a TLS certificate message over OpenSSL's
 * 100 KiB (go accepts 256 KiB, go1.26 src/crypto/tls/common.go:70), a `file://` entry that is a FIFO
 * or device (go would block on it). A probe stopped by one has no `goError`: go would not print that.
 */
export type ProbeLimit = 'timeout' | 'headers' | 'cert-chain' | 'not-regular-file';

const PROBE_LIMITS: ReadonlySet<LimitHit> = new Set<ProbeLimit>(['timeout', 'headers', 'cert-chain', 'not-regular-file']);

/** True when `limit` is the probe's own, so the failure says nothing about what go would do. */
export function isProbeLimit(limit: LimitHit | undefined): limit is ProbeLimit {
  return limit !== undefined && PROBE_LIMITS.has(limit);
}

/** Why Go would refuse a certificate, as a fact (the text is in `verifyError`). */
export type CertificateProblem = 'unknown-authority' | 'expired' | 'wrong-name' | 'no-ip-san' | 'legacy-common-name' | 'no-names' | 'roots-unavailable';

/**
 * What stopped the probe, as facts rather than text, so callers classify failures without reading
 * wording the probe produced itself. `code` is the error code the operating system, OpenSSL or the
 * HTTP client gave (ECONNREFUSED, ETIMEDOUT, ENOTFOUND, ERR_SSL_WRONG_VERSION_NUMBER, UND_ERR_SOCKET, …).
 */
export interface ProbeFailure {
  phase: ProbePhase;
  code?: string;
  /** The HTTP proxy's reply to CONNECT, when it was not 200. */
  connectStatus?: number;
  certificate?: CertificateProblem;
  /**
   * The peer answered the TLS ClientHello with something that is not a TLS record: its first
   * record header has a type other than handshake/alert or a version >= 0x1000
   * (go1.26 src/crypto/tls/conn.go:664-670). Go then says `tls: first record does not look like a
   * TLS handshake`, or, for a server (not an HTTPS proxy) whose reply starts `HTTP/`,
   * `http: server gave HTTP response to HTTPS client` (go1.26 src/net/http/client.go:268-277).
   * The failing phase (`tls` or `proxy`) says whose handshake it was.
   */
  nonTlsReply?: boolean;
  /**
   * The reply starts with the five bytes `HTTP/`: a plain-HTTP server (or HTTP proxy) where TLS was
   * expected. Only this justifies "use http://"; any other non-TLS reply sets `nonTlsReply` alone.
   */
  plainHttpReply?: boolean;
  /** The probe stopped at its own limit, not at a failure go would have; there is no `goError`. */
  probeLimit?: ProbeLimit;
  /** The request was refused before any connection (credentials over http, a bad URL, an unsupported scheme). */
  refusedBeforeRequest?: boolean;
  /**
   * A redirect led to a scheme go cannot fetch (`ftp`, `gopher`, `file`, …): go fails with
   * `unsupported protocol scheme "<scheme>"` and connects nowhere; neither did the probe.
   */
  unsupportedScheme?: string;
  cancelled?: boolean;
}

/** The outcome of probing one URL. Every string is redacted and stripped of control characters. */
export interface EndpointResult {
  /** The probed URL, password redacted. */
  url: string;
  /** True only for a 200 answer, as cmd/go accepts nothing else. */
  ok: boolean;
  phase: ProbePhase;
  status?: number;
  /** The reason phrase the server sent. */
  statusText?: string;
  /** What went wrong, phrased like Go's own error where one exists (`dial tcp 127.0.0.1:1: connect: connection refused`). */
  errorText?: string;
  /** The full error as `go` prints it after `<module>@<version>: ` (`Get "…": …` or `reading …: 404 Not Found`). */
  goError?: string;
  timedOut?: boolean;
  limitHit?: LimitHit;
  /** Set whenever the probe did not complete an HTTP exchange: what stopped it, as facts. */
  failure?: ProbeFailure;
  timings: PhaseTimings;
  tls?: TlsReport;
  /** The proxy decision for the first hop. */
  proxy?: { used: boolean; url?: string; reason: ProxyDecision['reason']; source?: string; matchedEntry?: string };
  /** Redirects followed, in order (redacted URLs). */
  redirects: string[];
  /** The address actually connected to (the proxy's when proxied). */
  remoteAddress?: string;
  /**
   * Credentials sent with the request whose answer is reported (never the secret itself): from
   * `.netrc` (`machine`), the URL, or a GOAUTH `git <dir>`/command entry (`entry`); `prefix` is the
   * GOAUTH cache key that matched (Go 1.24+).
   */
  credentials?: { source: 'netrc' | 'userinfo' | 'git' | 'command'; machine?: string; entry?: string; prefix?: string; headerNames?: string[] };
  /**
   * Go 1.24+ sent the request twice: the first answer (this status, a 4xx) made it run GOAUTH again
   * for the URL and retry once (go1.26 src/cmd/go/internal/web/http.go:160-176). What is reported is the retry.
   */
  retriedAfterStatus?: number;
  /** Credentials of the first request when there was a retry. */
  firstCredentials?: EndpointResult['credentials'];
  contentType?: string;
  /** The start of the body, made safe to print. */
  bodySnippet?: string;
  /** Body bytes read (at most the cap). */
  bodyBytes?: number;
  bodyTruncated?: boolean;
  /** cmd/go's `server response:` detail for a non-200 text/plain answer. */
  serverResponse?: string;
  /** Something the probe could not evaluate (a SOCKS proxy, for instance). */
  notEvaluated?: string;
}

/** Basic credentials to attach, as cmd/go would find them. */
export interface BasicCredentials {
  login: string;
  password: string;
  /** The `.netrc` machine they came from, for the report. */
  machine?: string;
}

/** Options of {@link probeEndpoint}. */
export interface EndpointProbeOptions {
  /** Upper bound for the whole probe, redirects included. */
  timeoutMs: number;
  /** Cancels the probe early (Ctrl-C). */
  signal?: AbortSignal;
  /** Go's proxy settings; without them every request goes direct. */
  proxy?: ProxyConfig;
  /** Go's trusted roots; without them Node's defaults are used (as for the platform verifier). */
  roots?: GoRoots;
  /** `.netrc`/GOAUTH credentials for a URL, already matched by Go's version rules. Used on https only. */
  credentialsFor?: (rawUrl: string) => BasicCredentials | undefined;
  /**
   * The GOAUTH behaviour of the go command being mirrored (goauth.ts createGoAuthSession): when given,
   * it replaces `credentialsFor`, runs GOAUTH entries as go would, and makes a 4xx answer to an https
   * request retried once with fresh credentials (Go 1.24+). Share one session across the probes of one check.
   */
  goAuth?: GoAuthSession;
  /** The Go version whose wording to use (`tls: failed to verify certificate:` appears in 1.20+). Default current. */
  goVersion?: string;
  network?: Network;
  /** Body bytes kept (default 64 KiB); beyond that reading stops and `bodyTruncated` is set. */
  maxBodyBytes?: number;
  /** Response header bytes accepted (default 64 KiB; Go accepts up to 10 MB). */
  maxHeaderBytes?: number;
  /** Monotonic milliseconds, for timings. */
  clock?: () => number;
  /** Wall-clock time for certificate validity checks. */
  now?: () => Date;
  /** More strings to scrub from every output field. */
  secrets?: readonly string[];
  /** Receives the raw (capped) body of the final response, e.g. a signed tree head to verify. Never put it in output unredacted. */
  onBody?: (body: Buffer, status: number) => void;
}

/** Go's http.Client follows at most 10 redirects (go1.23 src/cmd/go/internal/web/http.go:64-73). */
export const MAX_REDIRECTS = 10;
const DEFAULT_MAX_BODY = 64 * 1024;
/**
 * Response header bytes go reads before giving up: Transport.MaxResponseHeaderBytes' default
 * (go1.26 src/net/http/transport.go:329-334), for responses and for a proxy's answer to CONNECT (:1907).
 */
export const GO_MAX_RESPONSE_HEADER_BYTES = 10 << 20;
const DEFAULT_MAX_HEADERS = GO_MAX_RESPONSE_HEADER_BYTES;
const SNIPPET_CHARS = 512;
const USER_AGENT = 'Go-http-client/1.1';
/** go1.27 names itself on its own requests (go1.27 src/cmd/go/internal/web/http.go:34,136), but not on GOAUTH's retry. */
const GO127_USER_AGENT = 'GoCommand/1 (+https://go.dev/cmd/go)';

function userAgent(goVersion: string, retry: boolean): string {
  return goAtLeast(goVersion, 27) && !retry ? GO127_USER_AGENT : USER_AGENT;
}

// ---------------------------------------------------------------------------------------------
// Go's wording for errors.

const ERRNO_TEXT: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network is unreachable',
  EADDRNOTAVAIL: 'cannot assign requested address',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ECONNRESET: 'connection reset by peer',
  EPIPE: 'broken pipe',
};

function errnoCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Go's text for a failed TCP connect: `dial tcp 127.0.0.1:1: connect: connection refused`. */
export function goDialError(address: string, port: number, error: unknown): string {
  const code = errnoCode(error);
  const text = code !== undefined ? ERRNO_TEXT[code] : undefined;
  return `dial tcp ${joinHostPort(address, String(port))}: connect: ${text ?? errorMessage(error)}`;
}

/** Go's text for a failed name lookup: `dial tcp: lookup x.invalid: no such host` (Go's own resolver adds ` on <server>:53`). */
export function goLookupError(host: string, error: unknown): string {
  const code = errnoCode(error);
  const text = code === 'ENOTFOUND' || code === 'ENODATA' ? 'no such host' : code === 'EAI_AGAIN' ? 'server misbehaving' : errorMessage(error);
  return `dial tcp: lookup ${host}: ${text}`;
}

// Record types go accepts as the first record from a server (go1.26 src/crypto/tls/common.go recordType).
const RECORD_TYPE_ALERT = 21;
const RECORD_TYPE_HANDSHAKE = 22;
// The largest record go reads: maxCiphertext (go1.26 src/crypto/tls/common.go:66).
const MAX_CIPHERTEXT = 16384 + 2048;

/** Go's verdict on the first bytes a server sent in reply to the ClientHello. */
export interface FirstRecordVerdict {
  text: string;
  nonTlsReply?: boolean;
  plainHttpReply?: boolean;
}

/**
 * What go says when the first record from the peer is not one it will read, judged from the
 * first bytes alone as go does (mirrors go1.26 src/crypto/tls/conn.go:625-676, readRecordOrCCS
 * before the version is known; identical in go1.19): fewer than 5 bytes then a clean close is
 * `EOF` (none) or `unexpected EOF`; type 0x80 is SSLv2; a type other than handshake/alert or a
 * version >= 0x1000 is not TLS at all; a length over maxCiphertext is an oversized record.
 * net/http turns "not TLS" into `http: server gave HTTP response to HTTPS client` only when the
 * header is exactly `HTTP/` and the error is not wrapped by `proxyconnect` (go1.26
 * src/net/http/client.go:268-277; transport.go wraps an HTTPS proxy's handshake error in a
 * net.OpError, which the type assertion there does not see). Returns undefined when the head is
 * a plausible TLS record: the failure is then further in and OpenSSL's error stands.
 */
export function goFirstRecordError(head: Buffer, serverEnded: boolean, peer: 'server' | 'proxy'): FirstRecordVerdict | undefined {
  if (head.length < TLS_RECORD_HEADER_BYTES) {
    if (!serverEnded) return undefined;
    return { text: head.length === 0 ? 'EOF' : 'unexpected EOF' };
  }
  const type = head[0] ?? 0;
  const version = ((head[1] ?? 0) << 8) | (head[2] ?? 0);
  const length = ((head[3] ?? 0) << 8) | (head[4] ?? 0);
  if (type === 0x80) return { text: 'tls: unsupported SSLv2 handshake received' };
  if ((type !== RECORD_TYPE_ALERT && type !== RECORD_TYPE_HANDSHAKE) || version >= 0x1000) {
    const plainHttp = head.subarray(0, TLS_RECORD_HEADER_BYTES).toString('latin1') === 'HTTP/';
    const text = plainHttp && peer === 'server' ? 'http: server gave HTTP response to HTTPS client' : 'tls: first record does not look like a TLS handshake';
    return { text, nonTlsReply: true, ...(plainHttp ? { plainHttpReply: true } : {}) };
  }
  if (length > MAX_CIPHERTEXT) return { text: `tls: oversized record received with length ${length}` };
  return undefined;
}

/** A TLS failure in go's words, with the facts behind it. */
export interface TlsFailure extends Partial<FirstRecordVerdict> {
  text: string;
  limit?: ProbeLimit;
}

/**
 * Go's text for a TLS-level failure that is not certificate verification. `conn` is
 * `<local>-><remote>`, which Go puts in read errors (`read tcp 127.0.0.1:5->127.0.0.1:6: …`).
 * `peer` says whose handshake failed: the URL's server, or the HTTPS proxy in front of it.
 */
export function goTlsFailure(error: unknown, conn: string | undefined, peer: 'server' | 'proxy'): TlsFailure {
  if (error instanceof TlsHandshakeError) {
    const verdict = goFirstRecordError(error.serverHead, error.serverEnded, peer);
    if (verdict) return verdict;
  }
  const code = errnoCode(error) ?? '';
  const message = errorMessage(error);
  if (code === 'ERR_SSL_EXCESSIVE_MESSAGE_SIZE' || /excessive message size/i.test(message)) {
    // OpenSSL refuses a certificate message over 100 KiB (its max_cert_list) and Node cannot raise
    // that; go reads up to 256 KiB. What go would decide is unknown, so nothing is put in its mouth.
    return {
      text: 'the TLS handshake carried a message larger than the probe can read (OpenSSL stops at 100 KiB; go accepts certificate chains up to 256 KiB): not evaluated',
      limit: 'cert-chain',
    };
  }
  const alert = /ALERT_([A-Z_]+)$/.exec(code);
  if (alert?.[1]) return { text: `remote error: tls: ${alert[1].toLowerCase().replace(/_/g, ' ')}` };
  if (code === 'ECONNRESET') return { text: readReset(conn) };
  if (code === 'EOF' || /socket disconnected|socket hang up/i.test(message)) return { text: 'EOF' };
  return { text: `tls: ${message}` };
}

/** {@link goTlsFailure}'s text alone, for a server's handshake. */
export function goTlsError(error: unknown, conn?: string): string {
  return goTlsFailure(error, conn, 'server').text;
}

function readReset(conn: string | undefined): string {
  return conn === undefined ? 'read: connection reset by peer' : `read tcp ${conn}: read: connection reset by peer`;
}

/**
 * Go's text for an HTTP exchange that broke before a complete response. Once the headers are in,
 * a connection that closes early is `unexpected EOF` (io.ReadAll of the body), before them `EOF`.
 */
function goHttpError(error: unknown, maxHeaderBytes: number, afterHeaders: boolean, conn?: string): { text: string; limit?: ProbeLimit } {
  const code = errnoCode(error) ?? '';
  if (code === 'UND_ERR_HEADERS_OVERFLOW') {
    // At go's own limit this is go's failure, worded as go1.26 src/net/http/transport.go:2352-2354.
    if (maxHeaderBytes >= GO_MAX_RESPONSE_HEADER_BYTES) return { text: `net/http: server response headers exceeded ${GO_MAX_RESPONSE_HEADER_BYTES} bytes; aborted` };
    return { text: `server response headers exceed ${maxHeaderBytes} bytes (probe limit; go accepts up to ${GO_MAX_RESPONSE_HEADER_BYTES} bytes)`, limit: 'headers' };
  }
  const cause = (error as { cause?: unknown }).cause;
  if (code === 'ECONNRESET' || errnoCode(cause) === 'ECONNRESET') return { text: readReset(conn) };
  if (code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED' || code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') {
    return { text: afterHeaders ? 'unexpected EOF' : 'EOF' };
  }
  if (code.startsWith('HPE_')) return { text: `net/http: HTTP/1.x transport connection broken: malformed HTTP response (${code})` };
  return { text: errorMessage(error) };
}

// Go formats times with time.RFC3339: `Z` for UTC, else the numeric offset.
function rfc3339(date: Date, offsetMinutes: number): string {
  const shifted = new Date(date.getTime() + offsetMinutes * 60_000);
  const base = shifted.toISOString().replace(/\.\d{3}Z$/, '');
  if (offsetMinutes === 0) return `${base}Z`;
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${base}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

// mirrors go1.23 src/crypto/x509/verify.go:1045-1091 (matchHostnames): case-insensitive labels,
// a leading `*` label matches exactly one label.
function matchHostname(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase().replace(/\.$/, '');
  const h = host.toLowerCase().replace(/\.$/, '');
  if (p === '' || h === '') return false;
  const pl = p.split('.');
  const hl = h.split('.');
  if (pl.length !== hl.length) return false;
  return pl.every((label, i) => (i === 0 && label === '*' ? (hl[i] ?? '') !== '' : label === hl[i]));
}

function normalizeIp(ip: string): string {
  return ip.toLowerCase().replace(/^\[|\]$/g, '');
}

function isIpLiteral(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}

// Expands an IPv6 text so two spellings of one address compare equal.
function ipKey(ip: string): string {
  const h = normalizeIp(ip);
  if (!h.includes(':')) return h;
  const [head = '', tail = ''] = h.split('::');
  const hs = head === '' ? [] : head.split(':');
  const ts = h.includes('::') ? (tail === '' ? [] : tail.split(':')) : [];
  const groups = h.includes('::') ? [...hs, ...new Array<string>(8 - hs.length - ts.length).fill('0'), ...ts] : hs;
  return groups.map((g) => g.replace(/^0+(?=.)/, '')).join(':');
}

/**
 * The x509 error Go would give for this handshake, or undefined when Go would accept it. Go checks
 * the leaf's validity period, then the host name, then the chain (go1.23 src/crypto/x509/verify.go:
 * 770-830, 570-600, 101-128).
 */
export function certificateVerdict(handshake: Pick<TlsHandshake, 'chainVerified' | 'chainError' | 'chain'>, host: string, now: Date, roots?: GoRoots): { problem: CertificateProblem; text: string } | undefined {
  const refuse = (problem: CertificateProblem, text: string): { problem: CertificateProblem; text: string } => ({ problem, text });
  if (roots && roots.kind === 'files' && roots.pems.length === 0 && roots.loadError !== undefined) {
    return refuse('roots-unavailable', `x509: failed to load system roots and no roots provided; ${roots.loadError}`);
  }
  const leaf = handshake.chain[0];
  if (!leaf) return refuse('unknown-authority', 'x509: certificate signed by unknown authority');
  const offset = -now.getTimezoneOffset();
  const expired = (cert: PeerCertificate): string | undefined => {
    if (now.getTime() < cert.validFrom.getTime()) {
      return `x509: certificate has expired or is not yet valid: current time ${rfc3339(now, offset)} is before ${rfc3339(cert.validFrom, 0)}`;
    }
    if (now.getTime() > cert.validTo.getTime()) {
      return `x509: certificate has expired or is not yet valid: current time ${rfc3339(now, offset)} is after ${rfc3339(cert.validTo, 0)}`;
    }
    return undefined;
  };
  const leafExpired = expired(leaf);
  if (leafExpired) return refuse('expired', leafExpired);
  const hostname = normalizeIp(host);
  if (isIpLiteral(hostname)) {
    if (!leaf.ipAddresses.some((ip) => ipKey(ip) === ipKey(hostname))) {
      if (!leaf.hasSan && matchHostname(leaf.commonName, hostname)) return refuse('legacy-common-name', 'x509: certificate relies on legacy Common Name field, use SANs instead');
      if (leaf.ipAddresses.length === 0) return refuse('no-ip-san', `x509: cannot validate certificate for ${hostname} because it doesn't contain any IP SANs`);
      return refuse('wrong-name', `x509: certificate is valid for ${leaf.ipAddresses.join(', ')}, not ${hostname}`);
    }
  } else if (!leaf.dnsNames.some((name) => matchHostname(name, hostname))) {
    if (!leaf.hasSan && matchHostname(leaf.commonName, hostname)) return refuse('legacy-common-name', 'x509: certificate relies on legacy Common Name field, use SANs instead');
    if (leaf.dnsNames.length === 0) return refuse('no-names', `x509: certificate is not valid for any names, but wanted to match ${hostname}`);
    return refuse('wrong-name', `x509: certificate is valid for ${leaf.dnsNames.join(', ')}, not ${hostname}`);
  }
  if (handshake.chainVerified) return undefined;
  const code = handshake.chainError ?? '';
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    for (const cert of handshake.chain.slice(1)) {
      const text = expired(cert);
      if (text) return refuse('expired', text);
    }
  }
  return refuse('unknown-authority', 'x509: certificate signed by unknown authority');
}

/** The x509 error Go would give for this handshake (its text only), or undefined when Go would accept it. */
export function goCertificateError(handshake: Pick<TlsHandshake, 'chainVerified' | 'chainError' | 'chain'>, host: string, now: Date, roots?: GoRoots): string | undefined {
  return certificateVerdict(handshake, host, now, roots)?.text;
}

/** `tls: failed to verify certificate: ` wraps x509 errors since Go 1.20 (go1.23 src/crypto/tls/common.go:1638-1640). */
export function goVerifyErrorPrefix(goVersion: string): string {
  return goAtLeast(goVersion, 20) ? 'tls: failed to verify certificate: ' : '';
}

const MAX_ERROR_DETAIL_LINES = 8;
const MAX_ERROR_DETAIL_BYTES = MAX_ERROR_DETAIL_LINES * 81;

/**
 * cmd/go's `server response:` detail (mirrors go1.23 src/cmd/go/internal/web/api.go:130-168 and
 * http.go:316-327): only for text/plain (utf-8, us-ascii or no charset), dropped when not valid
 * UTF-8 or when it holds non-graphic characters, cut at a blank line, 8 lines or 648 bytes.
 */
export function formatErrorDetail(contentType: string | undefined, body: Buffer): string {
  if (contentType === undefined) return '';
  const [mediaType = '', ...params] = contentType.split(';').map((p) => p.trim());
  if (mediaType.toLowerCase() !== 'text/plain') return '';
  const charsetParam = params.find((p) => /^charset=/i.test(p));
  const charset = (charsetParam?.slice('charset='.length) ?? '').replace(/^"|"$/g, '').toLowerCase();
  if (!['', 'utf-8', 'us-ascii'].includes(charset)) return '';
  // errorDetailBuffer keeps only the first maxErrorDetailLines+1 lines.
  let kept = body;
  let lines = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === 0x0a && ++lines > MAX_ERROR_DETAIL_LINES) {
      kept = body.subarray(0, i + 1);
      break;
    }
  }
  const s = kept.toString('utf8');
  if (!Buffer.from(s, 'utf8').equals(kept)) return '';
  for (const ch of s) {
    if (/\s/u.test(ch)) continue;
    if (!/[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]/u.test(ch)) return '';
  }
  let detail = '';
  const split = s.split('\n');
  for (let i = 0; i < split.length; i++) {
    const line = split[i] ?? '';
    if (line.trim() === '') break;
    if (i > 0) detail += '\n\t';
    if (i >= MAX_ERROR_DETAIL_LINES) {
      detail += '[Truncated: too many lines.]';
      break;
    }
    if (Buffer.byteLength(detail) + Buffer.byteLength(line) > MAX_ERROR_DETAIL_BYTES) {
      detail += '[Truncated: too long.]';
      break;
    }
    detail += line;
  }
  return detail;
}

/** cmd/go's error for a non-200 answer (mirrors go1.23 src/cmd/go/internal/web/api.go:48-70). */
export function goStatusError(redactedUrl: string, status: string, detail: string): string {
  if (detail === '') return `reading ${redactedUrl}: ${status}`;
  const sep = detail.includes('\n') ? '\n\t' : ' ';
  return `reading ${redactedUrl}: ${status}\n\tserver response:${sep}${detail}`;
}

/** net/http's `stripPassword` for `Get "<url>"` errors: the password becomes `***`. */
function stripPassword(url: URL): string {
  if (url.password === '') return url.href;
  const copy = new URL(url.href);
  copy.password = '***';
  return copy.href.replace('%2A%2A%2A', '***');
}

function redacted(url: URL): string {
  return redactUrl(url.href);
}

// mirrors go1.23 src/net/http/client.go:988-1028 (shouldCopyHeaderOnRedirect, isDomainOrSubdomain)
function shouldCopyAuthorization(initial: URL, dest: URL): boolean {
  const ihost = initial.hostname.toLowerCase();
  const dhost = dest.hostname.toLowerCase();
  if (dhost === ihost) return true;
  if (/[:%]/.test(dhost)) return false;
  return dhost.endsWith(`.${ihost}`);
}

// ---------------------------------------------------------------------------------------------
// The probe.

/** A phase failed: the probe stops and reports it. */
class PhaseFailure extends Error {
  constructor(
    readonly phase: ProbePhase,
    readonly text: string,
    readonly extra: {
      timedOut?: boolean;
      limit?: LimitHit;
      notEvaluated?: string;
      goError?: string;
      code?: string;
      connectStatus?: number;
      certificate?: CertificateProblem;
      cancelled?: boolean;
      nonTlsReply?: boolean;
      plainHttpReply?: boolean;
      unsupportedScheme?: string;
    } = {},
  ) {
    super(text);
  }
}

interface ProbeState {
  result: EndpointResult;
  options: EndpointProbeOptions;
  network: Network;
  clock: () => number;
  signal: AbortSignal;
  timeoutFired: () => boolean;
  secrets: string[];
  maxBody: number;
  maxHeaders: number;
  goVersion: string;
  /** `<local>-><remote>` of the current connection, for Go's read errors. */
  conn?: string;
  /** The URL as first requested, redacted: cmd/go names it in body read errors. */
  initialRedacted: string;
  /** The URL as given (go's URL.String() of it is what GOAUTH sees). */
  rawUrl: string;
}

function addTiming(state: ProbeState, phase: Exclude<keyof PhaseTimings, 'total'>, started: number): void {
  const elapsed = state.clock() - started;
  state.result.timings[phase] = Math.round(((state.result.timings[phase] ?? 0) + elapsed) * 10) / 10;
}

// Turns an abort into the phase's timeout message, anything else through `describe`.
function failure(state: ProbeState, phase: ProbePhase, error: unknown, timeoutText: string, describe: (e: unknown) => string): PhaseFailure {
  if (error instanceof PhaseFailure) return error;
  if (error instanceof AbortedError || state.signal.aborted) {
    if (state.timeoutFired()) return new PhaseFailure(phase, `${timeoutText} (probe timeout ${state.options.timeoutMs} ms)`, { timedOut: true, limit: 'timeout' });
    return new PhaseFailure(phase, 'probe cancelled', { cancelled: true });
  }
  const code = errnoCode(error) ?? errnoCode((error as { cause?: unknown } | null)?.cause);
  return new PhaseFailure(phase, describe(error), code !== undefined ? { code } : {});
}

// A failed TLS handshake (with the URL's server or with an HTTPS proxy) in go's words, keeping the
// facts behind them: a reply that is not TLS, plain HTTP, or the probe's own size limit.
function tlsHandshakeFailure(state: ProbeState, phase: ProbePhase, error: unknown, timeoutText: string, peer: 'server' | 'proxy'): PhaseFailure {
  if (error instanceof PhaseFailure || error instanceof AbortedError || state.signal.aborted) return failure(state, phase, error, timeoutText, () => '');
  const mapped = goTlsFailure(error, state.conn, peer);
  const code = errnoCode(error) ?? errnoCode((error as { cause?: unknown } | null)?.cause);
  return new PhaseFailure(phase, peer === 'proxy' && !mapped.limit ? `proxyconnect tcp: ${mapped.text}` : mapped.text, {
    ...(code !== undefined ? { code } : {}),
    ...(mapped.nonTlsReply ? { nonTlsReply: true } : {}),
    ...(mapped.plainHttpReply ? { plainHttpReply: true } : {}),
    ...(mapped.limit ? { limit: mapped.limit, notEvaluated: 'a TLS handshake message over the probe\'s size limit' } : {}),
  });
}

async function resolveAndConnect(state: ProbeState, host: string, port: number, viaProxy: boolean): Promise<net.Socket> {
  const prefix = viaProxy ? 'proxyconnect tcp: ' : '';
  const failPhase: ProbePhase = viaProxy ? 'proxy' : 'dns';
  let addresses: string[];
  if (isIpLiteral(host)) {
    addresses = [normalizeIp(host)];
  } else {
    const started = state.clock();
    try {
      addresses = (await state.network.lookup(host, state.signal)).map((a) => a.address);
    } catch (error) {
      throw failure(state, failPhase, error, `${prefix}lookup ${host}: no answer`, (e) => prefix + goLookupError(host, e));
    } finally {
      addTiming(state, 'dns', started);
    }
    if (addresses.length === 0) throw new PhaseFailure(failPhase, `${prefix}dial tcp: lookup ${host}: no such host`, { code: 'ENOTFOUND' });
  }
  const started = state.clock();
  let firstError: PhaseFailure | undefined;
  try {
    // Go dials the addresses in order and reports the first error when all fail.
    for (const address of addresses) {
      try {
        const socket = await state.network.connect(address, port, state.signal);
        state.result.remoteAddress = joinHostPort(address, String(port));
        if (socket.localAddress !== undefined && socket.localPort !== undefined) {
          state.conn = `${joinHostPort(socket.localAddress, String(socket.localPort))}->${state.result.remoteAddress}`;
        }
        return socket;
      } catch (error) {
        const f = failure(state, viaProxy ? 'proxy' : 'connect', error, `${prefix}dial tcp ${joinHostPort(address, String(port))}: no answer`, (e) => prefix + goDialError(address, port, e));
        if (f.extra.timedOut || f.text === 'probe cancelled') throw f;
        firstError ??= f;
      }
    }
  } finally {
    addTiming(state, 'connect', started);
  }
  throw firstError ?? new PhaseFailure('connect', `${prefix}dial tcp: no address`);
}

function defaultPort(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

function hostOf(url: URL): string {
  return normalizeIp(url.hostname);
}

// One request: connection (possibly through a proxy), TLS, GET. Throws PhaseFailure.
async function hop(state: ProbeState, url: URL, credentialHeaders: ReadonlyArray<readonly [string, string]> | undefined, first: boolean, retry = false): Promise<HttpResponse> {
  // net/http's Transport refuses any other scheme before it dials (go1.26 src/net/http/transport.go
  // roundTrip: `unsupported protocol scheme`), so no connection is made for it, proxied or not.
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const scheme = url.protocol.replace(/:$/, '');
    throw new PhaseFailure('http', `unsupported protocol scheme ${JSON.stringify(scheme)}`, { unsupportedScheme: scheme });
  }
  const decision: ProxyDecision = state.options.proxy ? proxyForUrl(state.options.proxy, url, state.goVersion) : { proxyUrl: null, reason: 'no-proxy-configured' };
  if (first) {
    state.result.proxy = { used: decision.proxyUrl !== null, reason: decision.reason };
    if (decision.proxyUrl) state.result.proxy.url = redacted(decision.proxyUrl);
    if (decision.source !== undefined) state.result.proxy.source = decision.source;
    if (decision.matchedEntry !== undefined) state.result.proxy.matchedEntry = decision.matchedEntry;
  }
  if (decision.error !== undefined) throw new PhaseFailure('proxy', decision.error);
  const proxy = decision.proxyUrl;
  if (proxy && proxy.protocol !== 'http:' && proxy.protocol !== 'https:') {
    throw new PhaseFailure('proxy', `${proxy.protocol.replace(/:$/, '')} proxies are not probed`, { notEvaluated: `${proxy.protocol.replace(/:$/, '')} proxy` });
  }
  const proxyAuth = proxy && (proxy.username !== '' || proxy.password !== '')
    ? basicAuthorization(decodeURIComponent(proxy.username), decodeURIComponent(proxy.password))
    : undefined;
  if (proxyAuth) state.secrets.push(proxyAuth.slice('Basic '.length), decodeURIComponent(proxy?.password ?? ''), proxy?.password ?? '');

  const target = proxy ?? url;
  let socket = await resolveAndConnect(state, hostOf(target), defaultPort(target), proxy !== null);

  if (proxy && proxy.protocol === 'https:') {
    const started = state.clock();
    try {
      const handshake = await state.network.tlsHandshake(socket, {
        servername: isIpLiteral(hostOf(proxy)) ? undefined : hostOf(proxy),
        ca: state.options.roots?.kind === 'files' ? state.options.roots.pems : undefined,
        signal: state.signal,
      });
      const proxyCertificate = certificateVerdict(handshake, hostOf(proxy), (state.options.now ?? (() => new Date()))(), state.options.roots);
      if (proxyCertificate) {
        handshake.socket.destroy();
        throw new PhaseFailure('proxy', `proxyconnect tcp: ${goVerifyErrorPrefix(state.goVersion)}${proxyCertificate.text}`, { certificate: proxyCertificate.problem });
      }
      socket = handshake.socket;
    } catch (error) {
      throw tlsHandshakeFailure(state, 'proxy', error, 'proxyconnect tcp: TLS handshake with the proxy did not finish', 'proxy');
    } finally {
      addTiming(state, 'proxy', started);
    }
  }

  if (proxy && url.protocol === 'https:') {
    const started = state.clock();
    const authority = joinHostPort(hostOf(url), String(defaultPort(url)));
    const headers: Record<string, string> = { 'User-Agent': USER_AGENT };
    if (proxyAuth) headers['Proxy-Authorization'] = proxyAuth;
    try {
      const answer = await state.network.tunnel(socket, authority, headers, state.maxHeaders, state.signal);
      if (answer.statusCode !== 200) {
        socket.destroy();
        // mirrors go1.23 src/net/http/transport.go:1844-1851: only the reason phrase is reported.
        const text = answer.statusText.trim() === '' ? 'unknown status code' : serverText(state, answer.statusText.trim());
        throw new PhaseFailure('proxy', text, { connectStatus: answer.statusCode });
      }
    } catch (error) {
      if (errnoCode(error) === 'HEADERS_OVERFLOW' && !state.signal.aborted) {
        // The probe stopped reading; go reads up to 10 MiB here (go1.26 src/net/http/transport.go:1907).
        throw new PhaseFailure('proxy', `the proxy's answer to CONNECT ${authority} has over ${state.maxHeaders} bytes of headers; the probe stopped reading`, { limit: 'headers' });
      }
      throw failure(state, 'proxy', error, `proxy did not answer CONNECT ${authority}`, (e) => `proxyconnect tcp: ${errorMessage(e)}`);
    } finally {
      addTiming(state, 'proxy', started);
    }
  }

  if (url.protocol === 'https:') {
    const started = state.clock();
    const host = hostOf(url);
    try {
      const handshake = await state.network.tlsHandshake(socket, {
        servername: isIpLiteral(host) ? undefined : host,
        ca: state.options.roots?.kind === 'files' ? state.options.roots.pems : undefined,
        signal: state.signal,
      });
      socket = handshake.socket;
      const verdict = certificateVerdict(handshake, host, (state.options.now ?? (() => new Date()))(), state.options.roots);
      const certError = verdict?.text;
      const leaf = handshake.chain[0];
      if (first && leaf) {
        state.result.tls = {
          subject: leaf.subject,
          issuer: leaf.issuer,
          validFrom: leaf.validFrom.toISOString(),
          validTo: leaf.validTo.toISOString(),
          dnsNames: leaf.dnsNames,
          ipAddresses: leaf.ipAddresses,
          verified: certError === undefined,
          chainLength: handshake.chain.length,
        };
        if (verdict !== undefined) {
          state.result.tls.verifyError = verdict.text;
          state.result.tls.verifyProblem = verdict.problem;
        }
      }
      if (verdict !== undefined) {
        socket.destroy();
        throw new PhaseFailure('tls', `${goVerifyErrorPrefix(state.goVersion)}${verdict.text}`, { certificate: verdict.problem });
      }
    } catch (error) {
      throw tlsHandshakeFailure(state, 'tls', error, 'TLS handshake did not finish; go gives up after 10 s with "net/http: TLS handshake timeout"', 'server');
    } finally {
      addTiming(state, 'tls', started);
    }
  }

  // Through a plain-HTTP proxy an http URL is sent in absolute form to the proxy.
  const absoluteForm = proxy !== null && url.protocol === 'http:';
  const headers: Record<string, string> = { host: url.host, 'user-agent': userAgent(state.goVersion, retry) };
  // Repeated names (a GOAUTH command may print several values) go as one comma-joined field.
  for (const [name, value] of credentialHeaders ?? []) {
    const key = name.toLowerCase();
    const had = headers[key];
    // net/http ignores a Host header; go1.27 sets its own User-Agent after GOAUTH's headers, earlier ones keep a command's.
    if (key === 'host' || (key === 'user-agent' && (had !== USER_AGENT || (goAtLeast(state.goVersion, 27) && !retry)))) continue;
    headers[key] = key === 'user-agent' || had === undefined ? value : `${had}, ${value}`;
  }
  if (absoluteForm && proxyAuth) headers['proxy-authorization'] = proxyAuth;
  const requestTarget = new URL(url.href);
  requestTarget.username = '';
  requestTarget.password = '';
  requestTarget.hash = '';
  const path = absoluteForm ? requestTarget.href : `${url.pathname}${url.search}`;
  const origin = absoluteForm && proxy ? proxy.origin : url.origin;
  const started = state.clock();
  let gotHeaders = false;
  let bodyBytes = 0;
  try {
    return await state.network.httpRequest(socket, {
      origin,
      path,
      headers,
      maxHeaderBytes: state.maxHeaders,
      maxBodyBytes: state.maxBody,
      signal: state.signal,
      onResponseStart: (code, text) => {
        gotHeaders = true;
        state.result.status = code;
        state.result.statusText = serverText(state, text);
      },
      onBodyProgress: (bytes) => {
        bodyBytes = bytes;
      },
    });
  } catch (error) {
    const mapped = goHttpError(error, state.maxHeaders, gotHeaders, state.conn);
    if (mapped.limit && !state.signal.aborted) throw new PhaseFailure('http', mapped.text, { limit: mapped.limit });
    if (errnoCode(error) === 'UND_ERR_HEADERS_OVERFLOW' && !state.signal.aborted) throw new PhaseFailure('http', mapped.text);
    const timeoutText = gotHeaders
      ? `response body still incomplete (${bodyBytes} bytes received); go would keep waiting`
      : 'no response headers; go has no timeout here and would wait indefinitely';
    const f = failure(state, 'http', error, timeoutText, () => mapped.text);
    // A body that breaks off is reported by cmd/go as `read "<URL>": …` (modfetch/proxy.go getBytes).
    if (gotHeaders && !f.extra.timedOut && f.text !== 'probe cancelled') {
      throw new PhaseFailure('http', f.text, { ...f.extra, goError: `read ${JSON.stringify(state.initialRedacted)}: ${f.text}` });
    }
    throw f;
  } finally {
    addTiming(state, 'http', started);
  }
}

function headerValue(headers: Record<string, string | string[]>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** What the probe says about attached GOAUTH credentials: their source, never the values. */
function describeAttached(credentials: AttachedCredentials): NonNullable<EndpointResult['credentials']> {
  const source = credentials.source;
  const described: NonNullable<EndpointResult['credentials']> = { source: source.kind, prefix: credentials.prefix, headerNames: [...credentials.headerNames] };
  if (source.kind === 'netrc') described.machine = source.machine;
  if (source.kind === 'command') described.entry = source.command;
  if (source.kind === 'git') described.entry = `git ${source.dir}`;
  return described;
}

/** Every form of a header value a server could echo back: the value, and its token after the scheme. */
function credentialSecrets(headers: ReadonlyArray<readonly [string, string]>): string[] {
  const out: string[] = [];
  for (const [, value] of headers) {
    out.push(value);
    const space = value.indexOf(' ');
    if (space > 0 && value.slice(space + 1).trim() !== '') out.push(value.slice(space + 1).trim());
  }
  return out;
}

/** Waits for GOAUTH (which may run programs) within the probe's deadline. */
async function withinDeadline<T>(state: ProbeState, work: Promise<T>): Promise<T> {
  if (state.signal.aborted) throw failure(state, 'config', new AbortedError(), 'GOAUTH did not finish', () => '');
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(failure(state, 'config', new AbortedError(), 'GOAUTH did not finish', () => ''));
    state.signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    if (onAbort) state.signal.removeEventListener('abort', onAbort);
  }
}

/** The headers cmd/go attaches for one attempt, or the fatal GOAUTH error that stops go first. */
async function credentialHeadersFor(state: ProbeState, initial: URL, retryOf?: HttpResponse): Promise<ReadonlyArray<readonly [string, string]> | undefined> {
  const result = state.result;
  delete result.credentials;
  if (initial.protocol !== 'https:') return undefined;
  let headers: ReadonlyArray<readonly [string, string]> | undefined;
  const session = state.options.goAuth;
  if (session) {
    const attempt = await withinDeadline(
      state,
      retryOf === undefined
        ? session.first(state.rawUrl)
        : session.retry(state.rawUrl, {
            proto: 'HTTP/1.1',
            status: `${retryOf.statusCode} ${retryOf.statusText}`.trim(),
            headers: Object.entries(retryOf.headers).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => [canonicalHeaderName(name), v] as const)),
          }),
    );
    // go exits before sending anything: the message is its own (go1.26 src/cmd/go/internal/auth/auth.go:62-99).
    if (attempt.fatal !== undefined) throw new PhaseFailure('config', attempt.fatal, { goError: attempt.fatal });
    if (attempt.credentials) {
      headers = attempt.credentials.headers();
      state.secrets.push(...credentialSecrets(headers));
      result.credentials = describeAttached(attempt.credentials);
    }
  } else {
    // cmd/go attaches .netrc/GOAUTH credentials on https only (web/http.go:189-191).
    const creds = state.options.credentialsFor?.(initial.href);
    if (creds) {
      const authorization = basicAuthorization(creds.login, creds.password);
      headers = [['Authorization', authorization]];
      state.secrets.push(creds.password, authorization.slice('Basic '.length));
      result.credentials = { source: 'netrc' };
      if (creds.machine !== undefined) result.credentials.machine = creds.machine;
    }
  }
  // net/http uses URL userinfo only when no Authorization header is set (net/http/client.go send).
  const hasAuthorization = headers?.some(([name]) => name.toLowerCase() === 'authorization') ?? false;
  if (!hasAuthorization && (initial.username !== '' || initial.password !== '')) {
    const authorization = basicAuthorization(decodeURIComponent(initial.username), decodeURIComponent(initial.password));
    headers = [...(headers ?? []), ['Authorization', authorization]];
    state.secrets.push(authorization.slice('Basic '.length));
    if (result.credentials === undefined) result.credentials = { source: 'userinfo' };
  }
  return headers;
}

/** Go's http.CanonicalHeaderKey for the names a GOAUTH command reads (`www-authenticate` → `Www-Authenticate`). */
function canonicalHeaderName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => `${dash}${c.toUpperCase()}`);
}

/** Headers net/http drops on a redirect to another domain (go1.26 src/net/http/client.go shouldCopyHeaderOnRedirect). */
const SENSITIVE_ON_REDIRECT = new Set(['authorization', 'www-authenticate', 'cookie', 'cookie2', 'proxy-authorization']);

async function probeHttp(state: ProbeState, initial: URL): Promise<void> {
  const result = state.result;
  // mirrors go1.23 src/cmd/go/internal/web/http.go:279-287: userinfo never goes over plain http.
  if (initial.protocol === 'http:' && (initial.username !== '' || initial.password !== '')) {
    throw new PhaseFailure('config', `refusing to pass credentials to insecure URL: ${redacted(initial)}`);
  }
  let credentialHeaders = await credentialHeadersFor(state, initial);
  let retry = false;
  let current = initial;
  let stripAuth = false;
  let via: URL[] = [];
  for (;;) {
    let response: HttpResponse;
    try {
      const sent = stripAuth ? credentialHeaders?.filter(([name]) => !SENSITIVE_ON_REDIRECT.has(name.toLowerCase())) : credentialHeaders;
      response = await hop(state, current, sent, via.length === 0 && !retry, retry);
    } catch (error) {
      // go prints no error of its own where the probe stopped at one of its limits.
      if (error instanceof PhaseFailure && error.extra.goError === undefined && error.phase !== 'config' && !isProbeLimit(error.extra.limit)) {
        throw new PhaseFailure(error.phase, error.text, { ...error.extra, goError: `Get "${stripPassword(current)}": ${error.text}` });
      }
      throw error;
    }
    const status = response.statusCode;
    const location = headerValue(response.headers, 'location');
    if ([301, 302, 303, 307, 308].includes(status) && location !== undefined) {
      let next: URL;
      try {
        next = new URL(location, current);
      } catch {
        const text = `failed to parse Location header ${JSON.stringify(serverText(state, location))}: invalid URL`;
        throw new PhaseFailure('http', text, { goError: `Get "${stripPassword(current)}": ${text}` });
      }
      via.push(current);
      // mirrors go1.23 src/cmd/go/internal/web/http.go:54-58, then :64-73. A redirect refused by
      // CheckRedirect is reported with the Location header as written (net/http client.go:722-723).
      if (initial.protocol === 'https:' && next.protocol !== 'https:') {
        const text = `redirected from secure URL ${current.href} to insecure URL ${next.href}`;
        throw new PhaseFailure('http', text, { goError: `Get "${serverText(state, location)}": ${text}` });
      }
      if (via.length >= MAX_REDIRECTS + 1) {
        const text = `stopped after ${MAX_REDIRECTS} redirects`;
        throw new PhaseFailure('http', text, { limit: 'redirects', goError: `Get "${serverText(state, location)}": ${text}` });
      }
      result.redirects.push(redacted(next));
      if (!stripAuth && initial.host !== next.host && !shouldCopyAuthorization(initial, next)) stripAuth = true;
      current = next;
      delete result.status;
      delete result.statusText;
      continue;
    }
    // Go 1.24+: an https request answered 4xx is sent once more, after GOAUTH ran again for its URL
    // (go1.26 src/cmd/go/internal/web/http.go:160-176; go1.24, go1.25 and go1.27 do the same).
    if (!retry && status >= 400 && status < 500 && initial.protocol === 'https:' && state.options.goAuth?.retriesAfter4xx === true) {
      const firstCredentials = result.credentials;
      credentialHeaders = await credentialHeadersFor(state, initial, response);
      if (firstCredentials !== undefined) result.firstCredentials = firstCredentials;
      result.retriedAfterStatus = status;
      retry = true;
      current = initial;
      stripAuth = false;
      via = [];
      result.redirects.length = 0;
      delete result.status;
      delete result.statusText;
      continue;
    }
    const contentType = headerValue(response.headers, 'content-type');
    result.status = status;
    result.statusText = serverText(state, response.statusText);
    if (contentType !== undefined) result.contentType = contentType;
    result.bodyBytes = response.body.length;
    if (response.truncated) {
      result.bodyTruncated = true;
      result.limitHit = 'body';
    }
    if (response.body.length > 0) result.bodySnippet = serverText(state, response.body.subarray(0, SNIPPET_CHARS * 4).toString('utf8').slice(0, SNIPPET_CHARS));
    state.options.onBody?.(response.body, status);
    if (status === 200) {
      result.ok = true;
      result.phase = 'done';
      return;
    }
    const statusLine = `${status} ${serverText(state, response.statusText)}`.trim();
    const detail = serverText(state, formatErrorDetail(contentType, response.body));
    if (detail !== '') result.serverResponse = detail;
    result.phase = 'http';
    result.errorText = statusLine;
    result.goError = goStatusError(redacted(initial), statusLine, detail);
    return;
  }
}

// mirrors go1.23 src/cmd/go/internal/web/url.go (urlToFilePath) and http.go:332-369 (getFile).
async function probeFile(state: ProbeState, url: URL): Promise<void> {
  const result = state.result;
  if (url.host !== '') throw new PhaseFailure('config', `file URL specifies non-local host`);
  const path = decodeURIComponent(url.pathname);
  const opened = await state.network.openFile(path, state.maxBody);
  if (opened.ok) {
    if (opened.isDirectory) {
      result.phase = 'http';
      result.errorText = `read ${path}: is a directory`;
      result.goError = `reading ${redacted(url)}: read ${path}: is a directory`;
      return;
    }
    result.ok = true;
    result.phase = 'done';
    result.status = 200;
    result.bodyBytes = opened.head.length;
    if (opened.size > opened.head.length) {
      result.bodyTruncated = true;
      result.limitHit = 'body';
    }
    if (opened.head.length > 0) result.bodySnippet = opened.head.subarray(0, SNIPPET_CHARS * 4).toString('utf8').slice(0, SNIPPET_CHARS);
    state.options.onBody?.(opened.head, 200);
    return;
  }
  if (opened.code === NOT_REGULAR_FILE) {
    // go would block opening a FIFO (or read a device without end): nothing go would print to quote.
    result.phase = 'http';
    result.errorText = `${path} is not a regular file; go would block or keep reading it`;
    result.notEvaluated = 'a file:// entry that is not a regular file';
    result.limitHit = 'not-regular-file';
    result.failure = { phase: 'http', probeLimit: 'not-regular-file' };
    return;
  }
  const errnoText = opened.code === 'ENOENT' ? 'no such file or directory' : opened.code === 'EACCES' ? 'permission denied' : opened.message;
  result.phase = 'http';
  result.errorText = errnoText;
  if (opened.code === 'ENOENT' || opened.code === 'ENOTDIR') {
    result.status = 404;
    result.statusText = 'Not Found';
  } else if (opened.code === 'EACCES' || opened.code === 'EPERM') {
    result.status = 403;
    result.statusText = 'Forbidden';
  }
  result.goError = `reading ${redacted(url)}: ${errnoText}`;
}

/**
 * Text a server sent (a reason phrase, a body, a Location header) with the credentials this probe knows
 * removed in every form a server might echo them in. Applied where server text enters the result, so
 * the probe's own wording is never searched.
 */
function serverText(state: ProbeState, text: string): string {
  if (state.secrets.length === 0) return text;
  return scrubEchoedSecrets(text, state.secrets.flatMap((secret) => echoForms(secret)));
}

function sanitize(result: EndpointResult): EndpointResult {
  // net/http already shows a URL password as `***` in `Get "…"` errors; keep that form (it is
  // what go prints) instead of letting the generic URL redaction turn it into `xxxxx`.
  const clean = (s: string): string => {
    const held: string[] = [];
    const protectedText = s.replace(/(:\/\/[^/@\s"'<>:]*):\*\*\*@/g, (_m, prefix: string) => {
      held.push(prefix);
      return `\uE000${held.length - 1}\uE000`;
    });
    return safeText(protectedText).replace(/\uE000(\d+)\uE000/g, (_m, i: string) => `${held[Number(i)] ?? ''}:***@`);
  };
  const r: EndpointResult = { ...result, url: clean(result.url), redirects: result.redirects.map(clean) };
  for (const key of ['statusText', 'errorText', 'goError', 'contentType', 'bodySnippet', 'serverResponse', 'notEvaluated'] as const) {
    const v = r[key];
    if (v !== undefined) r[key] = clean(v);
  }
  if (r.tls) {
    r.tls = {
      ...r.tls,
      subject: clean(r.tls.subject),
      issuer: clean(r.tls.issuer),
      dnsNames: r.tls.dnsNames.map(clean),
      ipAddresses: r.tls.ipAddresses.map(clean),
    };
    if (r.tls.verifyError !== undefined) r.tls.verifyError = clean(r.tls.verifyError);
  }
  if (r.proxy) {
    r.proxy = { ...r.proxy };
    if (r.proxy.url !== undefined) r.proxy.url = clean(r.proxy.url);
    if (r.proxy.matchedEntry !== undefined) r.proxy.matchedEntry = clean(r.proxy.matchedEntry);
  }
  return r;
}

/**
 * Probes one URL (`http`, `https` or `file`) the way cmd/go would fetch it and reports each
 * phase with its timing. Never throws for network trouble and never outlives `timeoutMs`
 * (plus the time to tear sockets down).
 */
export async function probeEndpoint(rawUrl: string, options: EndpointProbeOptions): Promise<EndpointResult> {
  const clock = options.clock ?? (() => performance.now());
  const startedAt = clock();
  const controller = new AbortController();
  let timeoutFired = false;
  const timer = setTimeout(() => {
    timeoutFired = true;
    controller.abort();
  }, Math.max(0, options.timeoutMs));
  const onOuterAbort = (): void => controller.abort();
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  if (options.signal?.aborted) controller.abort();

  const secrets: string[] = [...(options.secrets ?? [])];
  const result: EndpointResult = { url: redactUrl(rawUrl), ok: false, phase: 'config', timings: { total: 0 }, redirects: [] };
  const state: ProbeState = {
    result,
    options,
    network: options.network ?? createNodeNetwork(),
    clock,
    signal: controller.signal,
    timeoutFired: () => timeoutFired,
    secrets,
    maxBody: options.maxBodyBytes ?? DEFAULT_MAX_BODY,
    maxHeaders: options.maxHeaderBytes ?? DEFAULT_MAX_HEADERS,
    goVersion: options.goVersion ?? 'go1.23',
    initialRedacted: redactUrl(rawUrl),
    rawUrl,
  };
  try {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      throw new PhaseFailure('config', `parse ${JSON.stringify(redactUrl(rawUrl))}: invalid URL`);
    }
    if (url.password !== '') secrets.push(url.password, decodeURIComponent(url.password));
    result.url = redacted(url);
    state.initialRedacted = result.url;
    if (url.protocol === 'file:') await probeFile(state, url);
    else if (url.protocol === 'http:' || url.protocol === 'https:') await probeHttp(state, url);
    else throw new PhaseFailure('config', `unsupported scheme: ${redacted(url)}`);
  } catch (error) {
    const f = error instanceof PhaseFailure ? error : new PhaseFailure(result.phase === 'done' ? 'http' : result.phase, errorMessage(error));
    result.ok = false;
    result.phase = f.phase;
    result.errorText = f.text;
    result.failure = {
      phase: f.phase,
      ...(f.extra.code !== undefined ? { code: f.extra.code } : {}),
      ...(f.extra.connectStatus !== undefined ? { connectStatus: f.extra.connectStatus } : {}),
      ...(f.extra.certificate !== undefined ? { certificate: f.extra.certificate } : {}),
      ...(f.extra.nonTlsReply ? { nonTlsReply: true } : {}),
      ...(f.extra.plainHttpReply ? { plainHttpReply: true } : {}),
      ...(isProbeLimit(f.extra.limit) ? { probeLimit: f.extra.limit } : {}),
      ...(f.extra.unsupportedScheme !== undefined ? { unsupportedScheme: f.extra.unsupportedScheme } : {}),
      ...(f.phase === 'config' ? { refusedBeforeRequest: true } : {}),
      ...(f.extra.cancelled ? { cancelled: true } : {}),
    };
    if (f.extra.goError !== undefined) result.goError = f.extra.goError;
    if (f.extra.timedOut) result.timedOut = true;
    if (f.extra.limit) result.limitHit = f.extra.limit;
    if (f.extra.notEvaluated !== undefined) result.notEvaluated = f.extra.notEvaluated;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onOuterAbort);
    controller.abort();
  }
  result.timings.total = Math.round((clock() - startedAt) * 10) / 10;
  return sanitize(result);
}
