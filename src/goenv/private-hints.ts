/**
 * Heuristics about module paths that fixes need: the GOPRIVATE pattern to propose for a module, and
 * whether its host looks like a company's own server. Pure.
 */

// Multi-tenant code hosts: the first path element after the host is an owner, so the owner is the
// narrowest pattern that still covers every repository of the organisation.
const OWNER_HOSTS = new Set(['github.com', 'gitlab.com', 'bitbucket.org', 'dev.azure.com', 'codeberg.org', 'gitee.com']);

/**
 * The GOPRIVATE pattern to propose for a module: `<host>/<owner>/*` on multi-tenant code hosts
 * (github.com/acme/*), the host itself elsewhere (git.corp.example.com), since a company host is
 * private as a whole.
 */
export function privatePatternFor(module: string): string {
  const elements = module.split('/');
  const host = elements[0] ?? module;
  if (OWNER_HOSTS.has(host.toLowerCase()) && elements.length >= 2) return `${host}/${elements[1]}/*`;
  return host;
}

const PRIVATE_LABELS = new Set(['git', 'gitlab', 'gitea', 'gogs', 'gerrit', 'bitbucket', 'corp', 'internal', 'intranet', 'intra', 'private', 'scm', 'vcs']);
const PRIVATE_SUFFIXES = ['.local', '.internal', '.corp', '.lan', '.home', '.intranet', '.localdomain', '.private', '.intra'];

/**
 * Whether a module path's host looks like a company's own server (git.corp.example.com, x.internal,
 * dev.azure.com): such modules are rarely on public proxies. A heuristic, so it only adjusts confidence.
 */
export function looksPrivateModule(module: string | undefined): boolean {
  if (module === undefined) return false;
  const host = (module.split('/')[0] ?? '').toLowerCase();
  if (host === 'dev.azure.com' || host.endsWith('.visualstudio.com')) return true;
  if (!host.includes('.')) return false;
  if (PRIVATE_SUFFIXES.some((suffix) => host.endsWith(suffix))) return true;
  const labels = host.split('.');
  return labels.slice(0, -2).some((label) => PRIVATE_LABELS.has(label)) || (labels.length > 2 && PRIVATE_LABELS.has(labels[0] ?? ''));
}
