/**
 * Self-test of the fake GOPROXY: the real `go` downloads from it, and each URL-chosen fault
 * produces the error cmd/go really prints for it.
 */
import { existsSync } from 'node:fs';
import { availableGoVersions, createGoSandbox, runGo, type GoVersion } from '../helpers/go-toolchains.js';
import { exampleModules, startFakeGoProxy, type FakeGoProxy } from '../helpers/fake-goproxy.js';
import { goModHash, moduleZipHash } from '../helpers/module-zip.js';

const versions = availableGoVersions(['1.23', '1.21', '1.19']);
const describeGo = versions.length > 0 ? describe : describe.skip;

/** Runs `go mod download -json <arg>` in a fresh sandbox; the error text may land in stdout (JSON) or stderr. */
async function download(version: GoVersion, goproxy: string, arg: string, timeoutMs = 20_000) {
  const sandbox = createGoSandbox();
  try {
    const started = Date.now();
    const run = await runGo(version, ['mod', 'download', '-json', arg], { ...sandbox.env, GOPROXY: goproxy }, { cwd: sandbox.root, timeoutMs });
    const parsed = run.stdout.trim().startsWith('{') ? (JSON.parse(run.stdout) as Record<string, string>) : {};
    return { ...run, json: parsed, output: `${run.stdout}\n${run.stderr}`, elapsedMs: Date.now() - started, zipExists: parsed.Zip ? existsSync(parsed.Zip) : false };
  } finally {
    sandbox.cleanup();
  }
}

