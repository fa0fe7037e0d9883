/**
 * Fixes ranked by the failing layer, and checksum-database advice that fits the database go asks:
 * - a request that fails below HTTP on its way through the HTTP proxy (TLS interception) gets no
 *   "write | instead of ," fix, because the next entries (direct included) go through the same proxy;
 * - a checksum-database failure at a network layer (TLS) leads with that layer's fixes;
 * - a database that answers "not found" to everything (its tree head, or every module, public ones
 *   included) is reported as broken, never as proof that modules are private (no GONOSUMDB advice);
 * - with GOSUMDB's explicit URL, suggested commands use that URL (scheme, port, path).
 */
import { moduleFetchFailed } from '../../../src/check/rules/module-fetch-failed.js';
import { sumdbLookupError } from '../../../src/check/rules/sumdb-lookup-error.js';
import { sumdbNotFound } from '../../../src/check/rules/sumdb-not-found.js';
import { sumdbProxyFailed } from '../../../src/check/rules/sumdb-proxy-failed.js';
import { sumdbUnreachable } from '../../../src/check/rules/sumdb-unreachable.js';
import type { SumdbState } from '../../../src/check/rule.js';
import type { CanaryModule } from '../../../src/check/types.js';
import type { EndpointResult } from '../../../src/probe/endpoint.js';
import { sumdbLookupFailed } from '../../../src/scenarios/sumdb-lookup-failed.js';
import { networkInput } from '../../i18n/check-rule-inputs.js';
import { A, HELLO, infoUrl, record, result, statusResult } from '../network-support.js';
import { goEnv } from '../../scenarios/support.js';

const TEXT: CanaryModule = { path: 'golang.org/x/text', version: 'v0.14.0', source: 'go.mod' };
const PRIVATE: CanaryModule = { path: 'git.corp.example.com/team/lib', version: 'v0.1.0', source: 'go.mod' };
const SUMDB = 'sum.golang.org';

/** A TLS failure: go does not trust the certificate (an intercepting proxy's, for instance). */
function untrusted(url: string, viaProxy: boolean): EndpointResult {
  return result({
    url,
    phase: 'tls',
    errorText: 'tls: failed to verify certificate: x509: certificate signed by unknown authority',
    failure: { phase: 'tls', certificate: 'unknown-authority' },
    ...(viaProxy ? { proxy: { used: true, reason: 'proxied' as const, url: 'http://10.0.0.1:3128', source: 'HTTPS_PROXY' } } : {}),
  });
}

const ids = (fixes: ReadonlyArray<{ id: string }>): string[] => fixes.map((f) => f.id);

describe('module-fetch-failed: "|" is offered only where the next entries can do better', () => {
  test.each([
    [false, true],
    [true, false],
  ])('TLS failure, through the HTTP proxy: %s → pipe fix offered: %s', (viaProxy, offered) => {
    const input = networkInput(`${A},direct`, [{ canary: HELLO, answers: [[0, untrusted(infoUrl(A), viaProxy)]] }]);
    const [finding] = moduleFetchFailed.detect(input);
    expect(finding?.rule).toBe('module-fetch-failed');
    expect(ids(finding?.fixes ?? []).includes('goproxy-pipe-after-entry')).toBe(offered);
  });
});

function sumdbState(over: Partial<SumdbState>): SumdbState {
  return { report: { name: SUMDB, via: 'proxy', proxyEntry: 0, needed: true, neededBy: ['example.com/hello@v1.0.0'] }, supported: [], lookups: [], ...over };
}

describe('checksum database: the failing layer first', () => {
  test('/supported fails the TLS handshake: the certificate fixes lead, the database advice follows', () => {
    const supported = record(0, '', untrusted(`${A}/sumdb/${SUMDB}/supported`, false), 'sumdb-supported');
    const state = sumdbState({ report: { name: SUMDB, via: 'error', proxyEntry: 0, needed: true, neededBy: ['example.com/hello@v1.0.0'] }, supported: [supported] });
    const input = networkInput(A, [{ canary: HELLO, answers: [[0, statusResult(infoUrl(A), 200, 'OK')]] }], { network: { sumdb: state } });
    const [finding] = sumdbProxyFailed.detect(input);
    const order = ids(finding?.fixes ?? []);
    expect(order.indexOf('fix-sumdb-supported')).toBeGreaterThan(0);
    expect(finding?.fixes[0]?.text).toMatch(/certificate|CA/);
  });
});

