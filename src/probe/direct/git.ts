/**
 * The repository probe: `git ls-remote` against the resolved URL with the environment cmd/go gives
 * git, under the user's own git configuration (insteadOf, credential helpers, ~/.netrc,
 * http.sslCAInfo), bounded by the deadline. Its outcome is classified from git's own messages
 * (git 2.x with libcurl or OpenSSH), which the probe asks for in English.
 *
 * What cmd/go sets for git (go1.23 src/cmd/go/internal/modload/init.go:436-459, go1.26 :502-514):
 * GIT_TERMINAL_PROMPT=0 and GCM_INTERACTIVE=never unless already set; before Go 1.25 also
 * GIT_SSH_COMMAND="ssh -o ControlMaster=no -o BatchMode=yes" when neither GIT_SSH nor GIT_SSH_COMMAND
 * is set (go1.24.0 init.go:468-470; gone in go1.25.0). It runs `git ls-remote -q origin` inside a fresh
 * bare repository up to Go 1.24, `git ls-remote -q <url>` in Go 1.25 and
 * `git ls-remote -q --end-of-options <url>` in Go 1.26 (src/cmd/go/internal/modfetch/codehost/git.go
 * loadRefs), with GIT_DIR set to that repository.
 */
import path from 'node:path';
import { redactUrl, safeText } from '../../redact.js';
import { goAtLeast } from '../netrc.js';
import type { ProcessOutcome, ProcessRunner } from './process.js';

/** The ssh command cmd/go sets before Go 1.25. */
export const GO_GIT_SSH_COMMAND = 'ssh -o ControlMaster=no -o BatchMode=yes';

/** The environment git runs with, and how it came about. */
export interface GitEnvironment {
  env: Record<string, string>;
  /** Variables cmd/go of this version would set (because the user had not). */
  setByGo: Record<string, string>;
  /** Variables the probe sets or removes on top, so git never prompts and speaks English. */
  probeOverrides: string[];
  /** The user set GIT_TERMINAL_PROMPT to something other than 0: go would let git prompt; the probe does not. */
  goWouldPrompt: boolean;
  /** An askpass program go would run to ask for credentials (GIT_ASKPASS, SSH_ASKPASS); the probe does not run it. */
  askpassNotRun?: string;
}

function nonEmpty(env: Readonly<Record<string, string | undefined>>, name: string): boolean {
  const v = env[name];
  return v !== undefined && v !== '';
}

/**
 * The environment for git: the user's own, plus what cmd/go of `goVersion` adds, plus the probe's
 * guarantees (no prompt of any kind, English messages, no repository discovery above `cwd`).
 */
export function gitEnvironmentFor(goVersion: string, userEnv: Readonly<Record<string, string | undefined>>, cwd: string): GitEnvironment {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(userEnv)) if (v !== undefined) env[k] = v;
  const setByGo: Record<string, string> = {};
  if (!nonEmpty(userEnv, 'GIT_TERMINAL_PROMPT')) setByGo.GIT_TERMINAL_PROMPT = '0';
  if (!nonEmpty(userEnv, 'GCM_INTERACTIVE')) setByGo.GCM_INTERACTIVE = 'never';
  if (!goAtLeast(goVersion, 25) && !nonEmpty(userEnv, 'GIT_SSH') && !nonEmpty(userEnv, 'GIT_SSH_COMMAND')) setByGo.GIT_SSH_COMMAND = GO_GIT_SSH_COMMAND;
  Object.assign(env, setByGo);
  const overrides: string[] = [];
  const goWouldPrompt = env.GIT_TERMINAL_PROMPT !== '0';
  if (goWouldPrompt) overrides.push('GIT_TERMINAL_PROMPT=0');
  if (env.GCM_INTERACTIVE !== 'never') overrides.push('GCM_INTERACTIVE=never');
  env.GIT_TERMINAL_PROMPT = '0';
  env.GCM_INTERACTIVE = 'never';
  // git runs GIT_ASKPASS, core.askPass or SSH_ASKPASS to ask for a password even with prompts off
  // (git prompt.c); any of them may open a window, so the probe runs none.
  let askpassNotRun: string | undefined;
  for (const name of ['GIT_ASKPASS', 'SSH_ASKPASS']) {
    if (nonEmpty(env, name)) {
      askpassNotRun ??= name;
      overrides.push(`${name} removed`);
    }
    delete env[name];
  }
  env.SSH_ASKPASS_REQUIRE = 'never';
  overrides.push('SSH_ASKPASS_REQUIRE=never');
  env.LC_ALL = 'C';
  delete env.LANGUAGE;
  overrides.push('LC_ALL=C');
  env.GIT_CEILING_DIRECTORIES = path.dirname(cwd);
  const result: GitEnvironment = { env, setByGo, probeOverrides: overrides, goWouldPrompt };
  if (askpassNotRun !== undefined) result.askpassNotRun = askpassNotRun;
  return result;
}

