/**
 * Renderers for `goproxy-doctor check`: the `--json` document (a public contract, schemaVersion 1) and
 * the human report, one section per finding group with ✓/⚠/✗ marks and per-phase timings. Both are
 * pure; every string goes through safeText on the way out (runCheck already scrubbed known secrets).
 */
import type { ChalkInstance } from 'chalk';
import type { CheckReport, ChainEntry, DirectFetchReport, Finding, FindingGroup, ModuleVerdict, ProbeSummary } from '../check/types.js';
import { formatMs, formatTimings } from '../check/probe-evidence.js';
import type { Fix, Severity } from '../fix.js';
import { safeText } from '../redact.js';
import { layoutLines, whole, type LayoutOptions, type ReportLine } from './wrap.js';
import { t } from '../i18n/language.js';

/** The `check --json` schema version; bump it only for incompatible changes. */
export const CHECK_SCHEMA_VERSION = 1;

/** Counts by severity, and whether the run found nothing worth an error. */
export interface CheckSummary {
  errors: number;
  warnings: number;
  infos: number;
}

/** The `check --json` document. Fields may be added; these must not be renamed or removed. */
export interface CheckJson {
  schemaVersion: number;
  goVersion: string;
  goBinary: string;
  offline: boolean;
  timeoutMs: number;
  durationMs: number;
  canarySource: CheckReport['canarySource'];
  groups: FindingGroup[];
  summary: CheckSummary;
  findings: Array<{
    id: string;
    /** The check rule that produced it (the file src/check/rules/<rule>.ts). */
    rule: string;
    /** For failed probes: what went wrong (`dns`, `connect`, `http-401`, …). */
    cause?: string;
    severity: Severity;
    group: FindingGroup;
    message: string;
    evidence: string[];
    modules?: string[];
    fixes: Fix[];
  }>;
  probes: ProbeSummary[];
  chain: ChainEntry[];
  modules: ModuleVerdict[];
  sumdb?: CheckReport['sumdb'];
  toolchain?: CheckReport['toolchain'];
  network?: CheckReport['network'];
}

// Every string leaves through safeText: URL passwords, Authorization values and control characters go.
function clean<T>(value: T): T {
  if (typeof value === 'string') return safeText(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => clean(item)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) if (item !== undefined) out[key] = clean(item);
    return out as T;
  }
  return value;
}

/** Counts findings by severity. */
export function summarize(findings: readonly Finding[]): CheckSummary {
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    infos: findings.filter((f) => f.severity === 'info').length,
  };
}

/** Builds the `check --json` document. */
export function buildCheckJson(report: CheckReport): CheckJson {
  const doc: CheckJson = {
    schemaVersion: CHECK_SCHEMA_VERSION,
    goVersion: report.goVersion,
    goBinary: report.goBinary,
    offline: report.offline,
    timeoutMs: report.timeoutMs,
    durationMs: Math.round(report.durationMs),
    canarySource: report.canarySource,
    groups: report.groups,
    summary: summarize(report.findings),
    findings: report.findings.map((f) => ({
      id: f.id,
      rule: f.rule,
      ...(f.cause !== undefined ? { cause: f.cause } : {}),
      severity: f.severity,
      group: f.group,
      message: f.message,
      evidence: f.evidence,
      ...(f.modules ? { modules: f.modules } : {}),
      fixes: f.fixes.map((fix) => ({ id: fix.id, ...(fix.command !== undefined ? { command: fix.command } : {}), text: fix.text, weakensSecurity: fix.weakensSecurity })),
    })),
    probes: report.probes,
    chain: report.chain,
    modules: report.modules,
  };
  if (report.sumdb) doc.sumdb = report.sumdb;
  if (report.toolchain) doc.toolchain = report.toolchain;
  if (report.network) doc.network = report.network;
  return clean(doc);
}

// ---------------------------------------------------------------------------------------------
// Human text

// Read when a report is rendered, so they are in the language chosen at start-up.
const SECTION_TITLES: Record<FindingGroup, () => string> = {
  config: () => t`Configuration`,
  proxy: () => t`Module proxies`,
  sumdb: () => t`Checksum database`,
  toolchain: () => t`Toolchain`,
  credentials: () => t`Credentials and HTTP proxy`,
};

