/**
 * Finding a module's repository as cmd/go's vcs.RepoRootForImportPath does (mirrors go1.26
 * src/cmd/go/internal/vcs/vcs.go:825-1216; go1.23 is the same except for the go-import subdirectory,
 * which Go 1.25 added): the path-based table first (known hosts, `.git`-style suffixes, GOVCS, and a
 * ping of each secure scheme for the suffix form), else the `?go-get=1` page and its go-import tags
 * (including the check of a tag whose prefix is shorter than the path), else launchpad.net's pattern.
 * Requests and git runs are injected; the error texts are cmd/go's.
 */
import { goQuote } from '../../goenv/go-text.js';
import { parseGoUrl } from '../../goenv/go-url.js';
import { goAtLeast } from '../netrc.js';
import { checkGovcs, type GovcsDecision } from './govcs.js';
import { matchGoImport, parseMetaGoImports, type MetaImport } from './meta.js';
import { KNOWN_VCS, pingSchemes, repoRootAfterDynamic, repoRootFromVcsPaths, type StaticLookup } from './vcs-paths.js';
import type { SecurityMode, WebGetResult, WebRequestFacts } from './web-get.js';

/** Where the repository root came from. */
export type RootSource = 'known-host' | 'vcs-suffix' | 'go-import' | 'after-dynamic';

/** A resolved repository (cmd/go's vcs.RepoRoot). `repoUrl` is as found: redact before printing. */
export interface RepoRoot {
  /** The import path prefix of the repository root. */
  root: string;
  vcs: string;
  repoUrl: string;
  /** Go 1.25+: the module's directory inside the repository. */
  subDir: string;
  via: RootSource;
  /** The page whose go-import tag announced it. */
  page?: string;
  /** The tag itself. */
  meta?: MetaImport;
}

/** Why no repository was found. */
export type RootFailure =
  /** Refused from the path alone (`invalid github.com import path`, `.git` on a known host, ...). */
  | { kind: 'path-refused'; reason: Extract<StaticLookup, { kind: 'error' }>['reason'] }
  /** The first path element has no dot, so there is no host to ask. */
  | { kind: 'not-hostname' }
  /** The discovery request failed before any answer. `request` is the last attempt. */
  | { kind: 'fetch-failed'; request: WebRequestFacts; forPrefix?: string }
  /** The page answered with a status other than 200 and carried no go-import tag. */
  | { kind: 'http-status'; status: number; forPrefix?: string }
  /** The page could not be read as (lenient) XML before any tag. */
  | { kind: 'page-unparsable'; error: string; forPrefix?: string }
  /** No go-import tag's prefix matches the path (`mismatches` lists the prefixes found). */
  | { kind: 'no-go-import'; mismatches: string[]; forPrefix?: string }
  | { kind: 'multiple-go-import' }
  /** The page at the tag's (shorter) prefix does not announce the same tag. */
  | { kind: 'prefix-disagrees'; prefix: string }
  | { kind: 'invalid-subdir'; subDir: string }
  | { kind: 'invalid-repo-root'; repoRoot: string }
  | { kind: 'unknown-vcs'; vcs: string }
  /** The `.vcs` form: no scheme answered a ping. */
  | { kind: 'no-protocol'; secureOnly: boolean }
  /** GOVCS forbids the VCS for this root, or cannot be parsed. */
  | { kind: 'govcs'; decision: GovcsDecision };

/** One ping of a scheme for the `.vcs` form (cmd/go runs `git ls-remote <scheme>://<repo>`). */
export interface PingAttempt<Run> {
  url: string;
  ok: boolean;
  run: Run;
}

/** The discovery result: the root, or cmd/go's error with the facts behind it. */
export type RootDiscovery<Run> =
  | { ok: true; root: RepoRoot; govcs: GovcsDecision; requests: WebRequestFacts[]; pings: Array<PingAttempt<Run>> }
  | { ok: false; failure: RootFailure; goError: string; govcs?: GovcsDecision; requests: WebRequestFacts[]; pings: Array<PingAttempt<Run>> };

/** What discovery needs from the outside. */
export interface DiscoveryDeps<Run> {
  goVersion: string;
  security: SecurityMode;
  govcs: { GOVCS: string; GOPRIVATE: string };
  /** GIT_ALLOW_PROTOCOL from the environment: it redefines which git schemes are secure. */
  gitAllowProtocol?: string;
  /** cmd/go's web.Get for `//host/path?query`. */
  webGet(target: { host: string; path: string; rawQuery: string }, security: SecurityMode): Promise<WebGetResult>;
  /** Runs the VCS's ping (`git ls-remote <url>`); only git is pinged. */
  ping(vcs: string, url: string): Promise<{ ok: boolean; run: Run } | undefined>;
}

class LookupError extends Error {
  constructor(
    readonly failure: RootFailure,
    message: string,
  ) {
    super(message);
  }
}

