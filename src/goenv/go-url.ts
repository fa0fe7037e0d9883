/**
 * A port of the parts of Go's net/url that cmd/go's proxy and checksum-database code touches (parsing,
 * escaping, String, Redacted), with path.Clean/Join and cmd/go's web.Join: cmd/go reports `url.Parse`
 * errors verbatim, so the tool must parse exactly as Go does. Pure.
 */
import { goQuote } from './go-text.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');


/** Go's `url.URL`, with the same field meanings (Path is unescaped; RawPath is a hint for its encoding). */
export interface GoUrl {
  scheme: string;
  opaque: string;
  user?: { username: string; password?: string };
  host: string;
  path: string;
  rawPath: string;
  omitHost: boolean;
  forceQuery: boolean;
  rawQuery: string;
  fragment: string;
  rawFragment: string;
}

/** The encoding contexts of Go's net/url (`encodePath`, `encodePathSegment`, ...). */
export type GoUrlEncoding = 'path' | 'pathSegment' | 'host' | 'zone' | 'userPassword' | 'queryComponent' | 'fragment';

/** An empty Go `url.URL{}`. */
export function emptyGoUrl(): GoUrl {
  return { scheme: '', opaque: '', host: '', path: '', rawPath: '', omitHost: false, forceQuery: false, rawQuery: '', fragment: '', rawFragment: '' };
}

function isAlnum(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

function unhex(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return 0;
}

// mirrors go1.23 src/net/url/url.go:102-177 (shouldEscape)
function shouldEscape(c: number, mode: GoUrlEncoding): boolean {
  if (isAlnum(c)) return false;
  const ch = String.fromCharCode(c);
  if ((mode === 'host' || mode === 'zone') && "!$&'()*+,;=:[]<>\"".includes(ch)) return false;
  if ('-_.~'.includes(ch)) return false;
  if ('$&+,/:;=?@'.includes(ch)) {
    switch (mode) {
      case 'path':
        return ch === '?';
      case 'pathSegment':
        return ch === '/' || ch === ';' || ch === ',' || ch === '?';
      case 'userPassword':
        return ch === '@' || ch === '/' || ch === '?' || ch === ':';
      case 'queryComponent':
        return true;
      case 'fragment':
        return false;
      default:
        break;
    }
  }
  if (mode === 'fragment' && '!()*'.includes(ch)) return false;
  return true;
}

const UPPER_HEX = '0123456789ABCDEF';

/** Go's `url.escape(s, mode)`, byte for byte on the UTF-8 encoding. mirrors go1.23 src/net/url/url.go:286-340 */
export function goEscape(s: string, mode: GoUrlEncoding): string {
  let out = '';
  for (const c of encoder.encode(s)) {
    if (c === 0x20 && mode === 'queryComponent') out += '+';
    else if (shouldEscape(c, mode)) out += '%' + UPPER_HEX[c >> 4] + UPPER_HEX[c & 15];
    else out += String.fromCharCode(c);
  }
  return out;
}

/** Go's `url.PathEscape`. */
export function goPathEscape(s: string): string {
  return goEscape(s, 'pathSegment');
}


class GoUrlError extends Error {}

// mirrors go1.23 src/net/url/url.go:201-272 (unescape), on bytes.
function goUnescape(s: string, mode: GoUrlEncoding): string {
  const bytes = encoder.encode(s);
  for (let i = 0; i < bytes.length; ) {
    const c = bytes[i] as number;
    if (c === 0x25) {
      if (i + 2 >= bytes.length || !isHex(bytes[i + 1] as number) || !isHex(bytes[i + 2] as number)) {
        const bad = decoder.decode(bytes.subarray(i, Math.min(i + 3, bytes.length)));
        throw new GoUrlError('invalid URL escape ' + goQuote(bad));
      }
      const v = (unhex(bytes[i + 1] as number) << 4) | unhex(bytes[i + 2] as number);
      const triple = decoder.decode(bytes.subarray(i, i + 3));
      // In a host, %-encoding is only allowed for non-ASCII bytes (and %25 for IPv6 zones).
      if (mode === 'host' && unhex(bytes[i + 1] as number) < 8 && triple !== '%25') throw new GoUrlError('invalid URL escape ' + goQuote(triple));
      if (mode === 'zone' && triple !== '%25' && v !== 0x20 && shouldEscape(v, 'host')) throw new GoUrlError('invalid URL escape ' + goQuote(triple));
      i += 3;
    } else {
      if ((mode === 'host' || mode === 'zone') && c < 0x80 && shouldEscape(c, mode)) {
        throw new GoUrlError('invalid character ' + goQuote(String.fromCharCode(c)) + ' in host name');
      }
      i++;
    }
  }
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i] as number;
    if (c === 0x25) {
      out.push((unhex(bytes[i + 1] as number) << 4) | unhex(bytes[i + 2] as number));
      i += 2;
    } else if (c === 0x2b && mode === 'queryComponent') out.push(0x20);
    else out.push(c);
  }
  return decoder.decode(new Uint8Array(out));
}

