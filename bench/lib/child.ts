/**
 * Runs one child process for a measurement: wall time from the parent's monotonic clock, an optional
 * peak RSS read from GNU time (`/usr/bin/time -f %M -o <file>`, the child's maximum resident set in KB),
 * a hard timeout (the child is killed and the result says so), and stdout either captured or written to
 * a file so a large JSON report never sits in this process's memory.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The GNU time binary the brief names; other `time` implementations lack `-f %M`. */
export const GNU_TIME = '/usr/bin/time';

/** Whether /usr/bin/time is GNU time (BSD/busybox `time` do not support `-f %M -o`). */
export function gnuTimeAvailable(): boolean {
  if (!existsSync(GNU_TIME)) return false;
  const probe = spawnSync(GNU_TIME, ['--version'], { encoding: 'utf8', timeout: 5000 });
  return `${probe.stdout}${probe.stderr}`.includes('GNU');
}

/** What to run and how. */
export interface ChildSpec {
  command: string;
  args: readonly string[];
  /** The complete environment (nothing is inherited beyond it). Defaults to this process's environment. */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Killed (SIGKILL) after this long; the result has `timedOut: true`. */
  timeoutMs: number;
  /** Measure peak RSS through GNU time. */
  measureRss?: boolean;
  /** Write stdout to this file instead of capturing it (capture keeps at most 1 MB). */
  stdoutFile?: string;
  /** Text written to the child's stdin (stdin is closed either way). */
  stdin?: string;
}

/** One finished (or killed) child. */
export interface ChildResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  wallMs: number;
  /** Peak resident set size in bytes, when measured. */
  peakRssBytes?: number;
  /** Captured stdout (empty when `stdoutFile` was used), at most 1 MB. */
  stdout: string;
  /** Captured stderr, at most 64 KB (GNU time's own line is not in it: it goes to a file). */
  stderr: string;
}

const STDOUT_LIMIT = 1024 * 1024;
const STDERR_LIMIT = 64 * 1024;

/** Runs the child and resolves when it exits or is killed; never rejects for a non-zero exit. */
export async function runChild(spec: ChildSpec): Promise<ChildResult> {
  const rssDir = spec.measureRss ? mkdtempSync(path.join(tmpdir(), 'gpd-bench-rss-')) : undefined;
  const rssFile = rssDir ? path.join(rssDir, 'rss') : undefined;
  const command = rssFile ? GNU_TIME : spec.command;
  const args = rssFile ? ['-f', '%M', '-o', rssFile, spec.command, ...spec.args] : [...spec.args];
  const outFd = spec.stdoutFile ? openSync(spec.stdoutFile, 'w') : undefined;
  try {
    return await new Promise<ChildResult>((resolve, reject) => {
      const start = process.hrtime.bigint();
      const child = spawn(command, args, {
        cwd: spec.cwd,
        env: spec.env ?? process.env,
        stdio: [spec.stdin === undefined ? 'ignore' : 'pipe', outFd ?? 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        if (stdout.length < STDOUT_LIMIT) stdout += chunk.slice(0, STDOUT_LIMIT - stdout.length);
      });
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
        if (stderr.length < STDERR_LIMIT) stderr += chunk.slice(0, STDERR_LIMIT - stderr.length);
      });
      if (spec.stdin !== undefined) child.stdin?.end(spec.stdin);
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, spec.timeoutMs);
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on('close', (exitCode, signal) => {
        clearTimeout(timer);
        const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
        const result: ChildResult = { exitCode, signal, timedOut, wallMs, stdout, stderr };
        if (rssFile && existsSync(rssFile)) {
          // GNU time writes "Command exited with non-zero status N" before the figure when the child fails.
          const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
          const kb = Number(lines[lines.length - 1]);
          if (Number.isFinite(kb) && kb > 0) result.peakRssBytes = kb * 1024;
        }
        resolve(result);
      });
    });
  } finally {
    if (outFd !== undefined) closeSync(outFd);
    if (rssDir) rmSync(rssDir, { recursive: true, force: true });
  }
}

/** A one-line description of how a child failed, for the report. */
export function describeFailure(result: ChildResult): string {
  if (result.timedOut) return `killed after the ${Math.round(result.wallMs)} ms timeout`;
  if (result.signal) return `killed by ${result.signal}`;
  const detail = result.stderr.trim().split('\n').slice(-1)[0] ?? '';
  return `exit ${result.exitCode}${detail ? `: ${detail.slice(0, 200)}` : ''}`;
}
