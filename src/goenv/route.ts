/**
 * Routing: for one module, the sequence of places `go` tries (proxies, direct VCS access, off) and
 * whether and how it consults the checksum database. Pure: it works from the effective settings
 * (`go env -json`) and never touches the network.
 */
import { DoctorError } from '../errors.js';
import { redactUrl } from '../redact.js';
import { t } from '../i18n/language.js';
import { checkModulePath, escapeVersion, ModuleEscapeError, proxyRequestUrl, queryStatsDirectly, type ProxyRequest } from './modulepath.js';
import { matchingPrefixPattern, matchPrefixPatterns } from './patterns.js';
import { goQuote } from './go-text.js';
import { goUrlRules, goUrlString, goWebJoin, parseGoUrl } from './go-url.js';
import { proxyList, type ProxySpec } from './proxylist.js';
import { directSumDbUrl, GOSUMDB_OFF_ERROR, parseGoSumDb, type GoSumDbConfig } from './sumdbconfig.js';

/**
 * The effective values `go env -json` prints. GONOPROXY/GONOSUMDB are already derived from GOPRIVATE there;
 * `derived` says which of them were (so a report can name GOPRIVATE as the variable to change).
 */
export interface RouteSettings {
  GOPROXY: string;
  GONOPROXY: string;
  GONOSUMDB: string;
  GOPRIVATE: string;
  GOSUMDB: string;
  GOINSECURE: string;
  GOVCS: string;
  GOFLAGS?: string;
  /** Which of GONOPROXY/GONOSUMDB were inherited from GOPRIVATE (origin `derived`). */
  derived?: { GONOPROXY?: boolean; GONOSUMDB?: boolean };
  /** The target GOOS, for `filepath.IsAbs` in GOPROXY parsing (default: not windows). */
  GOOS?: string;
  /** go's GOVERSION and the OS GODEBUG: which release's net/url parses GOPROXY and GOSUMDB URLs (go1.23's when absent). */
  GOVERSION?: string;
  GODEBUG?: string;
}

/** The variable and pattern that decided something. */
export interface PatternMatch {
  variable: string;
  pattern: string;
}

/** One module proxy request. */
export interface ProxyRouteStep {
  kind: 'proxy';
  /** The first URL go requests there: `<base>/<escaped>/@v/list`, or `@v/<v>.info` for a version. */
  url: string;
  /** The GOPROXY entry. */
  base: string;
  /** True after `|`: any failure moves on. False after `,` (or last): only 404/410 move on. */
  fallBackOnError: boolean;
}

/** What GOVCS says about direct access for this module. */
export interface GovcsVerdict {
  /** Whether GOPRIVATE matches the path (GOVCS's `private`/`public` is decided by GOPRIVATE alone). */
  private: boolean;
  /** The GOVCS rule that applies (`public`/`private` for cmd/go's defaults). */
  rule?: string;
  /** Whether that rule came from the built-in default `private:all,public:git|hg`. */
  defaultRule: boolean;
  /** The version control systems that rule allows (`all` for any). */
  allowed: string[];
  /** cmd/go's error for an invalid GOVCS; direct fetches then fail with it. */
  error?: string;
}

/** Direct (VCS or go-get) access from this machine. */
export interface DirectRouteStep {
  kind: 'direct';
  /** `noproxy`: GONOPROXY/GOPRIVATE matched, so proxies are bypassed; `goproxy`: the `direct` entry of GOPROXY. */
  reason: 'noproxy' | 'goproxy';
  /** For `noproxy`, the variable and pattern that matched. */
  matchedBy?: PatternMatch;
  /**
   * What go requests first: the repository URL for hosts it knows (github.com, ...) or
   * `https://<module path>?go-get=1` to discover the repository.
   */
  url: string;
  /** The version control system, when the path alone decides it (github.com → git, `….git/` paths). */
  vcs?: string;
  /** The repository root, when the path alone decides it. */
  repoRoot?: string;
  /** true/false when GOVCS decides from the path alone; null when it depends on the VCS the server announces. */
  govcsAllows: boolean | null;
  govcs: GovcsVerdict;
  /** GOINSECURE matches: no TLS verification and plain-HTTP fallback for this direct lookup only. */
  insecure: boolean;
  insecurePattern?: string;
  /** False: only "not found" (e.g. no repository) moves on to the rest of the list. */
  fallBackOnError: boolean;
  /** Set on a second direct attempt that only happens when the first one found nothing. */
  onlyIfPreviousNotFound?: boolean;
}

