/**
 * The matching engine: pure. Blocks (and optionally the effective Go environment) go in; ranked,
 * deduplicated diagnoses with their fixes come out. For each block every scenario whose trigger fires
 * gets to match; the most confident match is the block's diagnosis, close runners-up are kept as
 * alternatives. The same failure (scenario + module, or scenario + evidence) seen again is counted,
 * not repeated. Memory is bounded by the number of distinct failures, which is capped.
 */
import { orderFixes, type Fix } from '../fix.js';
import type { GoEnvironment } from '../goenv/types.js';
import { analyzeBlock } from '../scenarios/facts.js';
import { tellApart } from './tell-apart.js';
import { forEachBlock, quietBlockScanner, TriggerScanner, type ReadLogOptions } from './read-log.js';
import { SCENARIOS } from '../scenarios/index.js';
import type { AnalyzedBlock, Diagnosis, LogBlock, MatchContext, Scenario, ScenarioId } from '../scenarios/types.js';

/**
 * Confidences this close explain one failure equally well: the text cannot tell the causes apart, so
 * they are shown as equals, with the command that separates them (src/explain/tell-apart.ts).
 */
export const EQUAL_MARGIN = 0.05;

/** A diagnosis with its fixes and bookkeeping, ready to render. */
export interface RankedDiagnosis extends Diagnosis {
  fixes: Fix[];
  /** True for a runner-up explanation of a failure whose main diagnosis is another scenario. */
  alternative: boolean;
  /** For a main diagnosis: the scenarios that explain the same failure as well (listed as alternatives). */
  equals?: ScenarioId[];
  /** For an alternative as likely as its main diagnosis: that diagnosis' scenario. */
  equalTo?: ScenarioId;
  /** For a main diagnosis with equals: the command that tells them apart, and how to read it. */
  tellApart?: Fix;
  /** How many times this failure appeared in the input. */
  occurrences: number;
  /** The input (file name) the failure was first seen in, when the caller named one. */
  source?: string;
}

/** The outcome of explaining one log. */
export interface ExplainResult {
  /** Main diagnoses first (most confident first), then alternatives. */
  diagnoses: RankedDiagnosis[];
  /** Blocks read. */
  blocks: number;
  /** Distinct failures dropped because the cap was reached. */
  omitted: number;
  /** Scenarios that threw while matching or fixing (a broken scenario never sinks the report). */
  errors: string[];
}

/** Tuning of the engine. */
export interface EngineOptions {
  env?: GoEnvironment;
  /** Defaults to the whole catalogue; tests pass a subset. */
  scenarios?: readonly Scenario[];
  /** Distinct failures kept; later ones are counted in `omitted`. Default 500. */
  maxDiagnoses?: number;
  /** Minimum confidence for an alternative. Default 0.3. */
  minAlternativeConfidence?: number;
  /** Alternatives kept per failure. Default 2. */
  maxAlternatives?: number;
}

/** One scenario's verdict on one block. */
export interface ScenarioVerdict {
  scenario: ScenarioId;
  diagnosis: Diagnosis;
}

interface Entry {
  diagnosis: Diagnosis;
  alternatives: Diagnosis[];
  /** How many of `alternatives` (the first ones) are as likely as `diagnosis`. */
  equals: number;
  occurrences: number;
  order: number;
  source?: string;
}

// Per scenario list, whether the last pre-scanner seen covers every trigger in it.
const coverage = new WeakMap<readonly Scenario[], { scanner: TriggerScanner; covered: boolean }>();

/**
 * Whether the reader's pre-scan already proved that no trigger of `scenarios` can match `block`: it
 * found none of the literals those triggers require (see readBlocks). Custom triggers the scanner was
 * not built from are never assumed to miss.
 */
function provenQuiet(block: LogBlock, scenarios: readonly Scenario[]): boolean {
  const scanner = quietBlockScanner(block);
  if (scanner === undefined) return false;
  let entry = coverage.get(scenarios);
  if (entry === undefined || entry.scanner !== scanner) {
    entry = { scanner, covered: scenarios.every((scenario) => scanner.covers(scenario.trigger)) };
    coverage.set(scenarios, entry);
  }
  return entry.covered;
}

