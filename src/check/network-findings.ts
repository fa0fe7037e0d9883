/**
 * Network findings: probe results and chain verdicts in, findings out. Each failure is classified
 * by the phase it stopped in (DNS, connect, HTTP proxy, TLS, HTTP) and handed to the explain
 * scenario that would explain the error `go` prints for it, so `check` and `explain` propose the
 * same fixes. Pure.
 */
import { orderFixes } from '../explain/engine.js';
import type { Fix, Severity } from '../fix.js';
import { looksPrivateModule, privatePatternFor, setVariableFix } from '../fixes.js';
import type { ProxySpec } from '../goenv/proxylist.js';
import type { GoEnvironment } from '../goenv/types.js';
import type { EndpointResult } from '../probe/endpoint.js';
import type { TreeHeadVerdict } from '../probe/sumdb-verify.js';
import { CREDENTIAL_FAILURE, PUBLIC_PROXY_HOSTS } from '../scenarios/facts.js';
import type { ScenarioId } from '../scenarios/types.js';
import { isPublicProxyUrl } from './config-findings.js';
import { fixesForGoError, scenarioFixes } from './scenario-fixes.js';
import { TOOLCHAIN_MODULE, type ToolchainAnalysis } from './toolchain.js';
import type { ChainEntry, Finding, FindingGroup, ModuleVerdict, ProbeTimings, SumDbReport } from './types.js';
import type { ProbeRecord } from './verdict.js';

/** What the checksum-database probes found. */
export interface SumdbState {
  report: SumDbReport;
  /** `/sumdb/<name>/supported` probes, one per proxy entry reached. */
  supported: ProbeRecord[];
  /** The `/latest` probe at the base the database is reached through. */
  latest?: ProbeRecord;
  /** The signed tree head checked against the GOSUMDB key. */
  treeHead?: TreeHeadVerdict;
  /** `/lookup/<module>@<version>` probes. */
  lookups: ProbeRecord[];
}

/** Everything the network findings are computed from. */
export interface NetworkInput {
  env: GoEnvironment;
  chain: readonly ChainEntry[];
  specs: readonly ProxySpec[];
  records: readonly ProbeRecord[];
  /** Verdicts for every checked module, the toolchain module included. */
  modules: readonly ModuleVerdict[];
  sumdb?: SumdbState;
  toolchain?: ToolchainAnalysis;
  timeoutMs: number;
}

/** `dns 1.2 ms · connect 0.4 ms · tls 3.0 ms · http 2.1 ms · total 7.0 ms`. */
export function formatTimings(t: ProbeTimings): string {
  const parts: string[] = [];
  for (const key of ['dns', 'connect', 'proxy', 'tls', 'http'] as const) {
    const v = t[key];
    if (v !== undefined) parts.push(`${key} ${formatMs(v)}`);
  }
  parts.push(`total ${formatMs(t.total)}`);
  return parts.join(' · ');
}

