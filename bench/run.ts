/**
 * `npm run bench`: builds the CLI (the npm script does that first), then measures the built
 * `bin/goproxy-doctor.js` as a child process, side by side with its baselines in the same run:
 *   - startup against `node -e 0` (and `go env -json`) (bench/startup.ts)
 *   - explain throughput and peak RSS against grep    (bench/explain-throughput.ts)
 *   - check under bad networks                        (bench/check-network.ts; skipped until check exists)
 *   - explain accuracy: the fixture corpus (bench/explain.ts) and what people really paste, top-1 and
 *     top-2 overall and per scenario (bench/realworld-accuracy.ts)
 * Prints one table (figure, value, target, ratio, met) and writes bench/results/latest.json.
 *
 * Environment: BENCH_SIZES=1MB,100MB,1GB (log sizes), BENCH_STARTUP_RUNS=30, BENCH_ONLY=startup,throughput,check,accuracy,
 * BENCH_STRICT=1 (exit 1 when a target is missed).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchCheckNetwork } from './check-network.js';
import { benchExplainThroughput } from './explain-throughput.js';
import { gnuTimeAvailable } from './lib/child.js';
import { BUILTIN_FAILURES, loadFixtureFailures } from './lib/loggen.js';
import { figureRow, formatBytes, parseSizeList, renderTable, type Figure } from './lib/stats.js';
import { benchRealworldAccuracy } from './realworld-accuracy.js';
import { benchStartup } from './startup.js';
import { SCENARIO_IDS } from '../src/scenarios/types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'bin', 'goproxy-doctor.js');
const RESULTS = path.join(ROOT, 'bench', 'results', 'latest.json');
const SECTIONS = ['startup', 'throughput', 'check', 'accuracy'] as const;
type Section = (typeof SECTIONS)[number];

/** A section's outcome in the JSON summary. */
interface SectionReport {
  figures: Figure[];
  skipped?: string;
  error?: string;
  details?: unknown;
}

function firstLine(command: string, args: string[]): string | undefined {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 5000 });
  return result.status === 0 ? result.stdout.split('\n')[0]?.trim() : undefined;
}

/** The machine the figures come from, as the README quotes it. */
function machine(): Record<string, unknown> {
  const cpus = os.cpus();
  const dirty = spawnSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8', timeout: 5000 }).stdout?.trim() !== '';
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memory: formatBytes(os.totalmem()),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    grep: firstLine('grep', ['--version']) ?? 'unknown',
    gnuTime: gnuTimeAvailable(),
    commit: `${firstLine('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']) ?? 'unknown'}${dirty ? ' (with uncommitted changes)' : ''}`,
  };
}

/**
 * Accuracy on what people really paste (bench/realworld-accuracy.ts, fixtures/realworld): top-1 and
 * top-2 overall against the 90 % goal, per scenario against 75 %, and how many negatives stay quiet.
 */
async function realworldFigures(): Promise<{ figures: Figure[]; details: unknown }> {
  const result = await benchRealworldAccuracy();
  const percent = (part: number, whole: number): number => (whole === 0 ? 0 : (100 * part) / whole);
  const top1 = percent(result.overall.top1, result.overall.entries);
  const figures: Figure[] = [
    { figure: `explain top-1 accuracy, real-world corpus (${result.samples} pastes)`, value: top1, unit: '%', target: '≥ 90 %', ratio: top1 / 90, met: top1 >= 90 },
    { figure: `explain top-2 accuracy, real-world corpus (${result.samples} pastes)`, value: percent(result.overall.top2, result.overall.entries), unit: '%' },
  ];
  for (const id of [...SCENARIO_IDS, '(none)']) {
    const tally = result.byScenario[id];
    if (tally === undefined) continue;
    const value = percent(tally.top1, tally.entries);
    const label = id === '(none)' ? `negatives (${tally.entries}): nothing diagnosed` : `${id} (${tally.entries}): top-1, top-2 ${percent(tally.top2, tally.entries).toFixed(1)} %`;
    figures.push({ figure: `  real-world ${label}`, value, unit: '%', ...(id === '(none)' ? {} : { target: '≥ 75 %', ratio: value / 75, met: value >= 75 }) });
  }
  const misses = result.outcomes.filter((outcome) => !outcome.top1).map((outcome) => `${outcome.id}: expected ${outcome.expected.join(' | ') || 'nothing'}; got ${outcome.detail.join(', ') || 'nothing'}`);
  return { figures, details: { samples: result.samples, overall: result.overall, byScenario: result.byScenario, byKind: result.byKind, misses } };
}

