/**
 * Module zips and `h1:` hashes for the loopback fakes, so the real `go` accepts what they serve.
 *
 * The zip is written by hand (STORE method, no compression) because Node has no zip writer and a
 * tiny one keeps the test helpers dependency-free. The hashes follow Go's dirhash "h1" scheme,
 * which is what go.sum lines and the checksum database carry.
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

/** One module version as the fakes serve it. */
export interface FakeModule {
  /** Module path, e.g. `example.com/hello` (unescaped, may contain upper case). */
  path: string;
  /** Canonical semver version, e.g. `v1.0.0`. */
  version: string;
  /** Text of `@v/<v>.mod` and of go.mod in the zip; defaults to `module <path>\n`. */
  goMod?: string;
  /** Extra files placed in the zip under `<path>@<version>/`; keys are slash-separated relative names. */
  files?: Record<string, string>;
  /** RFC 3339 time for `.info` and `@v/list`; defaults to 2020-01-01T00:00:00Z. */
  time?: string;
}

/** One file to store in a zip archive. */
export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

/** The go.mod text a module serves (explicit `goMod`, else a bare module line). */
export function moduleGoMod(module: FakeModule): string {
  return module.goMod ?? `module ${module.path}\n`;
}

/**
 * The files of a module zip with their full in-zip names, sorted by name.
 * Names carry the `<path>@<version>/` prefix that cmd/go requires
 * (mirrors go1.23 src/cmd/vendor/golang.org/x/mod/zip/zip.go CheckZip's prefix rule).
 */
export function moduleZipEntries(module: FakeModule): ZipEntry[] {
  const prefix = `${module.path}@${module.version}/`;
  const files: Record<string, string> = { ...(module.files ?? {}), 'go.mod': moduleGoMod(module) };
  return Object.keys(files)
    .sort()
    .map((name) => ({ name: prefix + name, data: Buffer.from(files[name] ?? '', 'utf8') }));
}

/** The `@v/<v>.zip` body for a module: a real zip archive cmd/go can extract. */
export function moduleZip(module: FakeModule): Buffer {
  return writeZip(moduleZipEntries(module));
}

// MS-DOS date for 1980-01-01 00:00 (the zip epoch): fixed so archives are byte-for-byte reproducible.
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;
// Bit 11: names are UTF-8. Go reads names as UTF-8 anyway; the flag keeps other readers honest.
const FLAG_UTF8 = 0x0800;

/**
 * Writes a zip archive with every entry STOREd (method 0). Enough for archive/zip in Go:
 * local headers, a central directory and the end record, with CRC-32 and sizes filled in.
 */
export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = Buffer.from(entry.data);
    const crc = crc32(data);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(10, 4); // version needed: 1.0 (stored)
    local.writeUInt16LE(FLAG_UTF8, 6);
    local.writeUInt16LE(0, 8); // method: store
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, data);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, zip 2.0 (so external attrs carry a mode)
    central.writeUInt16LE(10, 6);
    central.writeUInt16LE(FLAG_UTF8, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(0, 30); // extra
    central.writeUInt16LE(0, 32); // comment
    central.writeUInt16LE(0, 34); // disk
    central.writeUInt16LE(0, 36); // internal attrs
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // regular file, rw-r--r--
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + data.length;
  }
  const centralDirectory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0, 4);
  end.writeUInt16LE(0, 6);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(0, 20);
  return Buffer.concat([...locals, centralDirectory, end]);
}

/**
 * Go's dirhash "h1" over named files: SHA-256 of the sorted lines `<sha256 hex>  <name>\n`,
 * base64-encoded, prefixed `h1:` (mirrors go1.23 src/cmd/vendor/golang.org/x/mod/sumdb/dirhash/hash.go Hash1).
 */
export function hash1(files: readonly ZipEntry[]): string {
  const lines = [...files]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((file) => {
      if (file.name.includes('\n')) throw new Error(`dirhash: filenames with newlines are not supported: ${file.name}`);
      return `${createHash('sha256').update(file.data).digest('hex')}  ${file.name}\n`;
    })
    .join('');
  return `h1:${createHash('sha256').update(lines).digest('base64')}`;
}

/** The `h1:` hash of the module zip, as in the go.sum line `<path> <version> h1:…`. */
export function moduleZipHash(module: FakeModule): string {
  return hash1(moduleZipEntries(module));
}

/**
 * The `h1:` hash of the go.mod file, as in the go.sum line `<path> <version>/go.mod h1:…`.
 * cmd/go hashes it as a single file named `go.mod` (mirrors go1.23 src/cmd/go/internal/modfetch/fetch.go goModSum).
 */
export function goModHash(module: FakeModule): string {
  return hash1([{ name: 'go.mod', data: Buffer.from(moduleGoMod(module), 'utf8') }]);
}
