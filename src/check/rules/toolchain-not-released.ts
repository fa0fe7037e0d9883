/**
 * toolchain-not-released: no public proxy has the toolchain go.mod asks for, so that Go version does
 * not exist: go fails with "toolchain not available" (go1.23 src/cmd/go/internal/toolchain/select.go:341).
 */
import { probeEvidence } from '../probe-evidence.js';
import type { CheckRule } from '../rule.js';
import { isPublicProxyUrl, makeFinding, predictedGoError } from '../rule-kit.js';
import { fixesFor } from '../scenario-call.js';
import { toolchainFetch, toolchainNotFoundAnywhere } from '../toolchain-fetch.js';
import { t } from '../../i18n/language.js';

export const toolchainNotReleased: CheckRule = {
  id: 'toolchain-not-released',
  group: 'toolchain',
  severity: 'error',
  get summary() {
    return t`go.mod asks for a Go version that no public proxy has: it is not a release.`;
  },
  detect(input) {
    const fetch = toolchainFetch(input);
    if (!fetch || !toolchainNotFoundAnywhere(fetch)) return [];
    if (!fetch.verdict.fetch.steps.every((s) => isPublicProxyUrl(fetch.network.specs[s.entry]?.url))) return [];
    return [
      makeFinding({
        id: 'toolchain-download',
        rule: 'toolchain-not-released',
        severity: 'error',
        group: 'toolchain',
        message: t`go.mod asks for ${fetch.version}, which is not a Go release: no GOPROXY entry has ${fetch.module}, so the switch fails.`,
        evidence: [predictedGoError(`download ${fetch.version} for ${fetch.platform}: toolchain not available`), ...(fetch.record ? probeEvidence(fetch.record, fetch.network.chain) : [])],
        fixes: fixesFor({ scenario: 'toolchain-download', fields: { version: fetch.version }, details: { kind: 'not-available', cause: 'not-found' } }, input.env),
      }),
    ];
  },
};
