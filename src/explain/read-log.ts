/**
 * Turns a raw log stream into the blocks cmd/go printed. Reads in constant memory: the input is decoded
 * in bounded slices, over-long lines are cut rather than buffered whole, and only the current block is
 * held. Lines are cleaned of ANSI colour, CR, control characters and the prefixes CI systems and
 * `docker build` add, then grouped: cmd/go indents the details of one error with a tab, appends
 * `server response:` bodies and, for checksum mismatches, an unindented SECURITY ERROR paragraph.
 */
import { stripControlCharacters } from '../redact.js';
import type { LogBlock } from '../scenarios/types.js';

/** Limits that keep memory constant whatever the input. */
export interface ReadLogOptions {
  /** Characters kept per line; the rest of a longer line is dropped. Default 8192. */
  maxLineLength?: number;
  /** Lines kept per block; further continuation lines are dropped. Default 200. */
  maxBlockLines?: number;
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
// Decoding in slices bounds the size of each intermediate string even when a source yields one huge chunk.
const DECODE_SLICE = 64 * 1024;

/** Marker appended to a line that was cut, so the report shows that text is missing. */
export const TRUNCATION_MARK = ' […truncated]';

/**
 * Splits a byte stream into lines (LF; a CR before it is removed when cleaning), decoding UTF-8 with
 * replacement characters for invalid bytes. A line longer than `maxLineLength` keeps only its start.
 */
export async function* readLines(source: AsyncIterable<Uint8Array>, options: ReadLogOptions = {}): AsyncGenerator<RawLine> {
  const maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE;
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let current = '';
  let truncated = false;
  let number = 0;

  const append = (piece: string): void => {
    if (truncated) return;
    const room = maxLineLength - current.length;
    if (piece.length <= room) {
      current += piece;
    } else {
      current += piece.slice(0, Math.max(0, room));
      truncated = true;
    }
  };

  function* consume(text: string): Generator<RawLine> {
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      if (newline < 0) {
        append(text.slice(start));
        return;
      }
      append(text.slice(start, newline));
      number += 1;
      yield { text: current, number, truncated };
      current = '';
      truncated = false;
      start = newline + 1;
    }
  }

  for await (const chunk of source) {
    for (let offset = 0; offset < chunk.length; offset += DECODE_SLICE) {
      const slice = chunk.subarray(offset, Math.min(chunk.length, offset + DECODE_SLICE));
      yield* consume(decoder.decode(slice, { stream: true }));
    }
  }
  yield* consume(decoder.decode());
  if (current !== '' || truncated) {
    number += 1;
    yield { text: current, number, truncated };
  }
}

// Prefixes added in front of every line by CI systems and build tools. Each is removed at most once,
// in this order, so a prefix stack such as "timestamp + ##[error]" is handled.
const LINE_PREFIXES: readonly RegExp[] = [
  // GitHub Actions raw logs and GitLab (`2024-05-01T12:00:00.1234567Z `; GitLab adds a stream marker `00O `/`01E+ `).
  /^\uFEFF?\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2}) (?:\d{2}[OE]\+? )?/,
  // Jenkins timestamper and similar: `[2024-05-01T12:00:00.123Z] `, `[12:00:00] `.
  /^\[(?:\d{4}-\d{2}-\d{2}[T ])?\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?\] ?/,
  // GitHub Actions workflow commands: `##[error]`, `::error::`, `::error file=x::`.
  /^##\[[a-z]+\]/,
  /^::(?:error|warning|notice|debug)[^:]*::/,
  // docker build (BuildKit plain progress): `#12 3.456 `.
  /^#\d+ \d+(?:\.\d+)?(?: |$)/,
  // BuildKit's error summary box: `0.482 go: …`.
  /^\d+\.\d+(?: (?=\S|\t)|$)/,
  // docker compose: `service-1  | `.
  /^[A-Za-z0-9][\w.-]*\s+\| /,
];

/**
 * Cleans one line: removes ANSI escape sequences, CR and other control characters (tabs stay), then
 * the CI/docker prefixes, and trailing spaces.
 */
