import { BlockAssembler, blocksFromText, cleanLine, readBlocks, readLines, TRUNCATION_MARK } from '../../src/explain/read-log.js';
import { chunked } from './corpus.js';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

const GO_404 = 'go: example.com/x@v1.0.0: reading https://proxy.golang.org/example.com/x/@v/v1.0.0.info: 404 Not Found';

describe('cleanLine', () => {
  test.each([
    ['ANSI colour', `\u001b[31m${GO_404}\u001b[0m`, GO_404],
    ['CR of CRLF', `${GO_404}\r`, GO_404],
    ['GitHub Actions timestamp', `2024-05-01T12:00:00.1234567Z ${GO_404}`, GO_404],
    ['GitHub Actions timestamp + ##[error]', `2024-05-01T12:00:00.1234567Z ##[error]${GO_404}`, GO_404],
    ['GitLab timestamp and stream marker', `2024-05-01T12:00:00.123456Z 01E+ ${GO_404}`, GO_404],
    ['Jenkins timestamper', `[2024-05-01T12:00:00.123Z] ${GO_404}`, GO_404],
    ['docker build step output', `#12 3.456 ${GO_404}`, GO_404],
    ['docker build empty output line', '#12 3.456', ''],
    ['BuildKit error summary', `0.482 ${GO_404}`, GO_404],
    ['BuildKit error summary, empty line', '0.482', ''],
    ['docker compose', `builder-1  | ${GO_404}`, GO_404],
    ['tab continuation behind a docker prefix', '#8 0.412 \tserver response: not found', '\tserver response: not found'],
    ['NUL and other C0 controls', `go: x\u0000y\u0007z`, 'go: xyz'],
    ['OSC title escape', `\u001b]0;owned\u0007${GO_404}`, GO_404],
    ['a lone tab stays a continuation', '\t  ', '\t'],
  ])('%s', (_name, input, output) => {
    expect(cleanLine(input)).toBe(output);
  });

  test('docker step headers are left alone (they are not go output)', () => {
    expect(cleanLine('#12 [stage 2/4] RUN go build ./...')).toBe('#12 [stage 2/4] RUN go build ./...');
  });
});

describe('readLines', () => {
  test('LF and CRLF line ends, last line without newline, 1-based numbers', async () => {
    const lines = await collect(readLines(chunked('a\r\nb\nc', 1)));
    expect(lines.map((line) => [line.text, line.number])).toEqual([
      ['a\r', 1],
      ['b', 2],
      ['c', 3],
    ]);
  });

  test('a multi-byte character split across chunks survives; invalid UTF-8 becomes U+FFFD', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('go: é'), 0xff, 0x0a]);
    const lines = await collect(readLines(chunked(bytes, 1)));
    expect(lines[0]?.text).toBe('go: é\ufffd');
  });

  test('a 50 MB line is cut, not buffered, and the next line is still read', async () => {
    const piece = new Uint8Array(64 * 1024).fill(0x61);
    async function* huge(): AsyncGenerator<Uint8Array> {
      for (let sent = 0; sent < 50 * 1024 * 1024; sent += piece.length) yield piece;
      yield new TextEncoder().encode(`\n${GO_404}\n`);
    }
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const lines: { text: string; truncated: boolean }[] = [];
    for await (const line of readLines(huge(), { maxLineLength: 1000 })) {
      lines.push({ text: line.text, truncated: line.truncated });
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    expect(lines).toHaveLength(2);
    expect(lines[0]?.text).toHaveLength(1000);
    expect(lines[0]?.truncated).toBe(true);
    expect(lines[1]).toEqual({ text: GO_404, truncated: false });
    // Holding the line would take 100 MB of UTF-16; the reader keeps 1000 characters.
    expect(peak - before).toBeLessThan(40 * 1024 * 1024);
  });
});

describe('block grouping', () => {
  test('server response lines and the SECURITY ERROR paragraph belong to their error', () => {
    const text = [
      'go: downloading example.com/hello v1.0.0',
      GO_404,
      '\tserver response:',
      '\tnot found: example.com/x@v1.0.0',
      'verifying example.com/hello@v1.0.0: checksum mismatch',
      '\tdownloaded: h1:a=',
      '\tgo.sum:     h1:b=',
      '',
      'SECURITY ERROR',
      'This download does NOT match an earlier download recorded in go.sum.',
      'The bits may have been replaced on the origin server, or an attacker may',
      'have intercepted the download attempt.',
      '',
      "For more information, see 'go help module-auth'.",
      '',
      'go: example.com/y@v1.0.0: module lookup disabled by GOPROXY=off',
    ].join('\n');
    const blocks = blocksFromText(text);
    expect(blocks.map((block) => [block.firstLine, block.lines.length])).toEqual([
      [1, 1],
      [2, 3],
      [5, 10],
      [16, 1],
    ]);
    expect(blocks[2]?.lines.at(-1)).toBe("For more information, see 'go help module-auth'.");
  });

  test("git's help text after an indented stderr stays in the block", () => {
    const text = [
      'go: github.com/acme/private@v1.2.0: invalid version: git ls-remote -q origin in /x: exit status 128:',
      "\tfatal: could not read Username for 'https://github.com': terminal prompts disabled",
      'Confirm the import path was entered correctly.',
      'If this is a private repository, see https://golang.org/doc/faq#git_https for additional information.',
      'go: something else',
    ].join('\n');
    expect(blocksFromText(text).map((block) => block.lines.length)).toEqual([4, 1]);
  });

  test('a blank line ends a block unless the SECURITY ERROR paragraph follows', () => {
    expect(blocksFromText('go: a\n\n\tindented after blank').map((block) => block.text)).toEqual(['go: a', '\tindented after blank']);
  });

  test('blocks are capped in lines', () => {
    const assembler = new BlockAssembler({ maxBlockLines: 3 });
    assembler.push('go: head', 1);
    for (let i = 0; i < 10; i++) assembler.push(`\tdetail ${i}`, i + 2);
    expect(assembler.flush()[0]?.lines).toEqual(['go: head', '\tdetail 0', '\tdetail 1']);
  });

  test('docker build output is grouped as go printed it', async () => {
    const log = [
      '#8 [builder 4/6] RUN go mod download',
      `#8 0.412 ${GO_404}`,
      '#8 0.412 \tserver response: not found',
      '#8 ERROR: process "/bin/sh -c go mod download" did not complete successfully: exit code: 1',
    ].join('\n');
    const blocks = await collect(readBlocks(chunked(log, 7)));
    expect(blocks.map((block) => block.text)).toEqual([
      '#8 [builder 4/6] RUN go mod download',
      `${GO_404}\n\tserver response: not found`,
      '#8 ERROR: process "/bin/sh -c go mod download" did not complete successfully: exit code: 1',
    ]);
  });

  test('a truncated line is marked', async () => {
    const blocks = await collect(readBlocks(chunked(`go: ${'x'.repeat(100)}\n`), { maxLineLength: 20 }));
    expect(blocks[0]?.text).toBe(`go: ${'x'.repeat(16)}${TRUNCATION_MARK}`);
  });
});