/** Milliseconds with one decimal below 100 ms, whole above. */
export function formatMs(ms: number): string {
  return ms < 100 ? `${(Math.round(ms * 10) / 10).toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** How one failed probe is filed: the scenario that explains it, a rule, the report group and a short description. */
export interface Classification {
  id: ScenarioId;
  rule: string;
  group: FindingGroup;
  /** What happened, e.g. `answered 500 Internal Server Error`. */
  headline: string;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Files a failed probe under the scenario that explains the same failure in `go`'s output. */
export function classifyProbe(record: ProbeRecord, timeoutMs: number): Classification {
  const r = record.result;
  const host = hostOf(r.url);
  if (record.contentError !== undefined) {
    const html = /text\/html/i.test(r.contentType ?? '') || /^\s*</.test(r.bodySnippet ?? '');
    return {
      id: html && /<form|password|sign in|log ?in/i.test(r.bodySnippet ?? '') ? 'auth-required' : 'proxy-server-error',
      rule: html ? 'html-response' : 'invalid-response',
      group: 'proxy',
      headline: html ? `answered 200 with an HTML page (${r.contentType ?? 'text/html'}), not the module proxy protocol` : `answered 200 with something go cannot use (${record.contentError})`,
    };
  }
  const text = r.errorText ?? r.goError ?? 'failed';
  if (r.timedOut) {
    return {
      id: 'network-blocked',
      rule: 'timeout',
      group: 'proxy',
      headline: `did not answer before the ${timeoutMs} ms deadline (${r.phase} phase: ${text}); go has no overall timeout and would keep waiting`,
    };
  }
  switch (r.phase) {
    case 'dns':
      return { id: 'dns-failure', rule: 'dns', group: 'proxy', headline: `could not be resolved: ${text}` };
    case 'connect':
      return { id: 'network-blocked', rule: 'connect', group: 'proxy', headline: `could not be connected to: ${text}` };
    case 'proxy':
      return { id: 'http-proxy-env', rule: /Proxy Authentication Required|407/.test(text) ? 'http-proxy-auth' : 'http-proxy', group: 'credentials', headline: `could not be reached through the HTTP proxy${r.proxy?.url !== undefined ? ` ${r.proxy.url}` : ''}: ${text}` };
    case 'tls':
      if (r.tls && !r.tls.verified) return { id: 'tls-certificate', rule: 'tls-verify', group: 'proxy', headline: `presented a certificate go does not trust: ${r.tls.verifyError ?? text}` };
      if (/server gave HTTP response to HTTPS client/.test(text)) return { id: 'proxy-config-invalid', rule: 'https-to-http-server', group: 'proxy', headline: `speaks plain HTTP, not HTTPS: ${text}` };
      return { id: 'network-blocked', rule: 'tls-handshake', group: 'proxy', headline: `failed the TLS handshake: ${text}` };
    case 'config':
      return { id: 'proxy-config-invalid', rule: 'request-refused', group: 'credentials', headline: `was refused before any request: ${text}` };
    default:
      break;
  }
  if (r.limitHit === 'redirects') return { id: 'proxy-server-error', rule: 'redirect-loop', group: 'proxy', headline: `redirected in a loop: ${text}` };
  const status = r.status;
  if (status === undefined || (r.ok === false && r.goError !== undefined && !/^reading /.test(r.goError) && status === 200)) {
    return { id: 'network-blocked', rule: 'broken-response', group: 'proxy', headline: `broke off the response: ${text}` };
  }
  const statusLine = `${status} ${r.statusText ?? ''}`.trim();
  if (status === 401 || status === 403) {
    const publicProxy = PUBLIC_PROXY_HOSTS.includes(host.replace(/:\d+$/, '').toLowerCase());
    if (status === 403 && publicProxy) return { id: 'network-blocked', rule: 'http-403-public', group: 'proxy', headline: `answered ${statusLine}` };
    return { id: 'auth-required', rule: `http-${status}`, group: 'credentials', headline: `answered ${statusLine}${r.credentials ? ' although credentials were sent' : ''}` };
  }
  if (status === 407) return { id: 'http-proxy-env', rule: 'http-proxy-auth', group: 'credentials', headline: `answered ${statusLine}` };
  if (status === 404 || status === 410) {
    const credentialBody = r.serverResponse !== undefined && CREDENTIAL_FAILURE.test(r.serverResponse);
    const module = record.module?.split('@')[0];
    if (credentialBody || (module !== undefined && looksPrivateModule(module) && isPublicProxyUrl(r.url))) {
      return { id: 'private-module-proxied', rule: 'private-module-not-found', group: 'proxy', headline: `answered ${statusLine}${credentialBody ? ' (the proxy could not read the repository)' : ''}` };
    }
    return { id: 'module-not-found', rule: 'not-found', group: 'proxy', headline: `answered ${statusLine}` };
  }
  if (status >= 500) return { id: 'proxy-server-error', rule: 'server-error', group: 'proxy', headline: `answered ${statusLine}` };
  return { id: 'proxy-server-error', rule: 'http-error', group: 'proxy', headline: `answered ${statusLine}` };
}

/** A short account of a probe's answer: the status line, or which phase failed (the error itself is quoted elsewhere). */
export function probeAnswer(r: EndpointResult, contentErr?: string): string {
  if (r.ok) return `${r.status ?? 200}${contentErr !== undefined ? ' but unusable' : ''}`;
  if (r.timedOut) return `no answer (${r.phase} phase, timed out)`;
  if (r.status !== undefined && r.phase === 'http') return `${r.status} ${r.statusText ?? ''}`.trim();
  return `failed at the ${r.phase} phase`;
}

/** Evidence lines for one probe: what was asked, what came back, how long each phase took, and through what. */
export function probeEvidence(record: ProbeRecord, chain: readonly ChainEntry[]): string[] {
  const r = record.result;
  const where = record.entry !== undefined ? `${chain[record.entry]?.label ?? `entry ${record.entry}`}: ` : '';
  const answer = probeAnswer(r, record.contentError);
  const lines = [`${where}GET ${r.url} → ${answer} (${formatTimings(r.timings)})`];
  if (r.proxy?.used && r.proxy.url !== undefined) lines.push(`through the HTTP proxy ${r.proxy.url}${r.proxy.source !== undefined ? ` from ${r.proxy.source}` : ''}`);
  else if (r.proxy?.reason === 'no-proxy-match' && r.proxy.matchedEntry !== undefined) lines.push(`not proxied: NO_PROXY entry "${r.proxy.matchedEntry}" matches`);
  if (r.tls) {
    lines.push(
      `TLS certificate: subject ${r.tls.subject}; issuer ${r.tls.issuer}; valid ${r.tls.validFrom.slice(0, 10)} to ${r.tls.validTo.slice(0, 10)}; ${r.tls.verified ? 'verifies against the roots go uses' : 'does not verify against the roots go uses'}`,
    );
  }
  if (r.credentials) lines.push(r.credentials.source === 'netrc' ? `sent credentials from .netrc (machine ${r.credentials.machine ?? '?'})` : 'sent credentials from the URL');
  if (r.serverResponse !== undefined && r.serverResponse !== '' && !(r.goError ?? '').includes('server response:')) lines.push(`server response: ${r.serverResponse.split('\n')[0] ?? ''}`);
  if (r.redirects.length > 0) lines.push(`redirected ${r.redirects.length} time${r.redirects.length === 1 ? '' : 's'}, last to ${r.redirects[r.redirects.length - 1] ?? ''}`);
  if (r.notEvaluated !== undefined) lines.push(`not evaluated: ${r.notEvaluated}`);
  return lines;
}

function moduleAt(v: ModuleVerdict): string {
  return v.version !== undefined ? `${v.module}@${v.version}` : v.module;
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

function finding(partial: Omit<Finding, 'fixes'> & { fixes: Fix[] }): Finding {
  return { ...partial, fixes: orderFixes(partial.fixes) };
}

function sumdbDetailKind(c: Classification, record: ProbeRecord): string {
  const status = record.result.status;
  if (c.rule === 'tls-verify') return 'tls';
  if (c.group === 'credentials' && c.id === 'http-proxy-env') return 'http-proxy';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 401) return 'auth';
  if (status === 403) return 'blocked';
  if (status !== undefined && status >= 500) return 'server-error';
  if (c.rule === 'dns') return 'dns';
  return 'unreachable';
}

// ---------------------------------------------------------------------------------------------

/**
 * GOPROXY with the `,` after entry number `n` (1-based, as written) turned into `|`, so go moves on after
 * any error there; undefined when entry n has no `,` after it. Entries are counted as proxyList counts them:
 * split at `,`/`|`, blank entries skipped (go1.23 src/cmd/go/internal/modfetch/proxy.go:69-84).
 */
export function goproxyWithPipeAfter(goproxy: string, n: number): string | undefined {
  const parts = goproxy.split(/([,|])/);
  let count = 0;
  for (let i = 0; i < parts.length; i += 2) {
    if ((parts[i] ?? '').trim() === '') continue;
    count++;
    if (count !== n) continue;
    // The separator that decides this entry's fallback is the next one, even across blank entries.
    if (parts[i + 1] !== ',') return undefined;
    const out = [...parts];
    out[i + 1] = '|';
    return out.join('');
  }
  return undefined;
}

function fetchFailureFindings(input: NetworkInput, recordFor: (module: string, entry: number) => ProbeRecord | undefined): Finding[] {
  const groups = new Map<string, { c: Classification; record: ProbeRecord; verdicts: ModuleVerdict[]; entry: number }>();
  for (const v of input.modules) {
    if (v.source === 'toolchain' || v.result !== 'fail' || v.failedAt?.stage !== 'fetch') continue;
    let entry = v.fetch.errorFrom ?? v.fetch.stoppedAt;
    if (input.specs[entry]?.kind !== 'proxy') {
      // The walk ended at `off` (or noproxy): blame the last proxy that said "not found", if any.
      // GOPROXY=off as the first entry is a configuration finding already.
      const lastProxy = [...v.fetch.steps].reverse().find((s) => input.specs[s.entry]?.kind === 'proxy' && s.outcome !== 'ok');
      if (!lastProxy) continue;
      entry = lastProxy.entry;
    }
    const record = recordFor(moduleAt(v), entry);
    if (!record) continue;
    const c = classifyProbe(record, input.timeoutMs);
    if (c.rule === 'request-refused') continue;
    const key = `${c.id}|${c.rule}|${entry}`;
    const g = groups.get(key) ?? { c, record, verdicts: [], entry };
    g.verdicts.push(v);
    groups.set(key, g);
  }
  const out: Finding[] = [];
  for (const { c, record, verdicts, entry } of groups.values()) {
    const label = input.chain[entry]?.label ?? `entry ${entry}`;
    const first = verdicts[0] as ModuleVerdict;
    const stoppedHere = first.fetch.stoppedAt === entry;
    const spec = input.specs[entry] as ProxySpec;
    const notExistAll = c.id === 'module-not-found' || c.id === 'private-module-proxied';
    const endsAtOff = input.specs[first.fetch.stoppedAt]?.kind === 'off';
    let why: string;
    if (notExistAll && endsAtOff) why = 'the next entry is off, which ends the list';
    else if (notExistAll) why = 'no later entry has it either';
    else if (!stoppedHere) why = `go reports this error although the walk ended at ${input.chain[first.fetch.stoppedAt]?.label ?? 'a later entry'}`;
    else if (entry === input.specs.length - 1) why = 'it is the last GOPROXY entry';
    else if (!spec.fallBackOnError) why = '"," after it falls through only on 404/410, so go never tries the next entry';
    else why = 'no later entry answered';
    const onlyDefault = verdicts.every((v) => v.source === 'default');
    let severity: Severity = 'error';
    if (onlyDefault && notExistAll && !isPublicProxyUrl(spec.url)) severity = 'info';
    const modules = verdicts.map(moduleAt);
    const goText = `go: ${modules[0] ?? ''}: ${first.fetch.error ?? (record.outcome.kind === 'error' ? record.outcome.error : '')}`;
    const fields = { module: first.module, ...(first.version !== undefined ? { version: first.version } : {}), url: record.result.url, host: hostOf(record.result.url), ...(record.result.status !== undefined ? { status: record.result.status } : {}) };
    const details: Record<string, string> = {};
    if (c.id === 'private-module-proxied') details.pattern = privatePatternFor(first.module);
    if (severity === 'info') {
      // The default canary is a public module; a proxy that serves only private modules rightly lacks it.
      out.push(
        finding({
          id: 'canary-not-served',
          rule: 'canary-not-served',
          severity,
          group: c.group,
          message: `${label} does not serve the public module ${modules[0] ?? ''} (it ${c.headline}): fine if it only serves your own modules. No module was named and there is no go.mod, so nothing else was checked.`,
          evidence: [goText, ...probeEvidence(record, input.chain)],
          fixes: [{ command: 'goproxy-doctor check --module <module>@<version>', text: 'Check a module this proxy should serve.', weakensSecurity: false }],
          modules,
        }),
      );
      continue;
    }
    const fixes = fixesForGoError(c.id, goText, { fields, details }, input.env);
    const number = input.chain[entry]?.number;
    if (stoppedHere && !notExistAll && !spec.fallBackOnError && entry < input.specs.length - 1 && number !== undefined) {
      const goproxy = input.env.variables.GOPROXY?.value ?? input.env.goEnvJson.GOPROXY ?? '';
      const piped = goproxyWithPipeAfter(goproxy, number);
      if (piped !== undefined && !fixes.some((f) => f.command?.includes(piped))) {
        fixes.splice(
          Math.min(1, fixes.length),
          0,
          setVariableFix(input.env, 'GOPROXY', piped, `Write "|" instead of "," after ${label} so go tries the next entry when this one fails with anything, not only 404/410.`),
        );
      }
    }
    out.push(
      finding({
        id: c.id,
        rule: c.rule,
        severity,
        group: c.group,
        message: `${modules.length === 1 ? modules[0] ?? '' : `${modules.length} modules`} would fail at ${label}, which ${c.headline}; ${why}.${onlyDefault ? ' (checked with the public module goproxy-doctor uses when no module is named and there is no go.mod)' : ''}`,
        evidence: [goText, ...probeEvidence(record, input.chain)],
        fixes,
        modules,
      }),
    );
  }
  return out;
}

function fallThroughFindings(input: NetworkInput, recordFor: (module: string, entry: number) => ProbeRecord | undefined): Finding[] {
  const groups = new Map<string, { c: Classification; record: ProbeRecord; modules: string[]; entry: number }>();
  for (const v of input.modules) {
    for (const step of v.fetch.steps) {
      if (step.outcome !== 'error' || !step.fellThrough) continue;
      const record = recordFor(moduleAt(v), step.entry);
      if (!record) continue;
      const c = classifyProbe(record, input.timeoutMs);
      const key = `${c.id}|${c.rule}|${step.entry}`;
      const g = groups.get(key) ?? { c, record, modules: [], entry: step.entry };
      g.modules.push(moduleAt(v));
      groups.set(key, g);
    }
  }
  const out: Finding[] = [];
  for (const { c, record, modules, entry } of groups.values()) {
    const label = input.chain[entry]?.label ?? `entry ${entry}`;
    const goText = `go: ${modules[0] ?? ''}: ${record.outcome.kind === 'error' ? record.outcome.error : ''}`;
    out.push(
      finding({
        id: c.id,
        rule: 'entry-failed-fallthrough',
        severity: 'warning',
        group: c.group,
        message: `${label} ${c.headline} for ${modules.length === 1 ? modules[0] ?? '' : `${modules.length} modules`}, but "|" after it lets go fall through to the next entry, so builds still work, only slower.`,
        evidence: [goText, ...probeEvidence(record, input.chain)],
        fixes: fixesForGoError(c.id, goText, { fields: { url: record.result.url, host: hostOf(record.result.url) } }, input.env),
        modules,
      }),
    );
  }
  return out;
}

function directFindings(input: NetworkInput): Finding[] {
  const direct = input.modules.filter((v) => v.result === 'unknown' && v.source !== 'toolchain' && ['direct', 'noproxy'].includes(input.specs[v.fetch.stoppedAt]?.kind ?? ''));
  if (direct.length === 0) return [];
  return [
    finding({
      id: 'direct-not-probed',
      rule: 'direct-not-probed',
      severity: 'info',
      group: 'proxy',
      message: `${direct.length === 1 ? `${moduleAt(direct[0] as ModuleVerdict)} is` : `${direct.length} modules are`} fetched directly from ${plural(direct.length, 'its', 'their')} origin (git or go-get); goproxy-doctor does not probe version-control access.`,
      evidence: direct.slice(0, 5).map((v) => `${moduleAt(v)}: ${v.summary}`),
      fixes: [],
      modules: direct.map(moduleAt),
    }),
  ];
}

/**
 * Fixes for a proxy that fails `/sumdb/<name>/supported`: make it answer properly, or give GOSUMDB an explicit
 * URL, which makes go skip the question (go1.23 src/cmd/go/internal/modfetch/sumdb.go:177-190).
 */
function supportedFixes(input: NetworkInput, state: SumdbState, record: ProbeRecord): Fix[] {
  const label = input.chain[record.entry ?? 0]?.label ?? 'the proxy';
  const current = input.env.variables.GOSUMDB?.value ?? input.env.goEnvJson.GOSUMDB ?? state.report.name;
  const fixes: Fix[] = [
    {
      text: `Fix ${label}: /sumdb/${state.report.name}/supported must answer 200 if it proxies the checksum database, or 404/410 so go moves on.`,
      weakensSecurity: false,
    },
  ];
  if (!/\s/.test(current.trim())) {
    fixes.push(
      setVariableFix(
        input.env,
        'GOSUMDB',
        `${current.trim()} https://${state.report.name}`,
        `Or name the database's URL in GOSUMDB: go then reaches it there and never asks the proxies (verification stays as strong: same key).`,
      ),
    );
  }
  return fixes;
}

