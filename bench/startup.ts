/**
 * Startup benchmark: how long `goproxy-doctor --version` and `explain` on a 2 KB log take next to bare
 * Node (`node -e 0`), hyperfine-style: warm-up runs, then N rounds in which the three commands take
 * turns, so drift in the machine's load touches all three alike. Target: within 1.5× of bare Node.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeFailure, runChild } from './lib/child.js';
import { createLineSource, type LogOptions } from './lib/loggen.js';
import { median, percentile, type Figure } from './lib/stats.js';

/** Inputs of the startup benchmark. */
export interface StartupOptions {
  /** Path of bin/goproxy-doctor.js (the built CLI). */
  cli: string;
  /** A scratch directory for the 2 KB log. */
  workDir: string;
  /** Measured rounds (each runs all three commands once). */
  runs: number;
  /** Failure blocks to put in the log. */
  failures: readonly string[];
}

/** Medians (and spread) of each command, plus the figures for the table. */
export interface StartupResult {
  figures: Figure[];
  commands: Record<string, { medianMs: number; p10Ms: number; p90Ms: number; runs: number; exitCodes: number[] }>;
  logBytes: number;
}

const TARGET_RATIO = 1.5;
const TIMEOUT_MS = 30_000;

/** Builds a log of about `size` bytes that holds at least one failure block. */
export function smallLog(size: number, options: LogOptions): string {
  const next = createLineSource({ ...options, failureEveryBytes: Math.floor(size / 2) });
  let text = '';
  let failures = 0;
  while (text.length < size || (failures === 0 && (options.failures?.length ?? 0) > 0)) {
    const piece = next();
    text += piece.text;
    if (piece.failure) failures++;
  }
  return text;
}

/** Runs the startup benchmark. Fails loudly when a command does not run at all. */
export async function benchStartup(options: StartupOptions): Promise<StartupResult> {
  const log = path.join(options.workDir, 'startup-2k.log');
  const text = smallLog(2048, { failures: options.failures, seed: 7 });
  writeFileSync(log, text);

  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  const commands: { name: string; args: string[]; okExit: number[] }[] = [
    { name: 'node -e 0', args: ['-e', '0'], okExit: [0] },
    { name: 'goproxy-doctor --version', args: [options.cli, '--version'], okExit: [0] },
    // explain exits 1 when it names a failure, 0 when it finds none.
    { name: 'goproxy-doctor explain --no-env (2 KB log)', args: [options.cli, 'explain', '--no-env', log], okExit: [0, 1] },
  ];
  const times = new Map<string, number[]>(commands.map((c) => [c.name, []]));
  const exits = new Map<string, number[]>(commands.map((c) => [c.name, []]));

  const runOnce = async (command: (typeof commands)[number], record: boolean): Promise<void> => {
    const result = await runChild({ command: process.execPath, args: command.args, env, timeoutMs: TIMEOUT_MS });
    if (result.timedOut || result.exitCode === null || !command.okExit.includes(result.exitCode)) {
      throw new Error(`startup: \`${command.name}\` failed: ${describeFailure(result)}`);
    }
    if (record) {
      times.get(command.name)?.push(result.wallMs);
      exits.get(command.name)?.push(result.exitCode);
    }
  };

  for (let i = 0; i < 3; i++) for (const command of commands) await runOnce(command, false);
  for (let round = 0; round < options.runs; round++) {
    // Rotate the order every round so no command always runs first (or right after another).
    for (let k = 0; k < commands.length; k++) await runOnce(commands[(round + k) % commands.length] as (typeof commands)[number], true);
  }

  const summary: StartupResult['commands'] = {};
  for (const command of commands) {
    const samples = times.get(command.name) ?? [];
    summary[command.name] = { medianMs: median(samples), p10Ms: percentile(samples, 10), p90Ms: percentile(samples, 90), runs: samples.length, exitCodes: [...new Set(exits.get(command.name))] };
  }
  const base = summary['node -e 0']?.medianMs ?? Number.NaN;
  const figures: Figure[] = commands.map((command, index) => {
    const value = summary[command.name]?.medianMs ?? Number.NaN;
    if (index === 0) return { figure: `startup: ${command.name} (median of ${options.runs})`, value, unit: 'ms' };
    const ratio = value / base;
    return { figure: `startup: ${command.name} (median of ${options.runs})`, value, unit: 'ms', target: `≤ ${TARGET_RATIO}× node -e 0`, ratio, met: ratio <= TARGET_RATIO };
  });
  return { figures, commands: summary, logBytes: Buffer.byteLength(text) };
}
