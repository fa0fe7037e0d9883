/**
 * `check` under bad networks, against loopback servers this benchmark starts:
 *   1. a chain whose first entry accepts connections and never answers;
 *   2. a chain of five slow entries joined by `|` (each answers 404 after a delay, so the walk reaches all five);
 *   3. a go.mod with 200 requirements, served by a proxy that delays every answer.
 * Targets: wall time within `--timeout` plus 0.5 s; probes concurrent, so the total is near the slowest
 * probe, not the sum. When `check` is not built yet the section is skipped, not failed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startFakeGoProxy, type FakeGoProxy, type FakeModule } from '../__tests__/helpers/fake-goproxy.js';
import { availableGoVersions, createGoSandbox, goBinary } from '../__tests__/helpers/go-toolchains.js';
import { describeFailure, runChild, type ChildResult } from './lib/child.js';
import type { Figure } from './lib/stats.js';

/** Inputs of the check benchmark. */
export interface CheckNetworkOptions {
  cli: string;
  workDir: string;
}

/** One scenario's measurement. */
export interface CheckScenarioResult {
  name: string;
  goproxy: string;
  timeoutMs: number;
  wallMs: number;
  exitCode: number | null;
  timedOut: boolean;
  /** The slowest single probe the scenario contains, and the sum if probed one after another. */
  slowestProbeMs: number;
  sequentialMs: number;
  /** The same run against an instant proxy, for the concurrency figure. */
  baselineMs?: number;
}

/** The section result: figures, or the reason it was skipped. */
export interface CheckNetworkResult {
  figures: Figure[];
  skipped?: string;
  scenarios: CheckScenarioResult[];
}

const SLACK_MS = 500;
/** Beyond the deadline the child is killed: a hang in `check` shows as a missed target, not a stuck bench. */
const KILL_AFTER_MS = 30_000;

/** Why `check` cannot be measured yet, or undefined when it looks usable. */
export function checkUnavailableReason(help: ChildResult): string | undefined {
  const text = `${help.stdout}\n${help.stderr}`;
  if (help.timedOut) return '`check --help` did not finish';
  if (/not built yet/i.test(text)) return 'check not available (the command is still a stub)';
  if (help.exitCode !== 0) return `check not available (\`check --help\` ${describeFailure(help)})`;
  if (!/--timeout\b/.test(text)) return 'check not available (no --timeout option)';
  return undefined;
}

function requirementsGoMod(modules: readonly FakeModule[]): string {
  return `module bench.invalid/app\n\ngo 1.21\n\nrequire (\n${modules.map((m) => `\t${m.path} ${m.version}`).join('\n')}\n)\n`;
}

