/**
 * GOSUMDB parsing as cmd/go's dbDial does it: `off`, `<name>`, `<name>+<hash>+<key>`, each optionally
 * followed by ` <url>`. The error texts are cmd/go's, which it prints only when a lookup is needed.
 */
import { createHash } from 'node:crypto';
import { isWellFormedText } from './modulepath.js';
import { goTrimSpace } from './go-text.js';
import { goUserinfoString, goUrlString, parseGoUrl, type GoUrl, type GoUrlRules } from './go-url.js';

/** The public checksum database and its built-in verifier key. mirrors go1.23 src/cmd/go/internal/modfetch/key.go:7-9 */
export const SUM_GOLANG_ORG = 'sum.golang.org';
/** The verifier key cmd/go knows for sum.golang.org (identical in go1.19-go1.23). */
export const SUM_GOLANG_ORG_KEY = 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8';
/** Names cmd/go maps to a full verifier key on its own. mirrors go1.23 src/cmd/go/internal/modfetch/key.go:7-9 */
export const KNOWN_GOSUMDB: Readonly<Record<string, string>> = { [SUM_GOLANG_ORG]: SUM_GOLANG_ORG_KEY };

/** The alias reachable from mainland China, rewritten to sum.golang.org with an explicit URL. mirrors go1.23 src/cmd/go/internal/modfetch/sumdb.go:99-101 */
export const SUM_GOLANG_GOOGLE_CN = 'sum.golang.google.cn';

/** A parsed GOSUMDB. `url` is the explicit database URL, when one was given (proxies are then never asked). */
export type GoSumDbConfig =
  | { kind: 'off' }
  | {
      kind: 'db';
      /** The database name from the verifier key, e.g. `sum.golang.org`. */
      name: string;
      /** The full verifier key `<name>+<hash>+<key>`. */
      key?: string;
      /** The explicit URL (second field), as written. */
      url?: string;
      /** True when the key came from cmd/go's built-in table rather than from GOSUMDB. */
      builtinKey: boolean;
      /** Set when GOSUMDB was `sum.golang.google.cn`, which cmd/go rewrites. */
      rewrittenFrom?: string;
    };

/** cmd/go's GOSUMDB error texts. mirrors go1.23 src/cmd/go/internal/modfetch/sumdb.go:103-139 */
export const GOSUMDB_OFF_ERROR = 'checksum database disabled by GOSUMDB=off';
export const GOSUMDB_MISSING_ERROR = 'missing GOSUMDB';
export const GOSUMDB_TOO_MANY_FIELDS_ERROR = 'invalid GOSUMDB: too many fields';

const B64_STD = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function isUnicodeSpace(ch: string): boolean {
  return goTrimSpace(ch) === '';
}

// mirrors go1.23 src/cmd/vendor/golang.org/x/mod/sumdb/note/note.go:237-239 (isValidName)
function isValidName(name: string): boolean {
  return name !== '' && isWellFormedText(name) && ![...name].some(isUnicodeSpace) && !name.includes('+');
}

function chop(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + sep.length)];
}

/**
 * Checks a verifier key `<name>+<hash>+<base64 key>`: its name, or note's error text
 * (`malformed verifier id`, `invalid verifier hash`, `unknown verifier algorithm`).
 * mirrors go1.23 src/cmd/vendor/golang.org/x/mod/sumdb/note/note.go:242-274 (NewVerifier)
 */
export function parseVerifierKey(vkey: string): { ok: true; name: string } | { ok: false; error: string } {
  const [name, afterName] = chop(vkey, '+');
  const [hash16, key64] = chop(afterName, '+');
  const hashOk = /^[0-9a-fA-F]{8}$/.test(hash16);
  const keyOk = B64_STD.test(key64);
  const key = keyOk ? Buffer.from(key64, 'base64') : Buffer.alloc(0);
  if (!hashOk || !keyOk || !isValidName(name) || key.length === 0) return { ok: false, error: 'malformed verifier id' };
  const digest = createHash('sha256').update(name).update('\n').update(key).digest();
  if (digest.readUInt32BE(0) !== Number.parseInt(hash16, 16)) return { ok: false, error: 'invalid verifier hash' };
  if (key[0] !== 1) return { ok: false, error: 'unknown verifier algorithm' };
  if (key.length - 1 !== 32) return { ok: false, error: 'malformed verifier id' };
  return { ok: true, name };
}

/** Builds a verifier key for an Ed25519 public key (32 raw bytes): what `note.NewEd25519VerifierKey` returns. */
export function verifierKeyFor(name: string, publicKey: Uint8Array): string {
  const key = Buffer.concat([Buffer.from([1]), Buffer.from(publicKey)]);
  const hash = createHash('sha256').update(name).update('\n').update(key).digest().readUInt32BE(0);
  return `${name}+${hash.toString(16).padStart(8, '0')}+${key.toString('base64')}`;
}

