import { mapWithConcurrency } from '../../src/concurrency.js';
import {
  canonicalVersion,
  checkImportPath,
  checkModulePath,
  escapePath,
  escapeVersion,
  isPseudoVersion,
  isValidSemver,
  ModuleEscapeError,
  proxyRequestUrl,
  queryStatsDirectly,
  splitPathVersion,
  unescapePath,
  unescapeVersion,
} from '../../src/goenv/modulepath.js';
import { availableGoVersions, createGoSandbox, runGo } from '../helpers/go-toolchains.js';

// Invalid module paths and CheckPath's reason for each.
const INVALID_PATHS: Array<[string, string]> = [
  ['foo/bar', 'missing dot in first path element'],
  ['Example.com/x', "invalid char 'E' in first path element"],
  ['example.com/x/v1', 'invalid version'],
  ['example.com/x/v2.0', 'invalid version'],
  ['example.com/x/v02', 'invalid version'],
  ['gopkg.in/yaml', 'invalid version'],
  ['example.com/.x', 'leading dot in path element'],
  ['example.com/x.', 'trailing dot in path element'],
  ['example.com/..', 'invalid path element ".."'],
  ['example.com/x~1', 'trailing tilde and digits in path element'],
  ['example.com/con', '"con" disallowed as path element component on Windows'],
  ['example.com/LPT1.txt', '"LPT1" disallowed as path element component on Windows'],
  ['example.com//x', 'double slash'],
  ['example.com/x/', 'trailing slash'],
  ['/example.com', 'empty path element'],
  ['-x.com/y', 'leading dash'],
  ['', 'empty string'],
  ['example.com/x y', "invalid char ' '"],
  ['example.com/a+b', "invalid char '+'"],
  ['example.com/é', "invalid char 'é'"],
  ['exa_mple.com/x', "invalid char '_' in first path element"],
];

describe('checkModulePath (module.CheckPath)', () => {
  test.each(['example.com', 'example.com/x', 'github.com/BurntSushi/toml', 'gopkg.in/yaml.v3', 'example.com/x/v2', 'my-host.example/a_b/c~d.e'])('%s is valid', (p) => {
    expect(checkModulePath(p)).toBeUndefined();
  });

  test.each(INVALID_PATHS)('%j: %s', (p, reason) => {
    expect(checkModulePath(p)).toBe(`malformed module path ${JSON.stringify(p)}: ${reason}`);
  });

  test('import paths also allow +', () => {
    expect(checkImportPath('example.com/a+b')).toBeUndefined();
    expect(checkImportPath('foo/bar')).toBeUndefined();
  });

  test('splitPathVersion', () => {
    expect(splitPathVersion('example.com/x/v2')).toEqual({ prefix: 'example.com/x', pathMajor: '/v2', ok: true });
    expect(splitPathVersion('gopkg.in/yaml.v3')).toEqual({ prefix: 'gopkg.in/yaml', pathMajor: '.v3', ok: true });
    expect(splitPathVersion('gopkg.in/check.v1-unstable').ok).toBe(true);
    expect(splitPathVersion('example.com/x').pathMajor).toBe('');
  });
});

describe('escaping (module.EscapePath / EscapeVersion)', () => {
  test('upper case becomes ! + lower case', () => {
    expect(escapePath('github.com/BurntSushi/toml')).toBe('github.com/!burnt!sushi/toml');
    expect(escapeVersion('v1.0.0-RC1')).toBe('v1.0.0-!r!c1');
    expect(escapePath('example.com/lower')).toBe('example.com/lower');
  });

  test('refuses what cmd/go refuses', () => {
    expect(() => escapePath('foo/bar')).toThrow(ModuleEscapeError);
    expect(() => escapeVersion('v1!')).toThrow('version "v1!" invalid: disallowed version string');
    expect(() => escapeVersion('a/b')).toThrow('version "a/b" invalid: disallowed version string');
    expect(() => escapeVersion('')).toThrow(ModuleEscapeError);
    expect(escapeVersion('master')).toBe('master');
  });

  test('unescaping reverses it and rejects bad forms', () => {
    expect(unescapePath('github.com/!burnt!sushi/toml')).toBe('github.com/BurntSushi/toml');
    expect(unescapeVersion('v1.0.0-!r!c1')).toBe('v1.0.0-RC1');
    expect(unescapePath('github.com/Burnt')).toBeUndefined();
    expect(unescapePath('github.com/!1')).toBeUndefined();
    expect(unescapePath('github.com/x!')).toBeUndefined();
  });
});

