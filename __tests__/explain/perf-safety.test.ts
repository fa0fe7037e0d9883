/**
 * The fast reader under hostile and large input: it agrees with a straightforward reference reader
 * (decode everything, split, clean with the prefix regexes, group) on arbitrary logs and chunkings;
 * the pre-scan never hides a block a trigger would match; huge lines, random bytes, NUL, invalid
 * UTF-8 and terminal escapes never crash it, never grow memory with the input, and never reach the
 * terminal.
 */
import fc from 'fast-check';
import { main } from '../../src/cli/main.js';
import { DiagnosisCollector, explainBlocks, type ExplainResult } from '../../src/explain/engine.js';
import {
  blocksFromText,
  forEachBlock,
  joinsPreviousLine,
  quietBlockScanner,
  readBlocks,
  TRUNCATION_MARK,
  TriggerScanner,
  unescapeJsonLine,
} from '../../src/explain/read-log.js';
import { removeControlCharacters } from '../../src/redact.js';
import { SCENARIOS } from '../../src/scenarios/index.js';
import type { LogBlock } from '../../src/scenarios/types.js';
import { createTestIo } from '../helpers/test-io.js';
import { loadFixtures } from './corpus.js';

const GO_404 = 'go: example.com/x@v1.0.0: reading https://proxy.golang.org/example.com/x/@v/v1.0.0.info: 404 Not Found';
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

// ---------------------------------------------------------------------------------------------------
// The reference: the reader as first written, one regex after another on every decoded line.

const REFERENCE_PREFIXES = [
  /^\uFEFF?\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2}) (?:\d{2}[OE]\+? )?/,
  /^\[(?:\d{4}-\d{2}-\d{2}[T ])?\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?\] ?/,
  /^\[[A-Za-z][\w-]{1,15}\] /,
  /^\(\d{2}:\d{2}:\d{2}\) /,
  /^##\[[a-z]+\]/,
  /^::(?:error|warning|notice|debug)[^:]*::/,
  /^#\d{1,6} \d{1,6}(?:\.\d{1,6})?(?: |$)/,
  /^\d{1,6}\.\d{1,6}(?: (?=\S|\t)|$)/,
  /^[A-Za-z0-9][\w.-]{0,63}\s{1,64}\| /,
  /^ {0,8}>(?: |$)/,
];
const REFERENCE_PARAGRAPH =
  /^(?:SECURITY ERROR$|This download does NOT match |The bits may have been replaced on the origin server|have intercepted the download attempt\.|For more information, see 'go help module-auth'\.|Confirm the import path was entered correctly\.|If this is a private repository, see )/;

function referenceClean(raw: string): string {
  let line = removeControlCharacters(raw);
  for (const prefix of REFERENCE_PREFIXES) {
    const found = prefix.exec(line);
    if (found) line = line.slice(found[0].length);
  }
  line = line.split('[email protected]').join('…@…').split('[email\u00a0protected]').join('…@…');
  if (/^\t\s*$/.test(line)) return '\t';
  return line.replace(/[ \t]+$/, '');
}

/** The lines one raw line yields: itself, or the lines of a JSON string it holds. */
function referenceLines(raw: string, maxLineLength: number): string[] {
  const cut = raw.length > maxLineLength;
  const line = referenceClean(cut ? raw.slice(0, maxLineLength) : raw) + (cut ? TRUNCATION_MARK : '');
  return unescapeJsonLine(line) ?? [line];
}

interface PlainBlock {
  text: string;
  lines: string[];
  firstLine: number;
}

function referenceBlocks(bytes: Uint8Array, maxLineLength: number, maxBlockLines: number): PlainBlock[] {
  const text = new TextDecoder().decode(bytes);
  const pieces = text.split('\n');
  if (pieces.at(-1) === '') pieces.pop();
  const blocks: PlainBlock[] = [];
  let lines: string[] = [];
  let firstLine = 0;
  let blanks = 0;
  const flush = (): void => {
    blanks = 0;
    if (lines.length > 0) blocks.push({ lines, text: lines.join('\n'), firstLine });
    lines = [];
  };
  const add = (line: string): void => {
    if (lines.length < maxBlockLines) lines.push(line);
  };
  pieces.forEach((raw, index) => {
    for (const line of referenceLines(raw, maxLineLength)) {
      if (line === '') {
        if (lines.length > 0) blanks += 1;
        continue;
      }
      const testLog = /^ {1,32}[\w.-]{1,255}\.go:\d{1,9}: /.test(line);
      let continuation = (/^[\t ]/.test(line) && !testLog) || /^server response:/.test(line) || REFERENCE_PARAGRAPH.test(line);
      if (!continuation && lines.length > 0 && blanks === 0) {
        const join = joinsPreviousLine(lines[0] as string, lines[lines.length - 1] as string, line);
        if (join === 'wrap') {
          lines[lines.length - 1] = `${lines[lines.length - 1] as string} ${line}`;
          continue;
        }
        continuation = join === 'detail';
      }
      if (lines.length > 0 && (blanks === 0 ? continuation : REFERENCE_PARAGRAPH.test(line))) {
        for (let i = 0; i < blanks; i++) add('');
        blanks = 0;
        add(line);
        continue;
      }
      flush();
      lines = [line];
      firstLine = index + 1;
    }
  });
  flush();
  return blocks;
}