const SEVERITY_LABELS: Record<Severity, () => string> = {
  error: () => t`error`,
  warning: () => t`warning`,
  info: () => t`info`,
};

function mark(chalk: ChalkInstance, state: 'ok' | 'error' | 'warning' | 'info' | 'unknown'): string {
  switch (state) {
    case 'ok':
      return chalk.green('✓');
    case 'error':
      return chalk.red('✗');
    case 'warning':
      return chalk.yellow('⚠');
    case 'info':
      return chalk.cyan('ℹ');
    default:
      return chalk.dim('?');
  }
}

// What came back, briefly: the status, or where the request stopped.
function probeAnswer(p: ProbeSummary): string {
  return p.ok
    ? `${p.status ?? 200}`
    : p.timedOut
      ? t`no answer (${p.phase} phase, timed out)`
      : p.status !== undefined && p.phase === 'http'
        ? (p.error !== undefined && p.error.startsWith(String(p.status)) ? p.error : String(p.status))
        : t`failed at the ${p.phase} phase`;
}

/** How a request turned out, as its line marks it. A 404/410 is "not here, try the next entry", not a failure in itself. */
function probeOutcome(p: ProbeSummary): 'ok' | 'not-here' | 'failed' {
  if (p.ok) return 'ok';
  return (p.status === 404 || p.status === 410) && p.target !== 'sumdb-lookup' ? 'not-here' : 'failed';
}

function probeMark(p: ProbeSummary, chalk: ChalkInstance): string {
  const outcome = probeOutcome(p);
  return outcome === 'ok' ? mark(chalk, 'ok') : outcome === 'not-here' ? chalk.dim('·') : mark(chalk, 'error');
}

/** A module verdict's mark: a failure is an error, or a warning for the default canary nothing depends on. */
function verdictState(v: ModuleVerdict): 'ok' | 'error' | 'warning' | 'unknown' {
  return v.result === 'ok' ? 'ok' : v.result === 'fail' ? (v.source === 'default' ? 'warning' : 'error') : 'unknown';
}

function probeLine(p: ProbeSummary, chain: readonly ChainEntry[], chalk: ChalkInstance, indent: string): string[] {
  const entry = p.entry !== undefined ? `${chain[p.entry]?.label.split(' ')[0] ?? ''} ` : '';
  // The error itself is in the verdict above; here only what came back, briefly.
  const answer = probeAnswer(p);
  const lines = [`${indent}${probeMark(p, chalk)} ${entry}GET ${safeText(p.url)} → ${safeText(answer)}  ${chalk.dim(formatTimings(p.timings))}`];
  if (p.via !== undefined) lines.push(`${indent}  ${chalk.dim(t`via HTTP proxy ${safeText(p.via)}`)}`);
  if (p.tls) {
    const tls = p.tls;
    lines.push(
      `${indent}  ${chalk.dim(t`TLS: ${safeText(tls.subject)} issued by ${safeText(tls.issuer)}, valid ${tls.validFrom.slice(0, 10)}..${tls.validTo.slice(0, 10)}, `)}${tls.verified ? chalk.green(t`trusted by go's roots`) : chalk.red(t`not trusted by go's roots`)}`,
    );
  }
  if (p.credentials !== undefined) lines.push(`${indent}  ${chalk.dim(t`credentials: ${safeText(p.credentials)}`)}`);
  return lines;
}

function renderFinding(f: Finding, chalk: ChalkInstance): ReportLine[] {
  const colour = f.severity === 'error' ? chalk.red : f.severity === 'warning' ? chalk.yellow : chalk.cyan;
  const lines: ReportLine[] = [`  ${mark(chalk, f.severity)} ${colour(SEVERITY_LABELS[f.severity]())} ${chalk.bold(f.id)}${f.rule !== f.id ? chalk.dim(` (${f.rule})`) : ''}: ${safeText(f.message)}`];
  if (f.modules && f.modules.length > 1) {
    const shown = f.modules.slice(0, 8).map((m) => safeText(m));
    lines.push(`      ${chalk.dim(t`modules:`)} ${shown.join(', ')}${f.modules.length > shown.length ? t`, … (${f.modules.length - shown.length} more)` : ''}`);
  }
  for (const e of f.evidence) {
    const [first, ...rest] = safeText(e).split('\n');
    lines.push(`      ${chalk.dim('│')} ${first ?? ''}`);
    for (const more of rest) lines.push(`      ${chalk.dim('│')}   ${more.replace(/^\t/, '')}`);
  }
  f.fixes.forEach((fix, i) => {
    const tag = fix.weakensSecurity ? `${chalk.red(t`[weakens security]`)} ` : '';
    lines.push(`      ${chalk.bold(`${i + 1}.`)} ${tag}${safeText(fix.text)}`);
    // A command stays on one line, so it can be copied and pasted as it is.
    if (fix.command !== undefined) lines.push(whole(`         ${chalk.cyan(`$ ${safeText(fix.command)}`)}`));
  });
  return lines;
}