function sumdbFindings(input: NetworkInput): Finding[] {
  const state = input.sumdb;
  if (!state) return [];
  const out: Finding[] = [];
  const name = state.report.name;
  const failedVerify = input.modules.filter((v) => v.failedAt?.stage === 'verify');
  const severity: Severity = state.report.needed ? 'error' : 'warning';
  const neededNote = state.report.needed ? '' : ' No module checked here needs it right now (go.sum or GONOSUMDB covers them), but every new dependency will.';
  const firstModule = failedVerify[0];
  const moduleText = firstModule ? moduleAt(firstModule) : (state.report.neededBy?.[0] ?? 'example.com/m@v1.0.0');
  const neededCount = Math.max(failedVerify.length, state.report.neededBy?.length ?? 0);

  const networkFinding = (record: ProbeRecord, rule: string, what: string, why = '', extraFixes: Fix[] = []): Finding => {
    const c = classifyProbe(record, input.timeoutMs);
    const goText = `go: ${moduleText}: verifying module: ${record.outcome.kind === 'error' ? record.outcome.error : ''}`;
    const details: Record<string, string> = { kind: sumdbDetailKind(c, record), database: name };
    if (firstModule) details.pattern = privatePatternFor(firstModule.module);
    const fields = firstModule ? { module: firstModule.module, ...(firstModule.version !== undefined ? { version: firstModule.version } : {}), url: record.result.url, host: hostOf(record.result.url) } : { url: record.result.url, host: hostOf(record.result.url) };
    return finding({
      id: 'sumdb-lookup-failed',
      rule,
      severity,
      group: c.group === 'credentials' ? 'credentials' : 'sumdb',
      message: `${what} ${c.headline}: every checksum lookup fails${state.report.needed ? `, so ${neededCount > 0 ? `${neededCount} ${plural(neededCount, 'module', 'modules')}` : 'new modules'} cannot be verified` : ''}${why}.${neededNote}`,
      evidence: [goText, ...probeEvidence(record, input.chain)],
      fixes: [
        ...extraFixes,
        // Network-layer causes get their own scenario's fixes; the rest is about the database, named by GOSUMDB.
        ...(c.id === 'tls-certificate' || c.id === 'dns-failure' || c.id === 'http-proxy-env'
          ? fixesForGoError(c.id, goText, { fields, details }, input.env)
          : scenarioFixes('sumdb-lookup-failed', { fields, details }, input.env)),
      ],
      ...(failedVerify.length > 0 ? { modules: failedVerify.map(moduleAt) } : state.report.neededBy ? { modules: state.report.neededBy } : {}),
    });
  };

  if (state.report.via === 'error') {
    const from = state.supported.find((r) => r.outcome.kind === 'error' && !r.outcome.notExist && r.entry !== undefined && r.entry === (state.report.proxyEntry ?? r.entry));
    if (from) {
      out.push(
        networkFinding(
          from,
          'sumdb-proxy-failed',
          `${input.chain[from.entry ?? 0]?.label ?? 'The proxy'}, asked for /sumdb/${name}/supported,`,
          ' (go asks each GOPROXY entry whether it proxies the checksum database, and gives up on any answer but 200, 404 or 410, even after "|")',
          supportedFixes(input, state, from),
        ),
      );
    }
  }
  if (state.latest && state.latest.outcome.kind === 'error') {
    out.push(networkFinding(state.latest, 'sumdb-unreachable', `The checksum database ${name} at ${state.latest.result.url.replace(/\/latest$/, '')}`));
  }
  const tree = state.treeHead;
  if (tree && !tree.ok) {
    const others = tree.signedByOthers?.map((s) => `${s.name}+${s.hash}`) ?? [];
    const key = input.env.goEnvJson.GOSUMDB ?? '';
    out.push(
      finding({
        id: 'sumdb-lookup-failed',
        rule: tree.stage === 'note' ? 'sumdb-key-mismatch' : 'sumdb-bad-tree-head',
        severity,
        group: 'sumdb',
        message:
          tree.stage === 'note'
            ? `The signed tree head from ${state.latest?.result.url ?? name} does not verify against the key GOSUMDB names: GOSUMDB has the wrong key, or something between you and the database answers in its place.${neededNote}`
            : `The checksum database's signed tree head is unusable (${tree.error}).${neededNote}`,
        evidence: [`GOSUMDB=${JSON.stringify(key)}`, tree.error, ...(others.length > 0 ? [`signed by ${others.join(', ')} instead`] : []), ...(state.latest ? probeEvidence(state.latest, input.chain) : [])],
        fixes: [
          ...scenarioFixes('sumdb-lookup-failed', { details: { kind: 'config', error: tree.error } }, input.env).filter((f) => !f.weakensSecurity),
          {
            text: 'If GOSUMDB is right, compare what this network serves with what the database serves elsewhere: an intercepting proxy re-signing answers is a security incident, not a configuration problem.',
            weakensSecurity: false,
          },
        ],
        ...(failedVerify.length > 0 ? { modules: failedVerify.map(moduleAt) } : {}),
      }),
    );
  }
  // Per-module lookup failures (404/410 for private modules, mostly).
  const groups = new Map<string, { c: Classification; record: ProbeRecord; modules: string[] }>();
  for (const record of state.lookups) {
    if (record.outcome.kind !== 'error') continue;
    const c = classifyProbe(record, input.timeoutMs);
    const key = `${c.id}|${c.rule}`;
    const g = groups.get(key) ?? { c, record, modules: [] };
    g.modules.push(record.module ?? '');
    groups.set(key, g);
  }
  for (const { c, record, modules } of groups.values()) {
    const module = modules[0] ?? '';
    const path = module.split('@')[0] ?? module;
    const version = module.split('@')[1];
    const goText = `go: ${module}: verifying module: ${module}: ${record.outcome.kind === 'error' ? record.outcome.error : ''}`;
    const kind = sumdbDetailKind(c, record);
    out.push(
      finding({
        id: 'sumdb-lookup-failed',
        rule: kind === 'not-found' ? 'sumdb-not-found' : 'sumdb-lookup-error',
        severity: 'error',
        group: c.group === 'credentials' ? 'credentials' : 'sumdb',
        message:
          kind === 'not-found'
            ? `The checksum database does not know ${modules.length === 1 ? module : `${modules.length} modules`} (${c.headline.replace(/^answered /, '')}): the module is private or does not exist, and go refuses to use it unverified.`
            : `Looking up ${modules.length === 1 ? module : `${modules.length} modules`} in the checksum database fails: ${hostOf(record.result.url)} ${c.headline}.`,
        evidence: [goText, ...probeEvidence(record, input.chain)],
        fixes: scenarioFixes('sumdb-lookup-failed', { fields: { module: path, ...(version !== undefined ? { version } : {}), url: record.result.url }, details: { kind, pattern: privatePatternFor(path), database: state.report.name } }, input.env),
        modules,
      }),
    );
  }
  return out;
}

