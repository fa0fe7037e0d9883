/**
 * The TLS roots Go trusts, so a probe verifies certificates the way `go` would and not the way
 * Node (with its bundled Mozilla store) would. On Linux and the BSDs Go reads PEM files itself
 * (go1.23 src/crypto/x509/root_unix.go, root_linux.go); macOS and Windows use the platform
 * verifier and ignore SSL_CERT_FILE/SSL_CERT_DIR.
 */
import { X509Certificate } from 'node:crypto';
import { readdir, readlink } from 'node:fs/promises';
import { FILE_LIMITS, FILE_TOO_LARGE, NOT_REGULAR_FILE, readBoundedTextFile } from '../bounded-file.js';

/**
 * Bundle files Go tries in order, stopping at the first readable one
 * (mirrors go1.23 src/crypto/x509/root_linux.go:10-17; the same list in go1.19–go1.22).
 */
export const LINUX_CERT_FILES: readonly string[] = [
  '/etc/ssl/certs/ca-certificates.crt',
  '/etc/pki/tls/certs/ca-bundle.crt',
  '/etc/ssl/ca-bundle.pem',
  '/etc/pki/tls/cacert.pem',
  '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem',
  '/etc/ssl/cert.pem',
];

/**
 * Directories Go reads completely (mirrors go1.23 src/crypto/x509/root_linux.go:20-23). go1.19
 * also listed the Android directory on every Linux; go1.21+ adds it only on Android.
 */
export const LINUX_CERT_DIRECTORIES: readonly string[] = ['/etc/ssl/certs', '/etc/pki/tls/certs'];

/** Where Go will look for roots on one system. */
export interface RootSources {
  /** `files`/`dirs` are read by Go itself; `platform` means the OS verifier decides (macOS, Windows). */
  kind: 'files' | 'platform';
  /** Candidate bundle files, first readable wins. */
  files: string[];
  /** Directories whose every file is read. */
  dirs: string[];
  /** SSL_CERT_FILE replaced the built-in file list. */
  fileFromEnv: boolean;
  /** SSL_CERT_DIR replaced the built-in directory list. */
  dirsFromEnv: boolean;
  /** SSL_CERT_FILE/SSL_CERT_DIR are set but this platform ignores them. */
  ignoredVariables: string[];
}

/**
 * The files and directories Go reads for roots (mirrors go1.23 src/crypto/x509/root_unix.go:32-82):
 * SSL_CERT_FILE replaces only the file list and SSL_CERT_DIR (colon-separated) only the directory
 * list, so setting just SSL_CERT_FILE still loads the default directories.
 */
export function rootSourcesFor(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform): RootSources {
  const certFile = env.SSL_CERT_FILE ?? '';
  const certDir = env.SSL_CERT_DIR ?? '';
  if (platform === 'darwin' || platform === 'win32') {
    const ignored = [certFile !== '' ? 'SSL_CERT_FILE' : '', certDir !== '' ? 'SSL_CERT_DIR' : ''].filter((v) => v !== '');
    return { kind: 'platform', files: [], dirs: [], fileFromEnv: false, dirsFromEnv: false, ignoredVariables: ignored };
  }
  // Only Linux has a built-in list in this port; other Unix systems have their own lists in Go,
  // which we approximate with the Linux one.
  return {
    kind: 'files',
    files: certFile !== '' ? [certFile] : [...LINUX_CERT_FILES],
    dirs: certDir !== '' ? certDir.split(':') : [...LINUX_CERT_DIRECTORIES],
    fileFromEnv: certFile !== '',
    dirsFromEnv: certDir !== '',
    ignoredVariables: [],
  };
}

/** A directory entry, enough to apply Go's same-directory-symlink rule. */
export interface RootDirEntry {
  name: string;
  isSymbolicLink: boolean;
}

/** File access for loading roots; errors are errno codes (`ENOENT`, `EACCES`, ...). */
export interface RootsReader {
  readFile(path: string): Promise<{ ok: true; text: string } | { ok: false; code: string; message: string }>;
  readDir(path: string): Promise<{ ok: true; entries: RootDirEntry[] } | { ok: false; code: string; message: string }>;
  readLink(path: string): Promise<string | undefined>;
}

/** The roots a Go program on this system would trust. */
export interface GoRoots {
  kind: 'files' | 'platform';
  /** One PEM string per certificate, de-duplicated; empty for `platform`. */
  pems: string[];
  /** The bundle file that was read, if any. */
  fileUsed?: string;
  /** Directories that could be listed. */
  dirsRead: string[];
  /** Go's load error, set only when no certificate was found and a non-ENOENT error occurred. */
  loadError?: string;
  /**
   * Files that were not read because they are not regular files (a FIFO, which go itself would
   * block on for ever, or a device) or are larger than FILE_LIMITS.certificates. Go's own outcome
   * for these is a hang or unbounded memory, so they never become a `loadError`.
   */
  skipped?: Array<{ path: string; reason: 'not-regular-file' | 'too-large' }>;
  sources: RootSources;
}

function skipReason(code: string): 'not-regular-file' | 'too-large' | undefined {
  return code === NOT_REGULAR_FILE ? 'not-regular-file' : code === FILE_TOO_LARGE ? 'too-large' : undefined;
}

