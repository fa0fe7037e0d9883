/**
 * The catalogue's triggers as POSIX extended regular expressions, so the benchmark can run `grep -E`
 * with exactly the patterns `explain` pre-filters on and compare throughput fairly. Only the
 * JavaScript syntax the triggers need is translated; anything else throws rather than silently
 * producing a pattern that means something different.
 */
import { SCENARIOS } from '../../src/scenarios/index.js';
import type { Scenario } from '../../src/scenarios/types.js';

/** One trigger in `grep -E` syntax. */
export interface GrepPattern {
  /** The scenario the trigger belongs to. */
  scenario: string;
  /** A POSIX ERE (with GNU `\b`/`\B`); pass it with `-e`, since it may start with `-`. */
  pattern: string;
  /** True when the trigger has the `i` flag: run grep with `-i`. */
  ignoreCase: boolean;
}

/** Raised for JavaScript regex syntax that has no faithful ERE translation. */
export class UnconvertiblePatternError extends Error {
  constructor(source: string, reason: string) {
    super(`cannot convert /${source}/ to a POSIX ERE: ${reason}`);
    this.name = 'UnconvertiblePatternError';
  }
}

// Escapes whose meaning is the literal character in both dialects.
const LITERAL_ESCAPES = new Set(['.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '^', '$', '\\']);
// Escapes that GNU grep reads the same way as JavaScript (ASCII word characters under LC_ALL=C).
const SAME_ESCAPES = new Set(['b', 'B']);
// Class shorthands, written as bracket-expression contents (usable inside or around brackets).
const CLASS_SHORTHANDS: Readonly<Record<string, string>> = { d: '0-9', s: '[:space:]', w: '[:alnum:]_' };
const NEGATED_SHORTHANDS: Readonly<Record<string, string>> = { D: '0-9', S: '[:space:]', W: '[:alnum:]_' };

/**
 * Translates one JavaScript regex (flags '' , 'i' or 'm') to an ERE. Throws UnconvertiblePatternError
 * for lookaround, back-references, lazy quantifiers, named groups, unicode escapes and the like.
 */
export function toExtendedRegex(regex: RegExp): string {
  const source = regex.source;
  const fail = (reason: string): never => {
    throw new UnconvertiblePatternError(source, reason);
  };
  if (/[^im]/.test(regex.flags)) fail(`flags "${regex.flags}" are not supported`);
  let out = '';
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (ch === '\\') {
      const next = source[i + 1];
      if (next === undefined) fail('trailing backslash');
      const escaped = next as string;
      if (LITERAL_ESCAPES.has(escaped) || SAME_ESCAPES.has(escaped)) out += `\\${escaped}`;
      else if (escaped === '/') out += '/';
      else if (escaped in CLASS_SHORTHANDS) out += `[${CLASS_SHORTHANDS[escaped] as string}]`;
      else if (escaped in NEGATED_SHORTHANDS) out += `[^${NEGATED_SHORTHANDS[escaped] as string}]`;
      else if (escaped === 't') out += '\t';
      else if (/[-"'<>:=@#%&,;!~`_ ]/.test(escaped)) out += escaped;
      else fail(`escape \\${escaped}`);
      i += 2;
      continue;
    }
    if (ch === '[') {
      const { text, end } = convertClass(source, i, fail);
      out += text;
      i = end;
      continue;
    }
    if (ch === '(') {
      if (source.startsWith('(?:', i)) {
        out += '(';
        i += 3;
        continue;
      }
      if (source[i + 1] === '?') fail('lookaround or named group');
      out += '(';
      i += 1;
      continue;
    }
    if (ch === '*' || ch === '+' || ch === '?' || ch === '}') {
      if (source[i + 1] === '?') fail('lazy quantifier');
      out += ch;
      i += 1;
      continue;
    }
    if (ch === '{') {
      // JavaScript reads a brace that does not start a valid interval as a literal; ERE would not.
      const interval = /^\{\d{1,9}(?:,\d{0,9})?\}/.exec(source.slice(i));
      if (interval) {
        if (source[i + interval[0].length] === '?') fail('lazy quantifier');
        out += interval[0];
        i += interval[0].length;
      } else {
        out += '\\{';
        i += 1;
      }
      continue;
    }
    out += ch;
    i += 1;
  }
  return out;
}

/**
 * Converts the bracket expression starting at `start`; returns it and the index after its `]`.
 * JavaScript closes a class at the first unescaped `]`; POSIX wants a literal `]` first and `-` last.
 */
function convertClass(source: string, start: number, fail: (reason: string) => never): { text: string; end: number } {
  let i = start + 1;
  const negated = source[i] === '^';
  if (negated) i += 1;
  let body = '';
  let closeBracket = false;
  let dash = false;
  for (;;) {
    const ch = source[i];
    if (ch === undefined) fail('unterminated character class');
    if (ch === ']') break;
    if (ch === '\\') {
      const escaped = source[i + 1] ?? '';
      if (escaped === ']') closeBracket = true;
      else if (escaped === '-') dash = true;
      // grep matches within one line, where a newline never occurs: leaving it out changes nothing.
      else if (escaped === 'n') {
        i += 2;
        continue;
      }
      else if (escaped in CLASS_SHORTHANDS) body += CLASS_SHORTHANDS[escaped] as string;
      else if (/^[.*+?()[{}|$/"'<>:=@#%&,;!~`_ ]$/.test(escaped)) body += escaped;
      else fail(`escape \\${escaped} inside a character class`);
      i += 2;
      continue;
    }
    if (ch === '[' && /[:.=]/.test(source[i + 1] ?? '')) fail(`"[${source[i + 1] ?? ''}" inside a character class`);
    body += ch;
    i += 1;
  }
  if (body === '' && !closeBracket && !dash) fail('empty character class');
  if (!negated && !closeBracket && body.startsWith('^')) fail('literal ^ first in a character class');
  if (closeBracket && body.startsWith('-')) fail('literal - after ] in a character class');
  return { text: `[${negated ? '^' : ''}${closeBracket ? ']' : ''}${body}${dash ? '-' : ''}]`, end: i + 1 };
}

/** The ERE of one scenario's trigger. */
export function scenarioGrepPattern(scenario: Scenario): GrepPattern {
  return { scenario: scenario.id, pattern: toExtendedRegex(scenario.trigger), ignoreCase: scenario.trigger.flags.includes('i') };
}

/**
 * Every trigger of the catalogue as a `grep -E` pattern, in catalogue order. Run grep under
 * `LC_ALL=C` so `\b` and `-i` see ASCII word characters, as JavaScript does.
 */
export function catalogueGrepPatterns(): GrepPattern[] {
  return SCENARIOS.map(scenarioGrepPattern);
}

