/**
 * Secrets never reach the output of `check`, human or JSON, online or offline, success or failure:
 * URL userinfo passwords (GOPROXY, HTTPS_PROXY), .netrc passwords, and the Authorization/Proxy-Authorization
 * values built from them. The servers are real and the credentials are really sent.
 */
import { main } from '../../src/cli/main.js';
import { startConnectProxy, type ConnectProxy } from '../helpers/connect-proxy.js';
import { exampleModules, startFakeGoProxy, type FakeGoProxy } from '../helpers/fake-goproxy.js';
import { availableGoVersions, goBinary } from '../helpers/go-toolchains.js';
import { createTestCa, type TestCa } from '../helpers/test-ca.js';
import { prepareCase, removeSandbox, type CheckCase } from './harness.js';

const haveGo = availableGoVersions(['1.23']).length > 0;
const describeGo = haveGo ? describe : describe.skip;

const NETRC_PASSWORD = 'n3trc-S3CRET-pw';
const URL_PASSWORD = 'url-S3CRET-pw';
const PROXY_PASSWORD = 'pr0xy-S3CRET-pw';
const WRONG_PASSWORD = 'wr0ng-S3CRET-pw';

function forms(login: string, password: string): string[] {
  return [password, encodeURIComponent(password), Buffer.from(`${login}:${password}`).toString('base64')];
}

const SECRETS = [...forms('alice', NETRC_PASSWORD), ...forms('alice', URL_PASSWORD), ...forms('bob', PROXY_PASSWORD), ...forms('alice', WRONG_PASSWORD)];

async function cli(c: CheckCase, args: string[]): Promise<{ code: number; out: string; stdout: string }> {
  const { sandbox, io } = prepareCase(c);
  try {
    const code = await main(['--go', goBinary('1.23'), 'check', '--timeout', '4000', ...args], io);
    return { code, out: `${io.stdout.text()}\n${io.stderr.text()}`, stdout: io.stdout.text() };
  } finally {
    removeSandbox(sandbox);
  }
}

describeGo('secrets never appear in check output', () => {
  let ca: TestCa;
  let authProxy: FakeGoProxy;
  let connectAuth: ConnectProxy;
  let viaConnect: FakeGoProxy;

  beforeAll(async () => {
    ca = await createTestCa();
    authProxy = await startFakeGoProxy({ modules: exampleModules(), tls: await ca.issue(), auth: { user: 'alice', password: NETRC_PASSWORD } });
    viaConnect = await startFakeGoProxy({ modules: exampleModules(), tls: await ca.issue({ hosts: ['proxy.goproxy-doctor.invalid'] }), auth: { user: 'alice', password: URL_PASSWORD } });
    connectAuth = await startConnectProxy({ requireAuth: { user: 'bob', password: PROXY_PASSWORD } });
  }, 60_000);

  afterAll(async () => {
    await Promise.all([authProxy?.close(), viaConnect?.close(), connectAuth?.close()]);
    ca?.cleanup();
  });

  const netrcFor = (password: string) => ({ 'home/.netrc': `machine ${new URL(authProxy.url).host}\nlogin alice\npassword ${password}\n` });

  const cases: Array<[string, () => CheckCase]> = [
    ['.netrc credentials accepted', () => ({ env: { GOPROXY: authProxy.url, SSL_CERT_FILE: ca.caCertPath }, files: netrcFor(NETRC_PASSWORD) })],
    ['.netrc credentials rejected (401)', () => ({ env: { GOPROXY: authProxy.url, SSL_CERT_FILE: ca.caCertPath }, files: netrcFor(WRONG_PASSWORD) })],
    [
      'userinfo in GOPROXY and in HTTPS_PROXY, through a CONNECT proxy',
      () => ({
        env: {
          GOPROXY: viaConnect.urlWithHost('proxy.goproxy-doctor.invalid').replace('https://', `https://alice:${URL_PASSWORD}@`),
          HTTPS_PROXY: connectAuth.urlWithAuth('bob', PROXY_PASSWORD),
          SSL_CERT_FILE: ca.caCertPath,
        },
      }),
    ],
    [
      'wrong userinfo in GOPROXY (401) and a proxy password that is refused (407)',
      () => ({
        env: {
          GOPROXY: `${viaConnect.urlWithHost('proxy.goproxy-doctor.invalid').replace('https://', `https://alice:${WRONG_PASSWORD}@`)}|${authProxy.url.replace('https://', `https://alice:${URL_PASSWORD}@`)}`,
          HTTPS_PROXY: connectAuth.urlWithAuth('bob', WRONG_PASSWORD),
          SSL_CERT_FILE: ca.caCertPath,
        },
        files: netrcFor(NETRC_PASSWORD),
      }),
    ],
    [
      'HTTPS_PROXY written without a scheme, with a password',
      () => ({
        env: {
          GOPROXY: viaConnect.urlWithHost('proxy.goproxy-doctor.invalid'),
          HTTPS_PROXY: `bob:${PROXY_PASSWORD}@127.0.0.1:${connectAuth.port}`,
          SSL_CERT_FILE: ca.caCertPath,
        },
      }),
    ],
    ['userinfo over plain http (go refuses)', () => ({ env: { GOPROXY: `http://alice:${URL_PASSWORD}@127.0.0.1:9/p` } })],
  ];

  test.each(cases)('%s: human, --json and --offline output', async (_name, make) => {
    const c = make();
    const outputs = [await cli(c, []), await cli(c, ['--json']), await cli(c, ['--offline']), await cli(c, ['--offline', '--json'])];
    for (const { out } of outputs) {
      for (const secret of SECRETS) expect(out.includes(secret) ? secret : 'absent').toBe('absent');
      expect(out).not.toMatch(/Authorization: (Basic|Bearer) [A-Za-z0-9+/=]{8,}/);
    }
    // The output still says which credentials were involved, without the secret.
    const json = JSON.parse(outputs[1]?.stdout ?? '{}') as { schemaVersion: number };
    expect(json.schemaVersion).toBe(1);
  });

  test('the credentials really were sent (so the test above could have leaked them)', async () => {
    authProxy.requests.length = 0;
    const { code, out } = await cli({ env: { GOPROXY: authProxy.url, SSL_CERT_FILE: ca.caCertPath }, files: netrcFor(NETRC_PASSWORD) }, ['--json']);
    expect(code).toBe(0);
    const sent = authProxy.requests.map((r) => r.headers.authorization);
    expect(sent).toContain(`Basic ${Buffer.from(`alice:${NETRC_PASSWORD}`).toString('base64')}`);
    expect(out).toContain(`.netrc machine ${new URL(authProxy.url).host}`);
  });
});
