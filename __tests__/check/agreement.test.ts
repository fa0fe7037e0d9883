/**
 * The proof that `check`'s verdict is Go's: for each configuration, `check` (with that Go's
 * environment) says whether example.com/hello@v1.0.0 would fail and at which GOPROXY entry, and the
 * real `go mod download` of every installed release (go 1.19, 1.21-1.27) is run against the same
 * loopback servers. They must agree on failure, and on the failing entry (go's error names that
 * entry's URL). GOAUTH configurations (Go 1.24+) run their entries in check as go does: a command,
 * `git <dir>`, an invalid list and a command that fails.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { runCheck } from '../../src/check/run-check.js';
import type { CheckReport, ModuleVerdict } from '../../src/check/types.js';
import { startConnectProxy, type ConnectProxy } from '../helpers/connect-proxy.js';
import { exampleModules, startFakeGoProxy, type FakeGoProxy } from '../helpers/fake-goproxy.js';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFakeSumDb, startFakeSumDb, type FakeSumDb, type RunningFakeSumDb } from '../helpers/fake-sumdb.js';
import { limiter } from '../../src/concurrency.js';
import { atLeast, availableGoVersions, goBinary, runGo, type GoVersion } from '../helpers/go-toolchains.js';
import { createTestCa, type TestCa } from '../helpers/test-ca.js';
import { prepareCase, removeSandbox, writeFileProxy } from './harness.js';

const versions = availableGoVersions();
const describeGo = versions.length > 0 ? describe : describe.skip;

interface Servers {
  http: FakeGoProxy;
  https: FakeGoProxy;
  expired: FakeGoProxy;
  wrongName: FakeGoProxy;
  withAuth: FakeGoProxy;
  viaConnect: FakeGoProxy;
  sumdbProxy: FakeGoProxy;
  otherKeyProxy: FakeGoProxy;
  refusingProxy: FakeGoProxy;
  db: FakeSumDb;
  refusing: FakeSumDb;
  connect: ConnectProxy;
  connectAuth: ConnectProxy;
  ca: TestCa;
  closedPort: number;
  fileProxy: string;
  emptyDir: string;
  explicitDb: RunningFakeSumDb;
  directDb: RunningFakeSumDb;
  connectToDb: ConnectProxy;
  /** A GOAUTH command printing withAuth's credentials for its host, and a git repository whose credential helper knows them. */
  goauthHelper: string;
  /** A GOAUTH command that exits 1 without printing anything. */
  goauthFailing: string;
  gitRepo: string;
}

interface Configuration {
  name: string;
  env(s: Servers): Record<string, string | undefined>;
  goMod?: string;
  files?(s: Servers): Record<string, string>;
  /** The module whose verdict is compared (default example.com/hello); the toolchain case uses golang.org/toolchain. */
  subject?: string;
  /** Only these releases (default: all). */
  on?: (v: GoVersion) => boolean;
  /** Rules check must report for this configuration, besides agreeing with go. */
  expectRules?: string[];
}

const NETRC_FOR_AUTH = (s: Servers): Record<string, string> => ({ 'home/.netrc': `machine ${new URL(s.withAuth.url).host}\nlogin alice\npassword n3trc-pa55word\n` });