function plain(block: LogBlock): PlainBlock {
  return { text: block.text, lines: [...block.lines], firstLine: block.firstLine };
}

async function* pieces(bytes: Uint8Array, sizes: readonly number[]): AsyncGenerator<Uint8Array> {
  let offset = 0;
  for (let i = 0; offset < bytes.length; i++) {
    const size = sizes.length === 0 ? bytes.length : Math.max(1, sizes[i % sizes.length] as number);
    // A copy, then scribbled over once consumed: the reader must not keep views of its input.
    const piece = bytes.slice(offset, offset + size);
    yield piece;
    piece.fill(0x21);
    offset += size;
  }
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

// ---------------------------------------------------------------------------------------------------
// Arbitrary logs: prefixes, go errors, trigger words at and off word boundaries, control characters,
// CR, BOM, tabs, non-ASCII, and raw invalid UTF-8 bytes.

const TEXT_PIECES = [
  '2024-05-01T12:00:00.1234567Z ', '2024-05-01T12:00:00Z 01E+ ', '2024-05-01T12:00:00+05:30 ', '[12:00:00] ',
  '[2024-05-01T12:00:00.123Z] ', '##[error]', '::error file=x::', '#12 3.456 ', '#8 0.4', '0.482 ', '0.482', 'builder-1  | ',
  '\uFEFF', GO_404, 'go: downloading example.com/y v1.2.3', '\tserver response: not found', 'server response:', 'SECURITY ERROR',
  'This download does NOT match an earlier download', 'verifying example.com/x@v1.0.0: checksum mismatch',
  'dial tcp: lookup proxy.invalid on 127.0.0.53:53: no such host', 'connection reset by peer', 'Get "https://a.invalid/x": EOF',
  '403', 'x403y', '_500', '500 Internal Server Error', 'TIMEOUT', 'time', 'out', 'zip', 'x509', 'tls: ', 'ok  \tpkg\t0.1s',
  '\u001b[31m', '\u001b[0m', '\u001b]0;title\u0007', '\u0000', '\r', '\u0085', '\u009b', '\t', ' ', '  ', 'é', '\ufffd', '日本', '😀',
  'a', 'Z', '9', '-', ':', '"', '|',
  // Quotes and tool tags, JSON-escaped text, lines cut mid-message, a hidden e-mail address.
  '> ', '       > ', '[builder] ', '(12:00:00) ', '\\n', '\\"', '\\t', 'Get \\"https://a.invalid/x\\": EOF\\n',
  'go get: example.com/x@v1: invalid', 'version: unknown revision v1', 'parsing go.mod:', 'module declares its path as: y',
  '[email protected]', ' (https fetch: Get https://a.invalid/x?go-get=1: EOF)',
];
const RAW_BYTES = [[0xff], [0xc2], [0x80], [0xe2, 0x82], [0xf0, 0x9f], [0xc2, 0x9b], [0x0d], [0x00], [0xef, 0xbb, 0xbf]];

const arbitraryLine = fc.array(
  fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...TEXT_PIECES).map((text) => new TextEncoder().encode(text)) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_BYTES).map((bytes) => Uint8Array.from(bytes)) },
  ),
  { maxLength: 6 },
);
const arbitraryLog = fc
  .tuple(fc.array(arbitraryLine, { maxLength: 25 }), fc.boolean())
  .map(([lines, finalNewline]) => {
    const parts: number[] = [];
    lines.forEach((line, index) => {
      for (const piece of line) parts.push(...piece);
      if (index < lines.length - 1 || finalNewline) parts.push(0x0a);
    });
    return Uint8Array.from(parts);
  });
const arbitraryOptions = fc.record({
  sizes: fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 4 }),
  maxLineLength: fc.constantFrom(8192, 40, 7, 1),
  maxBlockLines: fc.constantFrom(200, 3),
});

