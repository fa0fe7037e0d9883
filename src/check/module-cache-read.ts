/**
 * Reading the download-cache entries of the modules `check` checks, in bounded amounts: the first bytes
 * of each version's .info and .mod, the first and last bytes of its .zip. The files are found where go
 * keeps them (go1.26 src/cmd/go/internal/modfetch/cache.go CachePath:
 * `$GOMODCACHE/cache/download/<escaped path>/@v/<escaped version>.<suffix>`). The reader is injected;
 * the default opens regular files only, without blocking (src/bounded-file.ts). The judgement is in
 * module-cache.ts.
 */
import path from 'node:path';
import { openRegularFile, type FileFailure } from '../bounded-file.js';
import { canonicalVersion, escapePath, escapeVersion } from '../goenv/modulepath.js';
import {
  INFO_SAMPLE_BYTES,
  MOD_SAMPLE_BYTES,
  ZIP_HEAD_BYTES,
  ZIP_TAIL_BYTES,
  type CachedFileKind,
  type CachedFileSample,
  type CachedVersion,
} from './module-cache.js';
import type { CanaryModule } from './types.js';

/** The first `headBytes` and, when asked, the last `tailBytes` of a regular file. */
export type FileEnds = { ok: true; size: number; head: Uint8Array; tail?: Uint8Array } | FileFailure;

/** Reads the ends of one file; never more than `headBytes + tailBytes` bytes. */
export type FileEndsReader = (file: string, headBytes: number, tailBytes: number) => Promise<FileEnds>;

/** The default reader: regular files only (a FIFO or device is refused without blocking), bounded reads. */
export const readFileEnds: FileEndsReader = async (file, headBytes, tailBytes) => {
  const opened = await openRegularFile(file);
  if (!opened.ok) return opened;
  const { handle, size } = opened;
  try {
    const head = Buffer.alloc(Math.min(headBytes, size));
    let filled = 0;
    while (filled < head.length) {
      const { bytesRead } = await handle.read(head, filled, head.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (tailBytes <= 0) return { ok: true, size, head: head.subarray(0, filled) };
    const tailLength = Math.min(tailBytes, size);
    const tail = Buffer.alloc(tailLength);
    let got = 0;
    while (got < tailLength) {
      const { bytesRead } = await handle.read(tail, got, tailLength - got, size - tailLength + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return { ok: true, size, head: head.subarray(0, filled), tail: tail.subarray(0, got) };
  } catch (error) {
    const code = typeof (error as { code?: unknown } | null)?.code === 'string' ? (error as { code: string }).code : 'EIO';
    return { ok: false, code, message: code };
  } finally {
    await handle.close().catch(() => undefined);
  }
};

const SAMPLE_SIZES: Record<CachedFileKind, { head: number; tail: number }> = {
  info: { head: INFO_SAMPLE_BYTES, tail: 0 },
  mod: { head: MOD_SAMPLE_BYTES, tail: 0 },
  zip: { head: ZIP_HEAD_BYTES, tail: ZIP_TAIL_BYTES },
};

/**
 * The directory go keeps a module's downloads in, and the file-name stem of a version there; undefined
 * when go would not cache it under that name (the toolchain module, an invalid path, a version that is
 * not canonical semver: go1.26 src/cmd/go/internal/modfetch/cache.go CachePath refuses those).
 */
export function cacheStem(gomodcache: string, module: string, version: string, platform: NodeJS.Platform = process.platform): string | undefined {
  if (module === 'golang.org/toolchain' || canonicalVersion(version) !== version) return undefined;
  try {
    const api = platform === 'win32' ? path.win32 : path.posix;
    return api.join(gomodcache, 'cache', 'download', escapePath(module), '@v', escapeVersion(version));
  } catch {
    return undefined;
  }
}

/**
 * What the download cache holds for each checked module version (a version without a canary version,
 * or not cached at all, is left out). Unreadable files are left out too: go would fail on them with its
 * own words, and nothing here can judge them.
 */
export async function readModuleCache(
  gomodcache: string,
  canaries: readonly CanaryModule[],
  options: { platform?: NodeJS.Platform; read?: FileEndsReader } = {},
): Promise<CachedVersion[]> {
  const read = options.read ?? readFileEnds;
  const seen = new Set<string>();
  const versions = await Promise.all(
    canaries.map(async (canary): Promise<CachedVersion | undefined> => {
      if (canary.version === undefined || canary.source === 'toolchain') return undefined;
      const key = `${canary.path}@${canary.version}`;
      if (seen.has(key)) return undefined;
      seen.add(key);
      const stem = cacheStem(gomodcache, canary.path, canary.version, options.platform);
      if (stem === undefined) return undefined;
      const files: CachedFileSample[] = [];
      for (const kind of ['info', 'mod', 'zip'] as const) {
        const file = `${stem}.${kind}`;
        const sizes = SAMPLE_SIZES[kind];
        const ends = await read(file, sizes.head, sizes.tail);
        if (!ends.ok) continue;
        files.push({ kind, path: file, size: ends.size, head: ends.head, ...(ends.tail !== undefined ? { tail: ends.tail } : {}) });
      }
      return files.length > 0 ? { module: canary.path, version: canary.version, gomodcache, files } : undefined;
    }),
  );
  return versions.filter((v): v is CachedVersion => v !== undefined);
}