const configurations: Configuration[] = [
  { name: 'healthy http proxy', env: (s) => ({ GOPROXY: s.http.url }) },
  { name: '404 then a healthy entry after ","', env: (s) => ({ GOPROXY: `${s.http.faultUrl('404')},${s.http.url}` }) },
  { name: '410 after "|" then 404: not found anywhere', env: (s) => ({ GOPROXY: `${s.http.faultUrl('410')}|${s.http.faultUrl('404')}` }) },
  { name: '500 then a healthy entry after ","', env: (s) => ({ GOPROXY: `${s.http.faultUrl('500')},${s.http.url}` }) },
  { name: '502 then a healthy entry after "|"', env: (s) => ({ GOPROXY: `${s.http.faultUrl('502')}|${s.http.url}` }) },
  { name: '401 from the only entry', env: (s) => ({ GOPROXY: s.http.faultUrl('401') }) },
  { name: '403 then a healthy entry after ","', env: (s) => ({ GOPROXY: `${s.http.faultUrl('403')},${s.http.url}` }) },
  { name: 'connection refused then a healthy entry after "|"', env: (s) => ({ GOPROXY: `http://127.0.0.1:${s.closedPort}|${s.http.url}` }) },
  { name: 'connection refused then a healthy entry after ","', env: (s) => ({ GOPROXY: `http://127.0.0.1:${s.closedPort},${s.http.url}` }) },
  { name: 'reset mid-body', env: (s) => ({ GOPROXY: s.http.faultUrl('reset') }) },
  { name: 'HTML login page', env: (s) => ({ GOPROXY: s.http.faultUrl('html-login') }) },
  { name: 'redirect loop', env: (s) => ({ GOPROXY: s.http.faultUrl('redirect-loop') }) },
  { name: 'GOPROXY=off', env: () => ({ GOPROXY: 'off' }) },
  { name: '404 then off', env: (s) => ({ GOPROXY: `${s.http.faultUrl('404')},off` }) },
  { name: 'healthy entry then off', env: (s) => ({ GOPROXY: `${s.http.url},off` }) },
  { name: 'https, test CA unknown', env: (s) => ({ GOPROXY: s.https.url }) },
  { name: 'https, test CA trusted through SSL_CERT_FILE', env: (s) => ({ GOPROXY: s.https.url, SSL_CERT_FILE: s.ca.caCertPath }) },
  { name: 'https, expired certificate', env: (s) => ({ GOPROXY: s.expired.url, SSL_CERT_FILE: s.ca.caCertPath }) },
  { name: 'https, certificate for another name', env: (s) => ({ GOPROXY: s.wrongName.url, SSL_CERT_FILE: s.ca.caCertPath }) },
  { name: 'https, 401 without .netrc', env: (s) => ({ GOPROXY: s.withAuth.url, SSL_CERT_FILE: s.ca.caCertPath }) },
  {
    name: 'https, .netrc machine host:port',
    env: (s) => ({ GOPROXY: s.withAuth.url, SSL_CERT_FILE: s.ca.caCertPath }),
    files: (s) => ({ 'home/.netrc': `machine ${new URL(s.withAuth.url).host}\nlogin alice\npassword n3trc-pa55word\n` }),
  },
  {
    name: '.invalid host through a CONNECT proxy',
    env: (s) => ({ GOPROXY: s.viaConnect.urlWithHost('proxy.goproxy-doctor.invalid'), HTTPS_PROXY: s.connect.url, SSL_CERT_FILE: s.ca.caCertPath }),
  },
  {
    name: '.invalid host through a CONNECT proxy that answers 407',
    env: (s) => ({ GOPROXY: s.viaConnect.urlWithHost('proxy.goproxy-doctor.invalid'), HTTPS_PROXY: s.connectAuth.url, SSL_CERT_FILE: s.ca.caCertPath }),
  },
  {
    name: '.invalid host with HTTPS_PROXY set but NO_PROXY covering it',
    env: (s) => ({ GOPROXY: s.viaConnect.urlWithHost('proxy.goproxy-doctor.invalid'), HTTPS_PROXY: s.connect.url, NO_PROXY: '.goproxy-doctor.invalid', SSL_CERT_FILE: s.ca.caCertPath }),
  },
  { name: '.invalid host without a proxy (DNS)', env: () => ({ GOPROXY: 'https://nothing.goproxy-doctor.invalid', HTTPS_PROXY: undefined, HTTP_PROXY: undefined }) },
  { name: 'file:// proxy', env: (s) => ({ GOPROXY: `file://${s.fileProxy}` }) },
  { name: 'empty file:// proxy, then http after ","', env: (s) => ({ GOPROXY: `file://${s.emptyDir},${s.http.url}` }) },
  { name: 'empty file:// proxy alone', env: (s) => ({ GOPROXY: `file://${s.emptyDir}` }) },
  { name: 'checksum database through the proxy', env: (s) => ({ GOPROXY: s.sumdbProxy.url, GOSUMDB: s.db.vkey }) },
  { name: 'checksum database at an explicit URL', env: (s) => ({ GOPROXY: s.http.url, GOSUMDB: s.explicitDb.gosumdb }) },
  {
    name: 'checksum database reached directly through HTTPS_PROXY',
    env: (s) => ({ GOPROXY: s.http.url, GOSUMDB: s.directDb.vkey, HTTPS_PROXY: s.connectToDb.url, SSL_CERT_FILE: s.ca.caCertPath }),
  },
  { name: 'checksum database reached directly, name does not resolve', env: (s) => ({ GOPROXY: s.http.url, GOSUMDB: s.directDb.vkey, HTTPS_PROXY: undefined, HTTP_PROXY: undefined }) },
  { name: 'checksum database signed by another key', env: (s) => ({ GOPROXY: s.otherKeyProxy.url, GOSUMDB: s.db.vkey }) },
  { name: 'checksum database refuses the lookup (410)', env: (s) => ({ GOPROXY: s.refusingProxy.url, GOSUMDB: s.refusing.vkey }) },
  { name: '/sumdb/<name>/supported answers 500', env: (s) => ({ GOPROXY: s.sumdbProxy.faultUrl('sumdb-500'), GOSUMDB: s.db.vkey }) },
  // GOAUTH (Go 1.24+; ignored before, where .netrc alone decides).
  { name: 'GOAUTH=off with a matching .netrc', env: (s) => ({ GOPROXY: s.withAuth.url, SSL_CERT_FILE: s.ca.caCertPath, GOAUTH: 'off' }), files: NETRC_FOR_AUTH },
  { name: 'GOAUTH=netrc with a matching .netrc', env: (s) => ({ GOPROXY: s.withAuth.url, SSL_CERT_FILE: s.ca.caCertPath, GOAUTH: 'netrc' }), files: NETRC_FOR_AUTH },
  {
    name: 'GOAUTH=off;netrc (invalid) with a matching .netrc',
    env: (s) => ({ GOPROXY: s.withAuth.url, SSL_CERT_FILE: s.ca.caCertPath, GOAUTH: 'off;netrc' }),
    files: NETRC_FOR_AUTH,
    on: (v) => !atLeast(v, 24),
  },
  {
    name: 'GOAUTH=off;netrc (invalid, go stops at its first https request)',
    env: (s) => ({ GOPROXY: s.withAuth.url, SSL_CERT_FILE: s.ca.caCertPath, GOAUTH: 'off;netrc' }),
    files: NETRC_FOR_AUTH,
    on: (v) => atLeast(v, 24),
    expectRules: ['goauth-invalid'],
  },
  {
    name: 'GOAUTH command supplying the credentials',
    env: (s) => ({ GOPROXY: s.withAuth.url, SSL_CERT_FILE: s.ca.caCertPath, GOAUTH: s.goauthHelper }),
    on: (v) => atLeast(v, 24),
  },
  {
    name: 'GOAUTH=git <dir> whose credential helper supplies them',
    env: (s) => ({ GOPROXY: s.withAuth.url, SSL_CERT_FILE: s.ca.caCertPath, GOAUTH: `git ${s.gitRepo}` }),
    on: (v) => atLeast(v, 24),
  },
  {
    name: 'GOAUTH command that fails, then netrc without the machine',
    env: (s) => ({ GOPROXY: s.withAuth.url, SSL_CERT_FILE: s.ca.caCertPath, GOAUTH: `netrc;${s.goauthFailing}` }),
    on: (v) => atLeast(v, 24),
    expectRules: ['goauth-entry-failed'],
  },
  {
    name: 'GOAUTH command that fails, with a matching .netrc first',
    env: (s) => ({ GOPROXY: s.withAuth.url, SSL_CERT_FILE: s.ca.caCertPath, GOAUTH: `netrc;${s.goauthFailing}` }),
    files: NETRC_FOR_AUTH,
    on: (v) => atLeast(v, 24),
  },
  {
    name: 'toolchain go1.99.0 with GOTOOLCHAIN=auto',
    env: (s) => ({ GOPROXY: s.http.url, GOTOOLCHAIN: 'auto' }),
    goMod: 'module example.com/app\n\ngo 1.99.0\n\nrequire example.com/hello v1.0.0\n',
    subject: 'golang.org/toolchain',
    // Go 1.19 has no toolchain switching (and cannot read a three-part go line).
    on: (v) => atLeast(v, 21),
  },
];

