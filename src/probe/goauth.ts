/**
 * GOAUTH (Go 1.24+): which credentials cmd/go attaches to its https requests, and when it asks again.
 *
 * Two layers:
 * - {@link parseGoAuth}: the value alone (its entries, whether `.netrc` is read, the errors cmd/go
 *   detects without running anything). Pure and synchronous.
 * - {@link createGoAuthSession}: the whole behaviour of one go command, entries run included.
 *   Re-expresses go1.26 src/cmd/go/internal/auth/auth.go (AddCredentials, runGoAuth, loadCredential,
 *   storeCredential), userauth.go (runAuthCommand, parseUserAuth), gitauth.go (runGitAuth,
 *   parseGitAuth) and src/cmd/go/internal/web/http.go:141-176 (the one retry after a 4xx). Programs
 *   run through an injected {@link GoAuthRunner}, bounded by a timeout; their output is parsed, never kept.
 *
 * Before Go 1.24 there is no GOAUTH: `.netrc` is always read (go1.23 src/cmd/go/internal/auth/auth.go:12-28)
 * and a 4xx is final. Versions differ in how a stored prefix matches a URL (see {@link goAuthPrefixRule}).
 */
import type { BasicCredentials } from './endpoint.js';
import type { NetrcEntry, NetrcMatch } from './netrc.js';
import { basicAuthorization, credentialsFor, goAtLeast, goAuthLookupKeys, goAuthStoreKey, goUrlString } from './netrc.js';

/** One `;`-separated GOAUTH entry. */
export type GoAuthCommand =
  | { kind: 'off'; text: string }
  | { kind: 'netrc'; text: string }
  | { kind: 'git'; text: string; dir: string }
  | { kind: 'command'; text: string };

/** How a Go version will look for credentials. */
export interface GoAuthPlan {
  /** False for Go before 1.24: GOAUTH is ignored and `.netrc` is always read. */
  goauthSupported: boolean;
  /** The effective GOAUTH value (`netrc` when unset or empty on 1.24+). */
  value: string;
  /** Parsed entries, in the order written. */
  commands: GoAuthCommand[];
  /** Credentials are looked up in `.netrc`. */
  usesNetrc: boolean;
  /** GOAUTH=off: no credentials at all. */
  off: boolean;
  /** Entries that run programs (`git <dir>`, other commands); only a {@link GoAuthSession} runs them. */
  notEvaluated: GoAuthCommand[];
  /**
   * The fatal error cmd/go prints at its first https request, when the value alone shows it (the
   * `git` directory's existence is checked by a session).
   */
  error?: string;
  /** GOAUTH set on a Go that ignores it (before 1.24). */
  ignoredValue?: string;
}

/** Go's strings.Fields: splits on Unicode white space. */
function fields(text: string): string[] {
  return text.split(/[\s\u0085\u00a0]+/u).filter((w) => w !== '');
}

/** Go's strings.TrimSpace. */
function trimSpace(text: string): string {
  return text.replace(/^[\s\u0085\u00a0]+|[\s\u0085\u00a0]+$/gu, '');
}

/** The fatal texts of runGoAuth (go1.26 src/cmd/go/internal/auth/auth.go:62-99; identical in go1.24, go1.25 and go1.27). */
export const GOAUTH_ERRORS = {
  empty: (value: string) => `go: GOAUTH encountered an empty command (GOAUTH=${value})`,
  offCombined: (value: string) => `go: GOAUTH=off cannot be combined with other authentication commands (GOAUTH=${value})`,
  gitArgs: 'go: GOAUTH=git dir method requires an absolute path to the git working directory',
  gitNotAbsolute: 'go: GOAUTH=git dir method requires an absolute path to the git working directory, dir is not absolute',
  gitStat: (dir: string, statError: string) => `go: GOAUTH=git encountered an error; cannot stat ${dir}: ${statError}`,
  gitNotDirectory: 'go: GOAUTH=git dir method requires an absolute path to the git working directory, dir is not a directory',
} as const;

/**
 * Parses GOAUTH for a Go version. For 1.24+ this mirrors runGoAuth's checks (go1.26
 * src/cmd/go/internal/auth/auth.go:52-99): entries are trimmed and checked in reverse order, an
 * empty entry or `off` combined with others is fatal, `git` needs one absolute directory.
 * `absolute` decides whether a path is absolute on the target system.
 */