// Go prints the errno text (`open /x: permission denied`), not Node's `EACCES: …` message.
const ERRNO_TEXT: Record<string, string> = { EACCES: 'permission denied', EISDIR: 'is a directory', ENOTDIR: 'not a directory', EPERM: 'operation not permitted' };

function goOpenError(path: string, code: string, message: string): string {
  return `open ${path}: ${ERRNO_TEXT[code] ?? message}`;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** Files of a certificate directory read at once. */
const DIRECTORY_BATCH = 32;

/** Splits PEM text into parseable certificates, skipping bad blocks like AppendCertsFromPEM. */
export function certificatesFromPem(text: string): string[] {
  const out: string[] = [];
  for (const block of text.match(PEM_BLOCK) ?? []) {
    try {
      new X509Certificate(block);
      out.push(`${block}\n`);
    } catch {
      // Go's AppendCertsFromPEM skips blocks that do not parse.
    }
  }
  return out;
}

/**
 * Loads the roots from the given sources through an injected reader
 * (mirrors go1.23 src/crypto/x509/root_unix.go:32-108): the first readable file, then every
 * file of every directory except symlinks to a name in the same directory.
 */
export async function loadGoRoots(sources: RootSources, reader: RootsReader): Promise<GoRoots> {
  if (sources.kind === 'platform') return { kind: 'platform', pems: [], dirsRead: [], sources };
  const seen = new Set<string>();
  const pems: string[] = [];
  // A certificate already seen is not parsed again: the directory usually holds the bundle's
  // certificates once more, one per file, and parsing is what costs (about a millisecond each).
  const add = (text: string): void => {
    for (const block of text.match(PEM_BLOCK) ?? []) {
      const key = block.replace(/\s+/g, '');
      if (seen.has(key)) continue;
      seen.add(key);
      for (const pem of certificatesFromPem(block)) pems.push(pem);
    }
  };
  let firstErr: string | undefined;
  let fileUsed: string | undefined;
  const skipped: NonNullable<GoRoots['skipped']> = [];
  for (const file of sources.files) {
    const read = await reader.readFile(file);
    if (read.ok) {
      add(read.text);
      fileUsed = file;
      break;
    }
    const reason = skipReason(read.code);
    if (reason !== undefined) {
      // Go would not move on to the next file here: it would wait on the FIFO or keep reading.
      skipped.push({ path: file, reason });
      break;
    }
    if (firstErr === undefined && read.code !== 'ENOENT') firstErr = goOpenError(file, read.code, read.message);
  }
  const dirsRead: string[] = [];
  for (const dir of sources.dirs) {
    const listing = await reader.readDir(dir);
    if (!listing.ok) {
      if (firstErr === undefined && listing.code !== 'ENOENT') firstErr = goOpenError(dir, listing.code, listing.message);
      continue;
    }
    dirsRead.push(dir);
    // Read a batch of files at once (hundreds of small files one after another cost a round trip to
    // the thread pool each), then take them in the listing's order, as Go does.
    const readEntry = async (entry: { name: string; isSymbolicLink: boolean }): Promise<{ full: string; read?: Awaited<ReturnType<RootsReader['readFile']>> }> => {
      const full = `${dir}/${entry.name}`;
      if (entry.isSymbolicLink) {
        const target = await reader.readLink(full);
        if (target !== undefined && !target.includes('/')) return { full };
      }
      return { full, read: await reader.readFile(full) };
    };
    for (let start = 0; start < listing.entries.length; start += DIRECTORY_BATCH) {
      const batch = await Promise.all(listing.entries.slice(start, start + DIRECTORY_BATCH).map(readEntry));
      for (const { full, read } of batch) {
        if (read === undefined) continue;
        if (read.ok) add(read.text);
        else {
          const reason = skipReason(read.code);
          if (reason !== undefined) skipped.push({ path: full, reason });
        }
      }
    }
  }
  const roots: GoRoots = { kind: 'files', pems, dirsRead, sources };
  if (fileUsed !== undefined) roots.fileUsed = fileUsed;
  if (skipped.length > 0) roots.skipped = skipped;
  if (pems.length === 0 && firstErr !== undefined) roots.loadError = firstErr;
  return roots;
}

/**
 * The real file system as a {@link RootsReader}: only regular files up to FILE_LIMITS.certificates
 * are read, so a FIFO or device named by SSL_CERT_FILE or sitting in SSL_CERT_DIR never blocks.
 */
export const diskRootsReader: RootsReader = {
  async readFile(path) {
    return readBoundedTextFile(path, FILE_LIMITS.certificates);
  },
  async readDir(path) {
    try {
      const entries = await readdir(path, { withFileTypes: true });
      return { ok: true, entries: entries.map((e) => ({ name: e.name, isSymbolicLink: e.isSymbolicLink() })) };
    } catch (error) {
      const err = error as NodeJS.ErrnoException;
      return { ok: false, code: err.code ?? 'EIO', message: err.message };
    }
  },
  async readLink(path) {
    try {
      return await readlink(path);
    } catch {
      return undefined;
    }
  },
};
