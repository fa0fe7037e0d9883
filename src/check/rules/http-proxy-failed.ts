/**
 * http-proxy-failed: the HTTP proxy go sends its requests through (HTTPS_PROXY/HTTP_PROXY, chosen by
 * Go's rules: go1.26 src/vendor/golang.org/x/net/http/httpproxy/proxy.go) fails them before they reach
 * any server: it cannot be resolved or connected to, refuses CONNECT, wants credentials (407), or is not
 * the kind of proxy its URL says. That one cause breaks module fetches, the toolchain download and the
 * checksum database alike, so it is one finding listing what it breaks, with the HTTP proxy's fixes; the
 * rules about those targets leave its requests out.
 */
import { moduleAt } from '../fetch-failures.js';
import { httpProxyFailures } from '../http-proxy-failures.js';
import { classifyProbe } from '../probe-cause.js';
import { probeEvidence } from '../probe-evidence.js';
import type { CheckRule, NetworkFacts } from '../rule.js';
import { makeFinding, plural, predictedGoError } from '../rule-kit.js';
import { fixesFor } from '../scenario-call.js';
import type { Finding } from '../types.js';
import type { ProbeRecord } from '../verdict.js';
import { t } from '../../i18n/language.js';

/** Whether what failed at the proxy makes the build fail: a module whose walk fails there, or a checksum database every needed lookup depends on. */
function breaksTheBuild(network: NetworkFacts, records: readonly ProbeRecord[]): boolean {
  const failedModules = new Set(records.filter((r) => r.target === 'module' || r.target === 'toolchain').map((r) => r.module));
  const moduleFails = network.modules.some((v) => v.result === 'fail' && v.failedAt?.stage === 'fetch' && failedModules.has(moduleAt(v)));
  const sumdb = network.sumdb;
  const sumdbFails = sumdb !== undefined && sumdb.report.needed && (records.some((r) => r.target === 'sumdb-latest' || r.target === 'sumdb-supported') || network.modules.some((v) => v.failedAt?.stage === 'verify'));
  return moduleFails || sumdbFails;
}

export const httpProxyFailed: CheckRule = {
  id: 'http-proxy-failed',
  group: 'credentials',
  severity: 'error',
  get summary() {
    return t`The HTTP proxy fails every request go sends through it.`;
  },
  detect(input) {
    const network = input.network;
    if (!network) return [];
    const out: Finding[] = [];
    for (const { proxyUrl, records } of httpProxyFailures(network)) {
      const first = records.find((r) => r.target === 'module' || r.target === 'toolchain') ?? (records[0] as ProbeRecord);
      const cause = classifyProbe(first, network.timeoutMs);
      const source = first.result.proxy?.source;
      const modules = [...new Set(records.filter((r) => (r.target === 'module' || r.target === 'toolchain') && r.module !== undefined).map((r) => r.module as string))];
      const sumdbPaths = [...new Set(records.filter((r) => r.target.startsWith('sumdb-')).map((r) => r.target.slice('sumdb-'.length)))];
      const affected: string[] = [];
      if (modules.length > 0) affected.push(plural(modules.length, t`the fetch of ${modules.join(', ')}`, t`the fetches of ${modules.length} modules (${modules.join(', ')})`));
      if (sumdbPaths.length > 0 && network.sumdb) affected.push(t`the checksum database ${network.sumdb.report.name} (${sumdbPaths.map((p) => `/${p}`).join(', ')})`);
      const reason = first.result.errorText ?? (first.outcome.kind === 'error' ? first.outcome.error : '');
      const fromWhere = source !== undefined ? t`The HTTP proxy ${proxyUrl} (from ${source})` : t`The HTTP proxy ${proxyUrl}`;
      const severity = breaksTheBuild(network, records) ? 'error' : 'warning';
      const evidenceRecords = [first, ...records.filter((r) => r !== first && r.target.startsWith('sumdb-')).slice(0, 1)];
      out.push(
        makeFinding({
          id: cause.call?.scenario ?? 'http-proxy-env',
          rule: 'http-proxy-failed',
          cause: cause.cause,
          severity,
          group: 'credentials',
          message: t`${fromWhere} fails every request go sends through it (${reason}); this breaks ${affected.join(t` and `)}.`,
          evidence: [
            ...(first.module !== undefined && first.outcome.kind === 'error' ? [predictedGoError(`${first.module}: ${first.outcome.error}`)] : []),
            ...evidenceRecords.flatMap((r) => probeEvidence(r, network.chain)),
          ],
          fixes: cause.call ? fixesFor(cause.call, input.env) : [],
          ...(modules.length > 0 ? { modules } : {}),
        }),
      );
    }
    return out;
  },
};
