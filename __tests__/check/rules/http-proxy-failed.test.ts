/**
 * http-proxy-failed: one HTTP proxy that fails every request is one finding listing what it breaks
 * (module fetches and the checksum database), with the HTTP proxy's fixes first, and no second finding
 * about the same failure from the module or checksum-database rules. Checked with the real go 1.23
 * against a refusing address and a CONNECT proxy that demands credentials (407).
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { renderCheckHuman } from '../../../src/report/check.js';
import { Chalk } from 'chalk';
import type { CheckReport } from '../../../src/check/types.js';
import { startConnectProxy, type ConnectProxy } from '../../helpers/connect-proxy.js';
import { check } from '../harness.js';
import { goDownload, HAVE_GO_123 } from '../rules/support.js';

const describeGo = HAVE_GO_123 ? describe : describe.skip;
// Not loopback, so go sends it through the HTTP proxy; the name is never resolved by go (the proxy fails first).
const GOPROXY = 'https://goproxy.corp.invalid';
const GOSUMDB = 'sum.golang.org';
const GO_MOD = 'module example.com/app\n\ngo 1.21\n\nrequire (\n\texample.com/hello v1.0.0\n\texample.com/other v1.2.0\n)\n';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Every finding's rule, and the rules that speak of a module or the checksum database. */
function rulesOf(report: CheckReport): string[] {
  return report.findings.filter((f) => f.severity !== 'info').map((f) => f.rule);
}

describeGo('http-proxy-failed', () => {
  let authProxy: ConnectProxy;
  let refused: number;
  beforeAll(async () => {
    authProxy = await startConnectProxy({ requireAuth: { user: 'bob', password: 'pr0xy-pa55word' } });
    refused = await closedPort();
  });
  afterAll(async () => {
    await authProxy.close();
  });

  const cases = (): Array<[string, Record<string, string>, RegExp, string]> => [
    ['a proxy that refuses connections', { HTTPS_PROXY: `http://127.0.0.1:${refused}` }, /proxyconnect tcp: dial tcp 127\.0\.0\.1:\d+: connect: connection refused/, 'proxy-address'],
    ['a proxy that answers CONNECT with 407', { HTTPS_PROXY: authProxy.url }, /Proxy Authentication Required/, 'proxy-credentials'],
  ];

  test.each([0, 1])('case %i: one finding lists every module and the checksum database; the proxy fixes lead; go fails the same way', async (index) => {
    const [, env, goWords, firstFix] = cases()[index] as [string, Record<string, string>, RegExp, string];
    const spec = { env: { GOPROXY, GOSUMDB, ...env }, goMod: GO_MOD };
    const report = await check(spec);
    const findings = report.findings.filter((f) => f.rule === 'http-proxy-failed');
    expect(findings).toHaveLength(1);
    const finding = findings[0]!;
    expect(finding).toMatchObject({ id: 'http-proxy-env', severity: 'error', group: 'credentials' });
    expect(finding.modules).toEqual(expect.arrayContaining(['example.com/hello@v1.0.0', 'example.com/other@v1.2.0']));
    expect(finding.message).toMatch(/checksum database sum\.golang\.org/);
    expect(finding.message).toMatch(goWords);
    expect(finding.fixes[0]?.id).toBe(firstFix);
    // No second finding about the same failure.
    expect(rulesOf(report).filter((r) => /module-fetch-failed|sumdb-|toolchain-download-failed|entry-failed-fallthrough/.test(r))).toEqual([]);
    expect(rulesOf(report)).toEqual(['http-proxy-failed']);
    const go = await goDownload(spec);
    expect(go.exitCode).not.toBe(0);
    expect(go.stderr).toMatch(goWords);
  });

  test('no section marked ✓ lists a failing line, and the failing sections are marked', async () => {
    const report = await check({ env: { GOPROXY, GOSUMDB, HTTPS_PROXY: `http://127.0.0.1:${refused}` }, goMod: GO_MOD });
    const text = renderCheckHuman(report, new Chalk({ level: 0 }));
    const sections = text.split('\n\n').map((block) => block.split('\n'));
    const marks = new Map(sections.map((lines) => [lines[0]?.slice(2) ?? '', lines[0]?.slice(0, 1)]));
    for (const lines of sections) {
      const header = lines[0] ?? '';
      const failing = lines.slice(1).some((line) => /^\s+[✗⚠]/.test(line));
      if (failing) expect({ header, mark: header.slice(0, 1) }).not.toEqual({ header, mark: '✓' });
    }
    expect(marks.get('Module proxies')).toBe('✗');
    expect(marks.get('Checksum database')).toBe('✗');
    expect(marks.get('Credentials and HTTP proxy')).toBe('✗');
  });
});
