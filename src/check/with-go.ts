/**
 * `check --with-go`: asks the real go. It runs `go mod download -x -json M@V...` for the modules `check`
 * predicted, with the user's own settings (the OS environment and the `go env -w` file go reads anyway),
 * inside a throw-away module in a temporary directory: a module cache, GOPATH and build cache of its own
 * (GOMODCACHE, GOPATH, GOCACHE there, GOFLAGS plus -modcacherw so the directory can be removed), and a go.mod
 * and go.sum there holding only the go.sum lines the user's go.sum has for those modules (so go consults
 * the checksum database exactly when the build would). The user's module cache, go.mod and go.sum are
 * never written; the directory is removed afterwards. GOTOOLCHAIN=local keeps the go that `check` read the
 * environment from, and GOWORK=off keeps a workspace out.
 *
 * go runs in a process group of its own and is killed with everything it started (git, for a direct
 * fetch) when the deadline comes or the run is cancelled; whatever it printed until then is kept, so the
 * trace shows where it was waiting.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Io } from '../io.js';
import { safeText } from '../redact.js';
import { queryStatsDirectly } from '../goenv/modulepath.js';
import { parseDownloadJson, parseGetLines, type WithGoFacts } from './go-trace.js';
import type { CanaryModule } from './types.js';
import { t } from '../i18n/language.js';

/** Output kept per stream; go's trace for a few modules is far smaller. */
export const MAX_GO_OUTPUT_BYTES = 4 * 1024 * 1024;

/** What a finished (or stopped) go process left. */
export interface GoProcessResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  startError?: string;
}

/** Runs a program in its own process group; injected in tests. */
export type GoRunner = (file: string, args: readonly string[], options: { env: Record<string, string>; cwd: string; timeoutMs: number; signal?: AbortSignal }) => Promise<GoProcessResult>;

const POSIX = process.platform !== 'win32';

/** The default {@link GoRunner}: a child in a new process group (a new session on POSIX), killed as a group on timeout or abort. */
export const runInProcessGroup: GoRunner = (file, args, options) =>
  new Promise<GoProcessResult>((resolve) => {
    const chunks = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
    const sizes = { stdout: 0, stderr: 0 };
    let timedOut = false;
    let settled = false;
    const child = spawn(file, [...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: POSIX });
    const killGroup = (): void => {
      try {
        if (POSIX && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const onExit = (): void => killGroup();
    process.once('exit', onExit);
    const text = (which: 'stdout' | 'stderr'): string => Buffer.concat(chunks[which], sizes[which]).toString('utf8');
    const finish = (result: Omit<GoProcessResult, 'stdout' | 'stderr'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      process.removeListener('exit', onExit);
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve({ ...result, stdout: text('stdout'), stderr: text('stderr') });
    };
    for (const which of ['stdout', 'stderr'] as const) {
      child[which]?.on('data', (chunk: Buffer) => {
        const room = MAX_GO_OUTPUT_BYTES - sizes[which];
        if (room <= 0) return;
        const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
        chunks[which].push(kept);
        sizes[which] += kept.length;
      });
    }
    const stop = (): void => {
      timedOut = true;
      killGroup();
      finish({ exitCode: 124, timedOut: true });
    };
    const timer = setTimeout(stop, Math.max(0, options.timeoutMs));
    const onAbort = (): void => stop();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) stop();
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (child.pid === undefined) finish({ exitCode: 127, timedOut: false, startError: `${error.code ?? 'error'}: ${error.message}` });
    });
    // 'close' waits for the pipes: a leftover holding them is killed with the group at the deadline.
    child.on('close', (code, signal) => {
      // Whatever the program left behind in its group goes too.
      killGroup();
      finish({ exitCode: code ?? (signal !== null ? 128 + (os.constants.signals[signal] ?? 0) : 1), timedOut });
    });
  });

/** What to cross-check, and with which go. */
export interface WithGoOptions {
  goBinary: string;
  /** The modules `check` predicted; those without an exact version, and the toolchain, are skipped. */
  canaries: readonly CanaryModule[];
  /** The effective GOFLAGS (`go env GOFLAGS`): kept, with -modcacherw added. */
  goflags: string;
  /** Milliseconds go may run: what is left of check's deadline. */
  timeoutMs: number;
  signal?: AbortSignal;
  run?: GoRunner;
  /** Where the throw-away directory is made (default: the system's temporary directory). */
  tmpRoot?: string;
}