export function parseGoAuth(
  rawValue: string | undefined,
  goVersion: string,
  absolute: (p: string) => boolean = (p) => p.startsWith('/'),
): GoAuthPlan {
  if (!goAtLeast(goVersion, 24)) {
    const plan: GoAuthPlan = {
      goauthSupported: false,
      value: '',
      commands: [{ kind: 'netrc', text: 'netrc' }],
      usesNetrc: true,
      off: false,
      notEvaluated: [],
    };
    if (rawValue !== undefined && rawValue !== '') plan.ignoredValue = rawValue;
    return plan;
  }
  // cmd/go reads GOAUTH with a default of "netrc"; an empty value counts as unset (cfg.go:486).
  const value = rawValue === undefined || rawValue === '' ? 'netrc' : rawValue;
  const parts = value.split(';');
  const commands: GoAuthCommand[] = [];
  let error: string | undefined;
  // Checked in reverse, as runGoAuth processes them, so the first fatal error matches Go's.
  for (let i = parts.length - 1; i >= 0; i--) {
    const text = trimSpace(parts[i] ?? '');
    const words = fields(text);
    const first = words[0];
    let command: GoAuthCommand;
    if (first === undefined) {
      error ??= GOAUTH_ERRORS.empty(value);
      continue;
    } else if (first === 'off') {
      if (parts.length !== 1) error ??= GOAUTH_ERRORS.offCombined(value);
      command = { kind: 'off', text };
    } else if (first === 'netrc') {
      command = { kind: 'netrc', text };
    } else if (first === 'git') {
      const dir = words[1] ?? '';
      if (words.length !== 2) {
        error ??= GOAUTH_ERRORS.gitArgs;
      } else if (!absolute(dir)) {
        error ??= GOAUTH_ERRORS.gitNotAbsolute;
      }
      command = { kind: 'git', text, dir };
    } else {
      command = { kind: 'command', text };
    }
    commands.unshift(command);
  }
  // AddCredentials returns at once for exactly "off"; runGoAuth stops at a lone trimmed "off" too.
  const off = commands.length === 1 && commands[0]?.kind === 'off' && parts.length === 1;
  const plan: GoAuthPlan = {
    goauthSupported: true,
    value,
    commands,
    usesNetrc: !off && commands.some((c) => c.kind === 'netrc'),
    off,
    notEvaluated: commands.filter((c) => c.kind === 'git' || c.kind === 'command'),
  };
  if (error !== undefined) plan.error = error;
  return plan;
}

/** The credentials decision for one request, from GOAUTH's value and `.netrc` alone. */
export interface CredentialDecision {
  /** The `.netrc` entry Go would send, when one matches. */
  match?: NetrcMatch;
  /** Why no credentials are sent, when none are. */
  reason?: 'not-https' | 'goauth-off' | 'goauth-error' | 'no-match';
  /** GOAUTH entries that might supply credentials but were not run (use a {@link GoAuthSession} to run them). */
  notEvaluated: GoAuthCommand[];
}

/**
 * Decides which `.netrc` credentials cmd/go would attach to a first request to `rawUrl`, combining
 * GOAUTH (1.24+) with the version's matching rule. Go attaches credentials only to https requests.
 * With an invalid GOAUTH the go command exits before sending anything (`reason: 'goauth-error'`).
 */
export function credentialsForRequest(
  rawUrl: string,
  plan: GoAuthPlan,
  netrc: readonly NetrcEntry[],
  goVersion: string,
): CredentialDecision {
  if (!/^https:/i.test(rawUrl)) return { reason: 'not-https', notEvaluated: [] };
  if (plan.error !== undefined) return { reason: 'goauth-error', notEvaluated: plan.notEvaluated };
  if (plan.off) return { reason: 'goauth-off', notEvaluated: [] };
  const match = plan.usesNetrc ? credentialsFor(rawUrl, netrc, goVersion) : undefined;
  if (match) return { match, notEvaluated: plan.notEvaluated };
  return { reason: 'no-match', notEvaluated: plan.notEvaluated };
}

