/**
 * Which module fetches fail, where, and why: the failed verdicts grouped by the entry that stopped them
 * and the cause of its failure, with the reason go gives up there. Shared by the rules that report
 * fetch failures (module-fetch-failed, canary-not-served). Pure.
 */
import type { ProxySpec } from '../goenv/proxylist.js';
import type { NetworkFacts } from './rule.js';
import { failedAtHttpProxy } from './http-proxy-failures.js';
import { classifyProbe, type ProbeCause } from './probe-cause.js';
import { isPublicProxyUrl } from './rule-kit.js';
import type { ModuleVerdict } from './types.js';
import type { ProbeRecord } from './verdict.js';
import { t } from '../i18n/language.js';

/** `path@version` of a verdict. */
export function moduleAt(v: { module: string; version?: string }): string {
  return v.version !== undefined ? `${v.module}@${v.version}` : v.module;
}

/** The module-probe record of one module at one chain entry. */
export function recordFinder(network: NetworkFacts): (module: string, entry: number) => ProbeRecord | undefined {
  const byKey = new Map<string, ProbeRecord>();
  for (const r of network.records) {
    if ((r.target === 'module' || r.target === 'toolchain') && r.entry !== undefined && r.module !== undefined) byKey.set(`${r.module}|${r.entry}`, r);
  }
  return (module, entry) => byKey.get(`${module}|${entry}`);
}

/** Failed fetches that share an entry and a cause. */
export interface FetchFailureGroup {
  cause: ProbeCause;
  record: ProbeRecord;
  verdicts: ModuleVerdict[];
  entry: number;
  /** Every module was the public default canary, the entry said "not found", and it is not a public proxy: fine if it serves only private modules. */
  canaryOnly: boolean;
  /** Why go gives up at this entry, in words. */
  why: string;
  /** Both "not found": the module does not exist anywhere go looked. */
  notFound: boolean;
}

/** The failed fetches, grouped. Failures refused before any request (config rules report those) and failures at the HTTP proxy (http-proxy-failed) are left out. */
export function fetchFailureGroups(network: NetworkFacts): FetchFailureGroup[] {
  const recordFor = recordFinder(network);
  const groups = new Map<string, { cause: ProbeCause; record: ProbeRecord; verdicts: ModuleVerdict[]; entry: number }>();
  for (const v of network.modules) {
    if (v.source === 'toolchain' || v.result !== 'fail' || v.failedAt?.stage !== 'fetch') continue;
    // A failed direct fetch is go's reported error, whatever proxies answered before: the direct rules report it.
    if (v.failedAt.directStage !== undefined) continue;
    let entry = v.fetch.errorFrom ?? v.fetch.stoppedAt;
    if (network.specs[entry]?.kind !== 'proxy') {
      // The walk ended at `off` (or noproxy): blame the last proxy that said "not found", if any.
      // GOPROXY=off as the first entry is a configuration finding already.
      const lastProxy = [...v.fetch.steps].reverse().find((s) => network.specs[s.entry]?.kind === 'proxy' && s.outcome !== 'ok');
      if (!lastProxy) continue;
      entry = lastProxy.entry;
    }
    const record = recordFor(moduleAt(v), entry);
    // A failure at the HTTP proxy is the http-proxy-failed rule's, with everything else that proxy broke.
    if (!record || failedAtHttpProxy(record)) continue;
    const cause = classifyProbe(record, network.timeoutMs);
    if (cause.cause === 'request-refused') continue;
    const key = `${cause.cause}|${entry}`;
    const group = groups.get(key) ?? { cause, record, verdicts: [], entry };
    group.verdicts.push(v);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => {
    const first = g.verdicts[0] as ModuleVerdict;
    const spec = network.specs[g.entry] as ProxySpec;
    const notFound = g.cause.cause === 'not-found' || g.cause.cause === 'private-module-not-found';
    const stoppedHere = first.fetch.stoppedAt === g.entry;
    const endsAtOff = network.specs[first.fetch.stoppedAt]?.kind === 'off';
    let why: string;
    const endLabel = network.chain[first.fetch.stoppedAt]?.label;
    if (notFound && endsAtOff) why = t`the next entry is off, which ends the list`;
    else if (notFound) why = t`no later entry has it either`;
    else if (!stoppedHere) why = endLabel !== undefined ? t`go reports this error although the walk ended at ${endLabel}` : t`go reports this error although the walk ended at a later entry`;
    else if (g.entry === network.specs.length - 1) why = t`it is the last GOPROXY entry`;
    else if (!spec.fallBackOnError) why = t`"," after it falls through only on 404/410, so go never tries the next entry`;
    else why = t`no later entry answered`;
    const canaryOnly = g.verdicts.every((v) => v.source === 'default') && notFound && !isPublicProxyUrl(spec.url);
    return { ...g, why, notFound, canaryOnly };
  });
}
