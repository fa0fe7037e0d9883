/**
 * Keeps V8's young generation at 8 MiB semi-spaces while `explain` reads a long log.
 *
 * V8 doubles the young generation each time the objects that survived its collections since it last
 * grew add up to its size. Reading hundreds of megabytes makes millions of short-lived lines, a few
 * of which are always alive when a collection runs, so it grows to its 16 MiB maximum: 32 MiB of
 * memory for objects that die young anyway, about a third of explain's peak RSS. At 8 MiB the reader
 * runs as fast (its survivors are a few hundred kilobytes per collection) and peak RSS is about 15 MB
 * lower. V8 reads its growth factor each time it grows the young generation, so setting it to 1 once
 * the young generation has reached 8 MiB semi-spaces stops it there.
 */
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** The young generation's size (both semi-spaces) at which growth stops. */
const CAP_BYTES = 16 * 1024 * 1024;
// Bytes read between two looks at the heap: looking costs microseconds, a short log never looks.
const CHECK_EVERY_BYTES = 4 * 1024 * 1024;
// V8 majors known to read --semi-space-growth-factor this way (Node.js 20 to 24). V8 prints an error
// on stdout for a flag it does not know, so an unknown V8 is left alone.
const KNOWN_V8_MAJORS = new Set([11, 12, 13]);

/** Stops the young generation's growth once it has reached CAP_BYTES; true once stopped (or never to be). */
function capWhenReached(): boolean {
  if (!KNOWN_V8_MAJORS.has(Number.parseInt(process.versions.v8, 10))) return true;
  const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
  if (young === undefined) return true;
  if (young.space_size < CAP_BYTES) return false;
  setFlagsFromString('--semi-space-growth-factor=1');
  return true;
}

/** The chunks of `stream`, unchanged; past the first few megabytes the young generation stops growing at 8 MiB semi-spaces. */
export async function* cappingYoungGeneration(stream: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let sinceCheck = 0;
  let capped = false;
  for await (const chunk of stream) {
    if (!capped) {
      sinceCheck += chunk.byteLength;
      if (sinceCheck >= CHECK_EVERY_BYTES) {
        sinceCheck = 0;
        capped = capWhenReached();
      }
    }
    yield chunk;
  }
}
