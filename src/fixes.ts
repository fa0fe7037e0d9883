/**
 * Builders for `Fix` objects that respect where a value comes from. cmd/go reads the OS environment
 * before the `go env -w` file (go1.23 src/cmd/go/internal/cfg/cfg.go:388-393), so a fix for a variable
 * set in the shell or CI must change it there: `go env -w` would write a file that is then ignored
 * (go1.23 src/cmd/go/internal/envcmd/env.go:402-404). List variables are extended, never replaced.
 */
import type { Fix } from './fix.js';
import { matchingPrefixPattern } from './goenv/patterns.js';
import type { GoEnvironment, Origin } from './goenv/types.js';

/** Quotes a word for a POSIX shell when it holds anything a shell would expand or split (`*`, `|`, spaces). */
export function shellQuote(value: string): string {
  if (value !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The effective value of a variable, or undefined when the environment is unknown. */
export function currentValue(env: GoEnvironment | undefined, name: string): string | undefined {
  if (!env) return undefined;
  const info = env.variables[name];
  if (info) return info.value;
  return env.goEnvJson[name];
}

/** Where a variable's value comes from, or undefined when the environment is unknown. */
export function originOf(env: GoEnvironment | undefined, name: string): Origin | undefined {
  return env?.variables[name]?.origin;
}

/** True when the variable is set in the OS environment, which `go env -w` cannot override. */
export function fromOsEnvironment(env: GoEnvironment | undefined, name: string): boolean {
  return originOf(env, name) === 'environment';
}

/**
 * The entry of a GOPRIVATE-style list (effective value of `name`) that covers `module`, if any.
 * Uses cmd/go's own matcher (go1.23 src/cmd/vendor/golang.org/x/mod/module/module.go:802-841).
 */
export function coveringEntry(env: GoEnvironment | undefined, name: string, module: string): string | undefined {
  const value = currentValue(env, name);
  if (value === undefined || value === '') return undefined;
  return matchingPrefixPattern(value, module);
}

/** Result of extending a comma-separated list: the new value and what was cleaned up on the way. */
export interface ExtendedList {
  value: string;
  /** Entries whose surrounding spaces were removed (cmd/go does not trim them, so they never matched). */
  trimmed: string[];
  /** True when every addition was already present. */
  unchanged: boolean;
}

/** Appends entries to a comma-separated list, keeping existing entries and order, skipping duplicates and empty entries. */
export function extendCommaList(existing: string, additions: readonly string[]): ExtendedList {
  const trimmed: string[] = [];
  const entries: string[] = [];
  for (const raw of existing.split(',')) {
    const entry = raw.trim();
    if (entry !== raw && entry !== '') trimmed.push(raw);
    if (entry !== '' && !entries.includes(entry)) entries.push(entry);
  }
  let unchanged = true;
  for (const addition of additions) {
    if (!entries.includes(addition)) {
      entries.push(addition);
      unchanged = false;
    }
  }
  return { value: entries.join(','), trimmed, unchanged };
}

const OS_ENV_NOTE =
  'comes from the OS environment, which overrides `go env -w`: change it where it is set (shell profile, CI variables, Dockerfile ENV)';

/** Options shared by the fix builders. */
export interface FixOptions {
  weakensSecurity?: boolean;
}

/**
 * Sets `name` to `value` where it will take effect: `export` when the current value comes from the OS
 * environment, `go env -w` otherwise.
 */
export function setVariableFix(env: GoEnvironment | undefined, name: string, value: string, text: string, options: FixOptions = {}): Fix {
  const weakensSecurity = options.weakensSecurity ?? false;
  if (fromOsEnvironment(env, name)) {
    return { command: `export ${name}=${shellQuote(value)}`, text: `${text} ${name} ${OS_ENV_NOTE}.`, weakensSecurity };
  }
  const suffix = env ? '' : ` If ${name} is set in your shell or CI environment, set it there instead: the OS environment overrides \`go env -w\`.`;
  return { command: `go env -w ${name}=${shellQuote(value)}`, text: `${text}${suffix}`, weakensSecurity };
}

/** Removes a setting so the next layer (the `go env -w` file, `$GOROOT/go.env`, the default) applies again. */
export function unsetVariableFix(env: GoEnvironment | undefined, name: string, text: string, options: FixOptions = {}): Fix {
  const weakensSecurity = options.weakensSecurity ?? false;
  const origin = originOf(env, name);
  if (origin === 'environment') {
    return { command: `unset ${name}`, text: `${text} ${name} ${OS_ENV_NOTE}; \`unset\` only fixes the current shell.`, weakensSecurity };
  }
  if (origin === 'goroot-go.env') {
    const file = env?.variables[name]?.file;
    return {
      command: `go env -w ${name}=${shellQuote(defaultFor(name))}`,
      text: `${text} The value comes from ${file ?? '$GOROOT/go.env'} (your Go distribution), so override it with \`go env -w\`.`,
      weakensSecurity,
    };
  }
  const suffix = env ? '' : ` If ${name} is set in your shell or CI environment, remove it there: the OS environment overrides the \`go env -w\` file.`;
  return { command: `go env -u ${name}`, text: `${text}${suffix}`, weakensSecurity };
}

/** The values `$GOROOT/go.env` ships (go1.23 go.env:7-12), used when a distribution changed them. */
export function defaultFor(name: string): string {
  switch (name) {
    case 'GOPROXY':
      return 'https://proxy.golang.org,direct';
    case 'GOSUMDB':
      return 'sum.golang.org';
    case 'GOTOOLCHAIN':
      return 'auto';
    default:
      return '';
  }
}

/**
 * Adds `pattern` to the comma-separated list `name` (GOPRIVATE, GONOSUMDB, GONOPROXY, NO_PROXY),
 * keeping what is there. `inheritFrom` names the list `name` inherits from while unset (GONOSUMDB and
 * GONOPROXY inherit GOPRIVATE: go1.23 src/cmd/go/internal/cfg/cfg.go:430-432), whose entries must be
 * carried over once `name` is set explicitly.
 */
export function extendListFix(
  env: GoEnvironment | undefined,
  name: string,
  pattern: string,
  text: string,
  options: FixOptions & { inheritFrom?: string; osOnly?: boolean } = {},
): Fix {
  const weakensSecurity = options.weakensSecurity ?? false;
  if (!env) {
    if (options.osOnly) {
      return {
        command: `export ${name}="\${${name}:+\$${name},}${pattern}"`,
        text: `${text} Put the same value where ${name} is set for the failing run (shell profile, CI variables).`,
        weakensSecurity,
      };
    }
    return {
      command: `go env -w "${name}=$(go env ${name}),${pattern}"`,
      text: `${text} If ${name} is set in your shell or CI environment, add ${pattern} there instead: the OS environment overrides \`go env -w\`.`,
      weakensSecurity,
    };
  }
  const current = currentValue(env, name) ?? '';
  const extended = extendCommaList(current, [pattern]);
  const notes: string[] = [];
  if (options.inheritFrom !== undefined && originOf(env, name) === 'derived') {
    notes.push(`Once set, ${name} no longer inherits ${options.inheritFrom}, so its current entries are kept in the new value.`);
  }
  if (extended.trimmed.length > 0) {
    notes.push(`Removed the spaces around ${extended.trimmed.map((entry) => `"${entry}"`).join(', ')}: go does not trim them, so those entries never matched.`);
  }
  const full = [text, ...notes].join(' ');
  if (options.osOnly || fromOsEnvironment(env, name)) {
    const where = options.osOnly ? `${name} is read from the OS environment only: set it where the failing run gets its environment.` : `${name} ${OS_ENV_NOTE}.`;
    return { command: `export ${name}=${shellQuote(extended.value)}`, text: `${full} ${where}`, weakensSecurity };
  }
  return { command: `go env -w ${name}=${shellQuote(extended.value)}`, text: full, weakensSecurity };
}

/** A fix that is advice, optionally with a command to run. */
export function adviceFix(text: string, command?: string, weakensSecurity = false): Fix {
  return command === undefined ? { text, weakensSecurity } : { command, text, weakensSecurity };
}

// Multi-tenant code hosts: the first path element after the host is an owner, so the owner is the
// narrowest pattern that still covers every repository of the organisation.
const OWNER_HOSTS = new Set(['github.com', 'gitlab.com', 'bitbucket.org', 'dev.azure.com', 'codeberg.org', 'gitee.com']);

/**
 * The GOPRIVATE pattern to propose for a module: `<host>/<owner>/*` on multi-tenant code hosts
 * (github.com/acme/*), the host itself elsewhere (git.corp.example.com), since a company host is
 * private as a whole.
 */
export function privatePatternFor(module: string): string {
  const elements = module.split('/');
  const host = elements[0] ?? module;
  if (OWNER_HOSTS.has(host.toLowerCase()) && elements.length >= 2) return `${host}/${elements[1]}/*`;
  return host;
}

const PRIVATE_LABELS = new Set(['git', 'gitlab', 'gitea', 'gogs', 'gerrit', 'bitbucket', 'corp', 'internal', 'intranet', 'intra', 'private', 'scm', 'vcs']);
const PRIVATE_SUFFIXES = ['.local', '.internal', '.corp', '.lan', '.home', '.intranet', '.localdomain', '.private', '.intra'];

/**
 * Whether a module path's host looks like a company's own server (git.corp.example.com, x.internal,
 * dev.azure.com): such modules are rarely on public proxies. A heuristic, so it only adjusts confidence.
 */
export function looksPrivateModule(module: string | undefined): boolean {
  if (module === undefined) return false;
  const host = (module.split('/')[0] ?? '').toLowerCase();
  if (host === 'dev.azure.com' || host.endsWith('.visualstudio.com')) return true;
  if (!host.includes('.')) return false;
  if (PRIVATE_SUFFIXES.some((suffix) => host.endsWith(suffix))) return true;
  const labels = host.split('.');
  return labels.slice(0, -2).some((label) => PRIVATE_LABELS.has(label)) || (labels.length > 2 && PRIVATE_LABELS.has(labels[0] ?? ''));
}
