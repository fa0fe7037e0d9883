/**
 * Renderers for `goproxy-doctor mirrors`: the `--json` document (schemaVersion 1) and the human table,
 * mirrors in rank order with latency, checksum-database proxying and freshness, then the recommended
 * GOPROXY line and what it leaves unchanged. Pure; every string leaves through safeText.
 */
import type { ChalkInstance } from 'chalk';
import { formatMs, formatTimings } from '../check/probe-evidence.js';
import type { MirrorsReport } from '../mirrors/run-mirrors.js';
import type { RankedMirror } from '../mirrors/rank.js';
import { redactDeep, safeText } from '../redact.js';
import { layoutLines, visibleWidth, whole, type LayoutOptions, type ReportLine } from './wrap.js';
import { t } from '../i18n/language.js';

/** The `mirrors --json` schema version; bump it only for incompatible changes. */
export const MIRRORS_SCHEMA_VERSION = 1;

/** The `mirrors --json` document. Fields may be added; these are never renamed or removed. */
export interface MirrorsJson {
  schemaVersion: number;
  goVersion: string;
  goBinary: string;
  timeoutMs: number;
  durationMs: number;
  list: MirrorsReport['listSource'];
  sumdb: MirrorsReport['sumdb'];
  modules: string[];
  newest: Record<string, string>;
  mirrors: Array<{
    rank: number;
    id: string;
    url: string;
    source: 'known' | 'list' | 'added';
    available: boolean;
    latencyMs?: number;
    /** true/false when asked and answered 200 or 404/410; null when the answer was an error; absent when not asked. */
    sumdbProxied?: boolean | null;
    versions: Record<string, string>;
    behind: RankedMirror['behind'];
    mainlandChina?: boolean;
    operator?: string;
    error?: string;
    requests: RankedMirror['requests'];
  }>;
  currentGoproxy: string;
  recommendation?: { goproxy: string; command?: string; text: string };
  keeps: MirrorsReport['keeps'];
}

/** Builds the `mirrors --json` document. */
export function buildMirrorsJson(report: MirrorsReport): MirrorsJson {
  const doc: MirrorsJson = {
    schemaVersion: MIRRORS_SCHEMA_VERSION,
    goVersion: report.goVersion,
    goBinary: report.goBinary,
    timeoutMs: report.timeoutMs,
    durationMs: Math.round(report.durationMs),
    list: report.listSource,
    sumdb: report.sumdb,
    modules: report.modules,
    newest: report.newest,
    mirrors: report.ranked.map((m) => ({
      rank: m.rank,
      id: m.candidate.id,
      url: m.candidate.url,
      source: m.candidate.source,
      available: m.available,
      ...(m.latencyMs !== undefined ? { latencyMs: m.latencyMs } : {}),
      ...(m.sumdb ? { sumdbProxied: m.sumdb.proxied ?? null } : {}),
      versions: m.versions,
      behind: m.behind,
      ...(m.candidate.known ? { mainlandChina: m.candidate.known.mainlandChina, operator: m.candidate.known.operator } : {}),
      ...(m.error !== undefined ? { error: m.error } : {}),
      requests: m.requests,
    })),
    currentGoproxy: report.currentGoproxy,
    keeps: report.keeps,
  };
  if (report.recommendation) {
    const fix = report.recommendation.fix;
    doc.recommendation = { goproxy: report.recommendation.value, ...(fix.command !== undefined ? { command: fix.command } : {}), text: fix.text };
  }
  return redactDeep(doc);
}

function sumdbCell(m: RankedMirror, chalk: ChalkInstance): string {
  if (!m.sumdb) return chalk.dim('-');
  if (m.sumdb.proxied === true) return chalk.green(t`proxied`);
  if (m.sumdb.proxied === false) return chalk.yellow(t`no (${m.sumdb.status ?? 404})`);
  return chalk.red(t`error`);
}