describe('checksum database answering "not found" everywhere', () => {
  const lookup = (c: CanaryModule, status: number) =>
    record(0, `${c.path}@${c.version ?? ''}`, statusResult(`${A}/sumdb/${SUMDB}/lookup/${c.path}@${c.version ?? ''}`, status, status === 404 ? 'Not Found' : 'Gone'), 'sumdb-lookup');
  const inputWith = (lookups: ReturnType<typeof lookup>[], latest?: ReturnType<typeof lookup>) =>
    networkInput(A, [
      { canary: HELLO, answers: [[0, statusResult(infoUrl(A), 200, 'OK')]] },
      { canary: TEXT, answers: [[0, statusResult(infoUrl(A), 200, 'OK')]] },
    ], { network: { sumdb: sumdbState({ lookups, ...(latest ? { latest } : {}) }) } });

  test('every module asked, public ones included: a broken database, without GONOSUMDB advice', () => {
    const input = inputWith([lookup(HELLO, 404), lookup(TEXT, 404)]);
    expect(sumdbNotFound.detect(input)).toEqual([]);
    const [finding] = sumdbLookupError.detect(input);
    expect(finding?.message).toMatch(/for every module asked \(example\.com\/hello@v1\.0\.0, golang\.org\/x\/text@v0\.14\.0\), public ones included/);
    expect(ids(finding?.fixes ?? [])).toEqual(['gosumdb-check-database']);
  });

  test('its own signed tree head "not found": broken, whatever the module', () => {
    const latest = record(0, '', statusResult(`${A}/sumdb/${SUMDB}/latest`, 404, 'Not Found'), 'sumdb-latest');
    const input = networkInput(A, [{ canary: PRIVATE, answers: [[0, statusResult(infoUrl(A), 200, 'OK')]] }], { network: { sumdb: sumdbState({ latest }) } });
    const [finding] = sumdbUnreachable.detect(input);
    expect(ids(finding?.fixes ?? [])).toContain('gosumdb-check-database');
    expect(ids(finding?.fixes ?? []).some((id) => id.startsWith('gonosumdb') || id.startsWith('goprivate'))).toBe(false);
  });

  test('one private-looking module "not found" while the database works: the private-module advice', () => {
    const input = networkInput(A, [{ canary: PRIVATE, answers: [[0, statusResult(infoUrl(A), 200, 'OK')]] }], {
      network: { sumdb: sumdbState({ lookups: [lookup(PRIVATE, 404)] }) },
    });
    const [finding] = sumdbNotFound.detect(input);
    expect(ids(finding?.fixes ?? [])).toContain('gonosumdb-add');
  });
});

describe('GOSUMDB with an explicit URL', () => {
  const diagnosis = (database?: string) => ({
    scenario: 'sumdb-lookup-failed' as const,
    confidence: 0.8,
    fields: { module: 'example.com/hello', version: 'v1.0.0' },
    evidence: '',
    details: { kind: 'server-error' as const, ...(database !== undefined ? { database } : {}) },
  });

  test('the suggested request goes to that URL (scheme, port, path); the sum.golang.org mirror is not offered', () => {
    const env = goEnv({ GOSUMDB: 'sum.golang.org https://sumdb.corp.example:8443/gosumdb/' }, 'go1.26.0');
    const fixes = sumdbLookupFailed.fixes(diagnosis('sum.golang.org'), env);
    expect(fixes.find((f) => f.id === 'check-reachability')?.command).toBe("curl -sS -o /dev/null -w '%{http_code}\\n' https://sumdb.corp.example:8443/gosumdb/lookup/example.com/hello@v1.0.0");
    expect(ids(fixes)).not.toContain('gosumdb-mirror');
  });

  test('without a URL: https://<name>, and the mirror for sum.golang.org', () => {
    const env = goEnv({ GOSUMDB: 'sum.golang.org' }, 'go1.26.0');
    const fixes = sumdbLookupFailed.fixes(diagnosis(), env);
    expect(fixes.find((f) => f.id === 'check-reachability')?.command).toBe("curl -sS -o /dev/null -w '%{http_code}\\n' https://sum.golang.org/lookup/example.com/hello@v1.0.0");
    expect(ids(fixes)).toContain('gosumdb-mirror');
  });
});
