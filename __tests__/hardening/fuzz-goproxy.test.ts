/**
 * Property test: random GOPROXY (and GONOPROXY) strings go to both `proxyList()` and the real `go`
 * (1.21, 1.23 and 1.24 to 1.27). They must agree on accept/reject, on the exact error text, and on the parsed list.
 *
 * How the real go's verdict is read cheaply: `go mod download -json example.invalid/m@v1.0.0` with the
 * random GOPROXY. An invalid list fails before any fetch with the error text proxyList() must reproduce
 * (go1.23 src/cmd/go/internal/modfetch/proxy.go:62-128, 197-215). A valid list is walked like TryProxies
 * (proxy.go:139-185) against a loopback recording server, which is also HTTP(S)_PROXY: every fetch go
 * makes is recorded, so the order of requests shows the list go parsed (entries, `,` vs `|`, the end at
 * `off`/`direct`, the hidden `noproxy` entry). The test predicts that walk from proxyList()'s specs.
 *
 * Safety: the only hosts in the fragments are 127.0.0.1 and `.invalid` names. Any non-loopback http(s)
 * fetch goes to HTTP(S)_PROXY, which is the recorder (it answers 502 and never dials), so nothing is
 * resolved or contacted off the machine whatever a mutation produces.
 */
import fc from 'fast-check';
import { proxyList, type ProxySpec } from '../../src/goenv/proxylist.js';
import { availableGoVersions, createGoSandbox, goVersionString, runGo, type GoSandbox, type GoVersion } from '../helpers/go-toolchains.js';
import { startRecordingProxy, type RecordedHit, type RecordingProxy } from '../helpers/recording-proxy.js';
import { OPTIONAL, resolveOptional } from './optional-requests.js';
import { decoded, isLoopback, requestShape, shapeOf } from './go-url-shape.js';

const versions = availableGoVersions(['1.21', '1.23', '1.24', '1.25', '1.26', '1.27']);
const MODULE = 'example.invalid/m';
const QUERY = `${MODULE}@v1.0.0`;
/** What `direct` (and a matching `noproxy`) does first: the `?go-get=1` lookup, tunnelled through HTTPS_PROXY. */
const DIRECT_HIT = 'CONNECT example.invalid:443';
/** Random values; each goes to every version listed above (six), so the go calls stay near the 400-600 of two versions at the earlier defaults. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
/** Generous per go call (one takes 5-30 ms, far more on a loaded machine), so FUZZ_RUNS=3000 under two jest workers still finishes. */
const TIMEOUT_MS = Math.max(60_000, RUNS * Math.max(1, versions.length) * 400);

