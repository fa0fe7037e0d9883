/**
 * Judging the module cache's download entries (`$GOMODCACHE/cache/download/<escaped path>/@v/<escaped
 * version>.{info,mod,zip}`, go1.26 src/cmd/go/internal/modfetch/cache.go CachePath) from bounded samples
 * of their bytes: is each file what go will take it for? A page a proxy or portal answered with 200 is
 * kept as a version's .mod when checksums are not verified for the module (go1.26
 * src/cmd/go/internal/modfetch/cache.go writeDiskGoMod: nothing parses it first), and go then fails with
 * `parsing go.mod: missing module line` whatever the proxy answers later. Pure: the bytes are read by
 * module-cache-read.ts.
 */
import { goQuote } from '../goenv/go-text.js';

/** The files of one version in the download cache that are judged. */
export type CachedFileKind = 'info' | 'mod' | 'zip';

/** What was read of one cached file. */
export interface CachedFileSample {
  kind: CachedFileKind;
  /** The file's path, as built from GOMODCACHE. */
  path: string;
  /** The file's size in bytes. */
  size: number;
  /** Its first bytes: the whole file when `size <= head.length`. */
  head: Uint8Array;
  /** Its last bytes (zip files only): where archive/zip looks for the end-of-central-directory record. */
  tail?: Uint8Array;
}

/** One checked module version and what its download-cache entry holds. */
export interface CachedVersion {
  module: string;
  version: string;
  /** `$GOMODCACHE` the files are under. */
  gomodcache: string;
  /** The files that exist (a missing file is simply not cached yet: go downloads it). */
  files: CachedFileSample[];
}

/** Why a cached file is not what go will take it for. */
export type CachedFileProblem =
  /** A .info that is not a JSON object with a Version. */
  | 'info-not-json'
  /** A .mod without a module directive (go: `parsing go.mod: missing module line`, or a syntax error). */
  | 'mod-no-module-line'
  /** A .zip that does not start with a zip signature (go: `zip: not a valid zip file`). */
  | 'zip-no-signature'
  /** A .zip that starts like one but has no end-of-central-directory record (cut off; go: `zip: not a valid zip file`). */
  | 'zip-no-end-record';

/** A cached file judged damaged. */
export interface DamagedCacheFile {
  kind: CachedFileKind;
  path: string;
  problem: CachedFileProblem;
  /** Its first bytes, escaped like Go's %q and cut short: safe to print, never the whole file. */
  startsWith: string;
}

/** How many bytes of a .info are read: real ones are about 60 bytes (a JSON object with Version and Time). */
export const INFO_SAMPLE_BYTES = 64 * 1024;
/** How many bytes of a .mod are read: far above any real go.mod's module line, which comes first by convention. */
export const MOD_SAMPLE_BYTES = 256 * 1024;
/** How many leading bytes of a .zip are read: the local-file-header or end-record signature. */
export const ZIP_HEAD_BYTES = 4;
/** How many trailing bytes of a .zip are read: archive/zip looks for its end record in the last 65 KiB (go1.26 src/archive/zip/reader.go readDirectoryEnd). */
export const ZIP_TAIL_BYTES = 65 * 1024;
/** How many bytes of a damaged file are shown. */
export const SHOWN_PREFIX_BYTES = 32;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function complete(sample: CachedFileSample): boolean {
  return sample.size <= sample.head.length;
}

/** How many bytes at the end of `bytes` are an incomplete UTF-8 sequence (a sample cut mid-character). */
function cutSequenceLength(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back] ?? 0;
    if (byte < 0x80) return 0;
    if (byte >= 0xc0) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return back < needed ? back : 0;
    }
  }
  return 0;
}

/** The text of a sample, or undefined when it is not UTF-8 (a character cut at the end of a partial sample is allowed). */
function decode(bytes: Uint8Array, cutAllowed: boolean): string | undefined {
  try {
    return utf8.decode(cutAllowed ? bytes.subarray(0, bytes.length - cutSequenceLength(bytes)) : bytes);
  } catch {
    return undefined;
  }
}

/** The characters the modfile lexer skips between tokens on a line (go1.26 src/cmd/vendor/golang.org/x/mod/modfile/read.go readToken). */
function isLexerSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r';
}

/** A line without leading and trailing lexer space; index loops, so the time is linear in the line. */
function trimLexerSpace(line: string): string {
  let start = 0;
  let end = line.length;
  while (start < end && isLexerSpace(line[start])) start++;
  while (end > start && isLexerSpace(line[end - 1])) end--;
  return line.slice(start, end);
}

/**
 * Whether go.mod text declares its module, as the lax modfile parser go reads a cached go.mod with sees
 * it (go1.26 src/cmd/vendor/golang.org/x/mod/modfile/rule.go parseToFile): a `module <path>` line, or a
 * `module ( <path> )` block, anywhere outside comments. go1.26 src/cmd/go/internal/modload/modfile.go:626
 * fails with `missing module line` when there is none. The scan is linear: one pass over the lines.
 */
