/**
 * Renderers for `goproxy-doctor explain`: the JSON document (a public contract) and the human report.
 * Both are pure. Everything that came from the log or a server passes through safeText (no terminal
 * control sequences, no URL passwords, Authorization values or credential query parameters, which
 * cmd/go itself does not redact); known credentials are scrubbed wherever a pasted log holds them.
 */
import type { ChalkInstance } from 'chalk';
import type { ExplainResult, RankedDiagnosis } from '../explain/engine.js';
import type { Fix } from '../fix.js';
import { safeText, scrubEchoedSecrets } from '../redact.js';
import type { Scenario } from '../scenarios/types.js';
import { hanging, isWide, layoutLines, whole, wrapLine, type LayoutOptions, type ReportLine } from './wrap.js';
import { t } from '../i18n/language.js';

/** The `explain --json` schema version; bump it only for incompatible changes. */
export const EXPLAIN_SCHEMA_VERSION = 1;

/** One diagnosis in `explain --json`. Fields may be added; these must not be renamed. */
export interface ExplainJsonDiagnosis {
  scenario: string;
  confidence: number;
  module?: string;
  version?: string;
  url?: string;
  host?: string;
  status?: number;
  evidence: string;
  /** 1-based line of the input where the failure's block starts. */
  line: number;
  /** The input file, when files were named. */
  source?: string;
  occurrences: number;
  /** Present and true for a runner-up explanation of a failure listed earlier. */
  alternative?: true;
  /**
   * On a main diagnosis: the scenarios that explain the same failure as well, from the text alone (each
   * listed later as an alternative with `equalTo`). Absent when there are none.
   */
  equals?: string[];
  /** On an alternative that is as likely as the main diagnosis it belongs to: that diagnosis' scenario. */
  equalTo?: string;
  /** On a main diagnosis with `equals`: the command that tells the causes apart, and how to read it. */
  tellApart?: Fix;
  /** The scenario's details under their own names, every value as a string (`kind` names the variant). */
  details: Record<string, string>;
  /** Each with its stable `id`. */
  fixes: Fix[];
}

/** The `explain --json` document. */
export interface ExplainJson {
  schemaVersion: number;
  diagnoses: ExplainJsonDiagnosis[];
  /** Distinct failures not listed because of the cap. */
  omitted?: number;
}

/**
 * Makes untrusted text safe for output: no control characters, no credentials. `knownSecrets` are the
 * echo forms of known credentials (src/report/known-secrets.ts): a pasted log is untrusted text where a
 * credential can sit anywhere, so they are scrubbed wherever they occur.
 */
export function clean(text: string, knownSecrets: readonly string[] = []): string {
  const safe = safeText(text);
  return knownSecrets.length > 0 ? scrubEchoedSecrets(safe, knownSecrets) : safe;
}

function cleanFix(fix: Fix, secrets: readonly string[]): Fix {
  return {
    id: fix.id,
    ...(fix.command !== undefined ? { command: clean(fix.command, secrets) } : {}),
    text: clean(fix.text, secrets),
    weakensSecurity: fix.weakensSecurity,
  };
}


/**
 * A detail value as the JSON shows it: strings as they are, booleans and numbers spelled out, so the
 * `details` object stays a map of strings whatever type a scenario declares. Absent values are left out.
 */
