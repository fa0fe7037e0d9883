/**
 * Property test: random GOSUMDB strings go to both `parseGoSumDb()` and the real `go` (1.21, 1.23, 1.24-1.27).
 * They must agree on accept/reject, on the exact error text, and on where the database is reached.
 *
 * How the real go's verdict is read: `go mod download -json example.invalid/m@v1.0.0` from a loopback
 * recording proxy that serves the module. Without a go.sum entry, go must check the go.mod hash with the
 * checksum database, so it calls dbDial (go1.23 src/cmd/go/internal/modfetch/sumdb.go:89-144), which
 * either fails with the error text parseGoSumDb() must reproduce, or goes on to the lookup. The lookup's
 * requests show the parsed result: `<proxy>/sumdb/<name>/supported` then `https://<name>` (through
 * HTTPS_PROXY, i.e. the recorder) without an explicit URL, or straight to the explicit URL.
 * `GOSUMDB=off` skips verification, so the download succeeds.
 *
 * Safety: HTTP(S)_PROXY is the recorder, which answers 502 to every forward request and never dials, so
 * names like sum.golang.org are only ever seen as a CONNECT line on loopback.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { domainToASCII } from 'node:url';
import fc from 'fast-check';
import { parseGoSumDb, type GoSumDbConfig } from '../../src/goenv/sumdbconfig.js';
import { goUrlRules } from '../../src/goenv/go-url.js';
import { availableGoVersions, createGoSandbox, goVersionString, runGo, type GoSandbox, type GoVersion } from '../helpers/go-toolchains.js';
import { startRecordingProxy, type RecordedHit, type RecordingProxy } from '../helpers/recording-proxy.js';
import { OPTIONAL, resolveOptional } from './optional-requests.js';
import { decoded, isLoopback, requestShape, shapeOf } from './go-url-shape.js';

const versions = availableGoVersions(['1.21', '1.23', '1.24', '1.25', '1.26', '1.27']);
const MODULE = 'example.invalid/m';
const QUERY = `${MODULE}@v1.0.0`;
/** Random values; each goes to every version listed above (six), so the go calls stay near the 400-600 of two versions at the earlier defaults. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 70);
/** Generous per go call (one takes 5-30 ms, far more on a loaded machine), so FUZZ_RUNS=3000 under two jest workers still finishes. */
const TIMEOUT_MS = Math.max(60_000, RUNS * Math.max(1, versions.length) * 400);
/** The recorder base that serves the module (see recording-proxy.ts). */
const PROXY_LABEL = 'm-ok';

/** The texts dbDial returns before any network traffic (sumdb.go:103-139). */
const PARSE_ERROR = /^(?:missing GOSUMDB|invalid GOSUMDB|invalid sumdb name)/;

/** The verifier-key hash: the first 4 bytes of SHA-256(name + "\n" + key), as 8 hex digits (x/mod/sumdb/note/note.go:289-297). */
function keyHash(name: string, key: Uint8Array): string {
  return createHash('sha256').update(name).update('\n').update(key).digest().subarray(0, 4).toString('hex');
}

const NAMES = [
  'x.invalid',
  'sum.x.invalid',
  'x.invalid/p',
  'x.invalid/p/q',
  'x.invalid:8443',
  'x.invalid:',
  'x.invalid:abc',
  'X.INVALID',
  '127.0.0.1:9',
  '[::1]',
  'sum.golang.org',
  'x.invalid/',
  'x.invalid//p',
  'x.invalid?q',
  'x.invalid?',
  'x.invalid#f',
  'u@x.invalid',
  'u:p@x.invalid',
  '%41.invalid',
  'x.invalid/%41',
  'x.invalid/%zz',
  'x.invalid/a%20b',
  '',
  ':9',
  '/p',
  '//x.invalid',
  'x\x01.invalid',
  'x"y.invalid',
  'x[.invalid',
  'é.invalid',
  '*',
];

