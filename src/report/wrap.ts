/**
 * Layout of the human reports: how much they say (verbosity) and how wide they are.
 *
 * On a terminal, long prose lines are wrapped to its width with a hanging indent, so a wrapped fix or
 * finding stays visually inside its list item. Off a terminal nothing is wrapped: logs and `grep` see one
 * stable line per fact. Words are never split, so URLs, paths and `backtick-quoted` spans stay whole, and
 * lines marked {@link whole} (shell commands, table rows) are never broken at all, so they stay
 * copy-pasteable. Everything here is pure and ANSI-aware: widths are measured without escape sequences,
 * and a style open at a break is closed at the end of the line and reopened after the indentation.
 */

/** How much a human report says: problems only, the default, or everything measured. */
export type Verbosity = 'quiet' | 'normal' | 'verbose';

/** What every human renderer accepts besides its data and colour. */
export interface LayoutOptions {
  /** Default `normal`. */
  verbosity?: Verbosity;
  /** Wrap prose lines to this many columns; undefined (not a terminal) leaves every line whole. */
  width?: number;
}

/** A line the wrapper must leave whole: a shell command, or a table row whose columns must stay aligned. */
export interface WholeLine {
  readonly whole: string;
}

/** Prose whose continuation lines start at a given column (a table's last column, say). */
export interface HangingLine {
  readonly text: string;
  readonly hang: number;
}

/** One line of a report: prose (may be wrapped), a {@link WholeLine} or a {@link HangingLine}. */
export type ReportLine = string | WholeLine | HangingLine;

/** Marks a line as never to be wrapped. */
export function whole(text: string): WholeLine {
  return { whole: text };
}

/** Marks a line whose continuation lines, when wrapped, are indented by `hang` columns. */
export function hanging(text: string, hang: number): HangingLine {
  return { text, hang };
}

// Any CSI sequence is zero-width; only SGR (ending in `m`) changes the style that must carry over a break.
const ESCAPE = /\u001b\[[0-?]*[ -/]*[@-~]/y;

/** The text without ANSI CSI escape sequences. */
export function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-?]*[ -/]*[@-~]/g, '');
}

// East Asian Wide and Fullwidth blocks (Unicode UAX #11) a terminal draws two columns wide: Hangul
// Jamo, CJK punctuation, kana and ideographs, Hangul syllables, compatibility ideographs, vertical and
// small forms, fullwidth forms, and the supplementary ideograph planes.
const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

/** Whether a character takes two columns on a terminal (CJK text, fullwidth punctuation). */
export function isWide(character: string): boolean {
  const cp = character.codePointAt(0) ?? 0;
  if (cp < 0x1100) return false;
  return WIDE_RANGES.some(([low, high]) => cp >= low && cp <= high);
}

/**
 * Columns the text takes on a terminal: code points outside escape sequences, two for a wide CJK or
 * fullwidth character. Symbols the reports use (box drawing, ✓ ✗ ⚠ ℹ ·) are one column.
 */
export function visibleWidth(text: string): number {
  let width = 0;
  for (const character of stripAnsi(text)) width += isWide(character) ? 2 : 1;
  return width;
}

interface Atom {
  text: string;
  /** Escape sequences are zero-width and never a break point. */
  escape: boolean;
}

function atomsOf(line: string): Atom[] {
  const atoms: Atom[] = [];
  let i = 0;
  while (i < line.length) {
    ESCAPE.lastIndex = i;
    const match = ESCAPE.exec(line);
    if (match) {
      atoms.push({ text: match[0], escape: true });
      i += match[0].length;
      continue;
    }
    const cp = line.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    atoms.push({ text: ch, escape: false });
    i += ch.length;
  }
  return atoms;
}

// The SGR code that ends each opening code chalk emits (bold and dim share 22).
function closerOf(code: number): number | undefined {
  if (code === 1 || code === 2) return 22;
  if (code === 3) return 23;
  if (code === 4) return 24;
  if (code === 7) return 27;
  if (code === 8) return 28;
  if (code === 9) return 29;
  if ((code >= 30 && code <= 38) || (code >= 90 && code <= 97)) return 39;
  if ((code >= 40 && code <= 48) || (code >= 100 && code <= 107)) return 49;
  return undefined;
}

/** Tracks which SGR styles are open, so a break can close them and the next line reopen them. */
class StyleState {
  private open: { sequence: string; closer: number }[] = [];

  apply(sequence: string): void {
    if (!sequence.endsWith('m')) return;
    const codes = sequence.slice(2, -1).split(';').filter((c) => c !== '').map(Number);
    if (codes.length === 0 || codes.includes(0)) {
      this.open = [];
      return;
    }
    const first = codes[0] ?? 0;
    const closer = closerOf(first);
    if (closer !== undefined) {
      this.open.push({ sequence, closer });
      return;
    }
    // A closing code ends every open style it closes.
    this.open = this.open.filter((style) => !codes.includes(style.closer));
  }

  closeAll(): string {
    return [...new Set(this.open.map((style) => style.closer))].map((code) => `\u001b[${code}m`).join('');
  }

  reopen(): string {
    return this.open.map((style) => style.sequence).join('');
  }
}

// A list marker after the indentation: `1.`, `a)`, `-`, `│` or a status mark, followed by a space.
const LIST_MARKER = /^(?:\d+\.|[a-z]\)|[-•·✓✗⚠ℹ?│])( +)/;
// Below this many columns for text, a hanging indent does more harm than good.
const MIN_TEXT_COLUMNS = 16;

