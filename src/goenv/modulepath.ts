/**
 * Module paths and versions as cmd/go validates and escapes them, and the proxy URLs built from them.
 * Case is encoded as `!` + lower case so that case-insensitive file systems can serve a proxy.
 */
import { goPathEscape, goPathJoin, goUrlString, parseGoUrl, type GoUrl } from './go-url.js';

// mirrors go1.23 src/cmd/vendor/golang.org/x/mod/module/module.go:504-527 (badWindowsNames)
const BAD_WINDOWS_NAMES = ['CON', 'PRN', 'AUX', 'NUL', 'COM1', 'COM2', 'COM3', 'COM4', 'COM5', 'COM6', 'COM7', 'COM8', 'COM9', 'LPT1', 'LPT2', 'LPT3', 'LPT4', 'LPT5', 'LPT6', 'LPT7', 'LPT8', 'LPT9'];

type PathKind = 'module' | 'import' | 'file';

/** Whether a JS string has no lone surrogates, i.e. is valid UTF-8 once encoded (Go's utf8.ValidString). */
export function isWellFormedText(s: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

class PathError extends Error {}

// Go's %q for a rune (strconv.QuoteRune), enough for the characters CheckPath rejects.
function quoteRune(ch: string): string {
  const cp = ch.codePointAt(0) as number;
  if (ch === "'") return "'\\''";
  if (ch === '\\') return "'\\\\'";
  const named: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };
  if (named[ch] !== undefined) return `'${named[ch]}'`;
  if (cp < 0x20 || cp === 0x7f) return `'\\x${cp.toString(16).padStart(2, '0')}'`;
  if (ch !== ' ' && /[\p{C}\p{Z}]/u.test(ch)) return cp < 0x10000 ? `'\\u${cp.toString(16).padStart(4, '0')}'` : `'\\U${cp.toString(16).padStart(8, '0')}'`;
  return `'${ch}'`;
}

// Go's %q for a string (strconv.Quote).
function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    if (ch === '"') out += '\\"';
    else if (ch === "'") out += "'";
    else out += quoteRune(ch).slice(1, -1);
  }
  return out + '"';
}

// mirrors go1.23 src/cmd/vendor/golang.org/x/mod/module/module.go:236-240 (firstPathOK)
function firstPathOK(ch: string): boolean {
  return /^[-.0-9a-z]$/.test(ch);
}

// mirrors go1.23 src/cmd/vendor/golang.org/x/mod/module/module.go:251-294 (modPathOK, importPathOK, fileNameOK)
function charOK(ch: string, kind: PathKind): boolean {
  const modOK = /^[-._~0-9A-Za-z]$/.test(ch);
  if (kind === 'module') return modOK;
  if (kind === 'import') return modOK || ch === '+';
  const cp = ch.codePointAt(0) as number;
  if (cp < 0x80) return /^[0-9A-Za-z]$/.test(ch) || "!#$%&()+,-.=@[]^_{}~ ".includes(ch);
  return /^\p{L}$/u.test(ch);
}

// mirrors go1.23 src/cmd/vendor/golang.org/x/mod/module/module.go:416-481 (checkElem)
function checkElem(elem: string, kind: PathKind): void {
  if (elem === '') throw new PathError('empty path element');
  if (/^\.+$/.test(elem)) throw new PathError(`invalid path element ${quote(elem)}`);
  if (elem.startsWith('.') && kind === 'module') throw new PathError('leading dot in path element');
  if (elem.endsWith('.')) throw new PathError('trailing dot in path element');
  for (const ch of elem) {
    if (!charOK(ch, kind)) throw new PathError(`invalid char ${quoteRune(ch)}`);
  }
  const dot = elem.indexOf('.');
  const short = dot >= 0 ? elem.slice(0, dot) : elem;
  for (const bad of BAD_WINDOWS_NAMES) {
    // strings.EqualFold on ASCII names.
    if (bad.toLowerCase() === short.toLowerCase() && short.length === bad.length) {
      throw new PathError(`${quote(short)} disallowed as path element component on Windows`);
    }
  }
  if (kind === 'file') return;
  // Windows short names end in ~ and digits.
  const tilde = short.lastIndexOf('~');
  if (tilde >= 0 && tilde < short.length - 1 && /^[0-9]+$/.test(short.slice(tilde + 1))) {
    throw new PathError('trailing tilde and digits in path element');
  }
}

