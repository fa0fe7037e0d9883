/**
 * The Go env-file format, as cmd/go reads both the user file written by `go env -w` and `$GOROOT/go.env`.
 * The parser is a faithful port: it accepts exactly the lines go accepts and keeps values byte-for-byte
 * (no quoting, no trimming), and it also reports the lines go skips so the doctor can explain them.
 */
import { t } from '../i18n/language.js';

/** One `KEY=VALUE` line that cmd/go accepts. */
export interface EnvFileEntry {
  /** Everything before the first `=`, verbatim (it may contain spaces or lowercase letters). */
  key: string;
  /** Everything after the first `=`, verbatim: quotes, spaces and a trailing `\r` are kept. */
  value: string;
  /** 1-based line number. */
  line: number;
}

/** Why cmd/go skipped a line. */
export type IgnoredReason = 'comment' | 'no-equals' | 'bad-first-character';

/** A non-blank line that cmd/go silently skips. */
export interface IgnoredEnvLine {
  line: number;
  /** The line as written (without its `\n`). */
  text: string;
  reason: IgnoredReason;
}

/** The result of parsing an env file. */
export interface ParsedEnvFile {
  /** Accepted lines, in file order (duplicates included). */
  entries: EnvFileEntry[];
  /** Skipped lines that were not blank, in file order. */
  ignored: IgnoredEnvLine[];
}

/**
 * Parses env-file text the way cmd/go does.
 * mirrors go1.23 src/cmd/go/internal/cfg/cfg.go:339-359 (readEnvFile's loop; go1.19 cfg.go:244-262 is identical):
 * lines are split on `\n` only, and a line is skipped when it has no `=` or its first byte is not `A`-`Z`.
 * Blank lines are skipped without being reported: they are harmless.
 */
export function parseEnvFile(text: string): ParsedEnvFile {
  const entries: EnvFileEntry[] = [];
  const ignored: IgnoredEnvLine[] = [];
  // A trailing '\n' does not start another line in go's loop (it stops when no data is left).
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  lines.forEach((line, index) => {
    const lineNumber = index + 1;
    const equals = line.indexOf('=');
    const first = line.charCodeAt(0);
    const startsUpper = first >= 0x41 && first <= 0x5a;
    if (equals < 0 || !startsUpper) {
      if (line.trim() === '') return;
      const reason: IgnoredReason = line.trimStart().startsWith('#') ? 'comment' : equals < 0 ? 'no-equals' : 'bad-first-character';
      ignored.push({ line: lineNumber, text: line, reason });
      return;
    }
    entries.push({ key: line.slice(0, equals), value: line.slice(equals + 1), line: lineNumber });
  });
  return { entries, ignored };
}

/**
 * The values the user file contributes: a later line for the same key replaces an earlier one,
 * because readEnvFile simply assigns into its map (go1.23 cfg.go:368). Empty values count: they are
 * present in the map, so they hide `$GOROOT/go.env`.
 */
export function userFileValues(parsed: ParsedEnvFile): Map<string, EnvFileEntry> {
  const values = new Map<string, EnvFileEntry>();
  for (const entry of parsed.entries) values.set(entry.key, entry);
  return values;
}

/**
 * The values `$GOROOT/go.env` contributes on top of the user file: a key already in the map
 * (from the user file, or from an earlier go.env line) is skipped, so in go.env the FIRST line wins.
 * mirrors go1.23 src/cmd/go/internal/cfg/cfg.go:361-368 (go1.21 cfg.go:354-360).
 */
export function gorootFileValues(parsed: ParsedEnvFile, userKeys: ReadonlySet<string> | ReadonlyMap<string, unknown>): Map<string, EnvFileEntry> {
  const values = new Map<string, EnvFileEntry>();
  for (const entry of parsed.entries) {
    if (userKeys.has(entry.key) || values.has(entry.key)) continue;
    values.set(entry.key, entry);
  }
  return values;
}

/** Human description of why a line was skipped. */
export function describeIgnoredReason(reason: IgnoredReason): string {
  switch (reason) {
    case 'comment':
      return t`a comment`;
    case 'no-equals':
      return t`it has no '='`;
    case 'bad-first-character':
      return t`it does not start with a capital letter A-Z`;
  }
}

/**
 * Problems in a value that cmd/go would keep verbatim but a person probably did not mean:
 * quotes (env files have no quoting), a `\r` from CRLF line endings, surrounding spaces, control characters.
 */
export function suspiciousValueProblems(value: string): string[] {
  const problems: string[] = [];
  const trimmed = value.replace(/\r$/, '');
  if (value.endsWith('\r')) problems.push(t`ends with a carriage return (CRLF line endings); go keeps it as part of the value`);
  if (/^(["']).*\1$/s.test(trimmed) && trimmed.length >= 2) {
    problems.push(t`is wrapped in quotes; go does not strip quotes, so they are part of the value`);
  }
  if (trimmed !== trimmed.trim()) problems.push(t`has leading or trailing spaces; go keeps them as part of the value`);
  if (value.includes('\u0000')) problems.push(t`contains a NUL byte`);
  else if (/[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(trimmed)) problems.push(t`contains control characters`);
  if (value.includes('\ufffd')) problems.push(t`contains bytes that are not valid UTF-8`);
  return problems;
}

/**
 * The variable a skipped or misspelled line was probably meant to set, e.g. `export GOPROXY=x`,
 * `goproxy=x`, ` GOPROXY=x` or `GOPROXY =x` all point at GOPROXY. Returns undefined when nothing matches.
 */
export function intendedKey(text: string, known: readonly string[]): string | undefined {
  const equals = text.indexOf('=');
  if (equals < 0) return undefined;
  let key = text.slice(0, equals).replace(/^\ufeff/, '').trim();
  key = key.replace(/^export\s+/i, '').trim().toUpperCase();
  return known.includes(key) ? key : undefined;
}