/** Usually `usual`, sometimes one of `rare`: keeps most keys well-formed so lookups are common too. */
function mostly<T>(usual: T, rare: readonly T[]): fc.Arbitrary<T> {
  return fc.oneof({ weight: 6, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: fc.constantFrom(...rare) });
}

/** A verifier key `<name>+<hash>+<base64>`, correct or broken in one of the ways NewVerifier checks. */
function verifierKeyArbitrary(): fc.Arbitrary<string> {
  return fc
    .record({
      name: fc.constantFrom(...NAMES),
      publicKey: fc.uint8Array({ minLength: 32, maxLength: 32 }),
      alg: mostly(1, [0, 2]),
      length: mostly(32, [31, 33, -1]),
      hash: mostly('right', ['upper', 'wrong', 'short', 'long', 'prefixed']),
      encoding: mostly('std', ['unpadded', 'url', 'garbage', 'empty']),
    })
    .map(({ name, publicKey, alg, length, hash, encoding }) => {
      const body = length < 0 ? new Uint8Array(0) : Uint8Array.from([...publicKey, ...publicKey].slice(0, length));
      const key = length < 0 ? new Uint8Array(0) : Uint8Array.from([alg, ...body]);
      const right = keyHash(name, key);
      const hashText =
        hash === 'right'
          ? right
          : hash === 'upper'
            ? right.toUpperCase()
            : hash === 'wrong'
              ? ((Number.parseInt(right, 16) ^ 1) >>> 0).toString(16).padStart(8, '0')
              : hash === 'short'
                ? right.slice(1)
                : hash === 'long'
                  ? right + '0'
                  : '0x' + right.slice(2);
      let b64 = Buffer.from(key).toString('base64');
      if (encoding === 'unpadded') b64 = b64.replace(/=+$/, '');
      else if (encoding === 'url') b64 = Buffer.from(key).toString('base64url');
      else if (encoding === 'garbage') b64 = b64.slice(0, 4) + '*' + b64.slice(5);
      else if (encoding === 'empty') b64 = '';
      return `${name}+${hashText}+${b64}`;
    });
}

/** Explicit database URLs: loopback, `.invalid`, and ones url.Parse rejects. */
function urls(origin: string): string[] {
  return [
    `${origin}/db`,
    `${origin}/db/`,
    `${origin}/db?q=1`,
    origin,
    'http://x.invalid/db',
    'https://x.invalid',
    'https://u:p@x.invalid/db',
    'http://127.0.0.1:9',
    'file:///nonexistent-gpd',
    'x.invalid',
    ':x',
    '%zz',
    'http://[::1',
    'http://x.invalid:9x',
    'http://x.invalid/%zz',
  ];
}

/** GOSUMDB values: keyword forms, verifier keys, an optional URL, stray fields, odd white space. */
function gosumdbArbitrary(origin: string): fc.Arbitrary<string> {
  const first = fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom('sum.golang.org', 'sum.golang.google.cn', 'off', 'OFF', 'x.invalid', 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8') },
    { weight: 3, arbitrary: verifierKeyArbitrary() },
  );
  const space = fc.constantFrom(' ', ' ', '\t', '  ', '\n', '\u00a0', '\u2003', '\u3000');
  const padding = fc.constantFrom('', '', '', ' ', '\t', '\u00a0');
  return fc
    .record({
      lead: padding,
      first,
      url: fc.option(fc.tuple(space, fc.constantFrom(...urls(origin))), { freq: 2 }),
      extra: fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.tuple(space, fc.constantFrom('x', 'off', 'sum.golang.org')) }),
      trail: padding,
    })
    .map(({ lead, first: head, url, extra, trail }) => lead + head + (url ? url[0] + url[1] : '') + (extra ? extra[0] + extra[1] : '') + trail)
    .filter((s) => s !== ''); // an empty GOSUMDB counts as unset (cfg.go:388-393): go.env's value would apply
}

