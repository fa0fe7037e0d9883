import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Chalk } from 'chalk';
import { main } from '../../src/cli/main.js';
import { parseRouteArgument, routeSettingsFrom } from '../../src/goenv/targets.js';
import { DoctorError } from '../../src/errors.js';
import {
  computeRoute,
  govcsVerdict,
  parseGovcs,
  staticRepoRoot,
  type DirectRouteStep,
  type ProxyRouteStep,
  type Route,
  type RouteSettings,
} from '../../src/goenv/route.js';
import { SUM_GOLANG_ORG_KEY } from '../../src/goenv/sumdbconfig.js';
import type { GoEnvironment } from '../../src/goenv/types.js';
import { buildRouteJson, renderRoutesHuman } from '../../src/report/route.js';
import { availableGoVersions, createGoSandbox, goBinary, type GoSandbox } from '../helpers/go-toolchains.js';
import { createTestIo } from '../helpers/test-io.js';

const DEFAULTS: RouteSettings = {
  GOPROXY: 'https://proxy.golang.org,direct',
  GONOPROXY: '',
  GONOSUMDB: '',
  GOPRIVATE: '',
  GOSUMDB: 'sum.golang.org',
  GOINSECURE: '',
  GOVCS: '',
};

function settings(overrides: Partial<RouteSettings>): RouteSettings {
  return { ...DEFAULTS, ...overrides };
}

function thrown(fn: () => unknown): DoctorError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DoctorError) return error;
    throw error;
  }
  throw new Error('expected a DoctorError');
}

