/**
 * `.netrc` credentials as cmd/go reads and matches them. The parser re-expresses
 * go1.23 src/cmd/go/internal/auth/netrc.go (unchanged since go1.19; go1.26 netrc.go:21-71 is the same
 * loop); the host matching follows go1.19 vs go1.21-go1.23 src/cmd/go/internal/auth/auth.go and, for
 * Go 1.24+ with GOAUTH=netrc, the prefix cache of go1.24 and go1.26 src/cmd/go/internal/auth/auth.go
 * (loadCredential/storeCredential), which changed between 1.24 and 1.25.
 */
import path from 'node:path';
import { FILE_LIMITS, readBoundedTextFile } from '../bounded-file.js';

/** One usable `machine` entry: Go keeps only entries with machine, login and password. */
export interface NetrcEntry {
  machine: string;
  login: string;
  password: string;
}

/**
 * Parses `.netrc` text like cmd/go (mirrors go1.23 src/cmd/go/internal/auth/netrc.go:27-77):
 * tokens are read in pairs per line, an entry is emitted as soon as machine, login and password
 * are all known, `macdef` skips lines up to the next empty one, and a line starting with `default`
 * ends the file (default entries are never used).
 */
export function parseNetrc(data: string): NetrcEntry[] {
  const entries: NetrcEntry[] = [];
  let current: NetrcEntry = { machine: '', login: '', password: '' };
  let inMacro = false;
  for (const line of data.split('\n')) {
    if (inMacro) {
      if (line === '') inMacro = false;
      continue;
    }
    // strings.Fields splits on Unicode white space, \r included.
    const fields = line.split(/\s+/u).filter((f) => f !== '');
    let i = 0;
    for (; i < fields.length - 1; i += 2) {
      const key = fields[i];
      const value = fields[i + 1] ?? '';
      switch (key) {
        case 'machine':
          current = { machine: value, login: '', password: '' };
          break;
        case 'default':
          // Go's `break` here only leaves the switch; the pair is consumed.
          break;
        case 'login':
          current.login = value;
          break;
        case 'password':
          current.password = value;
          break;
        case 'macdef':
          inMacro = true;
          break;
      }
      if (current.machine !== '' && current.login !== '' && current.password !== '') {
        entries.push(current);
        current = { machine: '', login: '', password: '' };
      }
    }
    if (i < fields.length && fields[i] === 'default') break;
  }
  return entries;
}

/**
 * Where cmd/go looks for the file (mirrors go1.23 src/cmd/go/internal/auth/netrc.go:79-92):
 * `$NETRC` when non-empty, else `~/.netrc` (`_netrc` on Windows).
 */
export function netrcPath(env: Readonly<Record<string, string | undefined>>, homedir: string, platform: NodeJS.Platform): string {
  const fromEnv = env.NETRC;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const base = platform === 'win32' ? '_netrc' : '.netrc';
  return platform === 'win32' ? path.win32.join(homedir, base) : path.posix.join(homedir, base);
}

/** The `.netrc` file as read: its usable entries, or why it was not read (`ENOENT`, `ENOTREG`, `EFBIG`, …). */
export type NetrcFileRead = { found: true; entries: NetrcEntry[] } | { found: false; code: string; message: string };

/**
 * Reads and parses the `.netrc` file at `file`. Only a regular file of at most
 * FILE_LIMITS.netrc bytes is read: a FIFO (which go itself would block on) or a device is
 * reported as `ENOTREG`, a larger file as `EFBIG`, and neither blocks nor costs memory.
 */
export async function readNetrcFile(file: string): Promise<NetrcFileRead> {
  const read = await readBoundedTextFile(file, FILE_LIMITS.netrc);
  if (!read.ok) return { found: false, code: read.code, message: read.message };
  return { found: true, entries: parseNetrc(read.text) };
}

/** A Go version as `major.minor`, for version-dependent rules. */
export interface GoMinorVersion {
  major: number;
  minor: number;
}

/**
 * Reads `go1.23.5`, `go1.24rc1`, `1.21` or `devel …` into major/minor. A development build counts
 * as newer than any release; anything unreadable gives undefined.
 */
export function parseGoVersion(goVersion: string): GoMinorVersion | undefined {
  const trimmed = goVersion.trim();
  if (trimmed.startsWith('devel')) return { major: 1, minor: Number.MAX_SAFE_INTEGER };
  const m = /^(?:go)?(\d+)\.(\d+)/.exec(trimmed);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]) };
}

/** True when `goVersion` is at least 1.`minor`. Unknown versions are treated as current. */
export function goAtLeast(goVersion: string, minor: number): boolean {
  const v = parseGoVersion(goVersion);
  if (!v) return true;
  return v.major > 1 || (v.major === 1 && v.minor >= minor);
}

/** How a Go version turns a request URL into the key it looks up among `machine` names. */
export type NetrcMatchRule =
  /** go1.19: `URL.Hostname()`, so `machine h` matches `https://h:8443/`. */
  | 'hostname'
  /** go1.21–1.23: `req.Host`, which keeps an explicit port: only `machine h:8443` matches. */
  | 'host'
  /**
   * go1.24 (GOAUTH's prefix cache, first form): the whole URL without `https://`, then the part
   * before its first `/` (`h:8443`); `machine h:8443/sub` matches only that exact URL.
   */
  | 'host-or-exact-url'
  /** go1.25+: `host[:port]/path` prefixes walked up to the host, so `machine h:8443/sub` (or `…/sub/`) matches under it. */
  | 'host-path-prefix';

