/**
 * A checksum database (GOSUMDB) the real `go` accepts: Ed25519-signed tree notes, a Merkle
 * transparency log served as tiles, and `/lookup` records, re-expressed from
 * go1.23 src/cmd/vendor/golang.org/x/mod/sumdb/{server.go,note/note.go,tlog/tlog.go,tlog/tile.go,tlog/note.go}.
 *
 * Use it in-process behind the fake GOPROXY (`startFakeGoProxy({ sumdbSupported: db.name, sumdb: db })`,
 * GOSUMDB=`db.vkey`) or on its own port (`startFakeSumDb`, GOSUMDB=`server.gosumdb`).
 */
import { createHash, createPrivateKey, createPublicKey, randomBytes, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import type { SumDbResponder, SumDbResponse } from './fake-goproxy.js';
import { unescapeModuleText } from './fake-goproxy.js';
import { type FakeModule, goModHash, hash1, moduleZipHash } from './module-zip.js';
import { closeServer, listenOnLoopback } from './listen.js';

/** The default database name: `.invalid`, so a direct `https://<name>/` can never reach the internet. */
export const DEFAULT_SUMDB_NAME = 'sum.goproxy-doctor.invalid';

/**
 * The two go.sum lines for a module (zip hash, then go.mod hash), as cmd/go writes them and as a
 * checksum database record holds them.
 */
export function goSumLines(module: FakeModule): string[] {
  return [
    `${module.path} ${module.version} ${moduleZipHash(module)}`,
    `${module.path} ${module.version}/go.mod ${goModHash(module)}`,
  ];
}

/** A lookup fault: an HTTP status (text/plain body `not found: …` for 404/410, `internal error` otherwise). */
export type SumDbLookupFault = number;

/** Options for {@link createFakeSumDb}. */
export interface FakeSumDbOptions {
  /** Database name (host[/path], no `+` or spaces). Default {@link DEFAULT_SUMDB_NAME}. */
  name?: string;
  /** Modules whose go.sum lines become records, in order (record ids 0, 1, …). */
  modules?: FakeModule[];
  /** 32-byte Ed25519 seed for a stable key (and so a stable `vkey`); random when omitted. */
  keySeed?: Uint8Array;
  /** Lookup faults keyed `path@version` or `path` (unescaped): answer that status instead of the record. */
  lookupFaults?: Record<string, SumDbLookupFault>;
  /** Modules (`path@version` or `path`) whose record carries a wrong zip hash: `checksum mismatch` + SECURITY ERROR in go. */
  wrongHash?: string[];
  /** Like `wrongHash` but for the `/go.mod` line (go fails at `verifying go.mod`). */
  wrongGoModHash?: string[];
  /** Sign tree notes with a different key of the same name than `vkey` names (go cannot verify the note). */
  signWithOtherKey?: boolean;
}

/** An in-memory checksum database; `handle()` answers its HTTP paths. */
export interface FakeSumDb extends SumDbResponder {
  /** The database name, e.g. `sum.goproxy-doctor.invalid`. */
  name: string;
  /** Verifier key `name+<hex8>+<base64(0x01‖pubkey)>`: the GOSUMDB value (add ` <url>` to bypass proxies). */
  vkey: string;
  /** Appends a module's record (a later tree: clients that saw the old one check consistency via tiles). */
  add(module: FakeModule): void;
  /** Number of records in the log. */
  readonly size: number;
  /** The current signed tree head (`go.sum database tree\n<N>\n<hash>\n\n— <name> <sig>\n`). */
  signedTree(): string;
  /** Every path handled, in order (also when served through the fake GOPROXY). */
  handled: string[];
}

const ED25519_ALG = 0x01;
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const TILE_PATH_BASE = 1000;

interface Ed25519Key {
  privateKey: KeyObject;
  /** 0x01 ‖ 32-byte public key: the form hashed and encoded in verifier keys. */
  encodedPublic: Buffer;
}

function ed25519FromSeed(seed: Uint8Array): Ed25519Key {
  if (seed.length !== 32) throw new Error(`fake sumdb: key seed must be 32 bytes, got ${seed.length}`);
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, Buffer.from(seed)]), format: 'der', type: 'pkcs8' });
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  const raw = Buffer.from(String(jwk.x), 'base64url');
  return { privateKey, encodedPublic: Buffer.concat([Buffer.from([ED25519_ALG]), raw]) };
}

