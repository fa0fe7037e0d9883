/**
 * Error texts that several scenarios must agree on, so that two scenarios never disagree about what,
 * say, a DNS failure looks like. Each cites where the text comes from.
 *
 * Every pattern here (and in the scenarios) runs on untrusted text, so every quantifier has an upper
 * bound and no repetition contains another: the work per starting position is then bounded, and the
 * whole search linear in the text (__tests__/explain/linear-time.test.ts checks both).
 */

/**
 * A failed name lookup: `lookup <name> on <resolver>: no such host` and friends
 * (go1.23 src/net/net.go:707-717 DNSError.Error; src/net/dnsclient_unix.go errNoSuchHost, errServerMisbehaving;
 * cgo resolver: EAI_AGAIN "Temporary failure in name resolution"), git's `Could not resolve host`
 * and Windows' getaddrinfow texts.
 */
export const DNS_FAILURE =
  /\blookup ([^\s:]{1,253}?)(?: on (\S{1,260}?))?: (no such host|server misbehaving|Temporary failure in name resolution|no answer from DNS server|Name or service not known|nodename nor servname provided[^\n]{0,200}|read udp [^\n]{0,200}?i\/o timeout|i\/o timeout|getaddrinfow: [^\n]{0,200})|Could not resolve (?:host|proxy): (\S{1,253})/;

/** `dial tcp <addr>: i/o timeout`, client and context timeouts, git's `Connection timed out`. */
export const TIMEOUT =
  /\bi\/o timeout|Client\.Timeout exceeded|context deadline exceeded|connection timed out|Connection timed out|Operation timed out|timed out after \d/;

/** The TLS handshake did not finish in time (go1.23 src/net/http/transport.go: `net/http: TLS handshake timeout`). */
export const TLS_HANDSHAKE_TIMEOUT = /TLS handshake timeout/;

/** The peer refused the TCP connection (ECONNREFUSED; git: `Connection refused`). */
export const REFUSED = /connect: connection refused|Connection refused|actively refused/;

/** The connection was cut: RST from a middlebox, or the peer vanished. */
export const RESET = /connection reset by peer|forcibly closed by the remote host|broken pipe|Connection reset/;

/** No route: the machine has no network path to the address. */
export const UNREACHABLE = /network is unreachable|no route to host|Network is unreachable|No route to host/;

/** git could not connect (curl's wording inside `fatal: unable to access`). */
export const GIT_CONNECT = /Failed to connect to [^\n]{0,200}|Could not connect to server/;

/** The server closed the connection before answering: `Get "<URL>": EOF`. */
export const BARE_EOF = /"[^\s"]{1,2048}": EOF$/m;

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
