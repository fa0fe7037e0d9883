/**
 * How a probe is shown as evidence: what was asked, what came back, how long each phase took, through
 * which HTTP proxy and with which credentials (their source, never the secret). Pure.
 */
import type { EndpointResult } from '../probe/endpoint.js';
import type { ChainEntry, ProbeTimings } from './types.js';
import type { ProbeRecord } from './verdict.js';
import { t } from '../i18n/language.js';

/** `dns 1.2 ms · connect 0.4 ms · tls 3.0 ms · http 2.1 ms · total 7.0 ms`. */
export function formatTimings(timings: ProbeTimings): string {
  const parts: string[] = [];
  for (const key of ['dns', 'connect', 'proxy', 'tls', 'http'] as const) {
    const v = timings[key];
    if (v !== undefined) parts.push(`${key} ${formatMs(v)}`);
  }
  parts.push(t`total ${formatMs(timings.total)}`);
  return parts.join(' · ');
}

/** Milliseconds with one decimal below 100 ms, whole above. */
export function formatMs(ms: number): string {
  return ms < 100 ? `${(Math.round(ms * 10) / 10).toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** A short account of a probe's answer: the status line, or which phase failed (the error itself is quoted elsewhere). */
export function probeAnswer(r: EndpointResult, contentErr?: string): string {
  if (r.ok) return contentErr !== undefined ? t`${r.status ?? 200} but unusable` : `${r.status ?? 200}`;
  if (r.timedOut) return t`no answer (${r.phase} phase, timed out)`;
  if (r.status !== undefined && r.phase === 'http') return `${r.status} ${r.statusText ?? ''}`.trim();
  return t`failed at the ${r.phase} phase`;
}

/** How a chain entry is named when the chain has no label for it. */
export function entryLabel(index: number): string {
  return t`entry ${index}`;
}

/** Evidence lines for one probe: what was asked, what came back, how long each phase took, and through what. */
export function probeEvidence(record: ProbeRecord, chain: readonly ChainEntry[]): string[] {
  const r = record.result;
  const where = record.entry !== undefined ? `${chain[record.entry]?.label ?? entryLabel(record.entry)}: ` : '';
  const answer = probeAnswer(r, record.contentError);
  const lines = [`${where}GET ${r.url} → ${answer} (${formatTimings(r.timings)})`];
  if (r.proxy?.used && r.proxy.url !== undefined) lines.push(r.proxy.source !== undefined ? t`through the HTTP proxy ${r.proxy.url} from ${r.proxy.source}` : t`through the HTTP proxy ${r.proxy.url}`);
  else if (r.proxy?.reason === 'no-proxy-match' && r.proxy.matchedEntry !== undefined) lines.push(t`not proxied: NO_PROXY entry "${r.proxy.matchedEntry}" matches`);
  if (r.tls) {
    const { subject, issuer } = r.tls;
    const from = r.tls.validFrom.slice(0, 10);
    const to = r.tls.validTo.slice(0, 10);
    lines.push(
      r.tls.verified
        ? t`TLS certificate: subject ${subject}; issuer ${issuer}; valid ${from} to ${to}; verifies against the roots go uses`
        : t`TLS certificate: subject ${subject}; issuer ${issuer}; valid ${from} to ${to}; does not verify against the roots go uses`,
    );
  }
  if (r.credentials) lines.push(r.credentials.source === 'netrc' ? t`sent credentials from .netrc (machine ${r.credentials.machine ?? '?'})` : t`sent credentials from the URL`);
  if (r.serverResponse !== undefined && r.serverResponse !== '' && !(r.goError ?? '').includes('server response:')) lines.push(t`server response: ${r.serverResponse.split('\n')[0] ?? ''}`);
  const lastRedirect = r.redirects[r.redirects.length - 1] ?? '';
  if (r.redirects.length === 1) lines.push(t`redirected ${r.redirects.length} time, last to ${lastRedirect}`);
  else if (r.redirects.length > 1) lines.push(t`redirected ${r.redirects.length} times, last to ${lastRedirect}`);
  if (r.notEvaluated !== undefined) lines.push(t`not evaluated: ${r.notEvaluated}`);
  return lines;
}

