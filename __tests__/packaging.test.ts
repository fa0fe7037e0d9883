/**
 * Packaging: `npm pack` ships only what runs, the tarball installs into an empty directory and works
 * from there (`--version`, `explain` on a fixture, `check --offline`, the GitHub Action's script), and
 * `--version` starts from the start-up bundle alone, without the lazily loaded files. Needs the build
 * (`npm test` runs it first).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { availableGoVersions, createGoSandbox, goBinary, type GoSandbox } from './helpers/go-toolchains.js';
import { exampleModules, startFakeGoProxy } from './helpers/fake-goproxy.js';

const ROOT = path.resolve(new URL('..', import.meta.url).pathname);
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const versions = availableGoVersions();
const newest = versions[versions.length - 1];

/** The first captured go failure of the module-not-found scenario (fixtures/stderr). */
function moduleNotFoundFixture(): string {
  const dir = path.join(ROOT, 'fixtures', 'stderr', 'module-not-found');
  const name = readdirSync(dir).filter((file) => file.endsWith('.txt')).sort()[0];
  if (name === undefined) throw new Error(`no fixture in ${dir}`);
  return path.join(dir, name);
}

/** The body of a `run: |` block of the step with this id in action.yml, de-indented. */
function stepScript(yaml: string, id: string): string {
  const lines = yaml.split('\n');
  const start = lines.findIndex((line) => line.trim() === `- id: ${id}`);
  if (start < 0) throw new Error(`no step with id ${id}`);
  const runAt = lines.findIndex((line, i) => i > start && /^\s+run: \|$/.test(line));
  const indent = (lines[runAt] ?? '').search(/\S/);
  const body: string[] = [];
  for (let i = runAt + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() !== '' && line.search(/\S/) <= indent) break;
    body.push(line);
  }
  const strip = Math.min(...body.filter((line) => line.trim() !== '').map((line) => line.search(/\S/)));
  return body.map((line) => line.slice(strip)).join('\n');
}