function freshnessCell(m: RankedMirror, chalk: ChalkInstance): string {
  if (!m.available) return '';
  if (m.behind.length === 0) return Object.keys(m.versions).length > 0 ? chalk.green(t`up to date`) : chalk.dim(t`nothing to compare`);
  return chalk.yellow(t`behind on ${m.behind.length}: ${m.behind.map((b) => `${safeText(b.module)} ${safeText(b.version ?? t`none`)} < ${safeText(b.newest)}`).join(', ')}`);
}

function pad(text: string, width: number): string {
  // Columns, not characters: a Chinese heading takes two per character.
  const visible = visibleWidth(text);
  return visible >= width ? text : text + ' '.repeat(width - visible);
}

/** The human report: one row per mirror in rank order, then the recommendation. */
export function renderMirrorsHuman(report: MirrorsReport, chalk: ChalkInstance, options: LayoutOptions = {}): string {
  const out: ReportLine[] = [];
  const quiet = options.verbosity === 'quiet';
  if (!quiet) {
    out.push(`${chalk.bold('goproxy-doctor mirrors')} ${chalk.dim(`· ${safeText(report.goVersion)} · ${t`timeout ${report.timeoutMs} ms`} · ${t`took ${formatMs(report.durationMs)}`}${report.listSource === 'file' ? ` · ${t`list from --list`}` : ''}`)}`);
    out.push(`${chalk.dim(t`checksum database:`)} ${safeText(report.sumdb.why)}`);
    const modules = report.modules.map((m) => (report.newest[m] !== undefined ? t`${safeText(m)} (newest ${safeText(report.newest[m] as string)})` : safeText(m))).join(', ');
    out.push(`${chalk.dim(t`freshness:`)} ${t`@latest of ${modules}`}`);
    out.push('');
  }
  const urlWidth = Math.min(48, Math.max(6, ...report.ranked.map((m) => safeText(m.candidate.url).length)));
  out.push(whole(chalk.dim(`${pad('#', 3)} ${pad(t`mirror`, urlWidth)}  ${pad(t`latency`, 9)}  ${pad('sumdb', 9)}  ${t`freshness`}`)));
  for (const m of report.ranked) {
    const mark = !m.available ? chalk.red('✗') : m.behind.length > 0 || (report.sumdb.asked && m.sumdb?.proxied !== true) ? chalk.yellow('⚠') : chalk.green('✓');
    const latency = m.latencyMs !== undefined ? formatMs(m.latencyMs) : '';
    if (!m.available) {
      out.push(whole(`${pad(`${m.rank}`, 3)} ${pad(safeText(m.candidate.url), urlWidth)}  ${mark} ${chalk.red(t`unavailable: ${safeText(m.error ?? '')}`)}`));
    } else {
      out.push(whole(`${pad(`${m.rank}`, 3)} ${pad(safeText(m.candidate.url), urlWidth)}  ${pad(latency, 9)}  ${pad(sumdbCell(m, chalk), 9)}  ${mark} ${freshnessCell(m, chalk)}`));
    }
    if (options.verbosity === 'verbose') {
      for (const r of m.requests) {
        out.push(`      ${chalk.dim(`GET ${safeText(r.url)} → ${r.status ?? safeText(r.error ?? t`no answer`)} · ${formatTimings(r.timings)}`)}`);
      }
    }
  }
  out.push('');
  const rec = report.recommendation;
  if (rec) {
    out.push(chalk.bold(t`Recommended GOPROXY`));
    out.push(`  ${safeText(rec.fix.text)}`);
    if (rec.fix.command !== undefined) out.push(whole(`  ${chalk.cyan(`$ ${safeText(rec.fix.command)}`)}`));
  } else {
    out.push(`${chalk.red('✗')} ${t`No mirror was available and up to date: no GOPROXY to recommend. Your GOPROXY stays ${safeText(report.currentGoproxy)}.`}`);
  }
  return layoutLines(out, options.width);
}
