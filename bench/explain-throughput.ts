/**
 * `explain` throughput and memory on generated build logs (1 MB, 100 MB, 1 GB by default), measured side
 * by side with `grep -E -c` over the same file using the catalogue's own patterns: each scenario's
 * `trigger` (the pre-filter the engine itself applies), translated to ERE. Targets: at least half of
 * `LC_ALL=C grep`'s throughput (byte-wise, as explain's pre-scan reads the log); peak RSS under 100 MB.
 * grep in the machine's locale is printed alongside.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { SCENARIOS } from '../src/scenarios/index.js';
import { describeFailure, runChild, type ChildResult } from './lib/child.js';
import { writeLog, type LogStats } from './lib/loggen.js';
import { formatBytes, median, megabytesPerSecond, type Figure } from './lib/stats.js';
import { scenarioGrepPattern, type GrepPattern } from './lib/grep-patterns.js';

/** Inputs of the throughput benchmark. */
export interface ThroughputOptions {
  cli: string;
  workDir: string;
  sizes: readonly number[];
  failures: readonly string[];
  /** Whether GNU time is there to measure peak RSS. */
  measureRss: boolean;
}

/** The grep patterns and the triggers that could not be translated. */
export interface CataloguePatterns {
  patterns: { scenario: string; ere: string; ignoreCase: boolean }[];
  skipped: { scenario: string; reason: string }[];
}

/** Per-size measurements. */
export interface SizeResult {
  size: string;
  bytes: number;
  log: LogStats;
  explain: { wallMs: number[]; medianMs: number; mbPerSec: number; peakRssBytes?: number; exitCode: number | null; diagnoses?: number; occurrences?: number };
  grep: { wallMs: number[]; medianMs: number; mbPerSec: number; peakRssBytes?: number; matchingLines: number; locale: string };
  grepC: { medianMs: number; mbPerSec: number };
}

/** All throughput results. */
export interface ThroughputResult {
  figures: Figure[];
  patterns: CataloguePatterns;
  sizes: SizeResult[];
}

const RSS_LIMIT_BYTES = 100 * 1024 * 1024;
/** explain against `LC_ALL=C grep -E -c` with the same patterns. */
const GREP_C_RATIO_TARGET = 0.5;
/**
 * The smallest log the throughput target applies to: below it Node's start-up (about 130 ms, while grep
 * reads a megabyte in a few) decides the ratio, and the figure is printed without a target.
 */
const THROUGHPUT_TARGET_MIN_BYTES = 100 * 1024 * 1024;
const MB = 1024 * 1024;

/**
 * The catalogue's patterns for grep: every scenario trigger in ERE (bench/lib/grep-patterns.ts, tested
 * to select the same lines as the JavaScript triggers), checked by grep itself (exit 2 or a warning means
 * grep does not take it as written, so it is skipped and reported).
 */
export function cataloguePatterns(): CataloguePatterns {
  const result: CataloguePatterns = { patterns: [], skipped: [] };
  for (const scenario of SCENARIOS) {
    let translated: GrepPattern;
    try {
      translated = scenarioGrepPattern(scenario);
    } catch (error) {
      result.skipped.push({ scenario: scenario.id, reason: error instanceof Error ? error.message : String(error) });
      continue;
    }
    const check = spawnSync('grep', ['-E', ...(translated.ignoreCase ? ['-i'] : []), '-e', translated.pattern], { input: '', encoding: 'utf8', timeout: 5000 });
    if (check.status === 2 || check.stderr.trim() !== '') {
      result.skipped.push({ scenario: scenario.id, reason: `grep rejects ${JSON.stringify(translated.pattern)}: ${check.stderr.trim()}` });
      continue;
    }
    result.patterns.push({ scenario: scenario.id, ere: translated.pattern, ignoreCase: translated.ignoreCase });
  }
  return result;
}

/**
 * grep's invocations for the patterns: one for the case-sensitive triggers and one with `-i` for the
 * others (grep's -i applies to every pattern of an invocation). Their times are added up.
 */
