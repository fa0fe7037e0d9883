/**
 * Repository roots cmd/go knows from the import path alone: the hosts it has patterns for
 * (github.com, bitbucket.org, ...) and the `<host>/<path>.<vcs>` form, plus launchpad.net, which is
 * tried only after the dynamic lookup failed (mirrors go1.26 src/cmd/go/internal/vcs/vcs.go:852-963
 * repoRootFromVCSPaths, :1292-1401 vcsPaths, vcsPathsAfterDynamic, noVCSSuffix; the same in go1.23).
 */
import { goQuote } from '../../goenv/go-text.js';
import { hasPathPrefix } from './meta.js';

/** What cmd/go's Cmd.Scheme lists for each VCS, in the order it pings them (vcs.go:145-390). */
export const VCS_SCHEMES: Readonly<Record<string, readonly string[]>> = {
  hg: ['https', 'http', 'ssh'],
  git: ['git', 'https', 'http', 'git+ssh', 'ssh'],
  bzr: ['https', 'http', 'bzr', 'bzr+ssh'],
  svn: ['https', 'http', 'svn', 'svn+ssh'],
  fossil: ['https', 'http'],
};

/** The schemes cmd/go counts as secure (vcs.go:72-78); for git, GIT_ALLOW_PROTOCOL replaces the list. */
const DEFAULT_SECURE_SCHEMES = new Set(['https', 'git+ssh', 'bzr+ssh', 'svn+ssh', 'ssh']);

/** cmd/go's isSecureScheme (vcs.go:95-112). */
export function isSecureScheme(vcs: string, scheme: string, gitAllowProtocol: string | undefined): boolean {
  if (vcs === 'git' && gitAllowProtocol !== undefined && gitAllowProtocol !== '') {
    return gitAllowProtocol.split(':').includes(scheme);
  }
  return DEFAULT_SECURE_SCHEMES.has(scheme);
}

interface VcsPath {
  pathPrefix: string;
  regexp: RegExp;
  repo?: string;
  vcs?: string;
  check?: 'no-vcs-suffix' | 'launchpad';
  schemelessRepo?: boolean;
}

// The patterns, with Go's named groups; \w is [A-Za-z0-9_] in both RE2 and JavaScript.
const VCS_PATHS: readonly VcsPath[] = [
  { pathPrefix: 'github.com', regexp: /^(?<root>github\.com\/[\w.-]+\/[\w.-]+)(\/[\w.-]+)*$/, vcs: 'git', repo: 'https://{root}', check: 'no-vcs-suffix' },
  { pathPrefix: 'bitbucket.org', regexp: /^(?<root>bitbucket\.org\/(?<bitname>[\w.-]+\/[\w.-]+))(\/[\w.-]+)*$/, vcs: 'git', repo: 'https://{root}', check: 'no-vcs-suffix' },
  { pathPrefix: 'hub.jazz.net/git', regexp: /^(?<root>hub\.jazz\.net\/git\/[a-z0-9]+\/[\w.-]+)(\/[\w.-]+)*$/, vcs: 'git', repo: 'https://{root}', check: 'no-vcs-suffix' },
  { pathPrefix: 'git.apache.org', regexp: /^(?<root>git\.apache\.org\/[a-z0-9_.-]+\.git)(\/[\w.-]+)*$/, vcs: 'git', repo: 'https://{root}' },
  { pathPrefix: 'git.openstack.org', regexp: /^(?<root>git\.openstack\.org\/[\w.-]+\/[\w.-]+)(\.git)?(\/[\w.-]+)*$/, vcs: 'git', repo: 'https://{root}' },
  { pathPrefix: 'chiselapp.com', regexp: /^(?<root>chiselapp\.com\/user\/[A-Za-z0-9]+\/repository\/[\w.-]+)$/, vcs: 'fossil', repo: 'https://{root}' },
  // The general `<host>/<path>.<vcs>` form; must be last. RE2 finds the leftmost match, as exec does.
  {
    pathPrefix: '',
    regexp: /(?<root>(?<repo>([a-z0-9.-]+\.)+[a-z0-9.-]+(:[0-9]+)?(\/~?[\w.-]+)+?)\.(?<vcs>bzr|fossil|git|hg|svn))(\/~?[\w.-]+)*$/,
    schemelessRepo: true,
  },
];

const VCS_PATHS_AFTER_DYNAMIC: readonly VcsPath[] = [
  {
    pathPrefix: 'launchpad.net',
    regexp: /^(?<root>launchpad\.net\/((?<project>[\w.-]+)(?<series>\/[\w.-]+)?|~[\w.-]+\/(\+junk|[\w.-]+)\/[\w.-]+))(\/[\w.-]+)*$/,
    vcs: 'bzr',
    repo: 'https://{root}',
    check: 'launchpad',
  },
];

/** The VCS commands cmd/go knows (vcsList, vcs.go:121-127). */
export const KNOWN_VCS = ['hg', 'git', 'svn', 'bzr', 'fossil'] as const;