/** The URL base (scheme, host, path) of a chain entry, as go prints it in errors. */
function entryUrl(report: CheckReport, index: number | undefined): string | undefined {
  if (index === undefined) return undefined;
  const url = report.chain[index]?.url;
  return url?.replace(/\/$/, '');
}

describeGo('check agrees with the real go about what fails and where', () => {
  let servers: Servers;
  const closers: Array<{ close(): Promise<void> }> = [];
  const outcomes: Array<{ name: string; version: string; fails: boolean }> = [];
  const goauthDirs: string[] = [];

  beforeAll(async () => {
    const ca = await createTestCa();
    const modules = exampleModules();
    const start = async (options: Parameters<typeof startFakeGoProxy>[0]): Promise<FakeGoProxy> => {
      const s = await startFakeGoProxy(options);
      closers.push(s);
      return s;
    };
    const db = createFakeSumDb({ modules });
    const otherKey = createFakeSumDb({ modules, signWithOtherKey: true });
    const refusing = createFakeSumDb({ modules, lookupFaults: { 'example.com/hello': 410 } });
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const connect = await startConnectProxy();
    const connectAuth = await startConnectProxy({ requireAuth: { user: 'bob', password: 'pr0xy-pa55word' } });
    closers.push(connect, connectAuth);
    const fileProxy = mkdtempSync(path.join(tmpdir(), 'gpd-fileproxy-'));
    writeFileProxy(fileProxy, modules);
    const emptyDir = mkdtempSync(path.join(tmpdir(), 'gpd-fileproxy-empty-'));
    const explicitDb = await startFakeSumDb({ modules });
    const directDb = await startFakeSumDb({ modules, tls: await ca.issue({ hosts: ['sum.goproxy-doctor.invalid'] }) });
    const connectToDb = await startConnectProxy({ hostMap: { [`${directDb.name}:443`]: directDb.port } });
    closers.push(explicitDb, directDb, connectToDb);
    const withAuth = await start({ modules, tls: await ca.issue(), auth: { user: 'alice', password: 'n3trc-pa55word' } });
    const goauthDir = mkdtempSync(path.join(tmpdir(), 'gpd-goauth-'));
    goauthDirs.push(goauthDir);
    const goauthHelper = path.join(goauthDir, 'helper.sh');
    const basic = Buffer.from('alice:n3trc-pa55word').toString('base64');
    writeFileSync(goauthHelper, `#!/bin/sh\nprintf '%s\\n\\nAuthorization: Basic ${basic}\\n\\n' '${new URL(withAuth.url).origin}'\n`);
    chmodSync(goauthHelper, 0o755);
    const goauthFailing = path.join(goauthDir, 'failing.sh');
    writeFileSync(goauthFailing, '#!/bin/sh\nexit 1\n');
    chmodSync(goauthFailing, 0o755);
    const gitRepo = path.join(goauthDir, 'repo');
    execFileSync('git', ['init', '-q', gitRepo], { stdio: 'ignore', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: goauthDir } });
    execFileSync('git', ['-C', gitRepo, 'config', 'credential.helper', "!f() { test \"$1\" = get || exit 0; echo username=alice; echo password=n3trc-pa55word; }; f"], {
      stdio: 'ignore',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: goauthDir },
    });
    servers = {
      goauthHelper,
      goauthFailing,
      gitRepo,
      fileProxy,
      emptyDir,
      explicitDb,
      directDb,
      connectToDb,
      ca,
      http: await start({ modules }),
      https: await start({ modules, tls: await ca.issue() }),
      expired: await start({ modules, tls: await ca.issue({ expired: true }) }),
      wrongName: await start({ modules, tls: await ca.wrongName() }),
      withAuth,
      viaConnect: await start({ modules, tls: await ca.issue({ hosts: ['proxy.goproxy-doctor.invalid'] }) }),
      sumdbProxy: await start({ modules, sumdbSupported: db.name, sumdb: db }),
      otherKeyProxy: await start({ modules, sumdbSupported: otherKey.name, sumdb: otherKey }),
      refusingProxy: await start({ modules, sumdbSupported: refusing.name, sumdb: refusing }),
      db,
      refusing,
      connect,
      connectAuth,
      closedPort,
    };
  }, 60_000);

  afterAll(async () => {
    await Promise.all(closers.map((c) => c.close()));
    servers?.ca.cleanup();
    for (const dir of [servers?.fileProxy, servers?.emptyDir, ...goauthDirs]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** One configuration on one release; throws (through expect) on the first disagreement. */
  async function agree(version: GoVersion, configuration: Configuration): Promise<void> {
    const spec = {
      env: configuration.env(servers),
      go: version,
      ...(configuration.goMod !== undefined ? { goMod: configuration.goMod } : {}),
      ...(configuration.files ? { files: configuration.files(servers) } : {}),
    };
    // check, with this go's environment.
    const forCheck = prepareCase(spec);
    let report: CheckReport;
    try {
      // A deadline far above any answer here, so a loaded machine running several checks at once does not turn verdicts into "unknown".
      report = await runCheck(forCheck.io, { goBinary: goBinary(version), timeoutMs: 30_000 });
    } finally {
      removeSandbox(forCheck.sandbox);
    }
    for (const rule of configuration.expectRules ?? []) expect(report.findings.map((f) => f.rule)).toContain(rule);
    const subject = configuration.subject ?? 'example.com/hello';
    const verdict = report.modules.find((m) => m.module === subject) as ModuleVerdict;
    expect(verdict).toBeDefined();
    expect(verdict.result).not.toBe('unknown');

    // The real go, in a fresh sandbox with the same environment.
    const forGo = prepareCase(spec);
    let run;
    try {
      run = await runGo(version, ['mod', 'download', 'example.com/hello@v1.0.0'], forGo.env, { cwd: forGo.sandbox.work, timeoutMs: 30_000 });
    } finally {
      removeSandbox(forGo.sandbox);
    }
    const goFails = run.exitCode !== 0;
    outcomes.push({ name: configuration.name, version, fails: goFails });
    const context = `check: ${verdict.summary}\ngo (exit ${run.exitCode}): ${run.stderr}`;
    expect({ fails: verdict.result === 'fail', context }).toEqual({ fails: goFails, context });

    if (goFails && verdict.failedAt?.stage === 'fetch') {
      if (subject === 'golang.org/toolchain') {
        expect(run.stderr).toMatch(/toolchain not available/);
      } else if (verdict.fetch.error?.startsWith('go: GOAUTH') === true) {
        // An invalid GOAUTH stops go before its first request: its words, and no URL.
        expect(run.stderr).toContain(verdict.fetch.error);
      } else {
        // go's error names the entry check blames (the reported one, per TryProxies' ranking), and no other.
        const blamed = entryUrl(report, verdict.fetch.errorFrom ?? verdict.failedAt.entry);
        if (blamed === undefined) {
          expect(run.stderr).toMatch(/GOPROXY=off/);
        } else {
          const u = new URL(blamed);
          expect(run.stderr).toContain(u.pathname.length > 1 ? u.pathname : u.host);
          for (const other of report.chain) {
            if (other.url === undefined || other.url === blamed) continue;
            const path = new URL(other.url).pathname;
            if (path.length > 1 && path !== u.pathname) expect(run.stderr).not.toContain(`${path}/`);
          }
        }
      }
    }
    if (goFails && verdict.failedAt?.stage === 'verify') expect(run.stderr).toMatch(/verifying|tree note|checksum/);
  }

  const applies = (v: GoVersion, c: Configuration): boolean => c.on?.(v) ?? true;

  // One test per release, its configurations three at a time.
  test.each(versions)(
    'go%s: every configuration',
    async (version) => {
      const limit = limiter(3);
      const failures: string[] = [];
      const selected = configurations.filter((c) => applies(version, c));
      await Promise.all(
        selected.map((c) =>
          limit(async () => {
            try {
              await agree(version, c);
            } catch (error) {
              failures.push(`${c.name}: ${error instanceof Error ? error.message : String(error)}`);
            }
          }),
        ),
      );
      expect(failures).toEqual([]);
    },
    600_000,
  );

  test('the configurations cover both outcomes on every Go version', () => {
    for (const version of versions) {
      const mine = outcomes.filter((o) => o.version === version);
      expect(mine.length).toBeGreaterThanOrEqual(10);
      expect(mine.some((o) => o.fails)).toBe(true);
      expect(mine.some((o) => !o.fails)).toBe(true);
    }
  });
});
