/**
 * Differential tests: the error a probe predicts must be the error the real `go` prints for the
 * same URL under the same environment (HTTPS_PROXY, SSL_CERT_FILE, …), for each toolchain.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { probeEndpoint, type EndpointResult } from '../../src/probe/endpoint.js';
import { proxyConfigFromEnvironment } from '../../src/probe/httpproxy.js';
import { diskRootsReader, loadGoRoots, rootSourcesFor } from '../../src/probe/tlsroots.js';
import { startConnectProxy, type ConnectProxy } from '../helpers/connect-proxy.js';
import { exampleModules, startFakeGoProxy, type FakeGoProxy } from '../helpers/fake-goproxy.js';
import { availableGoVersions, createGoSandbox, runGo, type GoVersion } from '../helpers/go-toolchains.js';
import { createTestCa, type TestCa } from '../helpers/test-ca.js';

const versions = availableGoVersions(['1.19', '1.23', '1.24', '1.25', '1.26', '1.27']);
const describeGo = versions.length > 0 ? describe : describe.skip;

const MODULE_AT = 'example.com/hello@v1.0.0';
const INFO = '/example.com/hello/@v/v1.0.0.info';

/** Probes `<base>/…/v1.0.0.info` and runs `go mod download` against GOPROXY=<base> under the same env. */
async function both(version: GoVersion, base: string, env: Record<string, string | undefined>): Promise<{ probe: EndpointResult; go: string | undefined }> {
  const sandbox = createGoSandbox('gpd-endpoint-go-');
  try {
    const fullEnv: Record<string, string | undefined> = { ...sandbox.env, ...env, GOPROXY: base };
    const definedEnv: Record<string, string> = {};
    for (const [k, v] of Object.entries(fullEnv)) if (v !== undefined) definedEnv[k] = v;
    const roots = await loadGoRoots(rootSourcesFor(definedEnv, 'linux'), diskRootsReader);
    const probe = await probeEndpoint(`${base}${INFO}`, { timeoutMs: 8000, roots, proxy: proxyConfigFromEnvironment(definedEnv), goVersion: `go${version}` });
    const run = await runGo(version, ['mod', 'download', '-json', MODULE_AT], fullEnv, { timeoutMs: 30_000 });
    const json = JSON.parse(run.stdout) as { Error?: string };
    return { probe, go: json.Error };
  } finally {
    sandbox.cleanup();
  }
}

function expectSameError(r: { probe: EndpointResult; go: string | undefined }, normalise: (s: string) => string = (s) => s): void {
  expect(r.probe.ok).toBe(false);
  expect(r.go).toBeDefined();
  expect(normalise(r.go ?? '')).toBe(normalise(`${MODULE_AT}: ${r.probe.goError ?? ''}`));
}