interface Token {
  atoms: Atom[];
  width: number;
  space: boolean;
}

// Text without spaces (Chinese, Japanese) may break between any two wide characters, but never before
// closing punctuation nor after opening punctuation, so a comma or a bracket is not left alone.
const NO_BREAK_BEFORE = new Set([...'，。、；：！？）】」』〉》…—·％,.;:!?)]}%']);
const NO_BREAK_AFTER = new Set([...'（【「『〈《([{']);

function breaksBetween(before: string, after: string): boolean {
  if (!isWide(before) && !isWide(after)) return false;
  return !NO_BREAK_BEFORE.has(after) && !NO_BREAK_AFTER.has(before);
}

/**
 * Splits at spaces, and between wide characters where a line may break, except inside a
 * `backtick-quoted` span (an inline command stays whole).
 */
function tokensOf(atoms: readonly Atom[]): Token[] {
  const tokens: Token[] = [];
  let inBackticks = false;
  // Only an opening backtick with a closing one later starts a protected span.
  let lastBacktick = -1;
  atoms.forEach((atom, i) => {
    if (!atom.escape && atom.text === '`') lastBacktick = i;
  });
  // The last visible character of the word being built, to decide whether a wide character may start a new one.
  let previous = '';
  for (let i = 0; i < atoms.length; i++) {
    const atom = atoms[i] as Atom;
    const isSpace = !atom.escape && atom.text === ' ' && !inBackticks;
    const protectedSpan = inBackticks;
    if (!atom.escape && atom.text === '`') inBackticks = inBackticks ? false : i < lastBacktick;
    const last = tokens[tokens.length - 1];
    // An escape joins the token being built, word or space; a break keeps the escapes of the spaces it drops.
    const space = atom.escape ? (last?.space ?? false) : isSpace;
    const width = atom.escape ? 0 : isWide(atom.text) ? 2 : 1;
    const newWord = !atom.escape && !space && !protectedSpan && previous !== '' && breaksBetween(previous, atom.text);
    if (last && last.space === space && !newWord) {
      last.atoms.push(atom);
      last.width += width;
    } else {
      tokens.push({ atoms: [atom], width, space });
    }
    if (!atom.escape) previous = space ? '' : atom.text;
  }
  return tokens;
}

/**
 * Wraps one line to `width` columns. Continuation lines keep the line's indentation, plus the width of a
 * list marker (`1. `, `- `, `✗ `) so the text lines up under itself, or start at column `hang` when given.
 * Breaks at spaces outside backticks, and between wide (CJK) characters as Chinese text is broken; a word
 * longer than the line overflows rather than being split.
 */
export function wrapLine(line: string, width: number, hang?: number): string[] {
  if (visibleWidth(line) <= width) return [line];
  const atoms = atomsOf(line);
  const visible = stripAnsi(line);
  const indent = visible.length - visible.trimStart().length;
  const marker = hang === undefined ? LIST_MARKER.exec(visible.slice(indent)) : null;
  let hanging = hang ?? indent + (marker ? marker[0].length : 0);
  if (width - hanging < MIN_TEXT_COLUMNS) hanging = indent;
  if (width - hanging < MIN_TEXT_COLUMNS) return [line];

  // The leading indentation (and any escapes in it) stays on the first line as it is.
  let start = 0;
  let prefix = '';
  const state = new StyleState();
  for (let seen = 0; start < atoms.length && (atoms[start]?.escape || seen < indent); start++) {
    const atom = atoms[start] as Atom;
    prefix += atom.text;
    if (atom.escape) state.apply(atom.text);
    else seen += 1;
  }

  const lines: string[] = [];
  let current = prefix;
  let column = indent;
  // Words on the current line; a list marker alone on the first line does not count, so it never dangles.
  let words = marker ? -1 : 0;
  let pending: Token | undefined;
  const emit = (atomList: readonly Atom[]): string => {
    let text = '';
    for (const atom of atomList) {
      if (atom.escape) state.apply(atom.text);
      text += atom.text;
    }
    return text;
  };
  for (const token of tokensOf(atoms.slice(start))) {
    if (token.space) {
      pending = token;
      continue;
    }
    const spaceWidth = pending?.width ?? 0;
    if (words > 0 && column + spaceWidth + token.width > width) {
      // Keep the escapes of the dropped spaces, so the style state stays exact.
      current += emit((pending?.atoms ?? []).filter((atom) => atom.escape));
      lines.push(current + state.closeAll());
      current = ' '.repeat(hanging) + state.reopen();
      column = hanging;
      words = 0;
    } else if (pending) {
      current += emit(pending.atoms);
      column += spaceWidth;
    }
    pending = undefined;
    current += emit(token.atoms);
    column += token.width;
    words += 1;
  }
  if (pending) current += emit(pending.atoms);
  lines.push(current);
  return lines;
}

/**
 * Joins report lines into text ending in a newline. With a width, prose lines are wrapped to it
 * (lines holding `\n` are split first); {@link WholeLine}s and every line without a width are left whole.
 */
export function layoutLines(lines: readonly ReportLine[], width?: number): string {
  const out: string[] = [];
  for (const line of lines) {
    if (typeof line !== 'string' && 'whole' in line) out.push(line.whole);
    else {
      const text = typeof line === 'string' ? line : line.text;
      const hang = typeof line === 'string' ? undefined : line.hang;
      if (width === undefined || width <= 0) out.push(text);
      else for (const part of text.split('\n')) out.push(...wrapLine(part, width, hang));
    }
  }
  return `${out.join('\n')}\n`;
}