// urlForImportPath (vcs.go:1014-1031): the host is the first element and must contain a dot.
function urlForImportPath(importPath: string): { host: string; path: string; rawQuery: string } {
  const slash = importPath.indexOf('/');
  const host = slash < 0 ? importPath : importPath.slice(0, slash);
  const rest = slash < 0 ? '' : importPath.slice(slash);
  if (!host.includes('.')) throw new LookupError({ kind: 'not-hostname' }, 'import path does not begin with hostname');
  return { host, path: rest === '' ? '/' : rest, rawQuery: 'go-get=1' };
}

// A scheme-less *url.URL as cmd/go formats it: `//host/path?go-get=1`.
function schemeless(target: { host: string; path: string; rawQuery: string }): string {
  return `//${target.host}${target.path}?${target.rawQuery}`;
}

function lastAttempt(result: WebGetResult): WebRequestFacts {
  return result.attempts[result.attempts.length - 1] as WebRequestFacts;
}

// validateRepoRoot (vcs.go:1144-1156).
function repoRootProblem(repoRoot: string): string | undefined {
  const parsed = parseGoUrl(repoRoot);
  if (!parsed.ok) return parsed.error;
  if (parsed.url.scheme === '') return 'no scheme';
  if (parsed.url.scheme === 'file') return 'file scheme disallowed';
  return undefined;
}

