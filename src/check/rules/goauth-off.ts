/** goauth-off: GOAUTH=off (Go 1.24+) sends no credentials at all, not even from .netrc. Said as information. */
import type { CheckRule } from '../rule.js';
import { makeFinding, valueEvidence } from '../rule-kit.js';
import { t } from '../../i18n/language.js';

export const goauthOff: CheckRule = {
  id: 'goauth-off',
  group: 'credentials',
  severity: 'info',
  get summary() {
    return t`GOAUTH=off: go sends no credentials.`;
  },
  detect(input) {
    const { env, goauth } = input;
    if (!goauth.goauthSupported || !goauth.off) return [];
    return [
      makeFinding({
        id: 'goauth-off',
        rule: 'goauth-off',
        severity: 'info',
        group: 'credentials',
        message: t`GOAUTH=off: go sends no credentials at all, not even from .netrc.`,
        evidence: [valueEvidence(env, 'GOAUTH')],
      }),
    ];
  },
};
