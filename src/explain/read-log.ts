/**
 * Turns a raw log stream into the blocks cmd/go printed. Reads in constant memory: the input is split
 * into lines as bytes, decoded one bounded region at a time, over-long lines are cut rather than
 * buffered whole, and only the current block is held. Lines are cleaned of ANSI colour, CR, control
 * characters and the prefixes CI systems and `docker build` add, then grouped: cmd/go indents the
 * details of one error with a tab, appends `server response:` bodies and, for checksum mismatches, an
 * unindented SECURITY ERROR paragraph.
 *
 * Build logs are mostly ordinary output, so `readBlocks` first runs a byte-level pre-scan (one
 * automaton over the literals every catalogue trigger requires, see `requiredLiterals`). A block none
 * of whose lines holds such a literal or a control character cannot match any trigger; it is marked
 * quiet so the engine skips it without running a regex. Building that automaton costs more than
 * reading a short log without it, so the pre-scan starts only once `prescanAfter` bytes were read.
 */
import { removeControlCharacters } from '../redact.js';
import { requiredLiterals } from './required-literals.js';
import { SCENARIOS } from '../scenarios/index.js';
import type { LogBlock } from '../scenarios/types.js';

/** Limits that keep memory constant whatever the input. */
export interface ReadLogOptions {
  /** Characters kept per line; the rest of a longer line is dropped. Default 8192. */
  maxLineLength?: number;
  /** Lines kept per block; further continuation lines are dropped. Default 200. */
  maxBlockLines?: number;
  /** Set false to skip the byte-level pre-scan (every block is then matched in full). Default true. */
  prescan?: boolean;
  /**
   * Bytes read before the pre-scan starts. Building its automaton costs about as much CPU as reading
   * 150 KB without it, so a short log is read without. Default PRESCAN_AFTER_BYTES.
   */
  prescanAfter?: number;
}

/** One input line after decoding, before cleaning. */
export interface RawLine {
  text: string;
  /** 1-based line number in the input. */
  number: number;
  /** True when the line was longer than maxLineLength and was cut. */
  truncated: boolean;
}

const DEFAULT_MAX_LINE = 8192;
const DEFAULT_MAX_BLOCK_LINES = 200;
// Bytes handled (and decoded) at once: bounds each intermediate string even when a source yields one
// huge chunk, while keeping per-call overhead negligible.
const SLICE_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;
// Bytes turned into blocks per step of readBlocks: small, so the blocks of one step die young
// instead of being promoted to the old generation by a scavenge that happens mid-step.
const FILL_BYTES = 16 * 1024;
/**
 * Where the pre-scan starts by default. Building the catalogue's automaton costs about 100 M
 * instructions (a fifth of Node's start-up); reading ordinary build output without it costs about as
 * much per 150 KB, every line then being cleaned in full and every block matched. A log shorter than
 * this is usually one command's stderr and is read without it.
 */
export const PRESCAN_AFTER_BYTES = 64 * 1024;

/** Marker appended to a line that was cut, so the report shows that text is missing. */
export const TRUNCATION_MARK = ' […truncated]';

// ---------------------------------------------------------------------------------------------------
// The pre-scan automaton.

// Assertion kinds around a literal.
const NO_ASSERTION = 0;
const WORD_BOUNDARY = 1;
const NOT_WORD_BOUNDARY = 2;
// A CR is harmless only right before the LF that ends its line (cleaning drops it).
const CR_CHECK = 3;

// Transition table entries: a state number, the state number plus OUTPUT when some literal ends
// there, or END_OF_LINE for a newline from any state.
const OUTPUT = 0x8000;
const END_OF_LINE = 0xffff;
const MAX_STATES = 0x7fff;
// A byte no literal contains: stands for every character above U+00FF when scanning strings.
const OTHER_BYTE = 0xff;

// Pseudo-literals for control characters (trigger index -1: they belong to no trigger).
const CONTROL_BYTES = [...Array.from({ length: 0x20 }, (_, byte) => byte).filter((byte) => byte !== 0x09 && byte !== 0x0a && byte !== 0x0d), 0x7f];
const C1_TAILS = Array.from({ length: 0x20 }, (_, offset) => 0x80 + offset);

const WORD_BYTES = (() => {
  const table = new Uint8Array(256);
  for (let byte = 0; byte < 0x80; byte++) if (/\w/.test(String.fromCharCode(byte))) table[byte] = 1;
  return table;
})();

interface ScanLiteral {
  /** Byte alternatives per position (ASCII letters folded by the table, not here). */
  bytes: number[][];
  before: number;
  after: number;
  /** Index of the trigger it stands for, or -1 for a control character. */
  trigger: number;
}

/**
 * A multi-literal automaton (Aho–Corasick, ASCII case folded) over raw log bytes. It reports every
 * line holding one of the literals the triggers require with the `\b`/`\B` written around it
 * satisfied, and every line holding a control character (cleaning removes those and could join text
 * into a trigger). Lines it does not report cannot make any covered trigger match. The same automaton
 * tells the engine which triggers are worth running on a block's text.
 */
export class TriggerScanner {
  private readonly index = new Map<string, number>();
  private readonly triggerCount: number;
  // next = table[state << 8 | byte]
  private readonly table: Uint16Array;
  private readonly outputs: readonly (readonly number[])[];
  private readonly literals: readonly ScanLiteral[];

