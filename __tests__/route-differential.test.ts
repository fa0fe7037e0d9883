/**
 * `route` against the real go: for each case, run `go mod download -json M@v1.0.0` with GOPROXY pointing at
 * loopback bases of a recording server (which is also HTTPS_PROXY/HTTP_PROXY, so direct fetches to `.invalid`
 * hosts are recorded as CONNECT and refused at once), then check that what go did is what computeRoute,
 * fed with that go's own `go env -json`, predicts:
 *   - which proxy URLs were asked for the module's first request, in order;
 *   - how many direct lookups happened, whether GOVCS refused one, whether GOINSECURE allowed plain http;
 *   - which proxies were asked `/sumdb/<name>/supported`, whether the database was then reached directly,
 *     through a proxy or through an explicit URL, or not at all.
 * The walk below applies cmd/go's documented fall-back rule (404/410, or any error after `|`) to the route's steps.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mapWithConcurrency } from '../src/concurrency.js';
import { computeRoute, type Route, type RouteSettings } from '../src/goenv/route.js';
import { goUrlRules, isNotExistStatus } from '../src/goenv/go-url.js';
import { parseGoSumDb, verifierKeyFor } from '../src/goenv/sumdbconfig.js';
import { availableGoVersions, createGoSandbox, goVersionString, runGo, type GoVersion } from './helpers/go-toolchains.js';
import { baseBehaviour, startRecordingProxy, type RecordedHit, type RecordingProxy } from './helpers/recording-proxy.js';

const SUMDB_NAME = 'sum.gpd.invalid';
const SUMDB_KEY = (() => {
  const { publicKey } = generateKeyPairSync('ed25519');
  return verifierKeyFor(SUMDB_NAME, publicKey.export({ format: 'der', type: 'spki' }).subarray(-32));
})();

// Modules the `-ok`/`-sNNN` bases serve; every other module path is unknown everywhere.
const SERVED = ['example.invalid/good', 'corp.invalid/good'];

interface Case {
  name: string;
  /** Settings; `{x-404}`-style tokens become base URLs on the recording server, `{db}` an explicit sumdb URL. */
  env: Record<string, string>;
  module: string;
  version?: string;
  /** The `-ok` bases answer 200 to `/sumdb/<name>/supported`. */
  support?: boolean;
}

const GOOD = 'example.invalid/good';
const PUB = 'example.invalid/pub/m';