/**
 * A credentials function for {@link probeEndpoint} that knows only `.netrc`: for each URL, the entry
 * this Go version and GOAUTH plan would send on the first request, or undefined.
 */
export function credentialLookup(plan: GoAuthPlan, netrc: readonly NetrcEntry[], goVersion: string): (rawUrl: string) => BasicCredentials | undefined {
  return (rawUrl) => {
    const decision = credentialsForRequest(rawUrl, plan, netrc, goVersion);
    if (!decision.match) return undefined;
    return { login: decision.match.entry.login, password: decision.match.entry.password, machine: decision.match.entry.machine };
  };
}

// ---------------------------------------------------------------------------------------------
// The credential cache of one go command.

/**
 * How a version walks from a request URL to the stored prefixes (keys are URLs without `https://`).
 * - `host-or-exact-url` (go1.24): the whole URL, then everything before its first `/` (the
 *   host with its port), nothing in between; prefixes keep a trailing `/`
 *   (go1.24 src/cmd/go/internal/auth/auth.go loadCredential: `strings.Cut(currentPrefix, "/")`).
 * - `host-path-prefix` (go1.25+): the URL without a trailing `/`, then each parent path up to the
 *   host; a trailing `/` is trimmed from both (go1.26 src/cmd/go/internal/auth/auth.go:143-178).
 * The same rules decide `.netrc` matching on these versions (netrc.ts {@link netrcMatchRule}).
 */
export type GoAuthPrefixRule = 'host-or-exact-url' | 'host-path-prefix';

/** The prefix rule of a Go 1.24+ version. */
export function goAuthPrefixRule(goVersion: string): GoAuthPrefixRule {
  return goAtLeast(goVersion, 25) ? 'host-path-prefix' : 'host-or-exact-url';
}

/** Where a stored credential came from. Printable: names and commands, never a secret. */
export type CredentialSource =
  | { kind: 'netrc'; machine: string }
  | { kind: 'git'; dir: string }
  | { kind: 'command'; command: string };

/**
 * Credentials to attach to one request. Every field but `headers()` is printable; the header values
 * (the secrets) come only from calling `headers()`, so they never land in JSON or a message by accident.
 */
export interface AttachedCredentials {
  source: CredentialSource;
  /** The stored prefix that matched (e.g. `proxy.corp:8443/mod`), userinfo removed. */
  prefix: string;
  /** The header names that will be sent, e.g. `['Authorization']`. */
  headerNames: string[];
  /** The scheme of the Authorization header (`Basic`, `Bearer`, …), when there is one. */
  authScheme?: string;
  /** The headers to send, values included. Never print them. */
  headers(): ReadonlyArray<readonly [string, string]>;
}

interface StoredEntry {
  source: CredentialSource;
  headers: Array<[string, string]>;
}

/** Removes userinfo from a printable prefix (`u:p@host/x` → `host/x`). */
function printablePrefix(prefix: string): string {
  const slash = prefix.indexOf('/');
  const authority = slash < 0 ? prefix : prefix.slice(0, slash);
  const at = authority.lastIndexOf('@');
  return at < 0 ? prefix : prefix.slice(at + 1);
}

class CredentialCache {
  private readonly entries = new Map<string, StoredEntry>();

  constructor(private readonly rule: GoAuthPrefixRule) {}

  /** storeCredential: `https://` trimmed (and from go1.25 a trailing `/`); no headers deletes. */
  store(prefix: string, headers: Array<[string, string]>, source: CredentialSource): void {
    const key = goAuthStoreKey(prefix, this.rule);
    if (headers.length === 0) this.entries.delete(key);
    else this.entries.set(key, { source, headers });
  }

  /** loadCredential for a request URL (as go's `URL.String()` writes it). */
  load(url: string): AttachedCredentials | undefined {
    for (const key of goAuthLookupKeys(url, this.rule)) {
      const hit = this.entries.get(key);
      if (hit) return attached(key, hit);
    }
    return undefined;
  }
}