/** Go's `url.PathUnescape`; undefined when the escaping is invalid. */
export function goPathUnescape(s: string): string | undefined {
  try {
    return goUnescape(s, 'pathSegment');
  } catch {
    return undefined;
  }
}

// mirrors go1.23 src/net/url/url.go:444-466 (getScheme)
function getScheme(raw: string): { scheme: string; rest: string } {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) continue;
    if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
      if (i === 0) return { scheme: '', rest: raw };
      continue;
    }
    if (c === 0x3a) {
      if (i === 0) throw new GoUrlError('missing protocol scheme');
      return { scheme: raw.slice(0, i), rest: raw.slice(i + 1) };
    }
    return { scheme: '', rest: raw };
  }
  return { scheme: '', rest: raw };
}

function validOptionalPort(port: string): boolean {
  return port === '' || /^:[0-9]*$/.test(port);
}

/**
 * How a Go release's net/url reads a host; it changed in point releases:
 * - `leading`: only a host starting with `[` is an IP literal, taken as written (go1.19-go1.23,
 *   go1.24.0-1.24.7, go1.25.0-1.25.1; go1.23 src/net/url/url.go:624-671).
 * - `any-v6host`: the last `[` anywhere starts the literal, which must parse as an IPv6 address that is
 *   not IPv4 or IPv4-mapped, else `invalid IPv6 host` (go1.24.8-1.24.9, go1.25.2-1.25.3).
 * - `any-literal`: the same, but only plain IPv4 is refused, with `invalid IP-literal`
 *   (go1.24.10+, go1.25.4-1.25.7, go1.26.0; go1.24.13 src/net/url/url.go parseHost).
 * - `leading-literal`: a `[` after the start is `invalid IP-literal`; a leading one as above
 *   (go1.25.8+, go1.26.1+, go1.27; go1.26.8 src/net/url/url.go:549-606).
 * The boundaries were read from the golang.org/toolchain sources of go1.24.7-1.24.10, go1.25.1-1.25.4,
 * go1.25.7-1.25.8, go1.26.0-1.26.1 and go1.27.0.
 * `strictColons` (go1.26+, `GODEBUG=urlstrictcolons=0` turns it off): in an http(s) host the first `:`
 * starts the port, so `h:1:2` is `invalid port ":1:2" after host` (go1.26 src/net/url/url.go:607-633).
 */
export interface GoUrlRules {
  brackets: 'leading' | 'any-v6host' | 'any-literal' | 'leading-literal';
  strictColons: boolean;
  /**
   * The order of url.URL's fields, which `%v` prints (cmd/go prints it for a bad GOSUMDB name): go1.26
   * moved Fragment and RawQuery before RawPath (go1.23 vs go1.26 src/net/url/url.go, type URL).
   */
  fieldOrder: 'go1.19' | 'go1.26';
}