// expand: every `{k}` replaced by match[k], each once (a strings.Replacer).
function expand(match: Readonly<Record<string, string>>, s: string): string {
  return s.replace(/\{([a-z]+)\}/g, (whole, key: string) => match[key] ?? whole);
}

/** A root found from the path alone. */
export interface StaticRoot {
  /** The import path prefix that is the repository root. */
  root: string;
  vcs: string;
  /** The repository URL with scheme; absent for the `.vcs` form, whose scheme cmd/go finds by pinging. */
  repoUrl?: string;
  /** For the `.vcs` form: the URL without scheme (`host/path`), to try each scheme against. */
  schemelessRepo?: string;
  /** Which table entry matched: a known host's prefix, `vcs-suffix` for the general form. */
  matchedBy: string;
  /** launchpad.net: cmd/go first asks code.launchpad.net whether the series exists; not asked here. */
  notEvaluated?: string;
}

/** What the path-based lookup decided. */
export type StaticLookup =
  | { kind: 'found'; root: StaticRoot }
  /** cmd/go must ask `https://<path>?go-get=1`. */
  | { kind: 'unknown-site' }
  /** The path is refused before any request; `error` is cmd/go's text. */
  | { kind: 'error'; error: string; reason: 'example-net' | 'http-prefix' | 'invalid-known-host' | 'vcs-suffix' | 'unknown-vcs' };

function lookup(importPath: string, table: readonly VcsPath[]): StaticLookup {
  // vcs.go:858-878: special cases that answer without a request.
  if (hasPathPrefix(importPath, 'example.net')) return { kind: 'error', error: 'no modules on example.net', reason: 'example-net' };
  if (importPath === 'rsc.io') return { kind: 'error', error: 'rsc.io is not a module', reason: 'example-net' };
  for (const prefix of ['http:', 'https:']) {
    if (importPath.startsWith(prefix)) return { kind: 'error', error: `${goQuote(`${prefix}//`)} not allowed in import path`, reason: 'http-prefix' };
  }
  for (const srv of table) {
    if (!hasPathPrefix(importPath, srv.pathPrefix)) continue;
    const m = srv.regexp.exec(importPath);
    if (!m) {
      if (srv.pathPrefix !== '') {
        return { kind: 'error', error: `invalid ${srv.pathPrefix} import path ${goQuote(importPath)}`, reason: 'invalid-known-host' };
      }
      continue;
    }
    const match: Record<string, string> = { prefix: `${srv.pathPrefix}/`, import: importPath };
    for (const [name, value] of Object.entries(m.groups ?? {})) if (value !== undefined && (match[name] ?? '') === '') match[name] = value;
    if (srv.vcs !== undefined) match.vcs = expand(match, srv.vcs);
    if (srv.repo !== undefined) match.repo = expand(match, srv.repo);
    let notEvaluated: string | undefined;
    if (srv.check === 'no-vcs-suffix') {
      const repo = match.repo ?? '';
      if (KNOWN_VCS.some((vcs) => repo.endsWith(`.${vcs}`))) {
        return { kind: 'error', error: `invalid version control suffix in ${match.prefix} path`, reason: 'vcs-suffix' };
      }
    } else if (srv.check === 'launchpad' && (match.project ?? '') !== '' && (match.series ?? '') !== '') {
      notEvaluated = 'launchpad.net series: cmd/go asks code.launchpad.net whether the series branch exists and otherwise uses the project root';
    }
    const vcs = match.vcs ?? '';
    if (!(KNOWN_VCS as readonly string[]).includes(vcs)) return { kind: 'error', error: `unknown version control system ${goQuote(vcs)}`, reason: 'unknown-vcs' };
    const root: StaticRoot = { root: match.root ?? importPath, vcs, matchedBy: srv.pathPrefix === '' ? 'vcs-suffix' : srv.pathPrefix };
    if (srv.schemelessRepo) root.schemelessRepo = match.repo ?? '';
    else root.repoUrl = match.repo ?? '';
    if (notEvaluated !== undefined) root.notEvaluated = notEvaluated;
    return { kind: 'found', root };
  }
  return { kind: 'unknown-site' };
}

/** The path-based lookup cmd/go does before any request (repoRootFromVCSPaths with vcsPaths). */
export function repoRootFromVcsPaths(importPath: string): StaticLookup {
  return lookup(importPath, VCS_PATHS);
}

/** The lookup cmd/go retries after a failed dynamic lookup (vcsPathsAfterDynamic: launchpad.net). */
export function repoRootAfterDynamic(importPath: string): StaticLookup {
  return lookup(importPath, VCS_PATHS_AFTER_DYNAMIC);
}

/** The schemes cmd/go tries for the `.vcs` form, in order, under the given security mode (vcs.go:924-947). */
export function pingSchemes(vcs: string, insecure: boolean, gitAllowProtocol: string | undefined): string[] {
  return (VCS_SCHEMES[vcs] ?? []).filter((s) => insecure || isSecureScheme(vcs, s, gitAllowProtocol));
}