/** The `git ls-remote` command line cmd/go of `goVersion` prints in its error (codehost.RunError). */
export function goLsRemoteCommand(goVersion: string, redactedUrl: string): string {
  if (goAtLeast(goVersion, 26)) return `git ls-remote -q --end-of-options ${redactedUrl}`;
  if (goAtLeast(goVersion, 25)) return `git ls-remote -q ${redactedUrl}`;
  return 'git ls-remote -q origin';
}

/** Removes secrets by position (URL userinfo, Authorization values, credential query parameters), control characters, and caps the length. */
export function cleanGitText(text: string, maxChars = 4000): string {
  const clean = safeText(text).replace(/\s+$/, '');
  return clean.length > maxChars ? `${clean.slice(0, maxChars)}…` : clean;
}

/** The refs `git ls-remote` listed: branch and tag names to hashes (peeled tags unwrapped), as cmd/go keeps them. */
export function parseLsRemote(stdout: string): Map<string, string> {
  // mirrors go1.26 src/cmd/go/internal/modfetch/codehost/git.go loadRefs
  const refs = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const f = line.split(/\s+/).filter((x) => x !== '');
    if (f.length !== 2) continue;
    const [hash, ref] = f as [string, string];
    if (ref === 'HEAD' || ref.startsWith('refs/heads/') || ref.startsWith('refs/tags/')) refs.set(ref, hash);
  }
  for (const [ref, hash] of [...refs]) {
    if (ref.endsWith('^{}')) {
      refs.set(ref.slice(0, -3), hash);
      refs.delete(ref);
    }
  }
  return refs;
}

/** What the user's git configuration does to this URL. No secret leaves: helper commands are named, not quoted. */
export interface GitConfigFacts {
  /** A `url.<base>.insteadOf` rewrite that applies: what git really contacts (redacted). */
  insteadOf?: { prefix: string; base: string; effectiveUrl: string };
  /** The credential helper git would ask for this URL: its name (`store`, `cache`, `manager`), or `shell command`. */
  credentialHelper?: string;
  /** http.sslCAInfo for this URL (a path), or GIT_SSL_CAINFO. */
  sslCAInfo?: string;
  /** http.sslVerify=false or GIT_SSL_NO_VERIFY: git does not check certificates at all. */
  sslVerifyOff?: boolean;
}

function helperName(value: string): string {
  const v = value.trim();
  if (v.startsWith('!')) return 'shell command';
  const first = v.split(/\s+/)[0] ?? '';
  if (first.includes('/')) return path.basename(first).replace(/^git-credential-/, '');
  return first;
}

/** The insteadOf rewrite git applies: the longest matching prefix wins (git remote.c alias_url). */
export function applyInsteadOf(url: string, rules: ReadonlyArray<{ base: string; prefix: string }>): { base: string; prefix: string; url: string } | undefined {
  let best: { base: string; prefix: string } | undefined;
  for (const rule of rules) {
    if (rule.prefix === '' || !url.startsWith(rule.prefix)) continue;
    if (best === undefined || rule.prefix.length > best.prefix.length) best = rule;
  }
  return best === undefined ? undefined : { ...best, url: best.base + url.slice(best.prefix.length) };
}

/** Parses `git config --get-regexp` output for url.*.insteadof keys. */
export function parseInsteadOf(output: string): Array<{ base: string; prefix: string }> {
  const rules: Array<{ base: string; prefix: string }> = [];
  for (const line of output.split('\n')) {
    const space = line.indexOf(' ');
    if (space < 0) continue;
    const key = line.slice(0, space);
    const value = line.slice(space + 1);
    if (!key.toLowerCase().startsWith('url.') || !key.toLowerCase().endsWith('.insteadof')) continue;
    rules.push({ base: key.slice('url.'.length, key.length - '.insteadof'.length), prefix: value });
  }
  return rules;
}