function chainLines(report: CheckReport, chalk: ChalkInstance): string[] {
  if (report.chain.length === 0) return [`  ${mark(chalk, 'error')} ${t`GOPROXY could not be parsed: no chain to probe`}`];
  return report.chain.map((e) => {
    const sep = e.separator === ',' ? chalk.dim(`  , ${t`next entry only on 404/410`}`) : e.separator === '|' ? chalk.dim(`  | ${t`next entry on any error`}`) : '';
    return `  ${chalk.bold(safeText(e.label))}${sep}`;
  });
}

// The direct fetch under its module: the ?go-get=1 requests, the repository and GOVCS, then git.
function directLines(d: DirectFetchReport, chalk: ChalkInstance, indent: string): string[] {
  const lines: string[] = [];
  for (const r of d.discovery) {
    const ok = r.status === 200;
    const answer = r.status !== undefined ? String(r.status) : `failed at the ${r.phase} phase`;
    const tls = r.tls ? (r.tls.skipped === true ? ' · certificate not checked (GOINSECURE)' : r.tls.verified ? " · trusted by go's roots" : " · not trusted by go's roots") : '';
    lines.push(`${indent}${ok ? mark(chalk, 'ok') : mark(chalk, 'error')} GET ${safeText(r.url)} → ${safeText(answer)}${tls}  ${chalk.dim(formatTimings(r.timings))}`);
  }
  const g = d.govcs;
  const govcs = g ? `GOVCS ${g.allowed ? 'allows' : 'forbids'} ${safeText(g.vcs)} for ${safeText(g.root)} (${g.rule !== undefined ? safeText(`${g.rule}:${g.allows.join('|')}`) : 'no rule'}${g.defaultRule ? ', default' : ''})` : undefined;
  if (d.repository) {
    lines.push(`${indent}${chalk.dim('repository')} ${safeText(d.repository.url)} ${chalk.dim(`(${safeText(d.repository.vcs)}, ${safeText(d.repository.via)})`)}${govcs !== undefined ? ` · ${govcs}` : ''}`);
  } else if (govcs !== undefined && g !== undefined) {
    lines.push(`${indent}${g.allowed ? mark(chalk, 'ok') : mark(chalk, 'error')} ${govcs}`);
  }
  if (d.git) {
    const git = d.git;
    const ok = git.outcome === 'ok';
    const credentials = [...(git.credentials.netrc ? ['~/.netrc'] : []), ...(git.credentials.helper !== undefined ? [`helper ${git.credentials.helper}`] : []), ...(git.credentials.userinfo ? ['URL'] : [])];
    const tag = git.tag && 'tag' in git.tag ? ` · tag ${safeText(git.tag.tag)} ${git.tag.found ? 'listed' : 'missing'}` : '';
    lines.push(
      `${indent}${ok && !(git.tag && 'found' in git.tag && !git.tag.found) ? mark(chalk, 'ok') : mark(chalk, 'error')} ${safeText(git.command)} → ${ok ? 'ok' : safeText(`exit ${git.exitCode ?? 'none'} (${git.outcome})`)}${tag} ${chalk.dim(`· credentials: ${credentials.length > 0 ? safeText(credentials.join(', ')) : 'none'} · ${formatMs(git.durationMs)}`)}`,
    );
    if (git.effectiveUrl !== undefined) lines.push(`${indent}  ${chalk.dim(`insteadOf: git goes to ${safeText(git.effectiveUrl)}`)}`);
  }
  if (d.mod) lines.push(`${indent}${d.mod.status === 200 ? mark(chalk, 'ok') : mark(chalk, 'error')} GET ${safeText(d.mod.url)} → ${safeText(String(d.mod.status ?? d.mod.error ?? 'failed'))}`);
  if (d.why !== undefined && d.result !== 'ok' && d.result !== 'fail') lines.push(`${indent}${chalk.dim(`not evaluated: ${safeText(d.why)}`)}`);
  return lines;
}

