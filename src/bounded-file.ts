/**
 * Reading and writing the local files the tool is pointed at (`explain` inputs, `report --output`,
 * NETRC, GOENV, SSL_CERT_FILE/SSL_CERT_DIR, `file://` GOPROXY entries) without ever blocking or
 * reading without bound.
 *
 * Opening a FIFO for reading blocks until a writer appears, and it blocks inside the thread pool,
 * where nothing (not even process.exit on Ctrl-C or SIGTERM) can interrupt it; a device such as
 * /dev/zero never ends. So every path is `stat`ed first and only regular files are opened, with
 * O_NONBLOCK so a file swapped for a FIFO between the two calls still cannot block, and the handle
 * is checked again with `fstat`. Reads stop one byte past the caller's limit.
 */
import { constants, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';

/** `code` of a path that exists but is a FIFO, socket or device. */
export const NOT_REGULAR_FILE = 'ENOTREG';
/** `code` of a regular file larger than the reader's limit (the errno name for "file too large"). */
export const FILE_TOO_LARGE = 'EFBIG';

/** Limits per kind of file; each is far above any real file of its kind. */
export const FILE_LIMITS = {
  /** A `.netrc`: a few lines per host. */
  netrc: 1024 * 1024,
  /** A `go env -w` file or `$GOROOT/go.env`: one line per variable. */
  goEnv: 1024 * 1024,
  /** One PEM bundle or one file of a certificate directory (Debian's bundle is about 220 KB). */
  certificates: 16 * 1024 * 1024,
  /** Any other text file read whole (go.mod, go.sum): large ones are a few megabytes. */
  text: 16 * 1024 * 1024,
} as const;

/** Why a file was not read: an errno code (`ENOENT`, `EACCES`, …), {@link NOT_REGULAR_FILE} or {@link FILE_TOO_LARGE}. */
export interface FileFailure {
  ok: false;
  code: string;
  /** One short phrase: `not a regular file`, `too large (over 1048576 bytes)`, `no such file or directory`, … */
  message: string;
}

export type BoundedBytes = { ok: true; bytes: Buffer } | FileFailure;
export type BoundedText = { ok: true; text: string } | FileFailure;
export type RegularFileHandle = { ok: true; handle: FileHandle; size: number } | FileFailure;
export type RegularFileCheck = { ok: true; size: number; isNullDevice: boolean } | FileFailure;

const ERRNO_PHRASES: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'not a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
  ENXIO: 'no such device or address',
  EIO: 'input/output error',
};

function errnoFailure(error: unknown): FileFailure {
  const code = typeof (error as { code?: unknown } | null)?.code === 'string' ? (error as { code: string }).code : 'EIO';
  return { ok: false, code, message: ERRNO_PHRASES[code] ?? code };
}

function notRegular(): FileFailure {
  return { ok: false, code: NOT_REGULAR_FILE, message: 'not a regular file' };
}

function tooLarge(maxBytes: number): FileFailure {
  return { ok: false, code: FILE_TOO_LARGE, message: `too large (over ${maxBytes} bytes)` };
}

function isDirectory(): FileFailure {
  return { ok: false, code: 'EISDIR', message: 'is a directory' };
}

/** A short phrase for a failure code, for callers that only kept the code. */
export function describeFileFailure(code: string, maxBytes?: number): string {
  if (code === NOT_REGULAR_FILE) return 'not a regular file';
  if (code === FILE_TOO_LARGE) return maxBytes === undefined ? 'too large' : `too large (over ${maxBytes} bytes)`;
  return ERRNO_PHRASES[code] ?? code;
}

let nullDevice: Promise<Stats | undefined> | undefined;

// /dev/null is the one device whose content is known without reading it (empty), and people
// name it on purpose (NETRC=/dev/null, GOENV=/dev/null) to mean "no file".
async function isTheNullDevice(info: Stats): Promise<boolean> {
  if (!info.isCharacterDevice()) return false;
  nullDevice ??= stat('/dev/null').catch(() => undefined);
  const reference = await nullDevice;
  return reference !== undefined && reference.isCharacterDevice() && reference.rdev === info.rdev;
}

