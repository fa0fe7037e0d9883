import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { goPathMatch, malformedPrefixPatterns, matchingPrefixPattern, matchPrefixPatterns, splitPrefixPatterns } from '../../src/goenv/patterns.js';
import { availableGoVersions, createGoSandbox, runGo, type GoSandbox } from '../helpers/go-toolchains.js';

describe('matchPrefixPatterns (module.MatchPrefixPatterns)', () => {
  // Pattern/path pairs whose outcome was observed with real go.
  const table: Array<[string, string, boolean]> = [
    ['*.corp.example.com', 'git.corp.example.com/team/repo', true],
    ['*.corp.example.com', 'corp.example.com/team/repo', false],
    ['example.com/private', 'example.com/private/x/y', true],
    ['example.com/private', 'example.com/privatex', false],
    ['example.com/*', 'example.com', false],
    ['github.com/org*', 'github.com/org-foo/x', true],
    ['*/org', 'github.com/org/x', true],
    ['gitlab.com/group/**', 'gitlab.com/group/sub/x', true],
    ['a.com, b.com', 'b.com/x', false],
    ['a.com,,b.com', 'b.com/x', true],
    ['b.com/', 'b.com/x', true],
    ['github.com/org', 'github.com/Org/x', false],
    ['https://github.com/org', 'github.com/org/x', false],
    ['[a-', 'anything.com/x', false],
  ];
  test.each(table)('%j against %j → %j', (globs, target, expected) => {
    expect(matchPrefixPatterns(globs, target)).toBe(expected);
  });

  test('reports which entry matched, as written', () => {
    expect(matchingPrefixPattern('x.com,example.com/a/', 'example.com/a/b')).toBe('example.com/a/');
    expect(matchingPrefixPattern('[bad,*.invalid', 'mod.invalid/x')).toBe('*.invalid');
    expect(matchingPrefixPattern('', 'example.com')).toBeUndefined();
  });

  test('a pattern with as many elements as the path matches the whole path', () => {
    expect(matchPrefixPatterns('example.com/a/b', 'example.com/a/b')).toBe(true);
    expect(matchPrefixPatterns('example.com/a/b/c', 'example.com/a/b')).toBe(false);
    expect(matchPrefixPatterns('*', 'example.com/a/b')).toBe(true);
    expect(matchPrefixPatterns('*/*/*/*', 'example.com/a/b')).toBe(false);
  });

  test('splits without trimming and drops one trailing slash', () => {
    expect(splitPrefixPatterns(' a.com ,b.com//,,')).toEqual([
      { raw: ' a.com ', glob: ' a.com ' },
      { raw: 'b.com//', glob: 'b.com/' },
    ]);
  });

  test('lists the malformed entries cmd/go silently ignores', () => {
    expect(malformedPrefixPatterns('ok.com,[a-,x\\,*.b.com,[]')).toEqual(['[a-', 'x\\', '[]']);
  });
});

describe('goPathMatch (path.Match)', () => {
  const cases: Array<[string, string, boolean, boolean]> = [
    // pattern, name, matched, error
    ['abc', 'abc', true, false],
    ['*', 'abc', true, false],
    ['*c', 'abc', true, false],
    ['a*', 'a/b', false, false],
    ['a*/b', 'abc/b', true, false],
    ['a*b*c*d*e*/f', 'axbxcxdxe/f', true, false],
    ['a*b?c*x', 'abxbbxdbxebxczzx', true, false],
    ['ab[c]', 'abc', true, false],
    ['ab[b-d]', 'abc', true, false],
    ['ab[^c]', 'abc', false, false],
    ['ab[^e-g]', 'abc', true, false],
    ['a\\*b', 'a*b', true, false],
    ['a\\*b', 'ab', false, false],
    ['a?b', 'a☺b', true, false],
    ['a[^a]b', 'a☺b', true, false],
    ['a???b', 'a☺b', false, false],
    ['[a-ζ]*', 'α', true, false],
    ['[\\]a]', ']', true, false],
    ['[x\\-]', '-', true, false],
    ['[', 'a', false, true],
    ['[^', 'a', false, true],
    ['[^bc', 'a', false, true],
    ['a[', 'a', false, true],
    ['a[', 'ab', false, true],
    ['a[', 'x', false, true],
    ['a/b[', 'x', false, true],
    ['*x', 'xxx', true, false],
    ['[]a]', ']', false, true],
    ['[-]', '-', false, true],
    ['[x-]', 'x', false, true],
    ['[a-b-c]', 'a', false, true],
    ['\\', 'a', false, true],
    ['[\\', 'a', false, true],
  ];
  test.each(cases)('Match(%j, %j) = %j, error %j', (pattern, name, matched, error) => {
    const result = goPathMatch(pattern, name);
    expect(result.matched).toBe(matched);
    expect(result.error !== undefined).toBe(error);
  });
});

// Random patterns over a small alphabet, checked against the real path.Match compiled by Go.
const goVersion = availableGoVersions(['1.23'])[0] ?? availableGoVersions()[0];
const describeWithGo = goVersion ? describe : describe.skip;

describeWithGo('goPathMatch agrees with the real path.Match', () => {
  let sandbox: GoSandbox;
  beforeAll(() => {
    sandbox = createGoSandbox('gpd-pathmatch-');
  });
  afterAll(() => sandbox.cleanup());

  test('on 600 generated pattern/name pairs', async () => {
    const patternChars = fc.constantFrom('a', 'b', '/', '*', '?', '[', ']', '^', '-', '\\', '.', 'é');
    const nameChars = fc.constantFrom('a', 'b', '/', '-', ']', '.', 'é', '*');
    const pairs = fc.sample(fc.tuple(fc.string({ unit: patternChars, maxLength: 7 }), fc.string({ unit: nameChars, maxLength: 6 })), { numRuns: 600, seed: 4242 });
    const dir = path.join(sandbox.root, 'pm');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'main.go'),
      [
        'package main',
        'import ("encoding/json"; "fmt"; "os"; "path")',
        'func main() {',
        '  data, _ := os.ReadFile(os.Args[1])',
        '  var pairs [][2]string',
        '  if err := json.Unmarshal(data, &pairs); err != nil { panic(err) }',
        '  out := make([][2]bool, len(pairs))',
        '  for i, p := range pairs { m, err := path.Match(p[0], p[1]); out[i] = [2]bool{m, err != nil} }',
        '  b, _ := json.Marshal(out)',
        '  fmt.Println(string(b))',
        '}',
        '',
      ].join('\n'),
    );
    writeFileSync(path.join(dir, 'pairs.json'), JSON.stringify(pairs));
    const run = await runGo(goVersion as NonNullable<typeof goVersion>, ['run', 'main.go', 'pairs.json'], { ...sandbox.env, GO111MODULE: 'off' }, { cwd: dir, timeoutMs: 50_000 });
    expect(run.stderr).toBe('');
    const expected = JSON.parse(run.stdout) as Array<[boolean, boolean]>;
    const actual = pairs.map(([pattern, name]) => {
      const r = goPathMatch(pattern, name);
      return [r.matched, r.error !== undefined];
    });
    const mismatches = pairs.filter((_, i) => JSON.stringify(actual[i]) !== JSON.stringify(expected[i]));
    expect(mismatches).toEqual([]);
    // The sample must exercise both outcomes and the error path.
    expect(expected.some(([m]) => m)).toBe(true);
    expect(expected.some(([, e]) => e)).toBe(true);
  }, 60_000);
});