/** The error texts that mean "GOPROXY itself is invalid" (proxy.go:118-124, 207-215, and url.Parse). */
const LIST_ERROR = /^(?:parse "|invalid proxy URL|invalid file:\/\/ proxy URL|GOPROXY list is not the empty string)/;

/** Entries of every kind: keywords (and near misses), loopback bases, `.invalid` hosts, file URLs, broken URLs. */
function fragments(origin: string, port: number): string[] {
  return [
    'direct',
    'off',
    'DIRECT',
    'Off',
    'noproxy',
    'localhost',
    '*',
    `${origin}/a-404`,
    `${origin}/b-500`,
    `${origin}/c-404/`,
    `${origin}/d-404?x=1`,
    `${origin}/e-404#frag`,
    `${origin}/f-410//`,
    origin,
    `http://u:p@127.0.0.1:${port}/g-404`,
    `127.0.0.1:${port}/h-404`,
    `https://127.0.0.1:${port}/i-404`,
    'https://127.0.0.1:9',
    'http://127.0.0.1:9/x',
    '127.0.0.1:9/p',
    'x.invalid',
    'x.invalid/p',
    'x.invalid:8443',
    'http://x.invalid/q',
    'https://x.invalid',
    'https://u:p@x.invalid/',
    'HTTPS://x.invalid',
    'user:pass@x.invalid',
    'file:///nonexistent-gpd/x',
    'file://host/p',
    'file:/p',
    'file:',
    '/abs/path',
    'ftp://x',
    'git+ssh://x.invalid',
    '%zz',
    'http://[::1',
    'http://127.0.0.1:9x',
    ':x',
    'a:b',
    'x.invalid:',
    'http:x.invalid',
    'https:/x.invalid',
  ];
}

/** One character (or short run) inserted into a fragment: characters url.Parse treats specially. */
const MUTATIONS = ['%', '%4', '%41', '%2F', ' ', '\t', '\x01', '\x7f', '[', ']', '@', ':', '#', '?', '\\', '/', '"', '|', ','];
/** Unicode and ASCII white space: strings.TrimSpace removes both around an entry. */
const PADDING = ['', '', '', ' ', '\t', '  ', '\n', '\u00a0', '\u2003', '\u3000'];
const SEPARATORS = [',', '|', ',', '|', ',,', '|,', ', ', ' | '];

function goproxyArbitrary(origin: string, port: number): fc.Arbitrary<string> {
  const plain = fc.constantFrom(...fragments(origin, port));
  const mutated = fc
    .tuple(plain, fc.nat(), fc.constantFrom(...MUTATIONS))
    .map(([fragment, at, insert]) => fragment.slice(0, at % (fragment.length + 1)) + insert + fragment.slice(at % (fragment.length + 1)));
  const entry = fc.oneof({ weight: 3, arbitrary: plain }, { weight: 1, arbitrary: mutated }, { weight: 1, arbitrary: fc.constantFrom('', ' ') });
  const item = fc.tuple(fc.constantFrom(...PADDING), entry, fc.constantFrom(...PADDING)).map(([a, e, b]) => a + e + b);
  return fc
    .tuple(fc.array(item, { minLength: 1, maxLength: 5 }), fc.array(fc.constantFrom(...SEPARATORS), { minLength: 6, maxLength: 6 }), fc.boolean(), fc.boolean())
    .map(([items, seps, leading, trailing]) => {
      let s = leading ? (seps[5] ?? '') : '';
      items.forEach((item, i) => {
        s += item;
        if (i < items.length - 1 || trailing) s += seps[i] ?? ',';
      });
      return s;
    })
    .filter((s) => s !== ''); // an empty GOPROXY counts as unset (cfg.go:388-393): go.env's value would apply
}

/** GONOPROXY values: unset, one matching the module (so `noproxy` fetches directly), one matching nothing. */
const GONOPROXY = ['', '', 'example.invalid', 'other.invalid'];

/** Go's path.Clean for a rooted path: no empty or `.` elements, `..` resolved. */
function cleanPath(p: string): string {
  const stack: string[] = [];
  for (const element of p.split('/')) {
    if (element === '' || element === '.') continue;
    if (element === '..') stack.pop();
    else stack.push(element);
  }
  return '/' + stack.join('/');
}

/** The status the recording server answers for a base label (`a-404` → 404; unknown labels and `ok` bases → 404). */
function recorderStatus(label: string): number {
  const m = /^[a-z0-9]+-([0-9]{3})$/.exec(label);
  return m ? Number(m[1]) : 404;
}

/**
 * The requests go makes, in order, when it walks `specs` for MODULE: loopback hits as `HIT <label>`,
 * tunnels as `CONNECT host:port`, forward-proxied http as `PROXY host`.
 */
function predictWalk(specs: ProxySpec[], gonoproxy: string, port: number): string[] {
  const hits: string[] = [];
  // mirrors go1.23 src/cmd/go/internal/modfetch/repo.go:223-252 (lookup): a module matching GONOPROXY is
  // fetched directly by `noproxy` and `direct`, and every proxy entry refuses it with errNoproxy.
  const privateModule = gonoproxy === 'example.invalid';
  // Repos are cached per (proxy URL, module) (repo.go:189-219) and a caching repo remembers its Stat result,
  // so an entry repeating an earlier URL fails the same way without a new request.
  const seen = new Map<string, boolean>();
  for (const spec of specs) {
    let notExist: boolean;
    if (spec.kind === 'off') break;
    if (spec.kind === 'direct') {
      hits.push(DIRECT_HIT);
      break;
    }
    if (spec.kind === 'noproxy') {
      // A failed direct lookup is wrapped as not-exist (repo.go:279-282); a non-matching module gets
      // errUseProxy, also not-exist. Either way the walk moves on.
      if (privateModule) hits.push(DIRECT_HIT);
      notExist = true;
    } else if (privateModule) {
      notExist = true; // errNoproxy, no request
    } else if (seen.has(spec.url ?? '')) {
      notExist = seen.get(spec.url ?? '') ?? false;
    } else {
      const url = spec.url ?? '';
      const shape = requestShape(shapeOf(url));
      if (shape.scheme === 'file') notExist = true; // the directory does not exist
      else if (shape.hostport === '') notExist = false; // http: no Host in request URL
      else if (shape.scheme === 'http' && shape.userinfo) notExist = false; // refusing to pass credentials to insecure URL
      else if (/[[\]]/.test(shape.host)) notExist = false; // url.Parse keeps it, the dialer refuses: unexpected '[' in address
      else if (isLoopback(shape.host)) {
        if (shape.scheme === 'http' && shape.port === String(port)) {
          // proxyRepo.getBody cleans the joined path with path.Join (go1.23 src/cmd/go/internal/modfetch/proxy.go:275-280).
          const requestPath = cleanPath(`${decoded(shape.path)}/${MODULE}/@v/v1.0.0.info`);
          const label = requestPath.slice(1).split('/')[0] ?? '';
          hits.push(`HIT ${label}`);
          const status = recorderStatus(label);
          notExist = status === 404 || status === 410;
        } else notExist = false; // TLS to a plain-HTTP port, or a closed port
      } else {
        const defaultPort = shape.scheme === 'https' ? '443' : '80';
        // net.JoinHostPort brackets a host that contains a colon.
        const hit = shape.scheme === 'https' ? `CONNECT ${shape.host.includes(':') ? `[${shape.host}]` : shape.host}:${shape.port || defaultPort}` : `PROXY ${shape.host}`;
        // Go sends it to HTTP(S)_PROXY (the recorder), which answers 502. A host with unusual characters may
        // be rejected by Node's HTTP parser before it is recorded; the fetch fails either way.
        hits.push(/^[A-Za-z0-9._~-]+$/.test(shape.host) ? hit : `${hit}${OPTIONAL}`);
        notExist = false;
      }
      seen.set(url, notExist);
    }
    if (!notExist && !spec.fallBackOnError) break;
  }
  return hits;
}


function observedWalk(hits: readonly RecordedHit[]): string[] {
  return hits.map((hit) => {
    if (hit.base === 'CONNECT') return `CONNECT ${hit.rest}`;
    if (hit.base === 'PROXY') {
      const shape = shapeOf(hit.raw);
      return `PROXY ${shape.host}`;
    }
    return `HIT ${hit.base}`;
  });
}

/** The `Error` of the one JSON object `go mod download -json` prints. */
function downloadError(stdout: string): string | undefined {
  const parsed = JSON.parse(stdout) as { Error?: string };
  return parsed.Error;
}

const describeGo = versions.length > 0 ? describe : describe.skip;

describeGo('GOPROXY parsing agrees with the real go', () => {
  let recorder: RecordingProxy;
  let sandbox: GoSandbox;
  let port: number;

  beforeAll(async () => {
    recorder = await startRecordingProxy();
    port = Number(new URL(recorder.origin).port);
    sandbox = createGoSandbox('gpd-fuzz-proxy-');
  });

  afterAll(async () => {
    await recorder.close();
    sandbox.cleanup();
  });

  async function goVerdict(version: GoVersion, goproxy: string, gonoproxy: string): Promise<{ error?: string; walk: string[] }> {
    recorder.reset();
    const run = await runGo(
      version,
      ['mod', 'download', '-json', QUERY],
      { ...sandbox.env, GOPROXY: goproxy, GONOPROXY: gonoproxy, HTTP_PROXY: recorder.proxyUrl, HTTPS_PROXY: recorder.proxyUrl },
      { cwd: sandbox.root, timeoutMs: 20_000 },
    );
    if (run.stdout.trim() === '') throw new Error(`go ${version} printed no JSON (exit ${run.exitCode}): ${run.stderr}`);
    const error = downloadError(run.stdout);
    const prefix = `${QUERY}: `;
    return { error: error?.startsWith(prefix) ? error.slice(prefix.length) : error, walk: observedWalk(recorder.hits) };
  }

  it(`agrees on accept/reject, error text and the walked list (${RUNS} random values × go ${versions.join(', ')})`, async () => {
    const origin = recorder.origin;
    await fc.assert(
      fc.asyncProperty(goproxyArbitrary(origin, port), fc.constantFrom(...GONOPROXY), async (goproxy, gonoproxy) => {
        for (const version of versions) {
          // Each release parses URLs with its own net/url (go-url.ts goUrlRules): its exact version decides.
          const ours = proxyList(goproxy, gonoproxy, { goVersion: goVersionString(version) });
          const real = await goVerdict(version, goproxy, gonoproxy);
          const where = `go ${version}, GOPROXY=${JSON.stringify(goproxy)}, GONOPROXY=${JSON.stringify(gonoproxy)}`;
          if (!ours.ok) {
            expect({ where, error: real.error }).toEqual({ where, error: ours.error });
            expect({ where, walk: real.walk }).toEqual({ where, walk: [] });
          } else {
            const listError = real.error !== undefined && LIST_ERROR.test(real.error) ? real.error : undefined;
            expect({ where, listError, walk: real.walk }).toEqual({ where, listError: undefined, walk: resolveOptional(predictWalk(ours.specs, gonoproxy, port), real.walk) });
          }
        }
      }),
      {
        numRuns: RUNS,
        // Known edge cases of GOPROXY parsing, always checked first.
        examples: [
          ['localhost', ''],
          ['DIRECT', ''],
          ['ftp://x', ''],
          ['file://host/p', ''],
          [',', ''],
          [' ', 'example.invalid'],
          ['direct', 'example.invalid'],
          [`${origin}/a-500|${origin}/b-404,x.invalid|off`, ''],
          [`${origin}/a-404,${origin}/b-500,direct`, 'other.invalid'],
          ['off', 'example.invalid'],
        ],
      },
    );
  }, TIMEOUT_MS);
});
