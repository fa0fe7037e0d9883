/**
 * GitHub Actions output: workflow-command annotations (`::error title=…::message`) and the Markdown
 * appended to `$GITHUB_STEP_SUMMARY`, built from `check` findings and `explain` diagnoses. Pure: text
 * in, text out. Writing the summary file goes through an injected append function.
 *
 * Everything here may hold text from a build log or a server, so it is cleaned (no control characters,
 * no URL passwords, Authorization values or token query parameters) before it is escaped.
 */
import type { Finding } from '../check/types.js';
import type { RankedDiagnosis } from '../explain/engine.js';
import type { Fix, Severity } from '../fix.js';
import type { Scenario } from '../scenarios/types.js';
import { clean } from './explain.js';
import { t } from '../i18n/language.js';

/** The annotation levels GitHub renders. */
export type AnnotationLevel = 'error' | 'warning' | 'notice';

/** One workflow annotation before formatting. */
export interface Annotation {
  level: AnnotationLevel;
  /** A short heading GitHub shows above the message. */
  title: string;
  /** The text; newlines are kept (escaped as %0A, GitHub shows them as line breaks). */
  message: string;
  /** A repository file the annotation points at, when there is one. */
  file?: string;
  line?: number;
}

/** What the renderers need to know about a scenario; `findScenario` from src/scenarios fits. */
export type ScenarioLookup = (id: string) => Pick<Scenario, 'title' | 'summary'> | undefined;

/** Options shared by the annotation builders. */
export interface AnnotationOptions {
  /** Titles for diagnoses; without it the scenario id is the title. */
  scenario?: ScenarioLookup;
  /** Secrets to mask wherever they appear (e.g. .netrc passwords). */
  knownSecrets?: readonly string[];
  /**
   * Annotations kept per level. GitHub shows at most 10 errors and 10 warnings per step, so the
   * default is 10; one notice then says how many were left out.
   */
  maxPerLevel?: number;
}

/**
 * Escapes a workflow command's message, as the runner expects: `%`, CR and LF.
 * mirrors the escaping rules of actions/toolkit packages/core/src/command.ts (escapeData)
 */
export function escapeWorkflowData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * Escapes a workflow command property value: as a message, plus `:` (it ends the properties) and `,`
 * (it separates them). mirrors actions/toolkit packages/core/src/command.ts (escapeProperty)
 */