/** Key hash: first 4 bytes, big-endian, of SHA-256(name ‖ "\n" ‖ 0x01 ‖ pubkey) (mirrors x/mod/sumdb/note/note.go:216-223 keyHash). */
function keyHash(name: string, encodedPublic: Buffer): number {
  return createHash('sha256').update(name, 'utf8').update('\n').update(encodedPublic).digest().readUInt32BE(0);
}

/** `name+<hex8>+<base64>` (mirrors x/mod/sumdb/note/note.go NewEd25519VerifierKey). */
function verifierKey(name: string, key: Ed25519Key): string {
  return `${name}+${keyHash(name, key.encodedPublic).toString(16).padStart(8, '0')}+${key.encodedPublic.toString('base64')}`;
}

/** Signs a note: text, blank line, `— <name> <base64(keyhash ‖ sig)>` (mirrors x/mod/sumdb/note/note.go:618-651 Sign). */
function signNote(text: string, name: string, key: Ed25519Key): string {
  if (!text.endsWith('\n')) throw new Error('fake sumdb: note text must end in a newline');
  const signature = sign(null, Buffer.from(text, 'utf8'), key.privateKey);
  const hash = Buffer.alloc(4);
  hash.writeUInt32BE(keyHash(name, key.encodedPublic), 0);
  return `${text}\n\u2014 ${name} ${Buffer.concat([hash, signature]).toString('base64')}\n`;
}

// --- Merkle log (mirrors x/mod/sumdb/tlog/tlog.go) ---

/** SHA-256(0x00 ‖ data) (tlog.go RecordHash). */
function recordHash(data: Buffer): Buffer {
  return createHash('sha256').update(Buffer.from([0x00])).update(data).digest();
}

/** SHA-256(0x01 ‖ left ‖ right) (tlog.go NodeHash). */
function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256').update(Buffer.from([0x01])).update(left).update(right).digest();
}

/** Position of the level-`level` hash number `n` in the append-only hash storage (tlog.go StoredHashIndex). */
function storedHashIndex(level: number, n: number): number {
  let m = n;
  for (let l = level; l > 0; l--) m = 2 * m + 1;
  let index = 0;
  for (; m > 0; m = Math.floor(m / 2)) index += m;
  return index + level;
}

/** The largest power of two strictly below n, and its log (tlog.go maxpow2). */
function maxpow2(n: number): [number, number] {
  let l = 0;
  while (2 ** (l + 1) < n) l++;
  return [2 ** l, l];
}

/** Indexes of the complete subtrees covering records [lo, hi) (tlog.go subTreeIndex). */
function subTreeIndex(lo: number, hi: number): number[] {
  const need: number[] = [];
  let start = lo;
  while (start < hi) {
    const [k, level] = maxpow2(hi - start + 1);
    need.push(storedHashIndex(level, Math.floor(start / 2 ** level)));
    start += k;
  }
  return need;
}

function trailingZeros(n: number): number {
  let count = 0;
  let m = n;
  while (m > 0 && m % 2 === 0) {
    count++;
    m /= 2;
  }
  return count;
}

/** Parses `tile/<H>/<L|data>/[xNNN/]…NNN[.p/<W>]` (mirrors x/mod/sumdb/tlog/tile.go:191-240 ParseTilePath). */
function parseTilePath(path: string): { h: number; l: number; n: number; w: number } | undefined {
  const f = path.split('/');
  if (f.length < 4 || f[0] !== 'tile') return undefined;
  const h = Number(f[1]);
  const isData = f[2] === 'data';
  const l = isData ? 0 : Number(f[2]);
  if (!Number.isInteger(h) || !Number.isInteger(l) || h < 1 || h > 30 || l < 0 || !/^\d+$/.test(f[1] ?? '')) return undefined;
  let w = 2 ** h;
  const parts = f.slice(3);
  const dotP = parts.at(-2);
  if (dotP !== undefined && dotP.endsWith('.p')) {
    const ww = Number(parts.at(-1));
    if (!Number.isInteger(ww) || ww <= 0 || ww >= w) return undefined;
    w = ww;
    parts.splice(parts.length - 2, 2, dotP.slice(0, -2));
  }
  let n = 0;
  for (const part of parts) {
    const digits = part.replace(/^x/, '');
    if (!/^\d{3}$/.test(digits)) return undefined;
    n = n * TILE_PATH_BASE + Number(digits);
  }
  return { h, l: isData ? -1 : l, n, w };
}