/** Reads the git configuration that bears on `url`, with `git config` itself (so includes and URL matching are git's). */
export async function readGitConfig(url: string, run: ProcessRunner, env: Record<string, string>, cwd: string, timeoutMs: number, signal?: AbortSignal): Promise<GitConfigFacts> {
  const git = (args: string[]): Promise<ProcessOutcome> => run({ file: 'git', args, env, cwd, timeoutMs, ...(signal ? { signal } : {}), maxOutputBytes: 256 * 1024 });
  const isHttp = /^https?:\/\//i.test(url);
  const [insteadOf, helper, caInfo, verify] = await Promise.all([
    git(['config', '--get-regexp', '^url\\..*\\.insteadof$']),
    isHttp ? git(['config', '--get-urlmatch', 'credential.helper', url]) : undefined,
    isHttp ? git(['config', '--get-urlmatch', 'http.sslcainfo', url]) : undefined,
    isHttp ? git(['config', '--type=bool', '--get-urlmatch', 'http.sslverify', url]) : undefined,
  ]);
  const facts: GitConfigFacts = {};
  const rewrite = insteadOf.exitCode === 0 ? applyInsteadOf(url, parseInsteadOf(insteadOf.stdout)) : undefined;
  if (rewrite) facts.insteadOf = { prefix: redactUrl(rewrite.prefix), base: redactUrl(rewrite.base), effectiveUrl: redactUrl(rewrite.url) };
  if (helper?.exitCode === 0 && helper.stdout.trim() !== '') facts.credentialHelper = helperName(helper.stdout.trim().split('\n').pop() ?? '');
  const envCa = env.GIT_SSL_CAINFO;
  if (envCa !== undefined && envCa !== '') facts.sslCAInfo = envCa;
  else if (caInfo?.exitCode === 0 && caInfo.stdout.trim() !== '') facts.sslCAInfo = caInfo.stdout.trim();
  if ((verify?.exitCode === 0 && verify.stdout.trim() === 'false') || nonEmpty(env, 'GIT_SSL_NO_VERIFY')) facts.sslVerifyOff = true;
  return facts;
}

/**
 * Whether curl (inside git) finds a `.netrc` entry for `host`: a `machine` with that name (no port,
 * case-insensitive) or a `default` entry. Unlike go, git reads only `$HOME/.netrc`, never `$NETRC`.
 */
export function curlNetrcHasEntry(text: string, host: string): boolean {
  const tokens = text.split(/\s+/).filter((t) => t !== '');
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === 'default') return true;
    if (t === 'machine' && (tokens[i + 1] ?? '').toLowerCase() === host.toLowerCase()) return true;
  }
  return false;
}

/** Where credentials for the repository would come from, as far as the probe can tell. */
export interface CredentialSources {
  /** ~/.netrc (git's view: $HOME/.netrc) has an entry for the host. */
  netrc: boolean;
  /** A credential helper is configured for the URL. */
  helper?: string;
  /** The URL carries a user name (and maybe a password). */
  userinfo: boolean;
}

/** What git said, classified. Every variant carries git's exit code and its (redacted) stderr. */
export type GitOutcome =
  | { kind: 'ok'; refs: number }
  /** git needed a user name or password and had nowhere to get one. */
  | { kind: 'credentials-missing'; asked: 'username' | 'password' }
  /** Credentials were sent and refused (`source` says where they came from). */
  | { kind: 'credentials-rejected'; source: 'netrc' | 'helper-or-url' }
  /** HTTP 403: authenticated (or not) but not allowed. */
  | { kind: 'forbidden' }
  /** SSH: no key the server accepts. */
  | { kind: 'ssh-auth-failed' }
  /** SSH: the host key is unknown or changed and nobody may confirm it. */
  | { kind: 'ssh-host-key' }
  | { kind: 'repository-not-found' }
  /** git refused the server's certificate (`detail` is curl's reason). */
  | { kind: 'tls'; detail: string }
  | { kind: 'dns'; host: string; viaProxy: boolean }
  | { kind: 'refused'; host?: string; port?: number }
  /** The network timed out (`network`), or the probe's deadline killed git (`deadline`). */
  | { kind: 'timed-out'; by: 'network' | 'deadline' }
  /** The HTTP proxy git used failed (`status` of its CONNECT answer when there was one). */
  | { kind: 'proxy'; status?: number }
  | { kind: 'server-error'; status: number }
  | { kind: 'http-error'; status: number }
  /** The URL's scheme is one the probe does not run (only http, https, ssh, git+ssh and git are). */
  | { kind: 'not-run'; reason: string }
  | { kind: 'git-missing' }
  | { kind: 'cancelled' }
  | { kind: 'failed' };