/** The go.sum lines (zip and /go.mod hashes) the user's go.sum has for these modules. */
export function goSumLinesFor(goSum: string, modules: ReadonlyArray<{ path: string; version: string }>): string[] {
  const wanted = new Set(modules.flatMap((m) => [`${m.path} ${m.version}`, `${m.path} ${m.version}/go.mod`]));
  return goSum.split('\n').filter((line) => {
    const [p, v] = line.trim().split(/\s+/);
    return p !== undefined && v !== undefined && wanted.has(`${p} ${v}`);
  });
}

/** Runs the cross-check; never throws for anything go does. */
export async function runGoCrossCheck(io: Io, options: WithGoOptions): Promise<WithGoFacts> {
  const startedAt = io.now();
  const skipped: WithGoFacts['skipped'] = [];
  const modules: Array<{ path: string; version: string }> = [];
  for (const c of options.canaries) {
    const label = c.version !== undefined ? `${c.path}@${c.version}` : c.path;
    if (c.source === 'toolchain') skipped.push({ module: label, reason: t`a toolchain download, checked by the toolchain rules` });
    else if (c.version === undefined || !queryStatsDirectly(c.version)) skipped.push({ module: label, reason: t`no exact version to download` });
    else if (!modules.some((m) => m.path === c.path && m.version === c.version)) modules.push({ path: c.path, version: c.version });
  }
  const labels = modules.map((m) => `${m.path}@${m.version}`);
  const args = ['mod', 'download', '-x', '-json', ...labels];
  const facts: WithGoFacts = { command: `go ${args.join(' ')}`, modules: labels, skipped, exitCode: 0, timedOut: false, durationMs: 0, requests: [], results: [], otherStderr: [] };
  if (modules.length === 0) return facts;
  if (options.timeoutMs <= 0) return { ...facts, timedOut: true, exitCode: 124 };

  const api = io.platform === 'win32' ? path.win32 : path.posix;
  const goSum = await io.readTextFile(api.join(io.cwd, 'go.sum'));
  let root: string;
  try {
    root = mkdtempSync(path.join(options.tmpRoot ?? os.tmpdir(), 'goproxy-doctor-with-go-'));
  } catch (error) {
    return { ...facts, exitCode: 127, startError: safeText(t`cannot make a temporary directory: ${error instanceof Error ? error.message : String(error)}`) };
  }
  try {
    const work = path.join(root, 'work');
    mkdirSync(work);
    // No go line: nothing here asks for a newer toolchain, and go reads go.sum for the module it is in.
    writeFileSync(path.join(work, 'go.mod'), 'module goproxy-doctor.invalid/with-go\n');
    writeFileSync(path.join(work, 'go.sum'), goSum.ok ? goSumLinesFor(goSum.text, modules).map((l) => `${l.trim()}\n`).join('') : '');
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(io.env)) if (v !== undefined) env[k] = v;
    Object.assign(env, {
      GOMODCACHE: path.join(root, 'modcache'),
      GOPATH: path.join(root, 'gopath'),
      GOCACHE: path.join(root, 'gocache'),
      GOFLAGS: `${options.goflags} -modcacherw`.trim(),
      GOTOOLCHAIN: 'local',
      GOWORK: 'off',
    });
    const run = await (options.run ?? runInProcessGroup)(options.goBinary, args, { env, cwd: work, timeoutMs: options.timeoutMs, ...(options.signal ? { signal: options.signal } : {}) });
    const { requests, other } = parseGetLines(run.stderr);
    facts.exitCode = run.exitCode;
    facts.timedOut = run.timedOut;
    facts.requests = requests;
    facts.results = parseDownloadJson(run.stdout);
    facts.otherStderr = other.slice(0, 50);
    if (run.startError !== undefined) facts.startError = safeText(run.startError);
  } catch (error) {
    facts.exitCode = 127;
    facts.startError = safeText(error instanceof Error ? error.message : String(error));
  } finally {
    rmSync(root, { recursive: true, force: true, maxRetries: 3, retryDelay: 50 });
    facts.durationMs = Math.max(0, io.now() - startedAt);
  }
  return facts;
}