export function declaresModule(text: string): boolean {
  let inModuleBlock = false;
  let depth = 0;
  for (const rawLine of text.split('\n')) {
    const comment = rawLine.indexOf('//');
    // Only the spaces the modfile lexer skips are trimmed: a byte-order mark is not one, and go fails on it.
    const line = trimLexerSpace(comment >= 0 ? rawLine.slice(0, comment) : rawLine);
    if (line === '') continue;
    if (depth > 0) {
      if (line.startsWith(')')) {
        depth--;
        inModuleBlock = false;
        continue;
      }
      if (inModuleBlock) return true;
      continue;
    }
    const words = line.split(/[ \t\r]+/);
    const verb = words[0];
    if (verb === 'module' && words.length >= 2) {
      if (words[1] === '(') {
        depth = 1;
        inModuleBlock = true;
        continue;
      }
      return true;
    }
    if (verb === 'module(') {
      depth = 1;
      inModuleBlock = true;
      continue;
    }
    if (words[words.length - 1] === '(' || line.endsWith('(')) depth = 1;
  }
  return false;
}

/** A .info go can use: a JSON object with a non-empty Version (go1.26 src/cmd/go/internal/modfetch/cache.go readDiskStat). */
function infoIsUsable(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const version = (value as { Version?: unknown }).Version;
    return typeof version === 'string' && version !== '';
  } catch {
    return false;
  }
}

function startsWithBytes(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}

const LOCAL_FILE_HEADER = [0x50, 0x4b, 0x03, 0x04];
const DIRECTORY_END = [0x50, 0x4b, 0x05, 0x06];
const DIRECTORY_END_LEN = 22;

/**
 * Whether the last bytes of a zip hold an end-of-central-directory record whose comment fits, searched
 * from the end as archive/zip does (go1.26 src/archive/zip/reader.go findSignatureInBlock).
 */
export function hasDirectoryEnd(tail: Uint8Array): boolean {
  for (let i = tail.length - DIRECTORY_END_LEN; i >= 0; i--) {
    if (tail[i] === 0x50 && tail[i + 1] === 0x4b && tail[i + 2] === 0x05 && tail[i + 3] === 0x06) {
      const commentLength = (tail[i + DIRECTORY_END_LEN - 2] ?? 0) | ((tail[i + DIRECTORY_END_LEN - 1] ?? 0) << 8);
      return commentLength + DIRECTORY_END_LEN + i <= tail.length;
    }
  }
  return false;
}

/**
 * The first bytes of a file, quoted and escaped the way Go's %q does (control, invisible and invalid
 * bytes as escapes), at most SHOWN_PREFIX_BYTES of them, with `…` when there was more.
 */
export function quotedPrefix(bytes: Uint8Array, size: number): string {
  const shown = bytes.subarray(0, Math.min(bytes.length, SHOWN_PREFIX_BYTES));
  const more = size > shown.length ? '…' : '';
  const text = decode(shown, true);
  if (text !== undefined) return goQuote(text) + more;
  let out = '"';
  for (const byte of shown) {
    if (byte >= 0x20 && byte < 0x7f) out += byte === 0x22 || byte === 0x5c ? `\\${String.fromCharCode(byte)}` : String.fromCharCode(byte);
    else out += `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return `${out}"${more}`;
}

/** The problem with one cached file, or undefined when it is what it claims to be (or cannot be told from the sample). */
export function judgeCachedFile(sample: CachedFileSample): CachedFileProblem | undefined {
  switch (sample.kind) {
    case 'info': {
      if (complete(sample)) {
        const text = decode(sample.head, false);
        return text !== undefined && infoIsUsable(text) ? undefined : 'info-not-json';
      }
      // Larger than any real .info: only a start that cannot begin a JSON object decides.
      const text = decode(sample.head, true);
      return text !== undefined && text.trimStart().startsWith('{') ? undefined : 'info-not-json';
    }
    case 'mod': {
      const text = decode(sample.head, !complete(sample));
      // go reads the file as bytes; a go.mod that is not UTF-8 fails to parse all the same.
      if (text === undefined) return 'mod-no-module-line';
      if (declaresModule(text)) return undefined;
      // A module line could still follow a very long start; only a page's markup decides then.
      if (!complete(sample)) return text.trimStart().startsWith('<') ? 'mod-no-module-line' : undefined;
      return 'mod-no-module-line';
    }
    case 'zip': {
      const signed = startsWithBytes(sample.head, LOCAL_FILE_HEADER) || startsWithBytes(sample.head, DIRECTORY_END);
      // archive/zip needs only the end record (data before the first entry is allowed), so the end decides
      // when it was read; the start alone decides otherwise.
      if (sample.tail === undefined) return signed ? undefined : 'zip-no-signature';
      if (hasDirectoryEnd(sample.tail)) return undefined;
      return signed ? 'zip-no-end-record' : 'zip-no-signature';
    }
  }
}

/** The damaged files of one cached version, most consequential first (.mod, then .zip, then .info). */
export function damagedFiles(version: CachedVersion): DamagedCacheFile[] {
  const order: Record<CachedFileKind, number> = { mod: 0, zip: 1, info: 2 };
  const damaged: DamagedCacheFile[] = [];
  for (const sample of version.files) {
    const problem = judgeCachedFile(sample);
    if (problem === undefined) continue;
    damaged.push({ kind: sample.kind, path: sample.path, problem, startsWith: quotedPrefix(sample.head, sample.size) });
  }
  return damaged.sort((a, b) => order[a.kind] - order[b.kind]);
}
