/**
 * goauth-not-evaluated: GOAUTH runs commands (`git <dir>`, a helper) that goproxy-doctor does not run, so its
 * probes carry only .netrc credentials and a 401 it sees may not happen for go. Said as information.
 */
import type { CheckRule } from '../rule.js';
import { makeFinding, valueEvidence } from '../rule-kit.js';
import { t } from '../../i18n/language.js';

export const goauthNotEvaluated: CheckRule = {
  id: 'goauth-not-evaluated',
  group: 'credentials',
  severity: 'info',
  get summary() {
    return t`GOAUTH runs commands goproxy-doctor does not run.`;
  },
  detect(input) {
    const { env, goauth } = input;
    if (goauth.notEvaluated.length === 0) return [];
    return [
      makeFinding({
        id: 'goauth-not-evaluated',
        rule: 'goauth-not-evaluated',
        severity: 'info',
        group: 'credentials',
        message: t`GOAUTH runs ${goauth.notEvaluated.map((c) => JSON.stringify(c.text)).join(', ')}, which goproxy-doctor does not run: probes carry only .netrc credentials, so a 401 below may not happen for go.`,
        evidence: [valueEvidence(env, 'GOAUTH')],
      }),
    ];
  },
};