export function escapeWorkflowProperty(text: string): string {
  return escapeWorkflowData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One `::level key=value,...::message` line, without the trailing newline. */
export function formatAnnotation(annotation: Annotation): string {
  const properties: string[] = [];
  if (annotation.title !== '') properties.push(`title=${escapeWorkflowProperty(annotation.title)}`);
  if (annotation.file !== undefined) properties.push(`file=${escapeWorkflowProperty(annotation.file)}`);
  if (annotation.line !== undefined) properties.push(`line=${annotation.line}`);
  const head = properties.length > 0 ? `::${annotation.level} ${properties.join(',')}` : `::${annotation.level}`;
  return `${head}::${escapeWorkflowData(annotation.message)}`;
}

// Long messages are cut: the full text is in the log and the step summary.
const MAX_MESSAGE = 2000;
const MAX_TITLE = 200;

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function levelOf(severity: Severity): AnnotationLevel | undefined {
  if (severity === 'error') return 'error';
  if (severity === 'warning') return 'warning';
  return undefined;
}

function fixLines(fixes: readonly Fix[], secrets: readonly string[]): string[] {
  const first = fixes[0];
  if (!first) return [];
  const lines = [`${t`Fix: ${clean(first.text, secrets)}`}${first.weakensSecurity ? ` ${t`[weakens security]`}` : ''}`];
  if (first.command !== undefined) lines.push(`  $ ${clean(first.command, secrets)}`);
  if (fixes.length > 1) lines.push(fixes.length === 2 ? t`(${fixes.length - 1} more fix in the log)` : t`(${fixes.length - 1} more fixes in the log)`);
  return lines;
}

/** Formats annotations, keeping at most `max` per level and noting how many were dropped. */
function formatCapped(annotations: readonly Annotation[], max: number): string {
  const kept: string[] = [];
  const dropped = new Map<AnnotationLevel, number>();
  const used = new Map<AnnotationLevel, number>();
  for (const annotation of annotations) {
    const count = used.get(annotation.level) ?? 0;
    if (count >= max) {
      dropped.set(annotation.level, (dropped.get(annotation.level) ?? 0) + 1);
      continue;
    }
    used.set(annotation.level, count + 1);
    kept.push(formatAnnotation({ ...annotation, title: cut(annotation.title, MAX_TITLE), message: cut(annotation.message, MAX_MESSAGE) }));
  }
  const total = [...dropped.values()].reduce((sum, n) => sum + n, 0);
  if (total > 0) {
    kept.push(
      formatAnnotation({
        level: 'notice',
        title: 'goproxy-doctor',
        message: total === 1 ? t`${total} more problem is not annotated; see the step summary or the log.` : t`${total} more problems are not annotated; see the step summary or the log.`,
      }),
    );
  }
  return kept.length > 0 ? `${kept.join('\n')}\n` : '';
}

/**
 * Annotations for `check` findings: errors as `::error`, warnings as `::warning`, each titled with the
 * finding's id and carrying its message, evidence and first fix. Info findings are left to the summary.
 * Returns the text to write (one command per line), or '' when there is nothing to annotate.
 */
export function githubAnnotationsForFindings(findings: readonly Finding[], options: AnnotationOptions = {}): string {
  const secrets = options.knownSecrets ?? [];
  const annotations: Annotation[] = [];
  for (const finding of findings) {
    const level = levelOf(finding.severity);
    if (level === undefined) continue;
    const lines = [clean(finding.message, secrets)];
    for (const item of finding.evidence.slice(0, 5)) lines.push(`- ${clean(item, secrets)}`);
    lines.push(...fixLines(finding.fixes, secrets));
    annotations.push({ level, title: `goproxy-doctor check: ${clean(finding.id, secrets)}`, message: lines.join('\n') });
  }
  return formatCapped(annotations, options.maxPerLevel ?? 10);
}

function subjectOf(diagnosis: RankedDiagnosis, secrets: readonly string[]): string | undefined {
  const { module, version } = diagnosis.fields;
  if (module === undefined) return undefined;
  return clean(version !== undefined ? `${module}@${version}` : module, secrets);
}

/**
 * Annotations for `explain` diagnoses: one `::error` per main diagnosis (alternatives are left to the
 * summary), titled with the scenario, carrying the evidence line, the scenario summary and the first fix.
 * Returns the text to write, or '' when there is nothing to annotate.
 */
export function githubAnnotationsForDiagnoses(diagnoses: readonly RankedDiagnosis[], options: AnnotationOptions = {}): string {
  const secrets = options.knownSecrets ?? [];
  const annotations: Annotation[] = [];
  for (const diagnosis of diagnoses) {
    if (diagnosis.alternative) continue;
    const scenario = options.scenario?.(diagnosis.scenario);
    const subject = subjectOf(diagnosis, secrets);
    const lines = [clean(diagnosis.evidence, secrets)];
    if (scenario) lines.push(scenario.summary);
    if (diagnosis.occurrences > 1) lines.push(t`(seen ${diagnosis.occurrences} times)`);
    lines.push(...fixLines(diagnosis.fixes, secrets));
    const title = `goproxy-doctor: ${scenario?.title ?? diagnosis.scenario}${subject !== undefined ? ` (${subject})` : ''}`;
    annotations.push({ level: 'error', title, message: lines.join('\n') });
  }
  return formatCapped(annotations, options.maxPerLevel ?? 10);
}

// ---------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------

/**
 * Escapes text for Markdown so log content cannot turn into links, images, HTML or headings when
 * GitHub renders it. Newlines become spaces: the caller decides the layout.
 */
export function markdownText(text: string): string {
  // `(` and `!` are harmless once `[` is escaped: no link or image can start.
  return text.replace(/\n+/g, ' ').replace(/[\\`*_[\]<>|#~&]/g, (ch) => `\\${ch}`);
}

function longestRun(text: string, ch: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === ch ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/** An inline code span that holds any text, backticks included, on one line. */
export function markdownCode(text: string): string {
  const flat = text.replace(/\n+/g, ' ');
  const fence = '`'.repeat(longestRun(flat, '`') + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A fenced code block that no line of `text` can close early. */
export function markdownCodeBlock(text: string, info = ''): string {
  const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  return `${fence}${info}\n${text.replace(/\n+$/, '')}\n${fence}`;
}

/** Options of the Markdown section renderers. */
export interface MarkdownOptions {
  scenario?: ScenarioLookup;
  knownSecrets?: readonly string[];
  /** Entries listed per section; the rest are counted. Default 50. */
  maxEntries?: number;
}

function fixesMarkdown(fixes: readonly Fix[], secrets: readonly string[]): string[] {
  if (fixes.length === 0) return [];
  const lines = ['', t`Fixes, best first:`, ''];
  fixes.forEach((fix, index) => {
    lines.push(`${index + 1}. ${markdownText(clean(fix.text, secrets))}${fix.weakensSecurity ? ` **${t`(weakens security)`}**` : ''}`);
    if (fix.command !== undefined) {
      lines.push('', ...markdownCodeBlock(clean(fix.command, secrets), 'sh').split('\n').map((line) => `   ${line}`));
    }
  });
  return lines;
}

const SEVERITY_ICON: Record<Severity, string> = { error: '❌', warning: '⚠️', info: 'ℹ️' };

/** `check` findings as Markdown: a count line, then one entry per finding with evidence and fixes. */
export function findingsMarkdown(findings: readonly Finding[], options: MarkdownOptions = {}): string {
  const secrets = options.knownSecrets ?? [];
  const max = options.maxEntries ?? 50;
  const count = (severity: Severity): number => findings.filter((finding) => finding.severity === severity).length;
  if (findings.length === 0) return `${t`No problems found.`}\n`;
  const errors = count('error') === 1 ? t`${count('error')} error` : t`${count('error')} errors`;
  const warnings = count('warning') === 1 ? t`${count('warning')} warning` : t`${count('warning')} warnings`;
  const lines = [t`${errors}, ${warnings}, ${count('info')} info.`];
  for (const finding of findings.slice(0, max)) {
    lines.push('', `#### ${SEVERITY_ICON[finding.severity]} ${markdownText(clean(finding.message, secrets))}`, '');
    lines.push(t`${markdownCode(clean(finding.id, secrets))} · rule ${markdownCode(clean(finding.rule, secrets))} · ${finding.group}`);
    if (finding.modules && finding.modules.length > 0) lines.push('', t`Modules: ${finding.modules.map((m) => markdownCode(clean(m, secrets))).join(', ')}`);
    if (finding.evidence.length > 0) {
      lines.push('', ...finding.evidence.map((item) => `- ${markdownText(cut(clean(item, secrets), MAX_MESSAGE))}`));
    }
    lines.push(...fixesMarkdown(finding.fixes, secrets));
  }
  if (findings.length > max) lines.push('', t`…and ${findings.length - max} more findings (see the log).`);
  return `${lines.join('\n')}\n`;
}

/** `explain` diagnoses as Markdown: one entry per main diagnosis (evidence quoted, fixes ranked), then alternatives. */
export function diagnosesMarkdown(diagnoses: readonly RankedDiagnosis[], options: MarkdownOptions & { omitted?: number } = {}): string {
  const secrets = options.knownSecrets ?? [];
  const max = options.maxEntries ?? 50;
  const main = diagnoses.filter((diagnosis) => !diagnosis.alternative);
  const alternatives = diagnoses.filter((diagnosis) => diagnosis.alternative);
  if (main.length === 0) return `${t`No known Go module download failure found.`}\n`;
  const lines = [main.length === 1 ? t`${main.length} problem found.` : t`${main.length} problems found.`];
  for (const diagnosis of main.slice(0, max)) {
    const scenario = options.scenario?.(diagnosis.scenario);
    const subject = subjectOf(diagnosis, secrets);
    lines.push('', `#### ❌ ${markdownText(scenario?.title ?? diagnosis.scenario)}${subject !== undefined ? ` — ${markdownCode(subject)}` : ''}`, '');
    const where = diagnosis.source !== undefined ? `${clean(diagnosis.source, secrets)}:${diagnosis.line}` : t`line ${diagnosis.line}`;
    lines.push(
      `${t`${markdownCode(diagnosis.scenario)} · confidence ${diagnosis.confidence.toFixed(2)} · ${markdownText(where)}`}${diagnosis.occurrences > 1 ? t` · seen ${diagnosis.occurrences} times` : ''}`,
    );
    lines.push('', markdownCodeBlock(cut(clean(diagnosis.evidence, secrets), MAX_MESSAGE), 'text'));
    if (scenario) lines.push('', markdownText(scenario.summary));
    lines.push(...fixesMarkdown(diagnosis.fixes, secrets));
  }
  if (main.length > max) lines.push('', t`…and ${main.length - max} more problems (see the log).`);
  if (options.omitted !== undefined && options.omitted > 0) lines.push('', t`${options.omitted} more distinct failures were not analysed (cap reached).`);
  if (alternatives.length > 0) {
    lines.push('', `**${t`Also possible:`}**`, '');
    for (const alternative of alternatives.slice(0, max)) {
      const scenario = options.scenario?.(alternative.scenario);
      const subject = subjectOf(alternative, secrets);
      const first = alternative.fixes[0];
      lines.push(
        `- ${markdownText(scenario?.title ?? alternative.scenario)} ${t`(${markdownCode(alternative.scenario)}, confidence ${alternative.confidence.toFixed(2)})`}` +
          `${subject !== undefined ? t` for ${markdownCode(subject)}` : ''}${first ? `: ${markdownText(clean(first.text, secrets))}` : ''}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** What goes into one step summary. */
export interface StepSummaryInput {
  /** The heading, e.g. `goproxy-doctor check`. */
  title: string;
  /** One line of context, e.g. the wrapped command and its exit status (plain text; escaped here). */
  context?: string;
  /** `check` findings; the section is left out when undefined. */
  findings?: readonly Finding[];
  /** `explain` diagnoses; the section is left out when undefined. */
  diagnoses?: readonly RankedDiagnosis[];
  /** Distinct failures `explain` dropped at its cap. */
  omitted?: number;
  scenario?: ScenarioLookup;
  knownSecrets?: readonly string[];
}

/** GitHub rejects a step summary over 1 MiB; stay well under it. */
export const MAX_STEP_SUMMARY_CHARS = 512 * 1024;

/** The Markdown appended to `$GITHUB_STEP_SUMMARY`: a heading, the context line, findings and diagnoses. */
export function stepSummaryMarkdown(input: StepSummaryInput): string {
  const secrets = input.knownSecrets ?? [];
  const options: MarkdownOptions = { knownSecrets: secrets, ...(input.scenario ? { scenario: input.scenario } : {}) };
  const parts = [`## ${markdownText(clean(input.title, secrets))}`];
  if (input.context !== undefined) parts.push(markdownText(clean(input.context, secrets)));
  if (input.findings !== undefined) parts.push(`### ${t`Check`}`, findingsMarkdown(input.findings, options).trimEnd());
  if (input.diagnoses !== undefined) {
    parts.push(`### ${t`Diagnosis`}`, diagnosesMarkdown(input.diagnoses, { ...options, ...(input.omitted !== undefined ? { omitted: input.omitted } : {}) }).trimEnd());
  }
  let text = `${parts.join('\n\n')}\n\n`;
  if (text.length > MAX_STEP_SUMMARY_CHARS) {
    // Cut at a line boundary; an unclosed code fence only affects this step's own summary.
    const cutAt = text.lastIndexOf('\n', MAX_STEP_SUMMARY_CHARS - 200);
    text = `${text.slice(0, cutAt)}\n\n_${t`(summary truncated; see the log)`}_\n\n`;
  }
  return text;
}

/** Appends text to a file; injected so this module stays free of file-system access. */
export type AppendTextFile = (file: string, text: string) => Promise<void>;

/**
 * Appends `markdown` to the file named by `$GITHUB_STEP_SUMMARY`. Returns false (and writes nothing)
 * when the variable is unset or empty, as it is outside GitHub Actions.
 */
export async function writeStepSummary(env: Readonly<Record<string, string | undefined>>, markdown: string, append: AppendTextFile): Promise<boolean> {
  const file = env.GITHUB_STEP_SUMMARY;
  if (file === undefined || file === '') return false;
  await append(file, markdown);
  return true;
}
