/**
 * toolchain-not-available: no GOPROXY entry has the toolchain module; with a private proxy in the chain
 * that may be the proxy not serving toolchains rather than a version that does not exist.
 */
import { probeEvidence } from '../probe-evidence.js';
import type { CheckRule } from '../rule.js';
import { isPublicProxyUrl, makeFinding, predictedGoError } from '../rule-kit.js';
import { fixesFor } from '../scenario-call.js';
import { toolchainFetch, toolchainNotFoundAnywhere } from '../toolchain-fetch.js';
import { t } from '../../i18n/language.js';

export const toolchainNotAvailable: CheckRule = {
  id: 'toolchain-not-available',
  group: 'toolchain',
  severity: 'error',
  get summary() {
    return t`No GOPROXY entry serves the toolchain go would switch to.`;
  },
  detect(input) {
    const fetch = toolchainFetch(input);
    if (!fetch || !toolchainNotFoundAnywhere(fetch)) return [];
    if (fetch.verdict.fetch.steps.every((s) => isPublicProxyUrl(fetch.network.specs[s.entry]?.url))) return [];
    return [
      makeFinding({
        id: 'toolchain-download',
        rule: 'toolchain-not-available',
        severity: 'error',
        group: 'toolchain',
        message: t`No GOPROXY entry has ${fetch.module}: either ${fetch.version} is not a Go release or these proxies do not serve toolchains, so the switch fails.`,
        evidence: [predictedGoError(`download ${fetch.version} for ${fetch.platform}: toolchain not available`), ...(fetch.record ? probeEvidence(fetch.record, fetch.network.chain) : [])],
        fixes: fixesFor({ scenario: 'toolchain-download', fields: { version: fetch.version }, details: { kind: 'not-available', cause: 'not-found' } }, input.env),
      }),
    ];
  },
};