function grepInvocations(patterns: CataloguePatterns): string[][] {
  const sensitive = patterns.patterns.filter((p) => !p.ignoreCase);
  const insensitive = patterns.patterns.filter((p) => p.ignoreCase);
  const invocations: string[][] = [];
  if (sensitive.length > 0) invocations.push(['-E', '-c', ...sensitive.flatMap((p) => ['-e', p.ere])]);
  if (insensitive.length > 0) invocations.push(['-E', '-c', '-i', ...insensitive.flatMap((p) => ['-e', p.ere])]);
  return invocations;
}

/** Runs every grep invocation over `file` and adds their wall times (and takes the larger peak RSS). */
async function runGrep(invocations: readonly string[][], file: string, options: { timeoutMs: number; measureRss?: boolean; env?: NodeJS.ProcessEnv }, label: string): Promise<ChildResult> {
  let total: ChildResult | undefined;
  for (const args of invocations) {
    const run = await runChild({ command: 'grep', args: [...args, file], timeoutMs: options.timeoutMs, measureRss: options.measureRss, ...(options.env ? { env: options.env } : {}) });
    ensureOk(label, run, [0, 1]);
    if (!total) {
      total = run;
      continue;
    }
    total = {
      ...total,
      wallMs: total.wallMs + run.wallMs,
      stdout: String(Number(total.stdout.trim()) + Number(run.stdout.trim())),
      ...(run.peakRssBytes !== undefined ? { peakRssBytes: Math.max(total.peakRssBytes ?? 0, run.peakRssBytes) } : {}),
    };
  }
  if (!total) throw new Error('no grep pattern');
  return total;
}

function repetitions(bytes: number): number {
  if (bytes <= 16 * MB) return 5;
  if (bytes <= 256 * MB) return 3;
  return 1;
}

function ensureOk(what: string, result: ChildResult, okExit: readonly number[]): void {
  if (result.timedOut || result.exitCode === null || !okExit.includes(result.exitCode)) throw new Error(`${what} failed: ${describeFailure(result)}`);
}