// O_NONBLOCK makes opening a FIFO return at once; O_NOCTTY keeps a terminal from becoming ours.
// Neither exists on Windows, where FIFOs cannot appear under a file name anyway.
const OPEN_READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/**
 * What is at `path`, without opening it: a regular file and its size (`/dev/null` counts as an
 * empty one), or why it is not one to read. `maxBytes` turns a larger regular file into {@link FILE_TOO_LARGE}.
 */
export async function checkRegularFile(path: string, maxBytes?: number): Promise<RegularFileCheck> {
  let info: Stats;
  try {
    info = await stat(path);
  } catch (error) {
    return errnoFailure(error);
  }
  if (info.isDirectory()) return isDirectory();
  if (!info.isFile()) return (await isTheNullDevice(info)) ? { ok: true, size: 0, isNullDevice: true } : notRegular();
  if (maxBytes !== undefined && info.size > maxBytes) return tooLarge(maxBytes);
  return { ok: true, size: info.size, isNullDevice: false };
}

/**
 * Opens a regular file (or /dev/null) for reading; anything else (a FIFO, socket or device) is
 * refused without being opened in a way that could block. The caller closes the handle.
 */
export async function openRegularFile(path: string): Promise<RegularFileHandle> {
  const checked = await checkRegularFile(path);
  if (!checked.ok) return checked;
  let handle: FileHandle;
  try {
    handle = await open(path, OPEN_READ_FLAGS);
  } catch (error) {
    return errnoFailure(error);
  }
  try {
    // The name may have been pointed at something else between stat and open.
    const info = await handle.stat();
    if (info.isFile()) return { ok: true, handle, size: info.size };
    if (checked.isNullDevice && (await isTheNullDevice(info))) return { ok: true, handle, size: 0 };
    await handle.close();
    return info.isDirectory() ? isDirectory() : notRegular();
  } catch (error) {
    await handle.close().catch(() => undefined);
    return errnoFailure(error);
  }
}

const READ_CHUNK = 64 * 1024;

/**
 * Reads a whole regular file of at most `maxBytes` bytes. Reading stops one byte past the limit, so
 * a file that grows (or a /proc file that reports size 0) cannot make it read more.
 */
export async function readBoundedFile(path: string, maxBytes: number): Promise<BoundedBytes> {
  const opened = await openRegularFile(path);
  if (!opened.ok) return opened;
  const { handle } = opened;
  try {
    if (opened.size > maxBytes) return tooLarge(maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    // One read for a file whose size is known (plus one byte to see the end); chunks otherwise.
    let want = opened.size > 0 ? opened.size + 1 : READ_CHUNK;
    for (;;) {
      const room = maxBytes + 1 - total;
      const buffer = Buffer.allocUnsafe(Math.min(want, room));
      want = READ_CHUNK;
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return tooLarge(maxBytes);
    }
    return { ok: true, bytes: Buffer.concat(chunks, total) };
  } catch (error) {
    return errnoFailure(error);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** {@link readBoundedFile}, decoded as UTF-8. */
export async function readBoundedTextFile(path: string, maxBytes: number): Promise<BoundedText> {
  const read = await readBoundedFile(path, maxBytes);
  return read.ok ? { ok: true, text: read.bytes.toString('utf8') } : read;
}

const WRITE_FLAGS = constants.O_WRONLY | constants.O_CREAT | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/**
 * Writes `text` to a regular file. `exclusive` creates it and fails with EEXIST when the name
 * exists in any form (nothing is read to find out); otherwise an existing regular file is
 * replaced, and a FIFO, socket or device is refused without blocking (ENOTREG).
 */
export async function writeRegularFile(path: string, text: string, options: { exclusive: boolean }): Promise<void> {
  if (!options.exclusive) {
    const checked = await checkRegularFile(path);
    if (!checked.ok && checked.code !== 'ENOENT') throw Object.assign(new Error(checked.message), { code: checked.code });
    if (checked.ok && checked.isNullDevice) throw Object.assign(new Error('not a regular file'), { code: NOT_REGULAR_FILE });
  }
  const handle = await open(path, WRITE_FLAGS | (options.exclusive ? constants.O_EXCL : 0));
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: NOT_REGULAR_FILE });
    if (!options.exclusive) await handle.truncate(0);
    await handle.writeFile(text, 'utf8');
  } finally {
    await handle.close();
  }
}
