/**
 * The `goproxy-doctor report` document: one Markdown file holding everything a maintainer asks for in
 * an issue about failing module downloads (tool and Go versions, the environment with origins, routes,
 * `check` results, the diagnosis of a build log). Pure: the gathered data goes in, text comes out.
 *
 * Redaction happens twice: each section cleans what it prints, and the finished document is passed
 * through the same rules again with every known secret, so a value that slipped into an unexpected
 * place (a note, an error message) is still masked.
 */
import { Chalk } from 'chalk';
import type { CheckReport, ModuleVerdict, ProbeSummary } from '../check/types.js';
import type { ExplainResult } from '../explain/engine.js';
import type { Route } from '../goenv/route.js';
import type { GoEnvironment } from '../goenv/types.js';
import { scrubEchoedSecrets } from '../redact.js';
import { buildEnvJson } from './env.js';
import { clean } from './explain.js';
import { diagnosesMarkdown, findingsMarkdown, markdownCode, markdownCodeBlock, markdownText, type ScenarioLookup } from './github.js';
import { renderRoutesHuman } from './route.js';
import { t } from '../i18n/language.js';

/** A section's data, or why it could not be gathered. */
export type Gathered<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Everything the report shows. */
export interface ReportInput {
  toolVersion: string;
  nodeVersion: string;
  platform: string;
  arch: string;
  /** ISO 8601 time the report was made. */
  generatedAt: string;
  /** The directory the report describes. */
  cwd: string;
  /** Replaced by `~` everywhere: user names in paths are nobody's business. */
  homedir?: string;
  env: Gathered<GoEnvironment>;
  /** Routes for go.mod's requirements (`omitted`: requirements past the cap). */
  routes: Gathered<{ routes: Route[]; omitted: number }>;
  check: Gathered<CheckReport>;
  /** The diagnosis of `--log FILE`, when one was given. */
  explain?: { file: string; result: ExplainResult };
  scenario?: ScenarioLookup;
  /** Every secret known to be in play (.netrc and URL passwords, secret-looking environment values). */
  knownSecrets: readonly string[];
}

/** Escapes a Markdown table cell: no pipes or newlines may break the row. */
function cell(text: string): string {
  return markdownText(text).replace(/\n/g, ' ');
}

function headerTable(input: ReportInput, secrets: readonly string[]): string {
  const rows: Array<[string, string]> = [
    ['goproxy-doctor', markdownCode(input.toolVersion)],
    ['Node.js', markdownCode(input.nodeVersion)],
    [t`OS`, markdownCode(`${input.platform}/${input.arch}`)],
  ];
  if (input.env.ok) {
    const env = input.env.value;
    const target = [env.goEnvJson.GOOS, env.goEnvJson.GOARCH].filter((v) => v !== undefined && v !== '').join('/');
    rows.push(['Go', `${t`${markdownCode(clean(env.goVersion || t`unknown`, secrets))} at ${markdownCode(clean(env.goBinary, secrets))}`}${target !== '' ? ` (${markdownCode(target)})` : ''}`]);
  } else {
    rows.push(['Go', t`not available`]);
  }
  rows.push([t`Directory`, markdownCode(clean(input.cwd, secrets))]);
  rows.push([t`Generated`, markdownCode(input.generatedAt)]);
  return ['| | |', '|---|---|', ...rows.map(([name, value]) => `| ${name} | ${value} |`)].join('\n');
}

function envSection(env: Gathered<GoEnvironment>, secrets: readonly string[]): string {
  if (!env.ok) return t`Could not read the Go environment: ${markdownText(clean(env.reason, secrets))}`;
  const doc = buildEnvJson(env.value);
  const lines = [`| ${t`Variable`} | ${t`Value`} | ${t`Origin`} | ${t`Notes`} |`, '|---|---|---|---|'];
  for (const [name, info] of Object.entries(doc.variables)) {
    const value = info.value === '' ? `_${t`(empty)`}_` : markdownCode(clean(info.value, secrets));
    const origin = `${info.origin}${info.file !== undefined ? ` (${markdownCode(clean(info.file, secrets))})` : ''}`;
    const notes = info.notes.map((note) => cell(clean(note, secrets))).join('<br>');
    lines.push(`| ${name} | ${value} | ${origin} | ${notes} |`);
  }
  return lines.join('\n');
}

function routesSection(routes: Gathered<{ routes: Route[]; omitted: number }>, secrets: readonly string[]): string {
  if (!routes.ok) return markdownText(clean(routes.reason, secrets));
  if (routes.value.routes.length === 0) return t`go.mod has no requirements.`;
  const text = clean(renderRoutesHuman(routes.value.routes, new Chalk({ level: 0 })), secrets);
  const more = routes.value.omitted > 0 ? `\n\n${t`…and ${routes.value.omitted} more requirements (not routed here).`}` : '';
  return `${markdownCodeBlock(text, 'text')}${more}`;
}

function moduleLine(verdict: ModuleVerdict, secrets: readonly string[]): string {
  const name = verdict.version !== undefined ? `${verdict.module}@${verdict.version}` : verdict.module;
  const mark = verdict.result === 'ok' ? '✅' : verdict.result === 'fail' ? '❌' : '❔';
  return `- ${mark} ${markdownCode(clean(name, secrets))} (${verdict.source}): ${markdownText(clean(verdict.summary, secrets))}`;
}