describe('versions', () => {
  test('semver validity and canonical forms', () => {
    expect(isValidSemver('v1')).toBe(true);
    expect(isValidSemver('v1.2.3-pre.1+build')).toBe(true);
    expect(isValidSemver('1.2.3')).toBe(false);
    expect(isValidSemver('v1.2.3-01')).toBe(false);
    expect(canonicalVersion('v1.2')).toBe('v1.2.0');
    expect(canonicalVersion('v1.2.3+meta')).toBe('v1.2.3');
    expect(canonicalVersion('v2.0.0+incompatible')).toBe('v2.0.0+incompatible');
  });

  test('pseudo-versions', () => {
    expect(isPseudoVersion('v0.0.0-20191109021931-daa7c04131f5')).toBe(true);
    expect(isPseudoVersion('v1.2.4-0.20191109021931-daa7c04131f5')).toBe(true);
    expect(isPseudoVersion('v1.2.3')).toBe(false);
  });

  test('which queries go resolves with .info directly', () => {
    expect(['v1.2.3', 'v1.2.3-rc.1', 'v2.0.0+incompatible', 'master', 'abcdef012345'].every(queryStatsDirectly)).toBe(true);
    expect(['latest', 'upgrade', 'patch', 'v1', 'v1.2', '<v1.2.0', '>=v1.0.0'].some(queryStatsDirectly)).toBe(false);
  });
});

describe('proxyRequestUrl', () => {
  test('escapes the path, and sends ! as %21', () => {
    expect(proxyRequestUrl('https://proxy.golang.org', 'github.com/BurntSushi/toml', { kind: 'list' })).toBe('https://proxy.golang.org/github.com/%21burnt%21sushi/toml/@v/list');
    expect(proxyRequestUrl('http://127.0.0.1:1/p/', 'example.com/Upper', { kind: 'info', version: 'v1.0.0-RC1' })).toBe(
      'http://127.0.0.1:1/p/example.com/%21upper/@v/v1.0.0-%21r%21c1.info',
    );
  });

  test('every request kind', () => {
    const base = 'https://p.example';
    expect(proxyRequestUrl(base, 'example.com/m', { kind: 'latest' })).toBe('https://p.example/example.com/m/@latest');
    expect(proxyRequestUrl(base, 'example.com/m', { kind: 'mod', version: 'v1.0.0' })).toBe('https://p.example/example.com/m/@v/v1.0.0.mod');
    expect(proxyRequestUrl(base, 'example.com/m', { kind: 'zip', version: 'v2.0.0+incompatible' })).toBe('https://p.example/example.com/m/@v/v2.0.0+incompatible.zip');
  });

  test('keeps the query string, drops the fragment, collapses extra slashes', () => {
    expect(proxyRequestUrl('https://p.example/base//?token=abc#frag', 'example.com/m', { kind: 'list' })).toBe('https://p.example/base/example.com/m/@v/list?token=abc');
    expect(proxyRequestUrl('file:///srv/proxy', 'example.com/m', { kind: 'list' })).toBe('file:///srv/proxy/example.com/m/@v/list');
    expect(proxyRequestUrl('https://u:pw@p.example', 'example.com/m', { kind: 'list' })).toBe('https://u:pw@p.example/example.com/m/@v/list');
  });

  test('refuses invalid module paths and bases', () => {
    expect(() => proxyRequestUrl('https://p.example', 'foo/bar', { kind: 'list' })).toThrow('malformed module path "foo/bar": missing dot in first path element');
    expect(() => proxyRequestUrl('https://h:abc', 'example.com/m', { kind: 'list' })).toThrow('invalid port');
  });
});

// The real go reports the same CheckPath text for each invalid path.
const goVersion = availableGoVersions(['1.23'])[0] ?? availableGoVersions()[0];
const describeWithGo = goVersion ? describe : describe.skip;

describeWithGo('checkModulePath matches the real go', () => {
  test('for every invalid path above that go accepts as an argument', async () => {
    const sandbox = createGoSandbox('gpd-modpath-');
    try {
      // Paths that start with '-' or are empty are not module arguments to go at all.
      const paths = INVALID_PATHS.map(([p]) => p).filter((p) => p !== '' && !p.startsWith('-') && !p.startsWith('/') && !p.endsWith('/'));
      const results = await mapWithConcurrency(paths, 4, async (p) => {
        const run = await runGo(goVersion as NonNullable<typeof goVersion>, ['mod', 'download', '-json', `${p}@v1.0.0`], sandbox.env, { cwd: sandbox.root, timeoutMs: 30_000 });
        return { p, found: (run.stdout + run.stderr).includes(JSON.stringify(checkModulePath(p)).slice(1, -1)) };
      });
      expect(results.filter((r) => !r.found)).toEqual([]);
      expect(results.length).toBeGreaterThan(12);
    } finally {
      sandbox.cleanup();
    }
  }, 60_000);
});

