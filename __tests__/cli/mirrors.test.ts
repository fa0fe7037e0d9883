/**
 * `goproxy-doctor mirrors` against loopback stand-ins (a --list file replaces the built-in list): a fast,
 * current mirror that proxies the checksum database ranks first, then a slow one, then one that does not
 * proxy the database, then one that is behind, and a failing one last; the recommended GOPROXY keeps
 * GOPRIVATE/GONOPROXY and says so; a mirror that never answers ends the run at the deadline; bad input is
 * one line and exit 2 or 5. The real go reads the environment in a sealed sandbox.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exampleModules, startFakeGoProxy, type FakeGoProxy } from '../helpers/fake-goproxy.js';
import { createFakeSumDb } from '../helpers/fake-sumdb.js';
import { availableGoVersions, createGoSandbox, goBinary, type GoSandbox } from '../helpers/go-toolchains.js';
import { runCli, type CliRun } from '../helpers/test-io.js';

const describeGo = availableGoVersions(['1.23']).length > 0 ? describe : describe.skip;

interface MirrorsJsonDoc {
  schemaVersion: number;
  sumdb: { name?: string; asked: boolean };
  newest: Record<string, string>;
  mirrors: Array<{ rank: number; id: string; url: string; available: boolean; latencyMs?: number; sumdbProxied?: boolean | null; behind: Array<{ module: string; newest: string; version?: string }>; error?: string; source: string }>;
  recommendation?: { goproxy: string; command?: string; text: string };
  keeps: { GOPRIVATE: string; GONOPROXY: string };
}

describeGo('goproxy-doctor mirrors ranks loopback stand-ins', () => {
  const servers: FakeGoProxy[] = [];
  let sandbox: GoSandbox;
  let fast: FakeGoProxy;
  let stale: FakeGoProxy;
  let noSumdb: FakeGoProxy;
  let listFile: string;
  let dbVkey: string;

  beforeAll(async () => {
    const modules = exampleModules();
    const db = createFakeSumDb({ modules });
    dbVkey = db.vkey;
    const start = async (options: Parameters<typeof startFakeGoProxy>[0]): Promise<FakeGoProxy> => {
      const s = await startFakeGoProxy(options);
      servers.push(s);
      return s;
    };
    fast = await start({ modules, sumdbSupported: db.name, sumdb: db });
    // Only v1.0.0 of example.com/hello: its @latest is behind the others' v1.1.0.
    stale = await start({ modules: modules.filter((m) => m.version !== 'v1.1.0'), sumdbSupported: db.name, sumdb: db });
    noSumdb = await start({ modules });
    sandbox = createGoSandbox('gpd-mirrors-');
    mkdirSync(sandbox.work, { recursive: true });
    listFile = path.join(sandbox.root, 'mirrors.json');
    writeFileSync(
      listFile,
      JSON.stringify({
        mirrors: [
          { id: 'failing', url: fast.faultUrl('500') },
          { id: 'stale', url: stale.url },
          { id: 'slow', url: fast.faultUrl('slow/400') },
          { id: 'no-sumdb', url: noSumdb.url },
          { id: 'fast', url: fast.url },
        ],
        modules: ['example.com/hello', 'example.com/Upper'],
      }),
    );
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    sandbox?.cleanup();
  });

  const run = (args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> => {
    const merged: Record<string, string | undefined> = { ...sandbox.env, GOSUMDB: dbVkey, GOPROXY: 'https://proxy.golang.org,direct', ...env };
    return runCli(['--go', goBinary('1.23'), 'mirrors', ...args], { env: merged, cwd: sandbox.work, homedir: sandbox.home });
  };

  test('--json: failing last, stale before it, then no checksum-database proxying, then the slow one; the fast one first', async () => {
    const result = await run(['--list', listFile, '--json', '--timeout', '10000'], { GOPRIVATE: 'github.com/acme/*' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as MirrorsJsonDoc;
    expect(doc.schemaVersion).toBe(1);
    expect(doc.sumdb).toMatchObject({ name: 'sum.goproxy-doctor.invalid', asked: true });
    expect(doc.newest).toEqual({ 'example.com/hello': 'v1.1.0', 'example.com/Upper': 'v1.0.0-RC1' });
    expect(doc.mirrors.map((m) => m.id)).toEqual(['fast', 'slow', 'no-sumdb', 'stale', 'failing']);
    const byId = Object.fromEntries(doc.mirrors.map((m) => [m.id, m]));
    expect(byId.failing).toMatchObject({ available: false, error: '500 Internal Server Error' });
    expect(byId.stale?.behind).toEqual([{ module: 'example.com/hello', version: 'v1.0.0', newest: 'v1.1.0' }]);
    expect(byId['no-sumdb']?.sumdbProxied).toBe(false);
    expect(byId.fast?.sumdbProxied).toBe(true);
    // The slow stand-in waits 400 ms per answer; the median of its three requests shows it.
    expect(byId.slow?.latencyMs ?? 0).toBeGreaterThanOrEqual(400);
    expect(byId.fast?.latencyMs ?? Infinity).toBeLessThan(byId.slow?.latencyMs ?? 0);
    // The two best current mirrors, "|" between them, direct kept because GOPROXY has it; where GOPROXY is set.
    expect(doc.recommendation?.goproxy).toBe(`${fast.url}|${fast.faultUrl('slow/400')},direct`);
    expect(doc.recommendation?.command).toBe(`export GOPROXY='${fast.url}|${fast.faultUrl('slow/400')},direct'`);
    expect(doc.recommendation?.text).toContain('GOPRIVATE and GONOPROXY stay as they are: modules matching GONOPROXY=github.com/acme/* are never sent to these mirrors');
    expect(doc.keeps).toMatchObject({ GOPRIVATE: 'github.com/acme/*', GONOPROXY: 'github.com/acme/*' });
  });

  test('human output: one row per mirror in rank order and the command; GOPRIVATE empty is said plainly', async () => {
    const result = await run(['--list', listFile, '--timeout', '10000', '--add', noSumdb.faultUrl('404')]);
    expect(result.code).toBe(0);
    const rows = result.stdout.split('\n').filter((l) => /^\d+ /.test(l));
    // The added mirror answers 404 to everything: it has nothing, so it is behind, and it does not proxy the database.
    expect(rows.map((r) => r.split(/\s+/)[1])).toEqual([fast.url, fast.faultUrl('slow/400'), noSumdb.url, stale.url, noSumdb.faultUrl('404'), fast.faultUrl('500')]);
    expect(rows[3]).toContain('behind on 1: example.com/hello v1.0.0 < v1.1.0');
    expect(rows[4]).toContain('behind on 2: example.com/hello none < v1.1.0, example.com/Upper none < v1.0.0-RC1');
    expect(rows[5]).toContain('unavailable: 500 Internal Server Error');
    expect(result.stdout).toContain(`$ export GOPROXY='${fast.url}|${fast.faultUrl('slow/400')},direct'`);
    expect(result.stdout).toContain('GOPRIVATE and GONOPROXY are empty, so every module, private ones included, would be requested from these public mirrors');
  });

  test('GOSUMDB with its own URL: the checksum database is not asked, and no mirror is marked down for it', async () => {
    const result = await run(['--list', listFile, '--json'], { GOSUMDB: 'sum.golang.google.cn' });
    const doc = JSON.parse(result.stdout) as MirrorsJsonDoc;
    expect(doc.sumdb).toMatchObject({ name: 'sum.golang.org', asked: false });
    expect(doc.mirrors.every((m) => m.sumdbProxied === undefined)).toBe(true);
    expect(doc.mirrors.at(-1)?.id).toBe('failing');
    expect(doc.mirrors.at(-2)?.id).toBe('stale');
  });

  test('a mirror that never answers ends at the deadline, not later', async () => {
    const hanging = path.join(sandbox.root, 'hang.json');
    writeFileSync(hanging, JSON.stringify({ mirrors: [{ url: fast.faultUrl('hang') }, { url: fast.url }], modules: ['example.com/hello'] }));
    const started = Date.now();
    const result = await run(['--list', hanging, '--json', '--timeout', '1500']);
    expect(Date.now() - started).toBeLessThan(1500 + 6000);
    const doc = JSON.parse(result.stdout) as MirrorsJsonDoc;
    expect(doc.mirrors.map((m) => [m.url, m.available])).toEqual([
      [fast.url, true],
      [fast.faultUrl('hang'), false],
    ]);
    expect(doc.mirrors[1]?.error).toMatch(/no answer before the deadline/);
  });

  test('no mirror answers: exit 1 and no recommendation', async () => {
    const down = path.join(sandbox.root, 'down.json');
    writeFileSync(down, JSON.stringify({ mirrors: ['http://127.0.0.1:9'], modules: ['example.com/hello'] }));
    const result = await run(['--list', down]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('No mirror was available and up to date: no GOPROXY to recommend.');
  });

  test.each([
    [['--add', 'ftp://mirror.example'], 2, 'goproxy-doctor: --add ftp://mirror.example: invalid proxy URL scheme (must be https, http, file): ftp://mirror.example'],
    [['--add', 'direct'], 2, 'goproxy-doctor: --add direct: "direct" is not a proxy URL'],
    [['--list', '/nonexistent/mirrors.json'], 5, 'goproxy-doctor: --list /nonexistent/mirrors.json: no such file'],
    [['--timeout', 'soon'], 2, 'goproxy-doctor: --timeout must be a whole number of milliseconds, got "soon"'],
  ])('%j: one line, exit %i', async (args, code, line) => {
    const result = await run(args);
    expect([result.code, result.stderr, result.stdout]).toEqual([code, `${line}\n`, '']);
  });

  test('a --list file that is not a list of mirrors is a usage error', async () => {
    const bad = path.join(sandbox.root, 'bad.json');
    writeFileSync(bad, JSON.stringify({ mirrors: [{ url: 'https://ok.example' }, { name: 'no url' }] }));
    const result = await run(['--list', bad]);
    expect([result.code, result.stderr]).toEqual([2, `goproxy-doctor: --list ${bad}: mirrors[1] has no "url"\n`]);
  });
});