  private constructor(triggers: readonly RegExp[]) {
    const literals: ScanLiteral[] = [];
    const assertion = (which: 'b' | 'B' | undefined): number => (which === 'b' ? WORD_BOUNDARY : which === 'B' ? NOT_WORD_BOUNDARY : NO_ASSERTION);
    let count = 0;
    for (const trigger of triggers) {
      const key = triggerKey(trigger);
      if (this.index.has(key)) continue;
      const required = requiredLiterals(trigger);
      if (required === undefined) continue;
      const index = count++;
      this.index.set(key, index);
      for (const literal of required) {
        const bytes = [...literal.text].map((ch) => [ch.charCodeAt(0)]);
        literals.push({ bytes, before: assertion(literal.before), after: assertion(literal.after), trigger: index });
      }
    }
    this.triggerCount = count;
    // JSON-escaped text (`\n`, `\"`): unescaping (see unescapeJsonLine) can make a trigger match; a
    // hidden e-mail address (`[email protected]`) is rewritten by cleanLine.
    literals.push({ bytes: [[0x5c], [0x6e]], before: NO_ASSERTION, after: NO_ASSERTION, trigger: -1 });
    literals.push({ bytes: [[0x5c], [0x22]], before: NO_ASSERTION, after: NO_ASSERTION, trigger: -1 });
    literals.push({ bytes: [...'[email'].map((ch) => [ch.charCodeAt(0)]), before: NO_ASSERTION, after: NO_ASSERTION, trigger: -1 });
    literals.push({ bytes: [CONTROL_BYTES], before: NO_ASSERTION, after: NO_ASSERTION, trigger: -1 });
    literals.push({ bytes: [[0x0d]], before: NO_ASSERTION, after: CR_CHECK, trigger: -1 });
    literals.push({ bytes: [[0xc2], C1_TAILS], before: NO_ASSERTION, after: NO_ASSERTION, trigger: -1 });
    this.literals = literals;

    // Bytes that behave alike share a class while the trie is built: an ASCII letter and its upper
    // case, or a group of alternatives (the controls, the C1 tails).
    const classOf = new Int32Array(256).fill(-1);
    const bytesOf: number[][] = [];
    const positionClass = (alternatives: readonly number[]): number => {
      const first = alternatives[0] as number;
      const existing = classOf[first] as number;
      if (existing >= 0) return existing;
      const members = alternatives.length === 1 && first >= 0x61 && first <= 0x7a ? [first, first - 0x20] : [...alternatives];
      for (const byte of members) classOf[byte] = bytesOf.length;
      bytesOf.push(members);
      return bytesOf.length - 1;
    };
    const children: Map<number, number>[] = [new Map()];
    const own: number[][] = [[]];
    literals.forEach((literal, index) => {
      let state = 0;
      for (const alternatives of literal.bytes) {
        const cls = positionClass(alternatives);
        let next = children[state]?.get(cls);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          own.push([]);
          children[state]?.set(cls, next);
        }
        state = next;
      }
      own[state]?.push(index);
    });
    const states = children.length;
    this.table = new Uint16Array(states <= MAX_STATES ? states * 256 : 256);
    if (states > MAX_STATES) {
      // Too many literals for the table: cover nothing and report every line.
      this.index.clear();
      this.triggerCount = 0;
      this.outputs = [[literals.length - 3]];
      this.table.fill(OUTPUT);
      this.table[0x0a] = END_OF_LINE;
      return;
    }

