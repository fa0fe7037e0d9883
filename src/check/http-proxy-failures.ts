/**
 * Requests that failed at the HTTP proxy go sends them through (HTTPS_PROXY/HTTP_PROXY), rather than
 * at the server they were meant for: the proxy could not be resolved or connected to, refused CONNECT,
 * asked for credentials (407), or is not the kind of proxy its URL says. One proxy that is down breaks
 * every request that goes through it, so the rule http-proxy-failed reports them together and the
 * rules about module fetches and the checksum database leave such requests out. Pure.
 */
import type { NetworkFacts } from './rule.js';
import type { ProbeRecord } from './verdict.js';

/** The request never reached its server because the HTTP proxy in front of it failed. */
export function failedAtHttpProxy(record: ProbeRecord): boolean {
  const r = record.result;
  if (record.outcome.kind !== 'error' || r.proxy?.url === undefined) return false;
  // A proxy kind the probe does not speak (socks5://) is not evaluated: nothing is known about it.
  if (r.phase === 'proxy') return r.notEvaluated === undefined;
  // An http:// request is forwarded by the proxy itself, which answers 407 for its own credentials.
  return r.proxy.used && r.status === 407;
}

/** Every failed request of one HTTP proxy, in report order. */
export interface HttpProxyFailure {
  proxyUrl: string;
  records: ProbeRecord[];
}

/** The probe records of every target (modules, the toolchain, the checksum database) that failed at an HTTP proxy, by proxy. */
export function httpProxyFailures(network: NetworkFacts): HttpProxyFailure[] {
  const sumdb = network.sumdb;
  // The checksum-database records may also be listed among the records; a Set counts each once.
  const all = new Set<ProbeRecord>([...network.records, ...(sumdb?.supported ?? []), ...(sumdb?.latest ? [sumdb.latest] : []), ...(sumdb?.lookups ?? [])]);
  const byProxy = new Map<string, ProbeRecord[]>();
  for (const record of all) {
    if (!failedAtHttpProxy(record)) continue;
    const url = record.result.proxy?.url ?? '';
    byProxy.set(url, [...(byProxy.get(url) ?? []), record]);
  }
  return [...byProxy].map(([proxyUrl, records]) => ({ proxyUrl, records }));
}
