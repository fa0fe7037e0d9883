/** goauth-invalid: GOAUTH (Go 1.24+) that cmd/go rejects at its first https request (go1.26 src/cmd/go/internal/auth/auth.go:55-100). */
import { unsetVariableFix } from '../../fix.js';
import { goErrorLineEvidence } from '../go-error-line.js';
import type { CheckRule } from '../rule.js';
import { makeFinding, valueEvidence } from '../rule-kit.js';
import { t } from '../../i18n/language.js';

export const goauthInvalid: CheckRule = {
  id: 'goauth-invalid',
  group: 'credentials',
  severity: 'error',
  get summary() {
    return t`GOAUTH is invalid: go stops at its first https request.`;
  },
  detect(input) {
    const { env, goauth } = input;
    if (goauth.error === undefined) return [];
    return [
      makeFinding({
        id: 'auth-required',
        rule: 'goauth-invalid',
        severity: 'error',
        group: 'credentials',
        message: t`GOAUTH is invalid: go stops at its first https request.`,
        evidence: [valueEvidence(env, 'GOAUTH'), goErrorLineEvidence(goauth.error)],
        fixes: [unsetVariableFix('goauth-unset', env, 'GOAUTH', t`Remove GOAUTH to get the default (netrc); \`off\` must stand alone, and \`git\` needs one absolute directory.`)],
      }),
    ];
  },
};
