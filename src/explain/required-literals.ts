/**
 * The catalogue's triggers as required literals: text every match must contain, which the reader's
 * byte-level pre-scan (TriggerScanner in read-log.ts) looks for instead of running the triggers on
 * every line. Anything not understood simply yields no literal, and the trigger then runs on every block.
 */
/**
 * A piece of text every match of a trigger contains: what `explain`'s byte-level pre-scan looks for
 * instead of running the triggers on every line.
 */
export interface RequiredLiteral {
  /** Printable ASCII, lower-cased (the pre-scan folds ASCII case). */
  text: string;
  /** The word-boundary assertion (`\b` or `\B`) written right before the literal, if any. */
  before?: 'b' | 'B';
  /** The word-boundary assertion written right after the literal, if any. */
  after?: 'b' | 'B';
}

// A parsed piece of a regex, reduced to what the literal analysis needs.
type Piece =
  // Consumes exactly one of these (lower-cased) strings; '' when optional.
  | { kind: 'set'; strings: string[] }
  // Consumes nothing: \b, \B, or another assertion (anchors, lookaround) that tells us nothing.
  | { kind: 'assert'; which: 'b' | 'B' | 'other' }
  // Consumes text we cannot enumerate; `required` lists literals it is known to contain.
  | { kind: 'opaque'; required?: RequiredLiteral[] };

// Sets larger than these are treated as opaque, so the pre-scan automaton stays small.
const MAX_CLASS_SIZE = 36;
const MAX_EXPANSION = 256;

class LiteralParser {
  private i = 0;

  constructor(private readonly source: string) {}

  /** Parses the whole source; undefined when it uses syntax the analysis does not know. */
  parse(): Piece[][] | undefined {
    const alternatives = this.alternation();
    return alternatives !== undefined && this.i === this.source.length ? alternatives : undefined;
  }

  private alternation(): Piece[][] | undefined {
    const alternatives: Piece[][] = [];
    for (;;) {
      const sequence = this.sequence();
      if (sequence === undefined) return undefined;
      alternatives.push(sequence);
      if (this.source[this.i] !== '|') return alternatives;
      this.i += 1;
    }
  }

  private sequence(): Piece[] | undefined {
    const pieces: Piece[] = [];
    while (this.i < this.source.length && this.source[this.i] !== '|' && this.source[this.i] !== ')') {
      const atom = this.atom();
      if (atom === undefined) return undefined;
      const quantified = this.quantifier(atom);
      if (quantified === undefined) return undefined;
      pieces.push(quantified);
    }
    return pieces;
  }

  private atom(): Piece | undefined {
    const ch = this.source[this.i] as string;
    this.i += 1;
    switch (ch) {
      case '(':
        return this.group();
      case '[':
        return this.characterClass();
      case '\\':
        return this.escape();
      case '.':
        return { kind: 'opaque' };
      case '^':
      case '$':
        return { kind: 'assert', which: 'other' };
      default:
        return literalPiece(ch);
    }
  }

  private group(): Piece | undefined {
    let lookaround = false;
    if (this.source[this.i] === '?') {
      const rest = this.source.slice(this.i, this.i + 3);
      if (rest.startsWith('?:')) this.i += 2;
      else if (rest.startsWith('?=') || rest.startsWith('?!')) (lookaround = true), (this.i += 2);
      else if (rest === '?<=' || rest === '?<!') (lookaround = true), (this.i += 3);
      else if (rest.startsWith('?<')) {
        const close = this.source.indexOf('>', this.i);
        if (close < 0) return undefined;
        this.i = close + 1;
      } else return undefined;
    }
    const alternatives = this.alternation();
    if (alternatives === undefined || this.source[this.i] !== ')') return undefined;
    this.i += 1;
    if (lookaround) return { kind: 'assert', which: 'other' };
    // A group of plain strings joins the literal runs around it; anything else keeps what it requires.
    if (alternatives.every((sequence) => sequence.every((piece) => piece.kind === 'set'))) {
      const strings = new Set<string>();
      for (const sequence of alternatives) {
        const expanded = expand(sequence.map((piece) => (piece as { strings: string[] }).strings));
        if (expanded === undefined) return { kind: 'opaque', ...requiredOf(alternatives) };
        for (const text of expanded) strings.add(text);
      }
      if (strings.size <= MAX_EXPANSION) return { kind: 'set', strings: [...strings] };
    }
    return { kind: 'opaque', ...requiredOf(alternatives) };
  }

