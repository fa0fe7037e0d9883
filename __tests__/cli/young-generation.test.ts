/**
 * The young-generation cap wraps every input explain reads: it must hand on each chunk as it came,
 * in order, whatever the chunk sizes, including past the point where it looks at the heap.
 */
import { cappingYoungGeneration } from '../../src/cli/young-generation.js';

async function* chunks(sizes: readonly number[]): AsyncGenerator<Uint8Array> {
  let counter = 0;
  for (const size of sizes) {
    const chunk = new Uint8Array(size);
    for (let i = 0; i < size; i += 4096) chunk[i] = counter++ & 0xff;
    yield chunk;
  }
}

async function collect(stream: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const chunk of stream) out.push(chunk);
  return out;
}

describe('cappingYoungGeneration', () => {
  test('hands on every chunk unchanged and in order, past the heap checks', async () => {
    // 40 MiB in chunks of assorted sizes: the heap is looked at several times on the way.
    const sizes = Array.from({ length: 80 }, (_, i) => [1 << 20, 65536, 1, 3 << 19][i % 4] as number);
    const expected = await collect(chunks(sizes));
    const received = await collect(cappingYoungGeneration(chunks(sizes)));
    expect(received.map((chunk) => chunk.byteLength)).toEqual(sizes);
    // Byte by byte (Buffer.equals: jest's deep equality walks 40 MiB one element at a time).
    expect(received.filter((chunk, index) => !Buffer.from(chunk).equals(expected[index] as Uint8Array)).length).toBe(0);
  });

  test('an empty input yields nothing', async () => {
    expect(await collect(cappingYoungGeneration(chunks([])))).toEqual([]);
  });
});
