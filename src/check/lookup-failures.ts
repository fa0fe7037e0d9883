/** Failed `/lookup/<module>@<version>` probes, grouped by cause; shared by the two lookup rules. Pure. */
import { classifyProbe, sumdbFailureKind, type ProbeCause } from './probe-cause.js';
import { failedAtHttpProxy } from './http-proxy-failures.js';
import { looksPrivateModule } from '../goenv/private-hints.js';
import { isNotFound } from '../scenarios/signals.js';
import type { NetworkFacts } from './rule.js';
import type { ProbeRecord } from './verdict.js';
import type { SumdbFailureKind } from '../scenarios/sumdb-lookup-failed.js';

export interface LookupFailureGroup {
  cause: ProbeCause;
  kind: SumdbFailureKind;
  record: ProbeRecord;
  modules: string[];
}

const notFound = (record: ProbeRecord): boolean => isNotFound(record.result.status);

/**
 * Whether the database answers "not found" everywhere: to its own signed tree head, or to every module
 * asked when that is more than one and some look public. Then the answer says the database is wrong
 * (GOSUMDB names another one, or a URL that is not one), not that the modules are private.
 */
function notFoundEverywhere(network: NetworkFacts): boolean {
  const sumdb = network.sumdb;
  if (!sumdb) return false;
  const lookups = sumdb.lookups;
  if (lookups.length === 0 || !lookups.every(notFound)) return false;
  if (sumdb.latest !== undefined && notFound(sumdb.latest)) return true;
  return lookups.length > 1 && lookups.some((r) => !looksPrivateModule((r.module ?? '').split('@')[0] ?? ''));
}

export function lookupFailureGroups(network: NetworkFacts): LookupFailureGroup[] {
  const groups = new Map<string, LookupFailureGroup>();
  const broken = notFoundEverywhere(network);
  for (const record of network.sumdb?.lookups ?? []) {
    if (record.outcome.kind !== 'error' || failedAtHttpProxy(record)) continue;
    const cause = classifyProbe(record, network.timeoutMs);
    const key = cause.cause;
    const kind = broken && notFound(record) ? 'broken' : sumdbFailureKind(cause, record);
    const group = groups.get(key) ?? { cause, kind, record, modules: [] };
    group.modules.push(record.module ?? '');
    groups.set(key, group);
  }
  return [...groups.values()];
}
