/**
 * go-too-new: go.mod's go line is newer than the go that would run, and GOTOOLCHAIN does not let it switch
 * ("go.mod requires go >= …", go1.26 src/cmd/go/internal/gover/toolchain.go:84).
 */
import { goErrorLineEvidence } from '../go-error-line.js';
import type { CheckRule } from '../rule.js';
import { makeFinding } from '../rule-kit.js';
import { fixesFor } from '../scenario-call.js';
import { problemsOfKind, toolchainEvidence } from '../toolchain-evidence.js';
import { t } from '../../i18n/language.js';

export const goTooNew: CheckRule = {
  id: 'go-too-new',
  group: 'toolchain',
  severity: 'error',
  get summary() {
    return t`The go.mod file needs a newer Go than would run, and GOTOOLCHAIN forbids switching.`;
  },
  detect(input) {
    const { env, toolchain } = input;
    return problemsOfKind(input, 'too-new').map((problem) =>
      makeFinding({
        id: 'toolchain-download',
        rule: 'go-too-new',
        severity: 'error',
        group: 'toolchain',
        message: t`go.mod needs Go ${problem.required}, but go ${problem.running} would run and GOTOOLCHAIN does not let it switch.`,
        evidence: [...toolchainEvidence(input), goErrorLineEvidence(problem.error)],
        fixes: fixesFor(
          {
            scenario: 'toolchain-download',
            fields: { version: problem.required },
            details: { kind: 'too-new', required: problem.required, running: problem.running, gotoolchain: toolchain.gotoolchain },
          },
          env,
        ),
      }),
    );
  },
};
