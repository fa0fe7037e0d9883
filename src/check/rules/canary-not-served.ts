/**
 * canary-not-served: with no module named and no go.mod, `check` asks for a public module; a proxy that
 * serves only an organisation's own modules rightly answers "not found". Said as information, with the
 * way to check a module that proxy should serve.
 */
import { adviceFix } from '../../fix.js';
import { fetchFailureGroups, moduleAt } from '../fetch-failures.js';
import { entryLabel, probeEvidence } from '../probe-evidence.js';
import type { CheckRule } from '../rule.js';
import { makeFinding, predictedGoError } from '../rule-kit.js';
import type { Finding, ModuleVerdict } from '../types.js';
import { t } from '../../i18n/language.js';

export const canaryNotServed: CheckRule = {
  id: 'canary-not-served',
  group: 'proxy',
  severity: 'info',
  get summary() {
    return t`A private proxy does not serve the public module checked when nothing else was named.`;
  },
  detect(input) {
    const network = input.network;
    if (!network) return [];
    const out: Finding[] = [];
    for (const group of fetchFailureGroups(network)) {
      if (!group.canaryOnly) continue;
      const label = network.chain[group.entry]?.label ?? entryLabel(group.entry);
      const first = group.verdicts[0] as ModuleVerdict;
      const modules = group.verdicts.map(moduleAt);
      const error = first.fetch.error ?? (group.record.outcome.kind === 'error' ? group.record.outcome.error : '');
      out.push(
        makeFinding({
          id: 'canary-not-served',
          rule: 'canary-not-served',
          cause: group.cause.cause,
          severity: 'info',
          group: group.cause.group,
          message: t`${label} does not serve the public module ${modules[0] ?? ''} (it ${group.cause.headline}): fine if it only serves your own modules. No module was named and there is no go.mod, so nothing else was checked.`,
          evidence: [predictedGoError(`${modules[0] ?? ''}: ${error}`), ...probeEvidence(group.record, network.chain)],
          fixes: [adviceFix('check-named-module', t`Check a module this proxy should serve.`, 'goproxy-doctor check --module <module>@<version>')],
          modules,
        }),
      );
    }
    return out;
  },
};