    // Breadth first, so a state's failure state (always shallower) is complete before it: a state's
    // row is its failure state's row with its own children written over it.
    const table = this.table;
    const fail = new Int32Array(states);
    const outputs: number[][] = own.map((list) => [...list]);
    const entry = (child: number): number => (outputs[child]?.length ?? 0) > 0 ? child | OUTPUT : child;
    const queue: number[] = [0];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] as number;
      const failState = fail[state] as number;
      if (state === 0) table[0x0a] = END_OF_LINE;
      else table.copyWithin(state << 8, failState << 8, (failState << 8) + 256);
      for (const [cls, child] of children[state] ?? []) {
        const members = bytesOf[cls] as number[];
        // A child's failure state is where the failure state's row leads on the same class.
        const childFail = state === 0 ? 0 : (table[(failState << 8) | (members[0] as number)] as number) & ~OUTPUT;
        fail[child] = childFail;
        for (const literal of outputs[childFail] ?? []) outputs[child]?.push(literal);
        for (const byte of members) table[(state << 8) | byte] = entry(child);
        queue.push(child);
      }
    }
    this.outputs = outputs;
  }

  /** A scanner for these triggers; triggers whose literals cannot be worked out are not covered. */
  static forTriggers(triggers: readonly RegExp[]): TriggerScanner {
    return new TriggerScanner(triggers);
  }

  private static catalogue: TriggerScanner | undefined;

  /** The scanner for the whole catalogue, built once. */
  static forCatalogue(): TriggerScanner {
    TriggerScanner.catalogue ??= new TriggerScanner(SCENARIOS.map((scenario) => scenario.trigger));
    return TriggerScanner.catalogue;
  }

  /**
   * The catalogue's scanner if something has built it already (a reader past `prescanAfter` bytes),
   * else undefined: a caller with little text to look at runs the triggers rather than build it.
   */
  static catalogueIfBuilt(): TriggerScanner | undefined {
    return TriggerScanner.catalogue;
  }

  /** Whether a line this scanner passes as quiet can never match `trigger`. */
  covers(trigger: RegExp): boolean {
    return this.index.has(triggerKey(trigger));
  }

  /** The position of `trigger` in the flags `possibleTriggers` returns; -1 when it is not covered. */
  triggerIndex(trigger: RegExp): number {
    return this.index.get(triggerKey(trigger)) ?? -1;
  }

  /**
   * Scans `bytes[start, end)`, which starts at a line start and ends with a newline, and returns the
   * indices (0-based, relative to `start`) of the lines that hold a literal or a control character.
   */
  scan(bytes: Uint8Array, start: number, end: number): number[] {
    // Two halves, each starting at a line start, walked in one loop: each step's table lookup waits
    // on the previous one, so two independent walks overlap instead of queueing.
    const split = end - start >= 4096 ? bytes.indexOf(0x0a, start + ((end - start) >> 1)) + 1 : end;
    const middle = split <= start || split > end ? end : split;
    const hits: number[] = [];
    const later: number[] = [];
    const table = this.table;
    let a = start;
    let stateA = 0;
    let lineA = 0;
    let b = middle;
    let stateB = 0;
    let lineB = 0;
    while (a < middle && b < end) {
      stateA = table[(stateA << 8) | (bytes[a++] as number)] as number;
      stateB = table[(stateB << 8) | (bytes[b++] as number)] as number;
      if ((stateA | stateB) < OUTPUT) continue;
      if (stateA === END_OF_LINE) {
        lineA += 1;
        stateA = 0;
      } else if (stateA >= OUTPUT) {
        stateA -= OUTPUT;
        if (this.acceptsBytes(stateA, bytes, a - 1, start, end)) {
          hits.push(lineA);
          a = this.nextLine(bytes, a, middle);
          lineA += 1;
          stateA = 0;
        }
      }
      if (stateB === END_OF_LINE) {
        lineB += 1;
        stateB = 0;
      } else if (stateB >= OUTPUT) {
        stateB -= OUTPUT;
        if (this.acceptsBytes(stateB, bytes, b - 1, start, end)) {
          later.push(lineB);
          b = this.nextLine(bytes, b, end);
          lineB += 1;
          stateB = 0;
        }
      }
    }
    lineA = this.scanRest(bytes, a, middle, stateA, lineA, start, end, hits);
    this.scanRest(bytes, b, end, stateB, lineB, start, end, later);
    // Every line of the first half ends within it, so its line count is where the second half starts.
    for (const line of later) hits.push(line + lineA);
    return hits;
  }

  // The position after the newline that ends the line holding `from - 1` (or `limit`).
  private nextLine(bytes: Uint8Array, from: number, limit: number): number {
    const newline = bytes.indexOf(0x0a, from);
    return newline < 0 || newline >= limit ? limit : newline + 1;
  }

  // One walk alone from `i` to `limit`, continuing in `state`; returns the line count reached.
  private scanRest(bytes: Uint8Array, from: number, limit: number, initial: number, firstLine: number, start: number, end: number, hits: number[]): number {
    const table = this.table;
    let state = initial;
    let line = firstLine;
    let i = from;
    while (i < limit) {
      state = table[(state << 8) | (bytes[i++] as number)] as number;
      if (state < OUTPUT) continue;
      if (state === END_OF_LINE) {
        line += 1;
        state = 0;
        continue;
      }
      state -= OUTPUT;
      if (this.acceptsBytes(state, bytes, i - 1, start, end)) {
        hits.push(line);
        i = this.nextLine(bytes, i, limit);
        line += 1;
        state = 0;
      }
    }
    return line;
  }

  // Whether one of the literals ending at bytes[i] has its assertions satisfied.
  private acceptsBytes(state: number, bytes: Uint8Array, i: number, start: number, end: number): boolean {
    for (const index of this.outputs[state] ?? []) {
      const literal = this.literals[index] as ScanLiteral;
      const first = i - literal.bytes.length + 1;
      if (literal.before !== NO_ASSERTION) {
        const outside = first > start ? (WORD_BYTES[bytes[first - 1] as number] as number) : 0;
        if ((outside !== WORD_BYTES[bytes[first] as number]) !== (literal.before === WORD_BOUNDARY)) continue;
      }
      if (literal.after === CR_CHECK) {
        if (i + 1 < end && bytes[i + 1] !== 0x0a) return true;
        continue;
      }
      if (literal.after !== NO_ASSERTION) {
        const outside = i + 1 < end ? (WORD_BYTES[bytes[i + 1] as number] as number) : 0;
        if ((outside !== WORD_BYTES[bytes[i] as number]) !== (literal.after === WORD_BOUNDARY)) continue;
      }
      return true;
    }
    return false;
  }

  /**
   * Which covered triggers `text` holds a required literal of (flags indexed by `triggerIndex`). A
   * trigger whose flag is 0 cannot match `text`.
   */
  possibleTriggers(text: string): Uint8Array {
    const found = new Uint8Array(this.triggerCount);
    const table = this.table;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      state = table[(state << 8) | (code < 0x100 ? code : OTHER_BYTE)] as number;
      if (state < OUTPUT) continue;
      if (state === END_OF_LINE) {
        state = 0;
        continue;
      }
      state -= OUTPUT;
      for (const index of this.outputs[state] ?? []) {
        const literal = this.literals[index] as ScanLiteral;
        if (literal.trigger < 0 || found[literal.trigger] === 1) continue;
        const first = i - literal.bytes.length + 1;
        if (literal.before !== NO_ASSERTION) {
          const boundary = wordAt(text, first - 1) !== wordAt(text, first);
          if (boundary !== (literal.before === WORD_BOUNDARY)) continue;
        }
        if (literal.after !== NO_ASSERTION) {
          const boundary = wordAt(text, i) !== wordAt(text, i + 1);
          if (boundary !== (literal.after === WORD_BOUNDARY)) continue;
        }
        found[literal.trigger] = 1;
      }
    }
    return found;
  }
}

// JavaScript's \b word characters (ASCII only without the u flag); outside the string is not a word.
function wordAt(text: string, index: number): number {
  const code = index >= 0 && index < text.length ? text.charCodeAt(index) : 0x20;
  return code < 0x80 ? (WORD_BYTES[code] as number) : 0;
}

function triggerKey(trigger: RegExp): string {
  return `/${trigger.source}/${trigger.flags}`;
}

// ---------------------------------------------------------------------------------------------------
// Splitting bytes into lines.

/**
 * Receives each line: its raw text, number, whether it was cut, and the scanner whose pre-scan passed
 * it as quiet (undefined when a scan found something in it or none ran).
 */
type LineSink = (text: string, number: number, truncated: boolean, quietFor: TriggerScanner | undefined) => void;

/** When a LineSplitter starts its pre-scan: after `after` bytes, with the scanner `build` returns. */
interface Prescan {
  after: number;
  build: () => TriggerScanner;
  /** Called once with the scanner when the pre-scan starts. */
  started?: (scanner: TriggerScanner) => void;
}

/**
 * Splits a byte stream into lines in bounded memory. Complete lines are decoded a region (up to
 * SLICE_BYTES) at a time; a line that spans chunks is carried as bytes, and only the bytes that can
 * still fall within maxLineLength characters are kept.
 */
class LineSplitter {
  // UTF-8 with U+FFFD for invalid bytes; the stream's leading BOM is removed by hand (see push), so
  // a BOM at the start of a later region is kept, as a streaming decoder would keep it.
  private readonly decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  private readonly keepBytes: number;
  private carry: Uint8Array = new Uint8Array(0);
  private carryLength = 0;
  private carryOverflow = false;
  private head: number[] | undefined = [];
  private number = 0;
  // Bytes taken in so far, and the scanner once the pre-scan has started.
  private bytesRead = 0;
  private scanner: TriggerScanner | undefined;

