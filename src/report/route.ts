/**
 * Renderers for `goproxy-doctor route`: the JSON document (a public contract) and human text with one
 * numbered block per module. Both are pure and redact URL passwords and control characters.
 */
import type { ChalkInstance } from 'chalk';
import type { ChecksumDatabaseRoute, DirectRouteStep, Route, RouteStep, SumDbCandidate } from '../goenv/route.js';
import { redactDeep, safeText } from '../redact.js';
import { layoutLines, type LayoutOptions, type ReportLine } from './wrap.js';
import { t } from '../i18n/language.js';

/** The `route --json` schema version; bump it only for incompatible changes. */
export const ROUTE_SCHEMA_VERSION = 1;

/** The `route --json` document. Fields may be added; these must not be renamed. */
export interface RouteJson {
  schemaVersion: number;
  goVersion?: string;
  routes: Route[];
}


/** Builds the `route --json` document with URL passwords replaced by `xxxxx`. */
export function buildRouteJson(routes: readonly Route[], goVersion?: string): RouteJson {
  return {
    schemaVersion: ROUTE_SCHEMA_VERSION,
    ...(goVersion !== undefined ? { goVersion } : {}),
    routes: routes.map((route) => redactDeep(route)),
  };
}

function describeGovcs(step: DirectRouteStep): string {
  const g = step.govcs;
  if (g.error !== undefined) return t`GOVCS is invalid (${g.error}): direct fetches fail`;
  const scope = g.private ? t`private` : t`public`;
  const rule = g.defaultRule ? t`default rule ${g.rule ?? t`(none)`}` : t`GOVCS rule ${g.rule ?? t`(none)`}`;
  const allowed = g.allowed.length > 0 ? g.allowed.join('|') : t`nothing`;
  if (step.govcsAllows === true) return step.vcs !== undefined ? t`GOVCS allows ${step.vcs} (${scope}; ${rule}: ${allowed})` : t`GOVCS allows it (${scope}; ${rule}: ${allowed})`;
  if (step.govcsAllows === false) return step.vcs !== undefined ? t`GOVCS forbids ${step.vcs} here (${scope}; ${rule}: ${allowed})` : t`GOVCS forbids every VCS here (${scope}; ${rule}: ${allowed})`;
  return t`GOVCS allows only ${allowed} here (${scope}; ${rule}); the server's go-import tag decides the VCS`;
}

function renderStep(step: RouteStep, index: number, chalk: ChalkInstance): string[] {
  const n = `${index + 1}.`;
  switch (step.kind) {
    case 'proxy': {
      const fall = step.fallBackOnError ? t`any error falls through to the next entry (|)` : t`only 404/410 fall through to the next entry`;
      return [`  ${n} ${chalk.cyan('proxy')}  ${safeText(step.url)}`, `     ${chalk.dim(fall)}`];
    }
    case 'off':
      return [`  ${n} ${chalk.red('off')}    ${t`fails: ${step.error}`}`];
    case 'direct': {
      const why =
        step.reason === 'noproxy'
          ? t`${step.matchedBy?.variable ?? 'GONOPROXY'} pattern ${JSON.stringify(safeText(step.matchedBy?.pattern ?? ''))} matches: proxies are bypassed`
          : step.matchedBy
            ? t`GOPROXY=direct (${step.matchedBy.variable} pattern ${JSON.stringify(safeText(step.matchedBy.pattern))} also matches)`
            : t`the direct entry of GOPROXY`;
      const lines = [`  ${n} ${chalk.yellow('direct')} ${safeText(step.url)}${step.onlyIfPreviousNotFound ? chalk.dim(t` (again, only if the first direct attempt found nothing)`) : ''}`];
      lines.push(`     ${chalk.dim(why)}`);
      lines.push(`     ${step.govcsAllows === false ? chalk.red(describeGovcs(step)) : chalk.dim(describeGovcs(step))}`);
      if (step.insecure) lines.push(`     ${chalk.yellow(t`GOINSECURE pattern ${JSON.stringify(safeText(step.insecurePattern ?? ''))}: no TLS verification, plain http allowed for this lookup`)}`);
      return lines;
    }
  }
}

function describeCandidate(candidate: SumDbCandidate): string {
  switch (candidate.kind) {
    case 'explicit':
      return safeText(candidate.url);
    case 'direct':
      return candidate.onlyIfProxiesNotFound ? t`${safeText(candidate.url)} directly (only if every proxy above answered 404/410)` : t`${safeText(candidate.url)} directly`;
    case 'proxy':
      return candidate.fallBackOnError
        ? t`${safeText(candidate.databaseUrl)} if ${safeText(candidate.supportedUrl)} answers 200 (any error: next)`
        : t`${safeText(candidate.databaseUrl)} if ${safeText(candidate.supportedUrl)} answers 200 (404/410: next; other errors fail)`;
  }
}

function renderChecksum(db: ChecksumDatabaseRoute, chalk: ChalkInstance): string[] {
  if (!db.consulted) {
    const by = db.skippedBy;
    if (by?.variable === 'GOSUMDB') return [`  ${t`checksum database: ${chalk.yellow(t`not consulted`)} (GOSUMDB=off)`}`];
    return [`  ${t`checksum database: ${chalk.yellow(t`not consulted`)} (${by?.variable ?? 'GONOSUMDB'} pattern ${JSON.stringify(safeText(by?.pattern ?? ''))} matches)`}`];
  }
  if (db.error !== undefined) return [`  ${t`checksum database: ${chalk.red(t`required but unusable`)}: ${db.error}`}`];
  const name = safeText(db.name ?? '');
  const via = db.via ?? [];
  if (via.length === 1 && via[0]) return [`  ${t`checksum database: ${chalk.green(name)} at ${describeCandidate(via[0])}`}`];
  return [`  ${t`checksum database: ${chalk.green(name)}, reached through the first that works:`}`, ...via.map((c, i) => `    ${String.fromCharCode(97 + (i % 26))}) ${describeCandidate(c)}`)];
}

/**
 * Human output: one block per module with numbered steps and a line about the checksum database.
 * Lines wrap to `options.width` (URLs are never split); `quiet` leaves the notes out.
 */
export function renderRoutesHuman(routes: readonly Route[], chalk: ChalkInstance, options: LayoutOptions = {}): string {
  if (routes.length === 0) return `${t`no modules to route`}\n`;
  const lines: ReportLine[] = [];
  routes.forEach((route, index) => {
    if (index > 0) lines.push('');
    const title = route.version !== undefined ? `${route.module}@${route.version}` : route.module;
    lines.push(chalk.bold(safeText(title)));
    if (route.steps.length === 0) lines.push(`  ${t`(no entry applies: the lookup fails)`}`);
    route.steps.forEach((step, i) => lines.push(...renderStep(step, i, chalk)));
    if (route.bypassed && route.bypassed.length > 0) {
      const list = route.bypassed.map((b) => (b.kind === 'proxy' ? safeText(b.url ?? '') : 'off')).join(', ');
      lines.push(`  ${chalk.dim(t`skipped without a request: ${list}`)}`);
    }
    lines.push(...renderChecksum(route.checksumDatabase, chalk));
    if (options.verbosity !== 'quiet') for (const note of route.notes) lines.push(`  ${chalk.dim(t`note: ${safeText(note)}`)}`);
  });
  return layoutLines(lines, options.width);
}
