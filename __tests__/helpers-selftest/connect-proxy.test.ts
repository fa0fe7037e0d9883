/**
 * Self-test of connect-proxy.ts: the real `go` reaches the fake GOPROXY through HTTPS_PROXY /
 * HTTP_PROXY when GOPROXY names a `.invalid` host that only the proxy maps to 127.0.0.1.
 */
import { connect } from 'node:net';
import { availableGoVersions, createGoSandbox, runGo, type GoVersion } from '../helpers/go-toolchains.js';
import { startConnectProxy, type ConnectProxy } from '../helpers/connect-proxy.js';
import { exampleModules, startFakeGoProxy, type FakeGoProxy } from '../helpers/fake-goproxy.js';
import { createTestCa, type TestCa } from '../helpers/test-ca.js';

const versions = availableGoVersions(['1.23', '1.19']);
const describeGo = versions.length > 0 ? describe : describe.skip;
const HOST = 'proxy.goproxy-doctor.invalid';

async function download(version: GoVersion, env: Record<string, string>) {
  const sandbox = createGoSandbox();
  try {
    const run = await runGo(version, ['mod', 'download', '-json', 'example.com/hello@v1.0.0'], { ...sandbox.env, ...env }, { cwd: sandbox.root, timeoutMs: 20_000 });
    return { ...run, output: `${run.stdout}\n${run.stderr}` };
  } finally {
    sandbox.cleanup();
  }
}

/** Sends one raw CONNECT and returns the proxy's status line. */
function rawConnect(proxy: ConnectProxy, target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(proxy.port, '127.0.0.1', () => socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`));
    socket.setTimeout(5_000, () => socket.destroy(new Error('timeout')));
    socket.once('data', (data) => {
      resolve(data.toString('latin1').split('\r\n')[0] ?? '');
      socket.destroy();
    });
    socket.once('error', reject);
  });
}

describeGo('connect proxy with real go', () => {
  let ca: TestCa;
  let tlsProxy: FakeGoProxy;
  let httpProxy: FakeGoProxy;
  let forward: ConnectProxy;
  let authForward: ConnectProxy;
  let blocking: ConnectProxy;

  beforeAll(async () => {
    ca = await createTestCa();
    tlsProxy = await startFakeGoProxy({ modules: exampleModules(), tls: await ca.issue({ hosts: [HOST] }) });
    httpProxy = await startFakeGoProxy({ modules: exampleModules() });
    forward = await startConnectProxy({ mappedSuffix: '.goproxy-doctor.invalid' });
    authForward = await startConnectProxy({ requireAuth: { user: 'bob', password: 'pr0xy-pass' } });
    blocking = await startConnectProxy({ connectStatus: 403 });
  });
  afterAll(async () => {
    await Promise.all([tlsProxy, httpProxy, forward, authForward, blocking].filter(Boolean).map((s) => s.close()));
    ca?.cleanup();
  });

  test.each(versions)('go %s: HTTPS GOPROXY through a CONNECT tunnel', async (version) => {
    const before = tlsProxy.requests.length;
    const goproxy = tlsProxy.urlWithHost(HOST);
    const run = await download(version, { GOPROXY: goproxy, HTTPS_PROXY: forward.url, SSL_CERT_FILE: ca.caCertPath });
    expect(run.exitCode).toBe(0);
    const tunnels = forward.requests.filter((r) => r.method === 'CONNECT' && r.target === `${HOST}:${tlsProxy.port}`);
    expect(tunnels.length).toBeGreaterThan(0);
    expect(tunnels[0]).toMatchObject({ status: 200, mappedTo: `127.0.0.1:${tlsProxy.port}` });
    expect(tlsProxy.requests.slice(before).map((r) => r.path)).toContain('/example.com/hello/@v/v1.0.0.zip');
    expect(tlsProxy.requests.at(-1)?.headers.host).toBe(`${HOST}:${tlsProxy.port}`);
  });

  test.each(versions)('go %s: plain HTTP GOPROXY is forwarded as an absolute-URI GET', async (version) => {
    const goproxy = httpProxy.urlWithHost(HOST);
    const run = await download(version, { GOPROXY: goproxy, HTTP_PROXY: forward.url });
    expect(run.exitCode).toBe(0);
    expect(forward.requests.map((r) => r.target)).toContain(`${goproxy}/example.com/hello/@v/v1.0.0.zip`);
  });

  test.each(versions)('go %s: loopback GOPROXY bypasses HTTPS_PROXY (never proxied)', async (version) => {
    const before = forward.requests.length;
    const run = await download(version, { GOPROXY: tlsProxy.url, HTTPS_PROXY: forward.url, SSL_CERT_FILE: ca.caCertPath });
    // The leaf is only valid for HOST, so the direct connection fails on the name: proof go did not use the proxy.
    expect(run.output).toMatch(/x509: cannot validate certificate for 127\.0\.0\.1 because it doesn't contain any IP SANs/);
    expect(forward.requests.length).toBe(before);
  });

  test.each(versions)('go %s: proxy authentication', async (version) => {
    const env = { GOPROXY: tlsProxy.urlWithHost(HOST), SSL_CERT_FILE: ca.caCertPath };
    const denied = await download(version, { ...env, HTTPS_PROXY: authForward.url });
    expect(denied.exitCode).toBe(1);
    expect(denied.output).toMatch(/v1\.0\.0\.info\\?": Proxy Authentication Required/);
    const allowed = await download(version, { ...env, HTTPS_PROXY: authForward.urlWithAuth('bob', 'pr0xy-pass') });
    expect(allowed.exitCode).toBe(0);
    const connects = authForward.requests.filter((r) => r.method === 'CONNECT');
    expect(connects.some((r) => r.status === 407 && r.headers['proxy-authorization'] === undefined)).toBe(true);
    expect(connects.some((r) => r.status === 200 && r.headers['proxy-authorization'] === `Basic ${Buffer.from('bob:pr0xy-pass').toString('base64')}`)).toBe(true);
  });

  test.each(versions)('go %s: a proxy that refuses CONNECT', async (version) => {
    const run = await download(version, { GOPROXY: tlsProxy.urlWithHost(HOST), HTTPS_PROXY: blocking.url, SSL_CERT_FILE: ca.caCertPath });
    expect(run.exitCode).toBe(1);
    expect(run.output).toMatch(/Get \\?"https:\/\/proxy\.goproxy-doctor\.invalid:\d+\/example\.com\/hello\/@v\/v1\.0\.0\.info\\?": Forbidden/);
  });

  test('targets outside loopback and the mapped suffix are refused without dialling', async () => {
    expect(await rawConnect(forward, 'elsewhere.invalid:443')).toBe('HTTP/1.1 403 Forbidden');
    expect(await rawConnect(forward, `${HOST}:${tlsProxy.port}`)).toBe('HTTP/1.1 200 Connection Established');
    const refused = forward.requests.find((r) => r.target === 'elsewhere.invalid:443');
    expect(refused).toMatchObject({ status: 403 });
    expect(refused?.mappedTo).toBeUndefined();
  });
});
