/**
 * Opening log files as byte streams, so `explain` reads them in constant memory. The `Io` seam only
 * reads whole files, so this edge is injected into the command (tests may pass their own opener).
 */
import { open } from 'node:fs/promises';
import path from 'node:path';
import { DoctorError, describeErrno, isErrnoException } from '../errors.js';
import { stripControlCharacters } from '../redact.js';

/**
 * Opens one input as a stream of byte chunks; throws DoctorError 'input-unreadable' when it cannot.
 * An opener may reuse a chunk's memory once the next chunk is requested: consumers that keep bytes
 * beyond that (readLines and readBlocks copy what they carry) must copy them.
 */
export type OpenInput = (file: string) => Promise<AsyncIterable<Uint8Array>>;

function unreadable(file: string, error: unknown): DoctorError {
  const code = isErrnoException(error) ? error.code : undefined;
  return new DoctorError('input-unreadable', `cannot read ${stripControlCharacters(file)}: ${describeErrno(code)}`);
}

// Large reads: the reader's per-chunk work (decoding, pre-scan) is cheap, a round trip to the thread
// pool per 64 KiB is not.
const READ_BYTES = 1024 * 1024;

/** The default opener: a file on disk, relative names resolved against `cwd`, read in 1 MiB chunks. */
export function fileOpener(cwd: string): OpenInput {
  return async (file) => {
    const resolved = path.resolve(cwd, file);
    let handle;
    try {
      handle = await open(resolved, 'r');
      const stat = await handle.stat();
      if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    } catch (error) {
      await handle?.close();
      throw unreadable(file, error);
    }
    const opened = handle;
    return {
      async *[Symbol.asyncIterator]() {
        try {
          // One buffer for the whole file: a fresh megabyte per read would pile up as external memory
          // until the next full GC.
          const buffer = new Uint8Array(READ_BYTES);
          for (;;) {
            let bytesRead: number;
            try {
              ({ bytesRead } = await opened.read(buffer, 0, buffer.length, null));
            } catch (error) {
              throw unreadable(file, error);
            }
            if (bytesRead === 0) return;
            yield buffer.subarray(0, bytesRead);
          }
        } finally {
          await opened.close();
        }
      },
    };
  };
}
