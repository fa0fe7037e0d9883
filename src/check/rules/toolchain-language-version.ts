/**
 * toolchain-language-version: go would switch to a language version (go1.22), which is not a release and
 * has no download (go1.26 src/cmd/go/internal/toolchain/select.go:369).
 */
import { goErrorLineEvidence } from '../go-error-line.js';
import type { CheckRule } from '../rule.js';
import { makeFinding } from '../rule-kit.js';
import { fixesFor } from '../scenario-call.js';
import { problemsOfKind, toolchainEvidence } from '../toolchain-evidence.js';
import { t } from '../../i18n/language.js';

export const toolchainLanguageVersion: CheckRule = {
  id: 'toolchain-language-version',
  group: 'toolchain',
  severity: 'error',
  get summary() {
    return t`The toolchain go would switch to is a language version, not a release.`;
  },
  detect(input) {
    const { env } = input;
    return problemsOfKind(input, 'language-version').map((problem) =>
      makeFinding({
        id: 'toolchain-download',
        rule: 'toolchain-language-version',
        severity: 'error',
        group: 'toolchain',
        message: t`${problem.toolchain} is a language version, not a release, so there is nothing to download.`,
        evidence: [...toolchainEvidence(input), goErrorLineEvidence(problem.error)],
        fixes: fixesFor({ scenario: 'toolchain-download', fields: { version: problem.toolchain }, details: { kind: 'language-version' } }, env),
      }),
    );
  },
};