/** go1.23's rules: the default when no Go version is given. */
export const GO123_URL_RULES: GoUrlRules = { brackets: 'leading', strictColons: false, fieldOrder: 'go1.19' };

/** `go1.25.3` → [1, 25, 3]; a release without a patch number is patch 0; undefined when unreadable. */
function releaseOf(goVersion: string): [number, number, number] | undefined {
  const m = /go(\d+)\.(\d+)(?:\.(\d+))?/.exec(goVersion);
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2]), m[3] === undefined ? 0 : Number(m[3])];
}

/**
 * The last value GODEBUG gives `name` (runtime/godebug reads the comma-separated list; a later
 * setting wins), or undefined.
 */
function godebugValue(godebug: string, name: string): string | undefined {
  let value: string | undefined;
  for (const item of godebug.split(',')) {
    const eq = item.indexOf('=');
    if (eq > 0 && item.slice(0, eq).trim() === name) value = item.slice(eq + 1).trim();
  }
  return value;
}

/** Point releases where the bracket rule changed, per minor release: [first patch, rule]. */
const BRACKET_CHANGES: Record<number, Array<[number, GoUrlRules['brackets']]>> = {
  24: [[8, 'any-v6host'], [10, 'any-literal']],
  25: [[2, 'any-v6host'], [4, 'any-literal'], [8, 'leading-literal']],
  26: [[0, 'any-literal'], [1, 'leading-literal']],
  27: [[0, 'leading-literal']],
};

/**
 * The net/url host rules of a Go version (`go1.26.8`, `devel go1.27-…`), with the OS GODEBUG.
 * An unreadable version gets the newest rules; no version at all gets go1.23's.
 */
export function goUrlRules(goVersion: string | undefined, godebug = ''): GoUrlRules {
  if (goVersion === undefined) return GO123_URL_RULES;
  const release = releaseOf(goVersion);
  const [major, minor, patch] = release ?? [1, Number.MAX_SAFE_INTEGER, 0];
  const newer = major > 1 || minor > 26;
  let brackets: GoUrlRules['brackets'] = newer ? 'leading-literal' : 'leading';
  for (const [from, rule] of BRACKET_CHANGES[minor] ?? []) if (major === 1 && patch >= from) brackets = rule;
  const go126 = major > 1 || minor >= 26;
  const strictColons = go126 && godebugValue(godebug, 'urlstrictcolons') !== '0';
  return { brackets, strictColons, fieldOrder: go126 ? 'go1.26' : 'go1.19' };
}

/** netip.ParseAddr's error (go1.26 src/net/netip/netip.go:139-152). */
class ParseAddrError extends Error {
  constructor(input: string, msg: string, at = '') {
    super(`ParseAddr(${goQuote(input)}): ${msg}${at !== '' ? ` (at ${goQuote(at)})` : ''}`);
  }
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

// mirrors go1.26 src/net/netip/netip.go:154-192 (parseIPv4Fields; unchanged since go1.22)
function parseIPv4Fields(input: string, s: string): void {
  let val = 0;
  let pos = 0;
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (isDigit(c)) {
      if (digits === 1 && val === 0) throw new ParseAddrError(input, 'IPv4 field has octet with leading zero');
      val = val * 10 + Number(c);
      digits++;
      if (val > 255) throw new ParseAddrError(input, 'IPv4 field has value >255');
    } else if (c === '.') {
      if (i === 0 || i === s.length - 1 || s[i - 1] === '.') throw new ParseAddrError(input, 'IPv4 field must have at least one digit', s.slice(i));
      if (pos === 3) throw new ParseAddrError(input, 'IPv4 address too long');
      pos++;
      val = 0;
      digits = 0;
    } else {
      throw new ParseAddrError(input, 'unexpected character', s.slice(i));
    }
  }
  if (pos < 3) throw new ParseAddrError(input, 'IPv4 address too short');
}

