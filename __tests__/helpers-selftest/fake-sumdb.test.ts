/**
 * Self-test of fake-sumdb.ts: the real `go` verifies downloads against it (signed tree notes,
 * tiles, lookups), and each injected fault gives go's real failure.
 */
import { createHash } from 'node:crypto';
import { availableGoVersions, createGoSandbox, runGo, type GoSandbox, type GoVersion } from '../helpers/go-toolchains.js';
import { exampleModules, startFakeGoProxy, type FakeGoProxy, type FakeModule } from '../helpers/fake-goproxy.js';
import { createFakeSumDb, goSumLines, startFakeSumDb, type RunningFakeSumDb } from '../helpers/fake-sumdb.js';

const versions = availableGoVersions(['1.23', '1.19']);
const describeGo = versions.length > 0 ? describe : describe.skip;

// Enough records for two tile levels (8-bit tiles: 256 records fill one level-0 tile).
const MODULES: FakeModule[] = [...exampleModules()];
for (let i = 0; i < 300; i++) MODULES.push({ path: `example.com/m${i}`, version: 'v1.0.0' });

/** `go mod download arg` in `shared` (kept) or a fresh sandbox (removed afterwards). */
async function download(version: GoVersion, env: Record<string, string>, arg: string, shared?: GoSandbox) {
  const sandbox = shared ?? createGoSandbox();
  try {
    const run = await runGo(version, ['mod', 'download', arg], { ...sandbox.env, ...env }, { cwd: sandbox.root, timeoutMs: 20_000 });
    return { ...run, output: `${run.stdout}\n${run.stderr}` };
  } finally {
    if (!shared) sandbox.cleanup();
  }
}

describe('fake sumdb formats', () => {
  test('goSumLines gives the zip line then the go.mod line', () => {
    const [zip, mod] = goSumLines({ path: 'example.com/hello', version: 'v1.0.0' });
    expect(zip).toMatch(/^example\.com\/hello v1\.0\.0 h1:[A-Za-z0-9+/]{43}=$/);
    expect(mod).toMatch(/^example\.com\/hello v1\.0\.0\/go\.mod h1:[A-Za-z0-9+/]{43}=$/);
  });

  test('vkey has the name+hex8+base64(0x01||key) shape and its hash matches the key', () => {
    const seed = new Uint8Array(32).fill(7);
    const db = createFakeSumDb({ keySeed: seed, name: 'sum.example.invalid' });
    const [name, hex, b64] = db.vkey.split('+');
    expect(name).toBe('sum.example.invalid');
    const key = Buffer.from(b64 ?? '', 'base64');
    expect(key.length).toBe(33);
    expect(key[0]).toBe(1);
    const expected = createHash('sha256').update('sum.example.invalid\n').update(key).digest().subarray(0, 4).toString('hex');
    expect(hex).toBe(expected);
    // The same seed gives the same key.
    expect(createFakeSumDb({ keySeed: seed, name: 'sum.example.invalid' }).vkey).toBe(db.vkey);
  });

  test('lookup, data tiles and hash tiles agree with each other', () => {
    const db = createFakeSumDb({ modules: MODULES.slice(0, 5) });
    // handle() takes percent-decoded paths, so the case escapes arrive as `!`.
    const lookup = db.handle('/lookup/example.com/!upper@v1.0.0-!r!c1');
    expect(lookup.status).toBe(200);
    const body = Buffer.from(lookup.body).toString('utf8');
    const [id, ...rest] = body.split('\n');
    expect(id).toBe('2');
    expect(rest.slice(0, 2)).toEqual(goSumLines(MODULES[2]!));
    expect(body).toContain(`\n\ngo.sum database tree\n5\n`);
    expect(body).toMatch(/\n\n\u2014 sum\.goproxy-doctor\.invalid [A-Za-z0-9+/]+=*\n$/);

    const data = db.handle('/tile/8/data/000.p/5');
    expect(Buffer.from(data.body).toString('utf8')).toContain(`2\n${goSumLines(MODULES[2]!).join('\n')}\n\n`);
    const hashes = Buffer.from(db.handle('/tile/8/0/000.p/5').body);
    expect(hashes.length).toBe(5 * 32);
    const recordText = Buffer.from(`${goSumLines(MODULES[2]!).join('\n')}\n`);
    const leaf = createHash('sha256').update(Buffer.from([0])).update(recordText).digest();
    expect(hashes.subarray(64, 96).equals(leaf)).toBe(true);
    expect(db.handle('/tile/8/0/000.p/6').status).toBe(404);
    expect(db.handle('/tile/8/0/000.p/0').status).toBe(400);
    expect(db.handle('/lookup/example.com/nope@v1.0.0').status).toBe(404);
  });
});

