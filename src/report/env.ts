/**
 * Renderers for `goproxy-doctor env`: a JSON document (the public contract) and human text in the
 * spirit of `git config --show-origin`. Both are pure and redact secrets (URL userinfo) from values and notes.
 */
import type { ChalkInstance } from 'chalk';
import type { GoEnvironment, Origin, VariableInfo } from '../goenv/types.js';
import { redactProxyValue, redactSecrets, safeText, stripControlCharacters } from '../redact.js';

// Variables whose values name an HTTP proxy, with or without a scheme: their userinfo is a secret.
const PROXY_VARIABLES: ReadonlySet<string> = new Set(['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy']);
import { layoutLines, whole, type LayoutOptions, type ReportLine } from './wrap.js';
import { t } from '../i18n/language.js';

/** The `env --json` schema version; bump it only for incompatible changes. */
export const ENV_SCHEMA_VERSION = 1;

/** One variable in `env --json`. */
export interface EnvJsonVariable {
  value: string;
  origin: Origin;
  file?: string;
  notes: string[];
}

/** The `env --json` document. Fields may be added; these must not be renamed. */
export interface EnvJson {
  schemaVersion: number;
  goVersion: string;
  goBinary: string;
  variables: Record<string, EnvJsonVariable>;
}

/** Builds the `env --json` document, with URL passwords replaced by `xxxxx`. */
export function buildEnvJson(env: GoEnvironment): EnvJson {
  const variables: Record<string, EnvJsonVariable> = {};
  for (const [name, info] of Object.entries(env.variables)) {
    variables[name] = {
      value: PROXY_VARIABLES.has(name) ? redactProxyValue(info.value) : redactSecrets(info.value),
      origin: info.origin,
      ...(info.file !== undefined ? { file: info.file } : {}),
      notes: info.notes.map((note) => redactSecrets(note)),
    };
  }
  return { schemaVersion: ENV_SCHEMA_VERSION, goVersion: env.goVersion, goBinary: env.goBinary, variables };
}

/** Values print bare when they are plain, and JSON-quoted when quotes, spaces or emptiness would hide something. */
function displayValue(value: string, name = ''): string {
  const redacted = PROXY_VARIABLES.has(name) ? redactProxyValue(value) : redactSecrets(value);
  if (redacted !== '' && /^[!#-~]+$/.test(redacted) && !redacted.startsWith("'")) return redacted;
  // JSON quoting makes a stray `\r` or quote visible; whatever control characters it leaves are stripped.
  return stripControlCharacters(JSON.stringify(redacted));
}

function colourOrigin(chalk: ChalkInstance, origin: Origin): string {
  switch (origin) {
    case 'environment':
      return chalk.yellow(origin);
    case 'goenv-file':
      return chalk.cyan(origin);
    case 'goroot-go.env':
      return chalk.blue(origin);
    case 'telemetry-mode-file':
      return chalk.cyan(origin);
    case 'derived':
      return chalk.magenta(origin);
    case 'default':
      return chalk.dim(origin);
  }
}

/** Shorter widths keep long values from pushing every origin off to the right. */
const MAX_VALUE_COLUMN = 56;

/**
 * Human output: one line per variable (`NAME=value  origin file`), notes indented beneath it.
 * Colour comes only from the Chalk instance passed in. The variable rows are never wrapped (a value stays
 * copy-pasteable and the origins stay in their column); notes wrap to `options.width`. `quiet` leaves the
 * notes out and keeps every value.
 */
export function renderEnvHuman(env: GoEnvironment, chalk: ChalkInstance, options: LayoutOptions = {}): string {
  const rows = Object.values(env.variables).map((info: VariableInfo) => ({ info, left: `${info.name}=${displayValue(info.value, info.name)}` }));
  const width = Math.min(MAX_VALUE_COLUMN, Math.max(0, ...rows.map((row) => row.left.length)));
  const lines: ReportLine[] = [chalk.dim(`${stripControlCharacters(env.goVersion || t`unknown Go version`)} (${stripControlCharacters(env.goBinary)})`)];
  for (const { info, left } of rows) {
    const padding = ' '.repeat(Math.max(1, width - left.length + 2));
    const file = info.file !== undefined ? ` ${stripControlCharacters(info.file)}` : '';
    const eq = left.indexOf('=');
    lines.push(whole(`${chalk.bold(left.slice(0, eq))}${left.slice(eq)}${padding}${colourOrigin(chalk, info.origin)}${file}`));
    if (options.verbosity === 'quiet') continue;
    for (const note of info.notes) lines.push(`    ${chalk.dim('-')} ${safeText(note).replace(/\n/g, ' ')}`);
  }
  return layoutLines(lines, options.width);
}
