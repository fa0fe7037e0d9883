/**
 * `check --with-go` end to end with the real go 1.23: on configurations the check-vs-go suite
 * (agreement.test.ts) covers, go's own `go mod download -x -json` agrees with check's prediction; a proxy
 * that answers go's later requests differently from the one check probes shows a disagreement with go's
 * trace; a proxy that never answers is cut off at the deadline with the whole process group; and the user's
 * module cache and go.sum are never touched.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCheck } from '../../src/check/run-check.js';
import type { CheckReport, Finding } from '../../src/check/types.js';
import { runInProcessGroup, type GoRunner } from '../../src/check/with-go.js';
import { startConnectProxy, type ConnectProxy } from '../helpers/connect-proxy.js';
import { exampleModules, startFakeGoProxy, type FakeGoProxy, type FakeModule } from '../helpers/fake-goproxy.js';
import { createFakeSumDb, goSumLines, startFakeSumDb, type RunningFakeSumDb } from '../helpers/fake-sumdb.js';
import { availableGoVersions, goBinary, type GoVersion } from '../helpers/go-toolchains.js';
import { runCli } from '../helpers/test-io.js';
import { closeServer, listenOnLoopback } from '../helpers/listen.js';
import { moduleGoMod } from '../helpers/module-zip.js';
import { createTestCa, type TestCa } from '../helpers/test-ca.js';
import { byRule, prepareCase, removeSandbox, writeFileProxy, type CheckCase } from './harness.js';

const describeGo = availableGoVersions(['1.23']).length > 0 ? describe : describe.skip;
/** The releases the check-vs-go suite compares with (agreement.test.ts). */
const versions = availableGoVersions(['1.21', '1.23']);

/** Runs check --with-go for a case with a real go (1.23 unless the case names one) and a generous deadline; `runner` wraps how go runs. */
async function checkWithGo(c: CheckCase, runner?: GoRunner, timeoutMs = 30_000): Promise<CheckReport> {
  const { sandbox, io } = prepareCase(c);
  try {
    return await runCheck(io, { goBinary: goBinary(c.go ?? '1.23'), timeoutMs, withGo: true }, runner ? { goRunner: runner } : {});
  } finally {
    removeSandbox(sandbox);
  }
}

const crossCheck = (report: CheckReport): Finding[] => byRule(report, 'go-cross-check');

interface CheckJsonLike {
  findings: Array<{ id: string; rule: string }>;
}

