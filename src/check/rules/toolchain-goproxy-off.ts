/**
 * toolchain-goproxy-off: go would download a toolchain through GOPROXY, which is off, so the switch fails
 * with "toolchain not available" (go1.26 src/cmd/go/internal/toolchain/select.go:371).
 */
import type { CheckRule } from '../rule.js';
import { firstRealEntry, makeFinding, valueEvidence } from '../rule-kit.js';
import { fixesFor } from '../scenario-call.js';
import { toolchainEvidence } from '../toolchain-evidence.js';

export const toolchainGoproxyOff: CheckRule = {
  id: 'toolchain-goproxy-off',
  group: 'toolchain',
  severity: 'error',
  summary: 'A toolchain download is needed but GOPROXY=off.',
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
        message: `go would download ${version} through GOPROXY, which is off: "toolchain not available".`,
        evidence: [...toolchainEvidence(input), valueEvidence(env, 'GOPROXY')],
        fixes: fixesFor({ scenario: 'toolchain-download', fields: { version }, details: { kind: 'not-available', cause: 'goproxy-off' } }, env),
      }),
    ];
  },
};