function detailText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Builds the `explain --json` document. */
export function buildExplainJson(result: { diagnoses: readonly RankedDiagnosis[]; omitted: number }, knownSecrets: readonly string[] = []): ExplainJson {
  const diagnoses = result.diagnoses.map((diagnosis): ExplainJsonDiagnosis => {
    const { module, version, url, host, status } = diagnosis.fields;
    const details: Record<string, string> = {};
    for (const [key, value] of Object.entries(diagnosis.details)) {
      const text = detailText(value);
      if (text !== undefined) details[key] = clean(text, knownSecrets);
    }
    return {
      scenario: diagnosis.scenario,
      confidence: diagnosis.confidence,
      ...(module !== undefined ? { module: clean(module, knownSecrets) } : {}),
      ...(version !== undefined ? { version: clean(version, knownSecrets) } : {}),
      ...(url !== undefined ? { url: clean(url, knownSecrets) } : {}),
      ...(host !== undefined ? { host: clean(host, knownSecrets) } : {}),
      ...(status !== undefined ? { status } : {}),
      evidence: clean(diagnosis.evidence, knownSecrets),
      line: diagnosis.line,
      ...(diagnosis.source !== undefined ? { source: clean(diagnosis.source, knownSecrets) } : {}),
      occurrences: diagnosis.occurrences,
      ...(diagnosis.alternative ? { alternative: true as const } : {}),
      ...(diagnosis.equals !== undefined && diagnosis.equals.length > 0 ? { equals: [...diagnosis.equals] } : {}),
      ...(diagnosis.equalTo !== undefined ? { equalTo: diagnosis.equalTo } : {}),
      ...(diagnosis.tellApart !== undefined ? { tellApart: cleanFix(diagnosis.tellApart, knownSecrets) } : {}),
      details,
      fixes: diagnosis.fixes.map((fix) => cleanFix(fix, knownSecrets)),
    };
  });
  return { schemaVersion: EXPLAIN_SCHEMA_VERSION, diagnoses, ...(result.omitted > 0 ? { omitted: result.omitted } : {}) };
}

const MAX_EVIDENCE = 400;

function shorten(text: string, max = MAX_EVIDENCE): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function subject(diagnosis: RankedDiagnosis, secrets: readonly string[]): string | undefined {
  const { module, version } = diagnosis.fields;
  if (module === undefined && version === undefined) return undefined;
  return clean(module !== undefined && version !== undefined ? `${module}@${version}` : (module ?? version ?? ''), secrets);
}

function renderFixes(chalk: ChalkInstance, fixes: readonly Fix[], secrets: readonly string[], indent: string, numbered = true): ReportLine[] {
  const lines: ReportLine[] = [];
  fixes.forEach((fix, index) => {
    const marker = fix.weakensSecurity ? ` ${chalk.red(t`[weakens security]`)}` : '';
    lines.push(`${indent}${numbered ? `${index + 1}. ` : ''}${clean(fix.text, secrets)}${marker}`);
    // A command stays on one line, so it can be copied and pasted as it is.
    if (fix.command !== undefined) lines.push(whole(`${indent}   ${chalk.dim('$')} ${chalk.cyan(clean(fix.command, secrets))}`));
  });
  return lines;
}

/** Options of the human report: colour, catalogue, secrets, and the layout (verbosity, wrap width). */
export interface HumanExplainOptions extends LayoutOptions {
  chalk: ChalkInstance;
  /** Looks a scenario up by id (title, summary). */
  scenario: (id: string) => Scenario | undefined;
  knownSecrets?: readonly string[];
}

/**
 * The human report: the top diagnosis first with its evidence line quoted, then the others. Failures
 * with the same cause and the same fixes are folded into one entry listing the affected modules.
 * `quiet` prints the diagnoses only (no runners-up, no hint, nothing at all when nothing matched);
 * `verbose` adds the input line of every folded failure and every fix of the runners-up.
 * Prose wraps to `options.width`; fix commands never do.
 */
