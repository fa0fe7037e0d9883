/**
 * Self-test of test-ca.ts with the fake GOPROXY over HTTPS: the real `go` trusts the test CA via
 * SSL_CERT_FILE, and each bad certificate gives the x509 error Go really prints.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { availableGoVersions, createGoSandbox, runGo, type GoVersion } from '../helpers/go-toolchains.js';
import { exampleModules, startFakeGoProxy, type FakeGoProxy } from '../helpers/fake-goproxy.js';
import { createTestCa, type TestCa } from '../helpers/test-ca.js';

const versions = availableGoVersions();
const describeGo = versions.length > 0 ? describe : describe.skip;

async function download(version: GoVersion, env: Record<string, string>, arg = 'example.com/hello@v1.0.0') {
  const sandbox = createGoSandbox();
  try {
    const run = await runGo(version, ['mod', 'download', '-json', arg], { ...sandbox.env, ...env }, { cwd: sandbox.root, timeoutMs: 20_000 });
    return { ...run, output: `${run.stdout}\n${run.stderr}` };
  } finally {
    sandbox.cleanup();
  }
}

describeGo('fake goproxy over HTTPS with the test CA', () => {
  let ca: TestCa;
  const servers: FakeGoProxy[] = [];
  let good: FakeGoProxy;
  let expired: FakeGoProxy;
  let notYetValid: FakeGoProxy;
  let selfSigned: FakeGoProxy;
  let wrongName: FakeGoProxy;
  let plainHttp: FakeGoProxy;
  let withAuth: FakeGoProxy;

  beforeAll(async () => {
    ca = await createTestCa();
    const start = async (tls?: { cert: string; key: string }, auth?: { user: string; password: string }) => {
      const server = await startFakeGoProxy({ modules: exampleModules(), tls, auth });
      servers.push(server);
      return server;
    };
    good = await start(await ca.issue());
    expired = await start(await ca.issue({ expired: true }));
    notYetValid = await start(await ca.issue({ notYetValid: true }));
    selfSigned = await start(await ca.selfSigned());
    wrongName = await start(await ca.wrongName());
    plainHttp = await start();
    withAuth = await start(await ca.issue(), { user: 'alice', password: 'n3trc-secret' });
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    ca?.cleanup();
  });

  test.each(versions)('go %s downloads over HTTPS when SSL_CERT_FILE names the test CA', async (version) => {
    expect(good.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const run = await download(version, { GOPROXY: good.url, SSL_CERT_FILE: ca.caCertPath });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ Version: 'v1.0.0' });
    // The leaf has a DNS SAN for localhost too.
    const byName = await download(version, { GOPROXY: good.urlWithHost('localhost'), SSL_CERT_FILE: ca.caCertPath });
    expect(byName.exitCode).toBe(0);
  });

  test.each(versions)('go %s: certificate errors', async (version) => {
    const tlsPrefix = version === '1.19' ? '' : 'tls: failed to verify certificate: ';
    const cases: Array<[string, Record<string, string>, RegExp]> = [
      ['no CA configured', { GOPROXY: good.url }, new RegExp(`${tlsPrefix}x509: certificate signed by unknown authority`)],
      ['self-signed', { GOPROXY: selfSigned.url, SSL_CERT_FILE: ca.caCertPath }, /x509: certificate signed by unknown authority/],
      ['expired', { GOPROXY: expired.url, SSL_CERT_FILE: ca.caCertPath }, /x509: certificate has expired or is not yet valid: current time \S+ is after 2021-01-01T00:00:00Z/],
      ['not yet valid', { GOPROXY: notYetValid.url, SSL_CERT_FILE: ca.caCertPath }, /x509: certificate has expired or is not yet valid: current time \S+ is before 2099-01-01T00:00:00Z/],
      ['wrong name (IP)', { GOPROXY: wrongName.url, SSL_CERT_FILE: ca.caCertPath }, /x509: cannot validate certificate for 127\.0\.0\.1 because it doesn't contain any IP SANs/],
      ['wrong name (DNS)', { GOPROXY: wrongName.urlWithHost('localhost'), SSL_CERT_FILE: ca.caCertPath }, /x509: certificate is valid for wrong-name\.invalid, not localhost/],
      ['https to an http port', { GOPROXY: plainHttp.url.replace(/^http:/, 'https:') }, /http: server gave HTTP response to HTTPS client/],
    ];
    for (const [name, env, expected] of cases) {
      const run = await download(version, env);
      expect({ name, exitCode: run.exitCode }).toEqual({ name, exitCode: 1 });
      expect(run.output).toMatch(expected);
    }
  });

  test.each(versions)('go %s sends .netrc credentials to the auth-requiring proxy (host matching per version)', async (version) => {
    const sandbox = createGoSandbox();
    try {
      const port = new URL(withAuth.url).port;
      // 1.19 matches the host without the port, 1.21+ match host:port.
      const machine = version === '1.19' ? '127.0.0.1' : `127.0.0.1:${port}`;
      mkdirSync(sandbox.home, { recursive: true });
      const netrc = path.join(sandbox.home, '.netrc');
      writeFileSync(netrc, `machine ${machine} login alice password n3trc-secret\n`, { mode: 0o600 });
      const before = withAuth.requests.length;
      const env = { ...sandbox.env, GOPROXY: withAuth.url, SSL_CERT_FILE: ca.caCertPath };
      const run = await runGo(version, ['mod', 'download', '-json', 'example.com/hello@v1.0.0'], env, { cwd: sandbox.root, timeoutMs: 20_000 });
      expect(run.exitCode).toBe(0);
      const sent = withAuth.requests.slice(before).map((r) => r.headers.authorization);
      expect(sent.length).toBeGreaterThan(0);
      expect(sent.every((h) => h === `Basic ${Buffer.from('alice:n3trc-secret').toString('base64')}`)).toBe(true);

      writeFileSync(netrc, `machine some-other-host.invalid login alice password n3trc-secret\n`, { mode: 0o600 });
      const denied = await download(version, { GOPROXY: withAuth.url, SSL_CERT_FILE: ca.caCertPath });
      expect(denied.output).toMatch(/401 Unauthorized/);
    } finally {
      sandbox.cleanup();
    }
  });
});
