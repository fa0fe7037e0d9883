/**
 * `goproxy-doctor run -- <command>`: output passes through unchanged and in order, the exit status is
 * the command's, and a failing command gets explain's diagnosis. The main case runs the real `go`
 * against a loopback proxy that answers 404.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../src/cli/main.js';
import { OutputTail, runWrapped, type ChildOutcome, type SpawnRequest, type Spawner } from '../src/cli/run.js';
import type { Io } from '../src/io.js';
import { availableGoVersions, createGoSandbox, goBinary, runGo, type GoSandbox } from './helpers/go-toolchains.js';
import { startFakeGoProxy, type FakeGoProxy } from './helpers/fake-goproxy.js';
import { createTestIo, type TestIo } from './helpers/test-io.js';

const versions = availableGoVersions();
const newest = versions[versions.length - 1];

/** An Io whose stdout and stderr also record into one ordered list, to check interleaving. */
function recordingIo(base: TestIo): { io: Io; events: Array<{ stream: 'stdout' | 'stderr'; text: string }> } {
  const events: Array<{ stream: 'stdout' | 'stderr'; text: string }> = [];
  const wrap = (stream: 'stdout' | 'stderr') => ({
    isTTY: false,
    write: (text: string) => {
      events.push({ stream, text });
      base[stream].write(text);
    },
  });
  return { io: { ...base, stdout: wrap('stdout'), stderr: wrap('stderr') }, events };
}

