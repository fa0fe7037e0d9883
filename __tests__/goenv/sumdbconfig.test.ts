import { createHash, generateKeyPairSync } from 'node:crypto';
import {
  directSumDbUrl,
  GOSUMDB_MISSING_ERROR,
  GOSUMDB_TOO_MANY_FIELDS_ERROR,
  parseGoSumDb,
  parseVerifierKey,
  SUM_GOLANG_ORG_KEY,
  verifierKeyFor,
} from '../../src/goenv/sumdbconfig.js';

function freshKey(name: string): string {
  const { publicKey } = generateKeyPairSync('ed25519');
  return verifierKeyFor(name, publicKey.export({ format: 'der', type: 'spki' }).subarray(-32));
}

function errorOf(value: string): string {
  const result = parseGoSumDb(value);
  if (result.ok) throw new Error(`expected an error for ${value}`);
  return result.error;
}

describe('parseGoSumDb (modfetch/sumdb.go dbDial)', () => {
  test('off', () => {
    expect(parseGoSumDb('off')).toEqual({ ok: true, config: { kind: 'off' } });
  });

  test('a known name takes the built-in key', () => {
    expect(parseGoSumDb('sum.golang.org')).toEqual({ ok: true, config: { kind: 'db', name: 'sum.golang.org', key: SUM_GOLANG_ORG_KEY, builtinKey: true } });
    expect(SUM_GOLANG_ORG_KEY).toBe('sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8');
  });

  test('the built-in key is itself a valid verifier key', () => {
    expect(parseVerifierKey(SUM_GOLANG_ORG_KEY)).toEqual({ ok: true, name: 'sum.golang.org' });
  });

  test('sum.golang.google.cn is rewritten to sum.golang.org with an explicit URL', () => {
    expect(parseGoSumDb('sum.golang.google.cn')).toEqual({
      ok: true,
      config: { kind: 'db', name: 'sum.golang.org', key: SUM_GOLANG_ORG_KEY, url: 'https://sum.golang.google.cn', builtinKey: true, rewrittenFrom: 'sum.golang.google.cn' },
    });
  });

  test('name+key and name+key url', () => {
    const key = freshKey('sum.example.invalid');
    expect(parseGoSumDb(key)).toEqual({ ok: true, config: { kind: 'db', name: 'sum.example.invalid', key, builtinKey: false } });
    expect(parseGoSumDb(`  ${key}\t http://127.0.0.1:1/db `)).toEqual({
      ok: true,
      config: { kind: 'db', name: 'sum.example.invalid', key, url: 'http://127.0.0.1:1/db', builtinKey: false },
    });
    expect(parseGoSumDb('sum.golang.org https://mirror.example.invalid/sumdb')).toMatchObject({ ok: true, config: { name: 'sum.golang.org', url: 'https://mirror.example.invalid/sumdb', builtinKey: true } });
  });

  test('a database with a path is allowed', () => {
    const key = freshKey('h.example.invalid/p');
    expect(parseGoSumDb(key)).toMatchObject({ ok: true, config: { name: 'h.example.invalid/p' } });
    expect(directSumDbUrl('h.example.invalid/p')).toBe('https://h.example.invalid/p');
  });

  test("cmd/go's error texts", () => {
    expect(errorOf('')).toBe(GOSUMDB_MISSING_ERROR);
    expect(errorOf('   ')).toBe('missing GOSUMDB');
    expect(errorOf('a b c')).toBe(GOSUMDB_TOO_MANY_FIELDS_ERROR);
    expect(errorOf('sum.golang.org+insecure')).toBe('invalid GOSUMDB: malformed verifier id');
    expect(errorOf('sum.example.com')).toBe('invalid GOSUMDB: malformed verifier id');
    // A changed last character keeps the format but breaks the hash.
    expect(errorOf('sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn9')).toBe('invalid GOSUMDB: invalid verifier hash');
    expect(errorOf(`${freshKey('ok.example.invalid')} http://[::1`)).toBe('invalid GOSUMDB URL: parse "http://[::1": missing \']\' in host');
    expect(errorOf(`${freshKey('ok.example.invalid')} %zz`)).toBe('invalid GOSUMDB URL: parse "%zz": invalid URL escape "%zz"');
  });

  test('an unknown algorithm byte', () => {
    // A well-formed key whose first byte says algorithm 2 (only 1, Ed25519, exists), with a matching hash.
    const key = Buffer.alloc(33, 7);
    key[0] = 2;
    const name = 'alg.example.invalid';
    const hash = createHash('sha256').update(name).update('\n').update(key).digest().readUInt32BE(0).toString(16).padStart(8, '0');
    expect(errorOf(`${name}+${hash}+${key.toString('base64')}`)).toBe('invalid GOSUMDB: unknown verifier algorithm');
    // The same key with algorithm 1 but 31 bytes is malformed.
    const short = Buffer.alloc(32, 7);
    short[0] = 1;
    const shortHash = createHash('sha256').update(name).update('\n').update(short).digest().readUInt32BE(0).toString(16).padStart(8, '0');
    expect(errorOf(`${name}+${shortHash}+${short.toString('base64')}`)).toBe('invalid GOSUMDB: malformed verifier id');
  });

  test('database names that are not host[/path] (texts as go1.19 and go1.23 print them)', () => {
    expect(errorOf(freshKey('sum.example.invalid/'))).toBe(
      'invalid sumdb name (must be host[/path]): sum.example.invalid/ {Scheme:https Opaque: User: Host:sum.example.invalid Path:/ RawPath: OmitHost:false ForceQuery:false RawQuery: Fragment: RawFragment:}',
    );
    expect(errorOf(freshKey('a@b.invalid'))).toBe(
      'invalid sumdb name (must be host[/path]): a@b.invalid {Scheme:https Opaque: User:a Host:b.invalid Path: RawPath: OmitHost:false ForceQuery:false RawQuery: Fragment: RawFragment:}',
    );
    expect(errorOf(freshKey('b.invalid?x'))).toContain('RawQuery:x ');
    expect(errorOf(freshKey('h.invalid/%41'))).toContain('Path:/A RawPath:/%41 ');
    // go itself crashes on this one (nil dereference); we still explain it.
    expect(errorOf(freshKey('h.invalid:abc'))).toBe('invalid sumdb name (must be host[/path]): h.invalid:abc (parse "https://h.invalid:abc": invalid port ":abc" after host)');
  });
});