/** Runs the throughput benchmark for each size; every generated file is deleted afterwards. */
export async function benchExplainThroughput(options: ThroughputOptions): Promise<ThroughputResult> {
  const patterns = cataloguePatterns();
  if (patterns.patterns.length === 0) throw new Error('no catalogue pattern could be translated for grep');
  const invocations = grepInvocations(patterns);
  const locale = process.env.LC_ALL || process.env.LC_CTYPE || process.env.LANG || 'C';
  const figures: Figure[] = [];
  const sizes: SizeResult[] = [];

  for (const size of options.sizes) {
    const label = formatBytes(size);
    const file = path.join(options.workDir, `build-${label.replace(' ', '')}.log`);
    const jsonOut = path.join(options.workDir, `explain-${label.replace(' ', '')}.json`);
    try {
      const log = await writeLog(file, size, { failures: options.failures });
      const bytes = statSync(file).size;
      // A slow machine still finishes: 30 s plus 1 s per MB (explain and grep alike).
      const timeoutMs = 30_000 + Math.ceil(bytes / MB) * 1000;
      const explainRuns: ChildResult[] = [];
      const grepRuns: ChildResult[] = [];
      const grepCRuns: ChildResult[] = [];
      for (let i = 0; i < repetitions(bytes); i++) {
        // Side by side: grep, then explain, on the same (page-cached) file, in every repetition.
        grepRuns.push(await runGrep(invocations, file, { timeoutMs, measureRss: options.measureRss }, `grep over ${label}`));
        grepCRuns.push(await runGrep(invocations, file, { timeoutMs, env: { ...process.env, LC_ALL: 'C' } }, `LC_ALL=C grep over ${label}`));
        const explain = await runChild({
          command: process.execPath,
          args: [options.cli, 'explain', '--no-env', '--json', file],
          env: { ...process.env, NO_COLOR: '1' },
          timeoutMs,
          measureRss: options.measureRss,
          stdoutFile: jsonOut,
        });
        ensureOk(`explain over ${label}`, explain, [0, 1]);
        explainRuns.push(explain);
      }

      const explainMs = median(explainRuns.map((r) => r.wallMs));
      const grepMs = median(grepRuns.map((r) => r.wallMs));
      const grepCMs = median(grepCRuns.map((r) => r.wallMs));
      const explainRss = Math.max(...explainRuns.map((r) => r.peakRssBytes ?? 0));
      const grepRss = Math.max(...grepRuns.map((r) => r.peakRssBytes ?? 0));
      const explainMbs = megabytesPerSecond(bytes, explainMs);
      const grepMbs = megabytesPerSecond(bytes, grepMs);
      const grepCMbs = megabytesPerSecond(bytes, grepCMs);

      const sizeResult: SizeResult = {
        size: label,
        bytes,
        log,
        explain: { wallMs: explainRuns.map((r) => r.wallMs), medianMs: explainMs, mbPerSec: explainMbs, exitCode: explainRuns[0]?.exitCode ?? null },
        grep: { wallMs: grepRuns.map((r) => r.wallMs), medianMs: grepMs, mbPerSec: grepMbs, matchingLines: Number(grepRuns[0]?.stdout.trim() ?? Number.NaN), locale },
        grepC: { medianMs: grepCMs, mbPerSec: grepCMbs },
      };
      if (explainRss > 0) sizeResult.explain.peakRssBytes = explainRss;
      if (grepRss > 0) sizeResult.grep.peakRssBytes = grepRss;
      // The report proves explain really read the log: diagnoses and how often each was seen.
      if (statSync(jsonOut).size < 64 * MB) {
        const report = JSON.parse(readFileSync(jsonOut, 'utf8')) as { diagnoses?: { occurrences?: number }[] };
        sizeResult.explain.diagnoses = report.diagnoses?.length ?? 0;
        sizeResult.explain.occurrences = (report.diagnoses ?? []).reduce((sum, d) => sum + (d.occurrences ?? 1), 0);
      }
      sizes.push(sizeResult);

      const ratio = explainMbs / grepCMbs;
      figures.push({
        figure: `explain --json throughput, ${label} log`,
        value: explainMbs,
        unit: 'MB/s',
        ...(bytes >= THROUGHPUT_TARGET_MIN_BYTES
          ? { target: `≥ ½ of LC_ALL=C grep -E -c (${grepCMbs.toFixed(0)} MB/s)`, ratio, met: ratio >= GREP_C_RATIO_TARGET }
          : { ratio }),
      });
      figures.push({ figure: `grep -E -c throughput, ${label} log (LC_ALL=C)`, value: grepCMbs, unit: 'MB/s' });
      figures.push({ figure: `grep -E -c throughput, ${label} log (${locale}, for reference)`, value: grepMbs, unit: 'MB/s', ratio: explainMbs / grepMbs });
      if (explainRss > 0) {
        figures.push({
          figure: `explain peak RSS, ${label} log`,
          value: explainRss / MB,
          unit: 'MB',
          target: '< 100 MB',
          ratio: explainRss / RSS_LIMIT_BYTES,
          met: explainRss < RSS_LIMIT_BYTES,
        });
      }
    } finally {
      rmSync(file, { force: true });
      rmSync(jsonOut, { force: true });
    }
  }
  figures.push(...(await falsePositives(options)));
  return { figures, patterns, sizes };
}

/**
 * How many failures `explain` names in 1 MB of ordinary build and test output with no download failure
 * in it (informational: every one is a false positive). Exit 0 means it named none.
 */
async function falsePositives(options: ThroughputOptions): Promise<Figure[]> {
  const file = path.join(options.workDir, 'clean-1MB.log');
  const jsonOut = path.join(options.workDir, 'clean-1MB.json');
  try {
    await writeLog(file, MB, { failures: [] });
    const run = await runChild({
      command: process.execPath,
      args: [options.cli, 'explain', '--no-env', '--json', file],
      env: { ...process.env, NO_COLOR: '1' },
      timeoutMs: 60_000,
      stdoutFile: jsonOut,
    });
    ensureOk('explain over a failure-free log', run, [0, 1]);
    const report = JSON.parse(readFileSync(jsonOut, 'utf8')) as { diagnoses?: { alternative?: boolean }[] };
    const named = (report.diagnoses ?? []).filter((d) => d.alternative !== true).length;
    return [{ figure: 'explain: failures named in 1 MB of failure-free build output (false positives)', value: named, unit: 'diagnoses' }];
  } finally {
    rmSync(file, { force: true });
    rmSync(jsonOut, { force: true });
  }
}
