/**
 * Which HTTP proxy Go would use for a URL, decided by Go's own rules rather than Node's:
 * a re-expression of golang.org/x/net/http/httpproxy as vendored in go1.23
 * (src/vendor/golang.org/x/net/http/httpproxy/proxy.go; identical in go1.19, 1.21 and 1.22).
 * net/http's ProxyFromEnvironment, which cmd/go uses through http.DefaultTransport, is this code.
 */
import { domainToASCII } from 'node:url';
import { goAtLeast } from './netrc.js';

/** The raw proxy settings, as Go reads them from the environment. */
export interface ProxyConfig {
  /** HTTP_PROXY, else http_proxy ('' when neither is set). */
  httpProxy: string;
  /** HTTPS_PROXY, else https_proxy. */
  httpsProxy: string;
  /** NO_PROXY, else no_proxy. */
  noProxy: string;
  /** REQUEST_METHOD is set: Go refuses HTTP_PROXY for http URLs (golang.org/s/cgihttpproxy). */
  cgi: boolean;
  /** Which variable each value came from, so a report can name the one the user must change. */
  sources: { httpProxy?: string; httpsProxy?: string; noProxy?: string };
}

/** Environment variables as the process sees them. */
export type Environment = Readonly<Record<string, string | undefined>>;

// mirrors go1.23 src/vendor/golang.org/x/net/http/httpproxy/proxy.go:98-105: the first
// non-empty value wins, so an empty HTTPS_PROXY does not hide https_proxy.
function getEnvAny(env: Environment, names: readonly string[]): { value: string; source?: string } {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value !== '') return { value, source: name };
  }
  return { value: '' };
}

/**
 * Reads the proxy settings from an environment exactly like Go's `FromEnvironment`
 * (mirrors go1.23 src/vendor/golang.org/x/net/http/httpproxy/proxy.go:89-96): upper case first,
 * then lower case; CGI mode when REQUEST_METHOD is non-empty.
 */
export function proxyConfigFromEnvironment(env: Environment): ProxyConfig {
  const http = getEnvAny(env, ['HTTP_PROXY', 'http_proxy']);
  const https = getEnvAny(env, ['HTTPS_PROXY', 'https_proxy']);
  const no = getEnvAny(env, ['NO_PROXY', 'no_proxy']);
  return {
    httpProxy: http.value,
    httpsProxy: https.value,
    noProxy: no.value,
    cgi: (env.REQUEST_METHOD ?? '') !== '',
    sources: { httpProxy: http.source, httpsProxy: https.source, noProxy: no.source },
  };
}

// ---------------------------------------------------------------------------------------------
// IP addresses, the subset of Go's net.ParseIP / net.ParseCIDR / IP.Equal that matching needs.

/** An IP address as Go holds it: 16 bytes, IPv4 in its IPv4-mapped form. */
export interface IpAddress {
  bytes: Uint8Array;
  /** The 4-byte form when the address is IPv4 or IPv4-mapped (Go's `To4`). */
  v4: Uint8Array | null;
}

function parseIPv4(s: string): Uint8Array | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const part = parts[i] ?? '';
    // Go's parser (net/netip) rejects empty fields, non-digits, values over 255 and leading zeros.
    if (!/^[0-9]{1,3}$/.test(part) || (part.length > 1 && part.startsWith('0'))) return null;
    const n = Number(part);
    if (n > 255) return null;
    out[i] = n;
  }
  return out;
}

function parseIPv6(s: string): Uint8Array | null {
  if (s.includes('%')) return null; // net.ParseIP rejects zones
  let head = s;
  let tail = '';
  const dbl = s.indexOf('::');
  if (dbl >= 0) {
    if (s.indexOf('::', dbl + 1) >= 0) return null;
    head = s.slice(0, dbl);
    tail = s.slice(dbl + 2);
  }
  const words: number[] = [];
  const parseGroups = (text: string, allowV4: boolean): number[] | null => {
    if (text === '') return [];
    const groups = text.split(':');
    const result: number[] = [];
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i] ?? '';
      if (allowV4 && i === groups.length - 1 && g.includes('.')) {
        const v4 = parseIPv4(g);
        if (!v4) return null;
        result.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      result.push(parseInt(g, 16));
    }
    return result;
  };
  const headWords = parseGroups(head, dbl < 0);
  const tailWords = parseGroups(tail, true);
  if (!headWords || !tailWords) return null;
  if (dbl < 0) {
    if (headWords.length !== 8) return null;
    words.push(...headWords);
  } else {
    const missing = 8 - headWords.length - tailWords.length;
    if (missing < 1) return null;
    words.push(...headWords, ...new Array<number>(missing).fill(0), ...tailWords);
  }
  const out = new Uint8Array(16);
  words.forEach((w, i) => {
    out[i * 2] = w >> 8;
    out[i * 2 + 1] = w & 0xff;
  });
  return out;
}

