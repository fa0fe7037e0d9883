/**
 * Configuration findings: what is wrong with the Go environment before any request is made.
 * Pure: the effective environment, go.mod's modules and the parsed settings go in, findings come out.
 * Fixes come from src/fixes.ts and the explain catalogue, so they respect where each value was set
 * and extend lists rather than replace them.
 */
import { orderFixes } from '../explain/engine.js';
import type { Fix } from '../fix.js';
import { adviceFix, extendCommaList, looksPrivateModule, privatePatternFor, setVariableFix, unsetVariableFix } from '../fixes.js';
import { malformedPrefixPatterns, matchingPrefixPattern, matchPrefixPatterns, splitPrefixPatterns } from '../goenv/patterns.js';
import { goQuote, parseGoUrl, type ProxyListResult, type ProxySpec } from '../goenv/proxylist.js';
import type { RouteSettings } from '../goenv/route.js';
import type { GoSumDbConfig } from '../goenv/sumdbconfig.js';
import type { GoEnvironment } from '../goenv/types.js';
import type { GoAuthPlan } from '../probe/goauth.js';
import { proxyForUrl, type ProxyConfig } from '../probe/httpproxy.js';
import { credentialsFor, netrcMatchRule, type NetrcEntry } from '../probe/netrc.js';
import type { GoRoots } from '../probe/tlsroots.js';
import { PUBLIC_PROXY_HOSTS } from '../scenarios/facts.js';
import { scenarioFixes } from './scenario-fixes.js';
import { TOOLCHAIN_MODULE, type ToolchainAnalysis } from './toolchain.js';
import type { CanaryModule, Finding } from './types.js';

/** Everything the configuration checks look at. */
export interface ConfigInput {
  env: GoEnvironment;
  /** The effective values `go env -json` printed. */
  settings: RouteSettings;
  /** GOPROXY parsed with cmd/go's rules. */
  proxyList: ProxyListResult;
  /** GOSUMDB parsed with cmd/go's rules. */
  sumdb: { ok: true; config: GoSumDbConfig } | { ok: false; error: string };
  /** The modules a build needs (go.mod requirements or --module), plus the default canary. */
  canaries: readonly CanaryModule[];
  toolchain: ToolchainAnalysis;
  /** HTTPS_PROXY/HTTP_PROXY/NO_PROXY as Go reads them. */
  httpProxy: ProxyConfig;
  goauth: GoAuthPlan;
  /** `.netrc` entries (passwords are never printed; only machine names are compared). */
  netrc: readonly NetrcEntry[];
  /** The trusted roots as Go loads them, when they were loaded. */
  roots?: GoRoots;
  platform: NodeJS.Platform;
  /** Why ./go.mod could not be read, when it exists but could not be. */
  goModError?: string;
}

/** Where a value came from, in words. */
export function describeOrigin(env: GoEnvironment, name: string): string {
  const info = env.variables[name];
  switch (info?.origin) {
    case 'environment':
      return 'set in the OS environment';
    case 'goenv-file':
      return `set with go env -w (${info.file ?? 'the go env file'})`;
    case 'goroot-go.env':
      return `from ${info.file ?? '$GOROOT/go.env'}`;
    case 'derived':
      return 'inherited from GOPRIVATE';
    case 'default':
      return 'the default';
    default:
      return 'from go env';
  }
}

/** `NAME="value" (set in the OS environment)`: a value and its origin, for evidence. */
export function valueEvidence(env: GoEnvironment, name: string, value?: string): string {
  const v = value ?? env.variables[name]?.value ?? env.goEnvJson[name] ?? '';
  return `${name}=${goQuote(v)} (${describeOrigin(env, name)})`;
}

function finding(partial: Omit<Finding, 'fixes' | 'evidence'> & { evidence?: string[]; fixes?: Fix[] }): Finding {
  return { ...partial, evidence: partial.evidence ?? [], fixes: orderFixes(partial.fixes ?? []) };
}

/** Modules whose fetch the user cares about (not the default canary). */
function neededModules(canaries: readonly CanaryModule[]): CanaryModule[] {
  return canaries.filter((c) => c.source === 'flag' || c.source === 'go.mod');
}

function moduleLabel(c: CanaryModule): string {
  return c.version !== undefined ? `${c.path}@${c.version}` : c.path;
}

function hostOfUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const parsed = parseGoUrl(url);
  return parsed.ok ? parsed.url.host : undefined;
}

function hostnameOf(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  return colon > 0 && /^\d+$/.test(host.slice(colon + 1)) ? host.slice(0, colon) : host;
}

