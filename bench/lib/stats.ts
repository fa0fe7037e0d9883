/**
 * Pure helpers for the benchmarks: statistics, sizes, a seeded random source, the JS-regex → grep ERE
 * translation and the result table. Nothing here touches the process, the file system or the clock,
 * so __tests__/bench-lib.test.ts can check it directly.
 */

/** The median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The p-th percentile (0..100) by nearest rank, for spread figures next to a median. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

const UNITS: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };

/** Parses `1MB`, `100 MB`, `2KB`, `1GB`, `512` (bytes) into bytes; binary units, as `ls -h` and `free` use. */
export function parseSize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB)?\s*$/i.exec(text);
  if (!match) throw new Error(`not a size: ${JSON.stringify(text)} (use e.g. 1MB, 100MB, 1GB)`);
  const unit = (match[2] ?? 'B').toUpperCase();
  return Math.round(Number(match[1]) * (UNITS[unit] as number));
}

/** Parses a comma-separated size list such as `1MB,100MB` (BENCH_SIZES). */
export function parseSizeList(text: string): number[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map(parseSize);
}

/** A size in the largest binary unit that keeps it at least 1, e.g. `100 MB`, `2 KB`. */
export function formatBytes(bytes: number): string {
  for (const unit of ['GB', 'MB', 'KB'] as const) {
    const size = UNITS[unit] as number;
    if (bytes >= size) {
      const value = bytes / size;
      return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
    }
  }
  return `${bytes} B`;
}

/** Milliseconds for a table cell: `12.3 ms` below 10 s, `12.3 s` above. */
export function formatMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(1)} ms`;
}

/** Throughput in MB/s (binary megabytes, like the sizes). */
export function megabytesPerSecond(bytes: number, ms: number): number {
  return ms <= 0 ? Number.POSITIVE_INFINITY : bytes / (1024 * 1024) / (ms / 1000);
}

/**
 * A small seeded PRNG (mulberry32): the generated logs must be the same from run to run so figures are
 * comparable. Returns floats in [0, 1).
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The result of translating one JavaScript regular expression for `grep -E`. */
export type EreTranslation = { ok: true; ere: string } | { ok: false; reason: string };

function caseFold(ch: string): string {
  const lower = ch.toLowerCase();
  const upper = ch.toUpperCase();
  return lower === upper ? ch : `[${lower}${upper}]`;
}

/**
 * Translates a JavaScript regex (as a scenario trigger is written) into a POSIX ERE with the GNU
 * extensions grep understands (`\b`, `\s`, `\S`, `\w`). Line-oriented grep never sees a newline, so
 * `[^\n]` becomes "any character". Constructs ERE lacks (look-around, back-references, Unicode
 * properties) make the translation fail rather than change the meaning; lazy quantifiers become greedy,
 * which does not change whether a line matches. The `i` flag is spelled out as `[aA]` classes because
 * grep's -i would apply to every pattern at once.
 */
export function jsRegexToEre(regex: RegExp): EreTranslation {
  const src = regex.source;
  const ignoreCase = regex.flags.includes('i');
  let out = '';
  let i = 0;
  const fail = (reason: string): EreTranslation => ({ ok: false, reason: `${reason} in /${src}/` });
  while (i < src.length) {
    const ch = src[i] as string;
    if (ch === '\\') {
      const next = src[i + 1];
      if (next === undefined) return fail('trailing backslash');
      i += 2;
      if (next === 'd') out += '[0-9]';
      else if (next === 'D') out += '[^0-9]';
      else if ('bBsSwW'.includes(next)) out += '\\' + next;
      else if (/[1-9]/.test(next)) return fail('back-reference');
      else if (next === 'p' || next === 'P' || next === 'u' || next === 'x' || next === 'k') return fail(`\\${next} escape`);
      else if (next === 'n' || next === 'r' || next === 't') return fail(`\\${next} outside a class`);
      else if (/[A-Za-z0-9]/.test(next)) return fail(`\\${next} escape`);
      else out += /[.[\]{}()*+?^$|\\]/.test(next) ? '\\' + next : next; // `\/`, `\-`, `\"` are plain characters in ERE
      continue;
    }
    if (ch === '(') {
      if (src.startsWith('(?:', i)) {
        out += '(';
        i += 3;
      } else if (src.startsWith('(?<', i) && !src.startsWith('(?<=', i) && !src.startsWith('(?<!', i)) {
        const close = src.indexOf('>', i);
        if (close < 0) return fail('unterminated group name');
        out += '(';
        i = close + 1;
      } else if (src.startsWith('(?', i)) {
        return fail('look-around');
      } else {
        out += '(';
        i += 1;
      }
      continue;
    }
    if (ch === '[') {
      // Copy a class, translating escapes: ERE has no escapes inside brackets.
      let j = i + 1;
      let negated = false;
      if (src[j] === '^') {
        negated = true;
        j++;
      }
      const members: string[] = [];
      let closeBracket = false;
      let dash = false;
      let caret = false;
      let first = true;
      for (; j < src.length; j++) {
        const c = src[j] as string;
        if (c === ']' && !first) break;
        first = false;
        if (c === '\\') {
          const e = src[j + 1];
          j++;
          if (e === undefined) return fail('trailing backslash');
          if (e === 'n' || e === 'r') continue; // grep works line by line: a newline never occurs
          if (e === 'd') members.push('0-9');
          else if (e === 't') members.push('\t');
          else if (e === ']') closeBracket = true;
          else if (e === '-') dash = true;
          else if (e === '^') caret = true;
          else if (e === '\\') members.push('\\');
          else if (/[A-Za-z0-9]/.test(e)) return fail(`\\${e} in a class`);
          else members.push(e);
        } else if (c === '-' && (src[j + 1] === ']' || members.length === 0)) dash = true;
        else if (c === '^') caret = true;
        else if (c === '[' && /[:.=]/.test(src[j + 1] ?? '')) return fail('`[:`, `[.` or `[=` in a class (special in ERE)');
        else if (ignoreCase && /[A-Za-z]/.test(c) && (src[j + 1] === '-' || src[j - 1] === '-')) return fail('case-insensitive letter range');
        else members.push(ignoreCase && /[A-Za-z]/.test(c) ? c.toLowerCase() + c.toUpperCase() : c);
      }
      if (j >= src.length) return fail('unterminated class');
      i = j + 1;
      if (members.length === 0 && !closeBracket && !dash && !caret) {
        out += negated ? '.' : '[]'; // [^\n] is any character; an empty class matches nothing
        if (!negated) return fail('empty class');
        continue;
      }
      // ERE wants `]` first, `^` anywhere but first, `-` last.
      out += '[' + (negated ? '^' : '') + (closeBracket ? ']' : '') + members.join('') + (caret ? '^' : '') + (dash ? '-' : '') + ']';
      continue;
    }
    if ((ch === '?' || ch === '+') && /[*+?}]/.test(src[i - 1] ?? '') && src[i - 2] !== '\\') {
      // A lazy or possessive suffix on a quantifier: drop it.
      if (ch === '?') {
        i++;
        continue;
      }
      return fail('possessive quantifier');
    }
    out += ignoreCase && /[A-Za-z]/.test(ch) ? caseFold(ch) : ch;
    i++;
  }
  return { ok: true, ere: out };
}