/** Calls the accuracy benchmark bench/explain.ts exports (owned elsewhere), if the file is there, and the real-world corpus. */
async function accuracySection(): Promise<SectionReport> {
  const realworld = await realworldFigures();
  const file = path.join(ROOT, 'bench', 'explain.ts');
  if (!existsSync(file)) return { figures: realworld.figures, details: { realworld: realworld.details } };
  const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const entry = Object.entries(module).find(([name, value]) => typeof value === 'function' && /^bench/i.test(name));
  if (!entry) return { figures: realworld.figures, details: { realworld: realworld.details }, skipped: `bench/explain.ts exports no bench* function (exports: ${Object.keys(module).join(', ') || 'none'})` };
  const [name, fn] = entry as [string, () => unknown];
  // Called with its defaults: its parameters are its own business (benchExplain takes a log size).
  const result = (await fn()) as Record<string, unknown> | undefined;
  const figures: Figure[] = Array.isArray(result?.figures) ? (result.figures as Figure[]) : [];
  if (typeof result?.top1Accuracy === 'number') {
    const fixtures = typeof result.fixtures === 'number' ? result.fixtures : undefined;
    figures.push({ figure: `explain top-1 accuracy over the fixture corpus${fixtures === undefined ? '' : ` (${fixtures} fixtures)`}`, value: result.top1Accuracy * 100, unit: '%' });
  }
  if (typeof result?.mbPerSecond === 'number') {
    const size = typeof result.bytes === 'number' ? `, ${formatBytes(result.bytes)} log` : '';
    figures.push({ figure: `explain engine in-process throughput${size} (bench/explain.ts)`, value: result.mbPerSecond, unit: 'MB/s' });
  }
  return { figures: [...figures, ...realworld.figures], details: { function: name, result, realworld: realworld.details } };
}

async function main(): Promise<number> {
  if (!existsSync(path.join(ROOT, 'dist', 'bin.js'))) {
    process.stderr.write('bench: dist/bin.js is missing; run `npm run bench` (it builds first) or `npm run build`\n');
    return 1;
  }
  const only = (process.env.BENCH_ONLY ?? SECTIONS.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter((s): s is Section => (SECTIONS as readonly string[]).includes(s));
  const sizes = parseSizeList(process.env.BENCH_SIZES ?? '1MB,100MB,1GB');
  const startupRuns = Number(process.env.BENCH_STARTUP_RUNS ?? 30);
  const rss = gnuTimeAvailable();
  const fixtures = loadFixtureFailures(ROOT);
  const failures = fixtures.length > 0 ? fixtures : [...BUILTIN_FAILURES];
  const notes: string[] = [];
  if (!rss) notes.push('GNU time (/usr/bin/time) is not available: peak RSS was not measured.');
  if (fixtures.length === 0) notes.push('fixtures/stderr has no failure blocks yet: the generated logs use built-in failure blocks.');
  else notes.push(`failure blocks mixed into generated logs: ${fixtures.length} fixtures from fixtures/stderr (headers stripped).`);

  const workDir = mkdtempSync(path.join(os.tmpdir(), 'gpd-bench-'));
  const sections: Partial<Record<Section, SectionReport>> = {};
  const started = new Date();
  const run = async (section: Section, body: () => Promise<SectionReport>): Promise<void> => {
    if (!only.includes(section)) return;
    process.stderr.write(`bench: ${section}...\n`);
    try {
      sections[section] = await body();
    } catch (error) {
      sections[section] = { figures: [], error: error instanceof Error ? error.message : String(error) };
    }
    const report = sections[section];
    if (report?.skipped) process.stderr.write(`bench: ${section}: ${report.skipped}\n`);
    if (report?.error) process.stderr.write(`bench: ${section} failed: ${report.error}\n`);
  };
  try {
    await run('startup', async () => {
      const result = await benchStartup({ cli: CLI, workDir, runs: startupRuns });
      return { figures: result.figures, details: result, ...(result.skipped === undefined ? {} : { skipped: result.skipped }) };
    });
    await run('throughput', async () => {
      const result = await benchExplainThroughput({ cli: CLI, workDir, sizes, failures, measureRss: rss });
      return { figures: result.figures, details: result };
    });
    await run('check', async () => {
      const result = await benchCheckNetwork({ cli: CLI, workDir });
      return result.skipped !== undefined ? { figures: [], skipped: result.skipped } : { figures: result.figures, details: result };
    });
    await run('accuracy', () => accuracySection());
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }

  const figures = Object.values(sections).flatMap((s) => s?.figures ?? []);
  const summary = {
    date: started.toISOString(),
    durationSeconds: Math.round((Date.now() - started.getTime()) / 1000),
    machine: machine(),
    settings: { sizes: sizes.map(formatBytes), startupRuns, sections: only },
    notes,
    figures,
    sections,
  };
  mkdirSync(path.dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(summary, null, 2)}\n`);

  const m = summary.machine;
  process.stdout.write(`\ngoproxy-doctor benchmarks — ${summary.date}\nmachine: ${m.cpu} (${m.cores} cores), ${m.memory}, ${m.os}, node ${m.node}, commit ${m.commit}\n\n`);
  process.stdout.write(renderTable(figures.map(figureRow)));
  for (const [name, report] of Object.entries(sections)) {
    if (report?.skipped) process.stdout.write(`${name}: ${report.skipped}\n`);
    if (report?.error) process.stdout.write(`${name}: FAILED: ${report.error}\n`);
  }
  for (const note of notes) process.stdout.write(`note: ${note}\n`);
  process.stdout.write(`\nJSON summary: ${RESULTS}\n`);

  const crashed = Object.values(sections).some((s) => s?.error !== undefined);
  const missed = figures.some((f) => f.met === false);
  return crashed || (process.env.BENCH_STRICT === '1' && missed) ? 1 : 0;
}

process.exitCode = await main();