function attached(prefix: string, entry: StoredEntry): AttachedCredentials {
  const headers = entry.headers.map(([n, v]) => [n, v] as const);
  const names = [...new Set(entry.headers.map(([n]) => n))];
  const authorization = entry.headers.find(([n]) => n.toLowerCase() === 'authorization')?.[1];
  const scheme = authorization === undefined ? undefined : /^[!#-'*+.0-9A-Z^-z|~-]+/.exec(authorization)?.[0];
  const result: AttachedCredentials = { source: entry.source, prefix: printablePrefix(prefix), headerNames: names, headers: () => headers };
  if (scheme !== undefined) result.authScheme = scheme;
  return result;
}

// ---------------------------------------------------------------------------------------------
// Running GOAUTH entries.

/** One program to run for GOAUTH: a `git credential fill` or the user's command. */
export interface GoAuthProgram {
  /** The executable (looked up on PATH when it has no `/`). */
  file: string;
  args: string[];
  /** The working directory (`git <dir>`); the caller's own when absent. */
  cwd?: string;
  /** Written to the program's standard input. */
  stdin: string;
  /** Stop the program after this long; go itself would wait. */
  timeoutMs: number;
  /** Standard error is read together with standard output, as go's CombinedOutput does for git. */
  combineStderr: boolean;
}

/** What running it gave. Standard error is never needed, so it is not returned. */
export interface GoAuthProgramResult {
  /** Undefined when the program did not exit by itself (timeout, signal) or never started. */
  exitCode?: number;
  /** Standard output (with standard error interleaved when `combineStderr`). Parsed, never printed. */
  stdout: string;
  timedOut: boolean;
  /** The errno code when the program could not be started (`ENOENT`, `EACCES`). */
  spawnError?: string;
}

/** Runs one program; resolves whatever happens (never rejects). */
export type GoAuthRunner = (program: GoAuthProgram) => Promise<GoAuthProgramResult>;

/** go's os.Stat of the `git <dir>` directory: what it is, or Go's error text (`stat /x: no such file or directory`). */
export type GoAuthStat = (dir: string) => Promise<{ kind: 'directory' | 'other' } | { error: string }>;

/** The 4xx answer that makes go ask again; commands read it on standard input. */
export interface GoAuthResponse {
  /** e.g. `HTTP/1.1`. */
  proto: string;
  /** Go's `Response.Status`, e.g. `401 Unauthorized`. */
  status: string;
  /** Response headers (canonical names), in any order. */
  headers: ReadonlyArray<readonly [string, string]>;
}

/** What running one GOAUTH entry did, in printable terms (no output, no secrets). */
export interface GoAuthEvent {
  /** The GOAUTH entry as written (trimmed). */
  entry: string;
  kind: 'netrc' | 'git' | 'command';
  /** The URL it was run for; absent for the run at go's first https request. */
  url?: string;
  outcome: 'stored' | 'nothing' | 'skipped' | 'error';
  /** The prefixes credentials were stored for (userinfo removed). */
  prefixes: string[];
  /** What went wrong, in go's words where go has them (go prints them only with -x). */
  error?: string;
}

/** The credentials for one request, or why go sends it without any / never sends it. */
export interface GoAuthAttempt {
  credentials?: AttachedCredentials;
  /** go exits with this message (and status 1) before sending the request: GOAUTH is invalid. */
  fatal?: string;
}

/** How go will behave for credentials, as far as the value tells. Printable. */
export type GoAuthMode =
  /** Go before 1.24: `.netrc` only, matched by the version's rule; no retry. */
  | 'netrc-only'
  /** GOAUTH=off: nothing is attached; https 4xx answers are still retried once. */
  | 'off'
  /** A list of `netrc`, `git <dir>` and commands. */
  | 'entries'
  /** go exits at its first https request. */
  | 'invalid';

/** The behaviour of one go command: ask it for each https request, in the order go makes them. */
export interface GoAuthSession {
  readonly goVersion: string;
  readonly plan: GoAuthPlan;
  readonly mode: GoAuthMode;
  /** True when go re-sends an https request once after any 4xx answer (Go 1.24+, web/http.go:165-176). */
  readonly retriesAfter4xx: boolean;
  /** 1.24+: how stored prefixes match URLs. */
  readonly prefixRule?: GoAuthPrefixRule;
  /** Credentials for the first request to `url` (https only). The first call runs every entry once. */
  first(url: string): Promise<GoAuthAttempt>;
  /** Credentials for the retry of `url` after `response` (a 4xx): every entry runs again, for that URL. */
  retry(url: string, response: GoAuthResponse): Promise<GoAuthAttempt>;
  /** Everything the entries did so far, in order. */
  readonly events: readonly GoAuthEvent[];
}

/** Inputs of {@link createGoAuthSession}. */
export interface GoAuthSessionOptions {
  /** e.g. `go1.26.8`. */
  goVersion: string;
  /** The effective GOAUTH (`go env GOAUTH`); undefined or '' means `netrc` on 1.24+. */
  goauth: string | undefined;
  /** `.netrc` as go reads it (`parseNetrc`); a read error only means "no netrc credentials" to go. */
  netrc: readonly NetrcEntry[] | { error: string };
  run: GoAuthRunner;
  stat: GoAuthStat;
  /** Bound for each program run (go has none). */
  commandTimeoutMs: number;
  /** Whether a path is absolute on the target system (default: POSIX). */
  isAbsolute?: (p: string) => boolean;
}

/**
 * cmd/internal/quoted.Split (go1.26 src/cmd/internal/quoted/quoted.go:20-52): fields separated by
 * space, tab, CR or LF; a field may be wrapped in '…' or "…" (no escapes inside).
 */
export function splitQuoted(text: string): { words: string[] } | { error: string } {
  const words: string[] = [];
  let s = text;
  const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
  while (s.length > 0) {
    while (s.length > 0 && isSpace(s[0])) s = s.slice(1);
    if (s.length === 0) break;
    const q = s[0];
    if (q === '"' || q === "'") {
      const end = s.indexOf(q, 1);
      if (end < 0) return { error: `unterminated ${q} string` };
      words.push(s.slice(1, end));
      s = s.slice(end + 1);
      continue;
    }
    let i = 0;
    while (i < s.length && !isSpace(s[i])) i++;
    words.push(s.slice(0, i));
    s = s.slice(i);
  }
  return { words };
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** url.ParseRequestURI's shape check, then URL.String(): an absolute URL or an absolute path, no control characters. */
function requestUri(line: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f ]/.test(line)) return undefined;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(line);
  if (scheme) return `${(scheme[1] ?? '').toLowerCase()}${line.slice(scheme[1]?.length ?? 0)}`;
  return line.startsWith('/') ? line : undefined;
}

