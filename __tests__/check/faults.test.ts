/**
 * Every fault the test servers can produce, checked end to end: the real Go environment (go 1.23),
 * real probes over loopback HTTP/HTTPS, a CONNECT proxy and a `.invalid` name, and for each fault the
 * finding `check` reports and its verdict on the module.
 */
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { exampleModules, startFakeGoProxy, type FakeGoProxy } from '../helpers/fake-goproxy.js';
import { startConnectProxy, type ConnectProxy } from '../helpers/connect-proxy.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFakeSumDb, startFakeSumDb, type FakeSumDb, type RunningFakeSumDb } from '../helpers/fake-sumdb.js';
import { availableGoVersions } from '../helpers/go-toolchains.js';
import { createTestCa, type TestCa } from '../helpers/test-ca.js';
import { byRule, check, oneByCause, oneByRule, writeFileProxy } from './harness.js';
import type { CheckReport, ModuleVerdict } from '../../src/check/types.js';
import { expectCutOffAt } from '../helpers/deadline.js';

const haveGo = availableGoVersions(['1.23']).length > 0;
const describeGo = haveGo ? describe : describe.skip;

const HELLO = 'example.com/hello@v1.0.0';

function verdictOf(report: CheckReport, module = 'example.com/hello'): ModuleVerdict {
  const v = report.modules.find((m) => m.module === module);
  if (!v) throw new Error(`no verdict for ${module}: ${JSON.stringify(report.modules)}`);
  return v;
}