/** A spawner that plays a script of chunks, then ends with the given outcome. */
function scriptedSpawner(script: Array<['stdout' | 'stderr', Uint8Array | string]>, outcome: ChildOutcome, seen?: SpawnRequest[]): Spawner {
  return async (request) => {
    seen?.push(request);
    for (const [stream, chunk] of script) {
      const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
      if (stream === 'stdout') request.onStdout(bytes);
      else request.onStderr(bytes);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return outcome;
  };
}

describe('run with a scripted child', () => {
  test('chunks pass through in order; a character split across chunks survives; a success adds nothing', async () => {
    const base = createTestIo({ env: {} });
    const { io, events } = recordingIo(base);
    const e = new TextEncoder().encode('é→'); // 2 + 3 bytes
    const seen: SpawnRequest[] = [];
    const code = await runWrapped({
      io,
      command: '/usr/bin/tool',
      args: ['a', 'b c'],
      useEnv: false,
      spawn: scriptedSpawner(
        [
          ['stdout', 'one\n'],
          ['stderr', e.subarray(0, 1)],
          ['stdout', 'two'],
          ['stderr', e.subarray(1, 3)],
          ['stderr', e.subarray(3)],
          ['stdout', '\n'],
        ],
        { kind: 'exited', exitCode: 0 },
        seen,
      ),
    });
    expect(code).toBe(0);
    expect(seen[0]).toMatchObject({ file: '/usr/bin/tool', args: ['a', 'b c'], cwd: base.cwd });
    expect(base.stdout.text()).toBe('one\ntwo\n');
    expect(base.stderr.text()).toBe('é→');
    // The order of writes across the two streams is the order the chunks arrived in.
    expect(events.map((ev) => `${ev.stream}:${ev.text}`)).toEqual(['stdout:one\n', 'stdout:two', 'stderr:é', 'stderr:→', 'stdout:\n']);
  });

  test('a failure is diagnosed on stderr after the output, with line numbers of the whole output', async () => {
    const goError = 'go: example.com/missing@v1.0.0: reading http://127.0.0.1:1234/example.com/missing/@v/v1.0.0.info: 404 Not Found\n';
    const noise = Array.from({ length: 30 }, (_, i) => `test output ${i}\n`).join('');
    const io = createTestIo({ env: {} });
    const code = await runWrapped({
      io,
      command: 'go',
      args: ['build'],
      useEnv: false,
      spawn: scriptedSpawner([['stdout', noise], ['stderr', goError], ['stdout', 'partial line without newline']], { kind: 'exited', exitCode: 3 }),
    });
    expect(code).toBe(3);
    const err = io.stderr.text();
    expect(err.startsWith(goError)).toBe(true);
    expect(err).toContain('goproxy-doctor: go exited with status 3; what its output shows:');
    expect(err).toContain('[module-not-found');
    // 30 noise lines came first, so go's error is line 31 of the combined output.
    expect(err).toContain('line 31: go: example.com/missing@v1.0.0');
    expect(io.stdout.text()).toBe(`${noise}partial line without newline`);
  });

  test('only the tail is kept: early lines are dropped and said to be', async () => {
    const io = createTestIo({ env: {} });
    const goError = 'go: example.com/old@v1.0.0: reading http://127.0.0.1:1234/example.com/old/@v/v1.0.0.info: 404 Not Found\n';
    const late = 'go: example.com/late@v1.0.0: reading http://127.0.0.1:1234/example.com/late/@v/v1.0.0.info: 404 Not Found\n';
    const code = await runWrapped({
      io,
      command: 'go',
      args: [],
      useEnv: false,
      maxTailChars: 500,
      spawn: scriptedSpawner([['stderr', goError], ['stdout', 'x'.repeat(80) + '\n'], ['stdout', ('y'.repeat(80) + '\n').repeat(5)], ['stderr', late]], {
        kind: 'exited',
        exitCode: 1,
      }),
    });
    expect(code).toBe(1);
    const err = io.stderr.text();
    const report = err.slice(err.indexOf('goproxy-doctor: go exited'));
    expect(report).toContain('example.com/late@v1.0.0');
    expect(report).not.toContain('example.com/old');
    expect(report).toMatch(/\d+ earlier lines were not kept/);
    expect(report).toContain('line 8: go: example.com/late@v1.0.0');
  });

  test('--json style: the diagnosis is explain JSON on stderr, with the exit code', async () => {
    const io = createTestIo({ env: {} });
    const goError = 'go: example.com/missing@v1.0.0: reading https://proxy.golang.org/example.com/missing/@v/v1.0.0.info: 404 Not Found\n';
    const code = await runWrapped({ io, command: 'go', args: [], useEnv: false, json: true, spawn: scriptedSpawner([['stderr', goError]], { kind: 'exited', exitCode: 1 }) });
    expect(code).toBe(1);
    const err = io.stderr.text();
    expect(err.startsWith(goError)).toBe(true);
    const doc = JSON.parse(err.slice(goError.length)) as { schemaVersion: number; exitCode: number; diagnoses: Array<{ scenario: string; module?: string }> };
    expect(doc.schemaVersion).toBe(1);
    expect(doc.exitCode).toBe(1);
    expect(doc.diagnoses[0]).toMatchObject({ scenario: 'module-not-found', module: 'example.com/missing' });
    expect(io.stdout.text()).toBe('');
  });

  test('a user interruption exits 128+n without a diagnosis; another signal still gets one', async () => {
    const interrupted = createTestIo({ env: {} });
    const goError = 'go: example.com/missing@v1.0.0: reading https://proxy.golang.org/example.com/missing/@v/v1.0.0.info: 404 Not Found\n';
    expect(
      await runWrapped({ io: interrupted, command: 'go', args: [], useEnv: false, spawn: scriptedSpawner([['stderr', goError]], { kind: 'signaled', signal: 'SIGINT', exitCode: 130 }) }),
    ).toBe(130);
    expect(interrupted.stderr.text()).toBe(goError);

    const killed = createTestIo({ env: {} });
    expect(
      await runWrapped({ io: killed, command: 'go', args: [], useEnv: false, spawn: scriptedSpawner([['stderr', goError]], { kind: 'signaled', signal: 'SIGKILL', exitCode: 137 }) }),
    ).toBe(137);
    expect(killed.stderr.text()).toContain('go was killed by SIGKILL');
    expect(killed.stderr.text()).toContain('[module-not-found');
  });
});

describe('run in GitHub mode with a scripted child', () => {
  test('a failure with no module download problem adds no annotation and no summary entry', async () => {
    const io = createTestIo({ env: { GITHUB_STEP_SUMMARY: '/nonexistent/summary.md' } });
    const appended: string[] = [];
    const code = await runWrapped({
      io,
      command: 'go',
      args: [],
      useEnv: false,
      github: true,
      appendFile: async (file, text) => void appended.push(`${file}:${text}`),
      spawn: scriptedSpawner([['stderr', './main.go:3:1: syntax error: non-declaration statement outside function body\n']], { kind: 'exited', exitCode: 1 }),
    });
    expect(code).toBe(1);
    expect(appended).toEqual([]);
    expect(io.stderr.text()).not.toMatch(/^::/m);
    expect(io.stderr.text()).toContain('No known Go module download failure');
  });

  test('a failed summary write is reported on one line and does not change the exit status', async () => {
    const io = createTestIo({ env: { GITHUB_STEP_SUMMARY: '/nonexistent/summary.md' } });
    const goError = 'go: example.com/missing@v1.0.0: reading https://proxy.golang.org/example.com/missing/@v/v1.0.0.info: 404 Not Found\n';
    const code = await runWrapped({
      io,
      command: 'go',
      args: [],
      useEnv: false,
      github: true,
      appendFile: async () => {
        throw Object.assign(new Error('ENOENT: no such file or directory'), { code: 'ENOENT' });
      },
      spawn: scriptedSpawner([['stderr', goError]], { kind: 'exited', exitCode: 1 }),
    });
    expect(code).toBe(1);
    expect(io.stderr.text()).toMatch(/^::error title=goproxy-doctor%3A /m);
    expect(io.stderr.text()).toContain('goproxy-doctor: could not write the step summary: ENOENT: no such file or directory\n');
  });
});

describe('OutputTail', () => {
  test('lines of the two streams never splice, and numbering counts dropped lines', () => {
    const tail = new OutputTail(20);
    tail.push('stdout', 'ab');
    tail.push('stderr', 'X\n');
    tail.push('stdout', 'c\nlong line number two\n');
    tail.push('stderr', 'tail');
    tail.finish();
    const lines = tail.captured();
    expect(lines.map((l) => l.text)).toEqual(['tail']);
    expect(lines[0]?.number).toBe(4);
    expect(tail.dropped).toBe(3);

    const roomy = new OutputTail(1000);
    roomy.push('stdout', 'ab');
    roomy.push('stderr', 'X\n');
    roomy.push('stdout', 'c\n');
    roomy.finish();
    expect(roomy.captured()).toEqual([
      { number: 1, text: 'X' },
      { number: 2, text: 'abc' },
    ]);
  });
});

describe('run through main() with real processes', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'gpd-run-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a missing command exits 127 with one line', async () => {
    const io = createTestIo({ env: { PATH: '/usr/bin:/bin' }, cwd: dir });
    expect(await main(['run', '--no-env', '--', 'goproxy-doctor-no-such-command-xyz', '--flag'], io)).toBe(127);
    expect(io.stderr.text()).toBe('goproxy-doctor: run: command not found: goproxy-doctor-no-such-command-xyz\n');
    expect(io.stdout.text()).toBe('');
  });

  test('a file that is not executable exits 126', async () => {
    const file = path.join(dir, 'not-executable');
    writeFileSync(file, 'echo hi\n', { mode: 0o644 });
    const io = createTestIo({ env: { PATH: '/usr/bin:/bin' }, cwd: dir });
    expect(await main(['run', '--no-env', '--', file], io)).toBe(126);
    expect(io.stderr.text()).toBe(`goproxy-doctor: run: cannot execute ${file}: permission denied\n`);
  });

  test("the command's exit status, flags after -- and the child's environment and cwd pass through", async () => {
    const io = createTestIo({ env: { PATH: '/usr/bin:/bin', GPD_MARK: 'marked' }, cwd: dir });
    const code = await main(['run', '--no-env', '--', 'sh', '-c', 'printf "%s %s\\n" "$GPD_MARK" "$(pwd)"; echo oops >&2; exit 7', '--json'], io);
    expect(code).toBe(7);
    expect(io.stdout.text()).toBe(`marked ${dir}\n`);
    expect(io.stderr.text().startsWith('oops\n')).toBe(true);
    expect(io.stderr.text()).toContain('sh exited with status 7');
    expect(io.stderr.text()).toContain('No known Go module download failure');
  });

  test('output written with pauses keeps its order across stdout and stderr', async () => {
    const base = createTestIo({ env: { PATH: '/usr/bin:/bin' }, cwd: dir });
    const { io, events } = recordingIo(base);
    const { runWrapped: run, nodeSpawner } = await import('../src/cli/run.js');
    const code = await run({ io, command: 'sh', args: ['-c', 'echo one; sleep 0.1; echo two >&2; sleep 0.1; echo three'], useEnv: false, spawn: nodeSpawner });
    expect(code).toBe(0);
    expect(events.map((ev) => `${ev.stream}:${ev.text}`)).toEqual(['stdout:one\n', 'stderr:two\n', 'stdout:three\n']);
  });

  test('SIGTERM sent to goproxy-doctor is forwarded to the command', async () => {
    // A separate process: a signal to the test runner itself would reach Jest, not the code under test.
    const { spawn } = await import('node:child_process');
    const entry = new URL('../src/bin.ts', import.meta.url).pathname;
    const tsx = new URL('../node_modules/tsx/dist/loader.mjs', import.meta.url).href;
    const child = spawn(process.execPath, ['--import', tsx, entry, 'run', '--no-env', '--', 'sh', '-c', 'echo ready; exec sleep 30'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const started = Date.now();
    const exit = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('ready')) child.kill('SIGTERM');
    });
    const result = await exit;
    clearTimeout(timer);
    // goproxy-doctor survived the signal, passed it on, and exited with the child's 128+15.
    expect(result).toEqual({ code: 128 + 15, signal: null });
    expect(stdout).toBe('ready\n');
    expect(stderr).toBe('');
    expect(Date.now() - started).toBeLessThan(25_000);
  });
});