/** Whether a URL is one of the well-known public module proxies. */
export function isPublicProxyUrl(url: string | undefined): boolean {
  const host = hostOfUrl(url);
  return host !== undefined && PUBLIC_PROXY_HOSTS.includes(hostnameOf(host).toLowerCase());
}

/** The first entry a non-GONOPROXY module reaches: the hidden `noproxy` entry defers to the next one. */
function firstRealEntry(specs: readonly ProxySpec[]): ProxySpec | undefined {
  return specs.find((s) => s.kind !== 'noproxy');
}

// ---------------------------------------------------------------------------------------------
// Pattern breadth

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
    if (labels.length < 2) return `"${pattern}" matches every module under ${labels.length === 0 ? 'any host' : `.${labels.join('.')}`}`;
    return undefined;
  }
  if (PUBLIC_MODULE_HOSTS.has(host.toLowerCase())) {
    if (elements.length === 1) return `"${pattern}" matches every module on ${host}`;
    const owner = elements[1] ?? '';
    if (elements.length === 2 && /^[*?]+$/.test(owner)) return `"${pattern}" matches every module on ${host}`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The checks

function goproxyFindings(input: ConfigInput): Finding[] {
  const { env, proxyList: list, settings } = input;
  const out: Finding[] = [];
  if (!list.ok) {
    const error = list.error;
    let kind = 'empty-list';
    let value: string | undefined;
    const entry = /: (\S+)$/.exec(error)?.[1];
    if (/missing scheme/.test(error)) kind = 'missing-scheme';
    else if (/invalid proxy URL scheme/.test(error)) kind = 'bad-scheme';
    else if (/non-path elements/.test(error)) kind = 'bad-file-url';
    else if (/first path segment in URL cannot contain colon/.test(error) && /^["']/.test(settings.GOPROXY)) kind = 'quoted-value';
    else if (!/contains no entries/.test(error)) kind = 'other';
    if (entry !== undefined && kind !== 'empty-list') value = entry;
    const details: Record<string, string> = { kind };
    if (value !== undefined) details.value = value;
    out.push(
      finding({
        id: 'proxy-config-invalid',
        rule: kind === 'empty-list' ? 'goproxy-empty' : 'goproxy-invalid',
        severity: 'error',
        group: 'config',
        message:
          kind === 'empty-list'
            ? 'GOPROXY has no entries, so every module download fails before any request.'
            : 'GOPROXY is invalid, so every module download fails before any request.',
        evidence: [valueEvidence(env, 'GOPROXY'), `go: ${error}`],
        fixes: scenarioFixes('proxy-config-invalid', { details }, env),
      }),
    );
    return out;
  }
  const specs = list.specs;
  const first = firstRealEntry(specs);
  if (first?.kind === 'off') {
    const affected = neededModules(input.canaries).filter((c) => !matchPrefixPatterns(settings.GONOPROXY, c.path));
    const privateOne = affected.find((c) => looksPrivateModule(c.path));
    const fields = privateOne ? { module: privateOne.path } : {};
    out.push(
      finding({
        id: 'proxy-config-invalid',
        rule: 'goproxy-off',
        severity: affected.length > 0 ? 'error' : 'warning',
        group: 'config',
        message:
          affected.length > 0
            ? `GOPROXY=off: ${affected.length === 1 ? 'this module' : `these ${affected.length} modules`} cannot be downloaded unless already in the module cache.`
            : 'GOPROXY=off: modules not already in the module cache cannot be downloaded (only GONOPROXY/GOPRIVATE paths are still fetched directly).',
        evidence: [valueEvidence(env, 'GOPROXY'), 'go: module lookup disabled by GOPROXY=off'],
        fixes: scenarioFixes('proxy-config-invalid', { fields, details: { kind: 'goproxy-off' } }, env),
        ...(affected.length > 0 ? { modules: affected.map(moduleLabel) } : {}),
      }),
    );
  }

  // Credentials written into GOPROXY URLs.
  for (const spec of specs) {
    if (spec.kind !== 'proxy' || spec.url === undefined) continue;
    const parsed = parseGoUrl(spec.url);
    if (!parsed.ok || parsed.url.user === undefined) continue;
    const host = parsed.url.host;
    const login = parsed.url.user.username;
    const withoutUser = spec.url.replace(/^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)[^/@]*@/, '$1');
    const newList = settings.GOPROXY.split(spec.url).join(withoutUser);
    const machine = netrcMatchRule(env.goVersion) === 'hostname' ? hostnameOf(host) : host;
    if (parsed.url.scheme === 'http') {
      out.push(
        finding({
          id: 'proxy-config-invalid',
          rule: 'goproxy-credentials-http',
          severity: 'error',
          group: 'credentials',
          message: `A GOPROXY entry carries credentials over plain http://, which go refuses: every request to ${host} fails.`,
          evidence: [valueEvidence(env, 'GOPROXY'), `go: refusing to pass credentials to insecure URL: ${spec.url}`],
          fixes: scenarioFixes('proxy-config-invalid', { details: { kind: 'insecure-credentials', value: spec.url } }, env),
        }),
      );
      continue;
    }
    out.push(
      finding({
        id: 'goproxy-credentials',
        rule: 'goproxy-credentials',
        severity: 'warning',
        group: 'credentials',
        message: `A GOPROXY entry has credentials in its URL (${host}): they show up in \`go env\` output, CI logs and bug reports.`,
        evidence: [valueEvidence(env, 'GOPROXY')],
        fixes: [
          adviceFix(
            `Keep the credentials in ~/.netrc instead (go sends them to ${host} over https; Go ${netrcMatchRule(env.goVersion) === 'hostname' ? '1.19 matches the host name without the port' : '1.21+ matches host:port exactly'}).`,
            `printf 'machine ${machine}\\nlogin ${login}\\npassword <token>\\n' >> ~/.netrc && chmod 600 ~/.netrc`,
          ),
          setVariableFix(env, 'GOPROXY', newList, 'Then remove the credentials from GOPROXY.'),
        ],
      }),
    );
  }

  // GONOPROXY without `direct`: the hidden noproxy entry still fetches matching paths directly.
  if (settings.GONOPROXY !== '' && settings.GOPROXY !== 'direct' && !specs.some((s) => s.kind === 'direct')) {
    out.push(
      finding({
        id: 'gonoproxy-without-direct',
        rule: 'gonoproxy-without-direct',
        severity: 'info',
        group: 'config',
        message:
          'GONOPROXY is set but GOPROXY has no `direct`: paths matching GONOPROXY are still fetched directly (go puts a hidden direct step first for them), and no other module falls back to direct.',
        evidence: [valueEvidence(env, 'GONOPROXY'), valueEvidence(env, 'GOPROXY')],
        fixes: [
          setVariableFix(env, 'GOPROXY', `${settings.GOPROXY},direct`, 'Only if other modules should be fetched from their origin when the proxies do not have them (404/410): end GOPROXY with direct.'),
        ],
      }),
    );
  }
  return out;
}

function privateModuleFindings(input: ConfigInput): Finding[] {
  const { env, proxyList: list, settings } = input;
  if (!list.ok) return [];
  const first = firstRealEntry(list.specs);
  if (first?.kind !== 'proxy' || !isPublicProxyUrl(first.url)) return [];
  const byPattern = new Map<string, CanaryModule[]>();
  for (const c of neededModules(input.canaries)) {
    if (!looksPrivateModule(c.path) || matchPrefixPatterns(settings.GONOPROXY, c.path)) continue;
    const pattern = privatePatternFor(c.path);
    byPattern.set(pattern, [...(byPattern.get(pattern) ?? []), c]);
  }
  const out: Finding[] = [];
  for (const [pattern, modules] of byPattern) {
    const module = (modules[0] as CanaryModule).path;
    const details: Record<string, string> = { pattern };
    const covered = matchingPrefixPattern(settings.GOPRIVATE, module);
    if (covered !== undefined) details.coveredByGoprivate = covered;
    out.push(
      finding({
        id: 'private-module-proxied',
        rule: 'private-module-public-proxy',
        severity: 'warning',
        group: 'config',
        message: `${modules.length === 1 ? `${module} looks private` : `${modules.length} modules under ${pattern} look private`} but would be requested from the public proxy ${hostOfUrl(first.url) ?? ''}, which cannot read private repositories.`,
        evidence: [valueEvidence(env, 'GOPROXY'), valueEvidence(env, 'GOPRIVATE'), valueEvidence(env, 'GONOPROXY')],
        fixes: scenarioFixes('private-module-proxied', { fields: { module }, details }, env),
        modules: modules.map(moduleLabel),
      }),
    );
  }
  return out;
}

function sumdbFindings(input: ConfigInput): Finding[] {
  const { env, sumdb, settings } = input;
  const out: Finding[] = [];
  if (!sumdb.ok) {
    out.push(
      finding({
        id: 'sumdb-lookup-failed',
        rule: 'gosumdb-invalid',
        severity: 'error',
        group: 'config',
        message: 'GOSUMDB is invalid: every module whose hash is not yet in go.sum fails verification.',
        evidence: [valueEvidence(env, 'GOSUMDB'), `go: verifying module: ${sumdb.error}`],
        fixes: scenarioFixes('sumdb-lookup-failed', { details: { kind: 'config', error: sumdb.error } }, env),
      }),
    );
  } else if (sumdb.config.kind === 'off') {
    const privatePatterns = [...new Set(neededModules(input.canaries).filter((c) => looksPrivateModule(c.path)).map((c) => privatePatternFor(c.path)))];
    const fixes: Fix[] = [];
    if (privatePatterns.length > 0) {
      const extended = extendCommaList(settings.GONOSUMDB, privatePatterns).value;
      fixes.push(
        setVariableFix(
          env,
          'GONOSUMDB',
          extended,
          `Exclude only your private paths (${privatePatterns.join(', ')}) from the checksum database, then turn it back on with the next fix.`,
        ),
      );
    }
    fixes.push(unsetVariableFix(env, 'GOSUMDB', 'Turn checksum verification back on (sum.golang.org by default); list private paths in GOPRIVATE or GONOSUMDB instead of disabling it for everything.'));
    out.push(
      finding({
        id: 'gosumdb-off',
        rule: 'gosumdb-off',
        severity: 'warning',
        group: 'config',
        message: 'GOSUMDB=off: new modules are trusted on first download, whoever served them; a tampered proxy or mirror goes unnoticed.',
        evidence: [valueEvidence(env, 'GOSUMDB')],
        fixes,
      }),
    );
  }
  return out;
}

function broadPatternFindings(input: ConfigInput): Finding[] {
  const { env, settings } = input;
  const out: Finding[] = [];
  const nosumdbDerived = env.variables.GONOSUMDB?.origin === 'derived';
  const lists: Array<{ name: 'GOPRIVATE' | 'GONOSUMDB' | 'GOINSECURE'; value: string; why: string }> = [
    {
      name: 'GOPRIVATE',
      value: settings.GOPRIVATE,
      why: 'modules it covers skip the checksum database and every proxy (through GONOSUMDB and GONOPROXY)',
    },
    { name: 'GONOSUMDB', value: nosumdbDerived ? '' : settings.GONOSUMDB, why: 'modules it covers are never checked against the checksum database' },
    { name: 'GOINSECURE', value: settings.GOINSECURE, why: 'direct fetches of modules it covers skip TLS verification and may use plain http' },
  ];
  for (const list of lists) {
    if (list.value === '') continue;
    const broad = splitPrefixPatterns(list.value)
      .map((p) => ({ raw: p.raw, reason: overBroadReason(p.raw.trim()) }))
      .filter((p): p is { raw: string; reason: string } => p.reason !== undefined);
    if (broad.length === 0) continue;
    const kept = splitPrefixPatterns(list.value)
      .map((p) => p.raw.trim())
      .filter((p) => !broad.some((b) => b.raw.trim() === p));
    const privatePatterns = neededModules(input.canaries)
      .filter((c) => looksPrivateModule(c.path) && broad.some((b) => matchPrefixPatterns(b.raw, c.path)))
      .map((c) => privatePatternFor(c.path));
    const narrowed = extendCommaList(kept.join(','), privatePatterns).value;
    const publicCovered = neededModules(input.canaries).filter((c) => !looksPrivateModule(c.path) && broad.some((b) => matchPrefixPatterns(b.raw, c.path)));
    const rule = `${list.name.toLowerCase()}-too-broad`;
    const evidence = [valueEvidence(env, list.name), ...broad.map((b) => b.reason)];
    if (publicCovered.length > 0) evidence.push(`it covers public modules from go.mod, e.g. ${publicCovered.slice(0, 3).map(moduleLabel).join(', ')}`);
    const fixText =
      narrowed === ''
        ? `List only your private paths in ${list.name} instead of ${broad.map((b) => `"${b.raw.trim()}"`).join(', ')}.`
        : `Narrow ${list.name} to the paths that need it${privatePatterns.length > 0 ? ` (${[...new Set(privatePatterns)].join(', ')} from go.mod)` : ''}.`;
    const fixes: Fix[] =
      narrowed === ''
        ? [unsetVariableFix(env, list.name, `${fixText} Remove it and add back only private patterns (e.g. git.corp.example.com, github.com/acme/*).`)]
        : [setVariableFix(env, list.name, narrowed, fixText)];
    out.push(
      finding({
        id: rule,
        rule,
        severity: 'warning',
        group: 'config',
        message: `${list.name} is wider than needed: ${list.why}, and ${broad.map((b) => `"${b.raw.trim()}"`).join(', ')} covers public modules too.`,
        evidence,
        fixes,
      }),
    );
  }
  return out;
}

function patternSyntaxFindings(input: ConfigInput): Finding[] {
  const { env, settings } = input;
  const out: Finding[] = [];
  for (const name of ['GOPRIVATE', 'GONOPROXY', 'GONOSUMDB', 'GOINSECURE'] as const) {
    if (env.variables[name]?.origin === 'derived') continue;
    const value = settings[name];
    if (value === '') continue;
    const entries = splitPrefixPatterns(value);
    const spaced = entries.filter((p) => p.raw !== p.raw.trim()).map((p) => p.raw);
    const malformed = malformedPrefixPatterns(value);
    const withScheme = entries.filter((p) => /^[a-z]+:\/\//i.test(p.raw.trim())).map((p) => p.raw);
    if (spaced.length === 0 && malformed.length === 0 && withScheme.length === 0) continue;
    const evidence = [valueEvidence(env, name)];
    if (spaced.length > 0) evidence.push(`entries with spaces never match (go does not trim them): ${spaced.map((s) => JSON.stringify(s)).join(', ')}`);
    if (malformed.length > 0) evidence.push(`malformed patterns are silently ignored: ${malformed.map((s) => JSON.stringify(s)).join(', ')}`);
    if (withScheme.length > 0) evidence.push(`patterns are module paths, not URLs: ${withScheme.map((s) => JSON.stringify(s)).join(', ')} never match`);
    const cleaned = extendCommaList(
      entries
        .filter((p) => !malformed.includes(p.raw))
        .map((p) => p.raw.trim().replace(/^[a-z]+:\/\//i, ''))
        .join(','),
      [],
    ).value;
    out.push(
      finding({
        id: 'pattern-ignored',
        rule: 'pattern-ignored',
        severity: 'warning',
        group: 'config',
        message: `Some ${name} entries can never match a module path, so go ignores them.`,
        evidence,
        fixes: [cleaned === '' ? unsetVariableFix(env, name, `Remove ${name}: none of its entries can match.`) : setVariableFix(env, name, cleaned, `Rewrite ${name} with the entries go can match.`)],
      }),
    );
  }
  return out;
}

function goflagsAndModulesFindings(input: ConfigInput): Finding[] {
  const { env } = input;
  const out: Finding[] = [];
  const go111 = env.variables.GO111MODULE?.value ?? env.goEnvJson.GO111MODULE ?? '';
  if (go111 === 'off') {
    out.push(
      finding({
        id: 'proxy-config-invalid',
        rule: 'go111module-off',
        severity: 'error',
        group: 'config',
        message: 'GO111MODULE=off: go runs in GOPATH mode and ignores go.mod, GOPROXY and the checksum database.',
        evidence: [valueEvidence(env, 'GO111MODULE')],
        fixes: scenarioFixes('proxy-config-invalid', { details: { kind: 'modules-off' } }, env),
      }),
    );
  }
  const goflags = env.variables.GOFLAGS?.value ?? env.goEnvJson.GOFLAGS ?? '';
  const flags = goflags.split(/\s+/).filter((f) => f !== '');
  const insecure = flags.filter((f) => /^--?insecure(=.*)?$/.test(f));
  if (insecure.length > 0) {
    const rest = flags.filter((f) => !insecure.includes(f)).join(' ');
    const remove =
      rest === ''
        ? unsetVariableFix(env, 'GOFLAGS', 'Remove -insecure from GOFLAGS: it was removed from go get.')
        : setVariableFix(env, 'GOFLAGS', rest, 'Remove -insecure from GOFLAGS: it was removed from go get.');
    const module = neededModules(input.canaries).find((c) => looksPrivateModule(c.path))?.path;
    const fromScenario = scenarioFixes('proxy-config-invalid', { fields: module !== undefined ? { module } : {}, details: { kind: 'insecure-flag' } }, env).filter((f) => f.weakensSecurity);
    out.push(
      finding({
        id: 'proxy-config-invalid',
        rule: 'goflags-insecure',
        severity: 'warning',
        group: 'config',
        message: 'GOFLAGS contains -insecure: `go get` fails with "-insecure flag is no longer supported; use GOINSECURE instead".',
        evidence: [valueEvidence(env, 'GOFLAGS')],
        fixes: [remove, ...fromScenario],
      }),
    );
  }
  return out;
}

function shadowedFindings(input: ConfigInput): Finding[] {
  const { env } = input;
  const out: Finding[] = [];
  for (const [name, info] of Object.entries(env.variables)) {
    const notes = info.notes.filter((n) => n.startsWith('shadowed:'));
    if (notes.length === 0) continue;
    out.push(
      finding({
        id: 'proxy-config-invalid',
        rule: 'goenv-shadowed',
        severity: 'warning',
        group: 'config',
        message: `${name} from \`go env -w\` is shadowed by the OS environment: go uses ${goQuote(info.value)}, not the file's value.`,
        evidence: [valueEvidence(env, name), ...notes],
        fixes: [
          ...scenarioFixes('proxy-config-invalid', { details: { kind: 'shadowed', value: name } }, env),
          adviceFix(`Or, if the OS environment value is the one you want, drop the stale file value.`, `go env -u ${name}`),
        ],
      }),
    );
  }
  return out;
}

function httpProxyFindings(input: ConfigInput): Finding[] {
  const out: Finding[] = [];
  const config = input.httpProxy;
  for (const [scheme, value, source] of [
    ['https', config.httpsProxy, config.sources.httpsProxy],
    ['http', config.httpProxy, config.sources.httpProxy],
  ] as const) {
    if (value === '') continue;
    const decision = proxyForUrl(config, new URL(`${scheme}://proxy-check.invalid/`), input.env.goVersion);
    if (decision.ignoredValue === undefined) continue;
    out.push(
      finding({
        id: 'http-proxy-env',
        rule: 'http-proxy-unparseable',
        severity: 'warning',
        group: 'credentials',
        message: `${source ?? 'The proxy variable'} holds a value Go cannot parse, so go silently connects directly for ${scheme} URLs.`,
        evidence: [`${source ?? 'proxy'}=${goQuote(value)}`],
        fixes: scenarioFixes('http-proxy-env', { details: { kind: 'bad-proxy-url', proxy: value } }, input.env),
      }),
    );
  }
  return out;
}

function credentialFindings(input: ConfigInput): Finding[] {
  const { env, goauth } = input;
  const out: Finding[] = [];
  if (goauth.error !== undefined) {
    out.push(
      finding({
        id: 'auth-required',
        rule: 'goauth-invalid',
        severity: 'error',
        group: 'credentials',
        message: 'GOAUTH is invalid: go stops at its first https request.',
        evidence: [valueEvidence(env, 'GOAUTH'), goauth.error],
        fixes: [unsetVariableFix(env, 'GOAUTH', 'Remove GOAUTH to get the default (netrc); `off` must stand alone, and `git` needs one absolute directory.')],
      }),
    );
  }
  if (goauth.notEvaluated.length > 0) {
    out.push(
      finding({
        id: 'goauth-not-evaluated',
        rule: 'goauth-not-evaluated',
        severity: 'info',
        group: 'credentials',
        message: `GOAUTH runs ${goauth.notEvaluated.map((c) => JSON.stringify(c.text)).join(', ')}, which goproxy-doctor does not run: probes carry only .netrc credentials, so a 401 below may not happen for go.`,
        evidence: [valueEvidence(env, 'GOAUTH')],
        fixes: [],
      }),
    );
  }
  if (goauth.goauthSupported && goauth.off) {
    out.push(
      finding({
        id: 'goauth-off',
        rule: 'goauth-off',
        severity: 'info',
        group: 'credentials',
        message: 'GOAUTH=off: go sends no credentials at all, not even from .netrc.',
        evidence: [valueEvidence(env, 'GOAUTH')],
        fixes: [],
      }),
    );
  }
  if (goauth.ignoredValue !== undefined) {
    out.push(
      finding({
        id: 'goauth-ignored',
        rule: 'goauth-ignored',
        severity: 'info',
        group: 'credentials',
        message: `GOAUTH is set, but ${env.goVersion} predates it (Go 1.24): this go reads credentials from .netrc only.`,
        evidence: [`GOAUTH=${goQuote(goauth.ignoredValue)}`],
        fixes: [],
      }),
    );
  }
  // .netrc machines that name the proxy host but not the way this Go matches it.
  if (input.proxyList.ok && (goauth.usesNetrc || !goauth.goauthSupported)) {
    for (const spec of input.proxyList.specs) {
      if (spec.kind !== 'proxy' || spec.url === undefined || !/^https:/i.test(spec.url)) continue;
      if (credentialsFor(spec.url, input.netrc, env.goVersion)) continue;
      const host = hostOfUrl(spec.url);
      if (host === undefined) continue;
      const hostname = hostnameOf(host);
      const rule = netrcMatchRule(env.goVersion);
      const near = input.netrc.find((e) => e.machine === hostname || hostnameOf(e.machine) === hostname);
      if (!near) continue;
      const want = rule === 'hostname' ? hostname : host;
      out.push(
        finding({
          id: 'auth-required',
          rule: 'netrc-machine-mismatch',
          severity: 'warning',
          group: 'credentials',
          message: `.netrc has "machine ${near.machine}", but ${env.goVersion} looks up "machine ${want}" for ${spec.url.replace(/\/\/[^/@]*@/, '//')}, so no credentials are sent.`,
          evidence: [
            rule === 'hostname'
              ? 'go1.19 compares the host name without the port (go1.19 src/cmd/go/internal/auth/auth.go:13)'
              : 'go1.21 and later compare host:port when the URL has a port (go1.23 src/cmd/go/internal/auth/auth.go:13-16)',
          ],
          fixes: [
            adviceFix(
              `Add an entry for ${want} (keep the old one for other Go versions).`,
              `printf 'machine ${want}\\nlogin ${near.login}\\npassword <token>\\n' >> ~/.netrc && chmod 600 ~/.netrc`,
            ),
          ],
        }),
      );
    }
  }
  // TLS roots.
  const roots = input.roots;
  if (roots && roots.sources.ignoredVariables.length > 0) {
    out.push(
      finding({
        id: 'ssl-cert-ignored',
        rule: 'ssl-cert-ignored',
        severity: 'info',
        group: 'credentials',
        message: `${roots.sources.ignoredVariables.join(' and ')} ${roots.sources.ignoredVariables.length > 1 ? 'are' : 'is'} ignored on ${input.platform === 'darwin' ? 'macOS' : 'Windows'}: Go uses the platform's certificate verifier there.`,
        evidence: roots.sources.ignoredVariables.map((n) => `${n}=${goQuote(env.variables[n]?.value ?? '')}`),
        fixes: [adviceFix('Add the CA to the system keychain or certificate store instead.')],
      }),
    );
  } else if (roots && roots.sources.fileFromEnv && roots.fileUsed === undefined) {
    out.push(
      finding({
        id: 'tls-certificate',
        rule: 'ssl-cert-file-unreadable',
        severity: 'warning',
        group: 'credentials',
        message: 'SSL_CERT_FILE names a file Go cannot read, so only the certificate directories supply trusted roots.',
        evidence: [valueEvidence(env, 'SSL_CERT_FILE'), ...(roots.loadError !== undefined ? [roots.loadError] : [])],
        fixes: [adviceFix('Point SSL_CERT_FILE at a readable PEM bundle (the public roots plus your CA), or unset it.', 'unset SSL_CERT_FILE')],
      }),
    );
  }
  return out;
}

/** Findings about go.mod's go/toolchain lines and GOTOOLCHAIN, with the conditions a download must meet. */
export function toolchainFindings(input: Pick<ConfigInput, 'env' | 'toolchain' | 'sumdb' | 'proxyList'>): Finding[] {
  const { env, toolchain } = input;
  const out: Finding[] = [];
  const evidence = [valueEvidence(env, 'GOTOOLCHAIN'), ...(toolchain.goLine !== undefined ? [`go.mod: go ${toolchain.goLine}`] : []), ...(toolchain.toolchainLine !== undefined ? [`go.mod: toolchain ${toolchain.toolchainLine}`] : [])];
  for (const problem of toolchain.problems) {
    switch (problem.kind) {
      case 'invalid-gotoolchain':
        out.push(
          finding({
            id: 'toolchain-download',
            rule: 'gotoolchain-invalid',
            severity: 'error',
            group: 'toolchain',
            message: 'GOTOOLCHAIN is invalid: every go command fails at startup.',
            evidence: [...evidence, `go: ${problem.error}`],
            fixes: scenarioFixes('toolchain-download', { details: { kind: 'invalid-gotoolchain', value: env.variables.GOTOOLCHAIN?.value ?? '' } }, env),
          }),
        );
        break;
      case 'invalid-go-line':
      case 'invalid-toolchain-line':
        out.push(
          finding({
            id: 'toolchain-download',
            rule: problem.kind,
            severity: 'error',
            group: 'toolchain',
            message: `go.mod's ${problem.kind === 'invalid-go-line' ? 'go' : 'toolchain'} line is not valid, so go cannot read go.mod.`,
            evidence: [...evidence, problem.error],
            fixes: [
              problem.kind === 'invalid-go-line'
                ? adviceFix('Write the go line as 1.N or 1.N.M (for example 1.22 or 1.22.3).', 'go mod edit -go=<version>')
                : adviceFix('Write the toolchain line as go1.N.M or default.', 'go mod edit -toolchain=<go1.N.M>'),
            ],
          }),
        );
        break;
      case 'too-new':
        out.push(
          finding({
            id: 'toolchain-download',
            rule: 'go-too-new',
            severity: 'error',
            group: 'toolchain',
            message: `go.mod needs Go ${problem.required}, but go ${problem.running} would run and GOTOOLCHAIN does not let it switch.`,
            evidence: [...evidence, problem.error],
            fixes: scenarioFixes('toolchain-download', { fields: { version: problem.required }, details: { kind: 'too-new', running: problem.running, gotoolchain: toolchain.gotoolchain } }, env),
          }),
        );
        break;
      case 'language-version':
        out.push(
          finding({
            id: 'toolchain-download',
            rule: 'toolchain-language-version',
            severity: 'error',
            group: 'toolchain',
            message: `${problem.toolchain} is a language version, not a release, so there is nothing to download.`,
            evidence: [...evidence, problem.error],
            fixes: scenarioFixes('toolchain-download', { fields: { version: problem.toolchain }, details: { kind: 'language-version' } }, env),
          }),
        );
        break;
      case 'path-only':
        out.push(
          finding({
            id: 'toolchain-download',
            rule: 'toolchain-path-only',
            severity: 'warning',
            group: 'toolchain',
            message: `go would switch to ${problem.toolchain} but GOTOOLCHAIN only allows looking in PATH: without a ${problem.toolchain} binary there, go fails with "cannot find \\"${problem.toolchain}\\" in PATH".`,
            evidence,
            fixes: scenarioFixes('toolchain-download', { fields: { version: problem.toolchain }, details: { kind: 'not-in-path' } }, env),
          }),
        );
        break;
      case 'old-go':
        out.push(
          finding({
            id: 'toolchain-download',
            rule: 'toolchain-old-go',
            severity: 'error',
            group: 'toolchain',
            message: `${env.goVersion} predates toolchain switching and cannot read this go.mod.`,
            evidence: [...evidence, problem.error],
            fixes: scenarioFixes('toolchain-download', { details: { kind: 'old-go' } }, env),
          }),
        );
        break;
    }
  }
  if (toolchain.action === 'download' && toolchain.switchTo !== undefined) {
    const version = toolchain.switchTo;
    // golang.org/toolchain is verified whatever GOSUMDB says (go1.23 src/cmd/go/internal/modfetch/sumdb.go:36-65).
    const singleFile = /^file:\/\//.test(env.goEnvJson.GOPROXY ?? '') && !/[,|]/.test(env.goEnvJson.GOPROXY ?? '');
    if (input.sumdb.ok && input.sumdb.config.kind === 'off' && !singleFile) {
      out.push(
        finding({
          id: 'toolchain-download',
          rule: 'toolchain-sumdb-off',
          severity: 'error',
          group: 'toolchain',
          message: `go would download ${version}, but toolchains are always verified against the checksum database and GOSUMDB=off: the switch fails.`,
          evidence: [...evidence, valueEvidence(env, 'GOSUMDB'), `go: download ${version}: ${TOOLCHAIN_MODULE}@${toolchain.moduleVersion ?? ''}: verifying module: checksum database disabled by GOSUMDB=off`],
          fixes: scenarioFixes('toolchain-download', { fields: { version }, details: { kind: 'download-failed', cause: 'gosumdb-off' } }, env),
        }),
      );
    }
    if (input.proxyList.ok) {
      const first = firstRealEntry(input.proxyList.specs);
      if (first?.kind === 'off') {
        out.push(
          finding({
            id: 'toolchain-download',
            rule: 'toolchain-goproxy-off',
            severity: 'error',
            group: 'toolchain',
            message: `go would download ${version} through GOPROXY, which is off: "toolchain not available".`,
            evidence: [...evidence, valueEvidence(env, 'GOPROXY')],
            fixes: scenarioFixes('toolchain-download', { fields: { version }, details: { kind: 'not-available', cause: 'goproxy-off' } }, env),
          }),
        );
      }
    }
  }
  return out;
}

/** Every configuration finding: no network, no files beyond what the input already holds. */
export function configFindings(input: ConfigInput): Finding[] {
  const out: Finding[] = [];
  if (input.goModError !== undefined) {
    out.push(
      finding({
        id: 'gomod-unreadable',
        rule: 'gomod-unreadable',
        severity: 'warning',
        group: 'config',
        message: `go.mod could not be read (${input.goModError}): its requirements were not checked.`,
        evidence: [],
        fixes: [adviceFix('Name the modules to check instead.', 'goproxy-doctor check --module example.com/mod@v1.2.3')],
      }),
    );
  }
  out.push(
    ...goflagsAndModulesFindings(input),
    ...goproxyFindings(input),
    ...privateModuleFindings(input),
    ...sumdbFindings(input),
    ...broadPatternFindings(input),
    ...patternSyntaxFindings(input),
    ...shadowedFindings(input),
    ...httpProxyFindings(input),
    ...credentialFindings(input),
    ...toolchainFindings(input),
  );
  return out;
}