// mirrors go1.23 src/cmd/vendor/golang.org/x/mod/module/module.go:384-413 (checkPath)
function checkPathGeneric(path: string, kind: PathKind): void {
  if (!isWellFormedText(path)) throw new PathError('invalid UTF-8');
  if (path === '') throw new PathError('empty string');
  if (path.startsWith('-') && kind !== 'file') throw new PathError('leading dash');
  if (path.includes('//')) throw new PathError('double slash');
  if (path.endsWith('/')) throw new PathError('trailing slash');
  for (const elem of path.split('/')) checkElem(elem, kind);
}

/**
 * Go's `module.SplitPathVersion`: the path without its `/vN` (or gopkg.in `.vN`) suffix, that suffix,
 * and whether the suffix is well-formed.
 * mirrors go1.23 src/cmd/vendor/golang.org/x/mod/module/module.go:536-580
 */
export function splitPathVersion(path: string): { prefix: string; pathMajor: string; ok: boolean } {
  if (path.startsWith('gopkg.in/')) {
    let i = path.length;
    if (path.endsWith('-unstable')) i -= '-unstable'.length;
    while (i > 0 && /[0-9]/.test(path[i - 1] as string)) i--;
    if (i <= 1 || path[i - 1] !== 'v' || path[i - 2] !== '.') return { prefix: path, pathMajor: '', ok: false };
    const pathMajor = path.slice(i - 2);
    if (pathMajor.length <= 2 || (pathMajor[2] === '0' && pathMajor !== '.v0')) return { prefix: path, pathMajor: '', ok: false };
    return { prefix: path.slice(0, i - 2), pathMajor, ok: true };
  }
  let i = path.length;
  let dot = false;
  while (i > 0 && /[0-9.]/.test(path[i - 1] as string)) {
    if (path[i - 1] === '.') dot = true;
    i--;
  }
  if (i <= 1 || i === path.length || path[i - 1] !== 'v' || path[i - 2] !== '/') return { prefix: path, pathMajor: '', ok: true };
  const pathMajor = path.slice(i - 2);
  if (dot || pathMajor.length <= 2 || pathMajor[2] === '0' || pathMajor === '/v1') return { prefix: path, pathMajor: '', ok: false };
  return { prefix: path.slice(0, i - 2), pathMajor, ok: true };
}

/**
 * Validates a module path: undefined when valid, else cmd/go's text, e.g.
 * `malformed module path "foo/bar": missing dot in first path element`.
 * mirrors go1.23 src/cmd/vendor/golang.org/x/mod/module/module.go:309-341 (CheckPath), unchanged since go1.19.
 */
export function checkModulePath(path: string): string | undefined {
  try {
    checkPathGeneric(path, 'module');
    let i = path.indexOf('/');
    if (i < 0) i = path.length;
    if (i === 0) throw new PathError('leading slash');
    const first = path.slice(0, i);
    if (!first.includes('.')) throw new PathError('missing dot in first path element');
    if (path.startsWith('-')) throw new PathError('leading dash in first path element');
    for (const ch of first) {
      if (!firstPathOK(ch)) throw new PathError(`invalid char ${quoteRune(ch)} in first path element`);
    }
    if (!splitPathVersion(path).ok) throw new PathError('invalid version');
    return undefined;
  } catch (error) {
    if (error instanceof PathError) return `malformed module path ${quote(path)}: ${error.message}`;
    throw error;
  }
}

/** Validates an import path (module rules without the first-element ones, plus `+`). mirrors go1.23 src/cmd/vendor/golang.org/x/mod/module/module.go:360-365 */
export function checkImportPath(path: string): string | undefined {
  try {
    checkPathGeneric(path, 'import');
    return undefined;
  } catch (error) {
    if (error instanceof PathError) return `malformed import path ${quote(path)}: ${error.message}`;
    throw error;
  }
}

/** Thrown by {@link escapePath} and {@link escapeVersion} for input cmd/go would refuse to escape. */
export class ModuleEscapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModuleEscapeError';
  }
}

// mirrors go1.23 src/cmd/vendor/golang.org/x/mod/module/module.go:708-734 (escapeString)
function escapeString(s: string): string {
  let out = '';
  for (const ch of s) {
    if (ch === '!' || (ch.codePointAt(0) as number) >= 0x80) throw new ModuleEscapeError('internal error: inconsistency in EscapePath');
    out += ch >= 'A' && ch <= 'Z' ? '!' + ch.toLowerCase() : ch;
  }
  return out;
}