describe('the fast reader agrees with the reference reader', () => {
  test('readBlocks: same blocks, same line numbers, for any log and any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryLog, arbitraryOptions, async (bytes, { sizes, maxLineLength, maxBlockLines }) => {
        // The stream's leading BOM is not part of the text (TextDecoder drops it too).
        const expected = referenceBlocks(bytes, maxLineLength, maxBlockLines);
        // prescanAfter 0: the pre-scan from the first byte (by default a log this short is read without it).
        const fast = (await collect(readBlocks(pieces(bytes, sizes), { maxLineLength, maxBlockLines, prescanAfter: 0 }))).map(plain);
        expect(fast).toEqual(expected);
        const later = (await collect(readBlocks(pieces(bytes, sizes), { maxLineLength, maxBlockLines, prescanAfter: Math.floor(bytes.length / 2) }))).map(plain);
        expect(later).toEqual(expected);
        const unscanned = (await collect(readBlocks(pieces(bytes, sizes), { maxLineLength, maxBlockLines, prescan: false }))).map(plain);
        expect(unscanned).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  test('readBlocks on logs long enough for the two-walk scan and several steps per chunk', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arbitraryLog, { minLength: 1, maxLength: 8 }), fc.constantFrom([65536], [5000, 70000], [1 << 20]), async (logs, sizes) => {
        // Different logs glued together, repeated past 64 KB.
        const unit = Uint8Array.from(logs.flatMap((log) => [...log, 0x0a]));
        const copies = Math.ceil((96 * 1024) / Math.max(1, unit.length));
        const bytes = new Uint8Array(unit.length * copies);
        for (let i = 0; i < copies; i++) bytes.set(unit, i * unit.length);
        const expected = referenceBlocks(bytes, 8192, 200);
        const fast = (await collect(readBlocks(pieces(bytes, sizes), { prescanAfter: 0 }))).map(plain);
        expect(fast).toEqual(expected);
        const byDefault = (await collect(readBlocks(pieces(bytes, sizes)))).map(plain);
        expect(byDefault).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  test('forEachBlock: the same blocks; with skipQuiet, exactly the quiet ones are counted instead', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryLog, arbitraryOptions, async (bytes, { sizes, maxLineLength, maxBlockLines }) => {
        const options = { maxLineLength, maxBlockLines, prescanAfter: 0 };
        const all = await collect(readBlocks(pieces(bytes, sizes), options));
        const visited: LogBlock[] = [];
        expect(await forEachBlock(pieces(bytes, sizes), (block) => visited.push(block), options)).toBe(0);
        expect(visited.map(plain)).toEqual(all.map(plain));
        const loud: LogBlock[] = [];
        const skipped = await forEachBlock(pieces(bytes, sizes), (block) => loud.push(block), { ...options, skipQuiet: true });
        const quiet = all.filter((block) => quietBlockScanner(block) !== undefined);
        expect(skipped).toBe(quiet.length);
        expect(loud.map(plain)).toEqual(all.filter((block) => quietBlockScanner(block) === undefined).map(plain));
      }),
      { numRuns: 200 },
    );
  });

  test('a block the pre-scan calls quiet is never matched by any trigger', async () => {
    let quietBlocks = 0;
    await fc.assert(
      fc.asyncProperty(arbitraryLog, fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 3 }), async (bytes, sizes) => {
        for (const block of await collect(readBlocks(pieces(bytes, sizes), { prescanAfter: 0 }))) {
          if (quietBlockScanner(block) === undefined) continue;
          quietBlocks += 1;
          for (const scenario of SCENARIOS) expect({ scenario: scenario.id, text: block.text, matched: scenario.trigger.test(block.text) }).toMatchObject({ matched: false });
        }
      }),
      { numRuns: 400 },
    );
    // The property is only worth something if quiet blocks occur.
    expect(quietBlocks).toBeGreaterThan(100);
  });

  test('a scanner with too many literals for its table covers nothing and reports every line', () => {
    const huge = new RegExp(Array.from({ length: 8000 }, (_, i) => `${(i * 7919).toString(36)}z${i.toString(36)}`).join('|'));
    const scanner = TriggerScanner.forTriggers([huge, /timeout/]);
    expect(scanner.covers(huge)).toBe(false);
    expect(scanner.covers(/timeout/)).toBe(false);
    const bytes = new TextEncoder().encode('plain\nmore plain\nstill\n');
    expect(scanner.scan(bytes, 0, bytes.length)).toEqual([0, 1, 2]);
    // A scanner within bounds covers what it was built from, and only that.
    const small = TriggerScanner.forTriggers([/timeout/]);
    expect(small.covers(/timeout/)).toBe(true);
    expect(small.covers(/timeout/i)).toBe(false);
    expect(small.scan(bytes, 0, bytes.length)).toEqual([]);
  });

  test('possibleTriggers never rules out a trigger that matches', () => {
    const scanner = TriggerScanner.forCatalogue();
    const text = fc.array(fc.constantFrom(...TEXT_PIECES, '\n', 'Timeout', 'RESET', '404', '\n\t'), { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (sample) => {
        const possible = scanner.possibleTriggers(sample);
        for (const scenario of SCENARIOS) {
          if (scenario.trigger.test(sample)) expect(possible[scanner.triggerIndex(scenario.trigger)]).toBe(1);
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('the engine gives the same result through readBlocks, addStream and blocksFromText', async () => {
    const bodies = loadFixtures().map((fixture) => fixture.body);
    // Fixture output buried in ordinary build noise with CI timestamps.
    const noise = ['ok  \texample.com/a\t0.412s', '--- PASS: TestX (0.01s)', '    x_test.go:12: got 1, want 2', '#12 [builder 3/6] COPY . .', ''];
    const lines: string[] = [];
    bodies.forEach((body, index) => {
      for (let i = 0; i < 7; i++) lines.push(`2024-05-01T12:00:${String(i).padStart(2, '0')}.5670000Z ${noise[(index + i) % noise.length] as string}`);
      lines.push(body.replace(/\r?\n$/, ''));
    });
    const log = lines.join('\n');
    const bytes = new TextEncoder().encode(log);

    const viaText = explainBlocks(blocksFromText(log));
    const viaBlocks = new DiagnosisCollector();
    for await (const block of readBlocks(pieces(bytes, [4093]))) viaBlocks.add(block, 'log');
    const viaStream = new DiagnosisCollector();
    await viaStream.addStream(pieces(bytes, [65536]), 'log');
    // The same with the pre-scan from the first byte, and with it starting part of the way in.
    const scannedBlocks = new DiagnosisCollector();
    for await (const block of readBlocks(pieces(bytes, [4093]), { prescanAfter: 0 })) scannedBlocks.add(block, 'log');
    const scannedStream = new DiagnosisCollector();
    await scannedStream.addStream(pieces(bytes, [65536]), 'log', { prescanAfter: 0 });
    const partlyScanned = new DiagnosisCollector();
    await partlyScanned.addStream(pieces(bytes, [4093]), 'log', { prescanAfter: Math.floor(bytes.length / 3) });
    const withoutSource = (result: ExplainResult): unknown => ({ ...result, diagnoses: result.diagnoses.map(({ source: _source, ...rest }) => rest) });

    expect(viaText.diagnoses.length).toBeGreaterThan(20);
    expect(withoutSource(viaBlocks.result())).toEqual(withoutSource(viaText));
    expect(viaStream.result()).toEqual(viaBlocks.result());
    expect(scannedBlocks.result()).toEqual(viaBlocks.result());
    expect(scannedStream.result()).toEqual(viaBlocks.result());
    expect(partlyScanned.result()).toEqual(viaBlocks.result());
  });
});

// ---------------------------------------------------------------------------------------------------

/** A deterministic byte generator (xorshift32), so a failure can be reproduced. */
function randomBytes(seed: number): (length: number) => Uint8Array {
  let state = seed >>> 0 || 1;
  return (length) => {
    const bytes = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      bytes[i] = state & 0xff;
    }
    return bytes;
  };
}

async function runCli(args: string[], stdin: Uint8Array) {
  const io = createTestIo({ stdin });
  const code = await main(args, io);
  return { code, stdout: io.stdout.text(), stderr: io.stderr.text() };
}

describe('hostile input', () => {
  test('a 50 MB line without a newline is cut, not buffered; the memory it needs does not grow with it', async () => {
    const piece = new Uint8Array(64 * 1024).fill(0x61);
    let peak = 0;
    let before = 0;
    async function* huge(withNewline: boolean): AsyncGenerator<Uint8Array> {
      before = process.memoryUsage().heapUsed;
      for (let sent = 0; sent < 50 * 1024 * 1024; sent += piece.length) {
        yield piece;
        peak = Math.max(peak, process.memoryUsage().heapUsed - before);
      }
      if (withNewline) yield new TextEncoder().encode(`\n${GO_404}\n`);
    }
    const blocks = await collect(readBlocks(huge(true), { maxLineLength: 1000 }));
    expect(blocks.map((block) => block.text)).toEqual([`${'a'.repeat(1000)}${TRUNCATION_MARK}`, GO_404]);
    expect(blocks[1]?.firstLine).toBe(2);
    // Holding the line would take 50 MB; the reader keeps a few kilobytes of it.
    expect(peak).toBeLessThan(16 * 1024 * 1024);

    // The whole input one line, through the engine's stream path.
    peak = 0;
    const collector = new DiagnosisCollector();
    await collector.addStream(huge(false));
    expect(collector.result()).toMatchObject({ blocks: 1, diagnoses: [] });
    expect(peak).toBeLessThan(16 * 1024 * 1024);
  });

  test('a long stream of ordinary output is explained in constant memory', async () => {
    const line = new TextEncoder().encode('2024-05-01T12:00:00.1234567Z go: downloading example.com/some/module v1.2.3\n');
    const chunk = new Uint8Array(line.length * 8192);
    for (let i = 0; i < 8192; i++) chunk.set(line, i * line.length);
    let peak = 0;
    const before = process.memoryUsage().heapUsed;
    async function* stream(): AsyncGenerator<Uint8Array> {
      // About 80 MB; as UTF-16 strings it would be twice that.
      for (let i = 0; i < 128; i++) {
        yield chunk.slice();
        peak = Math.max(peak, process.memoryUsage().heapUsed - before);
      }
      yield new TextEncoder().encode(`${GO_404}\n`);
    }
    const collector = new DiagnosisCollector();
    await collector.addStream(stream());
    const result = collector.result();
    expect(result.blocks).toBe(128 * 8192 + 1);
    expect(result.diagnoses[0]?.scenario).toBe('module-not-found');
    expect(peak).toBeLessThan(48 * 1024 * 1024);
  });

  test('20 MB of random bytes: no exception, and no control character in any block', async () => {
    const next = randomBytes(20240501);
    async function* random(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 20; i++) yield next(1024 * 1024);
    }
    let blocks = 0;
    for await (const block of readBlocks(random())) {
      blocks += 1;
      if (CONTROL.test(block.text)) throw new Error(`control character in block at line ${block.firstLine}: ${JSON.stringify(block.text.slice(0, 80))}`);
    }
    expect(blocks).toBeGreaterThan(1000);
  });

  test('random bytes through the CLI: exit 0 or 1, output free of control characters, human and JSON', async () => {
    const bytes = randomBytes(7)(2 * 1024 * 1024);
    for (const args of [['explain', '--no-env'], ['explain', '--no-env', '--json']]) {
      const { code, stdout, stderr } = await runCli(args, bytes);
      expect([0, 1]).toContain(code);
      expect(stdout.replace(/[\n\t]/g, '')).not.toMatch(CONTROL);
      expect(stderr.replace(/[\n\t]/g, '')).not.toMatch(CONTROL);
    }
  });

  test('NUL, invalid UTF-8, OSC and CSI sequences around real failures: diagnosed, nothing leaks', async () => {
    const encoder = new TextEncoder();
    const parts = [
      encoder.encode('\u001b]0;pwned\u0007\u001b[31m'),
      encoder.encode(GO_404),
      encoder.encode('\u001b[0m\u0000'),
      Uint8Array.from([0xff, 0xfe, 0xc2, 0x9b]),
      encoder.encode('\r\n\tserver response: not found\u001b[2J\r\n'),
      encoder.encode('\u001bP+q\u001b\\go: example.invalid/y@v1.0.0: Get "https://proxy.invalid/y/@v/v1.0.0.info": dial tcp: lookup proxy.invalid on 127.0.0.53:53: no such host\n'),
    ];
    const bytes = new Uint8Array(parts.reduce((size, part) => size + part.length, 0));
    parts.reduce((offset, part) => (bytes.set(part, offset), offset + part.length), 0);

    const human = await runCli(['explain', '--no-env'], bytes);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('404 Not Found');
    expect(human.stdout).toContain('no such host');
    expect(human.stdout.replace(/[\n\t]/g, '')).not.toMatch(CONTROL);
    expect(human.stdout).not.toContain('pwned');

    const json = await runCli(['explain', '--no-env', '--json'], bytes);
    const document = JSON.parse(json.stdout) as { diagnoses: { scenario: string; evidence: string }[] };
    expect(document.diagnoses.map((diagnosis) => diagnosis.scenario)).toEqual(expect.arrayContaining(['module-not-found', 'dns-failure']));
    for (const diagnosis of document.diagnoses) expect(diagnosis.evidence).not.toMatch(CONTROL);
    expect(json.stdout).not.toMatch(/\\u00(?:0[0-8]|1[0-9a-f]|7f)|\\u008|\\u009/i);
  });
});