/** The request go makes first for a database at base URL `url` (a lookup under it), or undefined when none reaches the recorder. */
function firstRequest(url: string, port: number): string | undefined {
  let shape = shapeOf(url);
  if (shape.scheme === '') {
    // web.Get tries https for a scheme-less URL (go1.23 src/cmd/go/internal/web/http.go:239-244); with no host,
    // URL.String() writes `https://` + path, so a relative `x/y` comes back from http.NewRequest as host `x`.
    if (shape.hasAuthority || shape.path.startsWith('/')) shape = { ...shape, scheme: 'https' };
    else shape = shapeOf('https://' + shape.path);
  }
  shape = requestShape(shape);
  if (shape.scheme !== 'http' && shape.scheme !== 'https') return undefined; // file: nothing there; other schemes refused
  if (shape.hostport === '') return undefined;
  if (shape.scheme === 'http' && shape.userinfo) return undefined; // refusing to pass credentials to insecure URL
  if (isLoopback(shape.host)) {
    if (shape.scheme !== 'http' || shape.port !== String(port)) return undefined; // TLS to plain HTTP, or a closed port
    // web.Join appends without cleaning (go1.23 src/cmd/go/internal/web/api.go:196-204); the recorder decodes the path.
    const requestPath = decoded(shape.path).replace(/\/$/, '') + '/lookup/';
    return `HIT ${requestPath.slice(1).split('/')[0] ?? ''}`;
  }
  // net/http sends a non-ASCII host name as punycode (transport.go canonicalAddr → idnaASCII).
  if (/[^\x00-\x7f]/.test(shape.host)) shape = { ...shape, host: domainToASCII(shape.host) };
  // Go sends it to HTTP(S)_PROXY (the recorder). A host with unusual characters may be rejected by Node's
  // HTTP parser before it is recorded; the lookup fails either way.
  const optional = /^[A-Za-z0-9._~-]+$/.test(shape.host) ? '' : OPTIONAL;
  if (shape.scheme === 'https') return `CONNECT ${shape.host.includes(':') ? `[${shape.host}]` : shape.host}:${shape.port || '443'}${optional}`;
  return `PROXY ${shape.host}${optional}`;
}


/** The checksum-database requests go makes for `config` (module fetches excluded). */
function predictRequests(config: Extract<GoSumDbConfig, { kind: 'db' }>, port: number): string[] {
  if (config.url !== undefined) {
    // An explicit URL bypasses the proxies (sumdb.go:130-137).
    const hit = firstRequest(config.url, port);
    return hit === undefined ? [] : [hit];
  }
  // Ask the proxy first (it answers 404), then connect directly to https://<name> (sumdb.go:170-230).
  const direct = firstRequest('https://' + config.name, port);
  return [`SUPPORTED ${config.name}`, ...(direct === undefined ? [] : [direct])];
}

function observedRequests(hits: readonly RecordedHit[]): string[] {
  return hits
    .filter((hit) => hit.module === undefined)
    .map((hit) => {
      if (hit.base === 'CONNECT') return `CONNECT ${hit.rest}`;
      if (hit.base === 'PROXY') return `PROXY ${shapeOf(hit.raw).host}`;
      const supported = /^\/sumdb\/(.+)\/supported$/.exec(hit.rest);
      if (hit.base === PROXY_LABEL && supported) return `SUPPORTED ${supported[1]}`;
      return `HIT ${hit.base}`;
    });
}

const describeGo = versions.length > 0 ? describe : describe.skip;