const V4_IN_V6_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

function fromV4(v4: Uint8Array): IpAddress {
  const bytes = new Uint8Array(16);
  bytes.set(V4_IN_V6_PREFIX, 0);
  bytes.set(v4, 12);
  return { bytes, v4 };
}

/** Go's `net.ParseIP`: dotted IPv4 or IPv6 text, no brackets, no zone. */
function parseIp(s: string): IpAddress | null {
  if (s.includes(':')) {
    const bytes = parseIPv6(s);
    if (!bytes) return null;
    const mapped = V4_IN_V6_PREFIX.every((b, i) => bytes[i] === b);
    return { bytes, v4: mapped ? bytes.slice(12) : null };
  }
  const v4 = parseIPv4(s);
  return v4 ? fromV4(v4) : null;
}

function ipEqual(a: IpAddress, b: IpAddress): boolean {
  return a.bytes.every((byte, i) => byte === b.bytes[i]);
}

/** Go's `IP.IsLoopback`: 127.0.0.0/8 (also IPv4-mapped) or ::1. */
function isLoopback(ip: IpAddress): boolean {
  if (ip.v4) return ip.v4[0] === 127;
  return ip.bytes.every((b, i) => (i === 15 ? b === 1 : b === 0));
}

/** A parsed CIDR prefix, as much of Go's `IPNet` as `Contains` needs. */
export interface Cidr {
  network: Uint8Array; // 4 bytes for an IPv4 prefix, 16 for IPv6
  maskBits: number;
}

/** Go's `net.ParseCIDR`, keeping only what `IPNet.Contains` needs. */
function parseCidr(s: string): Cidr | null {
  const slash = s.indexOf('/');
  if (slash < 0) return null;
  const addr = s.slice(0, slash);
  const bitsText = s.slice(slash + 1);
  if (!/^[0-9]+$/.test(bitsText) || (bitsText.length > 1 && bitsText.startsWith('0'))) return null;
  const bits = Number(bitsText);
  const ip = parseIp(addr);
  if (!ip) return null;
  // An IPv4 literal gives a 4-byte network; an IPv6 literal (even ::ffff:a.b.c.d) a 16-byte one.
  const isV4Literal = !addr.includes(':');
  const network = isV4Literal && ip.v4 ? ip.v4 : ip.bytes;
  if (bits > network.length * 8) return null;
  return { network, maskBits: bits };
}