/**
 * Go's `module.EscapePath`: each upper-case letter becomes `!` + lower case
 * (`github.com/BurntSushi/toml` → `github.com/!burnt!sushi/toml`). Throws ModuleEscapeError for an invalid path.
 * mirrors go1.23 src/cmd/vendor/golang.org/x/mod/module/module.go:687-694
 */
export function escapePath(path: string): string {
  const error = checkModulePath(path);
  if (error !== undefined) throw new ModuleEscapeError(error);
  return escapeString(path);
}

/**
 * Go's `module.EscapeVersion` (`v1.0.0-RC1` → `v1.0.0-!r!c1`). Throws ModuleEscapeError with
 * `version "…" invalid: disallowed version string` for a version that is not a valid file name or contains `!`.
 * mirrors go1.23 src/cmd/vendor/golang.org/x/mod/module/module.go:698-706
 */
export function escapeVersion(version: string): string {
  let valid = !version.includes('!');
  if (valid) {
    try {
      checkElem(version, 'file');
    } catch (error) {
      if (!(error instanceof PathError)) throw error;
      valid = false;
    }
  }
  if (!valid) throw new ModuleEscapeError(`${isPseudoVersion(version) ? 'pseudo-version' : 'version'} ${quote(version)} invalid: disallowed version string`);
  return escapeString(version);
}

// mirrors go1.23 src/cmd/vendor/golang.org/x/mod/module/module.go:764-793 (unescapeString)
function unescapeString(escaped: string): string | undefined {
  let out = '';
  let bang = false;
  for (const ch of escaped) {
    if ((ch.codePointAt(0) as number) >= 0x80) return undefined;
    if (bang) {
      bang = false;
      if (ch < 'a' || ch > 'z') return undefined;
      out += ch.toUpperCase();
      continue;
    }
    if (ch === '!') {
      bang = true;
      continue;
    }
    if (ch >= 'A' && ch <= 'Z') return undefined;
    out += ch;
  }
  return bang ? undefined : out;
}

/** Go's `module.UnescapePath`: the module path for an escaped one, or undefined when invalid. mirrors go1.23 src/cmd/vendor/golang.org/x/mod/module/module.go:738-747 */
export function unescapePath(escaped: string): string | undefined {
  const path = unescapeString(escaped);
  if (path === undefined || checkModulePath(path) !== undefined) return undefined;
  return path;
}

/** Go's `module.UnescapeVersion`: the version for an escaped one, or undefined when invalid. mirrors go1.23 src/cmd/vendor/golang.org/x/mod/module/module.go:753-762 */
export function unescapeVersion(escaped: string): string | undefined {
  const version = unescapeString(escaped);
  if (version === undefined) return undefined;
  try {
    checkElem(version, 'file');
  } catch {
    return undefined;
  }
  return version;
}

// ---------------------------------------------------------------------------------------------
// Semantic versions (x/mod/semver), enough to tell a version from a query.
// ---------------------------------------------------------------------------------------------

interface ParsedSemver {
  short: string;
  build: string;
  prerelease: string;
}

// mirrors go1.23 src/cmd/vendor/golang.org/x/mod/semver/semver.go parse/parseInt/parsePrerelease/parseBuild
function parseSemver(v: string): ParsedSemver | undefined {
  const m = /^v(0|[1-9][0-9]*)(?:\.(0|[1-9][0-9]*)(?:\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?)?)?$/.exec(v);
  if (!m) return undefined;
  const [, , minor, patch, prerelease = '', build = ''] = m;
  if (minor === undefined) return { short: '.0.0', build: '', prerelease: '' };
  if (patch === undefined) return { short: '.0', build: '', prerelease: '' };
  if (prerelease !== '') {
    for (const ident of prerelease.slice(1).split('.')) {
      if (ident === '' || (/^[0-9]+$/.test(ident) && ident.length > 1 && ident.startsWith('0'))) return undefined;
    }
  }
  if (build !== '' && build.slice(1).split('.').some((ident) => ident === '')) return undefined;
  return { short: '', build, prerelease };
}

/** `semver.IsValid`: `v1`, `v1.2` and `v1.2.3-pre+build` are valid. */
export function isValidSemver(v: string): boolean {
  return parseSemver(v) !== undefined;
}