(newest === undefined ? describe.skip : describe)('run with the real go against a loopback proxy', () => {
  let sandbox: GoSandbox;
  let proxy: FakeGoProxy;
  beforeAll(async () => {
    proxy = await startFakeGoProxy({ modules: [] });
  });
  afterAll(async () => {
    await proxy.close();
  });
  beforeEach(() => {
    sandbox = createGoSandbox('gpd-run-go-');
  });
  afterEach(() => sandbox.cleanup());

  const go = (): string => goBinary(newest!);
  const args = (): string[] => [go(), 'mod', 'download', 'example.com/missing@v1.0.0'];

  test("go's failure passes through byte for byte, its exit status is kept, and the diagnosis follows", async () => {
    const env = { ...sandbox.env, GOPROXY: proxy.url };
    const direct = await runGo(newest!, args().slice(1), env, { cwd: sandbox.root, timeoutMs: 30_000 });
    expect(direct.exitCode).toBe(1);

    const io = createTestIo({ env, cwd: sandbox.root, homedir: sandbox.home });
    const code = await main(['--go', go(), 'run', '--', ...args()], io);
    expect(code).toBe(direct.exitCode);
    expect(io.stdout.text()).toBe(direct.stdout);
    const err = io.stderr.text();
    // execa strips the final newline of what it captured; the passthrough does not.
    expect(err.startsWith(`${direct.stderr}\n`)).toBe(true);
    const report = err.slice(direct.stderr.length + 1);
    expect(report).toContain(`go exited with status ${direct.exitCode}; what its output shows:`);
    expect(report).toContain('[module-not-found');
    expect(report).toContain('example.com/missing@v1.0.0');
    expect(report).toContain('$ go list -m -versions example.com/missing');
  });

  test('in GitHub Actions: annotations on stderr and a step summary appended to $GITHUB_STEP_SUMMARY', async () => {
    const summary = path.join(sandbox.root, 'step-summary.md');
    writeFileSync(summary, '# earlier step\n');
    const env = { ...sandbox.env, GOPROXY: proxy.url, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary };
    const io = createTestIo({ env, cwd: sandbox.root, homedir: sandbox.home });
    const code = await main(['--go', go(), 'run', '--', ...args()], io);
    expect(code).toBe(1);
    const annotations = io.stderr.text().split('\n').filter((line) => line.startsWith('::'));
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatch(/^::error title=goproxy-doctor%3A [^:,]+ \(example\.com\/missing@v1\.0\.0\)::go: example\.com\/missing@v1\.0\.0: reading /);
    expect(annotations[0]).toContain('example.com/missing@v1.0.0');
    expect(annotations[0]).toContain('%0AFix: ');
    const written = readFileSync(summary, 'utf8');
    expect(written.startsWith('# earlier step\n## goproxy-doctor run\n')).toBe(true);
    expect(written).toContain('go exited with status 1');
    expect(written).toContain('`module-not-found`');
    expect(written).toContain('go list -m -versions example.com/missing');
  });

  test('a passing go command: output unchanged, exit 0, no diagnosis', async () => {
    const env = { ...sandbox.env, GOPROXY: proxy.url };
    const io = createTestIo({ env, cwd: sandbox.root, homedir: sandbox.home });
    const code = await main(['--go', go(), 'run', '--', go(), 'env', 'GOPROXY', 'GOFLAGS'], io);
    expect(code).toBe(0);
    expect(io.stdout.text()).toBe(`${proxy.url}\n-modcacherw\n`);
    expect(io.stderr.text()).toBe('');
  });
});