describe('computeRoute: steps', () => {
  test('the default configuration: proxy.golang.org, then direct', () => {
    const route = computeRoute(DEFAULTS, 'github.com/BurntSushi/toml');
    expect(route.steps).toEqual([
      { kind: 'proxy', url: 'https://proxy.golang.org/github.com/%21burnt%21sushi/toml/@v/list', base: 'https://proxy.golang.org', fallBackOnError: false },
      expect.objectContaining({ kind: 'direct', reason: 'goproxy', url: 'https://github.com/BurntSushi/toml', vcs: 'git', repoRoot: 'github.com/BurntSushi/toml', govcsAllows: true, insecure: false }),
    ]);
    expect(route.version).toBeUndefined();
  });

  test('a version makes the first request @v/<v>.info (escaped)', () => {
    const route = computeRoute(DEFAULTS, 'example.com/m', 'v1.0.0-RC1');
    expect((route.steps[0] as ProxyRouteStep).url).toBe('https://proxy.golang.org/example.com/m/@v/v1.0.0-%21r%21c1.info');
    expect(computeRoute(DEFAULTS, 'example.com/m', 'latest').steps[0]).toMatchObject({ url: 'https://proxy.golang.org/example.com/m/@v/list' });
    expect(computeRoute(DEFAULTS, 'example.com/m', 'v1.2').steps[0]).toMatchObject({ url: 'https://proxy.golang.org/example.com/m/@v/list' });
  });

  test('| and , set fallBackOnError; off ends the list', () => {
    const route = computeRoute(settings({ GOPROXY: 'https://a.example|b.example,off,https://c.example' }), 'example.com/m');
    expect(route.steps.map((s) => [s.kind, s.kind === 'proxy' ? s.base : '', s.kind === 'proxy' ? s.fallBackOnError : null])).toEqual([
      ['proxy', 'https://a.example', true],
      ['proxy', 'https://b.example', false],
      ['off', '', null],
    ]);
    expect(route.steps[2]).toEqual({ kind: 'off', error: 'module lookup disabled by GOPROXY=off' });
  });

  test('GOPRIVATE match: direct first, proxies bypassed, a later direct only after "not found"', () => {
    const route = computeRoute(settings({ GOPRIVATE: '*.corp.example.com', GONOPROXY: '*.corp.example.com', GONOSUMDB: '*.corp.example.com' }), 'git.corp.example.com/team/repo');
    expect(route.steps).toHaveLength(2);
    const [first, second] = route.steps as DirectRouteStep[];
    expect(first).toMatchObject({ kind: 'direct', reason: 'noproxy', matchedBy: { variable: 'GOPRIVATE', pattern: '*.corp.example.com' }, url: 'https://git.corp.example.com/team/repo?go-get=1' });
    expect(first?.govcs).toMatchObject({ private: true, rule: 'private', defaultRule: true, allowed: ['all'] });
    expect(second).toMatchObject({ kind: 'direct', reason: 'goproxy', onlyIfPreviousNotFound: true });
    expect(route.bypassed).toEqual([{ kind: 'proxy', url: 'https://proxy.golang.org' }]);
  });

  test('GOPROXY=off is not offline for GONOPROXY modules', () => {
    const s = settings({ GOPROXY: 'off', GONOPROXY: 'example.com/private' });
    expect(computeRoute(s, 'example.com/private/x').steps.map((st) => st.kind)).toEqual(['direct']);
    expect(computeRoute(s, 'example.com/public').steps.map((st) => st.kind)).toEqual(['off']);
    expect(computeRoute(s, 'example.com/private/x').steps[0]).toMatchObject({ matchedBy: { variable: 'GONOPROXY', pattern: 'example.com/private' } });
  });

  test('GONOPROXY=none overrides GOPRIVATE for proxying but not for the checksum database', () => {
    const s = settings({ GOPRIVATE: 'example.com', GONOPROXY: 'none', GONOSUMDB: 'example.com', derived: { GONOPROXY: false, GONOSUMDB: true } });
    const route = computeRoute(s, 'example.com/x');
    expect(route.steps.map((st) => st.kind)).toEqual(['proxy', 'direct']);
    expect(route.checksumDatabase).toEqual({ consulted: false, name: 'sum.golang.org', skippedBy: { variable: 'GOPRIVATE', pattern: 'example.com' } });
  });

  test('GOPROXY=direct with GONOPROXY: no noproxy entry, one direct step naming the match', () => {
    const route = computeRoute(settings({ GOPROXY: 'direct', GONOPROXY: 'example.com' }), 'example.com/x');
    expect(route.steps).toHaveLength(1);
    expect(route.steps[0]).toMatchObject({ kind: 'direct', reason: 'goproxy', matchedBy: { variable: 'GONOPROXY', pattern: 'example.com' } });
  });

  test('GOINSECURE marks direct steps only', () => {
    const route = computeRoute(settings({ GOINSECURE: 'example.com' }), 'example.com/x');
    expect(route.steps[1]).toMatchObject({ kind: 'direct', insecure: true, insecurePattern: 'example.com' });
    expect(route.steps[0]).not.toHaveProperty('insecure');
  });

  test('notes -mod=vendor in GOFLAGS', () => {
    expect(computeRoute(settings({ GOFLAGS: '-modcacherw -mod=vendor' }), 'example.com/x').notes).toHaveLength(1);
    expect(computeRoute(settings({ GOFLAGS: '-mod=mod' }), 'example.com/x').notes).toEqual([]);
  });
});