  constructor(
    private readonly maxLineLength: number,
    private readonly prescan: Prescan | undefined,
    private readonly sink: LineSink,
  ) {
    // Every UTF-16 unit takes at most 3 bytes, so this many bytes always decode to more than
    // maxLineLength characters before an incomplete final sequence.
    this.keepBytes = 3 * (Math.max(0, maxLineLength) + 1) + 3;
  }

  push(chunk: Uint8Array): void {
    this.bytesRead += chunk.byteLength;
    if (this.scanner === undefined && this.prescan !== undefined && this.bytesRead >= this.prescan.after) {
      this.scanner = this.prescan.build();
      this.prescan.started?.(this.scanner);
    }
    // A plain Uint8Array view, so the scanner's loop only ever sees one array type.
    let bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.head !== undefined) {
      // Wait for three bytes to tell whether the stream starts with a BOM.
      if (this.head.length + bytes.length < 3) {
        for (const byte of bytes) this.head.push(byte);
        return;
      }
      const joined = new Uint8Array(this.head.length + bytes.length);
      joined.set(this.head, 0);
      joined.set(bytes, this.head.length);
      this.head = undefined;
      bytes = joined[0] === 0xef && joined[1] === 0xbb && joined[2] === 0xbf ? joined.subarray(3) : joined;
    }
    for (let offset = 0; offset < bytes.length; offset += SLICE_BYTES) {
      this.slice(bytes.subarray(offset, Math.min(bytes.length, offset + SLICE_BYTES)));
    }
  }

  end(): void {
    if (this.head !== undefined) {
      const head = Uint8Array.from(this.head);
      this.head = undefined;
      if (head.length > 0) this.slice(head);
    }
    if (this.carryLength > 0) this.emitCarry();
  }

  private slice(bytes: Uint8Array): void {
    let position = 0;
    if (this.carryLength > 0) {
      const newline = bytes.indexOf(NEWLINE);
      if (newline < 0) {
        this.appendCarry(bytes, 0, bytes.length);
        return;
      }
      this.appendCarry(bytes, 0, newline);
      this.emitCarry();
      position = newline + 1;
    }
    const last = bytes.lastIndexOf(NEWLINE);
    if (last >= position) {
      this.region(bytes, position, last + 1);
      position = last + 1;
    }
    if (position < bytes.length) this.appendCarry(bytes, position, bytes.length);
  }

  private appendCarry(bytes: Uint8Array, from: number, to: number): void {
    // Called only with bytes for a new line, so carryLength > 0 means "a line is open".
    if (to <= from) return;
    const room = this.keepBytes - this.carryLength;
    const take = Math.min(room, to - from);
    if (take < to - from) this.carryOverflow = true;
    if (take <= 0) return;
    if (this.carry.length < this.carryLength + take) {
      const grown = new Uint8Array(Math.min(this.keepBytes, Math.max(2 * this.carry.length, this.carryLength + take, 256)));
      grown.set(this.carry.subarray(0, this.carryLength));
      this.carry = grown;
    }
    this.carry.set(bytes.subarray(from, from + take), this.carryLength);
    this.carryLength += take;
  }

  // The carried line is complete (or the input ended): decode what was kept and hand it on.
  private emitCarry(): void {
    const text = this.decoder.decode(this.carry.subarray(0, this.carryLength));
    const truncated = this.carryOverflow || text.length > this.maxLineLength;
    this.carryLength = 0;
    this.carryOverflow = false;
    if (this.carry.length > 64 * 1024) this.carry = new Uint8Array(0);
    this.number += 1;
    this.sink(truncated ? text.slice(0, Math.max(0, this.maxLineLength)) : text, this.number, truncated, undefined);
  }

  // Complete lines: bytes[start, end) begins at a line start and ends with a newline.
  private region(bytes: Uint8Array, start: number, end: number): void {
    const text = this.decoder.decode(bytes.subarray(start, end));
    const scanner = this.scanner;
    const hits = scanner?.scan(bytes, start, end);
    let nextHit = hits !== undefined && hits.length > 0 ? (hits[0] as number) : -1;
    let hitIndex = 0;
    const max = this.maxLineLength;
    const length = text.length;
    let position = 0;
    let index = 0;
    while (position < length) {
      let newline = text.indexOf('\n', position);
      if (newline < 0) newline = length;
      let quietFor = scanner;
      if (index === nextHit) {
        quietFor = undefined;
        hitIndex += 1;
        nextHit = hits !== undefined && hitIndex < hits.length ? (hits[hitIndex] as number) : -1;
      }
      this.number += 1;
      if (newline - position > max) {
        this.sink(text.slice(position, position + Math.max(0, max)), this.number, true, undefined);
      } else {
        this.sink(text.slice(position, newline), this.number, false, quietFor);
      }
      position = newline + 1;
      index += 1;
    }
  }
}

/**
 * Splits a byte stream into lines (LF; a CR before it is removed when cleaning), decoding UTF-8 with
 * replacement characters for invalid bytes. A line longer than `maxLineLength` keeps only its start.
 */
export async function* readLines(source: AsyncIterable<Uint8Array>, options: ReadLogOptions = {}): AsyncGenerator<RawLine> {
  let batch: RawLine[] = [];
  const splitter = new LineSplitter(options.maxLineLength ?? DEFAULT_MAX_LINE, undefined, (text, number, truncated) => {
    batch.push({ text, number, truncated });
  });
  for await (const chunk of source) {
    // In steps, so a huge chunk never turns into a huge batch of lines.
    for (let offset = 0; offset < chunk.length; ) {
      const end = stepEnd(chunk, offset);
      splitter.push(chunk.subarray(offset, end));
      offset = end;
      const lines = batch;
      batch = [];
      yield* lines;
    }
  }
  splitter.end();
  yield* batch;
}

// ---------------------------------------------------------------------------------------------------
// Cleaning one line.

