/**
 * Accuracy of `explain` on what people really paste: the corpus in fixtures/realworld (pastes quoted
 * from public issue threads, each labelled with the cause its thread established). Every paste is run
 * through the same path as `goproxy-doctor explain --no-env <file>`: the bytes are streamed through
 * DiagnosisCollector.addStream, with no Go environment, and the ranked scenarios are compared with the
 * entry's `expected` ids.
 *
 *   node --import tsx bench/realworld-accuracy.ts            # table: overall, per scenario, per kind
 *   node --import tsx bench/realworld-accuracy.ts --misses   # also every miss with what was ranked
 *   node --import tsx bench/realworld-accuracy.ts --json     # the whole result as JSON
 *
 * Scoring (see fixtures/realworld/README.md):
 *   - ranking = the distinct scenario ids of the result, main diagnoses first (most confident first),
 *     then the runners-up, exactly as `explain` prints them;
 *   - top-1: the first ranked id is one of `expected`; top-2: one of the first two is;
 *   - a negative sample (`expected: []`) is right, at top-1 and top-2, only when nothing is diagnosed;
 *   - per scenario, an entry counts under its first expected id (the cause its thread established).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosisCollector } from '../src/explain/engine.js';
import { SCENARIO_IDS } from '../src/scenarios/types.js';

/** The corpus directory: index.json and pastes/. */
export const REALWORLD_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/realworld');

/** One entry of fixtures/realworld/index.json. */
export interface RealworldEntry {
  /** Unique, and the paste's file name without `.txt`. */
  id: string;
  /** The paste, relative to the corpus directory: `pastes/<id>.txt`. */
  file: string;
  /** The public page the paste was quoted from. */
  source: string;
  /** The title of that thread or page. */
  title: string;
  /** The year the paste was posted. */
  year: number;
  /** The Go version the thread names, or null when it names none. */
  goVersion: string | null;
  /** The cause the thread established (what fixed it), in one sentence. */
  rootCause: string;
  /** False when the thread did not confirm the cause and the label rests on the text and the replies' reading of it. */
  causeConfirmed: boolean;
  /**
   * The right diagnosis: one scenario id; several when the text alone cannot tell them apart (the
   * thread's cause first); empty for a negative sample, where `explain` must diagnose nothing.
   */
  expected: string[];
  /** What makes the paste hard: `old-format`, `fragment`, `wrapper:docker`, `windows`, `json-escaped`, … */
  kinds: string[];
}

/** An entry with its paste. */
export interface RealworldSample extends RealworldEntry {
  text: string;
}

/** Reads index.json and every paste it names. Throws when a paste is missing. */
export function loadRealworldCorpus(root: string = REALWORLD_ROOT): RealworldSample[] {
  const entries = JSON.parse(readFileSync(path.join(root, 'index.json'), 'utf8')) as RealworldEntry[];
  return entries.map((entry) => ({ ...entry, text: readFileSync(path.join(root, entry.file), 'utf8') }));
}

/** One paste's outcome. */
export interface SampleOutcome {
  id: string;
  expected: string[];
  kinds: string[];
  /** Distinct scenario ids in the order `explain` reports them (main diagnoses, then runners-up). */
  ranked: string[];
  /** `scenario confidence` for each ranked id, for the miss list. */
  detail: string[];
  top1: boolean;
  top2: boolean;
}

/** Hits out of a number of entries. */
export interface Tally {
  entries: number;
  top1: number;
  top2: number;
}

/** What the benchmark measured. */
export interface RealworldAccuracyResult {
  /** Entries in the corpus. */
  samples: number;
  overall: Tally;
  /** By the first expected id; negatives under `(none)`. */
  byScenario: Record<string, Tally>;
  /** By kind tag (an entry counts under each of its kinds). */
  byKind: Record<string, Tally>;
  /** top1 / entries, 0..1. */
  top1Accuracy: number;
  top2Accuracy: number;
  outcomes: SampleOutcome[];
}

