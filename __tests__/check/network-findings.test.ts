/**
 * The pure half of the network checks: probe results (as data) through the chain walk to verdicts
 * and findings. The same paths run against real servers in faults.test.ts and against the real go
 * in agreement.test.ts; here the inputs are chosen to reach every branch.
 */
import { classifyProbe, formatTimings, goproxyWithPipeAfter, networkFindings, type SumdbState } from '../../src/check/network-findings.js';
import { analyzeToolchain } from '../../src/check/toolchain.js';
import type { CanaryModule } from '../../src/check/types.js';
import { chainEntries, contentError, moduleVerdict, outcomeOfProbe, type ProbeRecord } from '../../src/check/verdict.js';
import { proxyList, type ProxySpec } from '../../src/goenv/proxylist.js';
import type { GoEnvironment } from '../../src/goenv/types.js';
import type { EndpointResult } from '../../src/probe/endpoint.js';

function envWith(values: Record<string, string>): GoEnvironment {
  const variables: GoEnvironment['variables'] = {};
  for (const [name, value] of Object.entries(values)) variables[name] = { name, value, origin: 'environment', notes: [] };
  return { goVersion: 'go1.23.5', goBinary: 'go', variables, goEnvJson: { ...values } };
}

function specsOf(goproxy: string, gonoproxy = ''): ProxySpec[] {
  const list = proxyList(goproxy, gonoproxy);
  if (!list.ok) throw new Error(list.error);
  return list.specs;
}

function result(over: Partial<EndpointResult> & { url: string }): EndpointResult {
  return { ok: false, phase: 'http', timings: { connect: 0.5, http: 1.5, total: 2.2 }, redirects: [], ...over };
}

function statusResult(url: string, status: number, statusText: string): EndpointResult {
  if (status === 200) return result({ url, ok: true, phase: 'done', status, statusText });
  return result({ url, status, statusText, errorText: `${status} ${statusText}`, goError: `reading ${url}: ${status} ${statusText}` });
}

function record(entry: number, module: string, r: EndpointResult, target: ProbeRecord['target'] = 'module'): ProbeRecord {
  return { target, entry, module, result: r, outcome: outcomeOfProbe(r, undefined) };
}

const HELLO: CanaryModule = { path: 'example.com/hello', version: 'v1.0.0', source: 'go.mod' };

function run(goproxy: string, answers: Array<[number, EndpointResult]>, canary: CanaryModule = HELLO, gonoproxy = '') {
  const specs = specsOf(goproxy, gonoproxy);
  const chain = chainEntries(specs);
  const label = `${canary.path}@${canary.version ?? ''}`;
  const records = answers.map(([i, r]) => record(i, label, r, canary.source === 'toolchain' ? 'toolchain' : 'module'));
  const outcomes = new Map(records.map((r) => [r.entry as number, r.outcome]));
  const verdict = moduleVerdict({ canary, specs, chain, matchesNoProxy: gonoproxy !== '' && canary.path.startsWith(gonoproxy), outcomes });
  const env = envWith({ GOPROXY: goproxy });
  return { specs, chain, records, verdict, env, findings: (extra: Partial<Parameters<typeof networkFindings>[0]> = {}) => networkFindings({ env, chain, specs, records, modules: [verdict], timeoutMs: 1000, ...extra }) };
}

const A = 'https://a.example.invalid';
const B = 'https://b.example.invalid';
const infoUrl = (base: string): string => `${base}/example.com/hello/@v/v1.0.0.info`;