describeGo('check --with-go agrees with the real go where check does', () => {
  const closers: Array<{ close(): Promise<void> }> = [];
  let s: {
    http: FakeGoProxy;
    https: FakeGoProxy;
    expired: FakeGoProxy;
    viaConnect: FakeGoProxy;
    sumdbProxy: FakeGoProxy;
    otherKeyProxy: FakeGoProxy;
    refusingProxy: FakeGoProxy;
    explicitDb: RunningFakeSumDb;
    connect: ConnectProxy;
    ca: TestCa;
    closedPort: number;
    fileProxy: string;
    dbVkey: string;
    refusingVkey: string;
  };

  beforeAll(async () => {
    const modules = exampleModules();
    const ca = await createTestCa();
    const start = async (options: Parameters<typeof startFakeGoProxy>[0]): Promise<FakeGoProxy> => {
      const proxy = await startFakeGoProxy(options);
      closers.push(proxy);
      return proxy;
    };
    const db = createFakeSumDb({ modules });
    const otherKey = createFakeSumDb({ modules, signWithOtherKey: true });
    const refusing = createFakeSumDb({ modules, lookupFaults: { 'example.com/hello': 410 } });
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const connect = await startConnectProxy();
    const explicitDb = await startFakeSumDb({ modules });
    closers.push(connect, explicitDb);
    const fileProxy = mkdtempSync(path.join(tmpdir(), 'gpd-with-go-files-'));
    writeFileProxy(fileProxy, modules);
    s = {
      http: await start({ modules }),
      https: await start({ modules, tls: await ca.issue() }),
      expired: await start({ modules, tls: await ca.issue({ expired: true }) }),
      viaConnect: await start({ modules, tls: await ca.issue({ hosts: ['proxy.goproxy-doctor.invalid'] }) }),
      sumdbProxy: await start({ modules, sumdbSupported: db.name, sumdb: db }),
      otherKeyProxy: await start({ modules, sumdbSupported: otherKey.name, sumdb: otherKey }),
      refusingProxy: await start({ modules, sumdbSupported: refusing.name, sumdb: refusing }),
      explicitDb,
      connect,
      ca,
      closedPort,
      fileProxy,
      dbVkey: db.vkey,
      refusingVkey: refusing.vkey,
    };
  }, 60_000);

  afterAll(async () => {
    await Promise.all(closers.map((c) => c.close()));
    s?.ca.cleanup();
    if (s?.fileProxy) rmSync(s.fileProxy, { recursive: true, force: true });
  });

  const configurations: Array<[string, () => Record<string, string | undefined>]> = [
    ['healthy http proxy', () => ({ GOPROXY: s.http.url })],
    ['404 then a healthy entry after ","', () => ({ GOPROXY: `${s.http.faultUrl('404')},${s.http.url}` })],
    ['410 after "|" then 404', () => ({ GOPROXY: `${s.http.faultUrl('410')}|${s.http.faultUrl('404')}` })],
    ['500 then a healthy entry after ","', () => ({ GOPROXY: `${s.http.faultUrl('500')},${s.http.url}` })],
    ['502 then a healthy entry after "|"', () => ({ GOPROXY: `${s.http.faultUrl('502')}|${s.http.url}` })],
    ['401 from the only entry', () => ({ GOPROXY: s.http.faultUrl('401') })],
    ['connection refused then a healthy entry after "|"', () => ({ GOPROXY: `http://127.0.0.1:${s.closedPort}|${s.http.url}` })],
    ['GOPROXY=off', () => ({ GOPROXY: 'off' })],
    ['https, test CA unknown', () => ({ GOPROXY: s.https.url })],
    ['https, test CA trusted through SSL_CERT_FILE', () => ({ GOPROXY: s.https.url, SSL_CERT_FILE: s.ca.caCertPath })],
    ['https, expired certificate', () => ({ GOPROXY: s.expired.url, SSL_CERT_FILE: s.ca.caCertPath })],
    ['.invalid host through a CONNECT proxy', () => ({ GOPROXY: s.viaConnect.urlWithHost('proxy.goproxy-doctor.invalid'), HTTPS_PROXY: s.connect.url, SSL_CERT_FILE: s.ca.caCertPath })],
    ['.invalid host without a proxy (DNS)', () => ({ GOPROXY: 'https://nothing.goproxy-doctor.invalid', HTTPS_PROXY: undefined, HTTP_PROXY: undefined })],
    ['file:// proxy', () => ({ GOPROXY: `file://${s.fileProxy}` })],
    ['checksum database through the proxy', () => ({ GOPROXY: s.sumdbProxy.url, GOSUMDB: s.dbVkey })],
    ['checksum database at an explicit URL', () => ({ GOPROXY: s.http.url, GOSUMDB: s.explicitDb.gosumdb })],
    ['checksum database signed by another key', () => ({ GOPROXY: s.otherKeyProxy.url, GOSUMDB: s.dbVkey })],
    ['checksum database refuses the lookup (410)', () => ({ GOPROXY: s.refusingProxy.url, GOSUMDB: s.refusingVkey })],
    ['/sumdb/<name>/supported answers 500', () => ({ GOPROXY: s.sumdbProxy.faultUrl('sumdb-500'), GOSUMDB: s.dbVkey })],
  ];
  const seen: Array<{ name: string; version: GoVersion; fails: boolean }> = [];
  const cases = configurations.flatMap(([name, env]) => versions.map((version) => [name, version, env] as const));

  test.each(cases)('%s (go %s)', async (name, version, env) => {
    const report = await checkWithGo({ env: env(), go: version });
    const verdict = report.modules.find((m) => m.module === 'example.com/hello');
    expect(verdict?.result).not.toBe('unknown');
    const findings = crossCheck(report);
    const context = JSON.stringify(findings, null, 2);
    expect({ ids: findings.map((f) => f.id), context }).toEqual({ ids: ['go-agrees'], context });
    const agrees = findings[0] as Finding;
    expect(agrees.severity).toBe('info');
    expect(agrees.modules).toEqual(['example.com/hello@v1.0.0']);
    // go's own result, as the note states it, is check's verdict.
    expect(agrees.evidence).toContain(`example.com/hello@v1.0.0: ${verdict?.result === 'ok' ? 'downloaded' : 'failed'}, as check predicted`);
    seen.push({ name, version, fails: verdict?.result === 'fail' });
  });

  test('the configurations cover both outcomes on every Go version', () => {
    expect(seen.length).toBe(cases.length);
    for (const version of versions) {
      const mine = seen.filter((o) => o.version === version);
      expect(mine.filter((o) => o.fails).length).toBeGreaterThanOrEqual(5);
      expect(mine.filter((o) => !o.fails).length).toBeGreaterThanOrEqual(5);
    }
  });
});