async function* oneChunk(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** Runs `explain`'s engine on one paste without a Go environment and returns the ranked scenario ids. */
export async function rankScenarios(text: string): Promise<{ ranked: string[]; detail: string[] }> {
  const collector = new DiagnosisCollector({});
  await collector.addStream(oneChunk(new TextEncoder().encode(text)));
  const ranked: string[] = [];
  const detail: string[] = [];
  for (const diagnosis of collector.result().diagnoses) {
    if (ranked.includes(diagnosis.scenario)) continue;
    ranked.push(diagnosis.scenario);
    detail.push(`${diagnosis.scenario}${diagnosis.alternative ? ' (alt)' : ''} ${diagnosis.confidence.toFixed(2)}`);
  }
  return { ranked, detail };
}

/** Scores one ranking against an entry's expected ids. */
export function score(expected: readonly string[], ranked: readonly string[]): { top1: boolean; top2: boolean } {
  if (expected.length === 0) return { top1: ranked.length === 0, top2: ranked.length === 0 };
  const first = ranked[0];
  return {
    top1: first !== undefined && expected.includes(first),
    top2: ranked.slice(0, 2).some((id) => expected.includes(id)),
  };
}

function add(tallies: Record<string, Tally>, key: string, outcome: { top1: boolean; top2: boolean }): void {
  const tally = (tallies[key] ??= { entries: 0, top1: 0, top2: 0 });
  tally.entries += 1;
  if (outcome.top1) tally.top1 += 1;
  if (outcome.top2) tally.top2 += 1;
}

/** Runs the engine over the whole corpus. */
export async function benchRealworldAccuracy(samples: readonly RealworldSample[] = loadRealworldCorpus()): Promise<RealworldAccuracyResult> {
  const overall: Tally = { entries: 0, top1: 0, top2: 0 };
  const byScenario: Record<string, Tally> = {};
  const byKind: Record<string, Tally> = {};
  const outcomes: SampleOutcome[] = [];
  for (const sample of samples) {
    const { ranked, detail } = await rankScenarios(sample.text);
    const hit = score(sample.expected, ranked);
    overall.entries += 1;
    if (hit.top1) overall.top1 += 1;
    if (hit.top2) overall.top2 += 1;
    add(byScenario, sample.expected[0] ?? '(none)', hit);
    for (const kind of sample.kinds) add(byKind, kind, hit);
    outcomes.push({ id: sample.id, expected: sample.expected, kinds: sample.kinds, ranked, detail, ...hit });
  }
  return {
    samples: samples.length,
    overall,
    byScenario,
    byKind,
    top1Accuracy: overall.entries === 0 ? 0 : overall.top1 / overall.entries,
    top2Accuracy: overall.entries === 0 ? 0 : overall.top2 / overall.entries,
    outcomes,
  };
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`;
}

function rows(label: string, tallies: Record<string, Tally>, order: readonly string[]): string[] {
  const width = Math.max(label.length, ...order.map((key) => key.length));
  const lines = [`${label.padEnd(width)}  entries   top-1    top-2`];
  for (const key of order) {
    const tally = tallies[key];
    if (!tally) continue;
    lines.push(`${key.padEnd(width)}  ${String(tally.entries).padStart(7)}  ${percent(tally.top1, tally.entries).padStart(6)}  ${percent(tally.top2, tally.entries).padStart(7)}`);
  }
  return lines;
}

/** The result as the plain-text table the CLI prints. */
export function renderAccuracyTable(result: RealworldAccuracyResult, options: { misses?: boolean } = {}): string {
  const lines: string[] = [];
  lines.push(`explain on the real-world corpus (${result.samples} pastes, no Go environment)`);
  lines.push(`overall: top-1 ${percent(result.overall.top1, result.overall.entries)}, top-2 ${percent(result.overall.top2, result.overall.entries)}`);
  lines.push('');
  lines.push(...rows('scenario', result.byScenario, [...SCENARIO_IDS, '(none)']));
  lines.push('');
  const kinds = Object.keys(result.byKind).sort((a, b) => (result.byKind[b]?.entries ?? 0) - (result.byKind[a]?.entries ?? 0) || a.localeCompare(b));
  lines.push(...rows('kind', result.byKind, kinds));
  if (options.misses) {
    lines.push('');
    lines.push('misses (top-1):');
    for (const outcome of result.outcomes) {
      if (outcome.top1) continue;
      const got = outcome.detail.length === 0 ? 'nothing' : outcome.detail.join(', ');
      lines.push(`  ${outcome.id}: expected ${outcome.expected.length === 0 ? 'nothing' : outcome.expected.join(' | ')}; got ${got}${outcome.top2 ? ' [top-2 hit]' : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  const args = process.argv.slice(2);
  const result = await benchRealworldAccuracy();
  process.stdout.write(args.includes('--json') ? `${JSON.stringify(result, null, 2)}\n` : renderAccuracyTable(result, { misses: args.includes('--misses') }));
}
