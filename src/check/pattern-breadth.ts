/**
 * How wide a GOPRIVATE-style pattern list is: which patterns cover far more than private modules, and
 * the narrower list to propose. Shared by the goprivate-, gonosumdb- and goinsecure-too-broad rules. Pure.
 */
import { extendCommaList, joinSentences, setVariableFix, unsetVariableFix, type Fix } from '../fix.js';
import { looksPrivateModule, privatePatternFor } from '../goenv/private-hints.js';
import { matchPrefixPatterns, splitPrefixPatterns } from '../goenv/patterns.js';
import type { CheckInput } from './rule.js';
import { makeFinding, moduleLabel, neededModules, valueEvidence } from './rule-kit.js';
import type { Finding } from './types.js';
import { t } from '../i18n/language.js';

/** Code hosts and vanity domains that serve many unrelated public modules. */
const PUBLIC_MODULE_HOSTS = new Set([
  'github.com',
  'gitlab.com',
  'bitbucket.org',
  'codeberg.org',
  'gitee.com',
  'golang.org',
  'google.golang.org',
  'gopkg.in',
  'go.googlesource.com',
  'cloud.google.com',
  'k8s.io',
  'sigs.k8s.io',
  'go.uber.org',
  'go.opentelemetry.io',
]);

/**
 * Why a GOPRIVATE-style pattern covers far more than private modules, or undefined when it does not:
 * a wildcard over a top-level domain (`*`, `*.com`) or a whole public code host (`github.com`, `github.com/*`).
 */
export function overBroadReason(pattern: string): string | undefined {
  const glob = pattern.endsWith('/') ? pattern.slice(0, -1) : pattern;
  const elements = glob.split('/');
  const host = elements[0] ?? '';
  if (/[*?[\\]/.test(host)) {
    const literal = host.slice(Math.max(host.lastIndexOf('*'), host.lastIndexOf('?'), host.lastIndexOf(']')) + 1).replace(/^\./, '');
    const labels = literal.split('.').filter((l) => l !== '');
    if (labels.length === 0) return t`"${pattern}" matches every module under any host`;
    if (labels.length < 2) return t`"${pattern}" matches every module under ${`.${labels.join('.')}`}`;
    return undefined;
  }
  if (PUBLIC_MODULE_HOSTS.has(host.toLowerCase())) {
    if (elements.length === 1) return t`"${pattern}" matches every module on ${host}`;
    const owner = elements[1] ?? '';
    if (elements.length === 2 && /^[*?]+$/.test(owner)) return t`"${pattern}" matches every module on ${host}`;
  }
  return undefined;
}

/** The pattern lists a too-broad rule looks at. */
export type PatternListName = 'GOPRIVATE' | 'GONOSUMDB' | 'GOINSECURE';

/** The finding's message: what the list makes go skip, and the patterns that reach too far. */
function tooBroadMessage(name: PatternListName, broadList: string): string {
  switch (name) {
    case 'GOPRIVATE':
      return t`${name} is wider than needed: modules it covers skip the checksum database and every proxy (through GONOSUMDB and GONOPROXY), and ${broadList} covers public modules too.`;
    case 'GONOSUMDB':
      return t`${name} is wider than needed: modules it covers are never checked against the checksum database, and ${broadList} covers public modules too.`;
    case 'GOINSECURE':
      return t`${name} is wider than needed: direct fetches of modules it covers skip TLS verification and may use plain http, and ${broadList} covers public modules too.`;
  }
}

/**
 * The too-broad finding for one list, or undefined when none of its patterns is over-broad. The fix keeps
 * the narrow patterns and adds the private paths from go.mod that the broad ones were covering.
 */
export function tooBroadFinding(input: CheckInput, name: PatternListName): Finding | undefined {
  const { env, settings } = input;
  // A GONOSUMDB inherited from GOPRIVATE is GOPRIVATE's finding, not a second one.
  const value = name === 'GONOSUMDB' && env.variables.GONOSUMDB?.origin === 'derived' ? '' : settings[name];
  if (value === '') return undefined;
  const broad = splitPrefixPatterns(value)
    .map((p) => ({ raw: p.raw, reason: overBroadReason(p.raw.trim()) }))
    .filter((p): p is { raw: string; reason: string } => p.reason !== undefined);
  if (broad.length === 0) return undefined;
  const kept = splitPrefixPatterns(value)
    .map((p) => p.raw.trim())
    .filter((p) => !broad.some((b) => b.raw.trim() === p));
  const coveredByBroad = (path: string): boolean => broad.some((b) => matchPrefixPatterns(b.raw, path));
  const needed = neededModules(input.canaries);
  const privatePatterns = needed.filter((c) => looksPrivateModule(c.path) && coveredByBroad(c.path)).map((c) => privatePatternFor(c.path));
  const narrowed = extendCommaList(kept.join(','), privatePatterns).value;
  const publicCovered = needed.filter((c) => !looksPrivateModule(c.path) && coveredByBroad(c.path));
  const rule = `${name.toLowerCase()}-too-broad`;
  const broadList = broad.map((b) => `"${b.raw.trim()}"`).join(', ');
  const evidence = [valueEvidence(env, name), ...broad.map((b) => b.reason)];
  if (publicCovered.length > 0) evidence.push(t`it covers public modules from go.mod, e.g. ${publicCovered.slice(0, 3).map(moduleLabel).join(', ')}`);
  const fixText =
    narrowed === ''
      ? t`List only your private paths in ${name} instead of ${broadList}.`
      : privatePatterns.length > 0
        ? t`Narrow ${name} to the paths that need it (${[...new Set(privatePatterns)].join(', ')} from go.mod).`
        : t`Narrow ${name} to the paths that need it.`;
  const addBack = t`Remove it and add back only private patterns (e.g. git.corp.example.com, github.com/acme/*).`;
  const fixes: Fix[] =
    narrowed === ''
      ? [unsetVariableFix(`${name.toLowerCase()}-unset`, env, name, joinSentences(fixText, addBack))]
      : [setVariableFix(`${name.toLowerCase()}-narrow`, env, name, narrowed, fixText)];
  return makeFinding({
    id: rule,
    rule,
    severity: 'warning',
    group: 'config',
    message: tooBroadMessage(name, broadList),
    evidence,
    fixes,
  });
}
