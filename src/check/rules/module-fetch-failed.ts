/**
 * module-fetch-failed: a module the build needs cannot be fetched through the GOPROXY chain. One finding
 * per cause and entry, filed under the scenario that explains go's error for the same failure, with
 * that scenario's fixes and, where the entry's `,` is what stops go, the `|` that would let it move on
 * (go1.23 src/cmd/go/internal/modfetch/proxy.go:139-185, TryProxies).
 */
import { joinSentences, setVariableFix } from '../../fix.js';
import { fetchFailureGroups, moduleAt } from '../fetch-failures.js';
import { goproxyWithPipeAfter } from '../goproxy-corrections.js';
import { entryLabel, probeEvidence } from '../probe-evidence.js';
import type { CheckRule } from '../rule.js';
import { makeFinding, predictedGoError } from '../rule-kit.js';
import { fixesFor } from '../scenario-call.js';
import type { Finding, ModuleVerdict } from '../types.js';
import { t } from '../../i18n/language.js';

export const moduleFetchFailed: CheckRule = {
  id: 'module-fetch-failed',
  group: 'proxy',
  severity: 'error',
  get summary() {
    return t`A module the build needs cannot be fetched through the GOPROXY chain.`;
  },
  detect(input) {
    const network = input.network;
    if (!network) return [];
    const out: Finding[] = [];
    for (const group of fetchFailureGroups(network)) {
      if (group.canaryOnly) continue;
      const { cause, record, verdicts, entry } = group;
      const first = verdicts[0] as ModuleVerdict;
      const label = network.chain[entry]?.label ?? entryLabel(entry);
      const modules = verdicts.map(moduleAt);
      const onlyDefault = verdicts.every((v) => v.source === 'default');
      const fixes = cause.call ? fixesFor(cause.call, input.env) : [];
      const number = network.chain[entry]?.number;
      const spec = network.specs[entry];
      // "|" helps only if the next entries can succeed where this one failed; a request that failed below
      // HTTP on its way through the HTTP proxy (TLS interception, a timeout) fails the same way for them,
      // `direct` included, since go sends those through the same proxy.
      const failedInsideHttpProxy = record.result.proxy?.used === true && record.result.status === undefined;
      if (first.fetch.stoppedAt === entry && !group.notFound && !failedInsideHttpProxy && spec !== undefined && !spec.fallBackOnError && entry < network.specs.length - 1 && number !== undefined) {
        const goproxy = input.env.variables.GOPROXY?.value ?? input.env.goEnvJson.GOPROXY ?? '';
        const piped = goproxyWithPipeAfter(goproxy, number);
        if (piped !== undefined && !fixes.some((f) => f.command?.includes(piped))) {
          fixes.splice(
            Math.min(1, fixes.length),
            0,
            setVariableFix('goproxy-pipe-after-entry', input.env, 'GOPROXY', piped, t`Write "|" instead of "," after ${label} so go tries the next entry when this one fails with anything, not only 404/410.`),
          );
        }
      }
      const error = first.fetch.error ?? (record.outcome.kind === 'error' ? record.outcome.error : '');
      const failure =
        modules.length === 1
          ? t`${modules[0] ?? ''} would fail at ${label}, which ${cause.headline}; ${group.why}.`
          : t`${modules.length} modules would fail at ${label}, which ${cause.headline}; ${group.why}.`;
      const canaryNote = t`(checked with the public module goproxy-doctor uses when no module is named and there is no go.mod)`;
      out.push(
        makeFinding({
          id: cause.call?.scenario ?? cause.cause,
          rule: 'module-fetch-failed',
          cause: cause.cause,
          severity: 'error',
          group: cause.group,
          message: onlyDefault ? joinSentences(failure, canaryNote) : failure,
          evidence: [predictedGoError(`${modules[0] ?? ''}: ${error}`), ...probeEvidence(record, network.chain)],
          fixes,
          modules,
        }),
      );
    }
    return out;
  },
};
