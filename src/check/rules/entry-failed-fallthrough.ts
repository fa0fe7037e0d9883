/**
 * entry-failed-fallthrough: a GOPROXY entry fails, but the `|` after it lets go move on to the next
 * entry (go1.23 src/cmd/go/internal/modfetch/proxy.go:167-171): builds work, only slower.
 */
import { moduleAt, recordFinder } from '../fetch-failures.js';
import { failedAtHttpProxy } from '../http-proxy-failures.js';
import { classifyProbe, type ProbeCause } from '../probe-cause.js';
import { entryLabel, probeEvidence } from '../probe-evidence.js';
import type { CheckRule } from '../rule.js';
import { makeFinding, predictedGoError } from '../rule-kit.js';
import { fixesFor } from '../scenario-call.js';
import type { Finding } from '../types.js';
import type { ProbeRecord } from '../verdict.js';
import { t } from '../../i18n/language.js';

export const entryFailedFallthrough: CheckRule = {
  id: 'entry-failed-fallthrough',
  group: 'proxy',
  severity: 'warning',
  get summary() {
    return t`A GOPROXY entry fails, but "|" lets go fall through to the next one.`;
  },
  detect(input) {
    const network = input.network;
    if (!network) return [];
    const recordFor = recordFinder(network);
    const groups = new Map<string, { cause: ProbeCause; record: ProbeRecord; modules: string[]; entry: number }>();
    for (const v of network.modules) {
      for (const step of v.fetch.steps) {
        if (step.outcome !== 'error' || !step.fellThrough) continue;
        const record = recordFor(moduleAt(v), step.entry);
        if (!record || failedAtHttpProxy(record)) continue;
        const cause = classifyProbe(record, network.timeoutMs);
        const key = `${cause.cause}|${step.entry}`;
        const group = groups.get(key) ?? { cause, record, modules: [], entry: step.entry };
        group.modules.push(moduleAt(v));
        groups.set(key, group);
      }
    }
    const out: Finding[] = [];
    for (const { cause, record, modules, entry } of groups.values()) {
      const label = network.chain[entry]?.label ?? entryLabel(entry);
      out.push(
        makeFinding({
          id: cause.call?.scenario ?? cause.cause,
          rule: 'entry-failed-fallthrough',
          cause: cause.cause,
          severity: 'warning',
          group: cause.group,
          message:
            modules.length === 1
              ? t`${label} ${cause.headline} for ${modules[0] ?? ''}, but "|" after it lets go fall through to the next entry, so builds still work, only slower.`
              : t`${label} ${cause.headline} for ${modules.length} modules, but "|" after it lets go fall through to the next entry, so builds still work, only slower.`,
          evidence: [predictedGoError(`${modules[0] ?? ''}: ${record.outcome.kind === 'error' ? record.outcome.error : ''}`), ...probeEvidence(record, network.chain)],
          // The module still arrives through a later entry: only the entry's own fixes apply, none about the module.
          fixes: cause.call ? fixesFor({ ...cause.call, fields: { url: record.result.url, ...(cause.call.fields.host !== undefined ? { host: cause.call.fields.host } : {}) } }, input.env) : [],
          modules,
        }),
      );
    }
    return out;
  },
};