/** A proxy whose .info and .mod answers are fine but whose .zip answers are 500: check probes only the .info. */
async function startZipFailingProxy(): Promise<{ url: string; paths: string[]; close(): Promise<void> }> {
  const hello = exampleModules()[0];
  const paths: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createHttpServer((req, res) => {
    paths.push(req.url ?? '/');
    const p = (req.url ?? '/').split('?')[0] ?? '/';
    const send = (status: number, body: string, type = 'text/plain; charset=utf-8'): void => {
      res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    };
    if (p === '/example.com/hello/@v/v1.0.0.info') return send(200, JSON.stringify({ Version: 'v1.0.0', Time: '2020-01-01T00:00:00Z' }), 'application/json');
    if (p === '/example.com/hello/@v/v1.0.0.mod' && hello) return send(200, moduleGoMod(hello));
    if (p.endsWith('.zip')) return send(500, 'zip storage unavailable\n');
    return send(404, 'not found\n');
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listenOnLoopback(server);
  return { url: `http://127.0.0.1:${port}`, paths, close: () => closeServer(server, sockets) };
}

describeGo('check --with-go shows where go differs', () => {
  test('a proxy that fails the .zip check never asks for: go-disagrees, an error, with go\'s trace', async () => {
    const proxy = await startZipFailingProxy();
    try {
      const report = await checkWithGo({ env: { GOPROXY: proxy.url, GOSUMDB: 'off' } });
      expect(report.modules.find((m) => m.module === 'example.com/hello')?.result).toBe('ok');
      const [f, ...rest] = crossCheck(report);
      expect(rest).toEqual([]);
      expect(f).toMatchObject({ id: 'go-disagrees', rule: 'go-cross-check', severity: 'error', group: 'proxy', modules: ['example.com/hello@v1.0.0'] });
      expect(f?.message).toBe("For example.com/hello@v1.0.0, check predicted it would be downloaded, but go failed. go's result is the one your build gets.");
      expect(f?.evidence[0]).toMatch(/^check predicted: /);
      expect(f?.evidence).toContain(`go mod download reported: example.com/hello@v1.0.0: reading ${proxy.url}/example.com/hello/@v/v1.0.0.zip: 500 Internal Server Error\n\tserver response: zip storage unavailable`);
      expect(f?.evidence).toContain(`go printed: # get ${proxy.url}/example.com/hello/@v/v1.0.0.zip: 500 Internal Server Error`);
      expect(f?.evidence).toContain(`go printed: # get ${proxy.url}/example.com/hello/@v/v1.0.0.info: 200 OK`);
      // The .zip request is go's, not the probe's.
      expect(proxy.paths.filter((p) => p.endsWith('.zip')).length).toBeGreaterThanOrEqual(1);
    } finally {
      await proxy.close();
    }
  });

  test("go's trace keeps no secret: a token in the GOPROXY query (go prints it) is shown as xxxxx", async () => {
    const proxy = await startZipFailingProxy();
    try {
      const report = await checkWithGo({ env: { GOPROXY: `${proxy.url}/?token=s3cr3t-pa55`, GOSUMDB: 'off' } });
      expect(proxy.paths.some((p) => p.includes('token=s3cr3t-pa55'))).toBe(true);
      const [f] = crossCheck(report);
      expect(f?.id).toBe('go-disagrees');
      const text = JSON.stringify(report);
      expect(text).not.toContain('s3cr3t-pa55');
      // (The report's own redaction pass also takes the ":" after a redacted query value.)
      expect(f?.evidence).toContainEqual(expect.stringMatching(new RegExp(`^go printed: # get ${proxy.url.replace(/[.]/g, '\\.')}/example\\.com/hello/@v/v1\\.0\\.0\\.zip\\?token=xxxxx:? 500 Internal Server Error$`)));
    } finally {
      await proxy.close();
    }
  });

  test('a proxy that never answers: go is stopped at the deadline with its process group, and the note says where it waited', async () => {
    const proxy = await startFakeGoProxy({ modules: exampleModules() });
    try {
      const started = Date.now();
      const report = await checkWithGo({ env: { GOPROXY: proxy.faultUrl('hang'), GOSUMDB: 'off' } }, undefined, 3000);
      expect(Date.now() - started).toBeLessThan(3000 + 5000);
      const [f, ...rest] = crossCheck(report);
      expect(rest).toEqual([]);
      expect(f).toMatchObject({ id: 'go-did-not-finish', severity: 'info' });
      expect(f?.evidence).toContain(`go was waiting for: # get ${proxy.faultUrl('hang')}/example.com/hello/@v/v1.0.0.info (no answer)`);
    } finally {
      await proxy.close();
    }
  });

  test('through the CLI: --with-go with --offline is a usage error; otherwise the note is printed and --json carries it', async () => {
    const proxy = await startFakeGoProxy({ modules: exampleModules() });
    const { sandbox, env } = prepareCase({ env: { GOPROXY: proxy.url, GOSUMDB: 'off' } });
    try {
      const cli = (args: string[]) => runCli(['--go', goBinary('1.23'), 'check', ...args], { env, cwd: sandbox.work, homedir: sandbox.home });
      const offline = await cli(['--with-go', '--offline']);
      expect([offline.code, offline.stderr, offline.stdout]).toEqual([2, 'goproxy-doctor: --with-go downloads modules, so it cannot be combined with --offline\n', '']);
      const human = await cli(['--with-go', '--timeout', '30000']);
      expect(human.code).toBe(0);
      expect(human.stdout).toMatch(/go-agrees \(go-cross-check\): The real go \(go mod download -x -json, in a throw-away module cache, \d+ ms\) agreed with check on 1 module\.\n\s+│ example\.com\/hello@v1\.0\.0: downloaded, as check predicted\n/);
      const json = JSON.parse((await cli(['--with-go', '--json', '--timeout', '30000'])).stdout) as CheckJsonLike;
      expect(json.findings.filter((f) => f.rule === 'go-cross-check').map((f) => f.id)).toEqual(['go-agrees']);
    } finally {
      removeSandbox(sandbox);
      await proxy.close();
    }
  });

  test("never the user's module cache or go.sum: go runs in a temporary module that is removed afterwards", async () => {
    const proxy = await startFakeGoProxy({ modules: exampleModules() });
    const goSum = `${goSumLines(exampleModules()[0] as FakeModule).join('\n')}\nexample.com/other v1.0.0 h1:AAAA=\n`;
    const seenRuns: Array<{ cwd: string; env: Record<string, string> }> = [];
    const recording: GoRunner = async (file, args, options) => {
      seenRuns.push({ cwd: options.cwd, env: options.env });
      // While go runs, its module's go.sum holds only the lines of the modules checked.
      expect(readFileSync(path.join(options.cwd, 'go.sum'), 'utf8')).toBe(`${goSumLines(exampleModules()[0] as FakeModule).join('\n')}\n`);
      return runInProcessGroup(file, args, options);
    };
    const { sandbox, io } = prepareCase({ env: { GOPROXY: proxy.url, GOSUMDB: 'off' }, goSum });
    try {
      const userCache = sandbox.env.GOMODCACHE as string;
      const report = await runCheck(io, { goBinary: goBinary('1.23'), timeoutMs: 30_000, withGo: true }, { goRunner: recording });
      expect(crossCheck(report).map((f) => f.id)).toEqual(['go-agrees']);
      expect(seenRuns).toHaveLength(1);
      const run = seenRuns[0] as { cwd: string; env: Record<string, string> };
      const root = path.dirname(run.cwd);
      expect(run.env.GOMODCACHE).toBe(path.join(root, 'modcache'));
      expect(run.env.GOPATH).toBe(path.join(root, 'gopath'));
      expect(run.env.GOFLAGS).toBe(`${sandbox.env.GOFLAGS ?? ''} -modcacherw`.trim());
      expect(run.env.GOTOOLCHAIN).toBe('local');
      expect(run.env.GOWORK).toBe('off');
      expect(run.env.GOPROXY).toBe(proxy.url);
      expect(root.startsWith(sandbox.root)).toBe(false);
      expect(existsSync(root)).toBe(false);
      // The user's cache never saw the module; go.sum is byte for byte what it was.
      expect(existsSync(path.join(userCache, 'cache', 'download', 'example.com'))).toBe(false);
      expect(readFileSync(path.join(sandbox.work, 'go.sum'), 'utf8')).toBe(goSum);
      expect(readdirSync(sandbox.work).sort()).toEqual(['go.mod', 'go.sum']);
    } finally {
      removeSandbox(sandbox);
      await proxy.close();
    }
  });
});
