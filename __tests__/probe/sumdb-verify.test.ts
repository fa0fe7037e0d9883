import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { checkSumdbLatest, openNote, parseTree, parseVerifierKey, supportedUrl, verifySignedTreeHead } from '../../src/probe/sumdb-verify.js';
import { startFakeGoProxy, type FakeGoProxy } from '../helpers/fake-goproxy.js';
import { createFakeSumDb, startFakeSumDb, type RunningFakeSumDb } from '../helpers/fake-sumdb.js';

// The example note and key from the package documentation of
// go1.23 src/cmd/vendor/golang.org/x/mod/sumdb/note/note.go:96-134, signed by Go itself.
const DOC_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const DOC_NOTE =
  'If you think cryptography is the answer to your problem,\n' +
  "then you don't know what your problem is.\n" +
  '\n' +
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';

/** A verifier key and signer for `name`, built the way note.GenerateKey does. */
function makeKey(name: string): { vkey: string; signNote: (text: string) => string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from((publicKey.export({ format: 'jwk' }) as { x: string }).x, 'base64url');
  const encoded = Buffer.concat([Buffer.from([1]), raw]);
  const hash = createHash('sha256').update(`${name}\n`).update(encoded).digest().subarray(0, 4);
  const vkey = `${name}+${hash.toString('hex')}+${encoded.toString('base64')}`;
  return {
    vkey,
    signNote: (text) => {
      const sig = sign(null, Buffer.from(text), privateKey);
      return `${text}\n— ${name} ${Buffer.concat([hash, sig]).toString('base64')}\n`;
    },
  };
}

const TREE_TEXT = `go.sum database tree\n42\n${Buffer.alloc(32, 7).toString('base64')}\n`;

describe('parseVerifierKey', () => {
  test('accepts the real sum.golang.org key (its hash checks out) and the note.go example key', () => {
    const k = parseVerifierKey('sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8');
    expect(k).toMatchObject({ ok: true, name: 'sum.golang.org', hash: '033de0ae' });
    expect(parseVerifierKey(DOC_VKEY).ok).toBe(true);
  });

  test("Go's errors for bad keys", () => {
    expect(parseVerifierKey('sum.golang.org+insecure')).toEqual({ ok: false, error: 'malformed verifier id' });
    expect(parseVerifierKey('sum.golang.org+033de0af+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8')).toEqual({ ok: false, error: 'invalid verifier hash' });
    expect(parseVerifierKey('sum.golang.org')).toEqual({ ok: false, error: 'malformed verifier id' });
  });
});

describe('openNote', () => {
  test('verifies the note Go signed in its documentation', () => {
    const key = parseVerifierKey(DOC_VKEY);
    if (!key.ok) throw new Error(key.error);
    const opened = openNote(DOC_NOTE, key);
    expect(opened).toMatchObject({ ok: true, verified: [{ name: 'PeterNeumann', hash: 'c74f20a3' }] });
    if (opened.ok) expect(opened.text).toBe("If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n");
  });

  test('a tampered text fails with invalid signature; a foreign key with no verifiable signatures', () => {
    const key = parseVerifierKey(DOC_VKEY);
    if (!key.ok) throw new Error(key.error);
    expect(openNote(DOC_NOTE.replace('cryptography', 'cryptographY'), key)).toEqual({ ok: false, error: 'invalid signature for key PeterNeumann+c74f20a3' });
    const other = makeKey('PeterNeumann');
    const otherKey = parseVerifierKey(other.vkey);
    if (!otherKey.ok) throw new Error(otherKey.error);
    const r = openNote(DOC_NOTE, otherKey);
    expect(r).toMatchObject({ ok: false, error: 'note has no verifiable signatures', unverified: [{ name: 'PeterNeumann', hash: 'c74f20a3' }] });
  });

  test('malformed notes', () => {
    const key = parseVerifierKey(DOC_VKEY);
    if (!key.ok) throw new Error(key.error);
    expect(openNote('<html>login</html>', key)).toEqual({ ok: false, error: 'malformed note' });
    expect(openNote(DOC_NOTE.replace('\n\n', '\n\t\n'), key)).toEqual({ ok: false, error: 'malformed note' });
    expect(openNote(DOC_NOTE.slice(0, -1), key)).toEqual({ ok: false, error: 'malformed note' });
  });
});

