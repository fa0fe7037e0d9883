/** invalid-toolchain-line: go.mod's `toolchain` line is not a toolchain name, so go cannot read go.mod (go1.26 src/cmd/vendor/golang.org/x/mod/modfile/rule.go:413). */
import { adviceFix } from '../../fix.js';
import type { CheckRule } from '../rule.js';
import { makeFinding } from '../rule-kit.js';
import { problemsOfKind, toolchainEvidence } from '../toolchain-evidence.js';
import { t } from '../../i18n/language.js';

export const invalidToolchainLine: CheckRule = {
  id: 'invalid-toolchain-line',
  group: 'toolchain',
  severity: 'error',
  get summary() {
    return t`The toolchain line of go.mod is not valid.`;
  },
  detect(input) {
    return problemsOfKind(input, 'invalid-toolchain-line').map((problem) =>
      makeFinding({
        id: 'toolchain-download',
        rule: 'invalid-toolchain-line',
        severity: 'error',
        group: 'toolchain',
        message: t`go.mod's toolchain line is not valid, so go cannot read go.mod.`,
        evidence: [...toolchainEvidence(input), problem.error],
        fixes: [adviceFix('gomod-toolchain-line', t`Write the toolchain line as go1.N.M or default.`, 'go mod edit -toolchain=<go1.N.M>')],
      }),
    );
  },
};
