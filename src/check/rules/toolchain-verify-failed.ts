/**
 * toolchain-verify-failed: the toolchain module downloads, but verifying it against the checksum
 * database fails; toolchains are always verified (go1.23 src/cmd/go/internal/modfetch/sumdb.go:36-65).
 */
import type { CheckRule } from '../rule.js';
import { makeFinding } from '../rule-kit.js';
import { fixesFor } from '../scenario-call.js';
import { toolchainFetch } from '../toolchain-fetch.js';
import { t } from '../../i18n/language.js';

export const toolchainVerifyFailed: CheckRule = {
  id: 'toolchain-verify-failed',
  group: 'toolchain',
  severity: 'error',
  get summary() {
    return t`The toolchain go would switch to downloads but fails verification.`;
  },
  detect(input) {
    const fetch = toolchainFetch(input);
    if (!fetch || fetch.verdict.result !== 'fail' || fetch.verdict.failedAt?.stage !== 'verify') return [];
    return [
      makeFinding({
        id: 'toolchain-download',
        rule: 'toolchain-verify-failed',
        severity: 'error',
        group: 'toolchain',
        message: t`go would download ${fetch.version}, but verifying it against the checksum database fails (toolchains are always verified): ${fetch.verdict.verify?.error ?? ''}`,
        evidence: [fetch.verdict.summary],
        fixes: fixesFor({ scenario: 'toolchain-download', fields: { version: fetch.version }, details: { kind: 'download-failed' } }, input.env),
      }),
    ];
  },
};
