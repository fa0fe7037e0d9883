/**
 * How a probe is shown as evidence: what was asked, what came back, how long each phase took, through
 * which HTTP proxy and with which credentials (their source, never the secret). Pure.
 */
import type { EndpointResult } from '../probe/endpoint.js';
import type { ChainEntry, ProbeTimings } from './types.js';
import type { ProbeRecord } from './verdict.js';

/** `dns 1.2 ms · connect 0.4 ms · tls 3.0 ms · http 2.1 ms · total 7.0 ms`. */
export function formatTimings(t: ProbeTimings): string {
  const parts: string[] = [];
  for (const key of ['dns', 'connect', 'proxy', 'tls', 'http'] as const) {
    const v = t[key];
    if (v !== undefined) parts.push(`${key} ${formatMs(v)}`);
  }
  parts.push(`total ${formatMs(t.total)}`);
  return parts.join(' · ');
}

/** Milliseconds with one decimal below 100 ms, whole above. */
export function formatMs(ms: number): string {
  return ms < 100 ? `${(Math.round(ms * 10) / 10).toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** A short account of a probe's answer: the status line, or which phase failed (the error itself is quoted elsewhere). */
export function probeAnswer(r: EndpointResult, contentErr?: string): string {
  if (r.ok) return `${r.status ?? 200}${contentErr !== undefined ? ' but unusable' : ''}`;
  if (r.timedOut) return `no answer (${r.phase} phase, timed out)`;
  if (r.status !== undefined && r.phase === 'http') return `${r.status} ${r.statusText ?? ''}`.trim();
  return `failed at the ${r.phase} phase`;
}

/** Evidence lines for one probe: what was asked, what came back, how long each phase took, and through what. */
export function probeEvidence(record: ProbeRecord, chain: readonly ChainEntry[]): string[] {
  const r = record.result;
  const where = record.entry !== undefined ? `${chain[record.entry]?.label ?? `entry ${record.entry}`}: ` : '';
  const answer = probeAnswer(r, record.contentError);
  const lines = [`${where}GET ${r.url} → ${answer} (${formatTimings(r.timings)})`];
  if (r.proxy?.used && r.proxy.url !== undefined) lines.push(`through the HTTP proxy ${r.proxy.url}${r.proxy.source !== undefined ? ` from ${r.proxy.source}` : ''}`);
  else if (r.proxy?.reason === 'no-proxy-match' && r.proxy.matchedEntry !== undefined) lines.push(`not proxied: NO_PROXY entry "${r.proxy.matchedEntry}" matches`);
  if (r.tls) {
    lines.push(
      `TLS certificate: subject ${r.tls.subject}; issuer ${r.tls.issuer}; valid ${r.tls.validFrom.slice(0, 10)} to ${r.tls.validTo.slice(0, 10)}; ${r.tls.verified ? 'verifies against the roots go uses' : 'does not verify against the roots go uses'}`,
    );
  }
  if (r.credentials) lines.push(r.credentials.source === 'netrc' ? `sent credentials from .netrc (machine ${r.credentials.machine ?? '?'})` : 'sent credentials from the URL');
  if (r.serverResponse !== undefined && r.serverResponse !== '' && !(r.goError ?? '').includes('server response:')) lines.push(`server response: ${r.serverResponse.split('\n')[0] ?? ''}`);
  if (r.redirects.length > 0) lines.push(`redirected ${r.redirects.length} time${r.redirects.length === 1 ? '' : 's'}, last to ${r.redirects[r.redirects.length - 1] ?? ''}`);
  if (r.notEvaluated !== undefined) lines.push(`not evaluated: ${r.notEvaluated}`);
  return lines;
}