/** Runs the three scenarios; every server and temporary directory is gone when it returns. */
export async function benchCheckNetwork(options: CheckNetworkOptions): Promise<CheckNetworkResult> {
  const help = await runChild({ command: process.execPath, args: [options.cli, 'check', '--help'], timeoutMs: 15_000 });
  const unavailable = checkUnavailableReason(help);
  if (unavailable !== undefined) return { figures: [], skipped: `skipped: ${unavailable}`, scenarios: [] };

  const versions = availableGoVersions(['1.23', '1.22', '1.21', '1.19']);
  const goVersion = versions[0];
  if (goVersion === undefined) return { figures: [], skipped: 'skipped: no Go toolchain under /usr/lib/go-*', scenarios: [] };

  const requirements: FakeModule[] = Array.from({ length: 200 }, (_, i) => ({ path: `bench.invalid/dep${String(i).padStart(3, '0')}`, version: 'v1.0.0' }));
  const sandbox = createGoSandbox('gpd-bench-check-');
  const modDir = mkdtempSync(path.join(options.workDir, 'gomod-'));
  let proxy: FakeGoProxy | undefined;
  try {
    proxy = await startFakeGoProxy({ modules: requirements });
    writeFileSync(path.join(modDir, 'go.mod'), requirementsGoMod(requirements));
    const slow = [400, 500, 600, 700, 800];
    const hangTimeout = 2000;
    const scenarios = [
      {
        name: 'first entry accepts and never answers',
        goproxy: `${proxy.faultUrl('hang')},${proxy.url}`,
        timeoutMs: hangTimeout,
        module: 'bench.invalid/dep000@v1.0.0',
        cwd: sandbox.root,
        slowestProbeMs: hangTimeout,
        sequentialMs: hangTimeout,
        baselineGoproxy: undefined,
      },
      {
        // Each entry answers 404 after its delay (the module is not there), so `|` moves on to the next.
        name: 'five slow entries joined by |',
        goproxy: slow.map((ms) => proxy?.faultUrl(`slow/${ms}`)).join('|'),
        timeoutMs: 10_000,
        module: 'bench.invalid/absent@v1.0.0',
        cwd: sandbox.root,
        slowestProbeMs: Math.max(...slow),
        sequentialMs: slow.reduce((a, b) => a + b, 0),
        // The same chain without the delays: what the run costs besides waiting (startup, go env).
        baselineGoproxy: slow.map((_, i) => proxy?.faultUrl(`slow/${i}`)).join('|'),
      },
      {
        name: '200 go.mod requirements, 200 ms per answer',
        goproxy: proxy.faultUrl('slow/200'),
        timeoutMs: 5000,
        module: undefined,
        cwd: modDir,
        slowestProbeMs: 200,
        sequentialMs: 200 * requirements.length,
        baselineGoproxy: proxy.url,
      },
    ];

    const results: CheckScenarioResult[] = [];
    const figures: Figure[] = [];
    for (const scenario of scenarios) {
      const args = [options.cli, '--go', goBinary(goVersion), 'check', '--json', '--timeout', String(scenario.timeoutMs)];
      if (scenario.module !== undefined) args.push('--module', scenario.module);
      const runCheck = (goproxy: string): Promise<ChildResult> =>
        runChild({
          command: process.execPath,
          args,
          env: { ...sandbox.env, GOPROXY: goproxy, GOSUMDB: 'off', NO_COLOR: '1' },
          cwd: scenario.cwd,
          timeoutMs: scenario.timeoutMs + KILL_AFTER_MS,
        });
      const run = await runCheck(scenario.goproxy);
      if (run.exitCode === 2 && /not built yet|unknown option/i.test(run.stderr)) {
        return { figures: [], skipped: `skipped: check not available (${run.stderr.trim().split('\n')[0] ?? ''})`, scenarios: [] };
      }
      results.push({
        name: scenario.name,
        goproxy: scenario.goproxy,
        timeoutMs: scenario.timeoutMs,
        wallMs: run.wallMs,
        exitCode: run.exitCode,
        timedOut: run.timedOut,
        slowestProbeMs: scenario.slowestProbeMs,
        sequentialMs: scenario.sequentialMs,
      });
      const failed = run.timedOut || run.exitCode === null || run.exitCode > 1;
      const deadline = scenario.timeoutMs + SLACK_MS;
      figures.push({
        figure: `check: ${scenario.name}${failed ? ` (${describeFailure(run)})` : ''}`,
        value: run.wallMs,
        unit: 'ms',
        target: `≤ timeout + 0.5 s (${deadline} ms)`,
        ratio: run.wallMs / deadline,
        met: !failed && run.wallMs <= deadline,
      });
      if (scenario.baselineGoproxy !== undefined) {
        // Time spent waiting = wall minus the same run against an instant proxy; concurrent probes make it
        // about one slowest probe, sequential ones the sum.
        const baseline = await runCheck(scenario.baselineGoproxy);
        const waited = run.wallMs - baseline.wallMs;
        const result = results[results.length - 1];
        if (result) result.baselineMs = baseline.wallMs;
        figures.push({
          figure: `check: ${scenario.name}, time waiting (wall − ${Math.round(baseline.wallMs)} ms without delays)`,
          value: waited,
          unit: 'ms',
          target: `≈ slowest probe ${scenario.slowestProbeMs} ms, not the sum ${scenario.sequentialMs} ms (≤ ${scenario.slowestProbeMs + SLACK_MS} ms)`,
          ratio: waited / scenario.slowestProbeMs,
          met: !failed && waited <= scenario.slowestProbeMs + SLACK_MS,
        });
      }
    }
    return { figures, scenarios: results };
  } finally {
    await proxy?.close();
    sandbox.cleanup();
    rmSync(modDir, { recursive: true, force: true });
  }
}