/** GOPROXY=off (or an `off` entry): the lookup fails here. */
export interface OffRouteStep {
  kind: 'off';
  /** cmd/go's error text. */
  error: string;
}

/** One place go tries, in order. */
export type RouteStep = ProxyRouteStep | DirectRouteStep | OffRouteStep;

/** A candidate for reaching the checksum database, tried in order. */
export type SumDbCandidate =
  | { kind: 'proxy'; base: string; supportedUrl: string; databaseUrl: string; fallBackOnError: boolean }
  | {
      kind: 'direct';
      url: string;
      /**
       * True when proxies come first: go falls back to the database itself only if every one of them answered
       * 404/410. A proxy error passed over after `|` still makes the lookup fail when no later proxy answers 200.
       */
      onlyIfProxiesNotFound: boolean;
    }
  | { kind: 'explicit'; url: string };

/** Whether and how the checksum database is consulted for this module. */
export interface ChecksumDatabaseRoute {
  /** True when go asks the database about a hash that is not yet in go.sum. */
  consulted: boolean;
  name?: string;
  /** The database URL when it does not depend on proxy answers (explicit URL, or direct only). */
  url?: string;
  /** The verifier key. */
  key?: string;
  /** Why it is not consulted: `GOSUMDB=off`, or the GONOSUMDB/GOPRIVATE pattern that matched. */
  skippedBy?: PatternMatch;
  /** The ways go tries to reach it, in order (`/sumdb/<name>/supported` on each proxy, then direct). */
  via?: SumDbCandidate[];
  /** When consulted but certain to fail (golang.org/toolchain with GOSUMDB=off), cmd/go's error. */
  error?: string;
  /** Set when GOSUMDB was `sum.golang.google.cn` (rewritten to sum.golang.org with that URL). */
  rewrittenFrom?: string;
}

/** The full route of one module. */
export interface Route {
  module: string;
  version?: string;
  steps: RouteStep[];
  checksumDatabase: ChecksumDatabaseRoute;
  /** GOPROXY entries go walks past without any request because GONOPROXY/GOPRIVATE matched. */
  bypassed?: Array<{ kind: 'proxy' | 'off'; url?: string }>;
  /** Extra remarks (e.g. -mod=vendor in GOFLAGS). */
  notes: string[];
}

/** cmd/go's error for an `off` entry. mirrors go1.23 src/cmd/go/internal/modfetch/repo.go:267 */
export const PROXY_OFF_ERROR = 'module lookup disabled by GOPROXY=off';

// ---------------------------------------------------------------------------------------------
// GOVCS
// ---------------------------------------------------------------------------------------------

interface GovcsRule {
  pattern: string;
  allowed: string[];
}

/** The rules cmd/go appends after the user's GOVCS. mirrors go1.23 src/cmd/go/internal/vcs/vcs.go:1011-1014 */
export const DEFAULT_GOVCS = 'private:all,public:git|hg';

const DEFAULT_GOVCS_RULES: GovcsRule[] = [
  { pattern: 'private', allowed: ['all'] },
  { pattern: 'public', allowed: ['git', 'hg'] },
];

/** The version control systems cmd/go can run. mirrors go1.23 src/cmd/go/internal/vcs/vcs.go:129-135 */
export const VCS_COMMANDS = ['hg', 'git', 'svn', 'bzr', 'fossil'] as const;

function isRelativePattern(pattern: string): boolean {
  // mirrors go1.23 src/cmd/go/internal/search/search.go:463-465 (IsRelativePath)
  return pattern.startsWith('./') || pattern.startsWith('../') || pattern === '.' || pattern === '..';
}

/**
 * Parses GOVCS into rules, with cmd/go's error texts (`malformed entry in GOVCS (missing colon): "x"`, ...).
 * mirrors go1.23 src/cmd/go/internal/vcs/vcs.go:922-963 (parseGOVCS), same logic since go1.19.
 */