/** `module.CanonicalVersion`: `v1.2` → `v1.2.0`; build metadata dropped except `+incompatible`; '' when invalid. */
export function canonicalVersion(v: string): string {
  const p = parseSemver(v);
  if (!p) return '';
  let cv = p.build !== '' ? v.slice(0, v.length - p.build.length) : v + p.short;
  if (p.build === '+incompatible') cv += '+incompatible';
  return cv;
}

/** `module.IsPseudoVersion`: `vX.Y.Z-[0.]yyyymmddhhmmss-abcdefabcdef` forms. mirrors go1.23 src/cmd/vendor/golang.org/x/mod/module/pseudo.go:123-125 */
export function isPseudoVersion(v: string): boolean {
  return (v.match(/-/g) ?? []).length >= 2 && isValidSemver(v) && PSEUDO_VERSION_RE.test(v);
}

// mirrors go1.23 src/cmd/vendor/golang.org/x/mod/module/pseudo.go:47 (pseudoVersionRE)
const PSEUDO_VERSION_RE = /^v[0-9]+\.(0\.0-|\d+\.\d+-([^+]*\.)?0\.)\d{14}-[A-Za-z0-9]+(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

/**
 * Whether `go get M@<query>` / `go mod download M@<query>` resolves the query by asking for
 * `@v/<query>.info` directly (a complete semantic version or a revision) rather than starting with `@v/list`
 * (`latest`, `upgrade`, `patch`, comparisons, and prefixes such as `v1.2`).
 * mirrors go1.23 src/cmd/go/internal/modload/query.go:246-248 and :440-540 (newQueryMatcher)
 */
export function queryStatsDirectly(query: string): boolean {
  if (query === 'latest' || query === 'upgrade' || query === 'patch') return false;
  if (query.startsWith('<') || query.startsWith('>')) return false;
  const p = parseSemver(query);
  if (p) return p.short === '';
  return true;
}

// ---------------------------------------------------------------------------------------------
// Proxy URLs
// ---------------------------------------------------------------------------------------------

/** What is requested from a module proxy. */
export type ProxyRequest = { kind: 'list' } | { kind: 'latest' } | { kind: 'info' | 'mod' | 'zip'; version: string };

/** The path below `<base>/<escaped module>/` for a request (`@v/list`, `@latest`, `@v/<escaped version>.info`, ...). */
export function proxyRequestSuffix(what: ProxyRequest): string {
  switch (what.kind) {
    case 'list':
      return '@v/list';
    case 'latest':
      return '@latest';
    default:
      return `@v/${escapeVersion(what.version)}.${what.kind}`;
  }
}

/**
 * The URL cmd/go requests from proxy `base` for a module: `<base>/<escaped path>/@v/list` and friends.
 * On the wire `!` is percent-encoded (`%21`), and the base's query string is kept, as cmd/go does;
 * a fragment is never sent. Throws ModuleEscapeError for an invalid module path or version, and
 * Error for a base URL Go cannot parse.
 * mirrors go1.23 src/cmd/go/internal/modfetch/proxy.go:218-224 (newProxyRepo), :276-280 (getBody), :451-453 (pathEscape)
 */
export function proxyRequestUrl(base: string, modulePath: string, what: ProxyRequest): string {
  const parsed = parseGoUrl(base);
  if (!parsed.ok) throw new Error(parsed.error);
  const enc = escapePath(modulePath);
  const rel = proxyRequestSuffix(what);
  const repo: GoUrl = {
    ...parsed.url,
    path: trimSlash(parsed.url.path) + '/' + enc,
    rawPath: trimSlash(parsed.url.rawPath) + '/' + wirePathEscape(enc),
  };
  const target: GoUrl = {
    ...repo,
    path: goPathJoin(repo.path, rel),
    rawPath: goPathJoin(repo.rawPath, wirePathEscape(rel)),
  };
  return goUrlString(target, { withFragment: false });
}

function trimSlash(s: string): string {
  return s.endsWith('/') ? s.slice(0, -1) : s;
}

/** cmd/go's `pathEscape`: url.PathEscape but leaving `/` alone. mirrors go1.23 src/cmd/go/internal/modfetch/proxy.go:451-453 */
export function wirePathEscape(s: string): string {
  return goPathEscape(s).replaceAll('%2F', '/');
}
