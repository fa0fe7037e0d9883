/**
 * Running a child process under a deadline: the seam through which the direct-fetch probe runs git.
 * The child gets its own process group and no terminal (setsid), so nothing it starts (git-remote-https,
 * ssh, a credential helper) can prompt, and a deadline or Ctrl-C kills the whole group at once.
 */
import { spawn } from 'node:child_process';

/** One program to run. */
export interface ProcessRequest {
  file: string;
  args: readonly string[];
  /** The child's complete environment (nothing is inherited). */
  env: Readonly<Record<string, string>>;
  cwd: string;
  /** The process group is killed after this long. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Bytes kept of stdout and of stderr each; the rest is drained and dropped. */
  maxOutputBytes?: number;
}

/** How a child process ended. */
export interface ProcessOutcome {
  /** null when it was killed or never started. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Killed because the deadline passed. */
  timedOut: boolean;
  /** Killed because the caller cancelled. */
  cancelled: boolean;
  /** The program could not be started (`ENOENT` when it is not installed). */
  spawnError?: string;
  /** Output went past `maxOutputBytes`. */
  truncated: boolean;
  durationMs: number;
}

/** Runs one program; never rejects. */
export type ProcessRunner = (request: ProcessRequest) => Promise<ProcessOutcome>;

const DEFAULT_MAX_OUTPUT = 8 * 1024 * 1024;

/** The real runner: node:child_process with a detached process group. */
export const runProcess: ProcessRunner = (request) =>
  new Promise<ProcessOutcome>((resolve) => {
    const started = Date.now();
    const max = request.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let truncated = false;
    let timedOut = false;
    let cancelled = false;
    let settled = false;

    const finish = (outcome: Omit<ProcessOutcome, 'stdout' | 'stderr' | 'truncated' | 'timedOut' | 'cancelled' | 'durationMs'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      resolve({
        ...outcome,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        truncated,
        timedOut,
        cancelled,
        durationMs: Date.now() - started,
      });
    };

    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(request.file, [...request.args], {
        cwd: request.cwd,
        env: { ...request.env },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
      resolve({ exitCode: null, stdout: '', stderr: '', timedOut: false, cancelled: false, spawnError: code, truncated: false, durationMs: 0 });
      return;
    }

    const killGroup = (): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, Math.max(0, request.timeoutMs));
    const onAbort = (): void => {
      cancelled = true;
      killGroup();
    };
    request.signal?.addEventListener('abort', onAbort, { once: true });
    if (request.signal?.aborted) onAbort();

    const collect = (chunks: Buffer[], which: 'out' | 'err') => (chunk: Buffer): void => {
      const have = which === 'out' ? outBytes : errBytes;
      const room = max - have;
      if (room <= 0) {
        truncated = true;
        return;
      }
      const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
      if (kept.length < chunk.length) truncated = true;
      chunks.push(kept);
      if (which === 'out') outBytes += kept.length;
      else errBytes += kept.length;
    };
    child.stdout?.on('data', collect(out, 'out'));
    child.stderr?.on('data', collect(err, 'err'));
    child.once('error', (error: NodeJS.ErrnoException) => finish({ exitCode: null, spawnError: error.code ?? 'EIO' }));
    // 'close' waits for the pipes. A background child that outlives git and keeps them open (an ssh
    // control master) would hold it until the deadline, so the group is cleared shortly after git exits.
    let leftovers: NodeJS.Timeout | undefined;
    child.once('exit', () => {
      leftovers = setTimeout(killGroup, 250);
    });
    child.once('close', (code) => {
      if (leftovers !== undefined) clearTimeout(leftovers);
      finish({ exitCode: code });
    });
  });