function moduleLines(report: CheckReport, v: ModuleVerdict, chalk: ChalkInstance): string[] {
  const state = verdictState(v);
  const name = v.version !== undefined ? `${v.module}@${v.version}` : v.module;
  const lines = [`  ${mark(chalk, state)} ${chalk.bold(safeText(name))}${v.source === 'default' ? chalk.dim(t` (default canary)`) : ''}: ${safeText(v.summary)}`];
  for (const p of report.probes.filter((q) => (q.target === 'module' || q.target === 'toolchain') && q.module === name)) lines.push(...probeLine(p, report.chain, chalk, '      '));
  if (v.direct) lines.push(...directLines(v.direct, chalk, '      '));
  for (const p of report.probes.filter((q) => q.target === 'sumdb-lookup' && q.module === name)) lines.push(...probeLine(p, report.chain, chalk, '      '));
  return lines;
}

type SectionState = 'ok' | Severity;

/** The worst of some states: an error outranks a warning, which outranks everything else. */
function worstState(states: readonly SectionState[]): SectionState {
  return states.includes('error') ? 'error' : states.includes('warning') ? 'warning' : 'ok';
}

/**
 * The states of what a section's body shows besides findings (module verdicts, failed requests, the
 * checksum database's reachability), so that a section marked ✓ never lists a ✗ or ⚠ line: its mark
 * is the worst of its findings and of these. Must agree with the marks {@link sectionBody} draws.
 */
function bodyStates(group: FindingGroup, report: CheckReport): SectionState[] {
  const failedProbe = (p: ProbeSummary): boolean => probeOutcome(p) === 'failed';
  const moduleStates = (toolchain: boolean): SectionState[] =>
    report.modules
      .filter((v) => (v.source === 'toolchain') === toolchain)
      .flatMap((v) => {
        const name = v.version !== undefined ? `${v.module}@${v.version}` : v.module;
        const state = verdictState(v);
        const own: SectionState[] = state === 'error' || state === 'warning' ? [state] : [];
        const probes = report.probes.filter((p) => p.module === name && p.target !== 'sumdb-supported' && p.target !== 'sumdb-latest');
        return [...own, ...(probes.some(failedProbe) ? (['warning'] as const) : [])];
      });
  switch (group) {
    case 'proxy':
      return moduleStates(false);
    case 'toolchain':
      return moduleStates(true);
    case 'sumdb': {
      const s = report.sumdb;
      if (!s || s.via === 'off' || report.offline) return [];
      const broken = s.via === 'error' || s.treeHead?.ok === false;
      const probes = report.probes.filter((p) => (p.target === 'sumdb-supported' || p.target === 'sumdb-latest') && failedProbe(p));
      return [...(broken ? [s.needed ? ('error' as const) : ('warning' as const)] : []), ...(probes.length > 0 ? (['warning'] as const) : [])];
    }
    default:
      return [];
  }
}