function probeRow(probe: ProbeSummary, secrets: readonly string[]): string {
  const result = probe.ok ? t`ok` : probe.timedOut ? t`timed out` : t`failed at ${probe.phase}`;
  const detail = probe.error !== undefined ? cell(clean(probe.error, secrets)) : '';
  const via = probe.via !== undefined ? t` via ${markdownCode(clean(probe.via, secrets))}` : '';
  return `| ${markdownCode(clean(probe.url, secrets))}${via} | ${probe.target} | ${result} | ${probe.status ?? ''} | ${Math.round(probe.timings.total)} ms | ${detail} |`;
}

function checkSection(check: Gathered<CheckReport>, options: { scenario?: ScenarioLookup; secrets: readonly string[] }): string {
  const { secrets } = options;
  if (!check.ok) return markdownText(clean(check.reason, secrets));
  const report = check.value;
  const parts: string[] = [];
  parts.push(
    (report.offline ? t`Offline (configuration only, no requests).` : t`Probed with a ${report.timeoutMs} ms deadline.`) +
      t` Modules from: ${report.canarySource}. Took ${Math.round(report.durationMs)} ms.`,
  );
  parts.push(findingsMarkdown(report.findings, { knownSecrets: secrets, ...(options.scenario ? { scenario: options.scenario } : {}) }).trimEnd());
  if (report.chain.length > 0) {
    parts.push(`#### ${t`GOPROXY chain`}`, report.chain.map((entry) => `- ${markdownCode(clean(entry.label, secrets))}${entry.separator !== '' ? t` then ${markdownCode(entry.separator)}` : ''}`).join('\n'));
  }
  if (report.modules.length > 0) parts.push(`#### ${t`Modules`}`, report.modules.map((m) => moduleLine(m, secrets)).join('\n'));
  if (report.sumdb) {
    const db = report.sumdb;
    const tree = db.treeHead
      ? db.treeHead.ok
        ? db.treeHead.size !== undefined
          ? t`signed tree head verified (size ${db.treeHead.size})`
          : t`signed tree head verified`
        : t`tree head check failed: ${clean(db.treeHead.error ?? '', secrets)}`
      : '';
    const where = db.url !== undefined ? t`${clean(db.name, secrets)} via ${db.via} at ${clean(db.url, secrets)}` : t`${clean(db.name, secrets)} via ${db.via}`;
    parts.push(
      `#### ${t`Checksum database`}`,
      markdownText(
        `${where}${db.error !== undefined ? `: ${clean(db.error, secrets)}` : ''}${tree !== '' ? `; ${tree}` : ''}; ${db.needed ? t`needed: yes` : t`needed: no`}`,
      ),
    );
  }
  if (report.toolchain) {
    const toolchain = report.toolchain;
    parts.push(
      `#### ${t`Toolchain`}`,
      markdownText(
        `${t`local ${toolchain.local}`}, GOTOOLCHAIN=${clean(toolchain.gotoolchain, secrets)}${toolchain.goLine !== undefined ? `, go ${toolchain.goLine}` : ''}${toolchain.toolchainLine !== undefined ? `, toolchain ${toolchain.toolchainLine}` : ''}: ${toolchain.action}${toolchain.switchTo !== undefined ? ` ${toolchain.switchTo}` : ''}`,
      ),
    );
  }
  if (report.probes.length > 0) {
    const header = `| URL | ${t`For`} | ${t`Result`} | ${t`Status`} | ${t`Time`} | ${t`Error`} |`;
    parts.push(`#### ${t`Requests`}`, [header, '|---|---|---|---|---|---|', ...report.probes.map((p) => probeRow(p, secrets))].join('\n'));
  }
  return parts.join('\n\n');
}

/** Escapes a string for use inside a RegExp. */
function literal(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g');
}

/**
 * The last pass over the finished document: every redaction rule again with all known secrets, then
 * the home directory shortened to `~`.
 */
export function finalRedaction(text: string, knownSecrets: readonly string[], homedir?: string): string {
  // Longest first, so a secret that contains another is masked whole.
  const secrets = [...knownSecrets].filter((s) => s !== '').sort((a, b) => b.length - a.length);
  // The document embeds untrusted text (a pasted log, server answers) where a credential can sit anywhere.
  let out = scrubEchoedSecrets(clean(text, secrets), secrets);
  if (homedir !== undefined && homedir.length > 1 && homedir !== '/') out = out.replace(literal(homedir), '~');
  return out;
}

/** The complete report document. */
export function renderReportMarkdown(input: ReportInput): string {
  const secrets = input.knownSecrets;
  const scenarioOption = input.scenario ? { scenario: input.scenario } : {};
  const parts: string[] = [`# ${t`goproxy-doctor report`}`, headerTable(input, secrets)];
  parts.push(`## ${t`Go environment`}`, envSection(input.env, secrets));
  parts.push(`## ${t`Routes for go.mod's requirements`}`, routesSection(input.routes, secrets));
  parts.push(`## ${t`Check`}`, checkSection(input.check, { secrets, ...scenarioOption }));
  if (input.explain) {
    const { file, result } = input.explain;
    parts.push(
      `## ${t`Diagnosis of ${markdownCode(clean(file, secrets))}`}`,
      result.blocks === 1 ? t`${result.blocks} block read.` : t`${result.blocks} blocks read.`,
      diagnosesMarkdown(result.diagnoses, { knownSecrets: secrets, omitted: result.omitted, ...scenarioOption }).trimEnd(),
    );
  }
  parts.push(
    '---',
    `_${t`Made with ${'`goproxy-doctor report`'}. URL passwords, .netrc passwords, Authorization values, token query parameters and secret-looking environment values were replaced by ${'`xxxxx`'}, and the home directory by ${'`~`'}. Review it before posting anyway.`}_`,
  );
  return finalRedaction(`${parts.join('\n\n')}\n`, secrets, input.homedir);
}
