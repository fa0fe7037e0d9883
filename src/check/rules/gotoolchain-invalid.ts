/** gotoolchain-invalid: a GOTOOLCHAIN value cmd/go rejects, so every go command fails at startup (go1.26 src/cmd/go/internal/toolchain/select.go:157-165,284). */
import type { CheckRule } from '../rule.js';
import { makeFinding, predictedGoError } from '../rule-kit.js';
import { fixesFor } from '../scenario-call.js';
import { problemsOfKind, toolchainEvidence } from '../toolchain-evidence.js';
import { t } from '../../i18n/language.js';

export const gotoolchainInvalid: CheckRule = {
  id: 'gotoolchain-invalid',
  group: 'toolchain',
  severity: 'error',
  get summary() {
    return t`GOTOOLCHAIN is invalid: every go command fails at startup.`;
  },
  detect(input) {
    const { env } = input;
    return problemsOfKind(input, 'invalid-gotoolchain').map((problem) =>
      makeFinding({
        id: 'toolchain-download',
        rule: 'gotoolchain-invalid',
        severity: 'error',
        group: 'toolchain',
        message: t`GOTOOLCHAIN is invalid: every go command fails at startup.`,
        evidence: [...toolchainEvidence(input), predictedGoError(problem.error)],
        fixes: fixesFor({ scenario: 'toolchain-download', fields: {}, details: { kind: 'invalid-gotoolchain', value: env.variables.GOTOOLCHAIN?.value ?? '' } }, env),
      }),
    );
  },
};