/**
 * The matching rule a Go version uses. go1.19 compares the hostname (go1.19 auth.go:13); go1.21
 * and go1.23 compare `req.Host` (go1.23 auth.go:13-16); go1.20 was not checked and is assumed
 * to behave like go1.19. Go 1.24 moved to GOAUTH's prefix cache (go1.24 auth.go loadCredential,
 * `strings.Cut` at the first `/`), which go1.25 made walk up the path (go1.26 auth.go:143-166).
 */
export function netrcMatchRule(goVersion: string): NetrcMatchRule {
  if (!goAtLeast(goVersion, 21)) return 'hostname';
  if (!goAtLeast(goVersion, 24)) return 'host';
  if (!goAtLeast(goVersion, 25)) return 'host-or-exact-url';
  return 'host-path-prefix';
}

/**
 * The key GOAUTH's cache stores a prefix under (storeCredential): `https://` trimmed and, from
 * go1.25, one trailing `/` (go1.24 auth.go storeCredential; go1.26 auth.go:170-178).
 */
export function goAuthStoreKey(prefix: string, rule: 'host-or-exact-url' | 'host-path-prefix'): string {
  const key = prefix.startsWith('https://') ? prefix.slice('https://'.length) : prefix;
  return rule === 'host-path-prefix' && key.endsWith('/') ? key.slice(0, -1) : key;
}

/**
 * The keys GOAUTH's cache is asked for, in order, for a request URL as go writes it (`URL.String()`,
 * userinfo included): go1.24 tries the whole URL and then the part before the first `/`; go1.25+
 * trims a trailing `/` and walks up one path element at a time (loadCredential, same sources).
 */
export function goAuthLookupKeys(url: string, rule: 'host-or-exact-url' | 'host-path-prefix'): string[] {
  let current = url.startsWith('https://') ? url.slice('https://'.length) : url;
  if (rule === 'host-path-prefix' && current.endsWith('/')) current = current.slice(0, -1);
  const keys = [current];
  for (;;) {
    const slash = rule === 'host-path-prefix' ? current.lastIndexOf('/') : current.indexOf('/');
    if (slash < 0) return keys;
    current = current.slice(0, slash);
    keys.push(current);
  }
}

/** A URL as go's `URL.String()` writes it, near enough: the scheme in lower case, the rest as written. */
export function goUrlString(rawUrl: string): string {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(rawUrl);
  return m ? `${(m[1] ?? '').toLowerCase()}${rawUrl.slice((m[1] ?? '').length)}` : rawUrl;
}

/** The credentials Go would attach to one request, and why. */
export interface NetrcMatch {
  entry: NetrcEntry;
  /** The key compared against `machine` names (e.g. `h:8443`). */
  key: string;
  rule: NetrcMatchRule;
}

// Go compares against the authority as written (url.Parse keeps case and an explicit `:443`,
// which the WHATWG parser would lower-case and drop), minus userinfo and an empty trailing port.
function rawHost(rawUrl: string, url: URL): string {
  const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/(?:[^/?#]*@)?([^/?#]*)/.exec(rawUrl);
  const authority = m?.[1];
  if (authority === undefined || authority === '') return url.host;
  return authority.endsWith(':') ? authority.slice(0, -1) : authority;
}

// Go's URL.Hostname: the host without port and without IPv6 brackets.
function rawHostname(host: string): string {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end < 0 ? host : host.slice(1, end);
  }
  const colon = host.indexOf(':');
  return colon < 0 ? host : host.slice(0, colon);
}

/**
 * The `.netrc` entry cmd/go of `goVersion` would use for a request, or undefined. Credentials
 * go only on https requests (go1.23 src/cmd/go/internal/web/http.go:189-191); the first matching
 * entry wins in every version. `rawUrl` is the URL as the user wrote it (it matters for an
 * explicit default port); `entries` come from `parseNetrc`.
 */
export function credentialsFor(rawUrl: string, entries: readonly NetrcEntry[], goVersion: string): NetrcMatch | undefined {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:') return undefined;
  const rule = netrcMatchRule(goVersion);
  const host = rawHost(rawUrl, url);
  if (rule === 'hostname') {
    const key = rawHostname(host);
    const entry = entries.find((e) => e.machine === key);
    return entry ? { entry, key, rule } : undefined;
  }
  if (rule === 'host') {
    const entry = entries.find((e) => e.machine === host);
    return entry ? { entry, key: host, rule } : undefined;
  }
  // Go 1.24+: the earliest entry for a stored key wins (runGoAuth stores lines in reverse); the
  // request URL is go's URL.String(), so userinfo written in it is part of every key tried.
  const cache = new Map<string, NetrcEntry>();
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i];
    if (e) cache.set(goAuthStoreKey(e.machine, rule), e);
  }
  for (const key of goAuthLookupKeys(goUrlString(rawUrl), rule)) {
    const hit = cache.get(key);
    if (hit) return { entry: hit, key, rule };
  }
  return undefined;
}

/** The `Authorization` header value for Basic credentials, as Go's `SetBasicAuth` builds it. */
export function basicAuthorization(login: string, password: string): string {
  return `Basic ${Buffer.from(`${login}:${password}`, 'utf8').toString('base64')}`;
}