  private characterClass(): Piece | undefined {
    const negated = this.source[this.i] === '^';
    if (negated) this.i += 1;
    const chars = new Set<string>();
    let enumerable = !negated;
    let previous: string | undefined;
    for (;;) {
      let ch = this.source[this.i];
      if (ch === undefined) return undefined;
      this.i += 1;
      if (ch === ']') break;
      if (ch === '\\') {
        const escaped = this.source[this.i];
        if (escaped === undefined) return undefined;
        this.i += 1;
        if (escaped === 'd') {
          for (let digit = 0; digit <= 9; digit++) chars.add(String(digit));
          previous = undefined;
          continue;
        }
        const literal = escapedCharacter(escaped);
        if (literal === undefined) {
          // \w, \s, \D, \b (backspace) and the like: fine to skip over, impossible to enumerate here.
          enumerable = false;
          previous = undefined;
          continue;
        }
        ch = literal;
      }
      if (ch === '-' && previous !== undefined && this.source[this.i] !== ']' && this.source[this.i] !== undefined) {
        let end = this.source[this.i] as string;
        this.i += 1;
        if (end === '\\') {
          const literal = escapedCharacter(this.source[this.i] ?? '');
          this.i += 1;
          if (literal === undefined) return undefined;
          end = literal;
        }
        const from = previous.charCodeAt(0);
        const to = end.charCodeAt(0);
        if (to < from) return undefined;
        if (to - from > MAX_CLASS_SIZE) enumerable = false;
        else for (let code = from; code <= to; code++) chars.add(String.fromCharCode(code));
        previous = undefined;
        continue;
      }
      chars.add(ch);
      previous = ch;
    }
    if (!enumerable || chars.size === 0) return { kind: 'opaque' };
    const strings = new Set<string>();
    for (const ch of chars) {
      if (!isPrintableAscii(ch)) return { kind: 'opaque' };
      strings.add(ch.toLowerCase());
    }
    return strings.size <= MAX_CLASS_SIZE ? { kind: 'set', strings: [...strings] } : { kind: 'opaque' };
  }

  private escape(): Piece | undefined {
    const escaped = this.source[this.i];
    if (escaped === undefined) return undefined;
    this.i += 1;
    if (escaped === 'b' || escaped === 'B') return { kind: 'assert', which: escaped };
    if (escaped === 'd') return { kind: 'set', strings: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] };
    if (escaped === 'k' && this.source[this.i] === '<') {
      const close = this.source.indexOf('>', this.i);
      if (close < 0) return undefined;
      this.i = close + 1;
      return { kind: 'opaque' };
    }
    if (/[1-9]/.test(escaped)) {
      while (/[0-9]/.test(this.source[this.i] ?? '')) this.i += 1;
      return { kind: 'opaque' };
    }
    if (escaped === 'x' || escaped === 'u' || escaped === 'c') {
      const code = escaped === 'x' ? this.source.slice(this.i, this.i + 2) : escaped === 'u' ? this.source.slice(this.i, this.i + 4) : '';
      if (escaped === 'c' || !/^[0-9a-fA-F]{1,4}$/.test(code) || code.length !== (escaped === 'x' ? 2 : 4)) return undefined;
      this.i += code.length;
      return literalPiece(String.fromCharCode(Number.parseInt(code, 16)));
    }
    const literal = escapedCharacter(escaped);
    return literal === undefined ? { kind: 'opaque' } : literalPiece(literal);
  }

  private quantifier(atom: Piece): Piece | undefined {
    const ch = this.source[this.i];
    let min: number;
    let max: number;
    if (ch === '*' || ch === '+' || ch === '?') {
      this.i += 1;
      min = ch === '+' ? 1 : 0;
      max = ch === '?' ? 1 : Infinity;
    } else if (ch === '{') {
      const found = /^\{(\d{1,9})(,(\d{0,9}))?\}/.exec(this.source.slice(this.i));
      // A brace that is not an interval is a literal brace (Annex B); the next atom reads it.
      if (!found) return atom;
      this.i += found[0].length;
      min = Number(found[1]);
      max = found[2] === undefined ? min : found[3] === '' ? Infinity : Number(found[3]);
    } else {
      return atom;
    }
    if (this.source[this.i] === '?') this.i += 1; // laziness changes which match is found, not what it contains
    if (atom.kind === 'assert') return { kind: 'assert', which: 'other' };
    if (atom.kind === 'opaque') return min >= 1 ? atom : { kind: 'opaque' };
    if (min === 0 && max === 1) return { kind: 'set', strings: [...new Set(['', ...atom.strings])] };
    if (min === max && min >= 1) {
      const expanded = expand(Array.from({ length: min }, () => atom.strings));
      if (expanded !== undefined) return { kind: 'set', strings: expanded };
    }
    return min >= 1 ? { kind: 'opaque', ...bestOfSets(atom.strings) } : { kind: 'opaque' };
  }
}

