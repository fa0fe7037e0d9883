/**
 * A remedy shown to the user, and the builders every scenario and check rule uses to make one. The
 * builders respect where a value comes from: cmd/go reads the OS environment before the `go env -w`
 * file (go1.23 src/cmd/go/internal/cfg/cfg.go:388-393), so a fix for a variable set in the shell or CI
 * must change it there, since `go env -w` would write a file that is then ignored
 * (go1.23 src/cmd/go/internal/envcmd/env.go:402-404). List variables are extended, never replaced.
 */
import { currentValue, defaultFor, fromOsEnvironment, originOf } from './goenv/query.js';
import type { GoEnvironment } from './goenv/types.js';
import { t } from './i18n/language.js';

/** A remedy. Lists of fixes are ordered: the first is the one to try first. */
export interface Fix {
  /** Stable name of the remedy (`netrc-entry`, `goprivate-add`): scripts and tests key on it, not on the wording. */
  id: string;
  /** A copy-pasteable shell command, when the fix is one. */
  command?: string;
  /** What the fix does and why, in one or two sentences. */
  text: string;
  /** True when the fix turns off a protection (GOSUMDB=off, GONOSUMDB=*, GOINSECURE, GOFLAGS=-insecure). */
  weakensSecurity: boolean;
}

export type Severity = 'error' | 'warning' | 'info';

/**
 * Keeps the given order but never lets a security-weakening fix come first when a fix that keeps
 * protections exists.
 */
export function orderFixes(fixes: readonly Fix[]): Fix[] {
  const safe = fixes.filter((fix) => !fix.weakensSecurity);
  const weakening = fixes.filter((fix) => fix.weakensSecurity);
  return safe.length > 0 ? [...safe, ...weakening] : [...weakening];
}

