/**
 * toolchain-download-failed: downloading the toolchain module fails on the network, a proxy or the
 * server: the failing layer's fixes first, then the toolchain's own.
 */
import { failedAtHttpProxy } from '../http-proxy-failures.js';
import { classifyProbe } from '../probe-cause.js';
import { probeEvidence } from '../probe-evidence.js';
import type { CheckRule } from '../rule.js';
import { makeFinding, predictedGoError } from '../rule-kit.js';
import { fixesFor } from '../scenario-call.js';
import { toolchainFetch, toolchainNotFoundAnywhere } from '../toolchain-fetch.js';
import { t } from '../../i18n/language.js';

export const toolchainDownloadFailed: CheckRule = {
  id: 'toolchain-download-failed',
  group: 'toolchain',
  severity: 'error',
  get summary() {
    return t`Downloading the toolchain go would switch to fails.`;
  },
  detect(input) {
    const fetch = toolchainFetch(input);
    if (!fetch || fetch.verdict.result !== 'fail' || fetch.verdict.failedAt?.stage === 'verify' || toolchainNotFoundAnywhere(fetch) || !fetch.record || failedAtHttpProxy(fetch.record)) return [];
    const record = fetch.record;
    const cause = classifyProbe(record, fetch.network.timeoutMs);
    return [
      makeFinding({
        id: cause.call?.scenario ?? cause.cause,
        rule: 'toolchain-download-failed',
        cause: cause.cause,
        severity: 'error',
        group: 'toolchain',
        message: t`go would download ${fetch.version} through ${fetch.network.chain[fetch.entry]?.label ?? 'GOPROXY'}, which ${cause.headline}: the switch fails.`,
        evidence: [predictedGoError(`download ${fetch.version}: ${fetch.module}: ${record.outcome.kind === 'error' ? record.outcome.error : ''}`), ...probeEvidence(record, fetch.network.chain)],
        fixes: [
          ...(cause.call ? fixesFor({ ...cause.call, fields: { url: record.result.url, ...(cause.call.fields.host !== undefined ? { host: cause.call.fields.host } : {}) } }, input.env) : []),
          ...fixesFor({ scenario: 'toolchain-download', fields: { version: fetch.version }, details: { kind: 'download-failed' } }, input.env),
        ],
      }),
    ];
  },
};