const CASES: Case[] = [
  // GOPROXY lists and the fall-back rule
  { name: 'two 404s then direct', env: { GOPROXY: '{a-404},{b-404},direct' }, module: PUB },
  { name: '404 then 500 stops the walk', env: { GOPROXY: '{a-404},{b-500},direct' }, module: PUB },
  { name: '500 with | falls through', env: { GOPROXY: '{a-500}|{b-404},direct' }, module: PUB },
  { name: '410 counts as not found', env: { GOPROXY: '{a-410},{b-404}' }, module: PUB },
  { name: '403 stops after ,', env: { GOPROXY: '{a-403},{b-404},direct' }, module: PUB },
  { name: '401 with | falls through', env: { GOPROXY: '{a-401}|{b-502}|{c-404}' }, module: PUB },
  { name: 'off ends the list', env: { GOPROXY: '{a-404},off,{b-404}' }, module: PUB },
  { name: 'direct ends the list', env: { GOPROXY: '{a-404},direct,{b-404}' }, module: PUB },
  { name: 'GOPROXY=off', env: { GOPROXY: 'off' }, module: PUB },
  { name: 'GOPROXY=direct', env: { GOPROXY: 'direct' }, module: PUB },
  { name: 'empty entries and spaces', env: { GOPROXY: ' {a-404} ,, | {b-404} ' }, module: PUB },
  { name: 'trailing slashes on a base', env: { GOPROXY: '{a-404}//,{b-404}/' }, module: PUB },
  { name: 'query string is kept', env: { GOPROXY: '{a-404}?token=abc,{b-404}' }, module: PUB },
  { name: 'success stops the walk', env: { GOPROXY: '{a-404},{b-ok},{c-404}' }, module: GOOD },
  { name: 'upper case path is escaped', env: { GOPROXY: '{a-404},{b-404}' }, module: 'example.invalid/Upper/Case' },
  { name: 'upper case version is escaped', env: { GOPROXY: '{a-404}' }, module: PUB, version: 'v1.0.0-RC1' },
  // GOPRIVATE / GONOPROXY patterns
  { name: 'GOPRIVATE exact prefix', env: { GOPROXY: '{a-404},{b-404}', GOPRIVATE: 'example.invalid/priv' }, module: 'example.invalid/priv/x' },
  { name: 'GOPRIVATE other path', env: { GOPROXY: '{a-404},{b-404}', GOPRIVATE: 'example.invalid/priv' }, module: PUB },
  { name: 'GOPRIVATE *.invalid', env: { GOPROXY: '{a-404},direct', GOPRIVATE: '*.invalid' }, module: PUB },
  { name: 'GOPRIVATE *.corp.invalid vs corp.invalid', env: { GOPROXY: '{a-404}', GOPRIVATE: '*.corp.invalid' }, module: 'corp.invalid/team/repo' },
  { name: 'GOPRIVATE *.corp.invalid vs git.corp.invalid', env: { GOPROXY: '{a-404}', GOPRIVATE: '*.corp.invalid' }, module: 'git.corp.invalid/team/repo' },
  { name: 'GONOPROXY=none overrides GOPRIVATE', env: { GOPROXY: '{a-404},{b-404}', GOPRIVATE: 'example.invalid', GONOPROXY: 'none' }, module: PUB },
  { name: 'pattern with too many elements', env: { GOPROXY: '{a-404}', GONOPROXY: 'example.invalid/*' }, module: 'example.invalid' },
  { name: 'glob element matches', env: { GOPROXY: '{a-404}', GONOPROXY: 'example.invalid/*' }, module: 'example.invalid/a/b' },
  { name: 'prefix is per element', env: { GOPROXY: '{a-404}', GONOPROXY: 'example.invalid/private' }, module: 'example.invalid/privatex' },
  { name: 'a space is not trimmed', env: { GOPROXY: '{a-404}', GONOPROXY: 'a.invalid, example.invalid' }, module: PUB },
  { name: 'empty entry and trailing slash', env: { GOPROXY: '{a-404}', GONOPROXY: 'a.invalid,,example.invalid/' }, module: PUB },
  { name: 'case-sensitive', env: { GOPROXY: '{a-404}', GONOPROXY: 'example.invalid/org' }, module: 'example.invalid/Org/x' },
  { name: 'malformed pattern ignored', env: { GOPROXY: '{a-404}', GONOPROXY: '[a-,example.invalid/x' }, module: PUB },
  { name: '** acts as *', env: { GOPROXY: '{a-404}', GONOPROXY: 'example.invalid/**' }, module: 'example.invalid/sub/x' },
  { name: '*/org', env: { GOPROXY: '{a-404}', GONOPROXY: '*/org' }, module: 'example.invalid/org/x' },
  { name: 'GOPROXY=off still fetches private modules', env: { GOPROXY: 'off', GOPRIVATE: 'example.invalid' }, module: PUB },
  { name: 'GOPROXY=direct with GONOPROXY', env: { GOPROXY: 'direct', GONOPROXY: 'corp.invalid' }, module: PUB },
  { name: 'private module with | list', env: { GOPROXY: '{a-500}|{b-404}', GOPRIVATE: 'example.invalid' }, module: PUB },
  // direct details: GOVCS and GOINSECURE
  { name: 'GOVCS refuses git for a .git path', env: { GOPROXY: 'direct', GOVCS: 'example.invalid:off' }, module: 'example.invalid/repo.git' },
  { name: 'default GOVCS refuses public svn', env: { GOPROXY: '{a-404},direct' }, module: 'example.invalid/repo.svn/x' },
  { name: 'GOINSECURE allows plain http for direct', env: { GOPROXY: 'direct', GOINSECURE: 'example.invalid' }, module: PUB },
  { name: 'GOINSECURE does not touch proxies', env: { GOPROXY: '{a-404},direct', GOINSECURE: 'corp.invalid' }, module: PUB },
  // checksum database routing (the module is served, so go verifies its go.mod)
  { name: 'sumdb: each proxy asked, then direct', env: { GOPROXY: '{a-404},{b-ok}', GOSUMDB: SUMDB_KEY }, module: GOOD },
  { name: 'sumdb: 500 on /supported with | falls through', env: { GOPROXY: '{a-s500}|{b-ok}', GOSUMDB: SUMDB_KEY }, module: GOOD },
  { name: 'sumdb: 500 on /supported stops after ,', env: { GOPROXY: '{a-s500},{b-ok}', GOSUMDB: SUMDB_KEY }, module: GOOD },
  { name: 'sumdb: a proxy that supports it', env: { GOPROXY: '{a-404},{b-ok}', GOSUMDB: SUMDB_KEY }, module: GOOD, support: true },
  { name: 'sumdb: direct in GOPROXY', env: { GOPROXY: '{a-ok},direct', GOSUMDB: SUMDB_KEY }, module: GOOD },
  { name: 'sumdb: explicit URL skips proxies', env: { GOPROXY: '{a-ok}', GOSUMDB: `${SUMDB_KEY} {db-404}` }, module: GOOD },
  { name: 'sumdb: GONOSUMDB match', env: { GOPROXY: '{a-ok}', GOSUMDB: SUMDB_KEY, GONOSUMDB: 'example.invalid' }, module: GOOD },
  { name: 'sumdb: GOPRIVATE with GONOPROXY=none', env: { GOPROXY: '{a-ok}', GOSUMDB: SUMDB_KEY, GOPRIVATE: 'example.invalid', GONOPROXY: 'none' }, module: GOOD },
  { name: 'sumdb: off', env: { GOPROXY: '{a-ok}', GOSUMDB: 'off' }, module: GOOD },
  { name: 'sumdb: noproxy entry is skipped', env: { GOPROXY: '{a-ok}', GOSUMDB: SUMDB_KEY, GONOPROXY: 'other.invalid' }, module: GOOD },
];

