/**
 * Issue 13, item 4: FIFOs, devices and huge files wherever a file is named: `explain FILE`,
 * `report -o`, NETRC, GOENV, SSL_CERT_FILE / SSL_CERT_DIR. Opening a FIFO blocks inside the thread
 * pool, where not even Ctrl-C or SIGTERM can end the process, and /dev/zero never ends. Every one
 * is `stat`ed first, read with a cap, and refused with one `goproxy-doctor:` line ("not a regular
 * file", "too large") and the documented exit code. A pipe on explain's stdin is the normal case
 * and keeps working.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  FILE_TOO_LARGE,
  NOT_REGULAR_FILE,
  checkRegularFile,
  openRegularFile,
  readBoundedFile,
  readBoundedTextFile,
  writeRegularFile,
} from '../../src/bounded-file.js';
import { ExitCode } from '../../src/errors.js';
import { readNetrcFile } from '../../src/probe/netrc.js';
import { diskRootsReader, loadGoRoots, rootSourcesFor } from '../../src/probe/tlsroots.js';
import { cliNodeArgs, runCliProcess, startProcess } from '../helpers/cli-process.js';
import { availableGoVersions, createGoSandbox, goBinary, type GoSandbox } from '../helpers/go-toolchains.js';

const GIB = 1024 * 1024 * 1024;
// A call that would block on a FIFO never returns; anything that returns at all returns in far less.
const PROMPT_MS = 2_000;

let dir: string;
let fifo: string;

function mkfifo(file: string): void {
  execFileSync('mkfifo', [file]);
}

/** A 1 GiB file that takes no disk space (a hole): reading it would still cost a gigabyte. */
function hugeSparseFile(file: string): void {
  writeFileSync(file, '');
  truncateSync(file, GIB);
}

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`did not return within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, bound]);
  } finally {
    clearTimeout(timer);
  }
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gpd-nonregular-'));
  fifo = path.join(dir, 'fifo');
  mkfifo(fifo);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the bounded reader (src/bounded-file.ts)', () => {
  test('a FIFO without a writer, a device, a symlink to a FIFO: "not a regular file", at once', async () => {
    const link = path.join(dir, 'link-to-fifo');
    symlinkSync(fifo, link);
    for (const file of [fifo, link, '/dev/zero', '/dev/urandom']) {
      const reads: Array<() => Promise<{ ok: boolean }>> = [() => readBoundedFile(file, 1024), () => readBoundedTextFile(file, 1024), () => openRegularFile(file), () => checkRegularFile(file)];
      for (const read of reads) {
        const result = await within(PROMPT_MS, read());
        expect(result).toMatchObject({ ok: false, code: NOT_REGULAR_FILE, message: 'not a regular file' });
      }
    }
  });

  test('/dev/null reads as an empty file, as go reads it', async () => {
    expect(await within(PROMPT_MS, readBoundedTextFile('/dev/null', 1024))).toEqual({ ok: true, text: '' });
  });

  test('a file over the cap is "too large" without reading it, and costs no memory', async () => {
    const huge = path.join(dir, 'huge');
    hugeSparseFile(huge);
    const before = process.memoryUsage().rss;
    const result = await within(PROMPT_MS, readBoundedFile(huge, 1024 * 1024));
    expect(result).toMatchObject({ ok: false, code: FILE_TOO_LARGE });
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  test('the cap is exact: maxBytes is read, maxBytes + 1 is too large', async () => {
    const file = path.join(dir, 'sized');
    writeFileSync(file, 'x'.repeat(4096));
    expect(await readBoundedFile(file, 4096)).toMatchObject({ ok: true });
    expect(await readBoundedFile(file, 4095)).toMatchObject({ ok: false, code: FILE_TOO_LARGE });
    expect(await readBoundedFile(path.join(dir, 'missing'), 10)).toMatchObject({ ok: false, code: 'ENOENT' });
    expect(await readBoundedFile(dir, 10)).toMatchObject({ ok: false, code: 'EISDIR' });
  });

  test('writing: an exclusive create never opens what exists; replacing refuses a FIFO without blocking', async () => {
    await expect(within(PROMPT_MS, writeRegularFile(fifo, 'x', { exclusive: true }))).rejects.toMatchObject({ code: 'EEXIST' });
    await expect(within(PROMPT_MS, writeRegularFile(fifo, 'x', { exclusive: false }))).rejects.toMatchObject({ code: NOT_REGULAR_FILE });
    const file = path.join(dir, 'replace-me');
    writeFileSync(file, 'old content that is longer');
    await writeRegularFile(file, 'new', { exclusive: false });
    expect(readFileSync(file, 'utf8')).toBe('new');
  });

  test('NETRC: the file is read through the bounded reader', async () => {
    const huge = path.join(dir, 'huge-netrc');
    hugeSparseFile(huge);
    expect(await within(PROMPT_MS, readNetrcFile(fifo))).toMatchObject({ found: false, code: NOT_REGULAR_FILE });
    expect(await within(PROMPT_MS, readNetrcFile('/dev/zero'))).toMatchObject({ found: false, code: NOT_REGULAR_FILE });
    expect(await within(PROMPT_MS, readNetrcFile(huge))).toMatchObject({ found: false, code: FILE_TOO_LARGE });
  });

  test('SSL_CERT_FILE and SSL_CERT_DIR: a FIFO or device is skipped and reported, never read', async () => {
    const certDir = path.join(dir, 'certs');
    mkdirSync(certDir);
    mkfifo(path.join(certDir, 'a-fifo.pem'));
    const roots = await within(PROMPT_MS, loadGoRoots(rootSourcesFor({ SSL_CERT_FILE: fifo, SSL_CERT_DIR: certDir }, 'linux'), diskRootsReader));
    expect(roots.skipped).toEqual([
      { path: fifo, reason: 'not-regular-file' },
      { path: path.join(certDir, 'a-fifo.pem'), reason: 'not-regular-file' },
    ]);
    expect(roots.loadError).toBeUndefined();
    const zero = await within(PROMPT_MS, loadGoRoots(rootSourcesFor({ SSL_CERT_FILE: '/dev/zero', SSL_CERT_DIR: certDir }, 'linux'), diskRootsReader));
    expect(zero.skipped?.[0]).toEqual({ path: '/dev/zero', reason: 'not-regular-file' });
  });
});

// ---------------------------------------------------------------------------------------------
// The command line, as a real process: a blocked open would show as a timeout here.

const versions = availableGoVersions(['1.23']);
const describeWithGo = versions.length > 0 ? describe : describe.skip;

function expectOneLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.split('\n').filter((line) => line !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^goproxy-doctor: /);
  expect(lines[0]).toMatch(pattern);
}

describe('explain and report -o on the command line', () => {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', NO_COLOR: '1' };

  test.each([['a FIFO', () => fifo], ['/dev/zero', () => '/dev/zero']])('explain %s: exit 5, "not a regular file"', async (_name, file) => {
    const run = await runCliProcess(['explain', '--no-env', file()], { env, cwd: dir, timeoutMs: 15_000 });
    expect(run.timedOut).toBe(false);
    expect(run.code).toBe(ExitCode.inputUnreadable);
    expectOneLine(run.stderr, /: not a regular file$/);
  }, 20_000);

  test('explain reading a pipe on stdin still works', async () => {
    const started = startProcess(process.execPath, cliNodeArgs(['explain', '--no-env']), { env, cwd: dir, timeoutMs: 15_000, stdin: 'pipe' });
    started.child.stdin?.end('go: example.com/missing@v1.0.0: reading https://proxy.golang.org/example.com/missing/@v/v1.0.0.info: 404 Not Found\n');
    const run = await started.done;
    expect(run.timedOut).toBe(false);
    expect(run.code).toBe(ExitCode.problemsFound);
    expect(run.stdout).toContain('module-not-found');
  }, 20_000);

  test('report -o an existing FIFO: "already exists" from stat alone; with --force, "not a regular file"', async () => {
    const sandbox = createGoSandbox();
    try {
      // The refusal comes before go runs: no toolchain is needed.
      const refused = await runCliProcess(['--go', '/nonexistent/go', 'report', '--offline', '-o', fifo], { env, cwd: dir, timeoutMs: 15_000 });
      expect(refused.timedOut).toBe(false);
      expect(refused.code).toBe(ExitCode.usage);
      expectOneLine(refused.stderr, /already exists; use --force to overwrite it$/);
      const forced = await runCliProcess(['--go', '/nonexistent/go', 'report', '--offline', '--force', '-o', fifo], { env, cwd: dir, timeoutMs: 15_000 });
      expect(forced.timedOut).toBe(false);
      expect(forced.code).toBe(ExitCode.usage);
      expectOneLine(forced.stderr, /: not a regular file$/);
    } finally {
      sandbox.cleanup();
    }
  }, 40_000);
});

describeWithGo('GOENV, NETRC and SSL_CERT_FILE on the command line', () => {
  let sandbox: GoSandbox;
  let huge: string;
  beforeAll(() => {
    sandbox = createGoSandbox();
    huge = path.join(dir, 'huge-1g');
    hugeSparseFile(huge);
  });
  afterAll(() => sandbox.cleanup());

  const cases: Array<[string, () => string, RegExp]> = [
    ['a FIFO', () => fifo, /\(GOENV\): not a regular file; go would block or keep reading it$/],
    ['/dev/zero', () => '/dev/zero', /\(GOENV\): not a regular file; go would block or keep reading it$/],
    ['a 1 GB file', () => huge, /\(GOENV\): too large \(over \d+ bytes\); go would read all of it at every start$/],
  ];
  test.each(cases)('GOENV=%s: env exits 4 with one line, before go reads it', async (_name, file, pattern) => {
    const run = await runCliProcess(['--go', goBinary('1.23'), 'env'], { env: { ...sandbox.env, GOENV: file() }, cwd: sandbox.root, timeoutMs: 15_000 });
    expect(run.timedOut).toBe(false);
    expect(run.code).toBe(ExitCode.invalidConfig);
    expectOneLine(run.stderr, pattern);
  }, 20_000);

  test('GOENV=/dev/null is an empty env file, as go reads it', async () => {
    const run = await runCliProcess(['--go', goBinary('1.23'), 'env'], { env: { ...sandbox.env, GOENV: '/dev/null' }, cwd: sandbox.root, timeoutMs: 15_000 });
    expect(run.timedOut).toBe(false);
    expect(run.code).toBe(ExitCode.ok);
  }, 20_000);

  test('SSL_CERT_FILE=FIFO and a FIFO in SSL_CERT_DIR: check ends', async () => {
    const certDir = path.join(dir, 'cli-certs');
    mkdirSync(certDir, { recursive: true });
    mkfifo(path.join(certDir, 'blocked.pem'));
    const run = await runCliProcess(['--go', goBinary('1.23'), 'check', '--offline'], { env: { ...sandbox.env, SSL_CERT_FILE: fifo, SSL_CERT_DIR: certDir }, cwd: sandbox.root, timeoutMs: 20_000 });
    expect(run.timedOut).toBe(false);
    expect([ExitCode.ok, ExitCode.problemsFound]).toContain(run.code);
  }, 25_000);

  // Item 4, not yet fixed here: `check` (src/check/run-check.ts) reads NETRC, and GOENV's companions,
  // through io.readTextFile, which src/io.ts implements with an unbounded, blocking readFile. The
  // fix: readTextFileFromDisk(path) in src/io.ts returns readBoundedTextFile(path, FILE_LIMITS.text)
  // from src/bounded-file.ts (or run-check.ts reads NETRC with readNetrcFile from src/probe/netrc.ts).
  const netrcCases: Array<[string, () => string]> = [
    ['a FIFO', () => fifo],
    ['/dev/zero', () => '/dev/zero'],
    ['a 1 GB file', () => huge],
  ];
  // /usr/bin/time reports the peak memory; on timeout the helper kills the whole process group.
  test.each(netrcCases)('NETRC=%s: check --offline ends promptly, in bounded memory', async (_name, file) => {
    const args = ['-f', 'maxrss=%M', process.execPath, ...cliNodeArgs(['--go', goBinary('1.23'), 'check', '--offline'])];
    const run = await startProcess('/usr/bin/time', args, { env: { ...sandbox.env, NETRC: file() }, cwd: sandbox.root, timeoutMs: 15_000 }).done;
    expect(run.timedOut).toBe(false);
    expect([ExitCode.ok, ExitCode.problemsFound]).toContain(run.code);
    const maxRssKb = Number(/maxrss=(\d+)/.exec(run.stderr)?.[1] ?? Number.NaN);
    expect(maxRssKb).toBeLessThan(400 * 1024);
  }, 20_000);
});