describeGo.each(versions)('fake goproxy with real go %s', (version) => {
  let proxy: FakeGoProxy;
  beforeAll(async () => {
    proxy = await startFakeGoProxy({
      modules: exampleModules(),
      faults: { 'example.com/private': 'credential-410', 'example.com/teapot': 418 },
    });
    proxy.addModule({ path: 'example.com/private', version: 'v1.0.0' });
    proxy.addModule({ path: 'example.com/teapot', version: 'v1.0.0' });
  });
  afterAll(async () => {
    await proxy.close();
  });

  test('serves a module that go downloads and whose hashes match module-zip.ts', async () => {
    const run = await download(version, proxy.url, 'example.com/hello@v1.0.0');
    expect(run.exitCode).toBe(0);
    expect(run.json.Version).toBe('v1.0.0');
    expect(run.zipExists).toBe(true);
    const module = exampleModules()[0]!;
    expect(run.json.Sum).toBe(moduleZipHash(module));
    expect(run.json.GoModSum).toBe(goModHash(module));
  });

  test('decodes case-escaped paths and versions sent as %21', async () => {
    const before = proxy.requests.length;
    const run = await download(version, `${proxy.url}/ok`, 'example.com/Upper@v1.0.0-RC1');
    expect(run.exitCode).toBe(0);
    expect(run.json.Version).toBe('v1.0.0-RC1');
    const paths = proxy.requests.slice(before).map((r) => r.path);
    expect(paths).toContain('/ok/example.com/%21upper/@v/v1.0.0-%21r%21c1.zip');
  });

  test('@latest resolves through @v/list to the highest release', async () => {
    const run = await download(version, proxy.url, 'example.com/hello@latest');
    expect(run.exitCode).toBe(0);
    expect(run.json.Version).toBe('v1.1.0');
  });

  test('an unknown module is 404 with the text/plain body shown as server response', async () => {
    const run = await download(version, proxy.url, 'example.com/nope@v1.0.0');
    expect(run.exitCode).not.toBe(0);
    expect(run.output).toMatch(/reading http:\/\/127\.0\.0\.1:\d+\/example\.com\/nope\/@v\/v1\.0\.0\.info: 404 Not Found\\n\\tserver response: not found: /);
  });

  test.each([
    ['404 then ok with ","', (p: FakeGoProxy) => `${p.faultUrl('404')},${p.url}`],
    ['410 then ok with ","', (p: FakeGoProxy) => `${p.faultUrl('410')},${p.url}`],
    ['500 then ok with "|"', (p: FakeGoProxy) => `${p.faultUrl('500')}|${p.url}`],
    ['403 then ok with "|"', (p: FakeGoProxy) => `${p.faultUrl('403')}|${p.url}`],
    ['redirect/3', (p: FakeGoProxy) => p.faultUrl('redirect/3')],
  ])('falls through or recovers: %s', async (_name, goproxy) => {
    const run = await download(version, goproxy(proxy), 'example.com/hello@v1.0.0');
    expect(run.exitCode).toBe(0);
    expect(run.zipExists).toBe(true);
  });

  test.each([
    ['500 stops a "," list', (p: FakeGoProxy) => `${p.faultUrl('500')},${p.url}`, /\/fault\/500\/example\.com\/hello\/@v\/v1\.0\.0\.info: 500 Internal Server Error/],
    ['403 stops a "," list', (p: FakeGoProxy) => `${p.faultUrl('403')},${p.url}`, /: 403 Forbidden/],
    ['502', (p: FakeGoProxy) => p.faultUrl('502'), /: 502 Bad Gateway/],
    ['401', (p: FakeGoProxy) => p.faultUrl('401'), /: 401 Unauthorized/],
    ['407', (p: FakeGoProxy) => p.faultUrl('407'), /: 407 Proxy Authentication Required/],
    ['404 then 410 reports the last', (p: FakeGoProxy) => `${p.faultUrl('404')},${p.faultUrl('410')}`, /\/fault\/410\/.*: 410 Gone/],
    ['text-body-404', (p: FakeGoProxy) => p.faultUrl('text-body-404'), /404 Not Found\\n\\tserver response:\\n\\tnot found: .*\\n\\t.*allow-list/],
    ['long-text-500', (p: FakeGoProxy) => p.faultUrl('long-text-500'), /\[Truncated: too many lines\.\]/],
    ['html-login', (p: FakeGoProxy) => p.faultUrl('html-login'), /invalid response from proxy .*html-login.*invalid character/],
    ['login-redirect', (p: FakeGoProxy) => p.faultUrl('login-redirect'), /invalid response from proxy .*login-redirect.*invalid character/],
    ['reset', (p: FakeGoProxy) => p.faultUrl('reset'), /connection reset by peer|unexpected EOF/],
    ['redirect-loop', (p: FakeGoProxy) => p.faultUrl('redirect-loop'), /stopped after 10 redirects/],
  ])('fails as go really does: %s', async (_name, goproxy, expected) => {
    const run = await download(version, goproxy(proxy), 'example.com/hello@v1.0.0');
    expect(run.exitCode).not.toBe(0);
    expect(run.output).toMatch(expected);
  });

  test('a per-module fault applies only to that module (credential-410 fixture, numeric 418)', async () => {
    const privateRun = await download(version, proxy.url, 'example.com/private@v1.0.0');
    expect(privateRun.exitCode).not.toBe(0);
    expect(privateRun.output).toMatch(/410 Gone\\n\\tserver response:\\n\\tnot found: example\.com\/private@v1\.0\.0: .*\\n\\t\\tfatal: could not read Username for 'https:\/\/example\.com': terminal prompts disabled/);
    const teapot = await download(version, proxy.url, 'example.com/teapot@v1.0.0');
    expect(teapot.output).toMatch(/418 I'm a Teapot/i);
    const hello = await download(version, proxy.url, 'example.com/hello@v1.0.0');
    expect(hello.exitCode).toBe(0);
  });

  test('slow/<ms> delays every response and then serves', async () => {
    const run = await download(version, proxy.faultUrl('slow/250'), 'example.com/hello@v1.0.0');
    expect(run.exitCode).toBe(0);
    // .info, .mod and .zip are each delayed.
    expect(run.elapsedMs).toBeGreaterThanOrEqual(3 * 250);
  });
});

describeGo.each(versions)('fake goproxy fixture mode with real go %s', (version) => {
  let proxy: FakeGoProxy;
  beforeAll(async () => {
    proxy = await startFakeGoProxy({ modules: exampleModules(), fixture: 'credential-410' });
  });
  afterAll(async () => {
    await proxy.close();
  });

  test('an unknown module gets the credential-failure body; known modules still download', async () => {
    const pinned = await download(version, proxy.url, 'git.corp.invalid/team/private@v1.2.3');
    expect(pinned.exitCode).not.toBe(0);
    expect(pinned.output).toMatch(
      /@v\/v1\.2\.3\.info: 410 Gone\\n\\tserver response:\\n\\tnot found: git\.corp\.invalid\/team\/private@v1\.2\.3: invalid version: git ls-remote -q origin in .*exit status 128:\\n\\t\\tfatal: could not read Username for 'https:\/\/git\.corp\.invalid': terminal prompts disabled\\n\\tConfirm the import path was entered correctly\./,
    );
    const latest = await download(version, proxy.url, 'git.corp.invalid/team/private@latest');
    expect(latest.output).toMatch(/@v\/list: 410 Gone\\n\\tserver response:\\n\\tnot found: module git\.corp\.invalid\/team\/private: /);
    const known = await download(version, proxy.url, 'example.com/hello@v1.0.0');
    expect(known.exitCode).toBe(0);
  });
});

describeGo('fake goproxy lifecycle', () => {
  test('hang never answers; close() still returns promptly and frees the client', async () => {
    const proxy = await startFakeGoProxy({ modules: exampleModules() });
    const running = download(versions[0]!, proxy.faultUrl('hang'), 'example.com/hello@v1.0.0', 15_000);
    const deadline = Date.now() + 5_000;
    while (proxy.requests.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(proxy.requests.map((r) => r.path)).toEqual(['/fault/hang/example.com/hello/@v/v1.0.0.info']);
    await new Promise((r) => setTimeout(r, 300));
    const closeStarted = Date.now();
    await proxy.close();
    expect(Date.now() - closeStarted).toBeLessThan(2_000);
    // Destroying the socket ends the hung request, so go exits with an error well before its timeout.
    const run = await running;
    expect(run.exitCode).toBeGreaterThan(0);
    expect(run.elapsedMs).toBeLessThan(14_000);
  });

  test('Basic auth is required on every request when configured', async () => {
    const proxy = await startFakeGoProxy({ modules: exampleModules(), auth: { user: 'alice', password: 's3cret' } });
    try {
      const run = await download(versions[0]!, proxy.url, 'example.com/hello@v1.0.0');
      expect(run.output).toMatch(/401 Unauthorized/);
      const ok = await fetch(`${proxy.url}/example.com/hello/@v/list`, {
        headers: { Authorization: `Basic ${Buffer.from('alice:s3cret').toString('base64')}` },
        signal: AbortSignal.timeout(5_000),
      });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toBe('v1.0.0\nv1.1.0\n');
      const wrong = await fetch(`${proxy.url}/example.com/hello/@v/list`, {
        headers: { Authorization: `Basic ${Buffer.from('alice:nope').toString('base64')}` },
        signal: AbortSignal.timeout(5_000),
      });
      expect(wrong.status).toBe(401);
      expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic /);
    } finally {
      await proxy.close();
    }
  });

  test('sumdb paths: /supported only for the configured name, sumdb-<code> faults only sumdb', async () => {
    const proxy = await startFakeGoProxy({ modules: exampleModules(), sumdbSupported: 'sum.goproxy-doctor.invalid' });
    try {
      const get = async (path: string) => (await fetch(proxy.url + path, { signal: AbortSignal.timeout(5_000) })).status;
      expect(await get('/sumdb/sum.goproxy-doctor.invalid/supported')).toBe(200);
      expect(await get('/sumdb/sum.golang.org/supported')).toBe(404);
      expect(await get('/fault/sumdb-500/sumdb/sum.goproxy-doctor.invalid/supported')).toBe(500);
      expect(await get('/fault/sumdb-500/example.com/hello/@v/list')).toBe(200);
      expect(await get('/fault/no-such-fault/example.com/hello/@v/list')).toBe(400);
    } finally {
      await proxy.close();
    }
  });
});