function isPrintableAscii(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return ch.length === 1 && code >= 0x20 && code <= 0x7e;
}

function literalPiece(ch: string): Piece {
  // Newlines, controls and non-ASCII text are left to the full triggers.
  return isPrintableAscii(ch) ? { kind: 'set', strings: [ch.toLowerCase()] } : { kind: 'opaque' };
}

// The character an identity or control escape stands for; undefined for class escapes (\w, \s, ...).
function escapedCharacter(escaped: string): string | undefined {
  const controls: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', '0': '\0' };
  if (escaped in controls) return controls[escaped];
  if (/[A-Za-z0-9]/.test(escaped)) return undefined;
  return escaped;
}

// All concatenations of one string from each set, or undefined past MAX_EXPANSION.
function expand(sets: readonly (readonly string[])[]): string[] | undefined {
  let result = [''];
  for (const set of sets) {
    if (result.length * set.length > MAX_EXPANSION) return undefined;
    const next: string[] = [];
    for (const head of result) for (const tail of set) next.push(head + tail);
    result = next;
  }
  return [...new Set(result)];
}

function bestOfSets(strings: readonly string[]): { required?: RequiredLiteral[] } {
  return strings.every((text) => text !== '') ? { required: strings.map((text) => ({ text })) } : {};
}

// Prefers the literal set whose shortest member is longest (fewest false hits), then the smaller set.
function better(a: RequiredLiteral[] | undefined, b: RequiredLiteral[] | undefined): RequiredLiteral[] | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const shortest = (set: RequiredLiteral[]): number => Math.min(...set.map((literal) => literal.text.length));
  const difference = shortest(a) - shortest(b);
  if (difference !== 0) return difference > 0 ? a : b;
  return b.length < a.length ? b : a;
}

// The best literal set one sequence requires: a run of plain strings (with the \b/\B right around it),
// or what an opaque piece inside it requires.
function requiredOfSequence(sequence: readonly Piece[]): RequiredLiteral[] | undefined {
  let best: RequiredLiteral[] | undefined;
  let index = 0;
  while (index < sequence.length) {
    const piece = sequence[index] as Piece;
    if (piece.kind === 'opaque') {
      best = better(best, piece.required);
      index += 1;
      continue;
    }
    if (piece.kind === 'assert') {
      index += 1;
      continue;
    }
    const start = index;
    let strings: string[] = [''];
    while (index < sequence.length) {
      const current = sequence[index] as Piece;
      if (current.kind !== 'set') break;
      const next = expand([strings, current.strings]);
      if (next === undefined) break;
      strings = next;
      index += 1;
    }
    if (index === start) {
      // A single set too large to join the run: it still stands on its own.
      strings = (sequence[index] as { strings: string[] }).strings;
      index += 1;
    }
    if (strings.every((text) => text !== '')) {
      const before = assertionAt(sequence, start - 1);
      const after = assertionAt(sequence, index);
      best = better(
        best,
        strings.map((text) => ({ text, ...(before ? { before } : {}), ...(after ? { after } : {}) })),
      );
    }
  }
  return best;
}

function assertionAt(sequence: readonly Piece[], index: number): 'b' | 'B' | undefined {
  const piece = sequence[index];
  return piece?.kind === 'assert' && piece.which !== 'other' ? piece.which : undefined;
}

function requiredOf(alternatives: readonly (readonly Piece[])[]): { required?: RequiredLiteral[] } {
  const required: RequiredLiteral[] = [];
  for (const sequence of alternatives) {
    const literals = requiredOfSequence(sequence);
    if (literals === undefined) return {};
    required.push(...literals);
  }
  return { required };
}

/**
 * Literals of which every match of `regex` contains at least one (with the `\b`/`\B` written right
 * around it), lower-cased; undefined when the regex uses syntax the analysis does not understand or
 * some alternative requires no literal at all. The `u` and `v` flags are refused: they change what
 * `\b` and case folding mean.
 */
export function requiredLiterals(regex: RegExp): RequiredLiteral[] | undefined {
  if (/[uv]/.test(regex.flags)) return undefined;
  let alternatives: Piece[][] | undefined;
  try {
    alternatives = new LiteralParser(regex.source).parse();
  } catch {
    return undefined;
  }
  if (alternatives === undefined) return undefined;
  const { required } = requiredOf(alternatives);
  if (required === undefined || required.length === 0) return undefined;
  const seen = new Set<string>();
  return required.filter((literal) => {
    const key = `${literal.before ?? ''}|${literal.text}|${literal.after ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