describe('computeRoute: checksum database', () => {
  test('default: each proxy is asked /sumdb/<name>/supported, then the database directly', () => {
    const route = computeRoute(settings({ GOPROXY: 'https://a.example/p|https://b.example,direct' }), 'example.com/x');
    expect(route.checksumDatabase).toEqual({
      consulted: true,
      name: 'sum.golang.org',
      key: SUM_GOLANG_ORG_KEY,
      via: [
        { kind: 'proxy', base: 'https://a.example/p', supportedUrl: 'https://a.example/p/sumdb/sum.golang.org/supported', databaseUrl: 'https://a.example/p/sumdb/sum.golang.org', fallBackOnError: true },
        { kind: 'proxy', base: 'https://b.example', supportedUrl: 'https://b.example/sumdb/sum.golang.org/supported', databaseUrl: 'https://b.example/sumdb/sum.golang.org', fallBackOnError: false },
        { kind: 'direct', url: 'https://sum.golang.org', onlyIfProxiesNotFound: true },
      ],
    });
  });

  test('GOPROXY=direct or off: the database is still contacted directly', () => {
    for (const goproxy of ['direct', 'off']) {
      expect(computeRoute(settings({ GOPROXY: goproxy }), 'example.com/x').checksumDatabase).toMatchObject({
        consulted: true,
        url: 'https://sum.golang.org',
        via: [{ kind: 'direct', onlyIfProxiesNotFound: false }],
      });
    }
  });

  test('an explicit URL bypasses the proxies (sum.golang.google.cn included)', () => {
    expect(computeRoute(settings({ GOSUMDB: 'sum.golang.google.cn' }), 'example.com/x').checksumDatabase).toMatchObject({
      consulted: true,
      name: 'sum.golang.org',
      url: 'https://sum.golang.google.cn',
      via: [{ kind: 'explicit', url: 'https://sum.golang.google.cn' }],
      rewrittenFrom: 'sum.golang.google.cn',
    });
  });

  test('GOSUMDB=off and GONOSUMDB name what skipped it', () => {
    expect(computeRoute(settings({ GOSUMDB: 'off' }), 'example.com/x').checksumDatabase).toEqual({ consulted: false, skippedBy: { variable: 'GOSUMDB', pattern: 'off' } });
    expect(computeRoute(settings({ GONOSUMDB: 'x.com,example.com/*' }), 'example.com/x/y').checksumDatabase).toMatchObject({
      consulted: false,
      skippedBy: { variable: 'GONOSUMDB', pattern: 'example.com/*' },
    });
  });

  test('golang.org/toolchain is verified whatever GONOSUMDB says, and fails with GOSUMDB=off', () => {
    expect(computeRoute(settings({ GONOSUMDB: '*' }), 'golang.org/toolchain').checksumDatabase.consulted).toBe(true);
    expect(computeRoute(settings({ GOSUMDB: 'off' }), 'golang.org/toolchain').checksumDatabase).toEqual({ consulted: true, error: 'checksum database disabled by GOSUMDB=off' });
    expect(computeRoute(settings({ GOSUMDB: 'off', GOPROXY: 'file:///srv/p' }), 'golang.org/toolchain').checksumDatabase.consulted).toBe(false);
  });
});

describe('computeRoute: bad input', () => {
  test('invalid module path → invalid-module-path (exit 2) with CheckPath text', () => {
    const error = thrown(() => computeRoute(DEFAULTS, 'foo/bar'));
    expect(error.code).toBe('invalid-module-path');
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe('malformed module path "foo/bar": missing dot in first path element');
  });

  test('invalid GOPROXY → invalid-goproxy (exit 4), password redacted', () => {
    const error = thrown(() => computeRoute(settings({ GOPROXY: 'ftp://u:secret@x' }), 'example.com/m'));
    expect(error.code).toBe('invalid-goproxy');
    expect(error.exitCode).toBe(4);
    expect(error.message).toBe('GOPROXY="ftp://u:xxxxx@x": invalid proxy URL scheme (must be https, http, file): ftp://u:xxxxx@x');
  });

  test('invalid GOSUMDB → invalid-gosumdb (exit 4)', () => {
    const error = thrown(() => computeRoute(settings({ GOSUMDB: 'sum.golang.org+insecure' }), 'example.com/m'));
    expect(error.code).toBe('invalid-gosumdb');
    expect(error.exitCode).toBe(4);
    expect(error.message).toBe('GOSUMDB="sum.golang.org+insecure": invalid GOSUMDB: malformed verifier id');
  });

  test('a version go cannot escape is a usage error', () => {
    expect(thrown(() => computeRoute(DEFAULTS, 'example.com/m', 'v1!')).code).toBe('usage');
  });
});