// Prefixes added in front of every line by CI systems and build tools. Each is removed at most once,
// in this order, so a prefix stack such as "timestamp + ##[error]" is handled. Sticky, so a test
// leaves the prefix length in lastIndex.
// GitHub Actions raw logs and GitLab (`2024-05-01T12:00:00.1234567Z `; GitLab adds a stream marker `00O `/`01E+ `).
const TIMESTAMP_PREFIX = /^\uFEFF?\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2}) (?:\d{2}[OE]\+? )?/y;
// Jenkins timestamper and similar: `[2024-05-01T12:00:00.123Z] `, `[12:00:00] `.
const BRACKET_TIME_PREFIX = /^\[(?:\d{4}-\d{2}-\d{2}[T ])?\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?\] ?/y;
// GitHub Actions workflow commands: `##[error]`, `::error::`, `::error file=x::`.
const WORKFLOW_PREFIX = /^##\[[a-z]{1,16}\]/y;
const WORKFLOW_COMMAND_PREFIX = /^::(?:error|warning|notice|debug)[^:]{0,1000}::/y;
// docker build (BuildKit plain progress): `#12 3.456 `.
const BUILDKIT_PREFIX = /^#\d{1,6} \d{1,6}(?:\.\d{1,6})?(?: |$)/y;
// BuildKit's error summary box: `0.482 go: …`.
const BUILDKIT_SUMMARY_PREFIX = /^\d{1,6}\.\d{1,6}(?: (?=\S|\t)|$)/y;
// docker compose: `service-1  | ` (also dependabot's `updater | `).
const COMPOSE_PREFIX = /^[A-Za-z0-9][\w.-]{0,63}\s{1,64}\| /y;
// A tool's tag: buildpacks' lifecycle phases (`[builder] `), Jenkins' `[Pipeline] `, `[INFO] `.
const TOOL_TAG_PREFIX = /^\[[A-Za-z][\w-]{1,15}\] /y;
// Bazel with --show_timestamps: `(12:00:00) `.
const BAZEL_TIME_PREFIX = /^\(\d{2}:\d{2}:\d{2}\) /y;
// A quoted line: Markdown's `> ` and Nix's build log excerpt (`       > go: …`).
const QUOTE_PREFIX = /^ {0,8}>(?: |$)/y;
// What web pages that hide e-mail addresses show instead of `name@host` (Cloudflare's e-mail
// protection turns `lib@v1.2.3` in a URL into this): the text around `@` is lost, so it becomes `…@…`.
const HIDDEN_EMAIL = '[email\u00a0protected]';
const HIDDEN_EMAIL_SPACE = '[email protected]';

const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;
const isAlphanumeric = (code: number): boolean => isDigit(code) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);

/** `line` without the spaces and tabs at its end (a loop: a regex anchored at `$` rescans every blank run). */
function trimBlanksEnd(line: string): string {
  let end = line.length;
  for (let code = line.charCodeAt(end - 1); code === 0x20 || code === 0x09; code = line.charCodeAt(end - 1)) end -= 1;
  return end === line.length ? line : line.slice(0, end);
}

// The line without the prefix `pattern` matches at its start, or the line itself.
function stripPrefix(line: string, pattern: RegExp): string {
  pattern.lastIndex = 0;
  return pattern.test(line) ? line.slice(pattern.lastIndex) : line;
}

const HAS_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/**
 * Removes the CI/docker prefixes and trailing blanks from a line that holds no control character.
 * Each prefix is only tried when the line starts with a character the prefix can start with, so most
 * lines run no regex at all.
 */
function cleanPlainLine(text: string): string {
  let line = text;
  let first = line.charCodeAt(0);
  if (first === 0xfeff || isDigit(first)) {
    line = stripPrefix(line, TIMESTAMP_PREFIX);
    first = line.charCodeAt(0);
  }
  if (first === 0x5b /* [ */) {
    line = stripPrefix(line, BRACKET_TIME_PREFIX);
    first = line.charCodeAt(0);
  }
  if (first === 0x5b /* [ */) {
    line = stripPrefix(line, TOOL_TAG_PREFIX);
    first = line.charCodeAt(0);
  }
  if (first === 0x28 /* ( */) {
    line = stripPrefix(line, BAZEL_TIME_PREFIX);
    first = line.charCodeAt(0);
  }
  if (first === 0x23 /* # */) {
    line = stripPrefix(line, WORKFLOW_PREFIX);
    first = line.charCodeAt(0);
  }
  if (first === 0x3a /* : */) {
    line = stripPrefix(line, WORKFLOW_COMMAND_PREFIX);
    first = line.charCodeAt(0);
  }
  if (first === 0x23 /* # */) {
    line = stripPrefix(line, BUILDKIT_PREFIX);
    first = line.charCodeAt(0);
  }
  if (isDigit(first)) {
    line = stripPrefix(line, BUILDKIT_SUMMARY_PREFIX);
    first = line.charCodeAt(0);
  }
  if (isAlphanumeric(first) && line.includes('| ')) {
    line = stripPrefix(line, COMPOSE_PREFIX);
    first = line.charCodeAt(0);
  }
  if (first === 0x3e /* > */ || (first === 0x20 && quotedAfterSpaces(line))) {
    line = stripPrefix(line, QUOTE_PREFIX);
    first = line.charCodeAt(0);
  }
  // A line of only a tab is cmd/go indenting an empty line of a quoted message: keep it as a continuation.
  if (first === 0x09 && line.trim() === '') return '\t';
  return trimBlanksEnd(line);
}

// A JSON string holding go's stderr (`"stderr": "go: …\ngo: …\n"`), as IDE tool installers and linters
// print it: only unescaped when an escaped newline ends go's line or starts another.
const JSON_LINE_BREAK = /\\n(?:go[ :]|\\t|verifying |"|$)/;

/**
 * The lines a JSON-escaped line holds, unescaped (`\n` splits, `\t`, `\"`, `\\` and `\u00XX` are
 * decoded); undefined for any other line. The pre-scan reports lines with `\n` or `\"`, so these are
 * never skipped as quiet.
 */
export function unescapeJsonLine(line: string): string[] | undefined {
  if (!line.includes('\\n') || !JSON_LINE_BREAK.test(line)) return undefined;
  let text = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line.charAt(i);
    if (ch !== '\\' || i + 1 >= line.length) {
      text += ch;
      continue;
    }
    const next = line.charAt(i + 1);
    i += 1;
    if (next === 'n') text += '\n';
    else if (next === 't') text += '\t';
    else if (next === 'r') text += '';
    else if (next === '"' || next === '\\' || next === '/') text += next;
    else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(line.slice(i + 1, i + 5))) {
      const code = Number.parseInt(line.slice(i + 1, i + 5), 16);
      // Control characters stay out, as everywhere else in a cleaned line.
      if (code >= 0x20 && (code < 0x7f || code > 0x9f)) text += String.fromCharCode(code);
      i += 4;
    } else text += `\\${next}`;
  }
  return text.split('\n').map(trimBlanksEnd);
}

