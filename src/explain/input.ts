/**
 * Opening log files as byte streams, so `explain` reads them in constant memory. The `Io` seam only
 * reads whole files, so this edge is injected into the command (tests may pass their own opener).
 */
import { open } from 'node:fs/promises';
import path from 'node:path';
import { DoctorError, isErrnoException } from '../errors.js';
import { stripControlCharacters } from '../redact.js';

/** Opens one input as a stream of byte chunks; throws DoctorError 'input-unreadable' when it cannot. */
export type OpenInput = (file: string) => Promise<AsyncIterable<Uint8Array>>;

function describe(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return code ?? 'read error';
  }
}

function unreadable(file: string, error: unknown): DoctorError {
  const code = isErrnoException(error) ? error.code : undefined;
  return new DoctorError('input-unreadable', `cannot read ${stripControlCharacters(file)}: ${describe(code)}`);
}

/** The default opener: a file on disk, relative names resolved against `cwd`, read in 64 KiB chunks. */
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
          const buffer = new Uint8Array(64 * 1024);
          for (;;) {
            let bytesRead: number;
            try {
              ({ bytesRead } = await opened.read(buffer, 0, buffer.length, null));
            } catch (error) {
              throw unreadable(file, error);
            }
            if (bytesRead === 0) return;
            yield buffer.slice(0, bytesRead);
          }
        } finally {
          await opened.close();
        }
      },
    };
  };
}