describe('GOVCS', () => {
  test("parse errors are cmd/go's", () => {
    expect(parseGovcs('github.com')).toEqual({ ok: false, error: 'malformed entry in GOVCS (missing colon): "github.com"' });
    expect(parseGovcs('a:git,,b:hg')).toEqual({ ok: false, error: 'empty entry in GOVCS' });
    expect(parseGovcs(':git')).toEqual({ ok: false, error: 'empty pattern in GOVCS: ":git"' });
    expect(parseGovcs('a:')).toEqual({ ok: false, error: 'empty VCS list in GOVCS: "a:"' });
    expect(parseGovcs('./x:git')).toEqual({ ok: false, error: 'relative pattern not allowed in GOVCS: "./x"' });
    expect(parseGovcs('a:git,a:hg')).toEqual({ ok: false, error: 'unreachable pattern in GOVCS: "a:hg" after "a:git"' });
    expect(parseGovcs('a:git||hg')).toEqual({ ok: false, error: 'empty VCS name in GOVCS: "a:git||hg"' });
    expect(parseGovcs(' example.com : git | hg ')).toEqual({ ok: true, rules: [{ pattern: 'example.com', allowed: ['git', 'hg'] }] });
  });

  test('user rules come before the defaults; private is decided by GOPRIVATE', () => {
    expect(govcsVerdict('', '', 'example.com/r')).toMatchObject({ private: false, rule: 'public', defaultRule: true, allowed: ['git', 'hg'] });
    expect(govcsVerdict('', 'example.com', 'example.com/r')).toMatchObject({ private: true, rule: 'private', allowed: ['all'] });
    expect(govcsVerdict('*:off', '', 'example.com/r')).toMatchObject({ rule: '*', defaultRule: false, allowed: ['off'] });
  });

  test('direct steps say whether GOVCS allows the VCS the path implies', () => {
    const svn = computeRoute(settings({ GOPROXY: 'direct' }), 'example.com/repo.svn/x').steps[0] as DirectRouteStep;
    expect(svn).toMatchObject({ vcs: 'svn', repoRoot: 'example.com/repo.svn', govcsAllows: false, url: 'https://example.com/repo' });
    const gh = computeRoute(settings({ GOPROXY: 'direct', GOVCS: 'github.com:off' }), 'github.com/a/b/c').steps[0] as DirectRouteStep;
    expect(gh).toMatchObject({ vcs: 'git', repoRoot: 'github.com/a/b', govcsAllows: false });
    const dyn = computeRoute(settings({ GOPROXY: 'direct' }), 'example.com/x').steps[0] as DirectRouteStep;
    expect(dyn.govcsAllows).toBeNull();
    const off = computeRoute(settings({ GOPROXY: 'direct', GOVCS: '*:off' }), 'example.com/x').steps[0] as DirectRouteStep;
    expect(off.govcsAllows).toBe(false);
    const bad = computeRoute(settings({ GOPROXY: 'direct', GOVCS: 'nocolon' }), 'example.com/x').steps[0] as DirectRouteStep;
    expect(bad).toMatchObject({ govcsAllows: false, govcs: { error: 'malformed entry in GOVCS (missing colon): "nocolon"' } });
  });

  test('static repository roots', () => {
    expect(staticRepoRoot('github.com/o/r/sub')).toEqual({ vcs: 'git', root: 'github.com/o/r', repo: 'https://github.com/o/r' });
    expect(staticRepoRoot('bitbucket.org/o/r')).toEqual({ vcs: 'git', root: 'bitbucket.org/o/r', repo: 'https://bitbucket.org/o/r' });
    expect(staticRepoRoot('example.com/a/b.hg/c')).toEqual({ vcs: 'hg', root: 'example.com/a/b.hg', repo: 'https://example.com/a/b' });
    expect(staticRepoRoot('github.com/onlyowner')).toBeUndefined();
    expect(staticRepoRoot('example.com/x')).toBeUndefined();
  });
});