export function renderExplainHuman(result: ExplainResult, options: HumanExplainOptions): string {
  const { chalk } = options;
  const quiet = options.verbosity === 'quiet';
  const verbose = options.verbosity === 'verbose';
  const secrets = options.knownSecrets ?? [];
  const main = result.diagnoses.filter((diagnosis) => !diagnosis.alternative);
  const alternatives = quiet ? [] : result.diagnoses.filter((diagnosis) => diagnosis.alternative);
  const lines: ReportLine[] = [];
  if (main.length === 0) {
    if (quiet) return '';
    lines.push(
      result.blocks === 1
        ? t`No known Go module download failure found in the input (${result.blocks} block read).`
        : t`No known Go module download failure found in the input (${result.blocks} blocks read).`,
    );
    lines.push(t`If go still fails, run ${chalk.cyan('goproxy-doctor check')} to test your proxy configuration directly.`);
    return layoutLines(lines, options.width);
  }

  // Fold diagnoses that share a scenario and identical fixes.
  const groups: { head: RankedDiagnosis; others: RankedDiagnosis[] }[] = [];
  const byKey = new Map<string, { head: RankedDiagnosis; others: RankedDiagnosis[] }>();
  for (const diagnosis of main) {
    const key = `${diagnosis.scenario}|${JSON.stringify(diagnosis.fixes)}|${(diagnosis.equals ?? []).join(',')}`;
    const group = byKey.get(key);
    if (group) group.others.push(diagnosis);
    else {
      const created = { head: diagnosis, others: [] };
      byKey.set(key, created);
      groups.push(created);
    }
  }

  const count = main.length;
  lines.push(
    chalk.bold(count === 1 ? t`${count} problem found` : t`${count} problems found`) +
      chalk.dim(result.blocks === 1 ? t` (${result.blocks} block read)` : t` (${result.blocks} blocks read)`),
  );
  groups.forEach(({ head, others }, index) => {
    const scenario = options.scenario(head.scenario);
    lines.push('');
    lines.push(`${chalk.bold(`${index + 1}. ${scenario?.title ?? head.scenario}`)}  ${chalk.dim(t`[${head.scenario}, confidence ${head.confidence.toFixed(2)}]`)}`);
    const facts: string[] = [];
    const what = subject(head, secrets);
    if (what !== undefined) facts.push(what);
    if (head.fields.status !== undefined) facts.push(String(head.fields.status));
    if (head.fields.url !== undefined) facts.push(clean(head.fields.url, secrets));
    else if (head.fields.host !== undefined) facts.push(clean(head.fields.host, secrets));
    if (facts.length > 0) lines.push(`   ${facts.join(chalk.dim(' · '))}`);
    const where = head.source !== undefined ? `${clean(head.source, secrets)}:${head.line}` : t`line ${head.line}`;
    lines.push(`   ${chalk.dim(`${where}:`)} ${chalk.yellow(shorten(clean(head.evidence, secrets)))}`);
    if (head.occurrences > 1) lines.push(chalk.dim(`   ${t`(seen ${head.occurrences} times)`}`));
    if (scenario) lines.push(`   ${scenario.summary}`);
    if (head.equals !== undefined && head.equals.length > 0) {
      // The text fits other causes as well: name them, and the one observation that tells them apart.
      const names = head.equals.map((id) => `${options.scenario(id)?.title ?? id} ${chalk.dim(`[${id}]`)}`);
      lines.push(`   ${chalk.bold(t`Equally likely from this text:`)} ${names.join('; ')}`);
      if (head.tellApart !== undefined) {
        lines.push(`   ${chalk.bold(t`To tell them apart:`)}`);
        lines.push(...renderFixes(chalk, [head.tellApart], secrets, '     ', false));
      }
    }
    if (others.length > 0 && verbose) {
      lines.push(`   ${chalk.dim(t`Same cause for:`)}`);
      for (const other of others) {
        const at = other.source !== undefined ? `${clean(other.source, secrets)}:${other.line}` : t`line ${other.line}`;
        lines.push(`     - ${subject(other, secrets) ?? t`this failure`} ${chalk.dim(`(${at}${other.occurrences > 1 ? t`, seen ${other.occurrences} times` : ''})`)}`);
      }
    } else if (others.length > 0) {
      const names = others.map((other) => subject(other, secrets) ?? t`line ${other.line}`);
      lines.push(`   ${chalk.dim(t`Same cause for:`)} ${names.slice(0, 10).join(', ')}${names.length > 10 ? t`, and ${names.length - 10} more` : ''}`);
    }
    if (head.fixes.length > 0) {
      lines.push(`   ${chalk.bold(t`Fixes, best first:`)}`);
      lines.push(...renderFixes(chalk, head.fixes, secrets, '     '));
    }
  });
  if (alternatives.length > 0) {
    lines.push('');
    lines.push(chalk.bold(t`Also possible:`));
    for (const alternative of alternatives) {
      const scenario = options.scenario(alternative.scenario);
      const what = subject(alternative, secrets);
      const at = verbose ? chalk.dim(` (${alternative.source !== undefined ? `${clean(alternative.source, secrets)}:${alternative.line}` : t`line ${alternative.line}`})`) : '';
      lines.push(
        `   - ${scenario?.title ?? alternative.scenario} ${chalk.dim(
          alternative.equalTo !== undefined
            ? t`[${alternative.scenario}, confidence ${alternative.confidence.toFixed(2)}, as likely as ${alternative.equalTo}]`
            : t`[${alternative.scenario}, confidence ${alternative.confidence.toFixed(2)}]`,
        )}${what !== undefined ? t` for ${what}` : ''}${at}`,
      );
      if (verbose) lines.push(...renderFixes(chalk, alternative.fixes, secrets, '     '));
      else {
        const first = alternative.fixes[0];
        if (first) lines.push(...renderFixes(chalk, [first], secrets, '     ', false));
      }
    }
  }
  if (result.omitted > 0) lines.push('', chalk.dim(t`${result.omitted} more distinct failures were not listed.`));
  // Whole: the command in the hint stays copy-pasteable.
  if (!quiet) lines.push('', whole(chalk.dim(t`Details on a scenario: goproxy-doctor explain --scenario <id>`)));
  return layoutLines(lines, options.width);
}