function sectionBody(group: FindingGroup, report: CheckReport, chalk: ChalkInstance): string[] {
  const lines: string[] = [];
  switch (group) {
    case 'proxy': {
      lines.push(...chainLines(report, chalk));
      if (report.offline) lines.push(`  ${chalk.dim(t`not probed (--offline)`)}`);
      else if (report.modules.filter((m) => m.source !== 'toolchain').length === 0) lines.push(`  ${chalk.dim(t`no module to probe`)}`);
      for (const v of report.modules.filter((m) => m.source !== 'toolchain')) lines.push(...moduleLines(report, v, chalk));
      break;
    }
    case 'sumdb': {
      const s = report.sumdb;
      if (s?.via === 'off') {
        lines.push(`  ${chalk.dim(t`GOSUMDB=off: the checksum database is never consulted`)}`);
        break;
      }
      if (report.offline) {
        lines.push(`  ${chalk.dim(t`not probed (--offline)`)}`);
        break;
      }
      if (!s) break;
      const via =
        s.via === 'proxy'
          ? t`reached through ${report.chain[s.proxyEntry ?? 0]?.label ?? t`a proxy`}`
          : s.via === 'direct'
            ? t`reached directly`
            : s.via === 'explicit'
              ? t`reached at the URL in GOSUMDB`
              : s.via === 'error'
                ? t`unreachable: every lookup fails`
                : t`not probed`;
      const neededBy = s.neededBy?.length ?? 0;
      const need = s.needed
        ? chalk.dim(neededBy === 1 ? t` (needed by ${neededBy} checked module)` : t` (needed by ${neededBy} checked modules)`)
        : chalk.dim(t` (no checked module needs it now)`);
      lines.push(`  ${chalk.bold(safeText(s.name))} ${via}${s.url !== undefined ? `: ${safeText(s.url)}` : ''}${need}`);
      for (const p of report.probes.filter((q) => q.target === 'sumdb-supported' || q.target === 'sumdb-latest')) lines.push(...probeLine(p, report.chain, chalk, '    '));
      if (s.treeHead) {
        lines.push(
          s.treeHead.ok
            ? `    ${mark(chalk, 'ok')} ${s.treeHead.size !== undefined ? t`signed tree head verified against the GOSUMDB key (log size ${s.treeHead.size})` : t`signed tree head verified against the GOSUMDB key`}`
            : `    ${mark(chalk, 'error')} ${t`signed tree head does not verify: ${safeText(s.treeHead.error ?? '')}`}`,
        );
      }
      break;
    }
    case 'toolchain': {
      const toolchain = report.toolchain;
      if (!toolchain) break;
      lines.push(
        `  ${t`local go ${safeText(toolchain.local)}`} · GOTOOLCHAIN=${safeText(toolchain.gotoolchain === '' ? t`(empty)` : toolchain.gotoolchain)}${toolchain.goLine !== undefined ? ` · go.mod: go ${safeText(toolchain.goLine)}` : ''}${toolchain.toolchainLine !== undefined ? `, toolchain ${safeText(toolchain.toolchainLine)}` : ''}`,
      );
      if (toolchain.switchTo !== undefined) {
        const switchTo = safeText(toolchain.switchTo);
        lines.push(
          `  ${chalk.dim(toolchain.moduleVersion !== undefined ? t`go would switch to ${switchTo} (download golang.org/toolchain@${safeText(toolchain.moduleVersion)})` : t`go would switch to ${switchTo} (from PATH only)`)}`,
        );
      } else if (toolchain.action === 'none') lines.push(`  ${mark(chalk, 'ok')} ${t`no switch needed`}`);
      for (const v of report.modules.filter((m) => m.source === 'toolchain')) lines.push(...moduleLines(report, v, chalk));
      break;
    }
    case 'credentials': {
      const n = report.network;
      if (!n) break;
      lines.push(`  ${chalk.dim('HTTPS_PROXY:')} ${safeText(n.httpsProxy ?? t`not set`)}  ${chalk.dim('HTTP_PROXY:')} ${safeText(n.httpProxy ?? t`not set`)}${n.noProxy !== undefined ? `  ${chalk.dim('NO_PROXY:')} ${safeText(n.noProxy)}` : ''}`);
      const machines = n.netrc.machines === 1 ? t`${n.netrc.machines} machine entry` : t`${n.netrc.machines} machine entries`;
      lines.push(`  ${chalk.dim('.netrc:')} ${safeText(n.netrc.path)} (${n.netrc.found ? machines : t`not found`}) · ${chalk.dim('GOAUTH:')} ${safeText(n.goauth)}`);
      const rootFiles = safeText([n.roots.file, ...n.roots.dirs].filter((x): x is string => x !== undefined).join(', ') || t`nowhere`);
      lines.push(
        n.roots.kind === 'platform'
          ? `  ${chalk.dim(t`TLS roots:`)} ${t`the platform verifier (SSL_CERT_FILE/SSL_CERT_DIR do not apply)`}`
          : `  ${chalk.dim(t`TLS roots:`)} ${t`${n.roots.certificates} certificates from ${rootFiles}`}${n.roots.fromEnv.length > 0 ? ` (${n.roots.fromEnv.join(', ')})` : ''}`,
      );
      break;
    }
    default:
      break;
  }
  return lines;
}