// Whether a line that starts with a space has QUOTE_PREFIX's `>` within its first nine characters.
function quotedAfterSpaces(line: string): boolean {
  for (let i = 1; i < 9 && i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code !== 0x20) return code === 0x3e;
  }
  return false;
}

/**
 * Cleans one line: removes ANSI escape sequences, CR and other control characters (tabs stay), then
 * the CI/docker prefixes, and trailing spaces. A hidden e-mail address becomes `…@…` (the pre-scan
 * reports lines holding one, so quiet lines need no look).
 */
export function cleanLine(raw: string): string {
  const line = cleanPlainLine(HAS_CONTROL.test(raw) ? removeControlCharacters(raw) : raw);
  return line.includes('[email') ? line.replaceAll(HIDDEN_EMAIL_SPACE, '…@…').replaceAll(HIDDEN_EMAIL, '…@…') : line;
}

// A line the pre-scan passed holds no control character except, perhaps, the CR of a CRLF.
function cleanQuietLine(raw: string): string {
  return cleanPlainLine(raw.charCodeAt(raw.length - 1) === 0x0d ? raw.slice(0, -1) : raw);
}

// ---------------------------------------------------------------------------------------------------
// Grouping lines into blocks.

// Unindented lines cmd/go prints inside one error: the SECURITY ERROR paragraph
// (go1.23 src/cmd/go/internal/modfetch/fetch.go:975-993) and git's help text
// (go1.23 src/cmd/go/internal/modfetch/codehost/git.go:254-256).
const PARAGRAPH_LINES =
  /^(?:SECURITY ERROR$|This download does NOT match |The bits may have been replaced on the origin server|have intercepted the download attempt\.|For more information, see 'go help module-auth'\.|Confirm the import path was entered correctly\.|If this is a private repository, see )/;

function isParagraphLine(line: string): boolean {
  // Only lines starting with a first letter of PARAGRAPH_LINES' alternatives (S, T, h, F, C, I) can match.
  switch (line.charCodeAt(0)) {
    case 0x53:
    case 0x54:
    case 0x68:
    case 0x46:
    case 0x43:
    case 0x49:
      return PARAGRAPH_LINES.test(line);
    default:
      return false;
  }
}

const TEST_LOG_LINE = /^ {1,32}[\w.-]{1,255}\.go:\d{1,9}: /;

/** Whether a cleaned line continues the block before it. */
export function isContinuation(line: string): boolean {
  const first = line.charCodeAt(0);
  if (first === 0x09) return true;
  // `go test` indents t.Log/t.Error output with spaces ("    server_test.go:30: …"): that starts the
  // test's own message, which must not be read as details of the go error printed before it.
  if (first === 0x20) return !TEST_LOG_LINE.test(line);
  if (first === 0x73) return line.startsWith('server response:');
  return isParagraphLine(line);
}

// A line at least this long that ends mid-word was probably cut by a terminal's width, not by go.
const WRAP_WIDTH = 60;
// The head of a go error about a module: `go: …`, `go get M: …`, `M@V: …`, `X: M@V: …`, `package P: …`
// (go1.23 src/cmd/go/internal/base/base.go Errorf, src/cmd/vendor/golang.org/x/mod/module/module.go:157-165),
// not a progress line such as `go: downloading …`.
const FETCH_ERROR_HEAD =
  /^(?:go(?: [a-z][\w-]{0,19})?(?: [^\s:]{1,300})?: (?!downloading |finding |extracting |added |upgraded |downgraded |removed |found |upgrade )|package [^\s:]{1,300}: |verifying |[^\s@:]{1,300}@[^\s:]{1,128}: |[^\s:]{1,300}: [^\s@:]{1,300}@)/;