/** Repository root discovery. Never throws for a failed lookup: the failure is the result. */
export async function discoverRepoRoot<Run>(importPath: string, deps: DiscoveryDeps<Run>): Promise<RootDiscovery<Run>> {
  const requests: WebRequestFacts[] = [];
  const pings: Array<PingAttempt<Run>> = [];
  let govcs: GovcsDecision | undefined;

  // The metaImportsForPrefix of vcs.go:1172-1216: the page at a tag's prefix, parsed.
  const importsForPrefix = async (prefix: string): Promise<{ url: string; imports: MetaImport[] }> => {
    const target = urlForImportPath(prefix);
    const res = await deps.webGet(target, deps.security);
    requests.push(...res.attempts);
    if (!res.ok) throw new LookupError({ kind: 'fetch-failed', request: lastAttempt(res), forPrefix: prefix }, `fetching ${prefix}: ${res.error}`);
    const parsed = parseMetaGoImports(res.body, deps.goVersion);
    if (parsed.imports.length === 0 && res.statusError !== undefined) {
      throw new LookupError({ kind: 'http-status', status: res.status, forPrefix: prefix }, res.statusError);
    }
    if (parsed.error !== undefined) throw new LookupError({ kind: 'page-unparsable', error: parsed.error, forPrefix: prefix }, `parsing ${res.url}: ${parsed.error}`);
    if (parsed.imports.length === 0) {
      throw new LookupError({ kind: 'no-go-import', mismatches: [], forPrefix: prefix }, `fetching ${prefix}: no go-import meta tag found in ${res.url}`);
    }
    return { url: schemeless(target), imports: parsed.imports };
  };

  // repoRootForImportDynamic (vcs.go:1033-1127).
  const dynamic = async (): Promise<RepoRoot> => {
    const target = urlForImportPath(importPath);
    const res = await deps.webGet(target, deps.security);
    requests.push(...res.attempts);
    if (!res.ok) {
      const prefix = deps.security === 'insecure' ? 'http/https fetch' : 'https fetch';
      throw new LookupError({ kind: 'fetch-failed', request: lastAttempt(res) }, `${prefix}: ${res.error}`);
    }
    const parsed = parseMetaGoImports(res.body, deps.goVersion);
    if (parsed.imports.length === 0 && res.statusError !== undefined) throw new LookupError({ kind: 'http-status', status: res.status }, res.statusError);
    if (parsed.error !== undefined) throw new LookupError({ kind: 'page-unparsable', error: parsed.error }, `parsing ${importPath}: ${parsed.error}`);
    const chosen = matchGoImport(parsed.imports, importPath);
    if (!chosen.ok) {
      if (chosen.kind === 'multiple') throw new LookupError({ kind: 'multiple-go-import' }, `parse ${schemeless(target)}: ${chosen.error}`);
      throw new LookupError({ kind: 'no-go-import', mismatches: chosen.mismatches }, `parse ${res.url}: no go-import meta tags (${chosen.error})`);
    }
    const mmi = chosen.match;
    if (mmi.prefix !== importPath) {
      // A tag for a shorter prefix is trusted only if the prefix's own page says the same.
      const { url, imports } = await importsForPrefix(mmi.prefix);
      const again = matchGoImport(imports, importPath);
      const same = again.ok && again.match.prefix === mmi.prefix && again.match.vcs === mmi.vcs && again.match.repoRoot === mmi.repoRoot && again.match.subDir === mmi.subDir;
      if (!same) throw new LookupError({ kind: 'prefix-disagrees', prefix: mmi.prefix }, `${res.url} and ${url} disagree about go-import for ${mmi.prefix}`);
    }
    if (goAtLeast(deps.goVersion, 25) && mmi.subDir !== '' && (mmi.subDir.startsWith('/') || mmi.subDir.startsWith('-'))) {
      const why = mmi.subDir.startsWith('/') ? 'leading slash' : 'leading hyphen';
      throw new LookupError({ kind: 'invalid-subdir', subDir: mmi.subDir }, `${res.url}: invalid subdirectory ${goQuote(mmi.subDir)}: ${why}`);
    }
    const problem = repoRootProblem(mmi.repoRoot);
    if (problem !== undefined) throw new LookupError({ kind: 'invalid-repo-root', repoRoot: mmi.repoRoot }, `${res.url}: invalid repo root ${goQuote(mmi.repoRoot)}: ${problem}`);
    if (mmi.vcs !== 'mod' && !(KNOWN_VCS as readonly string[]).includes(mmi.vcs)) {
      throw new LookupError({ kind: 'unknown-vcs', vcs: mmi.vcs }, `${res.url}: unknown vcs ${goQuote(mmi.vcs)}`);
    }
    govcs = checkGovcs(mmi.vcs, mmi.prefix, deps.govcs);
    if (!govcs.allowed) throw new LookupError({ kind: 'govcs', decision: govcs }, govcs.error ?? 'GOVCS');
    return { root: mmi.prefix, vcs: mmi.vcs, repoUrl: mmi.repoRoot, subDir: mmi.subDir, via: 'go-import', page: res.url, meta: mmi };
  };

  // repoRootFromVCSPaths (vcs.go:856-963) once a table entry matched.
  const fromTable = async (lookup: StaticLookup, via: RootSource): Promise<RepoRoot | 'unknown-site'> => {
    if (lookup.kind === 'unknown-site') return 'unknown-site';
    if (lookup.kind === 'error') throw new LookupError({ kind: 'path-refused', reason: lookup.reason }, lookup.error);
    const found = lookup.root;
    const decision = checkGovcs(found.vcs, found.root, deps.govcs);
    govcs = decision;
    if (!decision.allowed) throw new LookupError({ kind: 'govcs', decision }, decision.error ?? 'GOVCS');
    if (found.repoUrl !== undefined) return { root: found.root, vcs: found.vcs, repoUrl: found.repoUrl, subDir: '', via: via === 'after-dynamic' ? via : found.matchedBy === 'vcs-suffix' ? 'vcs-suffix' : 'known-host' };
    const repo = found.schemelessRepo ?? '';
    for (const scheme of pingSchemes(found.vcs, deps.security === 'insecure', deps.gitAllowProtocol)) {
      const url = `${scheme}://${repo}`;
      const pinged = await deps.ping(found.vcs, url);
      // Fossil has no ping command: cmd/go takes the first scheme; other VCSs are not run here.
      if (pinged === undefined) return { root: found.root, vcs: found.vcs, repoUrl: url, subDir: '', via: 'vcs-suffix' };
      pings.push({ url, ok: pinged.ok, run: pinged.run });
      if (pinged.ok) return { root: found.root, vcs: found.vcs, repoUrl: url, subDir: '', via: 'vcs-suffix' };
    }
    const secureOnly = deps.security !== 'insecure';
    throw new LookupError({ kind: 'no-protocol', secureOnly }, `no ${secureOnly ? 'secure ' : ''}protocol found for repository`);
  };

  let root: RepoRoot | undefined;
  let failure: LookupError | undefined;
  try {
    const first = await fromTable(repoRootFromVcsPaths(importPath), 'known-host');
    if (first === 'unknown-site') {
      try {
        root = await dynamic();
      } catch (error) {
        if (!(error instanceof LookupError)) throw error;
        throw new LookupError(error.failure, `unrecognized import path ${goQuote(importPath)}: ${error.message}`);
      }
    } else {
      root = first;
    }
  } catch (error) {
    if (!(error instanceof LookupError)) throw error;
    failure = error;
  }
  if (failure !== undefined) {
    // vcsPathsAfterDynamic gets a chance after any failure (launchpad.net only).
    const afterGovcs = govcs;
    try {
      const after = await fromTable(repoRootAfterDynamic(importPath), 'after-dynamic');
      if (after !== 'unknown-site') {
        root = after;
        failure = undefined;
      }
    } catch {
      govcs = afterGovcs;
    }
  }
  if (root !== undefined && govcs !== undefined) return { ok: true, root, govcs, requests, pings };
  const lookupError = failure as LookupError;
  const out: RootDiscovery<Run> = { ok: false, failure: lookupError.failure, goError: lookupError.message, requests, pings };
  if (govcs !== undefined) out.govcs = govcs;
  return out;
}
