/** goauth-ignored: GOAUTH is set for a go older than 1.24, which does not read it and uses .netrc only. */
import { goQuote } from '../../goenv/go-text.js';
import type { CheckRule } from '../rule.js';
import { makeFinding } from '../rule-kit.js';
import { t } from '../../i18n/language.js';

export const goauthIgnored: CheckRule = {
  id: 'goauth-ignored',
  group: 'credentials',
  severity: 'info',
  get summary() {
    return t`GOAUTH is set, but this go predates it.`;
  },
  detect(input) {
    const { env, goauth } = input;
    if (goauth.ignoredValue === undefined) return [];
    return [
      makeFinding({
        id: 'goauth-ignored',
        rule: 'goauth-ignored',
        severity: 'info',
        group: 'credentials',
        message: t`GOAUTH is set, but ${env.goVersion} predates it (Go 1.24): this go reads credentials from .netrc only.`,
        evidence: [`GOAUTH=${goQuote(goauth.ignoredValue)}`],
      }),
    ];
  },
};