const TARGET_LABELS: Record<ProbeSummary['target'], () => string> = {
  module: () => t`module`,
  toolchain: () => t`toolchain`,
  'sumdb-supported': () => t`sumdb supported`,
  'sumdb-latest': () => t`sumdb latest`,
  'sumdb-lookup': () => t`sumdb lookup`,
};

/** `--verbose`: every request in the order the report holds them, with its URL, answer and phase timings. */
function requestLines(report: CheckReport, chalk: ChalkInstance): ReportLine[] {
  const lines: ReportLine[] = [`${chalk.bold(t`Requests`)} ${chalk.dim(`(${report.probes.length})`)}`];
  if (report.probes.length === 0) lines.push(`  ${chalk.dim(report.offline ? t`none (--offline)` : t`none`)}`);
  for (const p of report.probes) {
    const entry = p.entry !== undefined ? ` ${report.chain[p.entry]?.label.split(' ')[0] ?? ''}` : '';
    const about = `${TARGET_LABELS[p.target]()}${p.module !== undefined ? ` ${safeText(p.module)}` : ''}${entry}`;
    lines.push(`  ${probeMark(p, chalk)} GET ${safeText(p.url)} → ${safeText(probeAnswer(p))}`);
    lines.push(`      ${chalk.dim(`${about} · ${t`reached the ${p.phase} phase`} · ${formatTimings(p.timings)}`)}`);
    if (!p.ok && p.error !== undefined) lines.push(`      ${chalk.dim(t`error:`)} ${safeText(p.error)}`);
    if (p.via !== undefined) lines.push(`      ${chalk.dim(t`via HTTP proxy ${safeText(p.via)}`)}`);
    if (p.credentials !== undefined) lines.push(`      ${chalk.dim(t`credentials: ${safeText(p.credentials)}`)}`);
  }
  return lines;
}

/**
 * The human report: a header, one section per group, then the totals. `quiet` keeps only the sections
 * with errors or warnings, only those findings, and the totals; `verbose` adds every request with its
 * phase timings. Prose wraps to `options.width`; fix commands never do.
 */
export function renderCheckHuman(report: CheckReport, chalk: ChalkInstance, options: LayoutOptions = {}): string {
  const quiet = options.verbosity === 'quiet';
  const out: ReportLine[] = [];
  if (!quiet) {
    out.push(`${chalk.bold('goproxy-doctor check')} ${chalk.dim(`· ${safeText(report.goVersion)} · ${t`timeout ${report.timeoutMs} ms`} · ${t`took ${formatMs(report.durationMs)}`}${report.offline ? ` · ${t`offline`}` : ''}`)}`);
  }
  for (const group of report.groups) {
    const findings = report.findings.filter((f) => f.group === group && (!quiet || f.severity !== 'info'));
    if (quiet && findings.length === 0) continue;
    const body = quiet ? [] : sectionBody(group, report, chalk);
    if (group === 'toolchain' && !report.toolchain && findings.length === 0) continue;
    const worst = worstState([...findings.map((f) => f.severity), ...(quiet ? [] : bodyStates(group, report))]);
    if (out.length > 0) out.push('');
    out.push(`${mark(chalk, worst)} ${chalk.bold(SECTION_TITLES[group]())}`);
    out.push(...body);
    if (findings.length === 0 && body.length === 0) out.push(`  ${chalk.dim(t`nothing to report`)}`);
    for (const f of findings) out.push(...renderFinding(f, chalk));
  }
  if (options.verbosity === 'verbose') out.push('', ...requestLines(report, chalk));
  const s = summarize(report.findings);
  if (out.length > 0) out.push('');
  const total =
    s.errors > 0
      ? chalk.red(`${mark(chalk, 'error')} ${s.errors === 1 ? t`${s.errors} error` : t`${s.errors} errors`}`)
      : s.warnings > 0
        ? chalk.yellow(`${mark(chalk, 'warning')} ${t`no errors`}`)
        : chalk.green(`${mark(chalk, 'ok')} ${t`healthy`}`);
  const warnings = s.warnings === 1 ? t`${s.warnings} warning` : t`${s.warnings} warnings`;
  const notes = s.infos === 1 ? t`${s.infos} note` : t`${s.infos} notes`;
  out.push(t`${total}, ${warnings}, ${notes}`);
  return layoutLines(out, options.width);
}