describe('parseTree and verifySignedTreeHead', () => {
  test('parses the tree text', () => {
    expect(parseTree(TREE_TEXT)).toEqual({ ok: true, size: 42, hash: Buffer.alloc(32, 7).toString('base64') });
    expect(parseTree('go.sum database tree\n042\nAAAA\n')).toEqual({ ok: false, error: 'malformed tree note' });
    expect(parseTree('go.sum database tree\n1\nAAAA\n')).toEqual({ ok: false, error: 'malformed tree note' });
  });

  test('a head signed by the GOSUMDB key verifies; another key or another text does not', () => {
    const k = makeKey('sum.example.invalid');
    const body = k.signNote(TREE_TEXT);
    expect(verifySignedTreeHead(body, k.vkey)).toMatchObject({ ok: true, tree: { size: 42 } });
    const interceptor = makeKey('sum.example.invalid');
    expect(verifySignedTreeHead(interceptor.signNote(TREE_TEXT), k.vkey)).toMatchObject({
      ok: false,
      stage: 'note',
      error: 'reading tree note: note has no verifiable signatures',
    });
    expect(verifySignedTreeHead(k.signNote('hello\n'), k.vkey)).toEqual({ ok: false, stage: 'tree', error: 'reading tree: malformed tree note' });
    expect(verifySignedTreeHead(body, 'bad')).toEqual({ ok: false, stage: 'key', error: 'invalid GOSUMDB: malformed verifier id' });
  });
});

describe('checkSumdbLatest against a fake checksum database', () => {
  let db: RunningFakeSumDb;
  let evil: RunningFakeSumDb;
  let proxy: FakeGoProxy;
  const inProcess = createFakeSumDb({ name: 'sum.goproxy-doctor.invalid' });

  beforeAll(async () => {
    db = await startFakeSumDb({ name: 'sum.goproxy-doctor.invalid' });
    evil = await startFakeSumDb({ name: 'sum.goproxy-doctor.invalid', signWithOtherKey: true });
    proxy = await startFakeGoProxy({ sumdbSupported: inProcess.name, sumdb: inProcess });
  });

  afterAll(async () => {
    await Promise.all([db?.close(), evil?.close(), proxy?.close()]);
  });

  test('direct: the tree head verifies against the database key', async () => {
    const r = await checkSumdbLatest(db.url, db.vkey, { timeoutMs: 3000 });
    expect(r.probe.ok).toBe(true);
    expect(r.verdict).toMatchObject({ ok: true, tree: { size: db.size } });
  });

  test('a database signing with another key is caught', async () => {
    const r = await checkSumdbLatest(evil.url, evil.vkey, { timeoutMs: 3000 });
    expect(r.verdict).toMatchObject({ ok: false, stage: 'note', error: 'reading tree note: note has no verifiable signatures' });
  });

  test('through a proxy: /supported answers 200, then <proxy>/sumdb/<name>/latest verifies', async () => {
    const { probeEndpoint } = await import('../../src/probe/endpoint.js');
    const supported = await probeEndpoint(supportedUrl(proxy.url, inProcess.name), { timeoutMs: 3000 });
    expect(supported.status).toBe(200);
    const r = await checkSumdbLatest(`${proxy.url}/sumdb/${inProcess.name}`, inProcess.vkey, { timeoutMs: 3000 });
    expect(r.verdict?.ok).toBe(true);
    // The wrong key for the same name fails.
    const r2 = await checkSumdbLatest(`${proxy.url}/sumdb/${inProcess.name}`, db.vkey, { timeoutMs: 3000 });
    expect(r2.verdict).toMatchObject({ ok: false, stage: 'note' });
  });

  test('a non-200 /latest gives no verdict, only the probe failure', async () => {
    const r = await checkSumdbLatest(`${proxy.url}/fault/500`, db.vkey, { timeoutMs: 3000 });
    expect(r.verdict).toBeUndefined();
    expect(r.probe.status).toBe(500);
  });
});
