/**
 * Adversarial inputs for one regular expression, worked out from its own syntax: the way a backtracking
 * engine is made to do super-linear work is to offer it, many times over, a prefix of a match whose
 * quantified parts can be split in many ways and whose end never comes. For each way through the
 * pattern (each alternative), this builds the text a prefix of that path matches, pumps each unbounded
 * quantifier inside it, and repeats the result with the separators logs have (nothing, a space, a
 * newline, a tab-indented continuation). It parses the JavaScript syntax the project's patterns use;
 * anything it does not understand is sampled as a plain letter, which only makes a shape less sharp.
 */

type Node =
  | { kind: 'char'; sample: string }
  | { kind: 'assert' }
  | { kind: 'group'; alternatives: Node[][] }
  | { kind: 'repeat'; body: Node; min: number; max: number };

// Characters tried, in order, when a class or a negated class needs a member.
const CANDIDATES = ['a', 'x', 'Z', '0', '1', ' ', '.', '/', '-', ':', '"', "'", '(', ')', '@', '_', '\t', '\n', ';', '=', '<', '|', '\\'];

class Parser {
  private i = 0;

  constructor(private readonly source: string) {}

  parse(): Node[][] {
    const alternatives = this.alternation();
    return alternatives;
  }

  private alternation(): Node[][] {
    const alternatives: Node[][] = [this.sequence()];
    while (this.source[this.i] === '|') {
      this.i += 1;
      alternatives.push(this.sequence());
    }
    return alternatives;
  }

  private sequence(): Node[] {
    const nodes: Node[] = [];
    while (this.i < this.source.length && this.source[this.i] !== '|' && this.source[this.i] !== ')') {
      nodes.push(this.quantified(this.atom()));
    }
    return nodes;
  }

  private atom(): Node {
    const ch = this.source[this.i] as string;
    this.i += 1;
    switch (ch) {
      case '(': {
        let lookaround = false;
        if (this.source[this.i] === '?') {
          const rest = this.source.slice(this.i, this.i + 3);
          if (rest.startsWith('?:')) this.i += 2;
          else if (rest.startsWith('?=') || rest.startsWith('?!')) (lookaround = true), (this.i += 2);
          else if (rest === '?<=' || rest === '?<!') (lookaround = true), (this.i += 3);
          else if (rest.startsWith('?<')) this.i = this.source.indexOf('>', this.i) + 1;
        }
        const alternatives = this.alternation();
        this.i += 1; // ')'
        return lookaround ? { kind: 'assert' } : { kind: 'group', alternatives };
      }
      case '[':
        return this.characterClass();
      case '\\':
        return this.escape();
      case '.':
        return { kind: 'char', sample: 'a' };
      case '^':
      case '$':
        return { kind: 'assert' };
      default:
        return { kind: 'char', sample: ch };
    }
  }

  private escape(): Node {
    const escaped = this.source[this.i] ?? '';
    this.i += 1;
    switch (escaped) {
      case 'b':
      case 'B':
        return { kind: 'assert' };
      case 'd':
        return { kind: 'char', sample: '1' };
      case 'D':
      case 'w':
      case 'S':
      case 'W':
        return { kind: 'char', sample: escaped === 'W' ? ' ' : 'a' };
      case 's':
        return { kind: 'char', sample: ' ' };
      case 'n':
        return { kind: 'char', sample: '\n' };
      case 't':
        return { kind: 'char', sample: '\t' };
      case 'r':
        return { kind: 'char', sample: '\r' };
      case 'u': {
        const code = this.source.slice(this.i, this.i + 4);
        this.i += 4;
        return { kind: 'char', sample: String.fromCharCode(Number.parseInt(code, 16)) };
      }
      case 'x': {
        const code = this.source.slice(this.i, this.i + 2);
        this.i += 2;
        return { kind: 'char', sample: String.fromCharCode(Number.parseInt(code, 16)) };
      }
      default:
        if (/[1-9]/.test(escaped)) return { kind: 'assert' };
        return { kind: 'char', sample: escaped };
    }
  }

  private characterClass(): Node {
    const negated = this.source[this.i] === '^';
    if (negated) this.i += 1;
    const members: string[] = [];
    const ranges: [number, number][] = [];
    const shorthands: string[] = [];
    let first = true;
    for (;;) {
      let ch = this.source[this.i];
      if (ch === undefined) break;
      this.i += 1;
      if (ch === ']' && !first) break;
      first = false;
      if (ch === '\\') {
        const escaped = this.source[this.i] ?? '';
        this.i += 1;
        if ('dDwWsS'.includes(escaped)) {
          shorthands.push(escaped);
          continue;
        }
        ch = escaped === 'n' ? '\n' : escaped === 't' ? '\t' : escaped === 'r' ? '\r' : escaped;
      }
      if (this.source[this.i] === '-' && this.source[this.i + 1] !== ']' && this.source[this.i + 1] !== undefined) {
        this.i += 1;
        let end = this.source[this.i] as string;
        this.i += 1;
        if (end === '\\') {
          end = this.source[this.i] ?? '';
          this.i += 1;
        }
        ranges.push([ch.charCodeAt(0), end.charCodeAt(0)]);
        continue;
      }
      members.push(ch);
    }
    const inClass = (candidate: string): boolean => {
      const code = candidate.charCodeAt(0);
      if (members.includes(candidate)) return true;
      if (ranges.some(([from, to]) => code >= from && code <= to)) return true;
      return shorthands.some((shorthand) => {
        switch (shorthand) {
          case 'd':
            return /\d/.test(candidate);
          case 'D':
            return /\D/.test(candidate);
          case 'w':
            return /\w/.test(candidate);
          case 'W':
            return /\W/.test(candidate);
          case 's':
            return /\s/.test(candidate);
          default:
            return /\S/.test(candidate);
        }
      });
    };
    const sample = CANDIDATES.find((candidate) => inClass(candidate) !== negated) ?? (negated ? 'a' : (members[0] ?? 'a'));
    return { kind: 'char', sample };
  }