/** Lookup path syntax (mirrors x/mod/sumdb/server.go modVerRE). */
const MOD_VER = /^[^@]+@v[0-9]+\.[0-9]+\.[0-9]+(-[^@]*)?(\+incompatible)?$/;

function text(status: number, body: string): SumDbResponse {
  return { status, contentType: 'text/plain; charset=utf-8', body };
}

/** Builds an in-memory checksum database over `options.modules`. */
export function createFakeSumDb(options: FakeSumDbOptions = {}): FakeSumDb {
  const name = options.name ?? DEFAULT_SUMDB_NAME;
  if (name === '' || /[\s+]/.test(name)) throw new Error(`fake sumdb: invalid name ${JSON.stringify(name)}`);
  const key = ed25519FromSeed(options.keySeed ?? randomBytes(32));
  const signingKey = options.signWithOtherKey ? ed25519FromSeed(randomBytes(32)) : key;
  const records: Buffer[] = [];
  const recordIds = new Map<string, number>();
  const stored: Buffer[] = [];
  const handled: string[] = [];

  const matches = (list: readonly string[] | undefined, module: FakeModule): boolean =>
    list !== undefined && (list.includes(`${module.path}@${module.version}`) || list.includes(module.path));

  // A well-formed h1: of content that is certainly not the module's.
  const bogusHash = (module: FakeModule, what: string): string =>
    hash1([{ name: `${what}-tampered-${module.path}@${module.version}`, data: Buffer.from('tampered by fake sumdb\n') }]);

  /** Appends a record and its interior hashes (mirrors tlog.go StoredHashesForRecordHash). */
  const add = (module: FakeModule): void => {
    const [zipLine, modLine] = goSumLines(module);
    const lines = [
      matches(options.wrongHash, module) ? `${module.path} ${module.version} ${bogusHash(module, 'zip')}` : zipLine,
      matches(options.wrongGoModHash, module) ? `${module.path} ${module.version}/go.mod ${bogusHash(module, 'mod')}` : modLine,
    ];
    const data = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
    const n = records.length;
    if (stored.length !== storedHashIndex(0, n)) throw new Error('fake sumdb: hash storage out of step');
    let h = recordHash(data);
    stored.push(h);
    const m = trailingZeros(n + 1);
    for (let i = 0; i < m; i++) {
      const left = stored[storedHashIndex(i, Math.floor(n / 2 ** i) - 1)];
      if (!left) throw new Error('fake sumdb: missing interior hash');
      h = nodeHash(left, h);
      stored.push(h);
    }
    records.push(data);
    recordIds.set(`${module.path}@${module.version}`, n);
  };

  /** Root hash of the first `n` records (mirrors tlog.go TreeHash/subTreeHash). */
  const treeHash = (n: number): Buffer => {
    if (n === 0) return createHash('sha256').digest();
    const hashes = subTreeIndex(0, n).map((i) => stored[i] as Buffer);
    let h = hashes[hashes.length - 1] as Buffer;
    for (let i = hashes.length - 2; i >= 0; i--) h = nodeHash(hashes[i] as Buffer, h);
    return h;
  };

  /** The signed tree head (tree note format: x/mod/sumdb/tlog/note.go FormatTree). */
  const signedTree = (): string =>
    signNote(`go.sum database tree\n${records.length}\n${treeHash(records.length).toString('base64')}\n`, name, signingKey);

  const faultFor = (path: string, version: string): number | undefined =>
    options.lookupFaults?.[`${path}@${version}`] ?? options.lookupFaults?.[path];

  const lookup = (target: string): SumDbResponse => {
    if (!MOD_VER.test(target)) return text(400, 'invalid module@version syntax\n');
    const at = target.indexOf('@');
    const path = unescapeModuleText(target.slice(0, at));
    const version = unescapeModuleText(target.slice(at + 1));
    if (path === undefined || version === undefined) return text(404, `not found: invalid escaping in ${target}\n`);
    const fault = faultFor(path, version);
    if (fault !== undefined) {
      return fault === 404 || fault === 410
        ? text(fault, `not found: ${path}@${version}: checksum database refuses to look this module up\n`)
        : text(fault, `internal error: lookup of ${path}@${version} failed\n`);
    }
    const id = recordIds.get(`${path}@${version}`);
    if (id === undefined) return text(404, `not found: ${path}@${version}: not in this checksum database\n`);
    // Record, blank line, signed tree (mirrors x/mod/sumdb/server.go lookup + tlog/note.go FormatRecord).
    const body = Buffer.concat([Buffer.from(`${id}\n`), records[id] as Buffer, Buffer.from('\n'), Buffer.from(signedTree(), 'utf8')]);
    return { status: 200, contentType: 'text/plain; charset=UTF-8', body };
  };

  const tile = (path: string): SumDbResponse => {
    const t = parseTilePath(path.slice(1));
    if (!t) return text(400, 'invalid tile syntax\n');
    const start = t.n * 2 ** t.h;
    if (t.l === -1) {
      if (start + t.w > records.length) return text(404, 'tile not found\n');
      const parts: Buffer[] = [];
      for (let i = 0; i < t.w; i++) parts.push(Buffer.from(`${start + i}\n`), records[start + i] as Buffer, Buffer.from('\n'));
      return { status: 200, contentType: 'text/plain; charset=UTF-8', body: Buffer.concat(parts) };
    }
    // Hash tile: W hashes at level H*L (mirrors x/mod/sumdb/tlog/tile.go ReadTileData).
    const hashes: Buffer[] = [];
    for (let i = 0; i < t.w; i++) {
      const h = stored[storedHashIndex(t.h * t.l, start + i)];
      if (!h) return text(404, 'tile not found\n');
      hashes.push(h);
    }
    return { status: 200, contentType: 'application/octet-stream', body: Buffer.concat(hashes) };
  };

  for (const module of options.modules ?? []) add(module);

  return {
    name,
    vkey: verifierKey(name, key),
    add,
    get size() {
      return records.length;
    },
    signedTree,
    handled,
    handle: (path: string): SumDbResponse => {
      handled.push(path);
      if (path.startsWith('/lookup/')) return lookup(path.slice('/lookup/'.length));
      if (path === '/latest') return { status: 200, contentType: 'text/plain; charset=UTF-8', body: signedTree() };
      if (path.startsWith('/tile/')) return tile(path);
      return text(404, 'not found\n');
    },
  };
}