/**
 * parseUserAuth (go1.26 src/cmd/go/internal/auth/userauth.go:53-94): blocks of URL lines, an empty
 * line, header lines, an empty line. Returns prefix (without `https://`) → headers, or go's error.
 */
export function parseGoAuthCommandOutput(data: string): { credentials: Map<string, Array<[string, string]>> } | { error: string; shown?: string } {
  const credentials = new Map<string, Array<[string, string]>>();
  let rest = data;
  const cut = (): { line: string; ok: boolean } => {
    const nl = rest.indexOf('\n');
    if (nl < 0) {
      const line = rest;
      rest = '';
      return { line, ok: false };
    }
    const line = rest.slice(0, nl);
    rest = rest.slice(nl + 1);
    return { line, ok: true };
  };
  while (rest !== '') {
    const urls: string[] = [];
    for (;;) {
      const { line, ok } = cut();
      if (!ok) return { error: 'invalid format: missing empty line after URLs' };
      if (line === '') break;
      const u = requestUri(line);
      // go quotes the line; what a report shows leaves it out (a credential printed in the wrong place).
      if (u === undefined) return { error: `could not parse URL ${line}: invalid URI for request`, shown: 'could not parse URL <a line of its output>: invalid URI for request' };
      urls.push(u);
    }
    const headers: Array<[string, string]> = [];
    for (;;) {
      const { line, ok } = cut();
      if (!ok) return { error: 'invalid format: missing empty line after headers' };
      if (line === '') break;
      const sep = line.indexOf(': ');
      const name = sep < 0 ? line : line.slice(0, sep);
      const value = sep < 0 ? '' : trimSpace(line.slice(sep + 2));
      // eslint-disable-next-line no-control-regex
      if (sep < 0 || !TOKEN.test(name) || /[\x00-\x08\x0a-\x1f\x7f]/.test(value)) return { error: 'invalid format: invalid header line' };
      headers.push([name, value]);
    }
    for (const u of urls) credentials.set(u.startsWith('https://') ? u.slice('https://'.length) : u, headers.map(([n, v]) => [n, v] as [string, string]));
  }
  return { credentials };
}