export function cleanLine(raw: string): string {
  let line = stripControlCharacters(raw);
  for (const prefix of LINE_PREFIXES) {
    const found = prefix.exec(line);
    if (found) line = line.slice(found[0].length);
  }
  // A line of only a tab is cmd/go indenting an empty line of a quoted message: keep it as a continuation.
  if (/^\t\s*$/.test(line)) return '\t';
  return line.replace(/[ \t]+$/, '');
}

// Unindented lines cmd/go prints inside one error: the SECURITY ERROR paragraph
// (go1.23 src/cmd/go/internal/modfetch/fetch.go:975-993) and git's help text
// (go1.23 src/cmd/go/internal/modfetch/codehost/git.go:254-256).
const PARAGRAPH_LINES =
  /^(?:SECURITY ERROR$|This download does NOT match |The bits may have been replaced on the origin server|have intercepted the download attempt\.|For more information, see 'go help module-auth'\.|Confirm the import path was entered correctly\.|If this is a private repository, see )/;

/** Whether a cleaned line continues the block before it. */
export function isContinuation(line: string): boolean {
  return /^[\t ]/.test(line) || /^server response:/.test(line) || PARAGRAPH_LINES.test(line);
}

/**
 * Groups cleaned lines into blocks. Pushing a line returns the blocks it completed (zero or one);
 * `flush` returns the last one. Blank lines end a block unless the SECURITY ERROR paragraph follows.
 */
export class BlockAssembler {
  private lines: string[] = [];
  private firstLine = 0;
  private pendingBlanks = 0;
  private readonly maxBlockLines: number;

  constructor(options: ReadLogOptions = {}) {
    this.maxBlockLines = options.maxBlockLines ?? DEFAULT_MAX_BLOCK_LINES;
  }

  /** Adds one cleaned line with its input line number. */
  push(line: string, number: number): LogBlock[] {
    if (line === '') {
      if (this.lines.length > 0) this.pendingBlanks += 1;
      return [];
    }
    const open = this.lines.length > 0;
    const continues = open && (this.pendingBlanks === 0 ? isContinuation(line) : PARAGRAPH_LINES.test(line));
    if (continues) {
      for (let i = 0; i < this.pendingBlanks; i++) this.add('');
      this.pendingBlanks = 0;
      this.add(line);
      return [];
    }
    const done = this.flush();
    this.lines = [line];
    this.firstLine = number;
    return done;
  }

  /** Ends the current block, if any, and returns it. */
  flush(): LogBlock[] {
    this.pendingBlanks = 0;
    if (this.lines.length === 0) return [];
    const lines = this.lines;
    this.lines = [];
    return [{ lines, text: lines.join('\n'), firstLine: this.firstLine }];
  }

  private add(line: string): void {
    if (this.lines.length < this.maxBlockLines) this.lines.push(line);
  }
}

/** Reads a byte stream and yields cmd/go's error blocks, in input order. */
export async function* readBlocks(source: AsyncIterable<Uint8Array>, options: ReadLogOptions = {}): AsyncGenerator<LogBlock> {
  const assembler = new BlockAssembler(options);
  for await (const raw of readLines(source, options)) {
    const cleaned = cleanLine(raw.text) + (raw.truncated ? TRUNCATION_MARK : '');
    yield* assembler.push(cleaned, raw.number);
  }
  yield* assembler.flush();
}

/** Reads a whole string as blocks: for tests, docs examples and fixtures. */
export function blocksFromText(text: string, options: ReadLogOptions = {}): LogBlock[] {
  const assembler = new BlockAssembler(options);
  const blocks: LogBlock[] = [];
  const maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE;
  text.split('\n').forEach((raw, index) => {
    const cut = raw.length > maxLineLength;
    const cleaned = cleanLine(cut ? raw.slice(0, maxLineLength) : raw) + (cut ? TRUNCATION_MARK : '');
    blocks.push(...assembler.push(cleaned, index + 1));
  });
  blocks.push(...assembler.flush());
  return blocks;
}