interface Expected {
  moduleUrls: string[];
  directAttempts: number;
  govcsRefused: boolean;
  insecureHttp: boolean;
  supportedUrls: string[];
  sumdbDirect: boolean;
  sumdbLookupBases: string[];
}

function firstElement(modulePath: string): string {
  return modulePath.split('/')[0] as string;
}

function labelOf(proxy: RecordingProxy, url: string): string {
  return url.slice(proxy.origin.length + 1).split(/[/?]/)[0] ?? '';
}

// Applies cmd/go's fall-back rule to the predicted steps, with the statuses the test server is known to give.
function walk(route: Route, proxy: RecordingProxy, supportsSumdb: boolean): { expected: Expected; fetched: boolean } {
  const expected: Expected = { moduleUrls: [], directAttempts: 0, govcsRefused: false, insecureHttp: false, supportedUrls: [], sumdbDirect: false, sumdbLookupBases: [] };
  let fetched = false;
  for (const step of route.steps) {
    if (step.kind === 'proxy') {
      expected.moduleUrls.push(step.url);
      const behaviour = baseBehaviour(labelOf(proxy, step.base));
      const status = behaviour?.modules === 'serve' ? (SERVED.includes(route.module) ? 200 : 404) : (behaviour?.modules ?? 404);
      if (status === 200) {
        fetched = true;
        break;
      }
      if (isNotExistStatus(status) || step.fallBackOnError) continue;
      break;
    }
    if (step.kind === 'direct') {
      // A path that names its VCS is checked against GOVCS before any network access.
      if (step.vcs !== undefined && step.govcsAllows === false) expected.govcsRefused = true;
      else {
        expected.directAttempts++;
        if (step.insecure) expected.insecureHttp = true;
      }
      continue; // a failed direct lookup counts as "not found"
    }
  }
  const db = route.checksumDatabase;
  if (!fetched || !db.consulted) return { expected, fetched };
  let allNotFound = true;
  for (const candidate of db.via ?? []) {
    if (candidate.kind === 'explicit') {
      expected.sumdbLookupBases.push(labelOf(proxy, candidate.url));
      break;
    }
    if (candidate.kind === 'direct') {
      expected.sumdbDirect = !candidate.onlyIfProxiesNotFound || allNotFound;
      break;
    }
    expected.supportedUrls.push(candidate.supportedUrl);
    const behaviour = baseBehaviour(labelOf(proxy, candidate.base));
    const status = behaviour?.supported === 'name' ? (supportsSumdb ? 200 : 404) : (behaviour?.supported ?? 404);
    if (status === 200) {
      expected.sumdbLookupBases.push(labelOf(proxy, candidate.base));
      break;
    }
    if (!isNotExistStatus(status)) allNotFound = false;
    if (isNotExistStatus(status) || candidate.fallBackOnError) continue;
    break;
  }
  return { expected, fetched };
}

