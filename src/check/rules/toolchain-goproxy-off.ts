/**
 * toolchain-goproxy-off: go would download a toolchain through GOPROXY, which is off, so the switch fails
 * with "toolchain not available" (go1.26 src/cmd/go/internal/toolchain/select.go:371).
 */
import type { CheckRule } from '../rule.js';
import { firstRealEntry, makeFinding, valueEvidence } from '../rule-kit.js';
import { fixesFor } from '../scenario-call.js';
import { toolchainEvidence } from '../toolchain-evidence.js';
import { t } from '../../i18n/language.js';

/** go's words for the failed switch (go1.26 src/cmd/go/internal/toolchain/select.go:371). */
const TOOLCHAIN_NOT_AVAILABLE = 'toolchain not available';

export const toolchainGoproxyOff: CheckRule = {
  id: 'toolchain-goproxy-off',
  group: 'toolchain',
  severity: 'error',
  get summary() {
    return t`A toolchain download is needed but GOPROXY=off.`;
  },
  detect(input) {
    const { env, toolchain, proxyList: list } = input;
    if (toolchain.action !== 'download' || toolchain.switchTo === undefined) return [];
    if (!list.ok || firstRealEntry(list.specs)?.kind !== 'off') return [];
    const version = toolchain.switchTo;
    return [
      makeFinding({
        id: 'toolchain-download',
        rule: 'toolchain-goproxy-off',
        severity: 'error',
        group: 'toolchain',
        message: t`go would download ${version} through GOPROXY, which is off: "${TOOLCHAIN_NOT_AVAILABLE}".`,
        evidence: [...toolchainEvidence(input), valueEvidence(env, 'GOPROXY')],
        fixes: fixesFor({ scenario: 'toolchain-download', fields: { version }, details: { kind: 'not-available', cause: 'goproxy-off' } }, env),
      }),
    ];
  },
};