describe('classifyProbe', () => {
  const rec = (r: Partial<EndpointResult>) => record(0, 'example.com/hello@v1.0.0', result({ url: infoUrl(A), ...r }));
  test.each([
    [{ phase: 'dns', errorText: 'dial tcp: lookup a.example.invalid: no such host' }, 'dns-failure', 'dns'],
    [{ phase: 'connect', errorText: 'dial tcp 10.0.0.1:443: connect: connection refused' }, 'network-blocked', 'connect'],
    [{ phase: 'proxy', errorText: 'Proxy Authentication Required' }, 'http-proxy-env', 'http-proxy-auth'],
    [{ phase: 'proxy', errorText: 'proxyconnect tcp: dial tcp 127.0.0.1:3128: connect: connection refused' }, 'http-proxy-env', 'http-proxy'],
    [{ phase: 'tls', errorText: 'tls: failed to verify certificate: x509: certificate signed by unknown authority', tls: { subject: 'CN=a', issuer: 'CN=b', validFrom: '', validTo: '', dnsNames: [], ipAddresses: [], verified: false, chainLength: 1 } }, 'tls-certificate', 'tls-verify'],
    [{ phase: 'tls', errorText: 'http: server gave HTTP response to HTTPS client' }, 'proxy-config-invalid', 'https-to-http-server'],
    [{ phase: 'http', timedOut: true, errorText: 'no response headers' }, 'network-blocked', 'timeout'],
    [{ phase: 'http', errorText: 'read: connection reset by peer' }, 'network-blocked', 'broken-response'],
    [{ phase: 'http', limitHit: 'redirects', errorText: 'stopped after 10 redirects' }, 'proxy-server-error', 'redirect-loop'],
    [{ status: 401, statusText: 'Unauthorized' }, 'auth-required', 'http-401'],
    [{ status: 403, statusText: 'Forbidden' }, 'auth-required', 'http-403'],
    [{ status: 403, statusText: 'Forbidden', url: 'https://proxy.golang.org/x/@v/list' }, 'network-blocked', 'http-403-public'],
    [{ status: 404, statusText: 'Not Found' }, 'module-not-found', 'not-found'],
    [{ status: 410, statusText: 'Gone', serverResponse: "fatal: could not read Username for 'https://git.corp': terminal prompts disabled" }, 'private-module-proxied', 'private-module-not-found'],
    [{ status: 502, statusText: 'Bad Gateway' }, 'proxy-server-error', 'server-error'],
    [{ status: 418, statusText: "I'm a teapot" }, 'proxy-server-error', 'http-error'],
  ] as Array<[Partial<EndpointResult>, string, string]>)('%j → %s/%s', (r, id, rule) => {
    const c = classifyProbe(rec(r), 1000);
    expect([c.id, c.rule]).toEqual([id, rule]);
  });

  test('a 200 that is an HTML page is a failure go reports as an invalid response', () => {
    const body = Buffer.from('<!DOCTYPE html><form>Sign in</form>');
    const err = contentError('info', A, body, 'text/html', 'v1.0.0');
    expect(err).toBe(`invalid response from proxy "${A}": invalid character '<' looking for beginning of value`);
    const r = result({ url: infoUrl(A), ok: true, phase: 'done', status: 200, contentType: 'text/html', bodySnippet: body.toString() });
    const rec2: ProbeRecord = { target: 'module', entry: 0, module: 'm@v', result: r, contentError: err, outcome: outcomeOfProbe(r, err) };
    expect(rec2.outcome).toEqual({ kind: 'error', notExist: false, error: err });
    expect(classifyProbe(rec2, 1000)).toMatchObject({ id: 'auth-required', rule: 'html-response' });
  });

  test('.info for another version is rejected like go does', () => {
    expect(contentError('info', A, Buffer.from('{"Version":"v1.0.1"}'), 'application/json', 'v1.0.0')).toBe('proxy returned info for version v1.0.1 instead of requested version');
    expect(contentError('info', A, Buffer.from('{"Version":"v1.0.0","Time":"2020-01-01T00:00:00Z"}'), 'application/json', 'v1.0.0')).toBeUndefined();
    expect(contentError('list', A, Buffer.from('v1.0.0\n'), 'text/plain', undefined)).toBeUndefined();
  });
});

