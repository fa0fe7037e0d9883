/**
 * `goproxy-doctor report`: the whole document against the real `go` and a loopback proxy, and the proof
 * that no secret in the environment, the .netrc file or the build log reaches it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../src/cli/main.js';
import { secretLookingEnvValues } from '../src/cli/report.js';
import { ExitCode } from '../src/errors.js';
import { finalRedaction } from '../src/report/markdown.js';
import { exampleModules, startFakeGoProxy, type FakeGoProxy } from './helpers/fake-goproxy.js';
import { availableGoVersions, createGoSandbox, goBinary, goVersionString, type GoSandbox } from './helpers/go-toolchains.js';
import { createTestIo, type TestIo } from './helpers/test-io.js';

const versions = availableGoVersions();
const newest = versions[versions.length - 1];

const PROXY_PASSWORD = 'pr0xyPa55w0rd';
const NETRC_PASSWORD = 'n3trcS3cretPW';
const HTTP_PROXY_PASSWORD = 'hTTpPr0xyPW';
const BEARER = 'tok-ABCDEF-123456';
const QUERY_TOKEN = 'qTokenValue99';
const GITHUB_TOKEN = 'ghp_FAKEtoken1234567890';

function expectOneLineError(io: TestIo): string {
  const err = io.stderr.text();
  expect(err.endsWith('\n')).toBe(true);
  expect(err.trimEnd().split('\n')).toHaveLength(1);
  expect(err).not.toMatch(/\n\s+at /);
  return err;
}

describe('secret-looking environment values', () => {
  test('values of variables named like credentials are collected; short or ordinary ones are not', () => {
    expect(
      secretLookingEnvValues({ GITHUB_TOKEN, NPM_TOKEN: 'short', AWS_SECRET_ACCESS_KEY: 'abcdefghijkl', DB_PASSWORD: 'p4ssw0rd!', HOME: '/home/someone', GOPROXY: 'https://proxy.invalid' }).sort(),
    ).toEqual([GITHUB_TOKEN, 'abcdefghijkl', 'p4ssw0rd!'].sort());
  });

  test('the final pass masks a known secret wherever it landed and shortens the home directory', () => {
    const text = finalRedaction('note: login with hunter2hunter2 from /home/alice/.netrc, url https://a:b@h.invalid/?token=zzz', ['hunter2hunter2'], '/home/alice');
    expect(text).toBe('note: login with xxxxx from ~/.netrc, url https://a:xxxxx@h.invalid/?token=xxxxx');
  });
});

(newest === undefined ? describe.skip : describe)('report command', () => {
  let sandbox: GoSandbox;
  let proxy: FakeGoProxy;
  const go = (): string => goBinary(newest!);

  beforeAll(async () => {
    proxy = await startFakeGoProxy({ modules: exampleModules() });
  });
  afterAll(async () => {
    await proxy.close();
  });
  beforeEach(() => {
    sandbox = createGoSandbox('gpd-report-');
    mkdirSync(sandbox.work, { recursive: true });
    mkdirSync(sandbox.home, { recursive: true });
  });
  afterEach(() => sandbox.cleanup());

  function secretEnv(): Record<string, string> {
    return {
      ...sandbox.env,
      // go never sends credentials over http, so they sit on a second (https) entry that is not reached.
      GOPROXY: `http://127.0.0.1:${proxy.port},https://alice:${PROXY_PASSWORD}@proxy.goproxy-doctor.invalid`,
      HTTP_PROXY: `http://carol:${HTTP_PROXY_PASSWORD}@127.0.0.1:9`,
      HTTPS_PROXY: `http://carol:${HTTP_PROXY_PASSWORD}@127.0.0.1:9`,
      GITHUB_TOKEN,
    };
  }

  test('the full document: versions, env with origins, routes, check against the proxy, the log diagnosis, and no secret anywhere', async () => {
    writeFileSync(path.join(sandbox.home, '.netrc'), `machine 127.0.0.1 login bob password ${NETRC_PASSWORD}\n`, { mode: 0o600 });
    writeFileSync(path.join(sandbox.work, 'go.mod'), 'module example.com/app\n\ngo 1.21\n\nrequire example.com/hello v1.0.0\n');
    writeFileSync(
      path.join(sandbox.work, 'build.log'),
      [
        `go: example.com/missing@v1.0.0: reading http://alice:${PROXY_PASSWORD}@127.0.0.1:${proxy.port}/example.com/missing/@v/v1.0.0.info: 404 Not Found`,
        // Secrets inside lines the report quotes as evidence: a token query parameter, and bare values.
        `go: example.com/second@v1.0.0: reading https://proxy.goproxy-doctor.invalid/example.com/second/@v/v1.0.0.info?token=${QUERY_TOKEN}: 404 Not Found`,
        `go: example.com/third@v1.0.0: reading https://proxy.goproxy-doctor.invalid/example.com/third/@v/v1.0.0.info: 404 Not Found (sent ${GITHUB_TOKEN} ${NETRC_PASSWORD} Authorization: Bearer ${BEARER})`,
        '',
      ].join('\n'),
    );
    const io = createTestIo({ env: secretEnv(), cwd: sandbox.work, homedir: sandbox.home });
    const code = await main(['--go', go(), 'report', '--log', 'build.log', '--output', 'report.md', '--timeout', '5000'], io);
    expect(io.stderr.text()).toBe('goproxy-doctor: wrote the report to report.md\n');
    expect(code).toBe(ExitCode.ok);
    expect(io.stdout.text()).toBe('');
    const doc = readFileSync(path.join(sandbox.work, 'report.md'), 'utf8');

    // What a maintainer needs.
    expect(doc.startsWith('# goproxy-doctor report\n')).toBe(true);
    // The newest installed Go: Debian's, the machine's or a fetched golang.org/toolchain.
    expect(doc).toContain(`| Go | \`${goVersionString(newest!)}\` at \`${go()}\``);
    expect(doc).toMatch(/\| goproxy-doctor \| `\d+\.\d+\.\d+` \|/);
    expect(doc).toContain(`| GOPROXY | \`http://127.0.0.1:${proxy.port},https://alice:xxxxx@proxy.goproxy-doctor.invalid\` | environment |`);
    expect(doc).toContain(`| HTTPS_PROXY | \`http://carol:xxxxx@127.0.0.1:9\` | environment |`);
    expect(doc).toContain("## Routes for go.mod's requirements");
    expect(doc).toContain(`example.com/hello@v1.0.0\n  1. proxy  http://127.0.0.1:${proxy.port}/example.com/hello/@v/v1.0.0.info`);
    expect(doc).toContain('  2. proxy  https://alice:xxxxx@proxy.goproxy-doctor.invalid/example.com/hello/@v/v1.0.0.info');
    expect(doc).toContain('## Check\n\nProbed with a 5000 ms deadline. Modules from: go.mod.');
    expect(doc).toMatch(/- ✅ `example\.com\/hello@v1\.0\.0` \(go\.mod\)/);
    expect(doc).toMatch(new RegExp(`\\| \`http://127\\.0\\.0\\.1:${proxy.port}/example\\.com/hello/@v/v1\\.0\\.0\\.info\` \\| module \\| ok \\| 200 \\|`));
    expect(doc).toContain('## Diagnosis of `build.log`');
    expect(doc).toContain('`module-not-found`');
    // The lines carrying secrets were quoted (masked), so the absence checks below mean something.
    expect(doc).toContain('example.com/second/@v/v1.0.0.info?token=xxxxx');
    expect(doc).toContain('404 Not Found (sent xxxxx xxxxx Authorization: Bearer xxxxx');
    // The proxy really was asked, so the check section reflects a real exchange.
    expect(proxy.requests.some((r) => r.path.includes('/example.com/hello/@v/v1.0.0'))).toBe(true);

    // What must never appear.
    const basic = (user: string, password: string): string => Buffer.from(`${user}:${password}`).toString('base64');
    for (const secret of [PROXY_PASSWORD, NETRC_PASSWORD, HTTP_PROXY_PASSWORD, BEARER, QUERY_TOKEN, GITHUB_TOKEN, basic('alice', PROXY_PASSWORD), basic('bob', NETRC_PASSWORD)]) {
      expect(doc).not.toContain(secret);
    }
    expect(doc).not.toContain(sandbox.home);
    expect(doc).not.toMatch(/\u001b/);
  });

  test('--output never replaces an existing file unless --force', async () => {
    const target = path.join(sandbox.work, 'notes.md');
    writeFileSync(target, 'precious user data\n');
    const io = createTestIo({ env: sandbox.env, cwd: sandbox.work, homedir: sandbox.home });
    expect(await main(['--go', go(), 'report', '--offline', '--output', 'notes.md'], io)).toBe(ExitCode.usage);
    expect(expectOneLineError(io)).toBe('goproxy-doctor: notes.md already exists; use --force to overwrite it\n');
    expect(readFileSync(target, 'utf8')).toBe('precious user data\n');

    const forced = createTestIo({ env: sandbox.env, cwd: sandbox.work, homedir: sandbox.home });
    expect(await main(['--go', go(), 'report', '--offline', '--output', 'notes.md', '--force'], forced)).toBe(ExitCode.ok);
    const doc = readFileSync(target, 'utf8');
    expect(doc.startsWith('# goproxy-doctor report\n')).toBe(true);
    expect(doc).toContain('Offline (configuration only, no requests).');
    // No go.mod here: the routes section says so instead of failing.
    expect(doc).toMatch(/## Routes for go\.mod's requirements\n\nNo routes: cannot read ~?[^\n]*go\.mod \(no such file\)/);
  });

  test('without a usable go the report is still written, saying what could not be gathered', async () => {
    writeFileSync(path.join(sandbox.work, 'build.log'), `go: example.com/missing@v1.0.0: reading https://proxy.golang.org/example.com/missing/@v/v1.0.0.info: 404 Not Found\n`);
    const io = createTestIo({ env: sandbox.env, cwd: sandbox.work, homedir: sandbox.home });
    const code = await main(['--go', path.join(sandbox.root, 'no-such-go'), 'report', '--log', 'build.log'], io);
    expect(code).toBe(ExitCode.ok);
    const doc = io.stdout.text();
    expect(doc).toContain('| Go | not available |');
    expect(doc).toMatch(/## Go environment\n\nCould not read the Go environment: .+/);
    expect(doc).toContain('## Check\n\nNot run: the Go environment could not be read.');
    expect(doc).toContain('`module-not-found`');
  });

  test('bad input fails before any output: an unreadable --log (exit 5), --force alone (exit 2)', async () => {
    const io = createTestIo({ env: sandbox.env, cwd: sandbox.work, homedir: sandbox.home });
    expect(await main(['--go', go(), 'report', '--offline', '--log', 'missing.log'], io)).toBe(ExitCode.inputUnreadable);
    expect(expectOneLineError(io)).toBe('goproxy-doctor: cannot read missing.log: no such file\n');
    expect(io.stdout.text()).toBe('');

    const forceOnly = createTestIo({ env: sandbox.env, cwd: sandbox.work, homedir: sandbox.home });
    expect(await main(['--go', go(), 'report', '--force'], forceOnly)).toBe(ExitCode.usage);
    expect(expectOneLineError(forceOnly)).toContain('--force only applies with --output');
  });
});
