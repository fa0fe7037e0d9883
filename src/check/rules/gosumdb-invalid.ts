/**
 * gosumdb-invalid: GOSUMDB cannot be parsed, so every module whose hash is not yet in go.sum fails
 * verification (go1.26 src/cmd/go/internal/modfetch/sumdb.go:89-144, dbDial).
 */
import type { CheckRule } from '../rule.js';
import { makeFinding, predictedGoError, valueEvidence } from '../rule-kit.js';
import { fixesFor } from '../scenario-call.js';
import { t } from '../../i18n/language.js';

export const gosumdbInvalid: CheckRule = {
  id: 'gosumdb-invalid',
  group: 'config',
  severity: 'error',
  get summary() {
    return t`GOSUMDB is invalid: verification fails for every new module.`;
  },
  detect(input) {
    const { env, sumdb } = input;
    if (sumdb.ok) return [];
    return [
      makeFinding({
        id: 'sumdb-lookup-failed',
        rule: 'gosumdb-invalid',
        severity: 'error',
        group: 'config',
        message: t`GOSUMDB is invalid: every module whose hash is not yet in go.sum fails verification.`,
        // go checks a module's go.mod before its zip, so the go.mod check is where it stops (go1.26 src/cmd/go/internal/modfetch/fetch.go:848-860).
        evidence: [valueEvidence(env, 'GOSUMDB'), predictedGoError(`verifying go.mod: ${sumdb.error}`)],
        fixes: fixesFor({ scenario: 'sumdb-lookup-failed', fields: {}, details: { kind: 'config', error: sumdb.error } }, env),
      }),
    ];
  },
};
