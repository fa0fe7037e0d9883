/** toolchain-not-probed: go would switch toolchains, but the download could not be evaluated (a direct fetch, a skipped probe). */
import type { CheckRule } from '../rule.js';
import { makeFinding } from '../rule-kit.js';
import { toolchainFetch } from '../toolchain-fetch.js';
import { t } from '../../i18n/language.js';

export const toolchainNotProbed: CheckRule = {
  id: 'toolchain-not-probed',
  group: 'toolchain',
  severity: 'info',
  get summary() {
    return t`The toolchain go would switch to could not be checked for download.`;
  },
  detect(input) {
    const fetch = toolchainFetch(input);
    if (!fetch || fetch.verdict.result !== 'unknown') return [];
    return [
      makeFinding({
        id: 'toolchain-download',
        rule: 'toolchain-not-probed',
        severity: 'info',
        group: 'toolchain',
        message: t`go would switch to ${fetch.version}; its download (${fetch.module}) ${fetch.verdict.summary}.`,
        evidence: [fetch.verdict.summary],
      }),
    ];
  },
};