function toolchainNetworkFindings(input: NetworkInput, recordFor: (module: string, entry: number) => ProbeRecord | undefined): Finding[] {
  const tc = input.toolchain;
  const v = input.modules.find((m) => m.source === 'toolchain');
  if (!tc || !v || tc.switchTo === undefined) return [];
  const version = tc.switchTo;
  const platform = ((tc.moduleVersion ?? '').split('.').pop() ?? '').replace('-', '/');
  if (v.result === 'ok') return [];
  if (v.result === 'unknown') {
    return [
      finding({
        id: 'toolchain-download',
        rule: 'toolchain-not-probed',
        severity: 'info',
        group: 'toolchain',
        message: `go would switch to ${version}; its download (${TOOLCHAIN_MODULE}@${tc.moduleVersion ?? ''}) ${v.summary}.`,
        evidence: [v.summary],
        fixes: [],
      }),
    ];
  }
  if (v.failedAt?.stage === 'verify') {
    return [
      finding({
        id: 'toolchain-download',
        rule: 'toolchain-verify-failed',
        severity: 'error',
        group: 'toolchain',
        message: `go would download ${version}, but verifying it against the checksum database fails (toolchains are always verified): ${v.verify?.error ?? ''}`,
        evidence: [v.summary],
        fixes: scenarioFixes('toolchain-download', { fields: { version }, details: { kind: 'download-failed' } }, input.env),
      }),
    ];
  }
  const allNotFound = v.fetch.steps.length > 0 && v.fetch.steps.every((s) => s.outcome === 'not-found' || s.outcome === 'ok');
  const entry = v.fetch.errorFrom ?? v.fetch.stoppedAt;
  const record = recordFor(`${TOOLCHAIN_MODULE}@${tc.moduleVersion ?? ''}`, entry);
  if (allNotFound) {
    const publicOnly = v.fetch.steps.every((s) => isPublicProxyUrl(input.specs[s.entry]?.url));
    return [
      finding({
        id: 'toolchain-download',
        rule: publicOnly ? 'toolchain-not-released' : 'toolchain-not-available',
        severity: 'error',
        group: 'toolchain',
        message: publicOnly
          ? `go.mod asks for ${version}, which is not a Go release: no GOPROXY entry has ${TOOLCHAIN_MODULE}@${tc.moduleVersion ?? ''}, so the switch fails.`
          : `No GOPROXY entry has ${TOOLCHAIN_MODULE}@${tc.moduleVersion ?? ''}: either ${version} is not a Go release or these proxies do not serve toolchains, so the switch fails.`,
        evidence: [`go: download ${version} for ${platform}: toolchain not available`, ...(record ? probeEvidence(record, input.chain) : [])],
        fixes: scenarioFixes('toolchain-download', { fields: { version }, details: { kind: 'not-available', cause: 'not-found' } }, input.env),
      }),
    ];
  }
  if (!record) return [];
  const c = classifyProbe(record, input.timeoutMs);
  const goText = `go: download ${version}: ${TOOLCHAIN_MODULE}@${tc.moduleVersion ?? ''}: ${record.outcome.kind === 'error' ? record.outcome.error : ''}`;
  return [
    finding({
      id: c.id,
      rule: 'toolchain-download-failed',
      severity: 'error',
      group: 'toolchain',
      message: `go would download ${version} through ${input.chain[entry]?.label ?? 'GOPROXY'}, which ${c.headline}: the switch fails.`,
      evidence: [goText, ...probeEvidence(record, input.chain)],
      fixes: [
        ...fixesForGoError(c.id, goText, { fields: { url: record.result.url, host: hostOf(record.result.url) } }, input.env),
        ...scenarioFixes('toolchain-download', { fields: { version }, details: { kind: 'download-failed' } }, input.env),
      ],
    }),
  ];
}

/** Every network finding, from the probes and the verdicts built on them. */
export function networkFindings(input: NetworkInput): Finding[] {
  const byKey = new Map<string, ProbeRecord>();
  for (const r of input.records) {
    if ((r.target === 'module' || r.target === 'toolchain') && r.entry !== undefined && r.module !== undefined) byKey.set(`${r.module}|${r.entry}`, r);
  }
  const recordFor = (module: string, entry: number): ProbeRecord | undefined => byKey.get(`${module}|${entry}`);
  return [
    ...fetchFailureFindings(input, recordFor),
    ...fallThroughFindings(input, recordFor),
    ...directFindings(input),
    ...sumdbFindings(input),
    ...toolchainNetworkFindings(input, recordFor),
  ];
}