// Per scenario list, each trigger's position in the catalogue scanner's flags (-1: not covered).
const triggerIndices = new WeakMap<readonly Scenario[], number[]>();

/**
 * The scenarios whose trigger matches `text`. Once a reader has built the catalogue scanner (past its
 * first 64 KiB), the scanner first rules out, in one pass, every trigger none of whose required
 * literals occurs, and only the rest run their regex; before that, on a short log, running the dozen
 * triggers costs less than building the scanner.
 */
function triggeredScenarios(text: string, scenarios: readonly Scenario[]): Scenario[] {
  const scanner = TriggerScanner.catalogueIfBuilt();
  if (scanner === undefined) return scenarios.filter((scenario) => scenario.trigger.test(text));
  let indices = triggerIndices.get(scenarios);
  if (indices === undefined || indices.length !== scenarios.length) {
    indices = scenarios.map((scenario) => scanner.triggerIndex(scenario.trigger));
    triggerIndices.set(scenarios, indices);
  }
  const possible = scanner.possibleTriggers(text);
  return scenarios.filter((scenario, position) => {
    const index = indices[position] as number;
    return (index < 0 || possible[index] === 1) && scenario.trigger.test(text);
  });
}

/**
 * Characters of one block the scenarios read. go's own error blocks are a few kilobytes (a
 * `server response:` excerpt is at most a few lines: go1.23 src/cmd/go/internal/web/api.go:130-168);
 * a longer block is cut at a line boundary, so no pattern ever sees more than this.
 */
export const MAX_MATCH_TEXT = 64 * 1024;

/** The block as the scenarios see it: at most MAX_MATCH_TEXT characters of it. */
function boundedBlock(block: LogBlock): LogBlock {
  if (block.text.length <= MAX_MATCH_TEXT) return block;
  const lines: string[] = [];
  let size = 0;
  for (const line of block.lines) {
    const kept = line.slice(0, MAX_MATCH_TEXT - size);
    lines.push(kept);
    size += kept.length + 1;
    if (size >= MAX_MATCH_TEXT) break;
  }
  return { lines, text: lines.join('\n'), firstLine: block.firstLine };
}

