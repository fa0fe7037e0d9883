/** The few facts of Go's URL parsing and request building that the fuzz tests' predictions need. */

export interface UrlShape {
  scheme: string;
  hasAuthority: boolean;
  /** URL.Host: host and port as written (http.Client refuses an empty one: "no Host in request URL"). */
  hostport: string;
  userinfo: boolean;
  host: string;
  port: string;
  path: string;
}

/** The few facts of Go's url.Parse the request prediction needs (go1.23 src/net/url/url.go:474-585), for URLs Go accepted. */
export function shapeOf(url: string): UrlShape {
  let rest = url;
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const colon = rest.search(/[:/?]/);
  const scheme = colon >= 0 && rest[colon] === ':' ? rest.slice(0, colon).toLowerCase() : '';
  if (scheme !== '') rest = rest.slice(colon + 1);
  const q = rest.indexOf('?');
  if (q >= 0) rest = rest.slice(0, q);
  if (!rest.startsWith('//')) return { scheme, hasAuthority: false, hostport: '', userinfo: false, host: '', port: '', path: rest };
  rest = rest.slice(2);
  const slash = rest.indexOf('/');
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  const at = authority.lastIndexOf('@');
  const hostport = at < 0 ? authority : authority.slice(at + 1);
  return { scheme, hasAuthority: true, hostport, userinfo: at >= 0, ...splitHostPort(hostport), path: slash < 0 ? '' : rest.slice(slash) };
}

/** URL.Hostname() and URL.Port(): split at the last colon when a valid port follows, then drop IPv6 brackets (go1.23 src/net/url/url.go:1183-1198). */
export function splitHostPort(hostport: string): { host: string; port: string } {
  const colonAt = hostport.lastIndexOf(':');
  const hasPort = colonAt >= 0 && /^:[0-9]*$/.test(hostport.slice(colonAt));
  const bracketed = hasPort ? hostport.slice(0, colonAt) : hostport;
  const host = bracketed.startsWith('[') && bracketed.endsWith(']') ? bracketed.slice(1, -1) : bracketed;
  return { host, port: hasPort ? hostport.slice(colonAt + 1) : '' };
}

/** What net/http requests: http.NewRequest drops one trailing `:` from the host (go1.23 src/net/http/request.go:920, http.go:54-59). */
export function requestShape(shape: UrlShape): UrlShape {
  const hostport = shape.hostport;
  if (!hostport.endsWith(':') || hostport.lastIndexOf(':') < hostport.lastIndexOf(']')) return shape;
  const trimmed = hostport.slice(0, -1);
  return { ...shape, hostport: trimmed, ...splitHostPort(trimmed) };
}

/** decodeURIComponent, or the text itself when it is not valid percent-encoding. */
export function decoded(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Hosts Go never sends through HTTP(S)_PROXY. */
export function isLoopback(host: string): boolean {
  // x/net/http/httpproxy useProxy: "localhost" and loopback IPs are never proxied.
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
