/**
 * toolchain-path-only: go would switch toolchains, but GOTOOLCHAIN (`path`, `+path`) only lets it look in
 * PATH ("cannot find … in PATH", go1.26 src/cmd/go/internal/toolchain/select.go:354).
 */
import type { CheckRule } from '../rule.js';
import { makeFinding } from '../rule-kit.js';
import { fixesFor } from '../scenario-call.js';
import { problemsOfKind, toolchainEvidence } from '../toolchain-evidence.js';
import { t } from '../../i18n/language.js';

export const toolchainPathOnly: CheckRule = {
  id: 'toolchain-path-only',
  group: 'toolchain',
  severity: 'warning',
  get summary() {
    return t`Go would switch toolchains but may only look in PATH.`;
  },
  detect(input) {
    const { env } = input;
    return problemsOfKind(input, 'path-only').map((problem) =>
      makeFinding({
        id: 'toolchain-download',
        rule: 'toolchain-path-only',
        severity: 'warning',
        group: 'toolchain',
        message: t`go would switch to ${problem.toolchain} but GOTOOLCHAIN only allows looking in PATH: without a ${problem.toolchain} binary there, go fails with "${`cannot find \\"${problem.toolchain}\\" in PATH`}".`,
        evidence: toolchainEvidence(input),
        fixes: fixesFor({ scenario: 'toolchain-download', fields: { version: problem.toolchain }, details: { kind: 'not-in-path' } }, env),
      }),
    );
  },
};
