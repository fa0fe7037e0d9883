/**
 * Running a short-lived helper program (`go env -json`, `go version`) so that nothing it starts can
 * hold the tool hostage. A `--go` wrapper script may leave a background process behind that keeps
 * the output pipe open; waiting for the pipe to close would then wait for that process, past any
 * timeout. So the program runs in a process group of its own (a new session on POSIX): on timeout
 * the whole group is killed, once the program itself has exited its output is taken after a short
 * grace period whoever still holds the pipe, and the group is killed if this process exits first.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import type { Exec, ExecResult } from './io.js';

/** How long to wait, after the program exited, for descendants holding its pipes to let go. */
export const PIPE_GRACE_MS = 500;
/** Output kept per stream; a program printing more is stopped (a helper's output is small). */
export const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

const POSIX = process.platform !== 'win32';

// Process groups still running, killed if we exit first (Ctrl-C, SIGTERM): they are in a session
// of their own, so the terminal's signal no longer reaches them.
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(POSIX ? -pid : pid, signal);
  } catch {
    // Already gone.
  }
}

function trackGroup(pid: number): void {
  liveGroups.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const group of liveGroups) killGroup(group, 'SIGKILL');
  });
}

function childEnv(env: Readonly<Record<string, string | undefined>> | undefined): NodeJS.ProcessEnv {
  if (env === undefined) return process.env;
  const out: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  return out;
}

// Collects one stream up to MAX_OUTPUT_BYTES; `onOverflow` fires once when a chunk goes past it.
function collector(onOverflow: () => void): { push(chunk: Buffer): void; text(): string } {
  const chunks: Buffer[] = [];
  let size = 0;
  let overflowed = false;
  return {
    push(chunk) {
      if (overflowed) return;
      const room = MAX_OUTPUT_BYTES - size;
      chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
      size += Math.min(chunk.length, room);
      if (chunk.length > room) {
        overflowed = true;
        onOverflow();
      }
    },
    text: () => Buffer.concat(chunks, size).toString('utf8'),
  };
}

/**
 * An {@link Exec} that runs the program in its own process group. Resolves with its exit code and
 * output (124 and `timed out after N ms` on timeout, with the whole group killed; 128+n when a
 * signal ended it); rejects with the spawn error (an ENOENT/EACCES `ErrnoException`) when the
 * program cannot be started.
 */
export const execInProcessGroup: Exec = (file, args, options = {}) =>
  new Promise<ExecResult>((resolve, reject) => {
    const child = spawn(file, [...args], {
      cwd: options.cwd,
      env: childEnv(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: POSIX,
    });
    const pid = child.pid;
    if (pid !== undefined && POSIX) trackGroup(pid);

    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    let graceTimer: NodeJS.Timeout | undefined;
    const stop = (signal: NodeJS.Signals): void => {
      if (POSIX) killGroup(pid, signal);
      else child.kill(signal);
    };
    const settle = (outcome: { ok: true; result: ExecResult } | { ok: false; error: unknown }): void => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      if (graceTimer) clearTimeout(graceTimer);
      child.stdout.destroy();
      child.stderr.destroy();
      if (pid !== undefined) liveGroups.delete(pid);
      if (outcome.ok) resolve(outcome.result);
      else reject(outcome.error);
    };

    const stdout = collector(() => stop('SIGKILL'));
    const stderr = collector(() => stop('SIGKILL'));
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));

    child.on('error', (error) => {
      // Only a failure to start ends it here; a failed kill of a running child does not.
      if (child.pid === undefined) settle({ ok: false, error });
    });

    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let openStreams = 2;
    const finishIfDone = (): void => {
      if (exit === undefined || openStreams > 0) return;
      const signalNumber = exit.signal !== null ? (os.constants.signals[exit.signal] ?? 0) : 0;
      settle({ ok: true, result: { exitCode: exit.code ?? (exit.signal !== null ? 128 + signalNumber : 1), stdout: stdout.text(), stderr: stderr.text() } });
    };
    for (const stream of [child.stdout, child.stderr]) {
      stream.once('close', () => {
        openStreams -= 1;
        finishIfDone();
      });
    }
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      finishIfDone();
      // Something the program started still holds a pipe: take what arrived and stop waiting.
      if (!settled) graceTimer = setTimeout(() => {
        openStreams = 0;
        finishIfDone();
      }, PIPE_GRACE_MS);
    });

    if (options.timeoutMs !== undefined) {
      timer = setTimeout(() => {
        stop('SIGKILL');
        settle({ ok: true, result: { exitCode: 124, stdout: stdout.text(), stderr: `timed out after ${options.timeoutMs} ms` } });
      }, options.timeoutMs);
    }
  });
