/** toolchain-old-go: a go before 1.21 cannot switch toolchains and cannot read a go.mod written for 1.21+. */
import type { CheckRule } from '../rule.js';
import { makeFinding } from '../rule-kit.js';
import { fixesFor } from '../scenario-call.js';
import { problemsOfKind, toolchainEvidence } from '../toolchain-evidence.js';
import { t } from '../../i18n/language.js';

export const toolchainOldGo: CheckRule = {
  id: 'toolchain-old-go',
  group: 'toolchain',
  severity: 'error',
  get summary() {
    return t`This go predates toolchain switching and cannot read this go.mod.`;
  },
  detect(input) {
    const { env } = input;
    return problemsOfKind(input, 'old-go').map((problem) =>
      makeFinding({
        id: 'toolchain-download',
        rule: 'toolchain-old-go',
        severity: 'error',
        group: 'toolchain',
        message: t`${env.goVersion} predates toolchain switching and cannot read this go.mod.`,
        evidence: [...toolchainEvidence(input), problem.error],
        fixes: fixesFor({ scenario: 'toolchain-download', fields: {}, details: { kind: 'old-go' } }, env),
      }),
    );
  },
};