// mirrors go1.23 src/net/ip.go IPNet.Contains: an IPv4 address only matches an IPv4 network.
function cidrContains(c: Cidr, ip: IpAddress): boolean {
  const candidate = ip.v4 ?? ip.bytes;
  if (candidate.length !== c.network.length) return false;
  for (let bit = 0; bit < c.maskBits; bit++) {
    const byte = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if (((candidate[byte] ?? 0) & mask) !== ((c.network[byte] ?? 0) & mask)) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// host:port helpers mirroring net.SplitHostPort / net.JoinHostPort.

/** Go's `net.SplitHostPort`: returns null where Go returns an error. */
export function splitHostPort(hostport: string): { host: string; port: string } | null {
  const colon = hostport.lastIndexOf(':');
  if (colon < 0) return null; // missing port in address
  let host: string;
  if (hostport.startsWith('[')) {
    const end = hostport.indexOf(']');
    if (end < 0) return null;
    if (end + 1 !== colon) return null;
    host = hostport.slice(1, end);
    if (host.includes('[') || host.includes(']')) return null;
  } else {
    host = hostport.slice(0, colon);
    if (host.includes(':')) return null; // too many colons
    if (host.includes('[') || host.includes(']')) return null;
  }
  const port = hostport.slice(colon + 1);
  if (port.includes('[') || port.includes(']')) return null;
  return { host, port };
}

/** Go's `net.JoinHostPort`: brackets a host containing a colon. */
export function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function isAscii(s: string): boolean {
  return /^[\x00-\x7f]*$/.test(s);
}

// mirrors go1.23 .../httpproxy/proxy.go:296-310: ASCII passes through untouched, anything else
// goes through IDNA; on failure Go keeps the original, so we do too.
function idnaAscii(v: string): string {
  if (isAscii(v)) return v;
  const converted = domainToASCII(v);
  return converted === '' ? v : converted;
}

const PORT_MAP: Record<string, string> = { http: '80', https: '443', socks5: '1080' };

/** The hostname of a URL the way Go's `URL.Hostname` gives it: no brackets around IPv6. */
function urlHostname(url: URL): string {
  const h = url.hostname;
  return h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
}

// mirrors go1.23 .../httpproxy/proxy.go:279-290
function canonicalAddr(url: URL): string {
  const addr = idnaAscii(urlHostname(url));
  const scheme = url.protocol.replace(/:$/, '');
  // WHATWG URL drops a default port (https://h:443 → port ''), which gives the same answer.
  const port = url.port !== '' ? url.port : (PORT_MAP[scheme] ?? '');
  return joinHostPort(addr, port);
}

// ---------------------------------------------------------------------------------------------
// NO_PROXY matchers: mirrors go1.23 .../httpproxy/proxy.go:321-367.

/** One parsed NO_PROXY entry; `entry` keeps the user's text for reports. */
export type Matcher =
  | { kind: 'all'; entry: string }
  | { kind: 'cidr'; entry: string; cidr: Cidr }
  | { kind: 'ip'; entry: string; ip: IpAddress; port: string }
  | { kind: 'domain'; entry: string; host: string; port: string; matchHost: boolean };

function matches(m: Matcher, host: string, port: string, ip: IpAddress | null): boolean {
  switch (m.kind) {
    case 'all':
      return true;
    case 'cidr':
      return ip !== null && cidrContains(m.cidr, ip);
    case 'ip':
      return ip !== null && ipEqual(m.ip, ip) && (m.port === '' || m.port === port);
    case 'domain':
      if (host.endsWith(m.host) || (m.matchHost && host === m.host.slice(1))) {
        return m.port === '' || m.port === port;
      }
      return false;
  }
}

/** NO_PROXY split into Go's two matcher lists. */
export interface NoProxyMatchers {
  ipMatchers: Matcher[];
  domainMatchers: Matcher[];
}

/**
 * Parses a NO_PROXY value into Go's matchers (mirrors go1.23 .../httpproxy/proxy.go:212-270):
 * `*` alone disables proxying, CIDR and IP entries (optionally with a port) match addresses,
 * anything else is a domain that matches itself and its subdomains, `.d` or `*.d` only subdomains.
 * Malformed entries are ignored, as in Go.
 */
export function parseNoProxy(noProxy: string): NoProxyMatchers {
  const ipMatchers: Matcher[] = [];
  const domainMatchers: Matcher[] = [];
  for (const raw of noProxy.split(',')) {
    const p = raw.trim().toLowerCase();
    if (p.length === 0) continue;
    if (p === '*') {
      return { ipMatchers: [{ kind: 'all', entry: raw.trim() }], domainMatchers: [{ kind: 'all', entry: raw.trim() }] };
    }
    const cidr = parseCidr(p);
    if (cidr) {
      ipMatchers.push({ kind: 'cidr', entry: raw.trim(), cidr });
      continue;
    }
    let phost: string;
    let pport = '';
    const split = splitHostPort(p);
    if (split) {
      if (split.host.length === 0) continue;
      phost = split.host;
      pport = split.port;
      if (phost.startsWith('[') && phost.endsWith(']')) phost = phost.slice(1, -1);
    } else {
      phost = p;
    }
    const pip = parseIp(phost);
    if (pip) {
      ipMatchers.push({ kind: 'ip', entry: raw.trim(), ip: pip, port: pport });
      continue;
    }
    if (phost.length === 0) continue;
    if (phost.startsWith('*.')) phost = phost.slice(1);
    let matchHost = false;
    if (!phost.startsWith('.')) {
      matchHost = true;
      phost = `.${phost}`;
    }
    phost = idnaAscii(phost);
    domainMatchers.push({ kind: 'domain', entry: raw.trim(), host: phost, port: pport, matchHost });
  }
  return { ipMatchers, domainMatchers };
}

/** Why a request goes direct, or through which proxy. */
export type ProxyReason =
  /** No proxy variable applies to this scheme. */
  | 'no-proxy-configured'
  /** `localhost` or a loopback IP: Go never proxies these. */
  | 'loopback'
  /** A NO_PROXY entry matched (`matchedEntry`). */
  | 'no-proxy-match'
  /** The proxy in `proxyUrl` is used. */
  | 'proxied'
  /** HTTP_PROXY in a CGI environment: Go fails the request (`error`). */
  | 'cgi-refused';

/** Go's decision for one request URL. */
export interface ProxyDecision {
  /** The proxy URL Go would use, or null for a direct connection. */
  proxyUrl: URL | null;
  /** The proxy's host as Go's `URL.Host` holds it (an explicit default port kept, e.g. `p:443`). */
  proxyHost?: string;
  reason: ProxyReason;
  /** The variable that supplied the proxy (e.g. `https_proxy`). */
  source?: string;
  /** The NO_PROXY entry that excluded the host, as the user wrote it. */
  matchedEntry?: string;
  /** The error Go returns instead of making the request. */
  error?: string;
  /** Set when a proxy variable is non-empty but unparseable: Go silently ignores it. */
  ignoredValue?: string;
}

// mirrors go1.23 .../httpproxy/proxy.go:146-164. WHATWG URL parsing stands in for url.Parse;
// the scheme-less forms users write (`host:3128`, `10.0.0.1:3128`) take the same path in both.
// go1.19–go1.22 retried with `http://` whenever the scheme was not http, https or socks5
// (their proxy.go:152-156); go1.23 only when the scheme or host is empty.
function parseProxy(proxy: string, goVersion: string): { url: URL; text: string } | null {
  if (proxy === '') return null;
  let parsed: URL | null = null;
  try {
    parsed = new URL(proxy);
  } catch {
    parsed = null;
  }
  const scheme = parsed?.protocol.replace(/:$/, '') ?? '';
  const retry = goAtLeast(goVersion, 23)
    ? parsed === null || scheme === '' || parsed.host === ''
    : parsed === null || !['http', 'https', 'socks5'].includes(scheme);
  if (retry) {
    try {
      return { url: new URL(`http://${proxy}`), text: `http://${proxy}` };
    } catch {
      return null;
    }
  }
  return parsed === null ? null : { url: parsed, text: proxy };
}

// The authority as written, minus userinfo: Go's URL.Host (WHATWG drops a default port).
function authorityOf(text: string, url: URL): string {
  const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/(?:[^/?#]*@)?([^/?#]*)/.exec(text);
  return m?.[1] !== undefined && m[1] !== '' ? m[1] : url.host;
}

// mirrors go1.23 .../httpproxy/proxy.go:169-202; from go1.24 an IP address never matches a domain
// entry (go1.26 src/vendor/golang.org/x/net/http/httpproxy/proxy.go:181-205, 365-368; the same in go1.24, 1.25, 1.27).
function useProxy(matchers: NoProxyMatchers, addr: string, goVersion: string): { use: boolean; reason?: ProxyReason; entry?: string } {
  if (addr.length === 0) return { use: true };
  const split = splitHostPort(addr);
  if (!split) return { use: false, reason: 'no-proxy-match' };
  const { host, port } = split;
  if (host === 'localhost') return { use: false, reason: 'loopback' };
  const ip = parseIp(host);
  if (ip && isLoopback(ip)) return { use: false, reason: 'loopback' };
  const lowered = host.trim().toLowerCase();
  if (ip) {
    for (const m of matchers.ipMatchers) {
      if (matches(m, lowered, port, ip)) return { use: false, reason: 'no-proxy-match', entry: m.entry };
    }
  }
  for (const m of matchers.domainMatchers) {
    if (ip && m.kind === 'domain' && goAtLeast(goVersion, 24)) continue;
    if (matches(m, lowered, port, ip)) return { use: false, reason: 'no-proxy-match', entry: m.entry };
  }
  return { use: true };
}

/**
 * Decides the proxy for a request URL as Go's `ProxyFunc` does
 * (mirrors go1.23 src/vendor/golang.org/x/net/http/httpproxy/proxy.go:117-144):
 * https URLs use HTTPS_PROXY, http URLs HTTP_PROXY (refused under CGI), other schemes none;
 * loopback hosts and NO_PROXY matches go direct. `goVersion` selects the proxy-value parsing rule
 * (default: current).
 */
export function proxyForUrl(config: ProxyConfig, requestUrl: URL, goVersion = 'go1.23'): ProxyDecision {
  const scheme = requestUrl.protocol.replace(/:$/, '');
  let raw = '';
  let source: string | undefined;
  if (scheme === 'https') {
    raw = config.httpsProxy;
    source = config.sources.httpsProxy;
  } else if (scheme === 'http') {
    raw = config.httpProxy;
    source = config.sources.httpProxy;
  }
  const parsed = parseProxy(raw, goVersion);
  if (parsed === null) {
    return raw === '' ? { proxyUrl: null, reason: 'no-proxy-configured' } : { proxyUrl: null, reason: 'no-proxy-configured', ignoredValue: raw, source };
  }
  if (scheme === 'http' && config.cgi) {
    return {
      proxyUrl: null,
      reason: 'cgi-refused',
      source,
      error: 'refusing to use HTTP_PROXY value in CGI environment; see golang.org/s/cgihttpproxy',
    };
  }
  const verdict = useProxy(parseNoProxy(config.noProxy), canonicalAddr(requestUrl), goVersion);
  if (!verdict.use) {
    return { proxyUrl: null, reason: verdict.reason ?? 'no-proxy-match', matchedEntry: verdict.entry, source };
  }
  return { proxyUrl: parsed.url, proxyHost: authorityOf(parsed.text, parsed.url), reason: 'proxied', source };
}