describe('verdicts and findings', () => {
  test('"," after a 500: fails at #1, #2 never reached; the fix offers "|" where GOPROXY is set', () => {
    const { verdict, findings } = run(`${A},${B}`, [[0, statusResult(infoUrl(A), 500, 'Internal Server Error')]]);
    expect(verdict).toMatchObject({ result: 'fail', failedAt: { stage: 'fetch', entry: 0 }, fetch: { notReached: [1] } });
    const [f] = findings();
    expect(f).toMatchObject({ id: 'proxy-server-error', rule: 'server-error', severity: 'error', modules: ['example.com/hello@v1.0.0'] });
    expect(f?.message).toContain('"," after it falls through only on 404/410');
    expect(f?.fixes.map((x) => x.command)).toContain(`export GOPROXY='${A}|${B}'`);
  });

  test('"|" after a 500 then a 404: go reports the 500 (TryProxies ranking), the walk ends at #2', () => {
    const { verdict, findings } = run(`${A}|${B}`, [
      [0, statusResult(infoUrl(A), 500, 'Internal Server Error')],
      [1, statusResult(infoUrl(B), 404, 'Not Found')],
    ]);
    expect(verdict).toMatchObject({ result: 'fail', failedAt: { stage: 'fetch', entry: 1 }, fetch: { errorFrom: 0 } });
    expect(verdict.summary).toMatch(/go reports the error from #1/);
    const rules = findings().map((f) => f.rule);
    expect(rules).toContain('server-error');
    expect(rules).toContain('entry-failed-fallthrough');
  });

  test('404 then 200 after ",": served by #2 and nothing to report', () => {
    const { verdict, findings } = run(`${A},${B}`, [
      [0, statusResult(infoUrl(A), 404, 'Not Found')],
      [1, statusResult(infoUrl(B), 200, 'OK')],
    ]);
    expect(verdict).toMatchObject({ result: 'ok', fetch: { servedBy: 1 } });
    expect(findings()).toEqual([]);
  });

  test('a GONOPROXY module goes direct: unknown, and said so once', () => {
    const { verdict, findings } = run(`${A},direct`, [], { path: 'git.corp.example.com/lib', version: 'v1.0.0', source: 'go.mod' }, 'git.corp.example.com');
    expect(verdict.result).toBe('unknown');
    expect(verdict.fetch.stoppedAt).toBe(0);
    expect(findings()).toMatchObject([{ rule: 'direct-not-probed', severity: 'info' }]);
  });

  test('the default canary missing from a private proxy is only a note', () => {
    const { findings } = run(A, [[0, statusResult(infoUrl(A), 404, 'Not Found')]], { path: 'example.com/hello', version: 'v1.0.0', source: 'default' });
    expect(findings()).toMatchObject([{ rule: 'canary-not-served', severity: 'info' }]);
  });

  test('a verify failure after a successful fetch fails the module', () => {
    const specs = specsOf(A);
    const chain = chainEntries(specs);
    const r = record(0, 'example.com/hello@v1.0.0', statusResult(infoUrl(A), 200, 'OK'));
    const v = moduleVerdict({ canary: HELLO, specs, chain, matchesNoProxy: false, outcomes: new Map([[0, r.outcome]]), verify: { consulted: true, ok: false, error: 'reading tree note: note has no verifiable signatures' } });
    expect(v).toMatchObject({ result: 'fail', failedAt: { stage: 'verify' } });
  });

  test('a tree head signed by another key: an error when a module needs the database, a warning otherwise', () => {
    const { env, chain, specs, records } = run(A, [[0, statusResult(infoUrl(A), 200, 'OK')]]);
    const state = (needed: boolean): SumdbState => ({
      report: { name: 'sum.example.invalid', via: 'proxy', proxyEntry: 0, needed },
      supported: [],
      lookups: [],
      latest: record(0, '', statusResult(`${A}/sumdb/sum.example.invalid/latest`, 200, 'OK'), 'sumdb-latest'),
      treeHead: { ok: false, stage: 'note', error: 'reading tree note: note has no verifiable signatures', signedByOthers: [{ name: 'sum.example.invalid', hash: '01234567' }] },
    });
    for (const [needed, severity] of [[true, 'error'], [false, 'warning']] as const) {
      const [f] = networkFindings({ env, chain, specs, records, modules: [], sumdb: state(needed), timeoutMs: 1000 });
      expect(f).toMatchObject({ rule: 'sumdb-key-mismatch', severity, group: 'sumdb' });
      expect(f?.evidence).toContain('signed by sum.example.invalid+01234567 instead');
      expect(f?.fixes.every((x) => !x.weakensSecurity)).toBe(true);
    }
  });

  test('a toolchain missing from a public proxy is not a Go release; from a private one it may just not be served', () => {
    const analysis = analyzeToolchain({ goVersion: 'go1.23.5', gotoolchain: 'auto', goLine: '1.99.0', goos: 'linux', goarch: 'amd64' });
    const canary: CanaryModule = { path: 'golang.org/toolchain', version: analysis.moduleVersion ?? '', source: 'toolchain' };
    for (const [base, rule] of [
      ['https://proxy.golang.org', 'toolchain-not-released'],
      [A, 'toolchain-not-available'],
    ] as const) {
      const url = `${base}/golang.org/toolchain/@v/${canary.version}.info`;
      const { findings } = run(base, [[0, statusResult(url, 404, 'Not Found')]], canary);
      const [f] = findings({ toolchain: analysis });
      expect(f).toMatchObject({ rule, id: 'toolchain-download', severity: 'error' });
      expect(f?.evidence[0]).toBe('go: download go1.99.0 for linux/amd64: toolchain not available');
    }
  });

  test('goproxyWithPipeAfter turns exactly the "," after entry n into "|"', () => {
    expect(goproxyWithPipeAfter('https://a,https://b,direct', 1)).toBe('https://a|https://b,direct');
    expect(goproxyWithPipeAfter('https://a,https://b,direct', 2)).toBe('https://a,https://b|direct');
    expect(goproxyWithPipeAfter(' ,https://a ,, https://b', 1)).toBe(' ,https://a |, https://b');
    expect(goproxyWithPipeAfter('https://a|https://b', 1)).toBeUndefined();
    expect(goproxyWithPipeAfter('https://a', 1)).toBeUndefined();
    // The rewritten list parses to the same entries, with the fallback changed only there.
    const before = specsOf('https://a,https://b,https://c');
    const after = specsOf(goproxyWithPipeAfter('https://a,https://b,https://c', 2) ?? '');
    expect(after.map((x) => [x.url, x.fallBackOnError])).toEqual(before.map((x, i) => [x.url, i === 1 ? true : x.fallBackOnError]));
  });

  test('timings are printed per phase', () => {
    expect(formatTimings({ dns: 1.234, connect: 0.5, tls: 12, http: 150.4, total: 164.1 })).toBe('dns 1.2 ms · connect 0.5 ms · tls 12.0 ms · http 150 ms · total 164 ms');
  });
});