describeGo('fake sumdb with real go', () => {
  let proxy: FakeGoProxy;
  let db: RunningFakeSumDb;
  let faulty: RunningFakeSumDb;
  let otherKey: RunningFakeSumDb;

  beforeAll(async () => {
    proxy = await startFakeGoProxy({ modules: MODULES });
    db = await startFakeSumDb({ modules: MODULES, wrongHash: ['example.com/m5'], wrongGoModHash: ['example.com/m6@v1.0.0'] });
    faulty = await startFakeSumDb({ modules: MODULES, lookupFaults: { 'example.com/m1': 410, 'example.com/m2': 500 } });
    otherKey = await startFakeSumDb({ modules: MODULES, signWithOtherKey: true });
  });
  afterAll(async () => {
    await Promise.all([proxy, db, faulty, otherKey].filter(Boolean).map((s) => s.close()));
  });

  test.each(versions)('go %s verifies modules across two tile levels', async (version) => {
    const before = db.requests.length;
    for (const arg of ['example.com/hello@v1.0.0', 'example.com/m299@v1.0.0', 'example.com/Upper@v1.0.0-RC1']) {
      const run = await download(version, { GOPROXY: proxy.url, GOSUMDB: db.gosumdb }, arg);
      expect({ arg, exitCode: run.exitCode, output: run.exitCode === 0 ? '' : run.output }).toEqual({ arg, exitCode: 0, output: '' });
    }
    const seen = db.requests.slice(before);
    expect(seen).toContain('/lookup/example.com/m299@v1.0.0');
    expect(seen.some((p) => p.startsWith('/tile/8/1/'))).toBe(true);
  });

  test.each(versions)('go %s: a wrong zip hash is a checksum mismatch with SECURITY ERROR', async (version) => {
    const run = await download(version, { GOPROXY: proxy.url, GOSUMDB: db.gosumdb }, 'example.com/m5@v1.0.0');
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/example\.com\/m5@v1\.0\.0: verifying module: checksum mismatch\n\tdownloaded: h1:\S+\n\tsum\.goproxy-doctor\.invalid: h1:\S+\n\nSECURITY ERROR\n/);
  });

  test.each(versions)('go %s: a wrong go.mod hash fails at verifying go.mod', async (version) => {
    const run = await download(version, { GOPROXY: proxy.url, GOSUMDB: db.gosumdb }, 'example.com/m6@v1.0.0');
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/verifying go\.mod: checksum mismatch[\s\S]*SECURITY ERROR/);
  });

  test.each(versions)('go %s: lookup faults', async (version) => {
    const gone = await download(version, { GOPROXY: proxy.url, GOSUMDB: faulty.gosumdb }, 'example.com/m1@v1.0.0');
    expect(gone.exitCode).toBe(1);
    expect(gone.stderr).toContain(`reading ${faulty.url}/lookup/example.com/m1@v1.0.0: 410 Gone\n\tserver response: not found: example.com/m1@v1.0.0`);
    const broken = await download(version, { GOPROXY: proxy.url, GOSUMDB: faulty.gosumdb }, 'example.com/m2@v1.0.0');
    expect(broken.stderr).toContain(`reading ${faulty.url}/lookup/example.com/m2@v1.0.0: 500 Internal Server Error`);
  });

  test.each(versions)('go %s: a note signed with another key is rejected', async (version) => {
    const run = await download(version, { GOPROXY: proxy.url, GOSUMDB: otherKey.gosumdb }, 'example.com/hello@v1.0.0');
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/reading tree note: note has no verifiable signatures/);
  });

  test.each(versions)('go %s reaches the database through GOPROXY /sumdb/<name>/ when GOSUMDB has no URL', async (version) => {
    const inProcess = createFakeSumDb({ modules: MODULES });
    const viaProxy = await startFakeGoProxy({ modules: MODULES, sumdbSupported: inProcess.name, sumdb: inProcess });
    try {
      const run = await download(version, { GOPROXY: viaProxy.url, GOSUMDB: inProcess.vkey }, 'example.com/m42@v1.0.0');
      expect(run.exitCode).toBe(0);
      const paths = viaProxy.requests.map((r) => r.path);
      expect(paths).toContain(`/sumdb/${inProcess.name}/supported`);
      expect(paths).toContain(`/sumdb/${inProcess.name}/lookup/example.com/m42@v1.0.0`);
      expect(inProcess.handled).toContain('/lookup/example.com/m42@v1.0.0');
    } finally {
      await viaProxy.close();
    }
  });

  test.each(versions)('go %s accepts a grown tree (consistency proof through tiles)', async (version) => {
    const growing = await startFakeSumDb({ modules: MODULES.slice(0, 200) });
    const sandbox = createGoSandbox();
    try {
      const env = { GOPROXY: proxy.url, GOSUMDB: growing.gosumdb };
      expect((await download(version, env, 'example.com/m10@v1.0.0', sandbox)).exitCode).toBe(0);
      for (const module of MODULES.slice(200)) growing.add(module);
      const later = await download(version, env, 'example.com/m280@v1.0.0', sandbox);
      expect(later.output.trim()).toBe('');
      expect(later.exitCode).toBe(0);
      expect(growing.size).toBe(MODULES.length);
    } finally {
      sandbox.cleanup();
      await growing.close();
    }
  });
});
