/**
 * Runs goproxy-doctor as a real process from its TypeScript sources (through tsx), for behaviour
 * that only a process shows: signals, blocking system calls, pipes whose reader goes away, a
 * terminal. Every run is bounded: past `timeoutMs` the process is killed and `timedOut` is set.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The CLI entry point and the loader that runs it from source. */
export const CLI_ENTRY = fileURLToPath(new URL('../../src/bin.ts', import.meta.url));
export const TSX_LOADER = new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href;

/** The built CLI (`npm run build`), which GPD_TEST_BUILT=1 runs instead of the sources. */
export const BUILT_CLI = fileURLToPath(new URL('../../bin/goproxy-doctor.js', import.meta.url));

/**
 * `node` arguments that start the CLI from source, followed by the CLI's own arguments. With
 * GPD_TEST_BUILT=1 in the test's environment they start the built bundle instead, so the same tests
 * can be pointed at what ships.
 */
export function cliNodeArgs(args: readonly string[]): string[] {
  if (process.env.GPD_TEST_BUILT === '1') return [BUILT_CLI, ...args];
  return ['--import', TSX_LOADER, CLI_ENTRY, ...args];
}

/** A shell command line that starts the CLI (for `script -c` and `sh -c`). */
export function cliShellCommand(args: readonly string[]): string {
  return [process.execPath, ...cliNodeArgs(args)].map(shellQuote).join(' ');
}

/** Single-quotes a word for a POSIX shell. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export interface ProcessRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Milliseconds from start to exit. */
  elapsedMs: number;
  /** The bound was reached and the process was killed. */
  timedOut: boolean;
}

export interface StartedProcess {
  child: ChildProcess;
  /** Output so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited (killed with SIGKILL at the bound). */
  done: Promise<ProcessRun>;
}

/**
 * Starts `file args` with exactly `env`, in `cwd`, in a process group of its own; after `timeoutMs`
 * the whole group is killed with SIGKILL, so nothing it started (through `script`, `time`, a
 * shell) outlives the test.
 */
export function startProcess(file: string, args: readonly string[], options: { env: Record<string, string>; cwd: string; timeoutMs: number; stdin?: 'ignore' | 'pipe' }): StartedProcess {
  const started = Date.now();
  const child = spawn(file, [...args], { env: options.env, cwd: options.cwd, stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    // Keep the tail only: a runaway process must not fill the test's memory.
    stdout = (stdout + chunk.toString('utf8')).slice(-1_000_000);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-1_000_000);
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }, options.timeoutMs);
  const done = new Promise<ProcessRun>((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, elapsedMs: Date.now() - started, timedOut });
    });
  });
  return { child, stdout: () => stdout, stderr: () => stderr, done };
}

/** Runs the CLI from source and waits for it (bounded). */
export function runCliProcess(args: readonly string[], options: { env: Record<string, string>; cwd: string; timeoutMs: number }): Promise<ProcessRun> {
  return startProcess(process.execPath, cliNodeArgs(args), options).done;
}

/** Waits until `condition` holds, polling every 20 ms; rejects after `timeoutMs`. */
export function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = (): void => {
      if (condition()) resolve();
      else if (Date.now() - started > timeoutMs) reject(new Error(`condition not met within ${timeoutMs} ms`));
      else setTimeout(tick, 20);
    };
    tick();
  });
}