/**
 * parseGitAuth (go1.26 src/cmd/go/internal/auth/gitauth.go:209-243): `protocol`, `host`, `path` or
 * `url` give the prefix (as URL.String() writes it); `username` and `password` the credentials.
 */
export function parseGitCredentialOutput(data: string): { prefix: string; username: string; password: string } {
  let prefix: { scheme: string; host: string; path: string; whole?: string } = { scheme: '', host: '', path: '' };
  let username = '';
  let password = '';
  for (const raw of data.split('\n')) {
    const line = trimSpace(raw);
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = line.slice(0, eq);
    const value = line.slice(eq + 1);
    switch (key) {
      case 'protocol':
        prefix = { ...prefix, scheme: value, whole: undefined };
        break;
      case 'host':
        prefix = { ...prefix, host: value, whole: undefined };
        break;
      case 'path':
        prefix = { ...prefix, path: value, whole: undefined };
        break;
      case 'username':
        username = value;
        break;
      case 'password':
        password = value;
        break;
      case 'url': {
        const u = requestUri(value);
        if (u === undefined) break;
        const m = /^([a-z][a-z0-9+.-]*):\/\/([^/]*)(.*)$/.exec(u);
        prefix = m ? { scheme: m[1] ?? '', host: m[2] ?? '', path: m[3] ?? '' } : { scheme: '', host: '', path: '', whole: u };
        break;
      }
    }
  }
  if (prefix.whole !== undefined) return { prefix: prefix.whole, username, password };
  let text = '';
  if (prefix.scheme !== '') text += `${prefix.scheme}:`;
  if (prefix.scheme !== '' || prefix.host !== '') {
    if (prefix.host !== '' || prefix.path !== '') text += '//';
    text += prefix.host;
  }
  if (prefix.path !== '') text += prefix.host !== '' && !prefix.path.startsWith('/') ? `/${prefix.path}` : prefix.path;
  return { prefix: text, username, password };
}

/** Go's Response.Write-like text a GOAUTH command reads (go1.26 src/cmd/go/internal/auth/userauth.go:117-126). */
export function goAuthStdin(response: GoAuthResponse): string {
  let text = `${response.proto} ${response.status}\n`;
  const byName = new Map<string, string[]>();
  for (const [name, value] of response.headers) byName.set(name, [...(byName.get(name) ?? []), value]);
  for (const [name, values] of byName) text += `${name}: ${values.join(', ')}\n`;
  return `${text}\n`;
}

/** exec's error for a program that did not run or failed, as go formats it after `could not run command …: `. */
function execFailure(file: string, result: GoAuthProgramResult, timeoutMs: number): string {
  if (result.timedOut) return `did not finish within ${timeoutMs} ms (go would keep waiting)`;
  if (result.spawnError === 'ENOENT') return file.includes('/') ? `fork/exec ${file}: no such file or directory` : `exec: ${JSON.stringify(file)}: executable file not found in $PATH`;
  if (result.spawnError === 'EACCES') return file.includes('/') ? `fork/exec ${file}: permission denied` : `exec: ${JSON.stringify(file)}: permission denied`;
  if (result.spawnError !== undefined) return `exec: ${JSON.stringify(file)}: ${result.spawnError}`;
  return result.exitCode === undefined ? 'signal: killed' : `exit status ${result.exitCode}`;
}

/**
 * The credential behaviour of one go command. For Go 1.24+ it follows go1.26
 * src/cmd/go/internal/auth/auth.go: the first https request runs every entry once (in reverse order,
 * so earlier entries win a shared prefix; `git` waits for a URL), then each request takes the stored
 * prefix nearest its URL; after a 4xx every entry runs again with the URL (commands also get the
 * answer on standard input) and the request is sent once more. Before 1.24, `.netrc` alone, matched by
 * the version's rule, and no retry.
 */