function observed(hits: readonly RecordedHit[], proxy: RecordingProxy, route: Route, firstSuffix: string, output: string): Expected {
  const host = firstElement(route.module);
  return {
    moduleUrls: hits.filter((h) => h.module === route.module && h.rest.endsWith(firstSuffix)).map((h) => proxy.origin + h.raw),
    directAttempts: hits.filter((h) => h.base === 'CONNECT' && h.rest === `${host}:443`).length,
    govcsRefused: output.includes('GOVCS disallows'),
    insecureHttp: hits.some((h) => h.base === 'PROXY' && h.rest.startsWith(`http://${host}/`)),
    supportedUrls: hits.filter((h) => h.rest.endsWith('/supported')).map((h) => proxy.origin + h.raw),
    sumdbDirect: hits.some((h) => h.base === 'CONNECT' && h.rest === `${SUMDB_NAME}:443`),
    sumdbLookupBases: [...new Set(hits.filter((h) => /\/lookup\//.test(h.rest)).map((h) => h.base))],
  };
}

const versions = availableGoVersions();
const describeWithGo = versions.length > 0 ? describe : describe.skip;

// One case on one go version, with its own recording server so that direct (CONNECT) hits are its own.
async function runCase(version: GoVersion, c: Case): Promise<{ expected: Expected; fetched: boolean; actual: Expected; output: string; exitCode: number; route: Route }> {
  const server = await startRecordingProxy({ modules: SERVED.map((path) => ({ path, version: 'v1.0.0' })), sumdbSupported: c.support ? SUMDB_NAME : undefined });
  const sandbox = createGoSandbox('gpd-route-diff-');
  try {
    const fill = (value: string): string => value.replace(/\{([a-z]+-(?:[0-9]{3}|ok|s[0-9]{3}))\}/g, (_m, label: string) => server.base(label));
    const env: Record<string, string> = { GOSUMDB: 'off' };
    for (const [key, value] of Object.entries(c.env)) env[key] = fill(value);
    const goEnv = { ...sandbox.env, ...env, HTTPS_PROXY: server.proxyUrl, HTTP_PROXY: server.proxyUrl };
    // The route is computed from this go's own effective settings, as the CLI does.
    const envJson = await runGo(version, ['env', '-json', 'GOPROXY', 'GONOPROXY', 'GONOSUMDB', 'GOPRIVATE', 'GOSUMDB', 'GOINSECURE', 'GOVCS', 'GOFLAGS'], goEnv, { cwd: sandbox.root, timeoutMs: 20_000 });
    const settings = JSON.parse(envJson.stdout) as RouteSettings;
    const moduleVersion = c.version ?? 'v1.0.0';
    const route = computeRoute(settings, c.module, moduleVersion);
    const run = await runGo(version, ['mod', 'download', '-json', `${c.module}@${moduleVersion}`], goEnv, { cwd: sandbox.root, timeoutMs: 30_000 });
    const output = run.stdout + run.stderr;
    const firstUrl = route.steps.find((st) => st.kind === 'proxy')?.url.split('?')[0];
    // Recorded paths are percent-decoded (`%21` → `!`).
    const firstSuffix = decodeURIComponent(`/@v/${firstUrl?.split('/@v/')[1] ?? `${moduleVersion}.info`}`);
    return { ...walk(route, server, c.support === true), actual: observed(server.hits, server, route, firstSuffix, output), output, exitCode: run.exitCode, route };
  } finally {
    sandbox.cleanup();
    await server.close();
  }
}

describeWithGo('route predicts what the real go does', () => {
  test('at least 30 module-path/pattern combinations', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  test.each(versions)('go%s', async (version: GoVersion) => {
    const results = await mapWithConcurrency(CASES, 3, async (c) => ({ c, ...(await runCase(version, c)) }));
    for (const { c, expected, fetched, actual, output, exitCode, route } of results) {
      expect({ case: c.name, ...actual }).toEqual({ case: c.name, ...expected });
      // A served module downloads cleanly unless its go.mod hash must be checked against the (unreachable) database.
      if (fetched) {
        const verified = route.checksumDatabase.consulted;
        expect({ case: c.name, ok: exitCode === 0, verifying: output.includes('verifying') }).toEqual({ case: c.name, ok: !verified, verifying: verified });
      } else {
        expect({ case: c.name, exitCode }).toEqual({ case: c.name, exitCode: 1 });
      }
    }
  }, 80_000);
});

describe('GOSUMDB error texts match the real go', () => {
  const goVersion = versions.at(-1);
  const values = ['sum.golang.org+insecure', 'a b c', 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn9', `${SUMDB_KEY} http://[::1`];
  (goVersion ? test : test.skip)('for invalid values', async () => {
    const server = await startRecordingProxy({ modules: [{ path: GOOD, version: 'v1.0.0' }] });
    try {
      const results = await mapWithConcurrency(values, 2, async (value) => {
        const sandbox = createGoSandbox('gpd-sumdb-err-');
        try {
          const run = await runGo(goVersion as GoVersion, ['mod', 'download', '-json', `${GOOD}@v1.0.0`], { ...sandbox.env, GOPROXY: server.base('e-ok'), GOSUMDB: value }, { cwd: sandbox.root, timeoutMs: 30_000 });
          const parsed = parseGoSumDb(value, goUrlRules(goVersionString(goVersion as GoVersion)));
          return { value, found: !parsed.ok && (run.stdout + run.stderr).includes(JSON.stringify(parsed.error).slice(1, -1)) };
        } finally {
          sandbox.cleanup();
        }
      });
      expect(results.filter((r) => !r.found)).toEqual([]);
    } finally {
      await server.close();
    }
  }, 60_000);
});