describeGo('probe errors match real go', () => {
  let ca: TestCa;
  let plain: FakeGoProxy;
  let good: FakeGoProxy;
  let selfSigned: FakeGoProxy;
  let wrongName: FakeGoProxy;
  let expired: FakeGoProxy;
  let connectProxy: ConnectProxy;
  let authProxy: ConnectProxy;
  let downgradePort: number;
  let downgradeClose: () => Promise<void>;
  let emptyDir: string;

  beforeAll(async () => {
    ca = await createTestCa();
    const [goodCert, self, wrong, old] = await Promise.all([
      ca.issue({ hosts: ['127.0.0.1', 'goproxy.invalid'] }),
      ca.selfSigned(['127.0.0.1']),
      ca.wrongName(),
      ca.issue({ hosts: ['127.0.0.1'], expired: true }),
    ]);
    [plain, good, selfSigned, wrongName, expired] = await Promise.all([
      startFakeGoProxy({ modules: exampleModules() }),
      startFakeGoProxy({ modules: exampleModules(), tls: goodCert }),
      startFakeGoProxy({ modules: exampleModules(), tls: self }),
      startFakeGoProxy({ modules: exampleModules(), tls: wrong }),
      startFakeGoProxy({ modules: exampleModules(), tls: old }),
    ]);
    connectProxy = await startConnectProxy();
    authProxy = await startConnectProxy({ requireAuth: { user: 'u', password: 'proxy-pw-secret' } });
    const sockets = new Set<Socket>();
    const downgrade = createHttpsServer({ cert: goodCert.cert, key: goodCert.key }, (req, res) => {
      res.writeHead(302, { location: `${plain.url}${req.url ?? '/'}` });
      res.end();
    });
    downgrade.on('connection', (s: Socket) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((resolve) => downgrade.listen(0, '127.0.0.1', resolve));
    downgradePort = (downgrade.address() as AddressInfo).port;
    downgradeClose = () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        downgrade.close(() => resolve());
      });
    emptyDir = mkdtempSync(path.join(tmpdir(), 'gpd-emptyproxy-'));
  }, 30_000);

  afterAll(async () => {
    await Promise.all([plain, good, selfSigned, wrongName, expired].map((p) => p?.close()));
    await Promise.all([connectProxy?.close(), authProxy?.close(), downgradeClose?.()]);
    ca?.cleanup();
    if (emptyDir) rmSync(emptyDir, { recursive: true, force: true });
  });

  const each = (name: string, fn: (v: GoVersion) => Promise<void>): void => {
    test.each(versions)(`${name} (go%s)`, fn, 40_000);
  };

  each('unknown authority (system roots)', async (v) => {
    expectSameError(await both(v, selfSigned.url, {}));
  });

  each('wrong name, with SSL_CERT_FILE trusting the CA', async (v) => {
    expectSameError(await both(v, wrongName.url, { SSL_CERT_FILE: ca.caCertPath }));
  });

  each('expired certificate', async (v) => {
    // The current time differs by a few milliseconds between the two runs.
    expectSameError(await both(v, expired.url, { SSL_CERT_FILE: ca.caCertPath }), (s) => s.replace(/current time \S+ is/, 'current time T is'));
  });

  each('SSL_CERT_FILE makes the good certificate succeed in both', async (v) => {
    const r = await both(v, good.url, { SSL_CERT_FILE: ca.caCertPath });
    expect(r.probe.ok).toBe(true);
    expect(r.go).toBeUndefined();
  });

  each('connection refused', async (v) => {
    expectSameError(await both(v, 'http://127.0.0.1:1', {}));
  });

  each('DNS failure (go names its resolver, we cannot)', async (v) => {
    const r = await both(v, 'https://nowhere.goproxy-doctor.invalid', { HTTPS_PROXY: undefined, HTTP_PROXY: undefined });
    expectSameError(r, (s) => s.replace(/ on [^ ]+:53:/, ':'));
  });

  each('proxy unreachable: proxyconnect', async (v) => {
    expectSameError(await both(v, `https://goproxy.invalid:${good.port}`, { HTTPS_PROXY: 'http://127.0.0.1:1', SSL_CERT_FILE: ca.caCertPath }));
  });

  each('proxy answers 407 to CONNECT', async (v) => {
    expectSameError(await both(v, `https://goproxy.invalid:${good.port}`, { HTTPS_PROXY: authProxy.url, SSL_CERT_FILE: ca.caCertPath }));
  });

  each('through a CONNECT proxy both succeed', async (v) => {
    const r = await both(v, `https://goproxy.invalid:${good.port}`, { HTTPS_PROXY: connectProxy.url, SSL_CERT_FILE: ca.caCertPath });
    expect(r.probe.ok).toBe(true);
    expect(r.go).toBeUndefined();
  });

  each('redirect loop', async (v) => {
    expectSameError(await both(v, plain.faultUrl('redirect-loop'), {}));
  });

  each('https to http redirect', async (v) => {
    expectSameError(await both(v, `https://127.0.0.1:${downgradePort}`, { SSL_CERT_FILE: ca.caCertPath }));
  });

  each('HTTP server behind an https URL', async (v) => {
    expectSameError(await both(v, `https://127.0.0.1:${plain.port}`, {}));
  });

  each('text/plain 404 with server response', async (v) => {
    expectSameError(await both(v, plain.faultUrl('text-body-404'), {}));
  });

  // go1.19 garbles the URL in this message (`read "http:/127.0.0.1:…/@v/…"`), so only newer versions compare.
  test.each(versions.filter((v) => v !== '1.19'))('connection reset in the middle of the body (go%s)', async (v) => {
    const r = await both(v, plain.faultUrl('reset'), {});
    expect(r.probe.goError).toMatch(/^read "http:\/\/127\.0\.0\.1:\d+\/fault\/reset\/example\.com\/hello\/@v\/v1\.0\.0\.info": read tcp /);
    // The local port differs between the two connections.
    expectSameError(r, (s) => s.replace(/read tcp \S+->\S+:/, 'read tcp L->R:'));
  }, 40_000);

  each('missing file in a file:// proxy', async (v) => {
    expectSameError(await both(v, `file://${emptyDir}`, {}));
  });
});
