/** invalid-go-line: go.mod's `go` line is not a Go version, so go cannot read go.mod (go1.26 src/cmd/vendor/golang.org/x/mod/modfile/rule.go:396). */
import { adviceFix } from '../../fix.js';
import type { CheckRule } from '../rule.js';
import { makeFinding } from '../rule-kit.js';
import { problemsOfKind, toolchainEvidence } from '../toolchain-evidence.js';
import { t } from '../../i18n/language.js';

export const invalidGoLine: CheckRule = {
  id: 'invalid-go-line',
  group: 'toolchain',
  severity: 'error',
  get summary() {
    return t`The go line of go.mod is not valid.`;
  },
  detect(input) {
    return problemsOfKind(input, 'invalid-go-line').map((problem) =>
      makeFinding({
        id: 'toolchain-download',
        rule: 'invalid-go-line',
        severity: 'error',
        group: 'toolchain',
        message: t`go.mod's go line is not valid, so go cannot read go.mod.`,
        evidence: [...toolchainEvidence(input), problem.error],
        fixes: [adviceFix('gomod-go-line', t`Write the go line as 1.N or 1.N.M (for example 1.22 or 1.22.3).`, 'go mod edit -go=<version>')],
      }),
    );
  },
};