/**
 * netip.ParseAddr, as far as net/url needs it: whether the text is an IPv4 address, an IPv4-mapped
 * IPv6 address, or another IPv6 address; Go's error otherwise.
 * mirrors go1.26 src/net/netip/netip.go:114-128, 205-343 (the same in go1.24 and go1.25)
 */
export function goParseAddr(input: string): { is4: boolean; is4In6: boolean } {
  for (const c of input) {
    if (c === '.') {
      parseIPv4Fields(input, input);
      return { is4: true, is4In6: false };
    }
    if (c === ':') return goParseIPv6(input);
    if (c === '%') throw new ParseAddrError(input, 'missing IPv6 address');
  }
  throw new ParseAddrError(input, 'unable to parse IP');
}

function goParseIPv6(input: string): { is4: boolean; is4In6: boolean } {
  let s = input;
  let zone = '';
  const percent = s.indexOf('%');
  if (percent >= 0) {
    zone = s.slice(percent + 1);
    s = s.slice(0, percent);
    if (zone === '') throw new ParseAddrError(input, 'zone must be a non-empty string');
  }
  const ip = new Array<number>(16).fill(0);
  let ellipsis = -1;
  if (s.length >= 2 && s[0] === ':' && s[1] === ':') {
    ellipsis = 0;
    s = s.slice(2);
    if (s.length === 0) return { is4: false, is4In6: false };
  }
  let i = 0;
  while (i < 16) {
    let off = 0;
    let acc = 0;
    for (; off < s.length; off++) {
      const c = s[off] ?? '';
      const digit = /^[0-9a-fA-F]$/.test(c) ? parseInt(c, 16) : -1;
      if (digit < 0) break;
      acc = acc * 16 + digit;
      if (off > 3) throw new ParseAddrError(input, 'each group must have 4 or less digits', s);
      if (acc > 0xffff) throw new ParseAddrError(input, 'IPv6 field has value >=2^16', s);
    }
    if (off === 0) throw new ParseAddrError(input, 'each colon-separated field must have at least one digit', s);
    if (off < s.length && s[off] === '.') {
      if (ellipsis < 0 && i !== 12) throw new ParseAddrError(input, 'embedded IPv4 address must replace the final 2 fields of the address', s);
      if (i + 4 > 16) throw new ParseAddrError(input, 'too many hex fields to fit an embedded IPv4 at the end of the address', s);
      // The error names the whole input, as Go passes `in` with offsets.
      parseIPv4Fields(input, s);
      const parts = s.split('.').map(Number);
      for (let k = 0; k < 4; k++) ip[i + k] = parts[k] ?? 0;
      s = '';
      i += 4;
      break;
    }
    ip[i] = acc >> 8;
    ip[i + 1] = acc & 0xff;
    i += 2;
    s = s.slice(off);
    if (s.length === 0) break;
    if (s[0] !== ':') throw new ParseAddrError(input, 'unexpected character, want colon', s);
    if (s.length === 1) throw new ParseAddrError(input, 'colon must be followed by more characters', s);
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) throw new ParseAddrError(input, 'multiple :: in address', s);
      ellipsis = i;
      s = s.slice(1);
      if (s.length === 0) break;
    }
  }
  if (s.length !== 0) throw new ParseAddrError(input, 'trailing garbage after address', s);
  if (i < 16) {
    if (ellipsis < 0) throw new ParseAddrError(input, 'address string too short');
    const n = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) ip[j + n] = ip[j] ?? 0;
    for (let j = ellipsis; j < ellipsis + n; j++) ip[j] = 0;
  } else if (ellipsis >= 0) {
    throw new ParseAddrError(input, 'the :: must expand to at least one field of zeros');
  }
  const mapped = ip.slice(0, 10).every((b) => b === 0) && ip[10] === 0xff && ip[11] === 0xff;
  return { is4: false, is4In6: mapped };
}

