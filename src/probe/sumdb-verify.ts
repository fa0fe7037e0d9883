/**
 * Checking a checksum database's signed tree head against the key GOSUMDB names, so a wrong key
 * or an intercepting proxy shows up. Re-expresses the signed-note format of
 * go1.23 src/cmd/vendor/golang.org/x/mod/sumdb/note/note.go and the tree text of
 * .../x/mod/sumdb/tlog/note.go. (cmd/go itself never asks for `/latest`; it gets tree heads with
 * its lookups. Fetching `/latest` is our way to see the same signature.)
 */
import { createHash, createPublicKey, verify as cryptoVerify } from 'node:crypto';
import type { EndpointProbeOptions, EndpointResult } from './endpoint.js';
import { probeEndpoint } from './endpoint.js';

/** A parsed `name+hash+key` verifier (mirrors note.go:242-274). */
export interface VerifierKey {
  name: string;
  /** The 32-bit key hash, as Go prints it: 8 lowercase hex digits. */
  hash: string;
  /** The raw 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
}

/** A failure with Go's wording (`malformed verifier id`, `invalid signature for key …`). */
export interface NoteError {
  ok: false;
  error: string;
}

// mirrors note.go:216-223: SHA-256 of name, newline, key bytes; the first 4 bytes big-endian.
function keyHash(name: string, key: Uint8Array): number {
  const sum = createHash('sha256').update(name, 'utf8').update('\n').update(key).digest();
  return sum.readUInt32BE(0);
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

// mirrors note.go:237-239
function isValidName(name: string): boolean {
  return name !== '' && !/\s/u.test(name) && !name.includes('+');
}

const BASE64_STD = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function decodeStdBase64(text: string): Uint8Array | null {
  if (!BASE64_STD.test(text)) return null;
  return new Uint8Array(Buffer.from(text, 'base64'));
}

function chop(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + sep.length)];
}

/**
 * Parses a verifier key like `sum.golang.org+033de0ae+Ac4z…` (mirrors note.go:242-274). Errors are
 * Go's: `malformed verifier id`, `invalid verifier hash`, `unknown verifier algorithm`.
 */
export function parseVerifierKey(vkey: string): ({ ok: true } & VerifierKey) | NoteError {
  const [name, rest] = chop(vkey, '+');
  const [hash16, key64] = chop(rest, '+');
  const key = decodeStdBase64(key64);
  if (hash16.length !== 8 || !/^[0-9a-fA-F]{8}$/.test(hash16) || key === null || !isValidName(name) || key.length === 0) {
    return { ok: false, error: 'malformed verifier id' };
  }
  if (parseInt(hash16, 16) !== keyHash(name, key)) return { ok: false, error: 'invalid verifier hash' };
  if (key[0] !== 1) return { ok: false, error: 'unknown verifier algorithm' };
  const publicKey = key.slice(1);
  if (publicKey.length !== 32) return { ok: false, error: 'malformed verifier id' };
  return { ok: true, name, hash: hex8(parseInt(hash16, 16)), publicKey };
}

/** One signature line of a note. */
export interface NoteSignature {
  name: string;
  hash: string;
}

/** A note whose signature by the expected key checked out. */
export interface OpenedNote {
  ok: true;
  text: string;
  verified: NoteSignature[];
  /** Signatures by keys we were not given (Go's UnverifiedSigs). */
  unverified: NoteSignature[];
}

function ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') }, format: 'jwk' });
    return cryptoVerify(null, message, key, signature);
  } catch {
    return false;
  }
}

/**
 * Opens a signed note and verifies it against one key (mirrors note.go:515-611): the text ends at
 * the last blank line; each following line is `— <name> <base64(hash4 ‖ signature)>`. Errors are
 * Go's: `malformed note`, `note has no verifiable signatures` (signed only by other keys),
 * `invalid signature for key <name>+<hash>`.
 */
export function openNote(message: Uint8Array | string, key: VerifierKey): OpenedNote | (NoteError & { unverified?: NoteSignature[] }) {
  const bytes = typeof message === 'string' ? Buffer.from(message, 'utf8') : Buffer.from(message);
  const text = bytes.toString('utf8');
  // Go rejects invalid UTF-8 and control characters other than newline.
  if (!Buffer.from(text, 'utf8').equals(bytes) || /[\u0000-\u0009\u000b-\u001f]/.test(text)) {
    return { ok: false, error: 'malformed note' };
  }
  const split = bytes.lastIndexOf('\n\n');
  if (split < 0) return { ok: false, error: 'malformed note' };
  const body = bytes.subarray(0, split + 1);
  let sigs = bytes.subarray(split + 2).toString('utf8');
  if (sigs.length === 0 || !sigs.endsWith('\n')) return { ok: false, error: 'malformed note' };
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seen = new Set<string>();
  const seenUnverified = new Set<string>();
  let count = 0;
  while (sigs.length > 0) {
    const nl = sigs.indexOf('\n');
    let line = sigs.slice(0, nl);
    sigs = sigs.slice(nl + 1);
    if (!line.startsWith('— ')) return { ok: false, error: 'malformed note' };
    line = line.slice(2);
    const [name, b64] = chop(line, ' ');
    const sig = decodeStdBase64(b64);
    if (sig === null || !isValidName(name) || b64 === '' || sig.length < 5) return { ok: false, error: 'malformed note' };
    const hash = Buffer.from(sig.subarray(0, 4)).readUInt32BE(0);
    if (++count > 100) return { ok: false, error: 'malformed note' };
    const id = `${name}+${hex8(hash)}`;
    if (name !== key.name || hex8(hash) !== key.hash) {
      if (!seenUnverified.has(line)) {
        seenUnverified.add(line);
        unverified.push({ name, hash: hex8(hash) });
      }
      continue;
    }
    if (seen.has(id)) continue;
    seen.add(id);
    if (!ed25519Verify(key.publicKey, body, sig.subarray(4))) {
      return { ok: false, error: `invalid signature for key ${id}` };
    }
    verified.push({ name, hash: hex8(hash) });
  }
  if (verified.length === 0) return { ok: false, error: 'note has no verifiable signatures', unverified };
  return { ok: true, text: body.toString('utf8'), verified, unverified };
}

