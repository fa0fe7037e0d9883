/**
 * direct-fetch-failed: a module go fetches straight from its repository (after GOPROXY's `direct`, or
 * through the hidden `noproxy` entry for a GONOPROXY/GOPRIVATE match) would fail: discovery, git
 * (credentials, TLS, DNS, a refused connection, a missing repository, a server error) or the version's
 * tag. Filed under the scenario explain gives go's text of the same failure, called with that scenario's
 * typed details (src/check/direct-findings.ts); GOVCS refusals and missing go-import tags have rules of
 * their own. The direct fetch mirrors go1.26 src/cmd/go/internal/modfetch/repo.go lookupDirect.
 */
import { joinSentences } from '../../fix.js';
import { moduleAt } from '../fetch-failures.js';
import { directFixes, directGroupKey, directHeadline, directRuleFor, directScenarioCall, failedDirectEvidence, failedDirectFetches, type DirectFailureCase } from '../direct-findings.js';
import type { CheckRule } from '../rule.js';
import { makeFinding } from '../rule-kit.js';
import type { Finding } from '../types.js';
import { directFailureKind } from '../verdict.js';
import { t } from '../../i18n/language.js';

export const directFetchFailed: CheckRule = {
  id: 'direct-fetch-failed',
  group: 'proxy',
  severity: 'error',
  get summary() {
    return t`A module go fetches directly from its repository would fail (discovery, git, or the version tag).`;
  },
  detect(input) {
    const network = input.network;
    if (!network) return [];
    const groups = new Map<string, DirectFailureCase[]>();
    for (const c of failedDirectFetches(network)) {
      if (directRuleFor(c.result) !== 'direct-fetch-failed') continue;
      const key = directGroupKey(c);
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    const out: Finding[] = [];
    for (const cases of groups.values()) {
      const first = cases[0] as DirectFailureCase;
      const modules = cases.map((c) => moduleAt(c.verdict));
      const entry = first.verdict.fetch.errorFrom ?? first.verdict.failedAt?.entry ?? first.verdict.fetch.stoppedAt;
      const label = network.chain[entry]?.label ?? 'direct';
      const call = directScenarioCall(first.result);
      const onlyDefault = cases.every((c) => c.probe.source === 'default');
      const headline = directHeadline(first, label);
      const failure = modules.length === 1 ? t`${modules[0] ?? ''} ${headline}.` : t`${modules.length} modules (${modules[0] ?? ''}, …) ${headline}.`;
      out.push(
        makeFinding({
          id: first.result.scenario ?? 'direct-fetch-failed',
          rule: 'direct-fetch-failed',
          cause: directFailureKind(first.result) ?? first.result.stage,
          severity: onlyDefault ? 'warning' : 'error',
          group: 'proxy',
          message: onlyDefault ? joinSentences(failure, t`(checked with the public module goproxy-doctor uses when no module is named and there is no go.mod)`) : failure,
          evidence: failedDirectEvidence(first.result),
          fixes: directFixes(first.result, call, input.env, input.roots),
          modules,
        }),
      );
    }
    return out;
  },
};