// mirrors go1.26 src/net/url/url.go:549-641 (parseHost) under the given rules; go1.23's url.go:624-671
// is the `leading` rule without strict colons.
function parseHost(scheme: string, hostIn: string, rules: GoUrlRules): string {
  const host = hostIn;
  const open = host.lastIndexOf('[');
  if (rules.brackets === 'leading-literal' && open > 0) throw new GoUrlError('invalid IP-literal');
  if (rules.brackets !== 'leading' && open >= 0) {
    const close = host.lastIndexOf(']');
    if (close < 0) throw new GoUrlError("missing ']' in host");
    const colonPort = host.slice(close + 1);
    if (!validOptionalPort(colonPort)) throw new GoUrlError(`invalid port ${goQuote(colonPort)} after host`);
    const unescapedColonPort = goUnescape(colonPort, 'host');
    const hostname = host.slice(open + 1, close);
    const zone = hostname.indexOf('%25');
    const unescapedHostname =
      zone >= 0 ? goUnescape(hostname.slice(0, zone), 'host') + goUnescape(hostname.slice(zone), 'zone') : goUnescape(hostname, 'host');
    let addr: { is4: boolean; is4In6: boolean };
    try {
      addr = goParseAddr(unescapedHostname);
    } catch (error) {
      throw new GoUrlError(`invalid host: ${(error as Error).message}`);
    }
    if (rules.brackets === 'any-v6host' && (addr.is4 || addr.is4In6)) throw new GoUrlError('invalid IPv6 host');
    if (rules.brackets !== 'any-v6host' && addr.is4) throw new GoUrlError('invalid IP-literal');
    return `[${unescapedHostname}]${unescapedColonPort}`;
  }
  if (host.startsWith('[')) {
    const i = host.lastIndexOf(']');
    if (i < 0) throw new GoUrlError("missing ']' in host");
    const colonPort = host.slice(i + 1);
    if (!validOptionalPort(colonPort)) throw new GoUrlError(`invalid port ${goQuote(colonPort)} after host`);
    const zone = host.slice(0, i).indexOf('%25');
    if (zone >= 0) {
      return goUnescape(host.slice(0, zone), 'host') + goUnescape(host.slice(zone, i), 'zone') + goUnescape(host.slice(i), 'host');
    }
  } else {
    const strict = rules.strictColons && (scheme === 'http' || scheme === 'https');
    const i = strict ? host.indexOf(':') : host.lastIndexOf(':');
    if (i !== -1) {
      const colonPort = host.slice(i);
      if (!validOptionalPort(colonPort)) throw new GoUrlError(`invalid port ${goQuote(colonPort)} after host`);
    }
  }
  return goUnescape(host, 'host');
}

// mirrors go1.23 src/net/url/url.go:1267-1287 (validUserinfo)
function validUserinfo(s: string): boolean {
  return /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(s);
}

// mirrors go1.23 src/net/url/url.go:587-620 (parseAuthority)
function parseAuthority(authority: string, url: GoUrl, rules: GoUrlRules): void {
  const i = authority.lastIndexOf('@');
  url.host = parseHost(url.scheme, i < 0 ? authority : authority.slice(i + 1), rules);
  if (i < 0) return;
  const userinfo = authority.slice(0, i);
  if (!validUserinfo(userinfo)) throw new GoUrlError('net/url: invalid userinfo');
  const colon = userinfo.indexOf(':');
  if (colon < 0) {
    url.user = { username: goUnescape(userinfo, 'userPassword') };
  } else {
    url.user = { username: goUnescape(userinfo.slice(0, colon), 'userPassword'), password: goUnescape(userinfo.slice(colon + 1), 'userPassword') };
  }
}

// mirrors go1.23 src/net/url/url.go:691-704 (setPath): RawPath is kept only when it differs from the default encoding.
function setPath(url: GoUrl, p: string): void {
  const path = goUnescape(p, 'path');
  url.path = path;
  url.rawPath = goEscape(path, 'path') === p ? '' : p;
}