/** Quotes a word for a POSIX shell when it holds anything a shell would expand or split (`*`, `|`, spaces). */
export function shellQuote(value: string): string {
  if (value !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
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

/**
 * Sentences joined into one text: with a space after English punctuation, without one after a Chinese full
 * stop or before a Chinese parenthesis, where a space would stand out.
 */
export function joinSentences(...parts: readonly string[]): string {
  return parts
    .filter((part) => part !== '')
    .reduce((text, part) => (text === '' ? part : /[。！？；：）]$/.test(text) || part.startsWith('（') ? `${text}${part}` : `${text} ${part}`), '');
}

/** The note for a variable the OS environment sets: `go env -w` would not take effect. */
function osEnvironmentNote(name: string): string {
  return t`${name} comes from the OS environment, which overrides \`go env -w\`: change it where it is set (shell profile, CI variables, Dockerfile ENV).`;
}

/** Options shared by the fix builders. */
export interface FixOptions {
  /** Default: whether setting the variable to the value turns a protection off ({@link turnsOffProtection}). */
  weakensSecurity?: boolean;
}

/**
 * Whether setting `name` to `value` turns one of go's protections off for some modules: checksum
 * verification (GONOSUMDB, GOSUMDB=off, GONOSUMCHECK=1, go1.26 src/cmd/go/internal/modfetch/sumdb.go
 * useSumDB), TLS and certificate checks (GOINSECURE, GOFLAGS=-insecure, GIT_SSL_NO_VERIFY). A narrower
 * value than today's still turns it off for what it names, so it still counts.
 */
export function turnsOffProtection(name: string, value: string): boolean {
  const v = value.trim();
  switch (name) {
    case 'GONOSUMDB':
    case 'GOINSECURE':
      return v !== '';
    case 'GOSUMDB':
      return v === 'off';
    case 'GONOSUMCHECK':
    case 'GIT_SSL_NO_VERIFY':
      return v !== '' && v !== '0' && v.toLowerCase() !== 'false';
    case 'GOFLAGS':
      return /(?:^|\s)-insecure(?:=true)?(?:\s|$)/.test(v);
    default:
      return false;
  }
}

/** A fix that is advice, optionally with a command to run. */
export function adviceFix(id: string, text: string, command?: string, weakensSecurity = false): Fix {
  return command === undefined ? { id, text, weakensSecurity } : { id, command, text, weakensSecurity };
}

/**
 * Sets `name` to `value` where it will take effect: `export` when the current value comes from the OS
 * environment, `go env -w` otherwise.
 */
export function setVariableFix(id: string, env: GoEnvironment | undefined, name: string, value: string, text: string, options: FixOptions = {}): Fix {
  const weakensSecurity = options.weakensSecurity ?? turnsOffProtection(name, value);
  if (fromOsEnvironment(env, name)) {
    return { id, command: `export ${name}=${shellQuote(value)}`, text: joinSentences(text, osEnvironmentNote(name)), weakensSecurity };
  }
  const suffix = env ? '' : t`If ${name} is set in your shell or CI environment, set it there instead: the OS environment overrides \`go env -w\`.`;
  return { id, command: `go env -w ${name}=${shellQuote(value)}`, text: joinSentences(text, suffix), weakensSecurity };
}

/** Removes a setting so the next layer (the `go env -w` file, `$GOROOT/go.env`, the default) applies again. */
export function unsetVariableFix(id: string, env: GoEnvironment | undefined, name: string, text: string, options: FixOptions = {}): Fix {
  const weakensSecurity = options.weakensSecurity ?? false;
  const origin = originOf(env, name);
  if (origin === 'environment') {
    const note = t`${name} comes from the OS environment, which overrides \`go env -w\`: change it where it is set (shell profile, CI variables, Dockerfile ENV); \`unset\` only fixes the current shell.`;
    return { id, command: `unset ${name}`, text: joinSentences(text, note), weakensSecurity };
  }
  if (origin === 'goroot-go.env') {
    const file = env?.variables[name]?.file ?? '$GOROOT/go.env';
    const note = t`The value comes from ${file} (your Go distribution), so override it with \`go env -w\`.`;
    return {
      id,
      command: `go env -w ${name}=${shellQuote(defaultFor(name))}`,
      text: joinSentences(text, note),
      weakensSecurity,
    };
  }
  const suffix = env ? '' : t`If ${name} is set in your shell or CI environment, remove it there: the OS environment overrides the \`go env -w\` file.`;
  return { id, command: `go env -u ${name}`, text: joinSentences(text, suffix), weakensSecurity };
}

/**
 * Adds `pattern` to the comma-separated list `name` (GOPRIVATE, GONOSUMDB, GONOPROXY, NO_PROXY),
 * keeping what is there. `inheritFrom` names the list `name` inherits from while unset (GONOSUMDB and
 * GONOPROXY inherit GOPRIVATE: go1.23 src/cmd/go/internal/cfg/cfg.go:430-432), whose entries must be
 * carried over once `name` is set explicitly.
 */
export function extendListFix(
  id: string,
  env: GoEnvironment | undefined,
  name: string,
  pattern: string,
  text: string,
  options: FixOptions & { inheritFrom?: string; osOnly?: boolean } = {},
): Fix {
  const weakensSecurity = options.weakensSecurity ?? turnsOffProtection(name, pattern);
  if (!env) {
    if (options.osOnly) {
      return {
        id,
        command: `export ${name}="\${${name}:+\$${name},}${pattern}"`,
        text: joinSentences(text, t`Put the same value where ${name} is set for the failing run (shell profile, CI variables).`),
        weakensSecurity,
      };
    }
    return {
      id,
      command: `go env -w "${name}=$(go env ${name}),${pattern}"`,
      text: joinSentences(text, t`If ${name} is set in your shell or CI environment, add ${pattern} there instead: the OS environment overrides \`go env -w\`.`),
      weakensSecurity,
    };
  }
  const current = currentValue(env, name) ?? '';
  const extended = extendCommaList(current, [pattern]);
  const notes: string[] = [];
  if (options.inheritFrom !== undefined && originOf(env, name) === 'derived') {
    notes.push(t`Once set, ${name} no longer inherits ${options.inheritFrom}, so its current entries are kept in the new value.`);
  }
  if (extended.trimmed.length > 0) {
    const spaced = extended.trimmed.map((entry) => `"${entry}"`).join(', ');
    notes.push(t`Removed the spaces around ${spaced}: go does not trim them, so those entries never matched.`);
  }
  const full = joinSentences(text, ...notes);
  if (options.osOnly || fromOsEnvironment(env, name)) {
    const where = options.osOnly ? t`${name} is read from the OS environment only: set it where the failing run gets its environment.` : osEnvironmentNote(name);
    return { id, command: `export ${name}=${shellQuote(extended.value)}`, text: joinSentences(full, where), weakensSecurity };
  }
  return { id, command: `go env -w ${name}=${shellQuote(extended.value)}`, text: full, weakensSecurity };
}