// Go's %+v of a url.URL value, which cmd/go prints in the sumdb-name error (*Userinfo prints via its String method).
function goUrlStructString(u: GoUrl, order: GoUrlRules['fieldOrder'] = 'go1.19'): string {
  const user = u.user === undefined ? '' : goUserinfoString(u.user);
  const head = `Scheme:${u.scheme} Opaque:${u.opaque} User:${user} Host:${u.host} Path:${u.path}`;
  if (order === 'go1.26') {
    return `{${head} Fragment:${u.fragment} RawQuery:${u.rawQuery} RawPath:${u.rawPath} RawFragment:${u.rawFragment} ForceQuery:${u.forceQuery} OmitHost:${u.omitHost}}`;
  }
  return `{${head} RawPath:${u.rawPath} OmitHost:${u.omitHost} ForceQuery:${u.forceQuery} RawQuery:${u.rawQuery} Fragment:${u.fragment} RawFragment:${u.rawFragment}}`;
}

// Go's strings.Fields: split on runs of Unicode white space.
function goFields(s: string): string[] {
  const fields: string[] = [];
  let current = '';
  for (const ch of s) {
    if (isUnicodeSpace(ch)) {
      if (current !== '') fields.push(current);
      current = '';
    } else current += ch;
  }
  if (current !== '') fields.push(current);
  return fields;
}

/**
 * Parses GOSUMDB the way cmd/go does before its first checksum lookup.
 * mirrors go1.23 src/cmd/go/internal/modfetch/sumdb.go:89-144 (dbDial); go1.19 lacks the explicit `off`
 * check there because it never dials with GOSUMDB=off.
 */
export function parseGoSumDb(value: string, rules?: GoUrlRules): { ok: true; config: GoSumDbConfig } | { ok: false; error: string } {
  let gosumdb = value;
  let rewrittenFrom: string | undefined;
  if (gosumdb === SUM_GOLANG_GOOGLE_CN) {
    rewrittenFrom = gosumdb;
    gosumdb = `${SUM_GOLANG_ORG} https://${SUM_GOLANG_GOOGLE_CN}`;
  }
  if (gosumdb === 'off') return { ok: true, config: { kind: 'off' } };

  const fields = goFields(gosumdb);
  let builtinKey = false;
  const known = fields[0] !== undefined ? KNOWN_GOSUMDB[fields[0]] : undefined;
  if (known !== undefined) {
    fields[0] = known;
    builtinKey = true;
  }
  const [key, explicitUrl] = fields;
  if (key === undefined) return { ok: false, error: GOSUMDB_MISSING_ERROR };
  if (fields.length > 2) return { ok: false, error: GOSUMDB_TOO_MANY_FIELDS_ERROR };
  const verifier = parseVerifierKey(key);
  if (!verifier.ok) return { ok: false, error: `invalid GOSUMDB: ${verifier.error}` };
  const name = verifier.name;

  // No funny business in the database name: it must be host[/path].
  const direct = parseGoUrl('https://' + name, rules);
  if (!direct.ok) {
    // cmd/go dereferences a nil URL here and panics (seen with go1.19 and go1.23); report the rule instead.
    return { ok: false, error: `invalid sumdb name (must be host[/path]): ${name} (${direct.error})` };
  }
  const d = direct.url;
  const onlyHostAndPath = d.opaque === '' && d.user === undefined && !d.omitHost && !d.forceQuery && d.rawQuery === '' && d.fragment === '' && d.rawFragment === '';
  if (name.endsWith('/') || !onlyHostAndPath || d.rawPath !== '' || d.host === '') {
    return { ok: false, error: `invalid sumdb name (must be host[/path]): ${name} ${goUrlStructString(d, rules?.fieldOrder)}` };
  }

  if (explicitUrl !== undefined) {
    const parsed = parseGoUrl(explicitUrl, rules);
    if (!parsed.ok) return { ok: false, error: `invalid GOSUMDB URL: ${parsed.error}` };
  }
  const config: GoSumDbConfig = { kind: 'db', name, key, builtinKey };
  if (explicitUrl !== undefined) config.url = explicitUrl;
  if (rewrittenFrom !== undefined) config.rewrittenFrom = rewrittenFrom;
  return { ok: true, config };
}

/** The URL cmd/go uses to reach a database directly (no proxy, no explicit URL): `https://<name>`. mirrors go1.23 src/cmd/go/internal/modfetch/sumdb.go:125-128 */
export function directSumDbUrl(name: string): string {
  const parsed = parseGoUrl('https://' + name);
  return parsed.ok ? goUrlString(parsed.url) : 'https://' + name;
}

