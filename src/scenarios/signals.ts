/**
 * Error texts that several scenarios must agree on, so that two scenarios never disagree about what,
 * say, a DNS failure looks like. Each cites where the text comes from.
 *
 * Every pattern here (and in the scenarios) runs on untrusted text, so every quantifier has an upper
 * bound and no repetition contains another: the work per starting position is then bounded, and the
 * whole search linear in the text (__tests__/explain/linear-time.test.ts checks both).
 */

/**
 * A failed name lookup. Go's own resolver says `lookup <name> on <server>: <error>`
 * (go1.23 src/net/net.go:707-717 DNSError.Error): with a server named, whatever follows is about the
 * DNS exchange, even a transport error (`read udp …: read: no route to host` is the resolver's packet,
 * not the connection to the proxy). Without a server (cgo, Windows, macOS resolvers) only the
 * resolvers' own texts count: errNoSuchHost and errServerMisbehaving (src/net/dnsclient_unix.go),
 * EAI_AGAIN "Temporary failure in name resolution", Windows' getaddrinfow. git says `Could not resolve host`.
 * Groups: 1 name, 2 server, 3 error (resolver named); 4 name, 5 error (no server); 6 git's host.
 */
export const DNS_FAILURE =
  /\blookup ([^\s:]{1,253}?) on (\S{1,260}?): ([^\n]{1,200})|\blookup ([^\s:]{1,253}?): (no such host|server misbehaving|Temporary failure in name resolution|no answer from DNS server|Name or service not known|nodename nor servname provided[^\n]{0,200}|i\/o timeout|getaddrinfow: [^\n]{0,200})|Could not resolve (?:host|proxy): (\S{1,253})/;

/** A DNS failure found in a text: the name, the resolver when named, and the resolver's words. */
export interface DnsFailure {
  /** The whole matched text. */
  text: string;
  name: string;
  resolver?: string;
  error: string;
  /** git's `Could not resolve proxy`: the unresolvable name is the HTTP proxy's. */
  proxyWord: boolean;
}

/** The first DNS failure in `text` (see DNS_FAILURE). */
export function findDnsFailure(text: string): DnsFailure | undefined {
  const found = DNS_FAILURE.exec(text);
  if (!found) return undefined;
  const name = (found[1] ?? found[4] ?? found[6]) as string;
  const error = (found[3] ?? found[5] ?? 'Could not resolve host').trim();
  return { text: found[0], name, ...(found[2] !== undefined ? { resolver: found[2] } : {}), error, proxyWord: found[0].startsWith('Could not resolve proxy') };
}

// Windows reports socket errors in FormatMessage's words after the call's name: `connectex: …`,
// `wsarecv: …`, `wsasend: …` (go1.23 src/net/fd_windows.go:18-21,155; src/syscall/syscall_windows.go:141-160).
// The words depend on the system language; the English ones are matched below, the call name alone
// says only that a connection failed.

/** `dial tcp <addr>: i/o timeout`, client and context timeouts, git's `Connection timed out`, WSAETIMEDOUT. */
export const TIMEOUT =
  /\bi\/o timeout|Client\.Timeout exceeded|context deadline exceeded|connection timed out|Connection timed out|Operation timed out|timed out after \d|did not properly respond after a period of time/;

/** The TLS handshake did not finish in time (go1.23 src/net/http/transport.go: `net/http: TLS handshake timeout`). */
export const TLS_HANDSHAKE_TIMEOUT = /TLS handshake timeout/;

/** The peer refused the TCP connection (ECONNREFUSED; git: `Connection refused`; WSAECONNREFUSED). */
export const REFUSED = /connect: connection refused|Connection refused|actively refused/;

/** The connection was cut: RST from a middlebox, or the peer vanished (WSAECONNRESET, WSAECONNABORTED). */
export const RESET = /connection reset by peer|forcibly closed by the remote host|broken pipe|Connection reset|established connection was aborted/;

/** No route: the machine has no network path to the address (WSAENETUNREACH, WSAEHOSTUNREACH). */
export const UNREACHABLE = /network is unreachable|no route to host|Network is unreachable|No route to host|attempted to an unreachable (?:network|host)/;

/** A Windows socket call failed, in whatever language its message is: `connectex: `, `wsarecv: `, `wsasend: `. */
export const WINDOWS_SOCKET = /\b(?:connectex|wsarecv|wsasend|wsarecvfrom): /;

/** git could not connect (curl's wording inside `fatal: unable to access`). */
export const GIT_CONNECT = /Failed to connect to [^\n]{0,200}|Could not connect to server/;

/**
 * The server closed the connection before answering: `Get "<URL>": EOF`, or without quotes before
 * Go 1.14 (`Get https://…: EOF`, go1.13 src/net/url/url.go Error).
 */
export const BARE_EOF = /(?:"[^\s"]{1,512}"|\bhttps?:\/\/[^\s"]{1,512}): EOF$/m;

/** Certificate verification failures: `x509: …` (1.20+ wraps them in `tls: failed to verify certificate: `). */
export const X509 = /\bx509: [^\n]{0,300}|tls: failed to verify certificate[^\n]{0,300}|SSL certificate problem: [^\n]{0,300}|server certificate verification failed[^\n]{0,300}/;

/** A failure that is clearly not "the module does not exist": network, TLS, configuration, credentials. */
export const NON_NOT_FOUND_CAUSE = new RegExp(
  [
    DNS_FAILURE.source,
    TIMEOUT.source,
    TLS_HANDSHAKE_TIMEOUT.source,
    REFUSED.source,
    RESET.source,
    UNREACHABLE.source,
    WINDOWS_SOCKET.source,
    GIT_CONNECT.source,
    X509.source,
    'proxyconnect tcp',
    'Proxy Authentication Required',
    'module lookup disabled',
    'GOPROXY list is not the empty string',
    'invalid proxy URL',
    'server gave HTTP response to HTTPS client',
    'unexpected EOF',
    'toolchain not available',
    'missing module line',
    'not a valid zip file',
  ].join('|'),
);

/** A 5xx status in `reading <URL>: 5xx`. */
export function isServerError(status: number | undefined): boolean {
  return status !== undefined && status >= 500 && status <= 599;
}

/** 404 or 410: the two statuses cmd/go treats as "not found" (go1.23 src/cmd/go/internal/web/api.go:72-74). */
export function isNotFound(status: number | undefined): boolean {
  return status === 404 || status === 410;
}