  private quantified(atom: Node): Node {
    const ch = this.source[this.i];
    let min: number;
    let max: number;
    if (ch === '*' || ch === '+' || ch === '?') {
      this.i += 1;
      min = ch === '+' ? 1 : 0;
      max = ch === '?' ? 1 : Infinity;
    } else if (ch === '{') {
      const found = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.i));
      if (!found) return atom;
      this.i += found[0].length;
      min = Number(found[1]);
      max = found[2] === undefined ? min : found[3] === '' ? Infinity : Number(found[3]);
    } else {
      return atom;
    }
    if (this.source[this.i] === '?') this.i += 1;
    return { kind: 'repeat', body: atom, min, max };
  }
}

/** A short text the node matches (best effort). */
function sample(node: Node): string {
  switch (node.kind) {
    case 'char':
      return node.sample;
    case 'assert':
      return '';
    case 'group':
      return (node.alternatives[0] ?? []).map(sample).join('');
    case 'repeat':
      return sample(node.body).repeat(Math.max(1, Math.min(node.min, 3)));
  }
}

// The ways through a sequence: each group's alternatives in turn (the others at their first choice),
// flattened into plain sequences, at most `limit` of them.
function paths(sequence: readonly Node[], limit: number): Node[][] {
  const result: Node[][] = [[...sequence]];
  for (let index = 0; index < sequence.length && result.length < limit; index++) {
    const node = sequence[index] as Node;
    const group = node.kind === 'group' ? node : node.kind === 'repeat' && node.body.kind === 'group' ? node.body : undefined;
    if (group === undefined) continue;
    for (const alternative of group.alternatives) {
      for (const inner of paths(alternative, limit)) {
        if (result.length >= limit) break;
        const replaced: Node[] = node.kind === 'repeat' ? [{ kind: 'repeat', body: { kind: 'group', alternatives: [inner] }, min: node.min, max: node.max }] : inner;
        result.push([...sequence.slice(0, index), ...replaced, ...sequence.slice(index + 1)]);
      }
    }
  }
  return result;
}

/** Separators between repeated units: none, a space, a new line, a tab-indented continuation, a letter. */
export const SEPARATORS = ['', ' ', '\n', '\n\t', 'x'];

/** A text of about `size` characters, built the same way at every size. */
export interface Shape {
  /** Printable description, for failure messages. */
  name: string;
  build(size: number): string;
}

/** `unit` repeated to at least `size` characters. */
export function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length));
}

/** Shapes that push `regex` towards its worst case: repeated match prefixes and pumped quantifiers. */
export function adversarialShapes(regex: RegExp, maxShapes = 200): Shape[] {
  const shapes = new Map<string, Shape>();
  const add = (unit: string): void => {
    if (unit === '' || shapes.size >= maxShapes || shapes.has(unit)) return;
    shapes.set(unit, { name: `(${JSON.stringify(unit)})*`, build: (size) => repeatTo(unit, size) });
  };
  const addRun = (head: string, run: string): void => {
    const key = `${head}\u0000${run}`;
    if (run === '' || shapes.size >= maxShapes || shapes.has(key)) return;
    shapes.set(key, { name: `${JSON.stringify(head)} + (${JSON.stringify(run)})*`, build: (size) => head + repeatTo(run, Math.max(1, size - head.length)) });
  };
  const top = new Parser(regex.source).parse();
  for (const alternative of top) {
    for (const path of paths(alternative, 24)) {
      let prefix = '';
      for (const node of path) {
        if (node.kind === 'repeat' && node.max > 1) {
          // Pump the quantifier: one long run, and short runs cut off before the rest of the match.
          const body = sample(node.body);
          for (const separator of SEPARATORS) add(`${prefix}${body.repeat(8)}${separator}`);
          add(`${prefix}${body}`);
          addRun(prefix, body);
        }
        prefix += sample(node);
        for (const separator of SEPARATORS) add(`${prefix}${separator}`);
      }
    }
  }
  return [...shapes.values()];
}

/**
 * What makes a pattern's running time depend on more than its input's length, read from its syntax:
 * a quantifier without an upper bound (`*`, `+`, `{n,}`), or a repeated group that itself contains a
 * repetition (the classic cause of exponential backtracking). Empty when there is neither.
 */
export function unboundedRepetition(regex: RegExp): string[] {
  const problems: string[] = [];
  const visit = (node: Node, insideRepeat: boolean): void => {
    if (node.kind === 'group') {
      for (const alternative of node.alternatives) for (const child of alternative) visit(child, insideRepeat);
      return;
    }
    if (node.kind !== 'repeat') return;
    if (node.max === Infinity) problems.push(`unbounded repetition of ${JSON.stringify(sample(node.body))}`);
    if (insideRepeat && node.max > 1) problems.push(`nested repetition of ${JSON.stringify(sample(node.body))}`);
    visit(node.body, insideRepeat || node.max > 1);
  };
  for (const alternative of new Parser(regex.source).parse()) for (const node of alternative) visit(node, false);
  return problems;
}