// Lines that begin something new: go's heads, file positions, shell prompts, test and build markers, and
// the prefixes other tools print their own messages with (`make: *** …`, `fatal: …`).
const BLOCK_START =
  /^(?:go(?: [a-z][\w-]{0,19})?(?: [^\s:]{1,300})?: |verifying |package |[#$>[]|PS [A-Za-z]:|--- |=== |ok |FAIL|PASS|panic|goroutine |[^\s:]{1,300}\.go:\d|[^\s@:]{1,300}@[^\s:]{1,128}: |(?:make|gmake|error|warning|fatal|note|hint|remote|info|debug|npm|yarn|docker|bash|sh|zsh)(?:\[\d{1,4}\])?: )/;

/**
 * Whether `line`, which does not start with a tab or space, is the rest of the line or message before
 * it that lost its break on the way (a terminal's width, a page that dropped the tab of go's detail
 * lines): `wrap` when the block's last line was cut mid-word at a terminal's width and `line` goes on
 * in lower case (or with `(`), `detail` when the last line ends with the `:` go puts before a
 * tab-indented detail. Only inside a go error about a module (`head`), and never for a line that
 * starts something of its own.
 */
export function joinsPreviousLine(head: string, last: string, line: string): 'wrap' | 'detail' | undefined {
  const end = last.charCodeAt(last.length - 1);
  const first = line.charCodeAt(0);
  let join: 'wrap' | 'detail';
  if (end === 0x3a /* : */) join = 'detail';
  else if (last.length >= WRAP_WIDTH && (isAlphanumeric(end) || end === 0x22 /* " */) && ((first >= 0x61 && first <= 0x7a) || first === 0x28 /* ( */)) join = 'wrap';
  else return undefined;
  if (first === 0x20 || first === 0x09 || BLOCK_START.test(line)) return undefined;
  return FETCH_ERROR_HEAD.test(head) ? join : undefined;
}

/**
 * A block every line of which the pre-scan passed: no covered trigger can match it. The scanner is
 * kept private, so the block compares equal to a plain `LogBlock` with the same lines.
 */
class QuietBlock implements LogBlock {
  readonly #scanner: TriggerScanner;

  constructor(
    readonly lines: readonly string[],
    readonly text: string,
    readonly firstLine: number,
    scanner: TriggerScanner,
  ) {
    this.#scanner = scanner;
  }

  static scannerOf(block: LogBlock): TriggerScanner | undefined {
    return block instanceof QuietBlock ? block.#scanner : undefined;
  }
}

/**
 * The scanner that found `block` free of its literals, if `readBlocks` produced it and the pre-scan
 * passed every line; the engine may then skip the triggers that scanner covers.
 */
export function quietBlockScanner(block: LogBlock): TriggerScanner | undefined {
  return QuietBlock.scannerOf(block);
}

/**
 * Groups cleaned lines into blocks. Pushing a line returns the blocks it completed (zero or one);
 * `flush` returns the last one. Blank lines end a block unless the SECURITY ERROR paragraph follows.
 */
export class BlockAssembler {
  private lines: string[] = [];
  private firstLine = 0;
  private pendingBlanks = 0;
  // Whether every line of the open block passed the pre-scan of `scanner`.
  private quiet = false;
  private scanner: TriggerScanner | undefined;
  private readonly maxBlockLines: number;
  // When set, quiet blocks are counted instead of being built (see countQuietBlocks).
  private counting = false;
  private counted = 0;

  constructor(options: ReadLogOptions = {}) {
    this.maxBlockLines = options.maxBlockLines ?? DEFAULT_MAX_BLOCK_LINES;
  }

  /**
   * From now on, count blocks the pre-scan proved quiet instead of building them; for a caller that
   * has checked the scanner covers every trigger it would run.
   */
  countQuietBlocks(): void {
    this.counting = true;
  }

  /** How many quiet blocks were counted instead of built. */
  get quietBlocksCounted(): number {
    return this.counted;
  }

  /** Adds one cleaned line with its input line number. */
  push(line: string, number: number): LogBlock[] {
    const done: LogBlock[] = [];
    this.accept(line, number, false, undefined, done);
    return done;
  }

  /**
   * Adds one cleaned line, appending any completed block to `out`. `quiet` says the pre-scan of
   * `scanner` found nothing in the line's raw bytes. (Used by readBlocks; avoids an array per line.)
   */
  accept(line: string, number: number, quiet: boolean, scanner: TriggerScanner | undefined, out: LogBlock[]): void {
    // An empty line holds no literal, so it never changes whether the block is quiet.
    if (line === '') {
      if (this.lines.length > 0) this.pendingBlanks += 1;
      return;
    }
    const open = this.lines.length > 0;
    let continues = open && (this.pendingBlanks === 0 ? isContinuation(line) : isParagraphLine(line));
    if (!continues && open && this.pendingBlanks === 0) {
      const last = this.lines[this.lines.length - 1] as string;
      const join = joinsPreviousLine(this.lines[0] as string, last, line);
      if (join === 'wrap') {
        this.lines[this.lines.length - 1] = `${last} ${line}`;
        if (!quiet || scanner !== this.scanner) this.quiet = false;
        return;
      }
      continues = join === 'detail';
    }
    if (continues) {
      for (let i = 0; i < this.pendingBlanks; i++) this.add('');
      this.pendingBlanks = 0;
      this.add(line);
      if (!quiet || scanner !== this.scanner) this.quiet = false;
      return;
    }
    if (open) this.complete(out);
    this.lines = [line];
    this.firstLine = number;
    this.quiet = quiet && scanner !== undefined;
    this.scanner = scanner;
  }

  /** Ends the current block, if any, and returns it. */
  flush(): LogBlock[] {
    const done: LogBlock[] = [];
    if (this.lines.length > 0) this.complete(done);
    this.lines = [];
    this.pendingBlanks = 0;
    return done;
  }

  // Emits the open block; the caller replaces `lines`.
  private complete(out: LogBlock[]): void {
    const lines = this.lines;
    this.pendingBlanks = 0;
    if (this.quiet && this.scanner !== undefined) {
      if (this.counting) this.counted += 1;
      else out.push(new QuietBlock(lines, lines.length === 1 ? (lines[0] as string) : lines.join('\n'), this.firstLine, this.scanner));
      return;
    }
    out.push({ lines, text: lines.length === 1 ? (lines[0] as string) : lines.join('\n'), firstLine: this.firstLine });
  }

  private add(line: string): void {
    if (this.lines.length < this.maxBlockLines) this.lines.push(line);
  }
}

/**
 * Cleans one raw line and hands it to the assembler; a JSON-escaped line is handed on as the lines it
 * holds, all with its line number. Lines the pre-scan of `quietFor` passed hold no escape (it reports
 * those).
 */
function acceptRawLine(assembler: BlockAssembler, raw: string, number: number, truncated: boolean, quietFor: TriggerScanner | undefined, out: LogBlock[]): void {
  if (quietFor !== undefined) {
    assembler.accept(cleanQuietLine(raw), number, true, quietFor, out);
    return;
  }
  const cleaned = cleanLine(raw) + (truncated ? TRUNCATION_MARK : '');
  const pieces = unescapeJsonLine(cleaned);
  if (pieces === undefined) {
    assembler.accept(cleaned, number, false, undefined, out);
    return;
  }
  for (const piece of pieces) assembler.accept(piece, number, false, undefined, out);
}

/** The pre-scan `options` ask for: the catalogue's, after `prescanAfter` bytes, unless turned off. */
function prescanOf(options: ReadLogOptions, started?: (scanner: TriggerScanner) => void): Prescan | undefined {
  if (options.prescan === false) return undefined;
  return { after: options.prescanAfter ?? PRESCAN_AFTER_BYTES, build: () => TriggerScanner.forCatalogue(), ...(started ? { started } : {}) };
}

// ---------------------------------------------------------------------------------------------------
// Streams of blocks.

// Where the step of a chunk that starts at `offset` ends: about FILL_BYTES on, just after a newline
// when one is near, so the splitter rarely has to carry a partial line.
function stepEnd(chunk: Uint8Array, offset: number): number {
  const end = offset + FILL_BYTES;
  if (end >= chunk.length) return chunk.length;
  const newline = chunk.indexOf(NEWLINE, end);
  return newline < 0 || newline - end > FILL_BYTES ? Math.min(chunk.length, end + FILL_BYTES) : newline + 1;
}

/**
 * The iterator behind readBlocks. An async generator would cost a promise round trip per block
 * through its own machinery; this one cleans and groups a whole slice synchronously and then hands
 * out the queued blocks, reading the source again only when the queue is empty.
 */
class BlockStream implements AsyncIterableIterator<LogBlock> {
  private queue: LogBlock[] = [];
  private index = 0;
  private finished = false;
  private iterator: AsyncIterator<Uint8Array> | undefined;
  private pending: Promise<IteratorResult<LogBlock>> | undefined;
  // The chunk being worked through, and how far.
  private chunk: Uint8Array | undefined;
  private offset = 0;
  private readonly splitter: LineSplitter;
  private readonly assembler: BlockAssembler;

  constructor(
    private readonly source: AsyncIterable<Uint8Array>,
    options: ReadLogOptions,
  ) {
    this.assembler = new BlockAssembler(options);
    const assembler = this.assembler;
    this.splitter = new LineSplitter(options.maxLineLength ?? DEFAULT_MAX_LINE, prescanOf(options), (raw, number, truncated, quietFor) => {
      acceptRawLine(assembler, raw, number, truncated, quietFor, this.queue);
    });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<LogBlock> {
    return this;
  }

  next(): Promise<IteratorResult<LogBlock>> {
    if (this.pending === undefined && this.index < this.queue.length) {
      const value = this.queue[this.index++] as LogBlock;
      return Promise.resolve({ value, done: false });
    }
    // Reading is in progress or needed: chain, so callers that do not await each result still get
    // every block once and in order.
    const step = (): Promise<IteratorResult<LogBlock>> =>
      this.index < this.queue.length ? Promise.resolve({ value: this.queue[this.index++] as LogBlock, done: false }) : this.fill();
    const result = this.pending ? this.pending.then(step, step) : step();
    this.pending = result;
    const settle = (): void => {
      if (this.pending === result) this.pending = undefined;
    };
    result.then(settle, settle);
    return result;
  }

  async return(): Promise<IteratorResult<LogBlock>> {
    this.finished = true;
    this.queue = [];
    this.index = 0;
    this.chunk = undefined;
    const iterator = this.iterator;
    this.iterator = undefined;
    await iterator?.return?.();
    return { value: undefined, done: true };
  }

  private async fill(): Promise<IteratorResult<LogBlock>> {
    this.queue = [];
    this.index = 0;
    while (this.queue.length === 0 && !this.finished) {
      if (this.chunk !== undefined) {
        this.feed(this.chunk);
        continue;
      }
      this.iterator ??= this.source[Symbol.asyncIterator]();
      const step = await this.iterator.next();
      if (step.done) {
        this.finished = true;
        this.iterator = undefined;
        this.splitter.end();
        this.queue.push(...this.assembler.flush());
      } else {
        this.chunk = step.value;
        this.offset = 0;
      }
    }
    if (this.index < this.queue.length) return { value: this.queue[this.index++] as LogBlock, done: false };
    return { value: undefined, done: true };
  }

  // Hands the splitter the next piece of the current chunk, ending at a newline when one is near, so
  // a fill produces a few hundred blocks: they die young instead of crowding the old generation.
  private feed(chunk: Uint8Array): void {
    const end = stepEnd(chunk, this.offset);
    this.splitter.push(chunk.subarray(this.offset, end));
    this.offset = end;
    if (end >= chunk.length) this.chunk = undefined;
  }
}

/** Reads a byte stream and yields cmd/go's error blocks, in input order. */
export function readBlocks(source: AsyncIterable<Uint8Array>, options: ReadLogOptions = {}): AsyncIterableIterator<LogBlock> {
  return new BlockStream(source, options);
}

/** Options of forEachBlock. */
export interface ForEachBlockOptions extends ReadLogOptions {
  /**
   * Count blocks the pre-scan proves quiet instead of building them and calling `visit`. Only for a
   * caller whose triggers the catalogue scanner covers: `true` when the caller knows it does, or a test
   * of the scanner, run once when the pre-scan starts (DiagnosisCollector.addStream passes one, so a
   * short log never builds the scanner just to answer it).
   */
  skipQuiet?: boolean | ((scanner: TriggerScanner) => boolean);
}

/**
 * Reads a byte stream and calls `visit` with each block, in input order, without an await per block.
 * Resolves to the number of quiet blocks counted instead of visited (0 unless `skipQuiet`).
 */
export async function forEachBlock(source: AsyncIterable<Uint8Array>, visit: (block: LogBlock) => void, options: ForEachBlockOptions = {}): Promise<number> {
  const assembler = new BlockAssembler(options);
  const skipQuiet = options.skipQuiet;
  // No block is quiet before the pre-scan starts, so counting may begin then.
  const started = (scanner: TriggerScanner): void => {
    if (skipQuiet === true || (typeof skipQuiet === 'function' && skipQuiet(scanner))) assembler.countQuietBlocks();
  };
  let done: LogBlock[] = [];
  const splitter = new LineSplitter(options.maxLineLength ?? DEFAULT_MAX_LINE, prescanOf(options, started), (raw, number, truncated, quietFor) => {
    acceptRawLine(assembler, raw, number, truncated, quietFor, done);
  });
  const deliver = (): void => {
    const blocks = done;
    done = [];
    for (const block of blocks) visit(block);
  };
  for await (const chunk of source) {
    // In steps, so few blocks are alive at once (see FILL_BYTES).
    for (let offset = 0; offset < chunk.length; ) {
      const end = stepEnd(chunk, offset);
      splitter.push(chunk.subarray(offset, end));
      offset = end;
      deliver();
    }
  }
  splitter.end();
  done.push(...assembler.flush());
  deliver();
  return assembler.quietBlocksCounted;
}

/** Reads a whole string as blocks: for tests, docs examples and fixtures. */
export function blocksFromText(text: string, options: ReadLogOptions = {}): LogBlock[] {
  const assembler = new BlockAssembler(options);
  const blocks: LogBlock[] = [];
  const maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE;
  text.split('\n').forEach((raw, index) => {
    const cut = raw.length > maxLineLength;
    acceptRawLine(assembler, cut ? raw.slice(0, maxLineLength) : raw, index + 1, cut, undefined, blocks);
  });
  blocks.push(...assembler.flush());
  return blocks;
}