describeGo('GOSUMDB parsing agrees with the real go', () => {
  let recorder: RecordingProxy;
  let sandbox: GoSandbox;
  let port: number;

  beforeAll(async () => {
    recorder = await startRecordingProxy({ modules: [{ path: MODULE, version: 'v1.0.0' }] });
    port = Number(new URL(recorder.origin).port);
    sandbox = createGoSandbox('gpd-fuzz-sumdb-');
  });

  afterAll(async () => {
    await recorder.close();
    sandbox.cleanup();
  });

  type Verdict = { kind: 'ok' } | { kind: 'panic'; stderr: string } | { kind: 'error'; error: string; requests: string[] };

  async function goVerdict(version: GoVersion, gosumdb: string): Promise<Verdict> {
    recorder.reset();
    // A fresh module cache each time: a cached module is not verified again.
    const modcache = mkdtempSync(path.join(sandbox.root, 'modcache-'));
    try {
      const run = await runGo(
        version,
        ['mod', 'download', '-json', QUERY],
        {
          ...sandbox.env,
          GOMODCACHE: modcache,
          GOPROXY: `${recorder.origin}/${PROXY_LABEL}`,
          GOSUMDB: gosumdb,
          HTTP_PROXY: recorder.proxyUrl,
          HTTPS_PROXY: recorder.proxyUrl,
        },
        { cwd: sandbox.root, timeoutMs: 20_000 },
      );
      if (/^panic: /m.test(run.stderr)) return { kind: 'panic', stderr: run.stderr.split('\n')[0] ?? '' };
      if (run.stdout.trim() === '') throw new Error(`go ${version} printed no JSON (exit ${run.exitCode}): ${run.stderr}`);
      const error = (JSON.parse(run.stdout) as { Error?: string }).Error;
      if (error === undefined && run.exitCode === 0) return { kind: 'ok' };
      const prefix = `${QUERY}: verifying go.mod: `;
      return { kind: 'error', error: error?.startsWith(prefix) ? error.slice(prefix.length) : String(error), requests: observedRequests(recorder.hits) };
    } finally {
      rmSync(modcache, { recursive: true, force: true });
    }
  }

  it(`agrees on accept/reject, error text and the database reached (${RUNS} random values × go ${versions.join(', ')})`, async () => {
    const origin = recorder.origin;
    await fc.assert(
      fc.asyncProperty(gosumdbArbitrary(origin), async (gosumdb) => {
        for (const version of versions) {
          const ours = parseGoSumDb(gosumdb, goUrlRules(goVersionString(version)));
          const real = await goVerdict(version, gosumdb);
          const where = `go ${version}, GOSUMDB=${JSON.stringify(gosumdb)}`;
          if (real.kind === 'ok') {
            // Only GOSUMDB=off skips the check.
            expect({ where, ours }).toEqual({ where, ours: { ok: true, config: { kind: 'off' } } });
          } else if (real.kind === 'panic') {
            // cmd/go dereferences the nil URL of an unparsable name (sumdb.go:123-126); we report the rule instead.
            expect({ where, ok: ours.ok, error: ours.ok ? '' : ours.error.split(':')[0] }).toEqual({ where, ok: false, error: 'invalid sumdb name (must be host[/path])' });
          } else if (PARSE_ERROR.test(real.error)) {
            expect({ where, error: ours.ok ? `accepted: ${JSON.stringify(ours.config)}` : ours.error }).toEqual({ where, error: real.error });
          } else {
            if (!ours.ok || ours.config.kind !== 'db') {
              throw new Error(`${where}: go went on to a lookup (${real.error}) but parseGoSumDb said ${JSON.stringify(ours)}`);
            }
            expect({ where, requests: real.requests }).toEqual({ where, requests: resolveOptional(predictRequests(ours.config, port), real.requests) });
          }
        }
      }),
      {
        numRuns: RUNS,
        // Known edge cases of GOSUMDB, always checked first.
        examples: [
          ['off'],
          ['sum.golang.org'],
          ['sum.golang.google.cn'],
          ['sum.golang.org+insecure'],
          ['sum.golang.org x y'],
          ['   '],
          [`sum.golang.org ${origin}/db`],
          ['sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8'],
        ],
      },
    );
  }, TIMEOUT_MS);
});