/** A tree head: the log size and its root hash (base64, as in the note). */
export interface TreeHead {
  /** The number of records (exact below 2^53, which every real log is). */
  size: number;
  hash: string;
}

/**
 * Parses `go.sum database tree\n<N>\n<hash>\n[...]` (mirrors .../x/mod/sumdb/tlog/note.go:45-71):
 * N is a canonical non-negative decimal, the hash 32 bytes of standard base64.
 */
export function parseTree(text: string): ({ ok: true } & TreeHead) | NoteError {
  const prefix = 'go.sum database tree\n';
  if (!text.startsWith(prefix) || (text.match(/\n/g) ?? []).length < 3 || text.length > 1e6) {
    return { ok: false, error: 'malformed tree note' };
  }
  const lines = text.split('\n');
  const nText = lines[1] ?? '';
  if (!/^(0|[1-9][0-9]*)$/.test(nText) || BigInt(nText) > 9223372036854775807n) return { ok: false, error: 'malformed tree note' };
  const hash = decodeStdBase64(lines[2] ?? '');
  if (hash === null || hash.length !== 32) return { ok: false, error: 'malformed tree note' };
  return { ok: true, size: Number(nText), hash: lines[2] ?? '' };
}

/** The outcome of checking a `/latest` body against a GOSUMDB key. */
export type TreeHeadVerdict =
  | { ok: true; tree: TreeHead; signedBy: NoteSignature[] }
  | {
      ok: false;
      /** Where it failed: the key itself, the note's signatures, or the tree text. */
      stage: 'key' | 'note' | 'tree';
      /** Go-style text, e.g. `reading tree note: note has no verifiable signatures`. */
      error: string;
      /** Keys that did sign the note, when none was the expected one (a different database or an interceptor). */
      signedByOthers?: NoteSignature[];
    };

/**
 * Verifies a signed tree head against the GOSUMDB verifier key, wording failures like
 * x/mod/sumdb/client.go:372-379 (`reading tree note: …`, `reading tree: …`).
 */
export function verifySignedTreeHead(body: Uint8Array | string, vkey: string): TreeHeadVerdict {
  const key = parseVerifierKey(vkey);
  if (!key.ok) return { ok: false, stage: 'key', error: `invalid GOSUMDB: ${key.error}` };
  const note = openNote(body, key);
  if (!note.ok) {
    const verdict: TreeHeadVerdict = { ok: false, stage: 'note', error: `reading tree note: ${note.error}` };
    if (note.unverified && note.unverified.length > 0) verdict.signedByOthers = note.unverified;
    return verdict;
  }
  const tree = parseTree(note.text);
  if (!tree.ok) return { ok: false, stage: 'tree', error: `reading tree: ${tree.error}` };
  return { ok: true, tree: { size: tree.size, hash: tree.hash }, signedBy: note.verified };
}

/** `<base>/latest`, joined like web.Join (one trailing slash of the base dropped). */
export function latestUrl(base: string): string {
  return `${base.replace(/\/$/, '')}/latest`;
}

/** `<proxy>/sumdb/<name>/supported`: what cmd/go asks each proxy before using it for the database. */
export function supportedUrl(proxyBase: string, name: string): string {
  return `${proxyBase.replace(/\/$/, '')}/sumdb/${name}/supported`;
}

/** The probe of `/latest` and, when it answered 200, the verdict on its signature. */
export interface SumdbLatestCheck {
  probe: EndpointResult;
  verdict?: TreeHeadVerdict;
}

/**
 * Fetches `<base>/latest` through the probe engine and verifies the signed tree head against
 * `vkey` (the GOSUMDB key). A wrong key, another database, or an interceptor answering in its place
 * shows up as a failed verdict.
 */
export async function checkSumdbLatest(base: string, vkey: string, options: EndpointProbeOptions): Promise<SumdbLatestCheck> {
  let body: Buffer | undefined;
  const probe = await probeEndpoint(latestUrl(base), {
    ...options,
    onBody: (b, status) => {
      if (status === 200) body = b;
      options.onBody?.(b, status);
    },
  });
  if (!probe.ok || body === undefined) return { probe };
  if (probe.bodyTruncated) {
    return { probe, verdict: { ok: false, stage: 'note', error: 'reading tree note: malformed note (body larger than the probe limit)' } };
  }
  return { probe, verdict: verifySignedTreeHead(body, vkey) };
}
