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
    const readInto = async (buffer: Uint8Array): Promise<number> => {
      try {
        return (await opened.read(buffer, 0, buffer.length, null)).bytesRead;
      } catch (error) {
        throw unreadable(file, error);
      }
    };
    return {
      async *[Symbol.asyncIterator]() {
        // Two buffers for the whole file, taking turns: the next read runs in the thread pool while
        // the reader works through the chunk just read (a chunk's memory is reused only once the
        // chunk after it has been requested). Not a fresh megabyte per read: those would pile up as
        // external memory until the next full GC.
        let filling = new Uint8Array(READ_BYTES);
        let spare = new Uint8Array(READ_BYTES);
        let next: Promise<number> | undefined = readInto(filling);
        try {
          for (;;) {
            const bytesRead: number = await next;
            next = undefined;
            if (bytesRead === 0) return;
            const filled = filling;
            filling = spare;
            spare = filled;
            next = readInto(filling);
            yield filled.subarray(0, bytesRead);
          }
        } finally {
          // A read still under way when the consumer stops must end before the file closes.
          await next?.catch(() => undefined);
          await opened.close();
        }
      },
    };
  };
}
