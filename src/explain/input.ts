/**
 * Opening log files as byte streams, so `explain` reads them in constant memory. The `Io` seam only
 * reads whole files, so this edge is injected into the command (tests may pass their own opener).
 */
import path from 'node:path';
import { NOT_REGULAR_FILE, openRegularFile } from '../bounded-file.js';
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

// A FIFO or device named as a file would block the open (or never end). `explain` reads a pipe on
// stdin, where it is the normal case.
function notRegular(file: string): DoctorError {
  return new DoctorError('input-unreadable', `cannot read ${stripControlCharacters(file)}: not a regular file`);
}

// Large reads: the reader's per-chunk work (decoding, pre-scan) is cheap, a round trip to the thread
// pool per 64 KiB is not.
const READ_BYTES = 1024 * 1024;

/**
 * The default opener: a regular file on disk, relative names resolved against `cwd`, read in 1 MiB
 * chunks. Anything else is refused before it is opened in a way that could block.
 */
export function fileOpener(cwd: string): OpenInput {
  return async (file) => {
    const resolved = path.resolve(cwd, file);
    const result = await openRegularFile(resolved);
    if (!result.ok) throw result.code === NOT_REGULAR_FILE ? notRegular(file) : unreadable(file, result);
    const opened = result.handle;
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
