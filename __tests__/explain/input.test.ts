/**
 * The file opener reads ahead into a second buffer while the reader works on a chunk: every byte
 * must still arrive once and in order, and a reader that stops early must leave no read behind.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileOpener } from '../../src/explain/input.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gpd-input-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Bytes that differ from one position to the next, so a reordered or reused chunk shows.
function pattern(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 7 + (i >> 10)) & 0xff;
  return bytes;
}

test.each([0, 1, 1024 * 1024, 1024 * 1024 + 1, 3 * 1024 * 1024 + 12345])('a file of %i bytes arrives whole and in order', async (size) => {
  const file = path.join(dir, `log-${size}`);
  const expected = pattern(size);
  writeFileSync(file, expected);
  const chunks: Buffer[] = [];
  // Each chunk is copied before the next is requested, as the reader does with what it keeps.
  for await (const chunk of await fileOpener(dir)(path.basename(file))) chunks.push(Buffer.from(chunk));
  expect(Buffer.concat(chunks).equals(expected)).toBe(true);
});

test('a reader that stops after the first chunk ends the read under way and closes the file', async () => {
  const file = path.join(dir, 'stopped');
  writeFileSync(file, pattern(5 * 1024 * 1024));
  const stream = await fileOpener(dir)('stopped');
  for await (const chunk of stream) {
    expect(chunk.byteLength).toBeGreaterThan(0);
    break;
  }
  // Reading it again from the start works: nothing was left half done.
  let total = 0;
  for await (const chunk of await fileOpener(dir)('stopped')) total += chunk.byteLength;
  expect(total).toBe(5 * 1024 * 1024);
});
