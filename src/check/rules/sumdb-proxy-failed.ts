/**
 * sumdb-proxy-failed: a GOPROXY entry answered `/sumdb/<name>/supported` with something other than
 * 200, 404 or 410, so go gives up on the checksum database, even after `|`
 * (go1.23 src/cmd/go/internal/modfetch/sumdb.go:177-215).
 */
import { setVariableFix, type Fix } from '../../fix.js';
import type { CheckRule, SumdbState } from '../rule.js';
import type { CheckInput } from '../rule.js';
import { failedAtHttpProxy } from '../http-proxy-failures.js';
import { sumdbUnreachableFinding } from '../sumdb-failures.js';
import type { ProbeRecord } from '../verdict.js';
import { t } from '../../i18n/language.js';

/**
 * Fixes for a proxy that fails `/sumdb/<name>/supported`: make it answer properly, or give GOSUMDB an
 * explicit URL, which makes go skip the question (go1.23 src/cmd/go/internal/modfetch/sumdb.go:177-190).
 */
function supportedFixes(input: CheckInput, state: SumdbState, record: ProbeRecord): Fix[] {
  const label = input.network?.chain[record.entry ?? 0]?.label;
  const current = input.env.variables.GOSUMDB?.value ?? input.env.goEnvJson.GOSUMDB ?? state.report.name;
  const fixes: Fix[] = [
    {
      id: 'fix-sumdb-supported',
      text:
        label !== undefined
          ? t`Fix ${label}: /sumdb/${state.report.name}/supported must answer 200 if it proxies the checksum database, or 404/410 so go moves on.`
          : t`Fix the proxy: /sumdb/${state.report.name}/supported must answer 200 if it proxies the checksum database, or 404/410 so go moves on.`,
      weakensSecurity: false,
    },
  ];
  if (!/\s/.test(current.trim())) {
    fixes.push(
      setVariableFix(
        'gosumdb-explicit-url',
        input.env,
        'GOSUMDB',
        `${current.trim()} https://${state.report.name}`,
        t`Or name the database's URL in GOSUMDB: go then reaches it there and never asks the proxies (verification stays as strong: same key).`,
      ),
    );
  }
  return fixes;
}

export const sumdbProxyFailed: CheckRule = {
  id: 'sumdb-proxy-failed',
  group: 'sumdb',
  severity: 'error',
  get summary() {
    return t`A GOPROXY entry fails the question whether it proxies the checksum database.`;
  },
  detect(input) {
    const network = input.network;
    const state = network?.sumdb;
    if (!network || !state || state.report.via !== 'error') return [];
    const from = state.supported.find((r) => r.outcome.kind === 'error' && !r.outcome.notExist && r.entry !== undefined && r.entry === (state.report.proxyEntry ?? r.entry));
    if (!from || failedAtHttpProxy(from)) return [];
    const label = network.chain[from.entry ?? 0]?.label;
    const what = label !== undefined ? t`${label}, asked for /sumdb/${state.report.name}/supported,` : t`The proxy, asked for /sumdb/${state.report.name}/supported,`;
    // Added right after "fails", so the English text carries its own space.
    const why = t` (go asks each GOPROXY entry whether it proxies the checksum database, and gives up on any answer but 200, 404 or 410, even after "|")`;
    return [sumdbUnreachableFinding(input, network, state, from, 'sumdb-proxy-failed', what, why, supportedFixes(input, state, from))];
  },
};