export function parseGovcs(value: string): { ok: true; rules: GovcsRule[] } | { ok: false; error: string } {
  const s = value.trim();
  if (s === '') return { ok: true, rules: [] };
  const rules: GovcsRule[] = [];
  const have = new Map<string, string>();
  for (const rawItem of s.split(',')) {
    const item = rawItem.trim();
    if (item === '') return { ok: false, error: 'empty entry in GOVCS' };
    const colon = item.indexOf(':');
    if (colon < 0) return { ok: false, error: `malformed entry in GOVCS (missing colon): ${goQuote(item)}` };
    const pattern = item.slice(0, colon).trim();
    const list = item.slice(colon + 1).trim();
    if (pattern === '') return { ok: false, error: `empty pattern in GOVCS: ${goQuote(item)}` };
    if (list === '') return { ok: false, error: `empty VCS list in GOVCS: ${goQuote(item)}` };
    if (isRelativePattern(pattern)) return { ok: false, error: `relative pattern not allowed in GOVCS: ${goQuote(pattern)}` };
    const old = have.get(pattern);
    if (old !== undefined) return { ok: false, error: `unreachable pattern in GOVCS: ${goQuote(item)} after ${goQuote(old)}` };
    have.set(pattern, item);
    const allowed: string[] = [];
    for (const a of list.split('|')) {
      const name = a.trim();
      if (name === '') return { ok: false, error: `empty VCS name in GOVCS: ${goQuote(item)}` };
      allowed.push(name);
    }
    rules.push({ pattern, allowed });
  }
  return { ok: true, rules };
}

/**
 * Which GOVCS rule applies to a repository root and what it allows.
 * mirrors go1.23 src/cmd/go/internal/vcs/vcs.go:965-991 (allow) and :1020-1046 (checkGOVCS)
 */
export function govcsVerdict(govcs: string, goprivate: string, root: string): GovcsVerdict {
  const isPrivate = matchPrefixPatterns(goprivate, root);
  const parsed = parseGovcs(govcs);
  if (!parsed.ok) return { private: isPrivate, defaultRule: false, allowed: [], error: parsed.error };
  const user = parsed.rules.length;
  const rules = [...parsed.rules, ...DEFAULT_GOVCS_RULES];
  for (const [index, rule] of rules.entries()) {
    let match: boolean;
    if (rule.pattern === 'private') match = isPrivate;
    else if (rule.pattern === 'public') match = !isPrivate;
    else match = matchPrefixPatterns(rule.pattern, root);
    if (match) return { private: isPrivate, rule: rule.pattern, defaultRule: index >= user, allowed: rule.allowed };
  }
  return { private: isPrivate, defaultRule: false, allowed: [] };
}

/** Whether a verdict allows a given VCS command (`all` allows any). */
export function govcsAllowsVcs(verdict: GovcsVerdict, vcs: string): boolean {
  if (verdict.error !== undefined) return false;
  return verdict.allowed.some((a) => a === vcs || a === 'all');
}

// ---------------------------------------------------------------------------------------------
// Static repository roots (hosts cmd/go knows without asking the server)
// ---------------------------------------------------------------------------------------------

interface StaticRoot {
  vcs: string;
  root: string;
  /** The repository URL (for the generic `.git` form: the first secure scheme cmd/go probes). */
  repo: string;
}

// mirrors go1.23 src/cmd/go/internal/vcs/vcs.go:1519-1577 (vcsPaths); go1.19 spells \w as A-Za-z0-9_.
const STATIC_VCS_PATHS: Array<{ prefix: string; re: RegExp; vcs?: string; repo: boolean }> = [
  { prefix: 'github.com', re: /^(?<root>github\.com\/[\w.-]+\/[\w.-]+)(\/[\w.-]+)*$/, vcs: 'git', repo: true },
  { prefix: 'bitbucket.org', re: /^(?<root>bitbucket\.org\/(?<bitname>[\w.-]+\/[\w.-]+))(\/[\w.-]+)*$/, vcs: 'git', repo: true },
  { prefix: 'hub.jazz.net/git', re: /^(?<root>hub\.jazz\.net\/git\/[a-z0-9]+\/[\w.-]+)(\/[\w.-]+)*$/, vcs: 'git', repo: true },
  { prefix: 'git.apache.org', re: /^(?<root>git\.apache\.org\/[a-z0-9_.-]+\.git)(\/[\w.-]+)*$/, vcs: 'git', repo: true },
  { prefix: 'git.openstack.org', re: /^(?<root>git\.openstack\.org\/[\w.-]+\/[\w.-]+)(\.git)?(\/[\w.-]+)*$/, vcs: 'git', repo: true },
  { prefix: 'chiselapp.com', re: /^(?<root>chiselapp\.com\/user\/[A-Za-z0-9]+\/repository\/[\w.-]+)$/, vcs: 'fossil', repo: true },
  { prefix: '', re: /(?<root>(?<repo>([a-z0-9.-]+\.)+[a-z0-9.-]+(:[0-9]+)?(\/~?[\w.-]+)+?)\.(?<vcs>bzr|fossil|git|hg|svn))(\/~?[\w.-]+)*$/, repo: false },
];