export function createGoAuthSession(options: GoAuthSessionOptions): GoAuthSession {
  const { goVersion } = options;
  const isAbsolute = options.isAbsolute ?? ((p: string) => p.startsWith('/'));
  const plan = parseGoAuth(options.goauth, goVersion, isAbsolute);
  const netrcEntries = Array.isArray(options.netrc) ? (options.netrc as readonly NetrcEntry[]) : [];
  const netrcError = Array.isArray(options.netrc) ? undefined : (options.netrc as { error: string }).error;
  const events: GoAuthEvent[] = [];

  if (!plan.goauthSupported) {
    // go1.23 src/cmd/go/internal/auth/auth.go:12-28: the first matching machine, by the version's rule.
    const session: GoAuthSession = {
      goVersion,
      plan,
      mode: 'netrc-only',
      retriesAfter4xx: false,
      events,
      first: async (rawUrl) => {
        const url = goUrlString(rawUrl);
        if (!url.startsWith('https://')) return {};
        const match = credentialsFor(url, netrcEntries, goVersion);
        if (!match) return {};
        const headers: Array<[string, string]> = [['Authorization', basicAuthorization(match.entry.login, match.entry.password)]];
        return { credentials: attached(match.key, { source: { kind: 'netrc', machine: match.entry.machine }, headers }) };
      },
      retry: async () => ({}),
    };
    return session;
  }

  const rule = goAuthPrefixRule(goVersion);
  const cache = new CredentialCache(rule);
  // The value as go holds it: cfg.GOAUTH keeps the raw text (the default is "netrc").
  const value = plan.value;
  const mode: GoAuthMode = plan.error !== undefined ? 'invalid' : value === 'off' || plan.off ? 'off' : 'entries';
  let initialRun: Promise<string | undefined> | undefined;

  const storeNetrc = (entry: string, url: string | undefined): void => {
    if (netrcError !== undefined) {
      events.push({ entry, kind: 'netrc', ...(url !== undefined ? { url } : {}), outcome: 'error', prefixes: [], error: `GOAUTH=${entry}: ${netrcError}` });
      return;
    }
    // Lines in reverse, so the earliest entry for a machine wins (auth.go:76-85).
    for (let i = netrcEntries.length - 1; i >= 0; i--) {
      const line = netrcEntries[i];
      if (!line) continue;
      cache.store(line.machine, [['Authorization', basicAuthorization(line.login, line.password)]], { kind: 'netrc', machine: line.machine });
    }
    events.push({
      entry,
      kind: 'netrc',
      ...(url !== undefined ? { url } : {}),
      outcome: netrcEntries.length > 0 ? 'stored' : 'nothing',
      prefixes: netrcEntries.map((e) => printablePrefix(e.machine)),
    });
  };

  const runGit = async (entry: string, dir: string, url: string): Promise<void> => {
    // gitauth.go:159-204: `git credential fill` in dir, `url=<url>` on stdin, combined output parsed.
    const result = await options.run({ file: 'git', args: ['credential', 'fill'], cwd: dir, stdin: `url=${url}\n`, timeoutMs: options.commandTimeoutMs, combineStderr: true });
    const fail = (error: string): void => {
      events.push({ entry, kind: 'git', url, outcome: 'error', prefixes: [], error: `GOAUTH=${entry}: ${error}` });
    };
    if (result.exitCode !== 0) {
      fail(`'git credential fill' failed (url=${url}): ${execFailure('git', result, options.commandTimeoutMs)}`);
      return;
    }
    const parsed = parseGitCredentialOutput(result.stdout);
    if (parsed.prefix === '') return fail(`'git credential fill' failed for url=${url}, could not parse url`);
    if (!url.startsWith(parsed.prefix)) return fail(`requested a credential for ${url}, but 'git credential fill' provided one for ${parsed.prefix}`);
    cache.store(parsed.prefix, [['Authorization', basicAuthorization(parsed.username, parsed.password)]], { kind: 'git', dir });
    events.push({ entry, kind: 'git', url, outcome: 'stored', prefixes: [printablePrefix(parsed.prefix.replace(/^https:\/\//, ''))] });
  };

  const runCommand = async (entry: string, url: string | undefined, response: GoAuthResponse | undefined): Promise<void> => {
    // userauth.go:22-46: the command split like a shell would not (quoted.Split), the URL appended,
    // the 4xx answer on standard input; its output parsed into prefix → headers.
    const at = url !== undefined ? { url } : {};
    const split = splitQuoted(entry);
    if ('error' in split) {
      events.push({ entry, kind: 'command', ...at, outcome: 'error', prefixes: [], error: `GOAUTH=${entry}: cannot parse GOAUTH command ${entry}: ${split.error}` });
      return;
    }
    const [file = '', ...args] = split.words;
    if (url !== undefined) args.push(url);
    const result = await options.run({ file, args, stdin: response ? goAuthStdin(response) : '', timeoutMs: options.commandTimeoutMs, combineStderr: false });
    if (result.exitCode !== 0) {
      events.push({ entry, kind: 'command', ...at, outcome: 'error', prefixes: [], error: `GOAUTH=${entry}: could not run command ${entry}: ${execFailure(file, result, options.commandTimeoutMs)}` });
      return;
    }
    const parsed = parseGoAuthCommandOutput(result.stdout);
    if ('error' in parsed) {
      events.push({ entry, kind: 'command', ...at, outcome: 'error', prefixes: [], error: `GOAUTH=${entry}: cannot parse output of GOAUTH command ${entry}: ${parsed.shown ?? parsed.error}` });
      return;
    }
    for (const [prefix, headers] of parsed.credentials) cache.store(prefix, headers, { kind: 'command', command: entry });
    events.push({ entry, kind: 'command', ...at, outcome: parsed.credentials.size > 0 ? 'stored' : 'nothing', prefixes: [...parsed.credentials.keys()].map(printablePrefix) });
  };

  /** runGoAuth (auth.go:52-139). Resolves with go's fatal message, if any. */
  const runEntries = async (url: string | undefined, response: GoAuthResponse | undefined): Promise<string | undefined> => {
    const parts = value.split(';').reverse();
    for (const part of parts) {
      const entry = trimSpace(part);
      const words = fields(entry);
      const first = words[0];
      if (first === undefined) return GOAUTH_ERRORS.empty(value);
      if (first === 'off') {
        if (parts.length !== 1) return GOAUTH_ERRORS.offCombined(value);
        return undefined;
      }
      if (first === 'netrc') {
        storeNetrc(entry, url);
        continue;
      }
      if (first === 'git') {
        if (words.length !== 2) return GOAUTH_ERRORS.gitArgs;
        const dir = words[1] ?? '';
        if (!isAbsolute(dir)) return GOAUTH_ERRORS.gitNotAbsolute;
        const st = await options.stat(dir);
        if ('error' in st) return GOAUTH_ERRORS.gitStat(dir, st.error);
        if (st.kind !== 'directory') return GOAUTH_ERRORS.gitNotDirectory;
        if (url === undefined) {
          // git credential cannot list credentials: it waits for a URL (auth.go:102-106).
          events.push({ entry, kind: 'git', outcome: 'skipped', prefixes: [] });
          continue;
        }
        await runGit(entry, dir, url);
        continue;
      }
      await runCommand(entry, url, response);
    }
    return undefined;
  };

  const ensureInitialRun = (): Promise<string | undefined> => {
    initialRun ??= runEntries(undefined, undefined);
    return initialRun;
  };

  return {
    goVersion,
    plan,
    mode,
    retriesAfter4xx: true,
    prefixRule: rule,
    events,
    async first(rawUrl) {
      const url = goUrlString(rawUrl);
      if (!url.startsWith('https://')) return {};
      // AddCredentials returns at once for exactly "off" (auth.go:35-37).
      if (value === 'off') return {};
      const fatal = await ensureInitialRun();
      if (fatal !== undefined) return { fatal };
      const credentials = cache.load(url);
      return credentials ? { credentials } : {};
    },
    async retry(rawUrl, response) {
      const url = goUrlString(rawUrl);
      if (!url.startsWith('https://') || value === 'off') return {};
      const initialFatal = await ensureInitialRun();
      if (initialFatal !== undefined) return { fatal: initialFatal };
      const fatal = await runEntries(url, response);
      if (fatal !== undefined) return { fatal };
      const credentials = cache.load(url);
      return credentials ? { credentials } : {};
    },
  };
}