/** `explain --list`: one line per scenario; on a terminal, wrapped lines continue under the title. */
export function renderScenarioList(scenarios: readonly Scenario[], chalk: ChalkInstance, options: LayoutOptions = {}): string {
  const width = Math.max(...scenarios.map((scenario) => scenario.id.length));
  return layoutLines(
    scenarios.map((scenario) => hanging(`${chalk.bold(scenario.id.padEnd(width))}  ${scenario.title} — ${scenario.summary}`, width + 2)),
    options.width,
  );
}

/** `explain --list --json`. */
export function buildScenarioListJson(scenarios: readonly Scenario[]): { schemaVersion: number; scenarios: { id: string; title: string; summary: string }[] } {
  return { schemaVersion: EXPLAIN_SCHEMA_VERSION, scenarios: scenarios.map(({ id, title, summary }) => ({ id, title, summary })) };
}

/** What `--scenario` shows for one example: the example text and the fixes the engine proposes for it. */
export interface ScenarioExample {
  text: string;
  fixes: Fix[];
}

// The explanation paragraph is set at most this wide, however wide the terminal.
const MAX_MEASURE = 88;

/**
 * `explain --scenario <id>`: the scenario's documentation, with a worked example. The example is go's own
 * output and is never wrapped; the prose wraps to `options.width`.
 */
export function renderScenarioDoc(scenario: Scenario, example: ScenarioExample | undefined, chalk: ChalkInstance, options: LayoutOptions = {}): string {
  const lines: ReportLine[] = [];
  lines.push(`${chalk.bold(scenario.title)}  ${chalk.dim(`[${scenario.id}]`)}`);
  lines.push('', scenario.summary, '', ...wrap(scenario.explanation, Math.min(MAX_MEASURE, options.width ?? MAX_MEASURE)));
  lines.push('', chalk.bold(t`Message formats come from:`));
  for (const source of scenario.goSources) lines.push(`  - ${source}`);
  if (example) {
    lines.push('', chalk.bold(t`Example:`));
    for (const line of example.text.split('\n')) lines.push(whole(`  ${line.replace(/\t/g, '    ')}`));
    if (example.fixes.length > 0) {
      lines.push('', chalk.bold(t`Fixes for this example, best first:`));
      lines.push(...renderFixes(chalk, example.fixes, [], '  '));
    }
  }
  return layoutLines(lines, options.width);
}

/** `explain --scenario <id> --json`. */
export function buildScenarioDocJson(scenario: Scenario, example: ScenarioExample | undefined): Record<string, unknown> {
  return {
    schemaVersion: EXPLAIN_SCHEMA_VERSION,
    id: scenario.id,
    title: scenario.title,
    summary: scenario.summary,
    explanation: scenario.explanation,
    goSources: [...scenario.goSources],
    examples: [...scenario.examples],
    ...(example ? { exampleFixes: example.fixes } : {}),
  };
}

function wrap(text: string, width: number): string[] {
  // Chinese has no spaces between words: break it between wide characters, by display width.
  if ([...text].some(isWide)) return wrapLine(text.split(/\s/).filter((word) => word !== '').join(' '), width, 0);
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s/)) {
    if (word === '') continue;
    if (current !== '' && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else {
      current = current === '' ? word : `${current} ${word}`;
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}
