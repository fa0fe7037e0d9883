/**
 * From a failed probe (its facts: phase, status, error code, certificate problem, CONNECT status) to
 * the scenario that explains it and the cause findings carry. No wording the probe wrote is read.
 */
import { classifyProbe } from '../../src/check/probe-cause.js';
import { contentError, outcomeOfProbe, type ProbeRecord } from '../../src/check/verdict.js';
import type { EndpointResult } from '../../src/probe/endpoint.js';
import { A, infoUrl, record, result } from './network-support.js';

describe('classifyProbe', () => {
  const rec = (r: Partial<EndpointResult>) => record(0, 'example.com/hello@v1.0.0', result({ url: infoUrl(A), ...r }));
  const tlsReport = { subject: 'CN=a', issuer: 'CN=b', validFrom: '', validTo: '', dnsNames: [], ipAddresses: [], verified: false, chainLength: 1 };
  test.each([
    [{ phase: 'dns', errorText: 'dial tcp: lookup a.example.invalid: no such host', failure: { phase: 'dns', code: 'ENOTFOUND' } }, 'dns-failure', 'dns'],
    [{ phase: 'connect', errorText: 'dial tcp 10.0.0.1:443: connect: connection refused', failure: { phase: 'connect', code: 'ECONNREFUSED' } }, 'network-blocked', 'connect'],
    [{ phase: 'proxy', errorText: 'Proxy Authentication Required', proxy: { used: true, reason: 'proxied', url: 'http://127.0.0.1:3128' }, failure: { phase: 'proxy', connectStatus: 407 } }, 'http-proxy-env', 'http-proxy-auth'],
    [{ phase: 'proxy', errorText: 'proxyconnect tcp: dial tcp 127.0.0.1:3128: connect: connection refused', proxy: { used: true, reason: 'proxied', url: 'http://127.0.0.1:3128' }, failure: { phase: 'proxy', code: 'ECONNREFUSED' } }, 'http-proxy-env', 'http-proxy'],
    [{ phase: 'tls', errorText: 'tls: failed to verify certificate: x509: certificate signed by unknown authority', tls: { ...tlsReport, verifyProblem: 'unknown-authority' }, failure: { phase: 'tls', certificate: 'unknown-authority' } }, 'tls-certificate', 'tls-verify'],
    [{ phase: 'tls', errorText: 'http: server gave HTTP response to HTTPS client', failure: { phase: 'tls', plainHttpReply: true } }, 'proxy-config-invalid', 'https-to-http-server'],
    [{ phase: 'tls', errorText: 'tls: first record does not look like a TLS handshake', failure: { phase: 'tls' } }, 'network-blocked', 'tls-handshake'],
    [{ phase: 'http', timedOut: true, errorText: 'no response headers' }, 'network-blocked', 'timeout'],
    [{ phase: 'http', errorText: 'read: connection reset by peer', failure: { phase: 'http', code: 'ECONNRESET' } }, 'network-blocked', 'broken-response'],
    [{ phase: 'http', limitHit: 'redirects', errorText: 'stopped after 10 redirects' }, 'proxy-server-error', 'redirect-loop'],
    [{ status: 401, statusText: 'Unauthorized' }, 'auth-required', 'http-401'],
    [{ status: 403, statusText: 'Forbidden' }, 'auth-required', 'http-403'],
    [{ status: 403, statusText: 'Forbidden', url: 'https://proxy.golang.org/x/@v/list' }, 'network-blocked', 'http-403-public'],
    [{ status: 404, statusText: 'Not Found' }, 'module-not-found', 'not-found'],
    [{ status: 410, statusText: 'Gone', serverResponse: "fatal: could not read Username for 'https://git.corp': terminal prompts disabled" }, 'private-module-proxied', 'private-module-not-found'],
    [{ status: 502, statusText: 'Bad Gateway' }, 'proxy-server-error', 'server-error'],
    [{ status: 418, statusText: "I'm a teapot" }, 'proxy-server-error', 'http-error'],
  ] as Array<[Partial<EndpointResult>, string, string]>)('%j → %s/%s', (r, id, cause) => {
    const c = classifyProbe(rec(r), 1000);
    expect([c.call?.scenario, c.cause]).toEqual([id, cause]);
  });

  test('the cause follows the facts, not the wording: a 407 CONNECT reply is proxy authentication whatever text came with it', () => {
    const c = classifyProbe(rec({ phase: 'proxy', errorText: 'proxyconnxxxxxct', proxy: { used: true, reason: 'proxied', url: 'http://127.0.0.1:3128' }, failure: { phase: 'proxy', connectStatus: 407 } }), 1000);
    expect(c.call).toMatchObject({ scenario: 'http-proxy-env', details: { kind: 'proxy-auth' } });
    const refused = classifyProbe(rec({ phase: 'connect', errorText: 'anything at all', failure: { phase: 'connect', code: 'ECONNREFUSED' } }), 1000);
    expect(refused.call).toMatchObject({ scenario: 'network-blocked', details: { kind: 'refused' } });
  });

  test('a probe that stops at its own limit is said to be the probe\'s limit, with no scenario', () => {
    const c = classifyProbe(rec({ phase: 'tls', limitHit: 'cert-chain', errorText: 'certificate chain larger than the probe reads', failure: { phase: 'tls', probeLimit: 'cert-chain' } }), 1000);
    expect(c.cause).toBe('probe-limit');
    expect(c.call).toBeUndefined();
    expect(c.headline).toMatch(/not a failure go would have/);
  });

  test('a redirect to a scheme go cannot fetch is said in go\'s words, not as a broken response', () => {
    const c = classifyProbe(rec({ phase: 'http', errorText: 'unsupported protocol scheme "ftp"', failure: { phase: 'http', unsupportedScheme: 'ftp' } }), 1000);
    expect(c.cause).toBe('unsupported-scheme');
    expect(c.headline).toContain('unsupported protocol scheme "ftp"');
  });

  test('a 200 that is an HTML page is a failure go reports as an invalid response', () => {
    const body = Buffer.from('<!DOCTYPE html><form>Sign in</form>');
    const err = contentError('info', A, body, 'text/html', 'v1.0.0');
    expect(err).toBe(`invalid response from proxy "${A}": invalid character '<' looking for beginning of value`);
    const r = result({ url: infoUrl(A), ok: true, phase: 'done', status: 200, contentType: 'text/html', bodySnippet: body.toString() });
    const rec2: ProbeRecord = { target: 'module', entry: 0, module: 'm@v', result: r, contentError: err, outcome: outcomeOfProbe(r, err) };
    expect(rec2.outcome).toEqual({ kind: 'error', notExist: false, error: err });
    expect(classifyProbe(rec2, 1000)).toMatchObject({ call: { scenario: 'auth-required' }, cause: 'html-response' });
  });

  test('.info for another version is rejected like go does', () => {
    expect(contentError('info', A, Buffer.from('{"Version":"v1.0.1"}'), 'application/json', 'v1.0.0')).toBe('proxy returned info for version v1.0.1 instead of requested version');
    expect(contentError('info', A, Buffer.from('{"Version":"v1.0.0","Time":"2020-01-01T00:00:00Z"}'), 'application/json', 'v1.0.0')).toBeUndefined();
    expect(contentError('list', A, Buffer.from('v1.0.0\n'), 'text/plain', undefined)).toBeUndefined();
  });
});