describe('route renderers', () => {
  const plain = new Chalk({ level: 0 });
  const routes: Route[] = [
    computeRoute(settings({ GOPROXY: 'https://user:s3cret@proxy.example.com/p|direct', GOPRIVATE: 'corp.example.com', GONOPROXY: 'corp.example.com', GONOSUMDB: 'corp.example.com' }), 'example.com/Mod', 'v1.2.3'),
    computeRoute(settings({ GOPROXY: 'https://user:s3cret@proxy.example.com/p|direct', GOPRIVATE: 'corp.example.com', GONOPROXY: 'corp.example.com', GONOSUMDB: 'corp.example.com' }), 'corp.example.com/lib'),
  ];

  test('JSON: the contract fields, schemaVersion 1, no secrets', () => {
    const doc = buildRouteJson(routes, 'go1.23.5');
    const text = JSON.stringify(doc);
    expect(text).not.toContain('s3cret');
    expect(doc.schemaVersion).toBe(1);
    const first = doc.routes[0] as Route;
    expect(first.module).toBe('example.com/Mod');
    expect(first.version).toBe('v1.2.3');
    expect(first.steps[0]).toEqual({ kind: 'proxy', url: 'https://user:xxxxx@proxy.example.com/p/example.com/%21mod/@v/v1.2.3.info', base: 'https://user:xxxxx@proxy.example.com/p', fallBackOnError: true });
    expect(first.checksumDatabase.consulted).toBe(true);
    expect(doc.routes[1]?.checksumDatabase).toEqual({ consulted: false, name: 'sum.golang.org', skippedBy: { variable: 'GOPRIVATE', pattern: 'corp.example.com' } });
    // Input routes are not mutated by redaction.
    expect(JSON.stringify(routes)).toContain('s3cret');
  });

  test('human: one numbered block per module, checksum line, no secrets, no colour when disabled', () => {
    const text = renderRoutesHuman(routes, plain);
    expect(text).not.toContain('s3cret');
    expect(text).not.toMatch(/\u001b\[/);
    const blocks = text.trim().split('\n\n');
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toMatch(/^example\.com\/Mod@v1\.2\.3\n  1\. proxy  https:\/\/user:xxxxx@proxy\.example\.com\/p\/example\.com\/%21mod\/@v\/v1\.2\.3\.info\n/);
    expect(blocks[0]).toContain('any error falls through');
    expect(blocks[0]).toMatch(/\n  2\. direct /);
    expect(blocks[0]).toContain('checksum database: sum.golang.org');
    expect(blocks[1]).toContain('GOPRIVATE pattern "corp.example.com" matches: proxies are bypassed');
    expect(blocks[1]).toContain('checksum database: not consulted (GOPRIVATE pattern "corp.example.com" matches)');
  });

  test('human: colour comes from the chalk instance', () => {
    expect(renderRoutesHuman(routes, new Chalk({ level: 1 }))).toMatch(/\u001b\[/);
  });
});

describe('route CLI helpers', () => {
  test('parseRouteArgument', () => {
    expect(parseRouteArgument('example.com/m@v1.0.0')).toEqual({ path: 'example.com/m', version: 'v1.0.0' });
    expect(parseRouteArgument('example.com/m')).toEqual({ path: 'example.com/m' });
    expect(() => parseRouteArgument('example.com/m@')).toThrow(DoctorError);
    expect(() => parseRouteArgument('nodot/m')).toThrow('malformed module path "nodot/m": missing dot in first path element');
  });

  test('routeSettingsFrom keeps provenance of derived values', () => {
    const env: GoEnvironment = {
      goVersion: 'go1.23.5',
      goBinary: 'go',
      goEnvJson: { GOPROXY: 'direct', GONOPROXY: 'a.com', GONOSUMDB: 'a.com', GOPRIVATE: 'a.com', GOSUMDB: 'off', GOINSECURE: '', GOVCS: '', GOFLAGS: '', GOOS: 'linux' },
      variables: {
        GONOPROXY: { name: 'GONOPROXY', value: 'a.com', origin: 'derived', notes: [] },
        GONOSUMDB: { name: 'GONOSUMDB', value: 'a.com', origin: 'environment', notes: [] },
      },
    };
    expect(routeSettingsFrom(env)).toMatchObject({ GOPROXY: 'direct', GOOS: 'linux', derived: { GONOPROXY: true, GONOSUMDB: false } });
  });
});

// The whole command against a real go (its `go env -json` in a sealed sandbox).
const goVersion = availableGoVersions(['1.23'])[0] ?? availableGoVersions()[0];
const describeWithGo = goVersion ? describe : describe.skip;

describeWithGo('goproxy-doctor route (real go env)', () => {
  let sandbox: GoSandbox;
  let go: string;
  beforeAll(() => {
    sandbox = createGoSandbox('gpd-route-cli-');
    go = goBinary(goVersion as NonNullable<typeof goVersion>);
    mkdirSync(sandbox.work, { recursive: true });
  });
  afterAll(() => sandbox.cleanup());

  function io(env: Record<string, string>, cwd = sandbox.work) {
    return createTestIo({ env: { ...sandbox.env, ...env }, cwd });
  }

  test('--json for named modules', async () => {
    const t = io({ GOPROXY: 'https://a.example.invalid|https://b.example.invalid,direct', GOPRIVATE: 'corp.invalid', GOSUMDB: 'sum.golang.org' });
    const code = await main(['--go', go, 'route', '--json', 'example.invalid/Mod@v1.0.0', 'corp.invalid/lib'], t);
    expect(t.stderr.text()).toBe('');
    expect(code).toBe(0);
    const doc = JSON.parse(t.stdout.text()) as { schemaVersion: number; routes: Route[] };
    expect(doc.schemaVersion).toBe(1);
    expect(doc.routes.map((r) => [r.module, r.version, r.steps.map((s) => s.kind)])).toEqual([
      ['example.invalid/Mod', 'v1.0.0', ['proxy', 'proxy', 'direct']],
      ['corp.invalid/lib', undefined, ['direct', 'direct']],
    ]);
    expect(doc.routes[0]?.steps[0]).toMatchObject({ url: 'https://a.example.invalid/example.invalid/%21mod/@v/v1.0.0.info', fallBackOnError: true });
    expect(doc.routes[1]?.checksumDatabase).toMatchObject({ consulted: false, skippedBy: { variable: 'GOPRIVATE', pattern: 'corp.invalid' } });
  });

  test('no arguments: every requirement of ./go.mod, human output', async () => {
    const dir = path.join(sandbox.root, 'withmod');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'go.mod'), 'module example.invalid/me\n\ngo 1.21\n\nrequire (\n\texample.invalid/a v1.0.0\n\texample.invalid/b v0.2.0 // indirect\n)\n');
    const t = io({ GOPROXY: 'https://p.example.invalid', GOSUMDB: 'off' }, dir);
    expect(await main(['--go', go, 'route'], t)).toBe(0);
    const out = t.stdout.text();
    expect(out).toContain('example.invalid/a@v1.0.0\n  1. proxy  https://p.example.invalid/example.invalid/a/@v/v1.0.0.info');
    expect(out).toContain('example.invalid/b@v0.2.0');
    expect(out).toContain('checksum database: not consulted (GOSUMDB=off)');
  });

  test('missing go.mod → exit 5 and one line', async () => {
    const t = io({}, path.join(sandbox.root, 'nowhere'));
    expect(await main(['--go', go, 'route'], t)).toBe(5);
    expect(t.stderr.text().trim().split('\n')).toHaveLength(1);
    expect(t.stderr.text()).toContain('go.mod');
  });

  test('invalid module path → exit 2, invalid GOPROXY/GOSUMDB → exit 4, one line each', async () => {
    const cases: Array<[Record<string, string>, string, number, string]> = [
      [{}, 'nodot/x', 2, 'malformed module path "nodot/x": missing dot in first path element'],
      [{ GOPROXY: 'localhost' }, 'example.invalid/x', 4, 'invalid proxy URL missing scheme: localhost'],
      [{ GOSUMDB: 'sum.golang.org+insecure' }, 'example.invalid/x', 4, 'invalid GOSUMDB: malformed verifier id'],
    ];
    for (const [env, arg, expected, message] of cases) {
      const t = io(env);
      expect(await main(['--go', go, 'route', arg], t)).toBe(expected);
      const lines = t.stderr.text().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(message);
      expect(t.stdout.text()).toBe('');
    }
  });
});