/** One measured figure, as printed in the table and written to the JSON summary. */
export interface Figure {
  /** What was measured, e.g. `startup: explain on a 2 KB log`. */
  figure: string;
  value: number;
  /** `ms`, `MB/s`, `MB`, `×`... */
  unit: string;
  /** The target in words, e.g. `≤ 1.5× node -e 0`; absent for informational figures. */
  target?: string;
  /** The ratio the target is about (value ÷ baseline), when there is one. */
  ratio?: number;
  /** Whether the target was met; absent without a target. */
  met?: boolean;
}

/** The table row for a figure. */
export function figureRow(figure: Figure): FigureRow {
  const digits = Number.isInteger(figure.value) || figure.value >= 100 ? 0 : 1;
  const value = figure.unit === 'ms' ? formatMs(figure.value) : `${figure.value.toFixed(digits)} ${figure.unit}`;
  return {
    figure: figure.figure,
    value,
    target: figure.target ?? '-',
    ratio: figure.ratio === undefined ? '-' : formatRatio(figure.ratio),
    met: figure.met === undefined ? '-' : figure.met ? 'yes' : 'no',
  };
}

/** One row of the benchmark table. */
export interface FigureRow {
  figure: string;
  value: string;
  target: string;
  /** The measured ratio against the baseline the target names, e.g. `1.42×`, or `-`. */
  ratio: string;
  /** yes / no, or `-` when the figure has no target. */
  met: 'yes' | 'no' | '-';
}

/** Renders rows as a fixed-width text table with a header and a rule. */
export function renderTable(rows: readonly FigureRow[]): string {
  const header: FigureRow = { figure: 'figure', value: 'value', target: 'target', ratio: 'ratio', met: '-' };
  const all = [header, ...rows];
  const cells = all.map((row) => [row.figure, row.value, row.target, row.ratio, row === header ? 'met' : row.met]);
  const widths = [0, 1, 2, 3, 4].map((c) => Math.max(...cells.map((line) => (line[c] ?? '').length)));
  const line = (values: string[]): string =>
    values
      .map((value, c) => value.padEnd(widths[c] ?? 0))
      .join('  ')
      .trimEnd();
  const [head, ...body] = cells;
  return [line(head ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n') + '\n';
}

/** `1.42×` for a ratio; `-` when it cannot be computed. */
export function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '-';
}
