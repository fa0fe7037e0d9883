/** Failed `/lookup/<module>@<version>` probes, grouped by cause; shared by the two lookup rules. Pure. */
import { classifyProbe, sumdbFailureKind, type ProbeCause } from './probe-cause.js';
import { failedAtHttpProxy } from './http-proxy-failures.js';
import type { NetworkFacts } from './rule.js';
import type { ProbeRecord } from './verdict.js';
import type { SumdbFailureKind } from '../scenarios/sumdb-lookup-failed.js';

export interface LookupFailureGroup {
  cause: ProbeCause;
  kind: SumdbFailureKind;
  record: ProbeRecord;
  modules: string[];
}

export function lookupFailureGroups(network: NetworkFacts): LookupFailureGroup[] {
  const groups = new Map<string, LookupFailureGroup>();
  for (const record of network.sumdb?.lookups ?? []) {
    if (record.outcome.kind !== 'error' || failedAtHttpProxy(record)) continue;
    const cause = classifyProbe(record, network.timeoutMs);
    const key = cause.cause;
    const group = groups.get(key) ?? { cause, kind: sumdbFailureKind(cause, record), record, modules: [] };
    group.modules.push(record.module ?? '');
    groups.set(key, group);
  }
  return [...groups.values()];
}
