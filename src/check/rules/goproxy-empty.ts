/**
 * goproxy-empty: GOPROXY holds only separators or spaces (or is empty where go.env should give the default),
 * so every download fails with "GOPROXY list is not the empty string, but contains no entries"
 * (go1.26 src/cmd/go/internal/modfetch/proxy.go:117-123).
 */
import { EMPTY_PROXY_LIST_ERROR } from '../../goenv/proxylist.js';
import type { CheckRule } from '../rule.js';
import { makeFinding, predictedGoError, valueEvidence } from '../rule-kit.js';
import { fixesFor } from '../scenario-call.js';
import { t } from '../../i18n/language.js';

export const goproxyEmpty: CheckRule = {
  id: 'goproxy-empty',
  group: 'config',
  severity: 'error',
  get summary() {
    return t`GOPROXY has no entries, so every module download fails.`;
  },
  detect(input) {
    const { env, proxyList: list } = input;
    if (list.ok || list.error !== EMPTY_PROXY_LIST_ERROR) return [];
    return [
      makeFinding({
        id: 'proxy-config-invalid',
        rule: 'goproxy-empty',
        severity: 'error',
        group: 'config',
        message: t`GOPROXY has no entries, so every module download fails before any request.`,
        evidence: [valueEvidence(env, 'GOPROXY'), predictedGoError(list.error)],
        fixes: fixesFor({ scenario: 'proxy-config-invalid', fields: {}, details: { kind: 'empty-list' } }, env),
      }),
    ];
  },
};