function hasPathPrefix(s: string, prefix: string): boolean {
  if (s.length === prefix.length) return s === prefix;
  if (prefix === '') return true;
  if (s.length > prefix.length) {
    if (prefix.endsWith('/')) return s.startsWith(prefix);
    return s[prefix.length] === '/' && s.startsWith(prefix);
  }
  return false;
}

/**
 * The VCS and repository root cmd/go derives from the path alone, before any network access;
 * undefined when it must ask `https://<path>?go-get=1`.
 * mirrors go1.23 src/cmd/go/internal/vcs/vcs.go:1104-1211 (repoRootFromVCSPaths)
 */
export function staticRepoRoot(modulePath: string): StaticRoot | undefined {
  for (const srv of STATIC_VCS_PATHS) {
    if (!hasPathPrefix(modulePath, srv.prefix)) continue;
    const m = srv.re.exec(modulePath);
    if (!m?.groups?.root) {
      if (srv.prefix !== '') return undefined; // cmd/go reports "invalid <host> import path"
      continue;
    }
    const vcs = srv.vcs ?? m.groups.vcs ?? '';
    const root = m.groups.root;
    // The generic `<host>/<path>.<vcs>` form probes secure schemes in order; https is the first one.
    const repo = srv.repo ? `https://${root}` : `https://${m.groups.repo ?? root}`;
    return { vcs, root, repo };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The route
// ---------------------------------------------------------------------------------------------

function patternMatch(globs: string, target: string, variable: string, derivedFrom?: string): PatternMatch | undefined {
  const pattern = matchingPrefixPattern(globs, target);
  if (pattern === undefined) return undefined;
  return { variable: derivedFrom ?? variable, pattern };
}

function isDerived(settings: RouteSettings, name: 'GONOPROXY' | 'GONOSUMDB'): boolean {
  const flag = settings.derived?.[name];
  if (flag !== undefined) return flag;
  // Without provenance, a value equal to GOPRIVATE is most likely inherited from it.
  return settings.GOPRIVATE !== '' && settings[name] === settings.GOPRIVATE;
}

function directStep(settings: RouteSettings, modulePath: string, reason: 'noproxy' | 'goproxy', matchedBy?: PatternMatch): DirectRouteStep {
  const staticRoot = staticRepoRoot(modulePath);
  const root = staticRoot?.root ?? modulePath;
  const govcs = govcsVerdict(settings.GOVCS, settings.GOPRIVATE, root);
  let govcsAllows: boolean | null;
  if (govcs.error !== undefined) govcsAllows = false;
  else if (staticRoot) govcsAllows = govcsAllowsVcs(govcs, staticRoot.vcs);
  else if (govcs.allowed.includes('all')) govcsAllows = true;
  else if (!VCS_COMMANDS.some((vcs) => govcs.allowed.includes(vcs))) govcsAllows = false;
  else govcsAllows = null;
  const insecurePattern = matchingPrefixPattern(settings.GOINSECURE, modulePath);
  const slash = modulePath.indexOf('/');
  const goGetUrl = `https://${slash < 0 ? modulePath + '/' : modulePath}?go-get=1`;
  const step: DirectRouteStep = {
    kind: 'direct',
    reason,
    url: staticRoot?.repo ?? goGetUrl,
    govcsAllows,
    govcs,
    insecure: insecurePattern !== undefined,
    fallBackOnError: false,
  };
  if (matchedBy) step.matchedBy = matchedBy;
  if (staticRoot) {
    step.vcs = staticRoot.vcs;
    step.repoRoot = staticRoot.root;
  }
  if (insecurePattern !== undefined) step.insecurePattern = insecurePattern;
  return step;
}

// `go mod download M@V` / `go get M@V` stat a complete version directly; queries and bare paths start with the list.
function firstRequest(version: string | undefined): ProxyRequest {
  if (version === undefined || !queryStatsDirectly(version)) return { kind: 'list' };
  return { kind: 'info', version };
}

/** Parses GOPROXY/GONOPROXY or throws DoctorError 'invalid-goproxy' with cmd/go's text. */
export function proxySpecsOrThrow(settings: RouteSettings): ProxySpec[] {
  const list = proxyList(settings.GOPROXY, settings.GONOPROXY, { goos: settings.GOOS, goVersion: settings.GOVERSION, godebug: settings.GODEBUG });
  if (!list.ok) throw new DoctorError('invalid-goproxy', redactUrl(`GOPROXY=${goQuote(settings.GOPROXY)}: ${list.error}`));
  return list.specs;
}

/** Parses GOSUMDB or throws DoctorError 'invalid-gosumdb' with cmd/go's text. */
export function goSumDbOrThrow(settings: RouteSettings): GoSumDbConfig {
  const parsed = parseGoSumDb(settings.GOSUMDB, settings.GOVERSION === undefined ? undefined : goUrlRules(settings.GOVERSION, settings.GODEBUG));
  if (!parsed.ok) throw new DoctorError('invalid-gosumdb', redactUrl(`GOSUMDB=${goQuote(settings.GOSUMDB)}: ${parsed.error}`));
  return parsed.config;
}

/**
 * How cmd/go reaches a checksum database: the explicit URL, else each proxy's `/sumdb/<name>/supported`
 * in GOPROXY order (200: use that proxy; 404/410, or any error after `|`: next), and finally `https://<name>`
 * once the list reaches `direct`, `off` or its end — but only when every proxy said "not found": TryProxies
 * keeps a proxy error as the result even after falling through, and initBase then fails with it.
 * mirrors go1.23 src/cmd/go/internal/modfetch/sumdb.go:177-227 (initBase) and proxy.go:139-185 (TryProxies)
 */
export function sumDbCandidates(config: Extract<GoSumDbConfig, { kind: 'db' }>, specs: readonly ProxySpec[]): SumDbCandidate[] {
  if (config.url !== undefined) return [{ kind: 'explicit', url: config.url }];
  const candidates: SumDbCandidate[] = [];
  for (const spec of specs) {
    if (spec.kind === 'noproxy') continue; // errUseProxy: "not found", move on
    if (spec.kind === 'direct' || spec.kind === 'off') break; // errProxyOff ends the walk: go direct
    const parsed = parseGoUrl(spec.url ?? '');
    if (!parsed.ok) continue;
    candidates.push({
      kind: 'proxy',
      base: spec.url ?? '',
      supportedUrl: goUrlString(goWebJoin(parsed.url, `sumdb/${config.name}/supported`), { withFragment: false }),
      databaseUrl: goUrlString(goWebJoin(parsed.url, `sumdb/${config.name}`), { withFragment: false }),
      fallBackOnError: spec.fallBackOnError,
    });
  }
  candidates.push({ kind: 'direct', url: directSumDbUrl(config.name), onlyIfProxiesNotFound: candidates.length > 0 });
  return candidates;
}

/**
 * Whether cmd/go verifies this module against the checksum database (for hashes not yet in go.sum).
 * mirrors go1.23 src/cmd/go/internal/modfetch/sumdb.go:35-66 (useSumDB); golang.org/toolchain is
 * always verified since go1.21 unless GOPROXY is a single file:// URL.
 */
export function checksumDatabaseRoute(settings: RouteSettings, specs: readonly ProxySpec[], config: GoSumDbConfig, modulePath: string): ChecksumDatabaseRoute {
  let mustVerify = false;
  if (modulePath === 'golang.org/toolchain') {
    mustVerify = !(settings.GOPROXY.startsWith('file://') && !/[,|]/.test(settings.GOPROXY));
  }
  if (config.kind === 'off') {
    if (mustVerify) return { consulted: true, error: GOSUMDB_OFF_ERROR };
    return { consulted: false, skippedBy: { variable: 'GOSUMDB', pattern: 'off' } };
  }
  if (!mustVerify) {
    const skippedBy = patternMatch(settings.GONOSUMDB, modulePath, 'GONOSUMDB', isDerived(settings, 'GONOSUMDB') ? 'GOPRIVATE' : undefined);
    if (skippedBy) return { consulted: false, name: config.name, skippedBy };
  }
  const via = sumDbCandidates(config, specs);
  const route: ChecksumDatabaseRoute = { consulted: true, name: config.name, via };
  if (config.key !== undefined) route.key = config.key;
  const only = via.length === 1 ? via[0] : undefined;
  if (only && only.kind !== 'proxy') route.url = only.url;
  if (config.rewrittenFrom !== undefined) route.rewrittenFrom = config.rewrittenFrom;
  return route;
}

function validateVersion(version: string): void {
  if (!queryStatsDirectly(version)) return;
  try {
    escapeVersion(version);
  } catch (error) {
    if (error instanceof ModuleEscapeError) throw new DoctorError('usage', error.message);
    throw error;
  }
}

/**
 * The route of one module: every place go tries, in order, and the checksum database verdict.
 * Throws DoctorError 'invalid-module-path' (cmd/go's CheckPath text), 'invalid-goproxy' or 'invalid-gosumdb'.
 * mirrors go1.23 src/cmd/go/internal/modfetch/repo.go:224-253 (lookup) walked as TryProxies does (proxy.go:139-185)
 */
export function computeRoute(settings: RouteSettings, modulePath: string, version?: string): Route {
  const pathError = checkModulePath(modulePath);
  if (pathError !== undefined) throw new DoctorError('invalid-module-path', pathError);
  if (version !== undefined) validateVersion(version);
  const specs = proxySpecsOrThrow(settings);
  const sumdb = goSumDbOrThrow(settings);

  const noproxyMatch = patternMatch(settings.GONOPROXY, modulePath, 'GONOPROXY', isDerived(settings, 'GONOPROXY') ? 'GOPRIVATE' : undefined);
  const request = firstRequest(version);
  const steps: RouteStep[] = [];
  const bypassed: Array<{ kind: 'proxy' | 'off'; url?: string }> = [];
  let sawDirect = false;
  for (const spec of specs) {
    if (noproxyMatch) {
      // GONOPROXY matches: "noproxy" and "direct" go direct; every other entry answers "not found" at once.
      if (spec.kind === 'noproxy' || spec.kind === 'direct') {
        const step = directStep(settings, modulePath, spec.kind === 'noproxy' ? 'noproxy' : 'goproxy', spec.kind === 'noproxy' ? noproxyMatch : undefined);
        if (spec.kind === 'direct' && settings.GOPROXY === 'direct') step.matchedBy = noproxyMatch;
        if (sawDirect) step.onlyIfPreviousNotFound = true;
        sawDirect = true;
        steps.push(step);
      } else {
        bypassed.push(spec.kind === 'proxy' ? { kind: 'proxy', url: spec.url } : { kind: 'off' });
      }
      continue;
    }
    switch (spec.kind) {
      case 'noproxy':
        break; // path does not match GONOPROXY: nothing happens
      case 'off':
        steps.push({ kind: 'off', error: PROXY_OFF_ERROR });
        break;
      case 'direct':
        steps.push(directStep(settings, modulePath, 'goproxy'));
        break;
      case 'proxy':
        steps.push({ kind: 'proxy', url: proxyRequestUrl(spec.url ?? '', modulePath, request), base: spec.url ?? '', fallBackOnError: spec.fallBackOnError });
        break;
    }
  }

  const notes: string[] = [];
  const goflags = settings.GOFLAGS ?? '';
  if (/(^|\s)--?mod=vendor(\s|$)/.test(goflags)) notes.push(t`GOFLAGS has -mod=vendor: commands that honour it never look modules up (${'"module lookup disabled by -mod=vendor"'})`);
  const route: Route = {
    module: modulePath,
    steps,
    checksumDatabase: checksumDatabaseRoute(settings, specs, sumdb, modulePath),
    notes,
  };
  if (version !== undefined) route.version = version;
  if (bypassed.length > 0) route.bypassed = bypassed;
  return route;
}