describeGo('check against each fault of the loopback servers', () => {
  let ca: TestCa;
  let http: FakeGoProxy;
  let https: FakeGoProxy;
  let selfSigned: FakeGoProxy;
  let expired: FakeGoProxy;
  let wrongName: FakeGoProxy;
  let withAuth: FakeGoProxy;
  let viaConnect: FakeGoProxy;
  let sumdbProxy: FakeGoProxy;
  let otherKeyProxy: FakeGoProxy;
  let lookup410Proxy: FakeGoProxy;
  let connect: ConnectProxy;
  let connectAuth: ConnectProxy;
  let connectBlocked: ConnectProxy;
  let db: FakeSumDb;
  let refusing: FakeSumDb;
  let closedPort: number;
  let closedServer: Server;
  let fileProxyDir: string;
  let explicitDb: RunningFakeSumDb;
  let directDb: RunningFakeSumDb;
  let connectToDb: ConnectProxy;
  const servers: Array<{ close(): Promise<void> }> = [];

  beforeAll(async () => {
    ca = await createTestCa();
    const modules = exampleModules();
    const start = async (options: Parameters<typeof startFakeGoProxy>[0]): Promise<FakeGoProxy> => {
      const s = await startFakeGoProxy(options);
      servers.push(s);
      return s;
    };
    http = await start({ modules });
    https = await start({ modules, tls: await ca.issue() });
    selfSigned = await start({ modules, tls: await ca.selfSigned() });
    expired = await start({ modules, tls: await ca.issue({ expired: true }) });
    wrongName = await start({ modules, tls: await ca.wrongName() });
    withAuth = await start({ modules, tls: await ca.issue(), auth: { user: 'alice', password: 'n3trc-pa55word' } });
    viaConnect = await start({ modules, tls: await ca.issue({ hosts: ['proxy.goproxy-doctor.invalid'] }) });
    db = createFakeSumDb({ modules });
    sumdbProxy = await start({ modules, sumdbSupported: db.name, sumdb: db });
    const otherKey = createFakeSumDb({ modules, signWithOtherKey: true });
    otherKeyProxy = await start({ modules, sumdbSupported: otherKey.name, sumdb: otherKey });
    refusing = createFakeSumDb({ modules, lookupFaults: { 'example.com/hello': 410 } });
    lookup410Proxy = await start({ modules, sumdbSupported: refusing.name, sumdb: refusing });
    fileProxyDir = mkdtempSync(path.join(tmpdir(), 'gpd-fileproxy-'));
    writeFileProxy(fileProxyDir, modules);
    explicitDb = await startFakeSumDb({ modules });
    directDb = await startFakeSumDb({ modules, tls: await ca.issue({ hosts: ['sum.goproxy-doctor.invalid'] }) });
    servers.push(explicitDb, directDb);
    // The database name is .invalid; the CONNECT proxy is where it "resolves", on port 443, to the TLS fake.
    connectToDb = await startConnectProxy({ hostMap: { [`${directDb.name}:443`]: directDb.port } });
    servers.push(connectToDb);
    connect = await startConnectProxy();
    connectAuth = await startConnectProxy({ requireAuth: { user: 'bob', password: 'pr0xy-pa55word' } });
    connectBlocked = await startConnectProxy({ connectStatus: 403 });
    servers.push(connect, connectAuth, connectBlocked);
    // A port that refuses connections: bind, note it, close.
    closedServer = createServer();
    await new Promise<void>((resolve) => closedServer.listen(0, '127.0.0.1', resolve));
    closedPort = (closedServer.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closedServer.close(() => resolve()));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    ca?.cleanup();
    if (fileProxyDir) rmSync(fileProxyDir, { recursive: true, force: true });
  });

  describe('file:// entries', () => {
    test('a file:// proxy serves the module', async () => {
      const report = await check({ env: { GOPROXY: `file://${fileProxyDir}` } });
      expect(verdictOf(report).result).toBe('ok');
      expect(report.probes[0]).toMatchObject({ ok: true, phase: 'done' });
    });

    test('a file:// proxy without the module is "not found": "," falls through to #2', async () => {
      const empty = mkdtempSync(path.join(tmpdir(), 'gpd-fileproxy-empty-'));
      try {
        const report = await check({ env: { GOPROXY: `file://${empty},${http.url}` } });
        const v = verdictOf(report);
        expect(v).toMatchObject({ result: 'ok', fetch: { servedBy: 1 } });
        expect(v.fetch.steps[0]).toMatchObject({ outcome: 'not-found', fellThrough: true });
      } finally {
        rmSync(empty, { recursive: true, force: true });
      }
    });
  });

  test('a healthy proxy serves the module and nothing is wrong with it', async () => {
    const report = await check({ env: { GOPROXY: http.url } });
    const v = verdictOf(report);
    expect(v.result).toBe('ok');
    expect(v.fetch.servedBy).toBe(0);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const probe = report.probes.find((p) => p.target === 'module');
    expect(probe).toMatchObject({ ok: true, status: 200, phase: 'done' });
    expect(probe?.timings.total).toBeGreaterThan(0);
  });

  test.each([
    ['404', 'module-not-found', 'not-found'],
    ['410', 'module-not-found', 'not-found'],
    ['401', 'auth-required', 'http-401'],
    ['403', 'auth-required', 'http-403'],
    ['500', 'proxy-server-error', 'server-error'],
    ['502', 'proxy-server-error', 'server-error'],
    ['503', 'proxy-server-error', 'server-error'],
    ['reset', 'network-blocked', 'broken-response'],
    ['html-login', 'auth-required', 'html-response'],
    ['redirect-loop', 'proxy-server-error', 'redirect-loop'],
    ['credential-404', 'private-module-proxied', 'private-module-not-found'],
  ] as const)('fault %s alone: %s (%s), the build fails at entry #1', async (fault, id, rule) => {
    const report = await check({ env: { GOPROXY: http.faultUrl(fault) } });
    const f = oneByCause(report, rule);
    expect(f.id).toBe(id);
    expect(f.severity).toBe('error');
    expect(f.modules).toEqual([HELLO]);
    const v = verdictOf(report);
    expect(v.result).toBe('fail');
    expect(v.failedAt).toEqual({ stage: 'fetch', entry: 0 });
    expect(f.fixes.length).toBeGreaterThan(0);
  });

  test.each([
    ['404', 'ok', undefined],
    ['410', 'ok', undefined],
    ['500', 'fail', 0],
    ['401', 'fail', 0],
    ['reset', 'fail', 0],
  ] as const)('fault %s before a healthy entry after ",": %s', async (fault, result, entry) => {
    const report = await check({ env: { GOPROXY: `${http.faultUrl(fault)},${http.url}` } });
    const v = verdictOf(report);
    expect(v.result).toBe(result);
    if (result === 'ok') {
      expect(v.fetch.servedBy).toBe(1);
      expect(v.fetch.steps[0]).toMatchObject({ entry: 0, outcome: 'not-found', fellThrough: true });
      expect(report.findings.filter((f) => f.severity !== 'info' && f.group === 'proxy')).toEqual([]);
    } else {
      expect(v.failedAt).toEqual({ stage: 'fetch', entry });
      expect(v.fetch.notReached).toEqual([1]);
      expect(v.summary).toMatch(/falls through only on 404\/410/);
    }
  });

  test.each(['500', '401', 'reset', 'html-login'] as const)('fault %s before a healthy entry after "|": served by #2, with a warning', async (fault) => {
    const report = await check({ env: { GOPROXY: `${http.faultUrl(fault)}|${http.url}` } });
    const v = verdictOf(report);
    expect(v.result).toBe('ok');
    expect(v.fetch.servedBy).toBe(1);
    const f = oneByRule(report, 'entry-failed-fallthrough');
    expect(f.severity).toBe('warning');
    expect(f.message).toMatch(/^#1 .* for example\.com\/hello@v1\.0\.0, but "\|" after it lets go fall through/);
  });

  test('404 then off: the module is not found, and off ends the list', async () => {
    const report = await check({ env: { GOPROXY: `${http.faultUrl('404')},off` } });
    const v = verdictOf(report);
    expect(v).toMatchObject({ result: 'fail', failedAt: { stage: 'fetch', entry: 1 } });
    const f = oneByCause(report, 'not-found');
    expect(f.message).toMatch(/would fail at #1 .*the next entry is off, which ends the list/);
    expect(byRule(report, 'goproxy-off')).toEqual([]);
  });

  test('500 then 404 after "|": go reports the 500, and the walk ends at #2', async () => {
    const report = await check({ env: { GOPROXY: `${http.faultUrl('500')}|${http.faultUrl('404')}` } });
    const v = verdictOf(report);
    expect(v.result).toBe('fail');
    expect(v.failedAt).toEqual({ stage: 'fetch', entry: 1 });
    expect(v.fetch.errorFrom).toBe(0);
    expect(v.fetch.error).toMatch(/500 Internal Server Error/);
    expect(oneByCause(report, 'server-error').message).toMatch(/go reports this error although the walk ended at #2/);
  });

  test('a hanging proxy is cut off at the deadline and reported as a timeout', async () => {
    const started = Date.now();
    const report = await check({ env: { GOPROXY: http.faultUrl('hang') }, options: { timeoutMs: 800 } });
    expectCutOffAt(Date.now() - started, 800);
    const f = oneByCause(report, 'timeout');
    expect(f.id).toBe('network-blocked');
    expect(f.message).toMatch(/did not answer before the 800 ms deadline/);
    expect(verdictOf(report).failedAt).toEqual({ stage: 'fetch', entry: 0 });
    expect(report.probes[0]?.timedOut).toBe(true);
  });

  test('a slow proxy inside the deadline is fine, and its time shows', async () => {
    const report = await check({ env: { GOPROXY: http.faultUrl('slow/300') } });
    expect(verdictOf(report).result).toBe('ok');
    expect(report.probes[0]?.timings.total).toBeGreaterThanOrEqual(290);
  });

  test('a refused connection: network-blocked at the connect phase', async () => {
    const report = await check({ env: { GOPROXY: `http://127.0.0.1:${closedPort}` } });
    const f = oneByCause(report, 'connect');
    expect(f.id).toBe('network-blocked');
    expect(f.evidence.join('\n')).toMatch(/connect: connection refused/);
    expect(report.probes[0]?.phase).toBe('connect');
  });

  test('a name that does not resolve: dns-failure', async () => {
    const report = await check({ env: { GOPROXY: 'https://nothing.goproxy-doctor.invalid', HTTPS_PROXY: undefined, HTTP_PROXY: undefined } });
    const f = oneByCause(report, 'dns');
    expect(f.id).toBe('dns-failure');
    expect(f.message).toMatch(/lookup nothing\.goproxy-doctor\.invalid/);
    expect(report.probes[0]?.phase).toBe('dns');
  });

  describe('TLS', () => {
    test('a certificate from the trusted test CA verifies, and its details are reported', async () => {
      const report = await check({ env: { GOPROXY: https.url, SSL_CERT_FILE: ca.caCertPath } });
      expect(verdictOf(report).result).toBe('ok');
      const tls = report.probes[0]?.tls;
      expect(tls).toMatchObject({ verified: true });
      expect(tls?.issuer).toMatch(/goproxy-doctor test CA/);
      expect(report.probes[0]?.timings.tls).toBeGreaterThan(0);
    });

    test('without SSL_CERT_FILE the test CA is unknown, as it is to go', async () => {
      const report = await check({ env: { GOPROXY: https.url } });
      const f = oneByCause(report, 'tls-verify');
      expect(f.id).toBe('tls-certificate');
      expect(f.message).toMatch(/certificate signed by unknown authority/);
      expect(f.fixes.some((fix) => fix.command?.includes('SSL_CERT_FILE'))).toBe(true);
    });

    test.each([
      ['self-signed', () => selfSigned, /certificate signed by unknown authority/],
      ['expired', () => expired, /certificate has expired or is not yet valid/],
      ['wrong name', () => wrongName, /doesn't contain any IP SANs|is valid for wrong-name\.invalid/],
    ] as const)('%s certificate: tls-certificate', async (_name, server, text) => {
      const report = await check({ env: { GOPROXY: server().url, SSL_CERT_FILE: ca.caCertPath } });
      const f = oneByCause(report, 'tls-verify');
      expect(f.id).toBe('tls-certificate');
      expect(f.message).toMatch(text);
      expect(verdictOf(report).failedAt).toEqual({ stage: 'fetch', entry: 0 });
      expect(report.probes[0]?.tls?.verified).toBe(false);
    });

    test('an https:// entry pointing at a plain-HTTP server', async () => {
      const report = await check({ env: { GOPROXY: http.url.replace('http://', 'https://') } });
      const f = oneByCause(report, 'https-to-http-server');
      expect(f.message).toMatch(/server gave HTTP response to HTTPS client/);
    });
  });

  describe('credentials', () => {
    test('401 without .netrc; with a matching host:port machine (go 1.23) the module is served', async () => {
      const base = { GOPROXY: withAuth.url, SSL_CERT_FILE: ca.caCertPath };
      const without = await check({ env: base });
      expect(oneByCause(without, 'http-401').group).toBe('credentials');
      const host = new URL(withAuth.url).host;
      const report = await check({ env: base, files: { 'home/.netrc': `machine ${host}\nlogin alice\npassword n3trc-pa55word\n` } });
      expect(verdictOf(report).result).toBe('ok');
      expect(report.probes[0]?.credentials).toBe(`.netrc machine ${host}`);
    });

    test('a machine line without the port does not match on go 1.23: a warning says why', async () => {
      const report = await check({ env: { GOPROXY: withAuth.url, SSL_CERT_FILE: ca.caCertPath }, files: { 'home/.netrc': 'machine 127.0.0.1\nlogin alice\npassword n3trc-pa55word\n' } });
      const f = oneByRule(report, 'netrc-machine-mismatch');
      expect(f.message).toContain(`machine ${new URL(withAuth.url).host}`);
      expect(verdictOf(report).result).toBe('fail');
    });
  });

  describe('HTTP proxy (HTTPS_PROXY) and CONNECT', () => {
    const invalidHost = (): string => viaConnect.urlWithHost('proxy.goproxy-doctor.invalid');

    test('through a CONNECT proxy the .invalid name is reached and served', async () => {
      const report = await check({ env: { GOPROXY: invalidHost(), HTTPS_PROXY: connect.url, SSL_CERT_FILE: ca.caCertPath } });
      expect(verdictOf(report).result).toBe('ok');
      expect(report.probes[0]?.via).toContain(connect.url);
      expect(report.probes[0]?.timings.proxy).toBeGreaterThan(0);
      expect(connect.requests.some((r) => r.method === 'CONNECT' && r.target.startsWith('proxy.goproxy-doctor.invalid:'))).toBe(true);
    });

    test('a proxy that wants credentials (407): http-proxy-env', async () => {
      const report = await check({ env: { GOPROXY: invalidHost(), HTTPS_PROXY: connectAuth.url, SSL_CERT_FILE: ca.caCertPath } });
      const f = oneByCause(report, 'http-proxy-auth', 'http-proxy-failed');
      expect(f.id).toBe('http-proxy-env');
      expect(f.message).toMatch(/Proxy Authentication Required/);
    });

    test('with credentials in HTTPS_PROXY the tunnel opens', async () => {
      const report = await check({ env: { GOPROXY: invalidHost(), HTTPS_PROXY: connectAuth.urlWithAuth('bob', 'pr0xy-pa55word'), SSL_CERT_FILE: ca.caCertPath } });
      expect(verdictOf(report).result).toBe('ok');
    });

    test('a proxy that refuses the tunnel (403): http-proxy-env', async () => {
      const report = await check({ env: { GOPROXY: invalidHost(), HTTPS_PROXY: connectBlocked.url, SSL_CERT_FILE: ca.caCertPath } });
      const f = oneByCause(report, 'http-proxy', 'http-proxy-failed');
      expect(f.id).toBe('http-proxy-env');
      expect(f.message).toMatch(/Forbidden/);
    });

    test('a proxy that is down: proxyconnect refused', async () => {
      const report = await check({ env: { GOPROXY: invalidHost(), HTTPS_PROXY: `http://127.0.0.1:${closedPort}`, SSL_CERT_FILE: ca.caCertPath } });
      const f = oneByCause(report, 'http-proxy', 'http-proxy-failed');
      expect(f.message).toMatch(/proxyconnect tcp: dial tcp 127\.0\.0\.1:\d+: connect: connection refused/);
    });

    test('NO_PROXY matching the host: go connects directly, so the .invalid name fails DNS', async () => {
      const report = await check({ env: { GOPROXY: invalidHost(), HTTPS_PROXY: connect.url, NO_PROXY: '.goproxy-doctor.invalid', SSL_CERT_FILE: ca.caCertPath } });
      expect(oneByCause(report, 'dns').id).toBe('dns-failure');
      expect(report.probes[0]?.via).toBeUndefined();
      expect(report.network?.noProxy).toBe('.goproxy-doctor.invalid');
    });

    test('loopback proxies are never sent through HTTPS_PROXY', async () => {
      const report = await check({ env: { GOPROXY: http.url, HTTP_PROXY: `http://127.0.0.1:${closedPort}` } });
      expect(verdictOf(report).result).toBe('ok');
      expect(report.probes[0]?.via).toBeUndefined();
    });
  });

  describe('checksum database', () => {
    test('reached through the proxy (/sumdb/<name>/supported), tree head and lookup verify', async () => {
      const report = await check({ env: { GOPROXY: sumdbProxy.url, GOSUMDB: db.vkey } });
      expect(report.sumdb).toMatchObject({ name: db.name, via: 'proxy', proxyEntry: 0, needed: true, treeHead: { ok: true } });
      const v = verdictOf(report);
      expect(v.result).toBe('ok');
      expect(v.verify).toMatchObject({ consulted: true, ok: true });
      expect(report.findings.filter((f) => f.group === 'sumdb')).toEqual([]);
    });

    test('a tree head signed by another key: sumdb-key-mismatch, verification fails', async () => {
      const report = await check({ env: { GOPROXY: otherKeyProxy.url, GOSUMDB: db.vkey } });
      const f = oneByRule(report, 'sumdb-key-mismatch');
      expect(f.severity).toBe('error');
      expect(f.message).toMatch(/does not verify against the key GOSUMDB names/);
      expect(verdictOf(report).failedAt).toEqual({ stage: 'verify' });
    });

    test('a lookup answered 410: sumdb-not-found; GOPRIVATE first, the GONOSUMDB fix marked as weakening', async () => {
      const report = await check({ env: { GOPROXY: lookup410Proxy.url, GOSUMDB: refusing.vkey } });
      expect(report.sumdb).toMatchObject({ via: 'proxy', treeHead: { ok: true } });
      const f = oneByRule(report, 'sumdb-not-found');
      expect(f.severity).toBe('error');
      expect(f.modules).toEqual([HELLO]);
      expect(verdictOf(report).failedAt).toEqual({ stage: 'verify' });
      expect(f.fixes[0]).toMatchObject({ id: 'goprivate-add', weakensSecurity: false });
      expect(f.fixes.find((x) => x.command?.includes('GONOSUMDB') === true)).toMatchObject({ id: 'gonosumdb-add', weakensSecurity: true });
      expect(byRule(report, 'sumdb-key-mismatch')).toEqual([]);
    });

    test('/sumdb/<name>/supported answering 500 makes every lookup fail', async () => {
      const report = await check({ env: { GOPROXY: sumdbProxy.faultUrl('sumdb-500'), GOSUMDB: db.vkey } });
      const f = oneByRule(report, 'sumdb-proxy-failed');
      expect(f.severity).toBe('error');
      expect(report.sumdb?.via).toBe('error');
      expect(verdictOf(report).failedAt).toEqual({ stage: 'verify' });
    });

    test('an explicit URL in GOSUMDB is used as is, without asking the proxies', async () => {
      http.requests.length = 0;
      const report = await check({ env: { GOPROXY: http.url, GOSUMDB: explicitDb.gosumdb } });
      expect(report.sumdb).toMatchObject({ via: 'explicit', url: explicitDb.url, treeHead: { ok: true } });
      expect(verdictOf(report).verify).toMatchObject({ consulted: true, ok: true });
      expect(http.requests.some((r) => r.path.includes('/sumdb/'))).toBe(false);
      expect(explicitDb.requests.some((r) => r.startsWith('/lookup/example.com/hello@v1.0.0'))).toBe(true);
    });

    test('no proxy supports the database: it is reached directly at https://<name>, here through HTTPS_PROXY', async () => {
      const report = await check({ env: { GOPROXY: http.url, GOSUMDB: directDb.vkey, HTTPS_PROXY: connectToDb.url, SSL_CERT_FILE: ca.caCertPath } });
      expect(report.sumdb).toMatchObject({ via: 'direct', url: `https://${directDb.name}`, treeHead: { ok: true } });
      expect(report.probes.find((p) => p.target === 'sumdb-supported')).toMatchObject({ status: 404 });
      expect(report.probes.find((p) => p.target === 'sumdb-latest')?.via).toContain(connectToDb.url);
      expect(verdictOf(report).result).toBe('ok');
    });

    test('reached directly but the name does not resolve: every lookup fails', async () => {
      const report = await check({ env: { GOPROXY: http.url, GOSUMDB: directDb.vkey, HTTPS_PROXY: undefined, HTTP_PROXY: undefined } });
      const f = oneByRule(report, 'sumdb-unreachable');
      expect(f.message).toMatch(/could not be resolved/);
      expect(verdictOf(report).failedAt).toEqual({ stage: 'verify' });
    });

    test('GONOSUMDB covering the module: the database is not asked for it', async () => {
      const report = await check({ env: { GOPROXY: otherKeyProxy.url, GOSUMDB: db.vkey, GONOSUMDB: 'example.com/hello' } });
      const v = verdictOf(report);
      expect(v.result).toBe('ok');
      expect(v.verify).toMatchObject({ consulted: false });
      // The bad tree head is still worth a warning: the next dependency will need the database.
      expect(oneByRule(report, 'sumdb-key-mismatch').severity).toBe('warning');
    });
  });

  test('toolchain: go 1.99.0 with GOTOOLCHAIN=auto is looked up through the chain and is not there', async () => {
    const report = await check({
      env: { GOPROXY: http.url, GOTOOLCHAIN: 'auto' },
      goMod: 'module example.com/app\n\ngo 1.99.0\n\nrequire example.com/hello v1.0.0\n',
    });
    expect(report.toolchain).toMatchObject({ switchTo: 'go1.99.0', action: 'download' });
    const f = oneByRule(report, 'toolchain-not-available');
    expect(f.id).toBe('toolchain-download');
    expect(f.evidence[0]).toMatch(/^go would report: download go1\.99\.0 for \w+\/\w+: toolchain not available$/);
    expect(report.probes.some((p) => p.target === 'toolchain' && p.url.includes('/golang.org/toolchain/@v/v0.0.1-go1.99.0.'))).toBe(true);
  });
});