describe('packaging', () => {
  let work: string;
  let installed: string;
  let sandbox: GoSandbox;
  let packedFiles: string[] = [];

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'dist', 'bin.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
    work = mkdtempSync(path.join(tmpdir(), 'gpd-pack-'));
    sandbox = createGoSandbox('gpd-pack-go-');
    mkdirSync(sandbox.work, { recursive: true });
    const packed = await execa('npm', ['pack', '--pack-destination', work, '--json'], { cwd: ROOT, timeout: 60_000 });
    const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    if (!info) throw new Error('npm pack printed no package');
    packedFiles = info.files.map((file) => file.path).sort();
    const tarball = path.join(work, path.basename(info.filename));
    const app = path.join(work, 'app');
    mkdirSync(app);
    // Its own package.json makes the app directory npm's project root, whatever the parent directories hold.
    writeFileSync(path.join(app, 'package.json'), '{ "name": "gpd-pack-app", "private": true }\n');
    await execa('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', tarball], { cwd: app, timeout: 100_000 });
    installed = app;
  }, 120_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
    sandbox?.cleanup();
  });

  const bin = (): string => path.join(installed, 'node_modules', '.bin', 'goproxy-doctor');
  const packageDir = (): string => path.join(installed, 'node_modules', pkg.name);

  test('the tarball holds only what runs: built JavaScript and its code cache, the bin script, package.json, LICENSE, README, action.yml', () => {
    for (const file of packedFiles) {
      expect(file).toMatch(/^(dist\/.+\.js|dist\/program-script-[0-9a-f]{16}\.cache|bin\/goproxy-doctor\.js|package\.json|LICENSE|README\.md|action\.yml)$/);
    }
    for (const required of ['package.json', 'LICENSE', 'action.yml', 'bin/goproxy-doctor.js', 'dist/bin.js', 'dist/program.js', 'dist/program-script.js', 'dist/check/run-check.js']) {
      expect(packedFiles).toContain(required);
    }
    // dist/ is a bundle: every file one of its files imports is in the tarball too.
    for (const file of packedFiles.filter((name) => name.startsWith('dist/'))) {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      for (const [, specifier] of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)"(\.{1,2}\/[^"]+\.js)"/g)) {
        expect(packedFiles).toContain(path.posix.join(path.posix.dirname(file), specifier as string));
      }
    }
    // npm always packs a README when the project has one.
    expect(packedFiles.includes('README.md')).toBe(existsSync(path.join(ROOT, 'README.md')));
    expect(packedFiles.some((file) => /^(src|__tests__|fixtures|scripts|bench)\//.test(file) || file.endsWith('.ts'))).toBe(false);
  });

  test('the installed command prints its version', async () => {
    const result = await execa(bin(), ['--version'], { cwd: installed, timeout: 30_000, reject: false });
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim()).toBe(pkg.version);
  });

  test('the installed command explains a captured go failure', async () => {
    const file = moduleNotFoundFixture();
    const expected = /^# expect: (\S+)/m.exec(readFileSync(file, 'utf8'))?.[1];
    expect(expected).toBeDefined();
    const result = await execa(bin(), ['explain', '--no-env', file], { cwd: installed, timeout: 30_000, reject: false, env: { NO_COLOR: '1' } });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(`[${expected}`);
  });

  (newest === undefined ? test.skip : test)('the installed command runs check --offline against the real go', async () => {
    const result = await execa(bin(), ['--go', goBinary(newest!), 'check', '--offline'], {
      cwd: sandbox.work,
      env: { ...sandbox.env, NO_COLOR: '1' },
      extendEnv: false,
      timeout: 60_000,
      reject: false,
    });
    expect([0, 1]).toContain(result.exitCode);
    expect(result.stdout.trim().length).toBeGreaterThan(0);
    expect(result.stderr).not.toMatch(/internal error/);
  });

  (newest === undefined ? test.skip : test)('the installed command probes a module proxy over HTTP (the HTTP client loads from the bundle)', async () => {
    const proxy = await startFakeGoProxy({ modules: exampleModules() });
    try {
      const result = await execa(bin(), ['--go', goBinary(newest!), 'check', '--json', '--timeout', '20000', '--module', 'example.com/hello@v1.0.0'], {
        cwd: sandbox.work,
        env: { ...sandbox.env, GOPROXY: proxy.url, GOSUMDB: 'off', NO_COLOR: '1' },
        extendEnv: false,
        timeout: 60_000,
        reject: false,
      });
      const doc = JSON.parse(result.stdout) as { modules: Array<{ module: string; result: string }>; probes: Array<{ status?: number; error?: string }> };
      expect(doc.probes.map((p) => p.error ?? p.status)).toContain(200);
      expect(doc.modules.find((m) => m.module === 'example.com/hello')?.result).toBe('ok');
    } finally {
      await proxy.close();
    }
  });

  test('action.yml documents its inputs, keeps inputs out of scripts and pins the package version', () => {
    const yaml = readFileSync(path.join(packageDir(), 'action.yml'), 'utf8');
    expect(yaml).toMatch(/^runs:\n {2}using: composite$/m);
    for (const input of ['strict', 'modules', 'timeout', 'working-directory', 'offline', 'version']) {
      expect(yaml).toMatch(new RegExp(`^ {2}${input}:\\n {4}description: \\S`, 'm'));
    }
    expect(yaml).toMatch(new RegExp(`^ {2}version:\\n(?: {4}.*\\n)*? {4}default: '${pkg.version.replace(/\./g, '\\.')}'$`, 'm'));
    for (const id of ['node', 'check']) expect(stepScript(yaml, id)).not.toContain('${{');
  });

  (newest === undefined ? test.skip : test)("the action's check step runs the packaged build with its inputs", async () => {
    const script = stepScript(readFileSync(path.join(packageDir(), 'action.yml'), 'utf8'), 'check');
    const env = {
      ...sandbox.env,
      PATH: `${path.dirname(goBinary(newest!))}:${sandbox.env.PATH}`,
      NO_COLOR: '1',
      GPD_ACTION_PATH: packageDir(),
      // A version that was never published: if the script fell back to npx, the step would fail.
      GPD_VERSION: '0.0.0-never-published',
      GPD_OFFLINE: 'true',
      GPD_STRICT: 'false',
      GPD_MODULES: 'example.com/a@v1.0.0, example.com/b\nexample.com/c@v1.2.3',
      GPD_TIMEOUT: '5000',
    };
    const run = await execa('bash', ['-c', script], { cwd: sandbox.work, env, extendEnv: false, timeout: 60_000, reject: false });
    expect([0, 1]).toContain(run.exitCode);
    expect(run.stdout.trim().length).toBeGreaterThan(0);
    expect(run.stderr).not.toMatch(/npm|npx|internal error/);

    // The same script refuses a malformed boolean input before running anything.
    const bad = await execa('bash', ['-c', script], { cwd: sandbox.work, env: { ...env, GPD_STRICT: 'maybe' }, extendEnv: false, timeout: 30_000, reject: false });
    expect(bad.exitCode).toBe(2);
    expect(bad.stdout).toBe('::error title=goproxy-doctor action::strict must be true or false, got: maybe');
  });

  /** The files of the installed package a command line loads, in the order Node resolves them. */
  async function traceLoads(args: string[], env: Record<string, string> = {}): Promise<{ exitCode: number | undefined; stdout: string; loaded: string[] }> {
    const hooks = path.join(work, 'trace-hooks.mjs');
    const register = path.join(work, 'trace-register.mjs');
    const trace = path.join(work, `trace-${args.join('-').replace(/[^\w-]/g, '_')}.txt`);
    writeFileSync(
      hooks,
      "import { appendFileSync } from 'node:fs';\n" +
        'export async function resolve(specifier, context, next) {\n' +
        '  const result = await next(specifier, context);\n' +
        '  appendFileSync(process.env.GPD_TRACE, `${result.url}\\n`);\n' +
        '  return result;\n' +
        '}\n',
    );
    writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(new URL(`file://${hooks}`).href)});\n`);
    const result = await execa(process.execPath, ['--import', register, path.join(packageDir(), 'bin', 'goproxy-doctor.js'), ...args], {
      cwd: installed,
      env: { GPD_TRACE: trace, NO_COLOR: '1', ...env },
      timeout: 30_000,
      reject: false,
    });
    const loaded = readFileSync(trace, 'utf8').split('\n').filter((line) => line !== '');
    // The dependencies are bundled: nothing is loaded from outside the package.
    const own = new URL(`file://${packageDir()}/`).href;
    expect(loaded.filter((url) => !url.startsWith(own) && !url.startsWith('node:'))).toEqual([]);
    return { exitCode: result.exitCode, stdout: result.stdout, loaded: [...new Set(loaded.filter((url) => url.includes('/dist/')))] };
  }

  test('--version is answered by dist/bin.js alone', async () => {
    const { exitCode, stdout, loaded } = await traceLoads(['--version']);
    expect(exitCode).toBe(0);
    expect(stdout).toBe(pkg.version);
    expect(loaded.map((url) => url.slice(url.indexOf('/dist/')))).toEqual(['/dist/bin.js']);
  });

  test('explain loads three modules: the entry, the program and its chunk, and nothing of check', async () => {
    const file = moduleNotFoundFixture();
    const { exitCode, loaded } = await traceLoads(['explain', '--no-env', file]);
    expect(exitCode).toBe(1);
    const names = loaded.map((url) => url.slice(url.indexOf('/dist/')));
    expect(names.slice(0, 2)).toEqual(['/dist/bin.js', '/dist/program.js']);
    expect(names).toHaveLength(3);
    expect(names[2]).toMatch(/^\/dist\/chunks\/chunk-[A-Z0-9]+\.js$/);
  });

  test("the program's code cache fits the Node that built it, and a cache that does not fit is only slower", async () => {
    // What the program's chunk does (scripts/build.ts writeProgramScript), in a plain node.
    const probe = [
      'const fs = require("node:fs"), vm = require("node:vm");',
      'const [script, cache] = process.argv.slice(1);',
      'const compiled = new vm.Script(fs.readFileSync(script, "latin1"), { cachedData: fs.readFileSync(cache) });',
      'process.stdout.write(JSON.stringify({ rejected: compiled.cachedDataRejected, type: typeof compiled.runInThisContext() }));',
    ].join('\n');
    const dist = path.join(packageDir(), 'dist');
    // One cache, named after the script it was made from (V8 itself compares only their lengths).
    const caches = readdirSync(dist).filter((name) => name.endsWith('.cache'));
    const digest = createHash('sha256').update(readFileSync(path.join(dist, 'program-script.js'))).digest('hex').slice(0, 16);
    expect(caches).toEqual([`program-script-${digest}.cache`]);
    const cacheName = caches[0] ?? '';
    const fits = await execa(process.execPath, ['-e', probe, path.join(dist, 'program-script.js'), path.join(dist, cacheName)], { timeout: 30_000 });
    expect(JSON.parse(fits.stdout)).toEqual({ rejected: false, type: 'function' });

    // A cache from elsewhere (here: garbage) is rejected by V8, and the program still runs.
    const copy = path.join(work, 'other-cache');
    const staleDir = path.join(work, 'stale-package');
    rmSync(staleDir, { recursive: true, force: true });
    await execa('cp', ['-R', packageDir(), staleDir]);
    writeFileSync(copy, Buffer.alloc(4096, 7));
    await execa('cp', [copy, path.join(staleDir, 'dist', cacheName)]);
    const file = moduleNotFoundFixture();
    const stale = await execa(process.execPath, [path.join(staleDir, 'bin', 'goproxy-doctor.js'), 'explain', '--no-env', file], { reject: false, timeout: 30_000, env: { NO_COLOR: '1' } });
    const fresh = await execa(bin(), ['explain', '--no-env', file], { reject: false, timeout: 30_000, env: { NO_COLOR: '1' } });
    expect({ code: stale.exitCode, stdout: stale.stdout, stderr: stale.stderr }).toEqual({ code: fresh.exitCode, stdout: fresh.stdout, stderr: fresh.stderr });
    // And without a cache file at all.
    rmSync(path.join(staleDir, 'dist', cacheName));
    const none = await execa(process.execPath, [path.join(staleDir, 'bin', 'goproxy-doctor.js'), 'explain', '--no-env', file], { reject: false, timeout: 30_000, env: { NO_COLOR: '1' } });
    expect({ code: none.exitCode, stdout: none.stdout }).toEqual({ code: fresh.exitCode, stdout: fresh.stdout });
  });

  test('the built files are pure ASCII, and a message written with non-ASCII characters is still translated', async () => {
    for (const file of packedFiles.filter((name) => name.endsWith('.js'))) {
      const bytes = readFileSync(path.join(packageDir(), file));
      expect({ file, nonAscii: bytes.findIndex((byte) => byte > 0x7f) }).toEqual({ file, nonAscii: -1 });
    }
    // "…" in the English text of this help line reaches the bundle as an escape; the id still matches.
    const { stdout } = await traceLoads(['--lang', 'zh', '--help']);
    expect(stdout).toContain('以 zh 开头即为中文');
  });
});