/** A checksum database listening on its own loopback port. */
export interface RunningFakeSumDb extends FakeSumDb {
  /** Base URL, e.g. `http://127.0.0.1:41235`. */
  url: string;
  port: number;
  /** `<vkey> <url>`: the GOSUMDB value that reaches this server directly, bypassing GOPROXY. */
  gosumdb: string;
  /** Raw request targets received, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Starts a fake checksum database on 127.0.0.1 (HTTPS with `tls`), for GOSUMDB="<vkey> <url>". */
export async function startFakeSumDb(
  options: FakeSumDbOptions & { tls?: { cert: string | Buffer; key: string | Buffer } } = {},
): Promise<RunningFakeSumDb> {
  const db = createFakeSumDb(options);
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const raw = req.url ?? '/';
    requests.push(raw);
    let path: string;
    try {
      path = decodeURIComponent(raw.split('?')[0] ?? '/');
    } catch {
      res.writeHead(400).end();
      return;
    }
    const answer = db.handle(path);
    const body = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : Buffer.from(answer.body);
    res.writeHead(answer.status, { 'Content-Type': answer.contentType, 'Content-Length': body.length });
    res.end(body);
  };
  const server: Server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, handler) : createServer(handler);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => undefined);
  const port = await listenOnLoopback(server);
  const url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    name: db.name,
    vkey: db.vkey,
    add: db.add,
    get size() {
      return db.size;
    },
    signedTree: db.signedTree,
    handled: db.handled,
    handle: db.handle,
    url,
    port,
    gosumdb: `${db.vkey} ${url}`,
    requests,
    close: async () => {
      await closeServer(server, sockets);
    },
  };
}