const STATUS = /The requested URL returned error: (\d{3})/;
const PROMPT = /could not read (Username|Password) for '[^']*': (?:terminal prompts disabled|No such device or address)/;
const DNS = /Could not resolve host: ([^\s']+)|ssh: Could not resolve hostname ([^\s:]+)/;
const PROXY_DNS = /Could not resolve proxy: ([^\s']+)/;
const PROXY_STATUS = /Received HTTP code (\d{3}) from proxy after CONNECT|CONNECT tunnel failed, response (\d{3})/;
const REFUSED = /Failed to connect to ([^\s]+) port (\d+)(?: after \d+ ms)?: (?:Connection refused|Couldn't connect to server)|ssh: connect to host ([^\s]+) port (\d+): Connection refused|unable to connect to ([^\s:]+):[\s\S]*?Connection refused/;
const TIMEOUT = /Connection timed out|Operation timed out|Timeout was reached|timed out after \d+ milliseconds/;
const TLS = /server certificate verification failed[^\n]*|SSL certificate problem: [^\n]*|SSL: no alternative certificate subject name matches[^\n]*|SSL: certificate subject name[^\n]*|gnutls_handshake\(\) failed[^\n]*|OpenSSL SSL_connect: [^\n]*|SSL_ERROR_[A-Z_]+[^\n]*|error:[0-9A-F]+:SSL routines[^\n]*/;

/**
 * Classifies a finished `git ls-remote`. Pure: git's stderr (in English) and what the probe knows
 * about credential sources decide. A prompt git could not show is a missing credential, unless a
 * ~/.netrc entry for the host was sent and refused (git then asks for a user name too).
 */
export function classifyGitRun(run: ProcessOutcome, credentials: CredentialSources): GitOutcome {
  if (run.spawnError === 'ENOENT') return { kind: 'git-missing' };
  if (run.cancelled) return { kind: 'cancelled' };
  if (run.timedOut) return { kind: 'timed-out', by: 'deadline' };
  if (run.exitCode === 0) return { kind: 'ok', refs: parseLsRemote(run.stdout).size };
  const text = run.stderr;
  const prompt = PROMPT.exec(text);
  if (prompt) {
    if (credentials.netrc) return { kind: 'credentials-rejected', source: 'netrc' };
    return { kind: 'credentials-missing', asked: prompt[1] === 'Password' ? 'password' : 'username' };
  }
  if (/Authentication failed for/.test(text) || /Invalid username or password|Bad credentials/i.test(text)) return { kind: 'credentials-rejected', source: 'helper-or-url' };
  if (/Permission denied \((?:publickey|keyboard-interactive|password)/.test(text)) return { kind: 'ssh-auth-failed' };
  if (/Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|No ED25519 host key is known|No RSA host key is known/.test(text)) return { kind: 'ssh-host-key' };
  const proxyDns = PROXY_DNS.exec(text);
  if (proxyDns) return { kind: 'dns', host: proxyDns[1] ?? '', viaProxy: true };
  const proxyStatus = PROXY_STATUS.exec(text);
  if (proxyStatus) return { kind: 'proxy', status: Number(proxyStatus[1] ?? proxyStatus[2]) };
  const dns = DNS.exec(text);
  if (dns) return { kind: 'dns', host: dns[1] ?? dns[2] ?? '', viaProxy: false };
  const refused = REFUSED.exec(text);
  if (refused) {
    const host = refused[1] ?? refused[3] ?? refused[5];
    const port = refused[2] ?? refused[4];
    return { kind: 'refused', ...(host !== undefined ? { host } : {}), ...(port !== undefined ? { port: Number(port) } : {}) };
  }
  if (TIMEOUT.test(text)) return { kind: 'timed-out', by: 'network' };
  const tls = TLS.exec(text);
  if (tls) return { kind: 'tls', detail: cleanGitText(tls[0], 300) };
  if (/repository '[^']*' not found|Repository not found|does not appear to be a git repository/.test(text)) return { kind: 'repository-not-found' };
  const status = STATUS.exec(text);
  if (status) {
    const code = Number(status[1]);
    if (code === 401) return credentials.netrc || credentials.helper !== undefined || credentials.userinfo ? { kind: 'credentials-rejected', source: credentials.netrc ? 'netrc' : 'helper-or-url' } : { kind: 'credentials-missing', asked: 'username' };
    if (code === 403) return { kind: 'forbidden' };
    if (code === 404 || code === 410) return { kind: 'repository-not-found' };
    if (code >= 500) return { kind: 'server-error', status: code };
    return { kind: 'http-error', status: code };
  }
  return { kind: 'failed' };
}

/** The schemes the probe lets git use: cmd/go's git schemes. Anything else a server announced is not run. */
export const PROBED_GIT_SCHEMES = new Set(['https', 'http', 'ssh', 'git+ssh', 'git']);

/** The scheme of a git URL, or `scp` for `user@host:path`. */
export function gitUrlScheme(url: string): string {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(url);
  if (m) return (m[1] ?? '').toLowerCase();
  return /^[^/:]+:/.test(url) ? 'scp' : '';
}

/** The host of a git URL (scheme or scp form), for messages and `.netrc` lookups. */
export function gitUrlHost(url: string): string | undefined {
  try {
    if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(url)) return new URL(url.replace(/^git\+ssh:/i, 'ssh:')).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return undefined;
  }
  const scp = /^(?:[^@/]+@)?([^/:]+):/.exec(url);
  return scp?.[1];
}