/** Runs every scenario of `scenarios` on one block; the verdicts come sorted, most confident first. */
export function matchBlock(whole: LogBlock, context: MatchContext, scenarios: readonly Scenario[] = SCENARIOS, errors: string[] = []): ScenarioVerdict[] {
  if (provenQuiet(whole, scenarios)) return [];
  const block = boundedBlock(whole);
  const candidates = triggeredScenarios(block.text, scenarios);
  if (candidates.length === 0) return [];
  const analyzed: AnalyzedBlock = { ...block, facts: analyzeBlock(block) };
  const verdicts: ScenarioVerdict[] = [];
  for (const scenario of candidates) {
    try {
      const match = scenario.match(analyzed, context);
      if (match) verdicts.push({ scenario: scenario.id, diagnosis: { ...match, scenario: scenario.id, line: block.firstLine } });
    } catch (error) {
      errors.push(`${scenario.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const order = (id: ScenarioId): number => scenarios.findIndex((scenario) => scenario.id === id);
  return verdicts.sort((a, b) => b.diagnosis.confidence - a.diagnosis.confidence || order(a.scenario) - order(b.scenario));
}

/**
 * Texts of blocks that matched no scenario, remembered so a block repeated in a log (a retry printed
 * at every attempt, the same test output in every run) is not matched again. Matching depends on the
 * text alone (a block's lines are its text split at newlines; no scenario reads the line number), so a
 * remembered text never hides a diagnosis. Bounded in count and length, so at most a few megabytes.
 */
const MAX_REMEMBERED_TEXTS = 4096;
const MAX_REMEMBERED_TEXT_LENGTH = 256;

/**
 * A copy of a string that shares no memory with the string it was cut from. V8 represents slices of
 * long strings as views of their parent; a kept diagnosis must not pin the decoded region (up to a
 * megabyte) its block was read from, or 500 diagnoses could hold hundreds of megabytes. Slicing a
 * fresh concatenation flattens it into a new string.
 */
function detach(text: string): string {
  return ` ${text}`.slice(1);
}

// A shallow copy of a record with every string value detached.
function detachStrings<T extends object>(record: T): T {
  const copy = { ...record } as Record<string, unknown>;
  for (const [key, value] of Object.entries(copy)) if (typeof value === 'string') copy[key] = detach(value);
  return copy as T;
}

// Diagnoses outlive their block: keep only copies of their strings.
function detachDiagnosis(diagnosis: Diagnosis): Diagnosis {
  return { ...diagnosis, fields: detachStrings(diagnosis.fields), evidence: detach(diagnosis.evidence), details: detachStrings(diagnosis.details) };
}

function failureKey(diagnosis: Diagnosis): string {
  const { module, host, status } = diagnosis.fields;
  if (module !== undefined) return `${diagnosis.scenario}|m|${module}`;
  if (host !== undefined) return `${diagnosis.scenario}|h|${host}|${status ?? ''}|${diagnosis.details.kind}`;
  // Without a module or host, the evidence identifies the failure; digits are kept (versions differ).
  return `${diagnosis.scenario}|e|${diagnosis.evidence}`;
}

/**
 * Accumulates diagnoses block by block, so a stream can be explained without holding it. Call `add`
 * for each block (or `addStream` for a whole byte stream) and `result` at the end.
 */
export class DiagnosisCollector {
  private readonly entries = new Map<string, Entry>();
  private readonly scenarios: readonly Scenario[];
  private readonly context: MatchContext;
  private readonly maxDiagnoses: number;
  private readonly minAlternative: number;
  private readonly maxAlternatives: number;
  private readonly errors: string[] = [];
  private blocks = 0;
  private omitted = 0;
  // The last pre-scanner seen on a quiet block, and whether it covers every trigger of `scenarios`.
  private trustedScanner: TriggerScanner | undefined;
  private scannerCovers = false;
  private order = 0;
  // Texts that matched nothing (see MAX_REMEMBERED_TEXTS); emptied when full.
  private readonly unmatched = new Set<string>();

  constructor(private readonly options: EngineOptions = {}) {
    this.scenarios = options.scenarios ?? SCENARIOS;
    this.context = options.env ? { env: options.env } : {};
    this.maxDiagnoses = options.maxDiagnoses ?? 500;
    this.minAlternative = options.minAlternativeConfidence ?? 0.3;
    this.maxAlternatives = options.maxAlternatives ?? 2;
  }

  /** Matches one block (read from `source`, if named) and merges its diagnosis into what was seen before. */
  add(block: LogBlock, source?: string): void {
    this.blocks += 1;
    // Most blocks of a build log are ordinary output the reader's pre-scan already cleared.
    const scanner = quietBlockScanner(block);
    if (scanner !== undefined) {
      if (scanner !== this.trustedScanner) {
        this.trustedScanner = scanner;
        this.scannerCovers = this.scenarios.every((scenario) => scanner.covers(scenario.trigger));
      }
      if (this.scannerCovers) return;
    }
    if (this.unmatched.has(block.text)) return;
    const errorsBefore = this.errors.length;
    const verdicts = matchBlock(block, this.context, this.scenarios, this.errors);
    const [top, ...rest] = verdicts;
    if (!top) {
      // Not after a scenario threw: its error is reported at every occurrence.
      if (this.errors.length === errorsBefore && block.text.length <= MAX_REMEMBERED_TEXT_LENGTH) {
        if (this.unmatched.size >= MAX_REMEMBERED_TEXTS) this.unmatched.clear();
        // Detached: the text is a slice of the decoded region it was read from.
        this.unmatched.add(detach(block.text));
      }
      return;
    }
    const key = failureKey(top.diagnosis);
    // Equals are always kept, whatever the limits on runners-up.
    const equal = rest.filter((verdict) => top.diagnosis.confidence - verdict.diagnosis.confidence <= EQUAL_MARGIN + 1e-9).length;
    const alternatives = rest
      .map((verdict) => verdict.diagnosis)
      .filter((diagnosis, index) => index < equal || diagnosis.confidence >= this.minAlternative)
      .slice(0, Math.max(equal, this.maxAlternatives));
    const existing = this.entries.get(key);
    if (existing) {
      existing.occurrences += 1;
      if (top.diagnosis.confidence > existing.diagnosis.confidence) {
        existing.diagnosis = detachDiagnosis(top.diagnosis);
        existing.alternatives = alternatives.map(detachDiagnosis);
        existing.equals = equal;
      }
      return;
    }
    if (this.entries.size >= this.maxDiagnoses) {
      this.omitted += 1;
      return;
    }
    this.entries.set(key, {
      diagnosis: detachDiagnosis(top.diagnosis),
      alternatives: alternatives.map(detachDiagnosis),
      equals: equal,
      occurrences: 1,
      order: this.order++,
      ...(source !== undefined ? { source } : {}),
    });
  }

  /**
   * Reads a log stream to its end and adds its blocks (named `source` in the result). Faster than
   * `add` per block of readBlocks: blocks the reader's pre-scan proves quiet are only counted, when
   * that scan covers every trigger of this collector's scenarios.
   */
  async addStream(stream: AsyncIterable<Uint8Array>, source?: string, options: ReadLogOptions = {}): Promise<void> {
    const skipQuiet = (scanner: TriggerScanner): boolean => this.scenarios.every((scenario) => scanner.covers(scenario.trigger));
    const skipped = await forEachBlock(stream, (block) => this.add(block, source), { ...options, skipQuiet });
    this.blocks += skipped;
  }

  /** The ranked diagnoses so far. */
  result(): ExplainResult {
    const env = this.options.env;
    const errors = [...this.errors];
    const withFixes = (diagnosis: Diagnosis, alternative: boolean, occurrences: number, source: string | undefined): RankedDiagnosis => {
      const scenario = this.scenarios.find((candidate) => candidate.id === diagnosis.scenario);
      let fixes: Fix[] = [];
      try {
        fixes = scenario ? orderFixes(scenario.fixes(diagnosis, env)) : [];
      } catch (error) {
        errors.push(`${diagnosis.scenario}: ${error instanceof Error ? error.message : String(error)}`);
      }
      return { ...diagnosis, fixes, alternative, occurrences, ...(source !== undefined ? { source } : {}) };
    };
    const entries = [...this.entries.values()].sort((a, b) => b.diagnosis.confidence - a.diagnosis.confidence || a.order - b.order);
    const main = entries.map((entry) => {
      const ranked = withFixes(entry.diagnosis, false, entry.occurrences, entry.source);
      const equals = entry.alternatives.slice(0, entry.equals);
      if (equals.length === 0) return ranked;
      let tellApartFix: Fix | undefined;
      try {
        tellApartFix = tellApart(entry.diagnosis, equals[0] as Diagnosis);
      } catch (error) {
        errors.push(`tell-apart: ${error instanceof Error ? error.message : String(error)}`);
      }
      return {
        ...ranked,
        equals: [...new Set(equals.map((diagnosis) => diagnosis.scenario))],
        ...(tellApartFix !== undefined ? { tellApart: tellApartFix } : {}),
      };
    });
    const seen = new Set(entries.map((entry) => failureKey(entry.diagnosis)));
    const alternatives: RankedDiagnosis[] = [];
    for (const entry of entries) {
      entry.alternatives.forEach((alternative, index) => {
        const key = `${failureKey(alternative)}|alt`;
        if (seen.has(failureKey(alternative)) || seen.has(key)) return;
        seen.add(key);
        const ranked = withFixes(alternative, true, entry.occurrences, entry.source);
        alternatives.push(index < entry.equals ? { ...ranked, equalTo: entry.diagnosis.scenario } : ranked);
      });
    }
    // Equals first (in the order of their main diagnoses), then the other runners-up, most confident first.
    alternatives.sort((a, b) => Number(b.equalTo !== undefined) - Number(a.equalTo !== undefined) || b.confidence - a.confidence);
    return { diagnoses: [...main, ...alternatives], blocks: this.blocks, omitted: this.omitted, errors };
  }
}

/** Explains a sequence of blocks in one go. */
export function explainBlocks(blocks: Iterable<LogBlock>, options: EngineOptions = {}): ExplainResult {
  const collector = new DiagnosisCollector(options);
  for (const block of blocks) collector.add(block);
  return collector.result();
}