// mirrors go1.23 src/net/url/url.go:507-585 (parse, viaRequest=false)
function parseWithoutFragment(raw: string, rules: GoUrlRules): GoUrl {
  // Any ASCII control character is refused before anything else.
  if (/[\x00-\x1f\x7f]/.test(raw)) throw new GoUrlError('net/url: invalid control character in URL');
  const url = emptyGoUrl();
  if (raw === '*') {
    url.path = '*';
    return url;
  }
  const { scheme, rest: afterScheme } = getScheme(raw);
  url.scheme = scheme.toLowerCase();
  let rest = afterScheme;
  if (rest.endsWith('?') && rest.split('?').length === 2) {
    url.forceQuery = true;
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf('?');
    if (q >= 0) {
      url.rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }
  if (!rest.startsWith('/')) {
    if (url.scheme !== '') {
      // Rootless paths are opaque (RFC 3986).
      url.opaque = rest;
      return url;
    }
    const slash = rest.indexOf('/');
    const segment = slash < 0 ? rest : rest.slice(0, slash);
    if (segment.includes(':')) throw new GoUrlError('first path segment in URL cannot contain colon');
  }
  if ((url.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    parseAuthority(authority, url, rules);
  } else if (url.scheme !== '' && rest.startsWith('/')) {
    url.omitHost = true;
  }
  setPath(url, rest);
  return url;
}

/**
 * Go's `url.Parse`. The error text is Go's, e.g. `parse "\"https://x\"": first path segment in URL cannot contain colon`.
 * `rules` (see {@link goUrlRules}) pick the release's host parsing; go1.23's by default.
 * mirrors go1.23 src/net/url/url.go:474-488
 */
export function parseGoUrl(raw: string, rules: GoUrlRules = GO123_URL_RULES): { ok: true; url: GoUrl } | { ok: false; error: string } {
  const hash = raw.indexOf('#');
  const withoutFragment = hash < 0 ? raw : raw.slice(0, hash);
  const frag = hash < 0 ? '' : raw.slice(hash + 1);
  let url: GoUrl;
  try {
    url = parseWithoutFragment(withoutFragment, rules);
  } catch (error) {
    if (error instanceof GoUrlError) return { ok: false, error: `parse ${goQuote(withoutFragment)}: ${error.message}` };
    throw error;
  }
  if (frag === '') return { ok: true, url };
  try {
    url.fragment = goUnescape(frag, 'fragment');
    url.rawFragment = goEscape(url.fragment, 'fragment') === frag ? '' : frag;
  } catch (error) {
    if (error instanceof GoUrlError) return { ok: false, error: `parse ${goQuote(raw)}: ${error.message}` };
    throw error;
  }
  return { ok: true, url };
}

// mirrors go1.23 src/net/url/url.go:734-755 (validEncoded)
function validEncoded(s: string, mode: GoUrlEncoding): boolean {
  for (const c of encoder.encode(s)) {
    if ("!$&'()*+,;=:@[]%".includes(String.fromCharCode(c))) continue;
    if (shouldEscape(c, mode)) return false;
  }
  return true;
}

/** Go's `URL.EscapedPath`: RawPath when it is a valid encoding of Path, else Path escaped. mirrors go1.23 src/net/url/url.go:718-729 */
export function goEscapedPath(url: GoUrl): string {
  if (url.rawPath !== '' && validEncoded(url.rawPath, 'path')) {
    try {
      if (goUnescape(url.rawPath, 'path') === url.path) return url.rawPath;
    } catch {
      // fall through to the default encoding
    }
  }
  if (url.path === '*') return '*';
  return goEscape(url.path, 'path');
}

function escapedFragment(url: GoUrl): string {
  if (url.rawFragment !== '' && validEncoded(url.rawFragment, 'fragment')) {
    try {
      if (goUnescape(url.rawFragment, 'fragment') === url.fragment) return url.rawFragment;
    } catch {
      // fall through
    }
  }
  return goEscape(url.fragment, 'fragment');
}

/** Go's `Userinfo.String()`: escaped username, and `:password` when one is set. */
export function goUserinfoString(user: { username: string; password?: string }): string {
  let s = goEscape(user.username, 'userPassword');
  if (user.password !== undefined) s += ':' + goEscape(user.password, 'userPassword');
  return s;
}

/**
 * Go's `URL.String()`. With `{ withFragment: false }` it gives what goes on the wire (a fragment is never sent).
 * mirrors go1.23 src/net/url/url.go:829-897
 */
export function goUrlString(url: GoUrl, options: { withFragment?: boolean } = {}): string {
  let buf = '';
  if (url.scheme !== '') buf += url.scheme + ':';
  if (url.opaque !== '') {
    buf += url.opaque;
  } else {
    if (url.scheme !== '' || url.host !== '' || url.user !== undefined) {
      if (!(url.omitHost && url.host === '' && url.user === undefined)) {
        if (url.host !== '' || url.path !== '' || url.user !== undefined) buf += '//';
        if (url.user !== undefined) buf += goUserinfoString(url.user) + '@';
        if (url.host !== '') buf += goEscape(url.host, 'host');
      }
    }
    const path = goEscapedPath(url);
    if (path !== '' && !path.startsWith('/') && url.host !== '') buf += '/';
    if (buf === '') {
      const slash = path.indexOf('/');
      const segment = slash < 0 ? path : path.slice(0, slash);
      if (segment.includes(':')) buf += './';
    }
    buf += path;
  }
  if (url.forceQuery || url.rawQuery !== '') buf += '?' + url.rawQuery;
  if (url.fragment !== '' && options.withFragment !== false) buf += '#' + escapedFragment(url);
  return buf;
}

/** Go's `URL.Redacted()`: String() with any password replaced by `xxxxx`. mirrors go1.23 src/net/url/url.go:900-910 */
export function goUrlRedacted(url: GoUrl): string {
  if (url.user?.password !== undefined) return goUrlString({ ...url, user: { username: url.user.username, password: 'xxxxx' } });
  return goUrlString(url);
}

/** Go's `path.Clean`: lexical clean-up of a slash-separated path. mirrors go1.23 src/path/path.go:72-138 */
export function goPathClean(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const stack: string[] = [];
  for (const segment of p.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (stack.length > 0 && stack[stack.length - 1] !== '..') stack.pop();
      else if (!rooted) stack.push('..');
      continue;
    }
    stack.push(segment);
  }
  const out = (rooted ? '/' : '') + stack.join('/');
  return out === '' ? '.' : out;
}

/** Go's `path.Join`: joins non-empty elements with `/` and cleans the result. mirrors go1.23 src/path/path.go:155-173 */
export function goPathJoin(...elems: string[]): string {
  if (elems.every((e) => e === '')) return '';
  let buf = '';
  for (const e of elems) {
    if (buf.length > 0 || e !== '') {
      if (buf.length > 0) buf += '/';
      buf += e;
    }
  }
  return goPathClean(buf);
}


/** Whether an HTTP status is one cmd/go treats as "not found" (and so falls through after `,`). mirrors go1.23 src/cmd/go/internal/web/api.go:72-74 */
export function isNotExistStatus(status: number): boolean {
  return status === 404 || status === 410;
}

/**
 * The URL cmd/go requests for `rel` (a path such as `sumdb/<name>/supported`) under a proxy or database base,
 * following web.Join: trim one trailing slash from the base path and append.
 * mirrors go1.23 src/cmd/go/internal/web/api.go:196-204
 */
export function goWebJoin(base: GoUrl, rel: string): GoUrl {
  if (rel === '') return { ...base };
  const trimmed = rel.startsWith('/') ? rel.slice(1) : rel;
  return {
    ...base,
    path: (base.path.endsWith('/') ? base.path.slice(0, -1) : base.path) + '/' + trimmed,
    rawPath: (base.rawPath.endsWith('/') ? base.rawPath.slice(0, -1) : base.rawPath) + '/' + trimmed,
  };
}
