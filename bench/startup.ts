/**
 * Start-up benchmark: whole processes, side by side in one run, hyperfine-style (warm-up rounds, then
 * N rounds in which the commands take turns in a rotating order, so drift in the machine's load
 * touches all of them alike). Each ratio is the median of the per-round ratios (a command against its
 * baseline in the same round), which keeps it meaningful on a machine whose speed drifts.
 *
 *   --version                          ≤ 1.3× `node -e 0`
 *   explain --no-env of a one-line log ≤ 1.5× `node -e 0`
 *   explain of the same line           ≤ 1.5× (`node -e 0` + `go env -json`): reading the environment
 *                                      may cost what running go costs, and little more (explain asks go
 *                                      only for the variables it reads, `go env -json NAME...`, which
 *                                      spares go its C compiler probe)
 *
 * `go env -json` runs as explain runs it: the `go` on PATH, in the file-system root, with the same
 * environment. Without a `go` on PATH the last figure is skipped.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeFailure, runChild } from './lib/child.js';
import { createLineSource, type LogOptions } from './lib/loggen.js';
import { median, percentile, type Figure } from './lib/stats.js';

/** Inputs of the start-up benchmark. */
export interface StartupOptions {
  /** Path of bin/goproxy-doctor.js (the built CLI). */
  cli: string;
  /** A scratch directory for the one-line log. */
  workDir: string;
  /** Measured rounds (each runs every command once). */
  runs: number;
}

/** Medians (and spread) of each command, the per-round ratios' medians, and the figures for the table. */
export interface StartupResult {
  figures: Figure[];
  commands: Record<string, { medianMs: number; p10Ms: number; p90Ms: number; runs: number; exitCodes: number[] }>;
  /** Median of the per-round ratios, per measured command. */
  ratios: Record<string, number>;
  skipped?: string;
}

/** One line of go output that explain names (module-not-found): the smallest real input. */
export const ONE_LINE_LOG = 'go: example.com/widget@v1.4.0: reading https://proxy.golang.org/example.com/widget/@v/v1.4.0.mod: 404 Not Found\n';

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

interface Command {
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  okExit: number[];
}

interface Target {
  /** The measured command. */
  name: string;
  /** Its baselines, summed per round. */
  baseline: string[];
  limit: number;
  describe: string;
}

function goOnPath(env: NodeJS.ProcessEnv): boolean {
  return spawnSync('go', ['version'], { env, stdio: 'ignore', timeout: 10_000 }).status === 0;
}

/** Runs the start-up benchmark. Fails loudly when a command does not run at all. */
export async function benchStartup(options: StartupOptions): Promise<StartupResult> {
  const log = path.join(options.workDir, 'startup-one-line.log');
  writeFileSync(log, ONE_LINE_LOG);

  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  const node = process.execPath;
  const withGo = goOnPath(env);
  const root = path.parse(options.workDir).root;
  const NODE = 'node -e 0';
  const GO_ENV = 'go env -json';
  const VERSION = 'goproxy-doctor --version';
  const EXPLAIN_NO_ENV = 'goproxy-doctor explain --no-env (one-line log)';
  const EXPLAIN_ENV = 'goproxy-doctor explain (one-line log, reads the Go environment)';
  const commands: Command[] = [
    { name: NODE, command: node, args: ['-e', '0'], okExit: [0] },
    { name: VERSION, command: node, args: [options.cli, '--version'], okExit: [0] },
    // explain exits 1 when it names a failure: the line must be recognised for the figure to mean anything.
    { name: EXPLAIN_NO_ENV, command: node, args: [options.cli, 'explain', '--no-env', log], okExit: [1] },
  ];
  if (withGo) {
    commands.push({ name: GO_ENV, command: 'go', args: ['env', '-json'], cwd: root, okExit: [0] });
    commands.push({ name: EXPLAIN_ENV, command: node, args: [options.cli, 'explain', log], okExit: [1] });
  }
  const targets: Target[] = [
    { name: VERSION, baseline: [NODE], limit: 1.3, describe: `≤ 1.3× ${NODE}` },
    { name: EXPLAIN_NO_ENV, baseline: [NODE], limit: 1.5, describe: `≤ 1.5× ${NODE}` },
    ...(withGo ? [{ name: EXPLAIN_ENV, baseline: [NODE, GO_ENV], limit: 1.5, describe: `≤ 1.5× (${NODE} + ${GO_ENV})` }] : []),
  ];

  const times = new Map<string, number[]>(commands.map((c) => [c.name, []]));
  const exits = new Map<string, number[]>(commands.map((c) => [c.name, []]));
  const ratios = new Map<string, number[]>(targets.map((t) => [t.name, []]));

  const runOnce = async (command: Command): Promise<{ wallMs: number; exitCode: number }> => {
    const result = await runChild({ command: command.command, args: command.args, cwd: command.cwd, env, timeoutMs: TIMEOUT_MS });
    if (result.timedOut || result.exitCode === null || !command.okExit.includes(result.exitCode)) {
      throw new Error(`startup: \`${command.name}\` failed: ${describeFailure(result)}`);
    }
    return { wallMs: result.wallMs, exitCode: result.exitCode };
  };

  for (let i = 0; i < 3; i++) for (const command of commands) await runOnce(command);
  for (let round = 0; round < options.runs; round++) {
    const wall = new Map<string, number>();
    // Rotate the order every round so no command always runs first (or right after another).
    for (let k = 0; k < commands.length; k++) {
      const command = commands[(round + k) % commands.length] as Command;
      const { wallMs, exitCode } = await runOnce(command);
      wall.set(command.name, wallMs);
      times.get(command.name)?.push(wallMs);
      exits.get(command.name)?.push(exitCode);
    }
    for (const target of targets) {
      const base = target.baseline.reduce((sum, name) => sum + (wall.get(name) ?? Number.NaN), 0);
      ratios.get(target.name)?.push((wall.get(target.name) ?? Number.NaN) / base);
    }
  }

  const summary: StartupResult['commands'] = {};
  for (const command of commands) {
    const samples = times.get(command.name) ?? [];
    summary[command.name] = { medianMs: median(samples), p10Ms: percentile(samples, 10), p90Ms: percentile(samples, 90), runs: samples.length, exitCodes: [...new Set(exits.get(command.name))] };
  }
  const ratioMedians: Record<string, number> = {};
  for (const target of targets) ratioMedians[target.name] = median(ratios.get(target.name) ?? []);

  const label = (name: string): string => `startup: ${name} (median of ${options.runs})`;
  const figures: Figure[] = commands.map((command) => {
    const value = summary[command.name]?.medianMs ?? Number.NaN;
    const target = targets.find((t) => t.name === command.name);
    if (!target) return { figure: label(command.name), value, unit: 'ms' };
    const ratio = ratioMedians[command.name] ?? Number.NaN;
    return { figure: label(command.name), value, unit: 'ms', target: target.describe, ratio, met: ratio <= target.limit };
  });
  return {
    figures,
    commands: summary,
    ratios: ratioMedians,
    ...(withGo ? {} : { skipped: `no go on PATH: \`${EXPLAIN_ENV}\` was not measured` }),
  };
}
