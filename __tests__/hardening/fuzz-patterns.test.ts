/**
 * Property test: random GOPRIVATE-style glob lists and module paths go to both `matchPrefixPatterns()` and
 * the real `go` (1.21 and 1.23); they must agree on every match.
 *
 * How the real go's verdict is read cheaply: with GOPROXY=off and GOPRIVATE=<globs>, cmd/go puts the
 * hidden `noproxy` entry first (go1.23 src/cmd/go/internal/modfetch/proxy.go:64-66). A module path that
 * matches (module.MatchPrefixPatterns, repo.go:234) is fetched directly, which fails with
 * `unrecognized import path` (the go-get lookup goes to the closed loopback HTTPS_PROXY); one that does
 * not match ends at `module lookup disabled by GOPROXY=off`. One `go mod download -json` call answers
 * for several module paths at once.
 */
import fc from 'fast-check';
import { matchPrefixPatterns } from '../../src/goenv/patterns.js';
import { availableGoVersions, createGoSandbox, runGo, type GoSandbox, type GoVersion } from '../helpers/go-toolchains.js';

const versions = availableGoVersions(['1.21', '1.23', '1.24', '1.25', '1.26', '1.27']);
/** Random values; each goes to every version listed above (six), so the go calls stay near the 400-600 of two versions at the earlier defaults. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
/** Generous per go call (one takes 5-30 ms, far more on a loaded machine), so FUZZ_RUNS=3000 under two jest workers still finishes. */
const TIMEOUT_MS = Math.max(60_000, RUNS * Math.max(1, versions.length) * 400);

/** Pieces of a glob element: literals, wildcards, classes (well-formed and not), escapes. */
const TOKENS = ['a', 'b', 'c', 'A', 'ab', 'a.invalid', 'b.invalid', '.invalid', '-', '*', '**', '?', '[a-c]', '[^a]', '[!a]', '[ab]', '[a-]', '[]a]', '[\\]]', '[', ']', '\\*', '\\a', '\\', 'é', '[é]'];
/** How patterns are joined: Go splits on `,` only and keeps spaces. */
const JOINERS = [',', ',', ',', ', ', ' ,', ',,'];

const element = fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 3 }).map((tokens) => tokens.join(''));
/** A first element that often looks like the module paths' domains, so that matches are common. */
const domainElement = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('a', 'b', 'ab', '*', '?', '[a-c]', '[^a]', 'a*', '*b', 'a-b', 'A', '[', '\\a'), fc.constantFrom('.invalid', '.invalid', '.inv*', '.*', '*')).map(([a, b]) => a + b) },
  { weight: 1, arbitrary: element },
);
const pattern = fc
  .tuple(domainElement, fc.array(element, { maxLength: 3 }), fc.constantFrom('', '', '', '/', '//'))
  .map(([first, rest, trailing]) => [first, ...rest].join('/') + trailing);
const globList = fc
  .tuple(fc.array(pattern, { minLength: 1, maxLength: 3 }), fc.array(fc.constantFrom(...JOINERS), { minLength: 3, maxLength: 3 }), fc.constantFrom('', '', ' ', ','))
  .map(([patterns, joiners, edge]) => edge + patterns.map((p, i) => (i === 0 ? p : (joiners[i - 1] ?? ',') + p)).join('') + edge.trim());

/** Module paths cmd/go accepts (module.CheckPath): a lower-case first element with a dot, then simple elements. */
const FIRST = ['a.invalid', 'b.invalid', 'ab.invalid', 'a-b.invalid', 'a.b.invalid', 'c.invalid'];
const REST = ['a', 'b', 'c', 'A', 'ab', 'Ab', 'a.b', 'a-b', 'a_b', 'a~b', 'x'];
const randomTarget = fc
  .tuple(fc.constantFrom(...FIRST), fc.array(fc.constantFrom(...REST), { maxLength: 3 }))
  .map(([first, rest]) => [first, ...rest].join('/'));

const FIRST_ELEMENT = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/;
const LATER_ELEMENT = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9_-])?$/;

/** A path that satisfies module.CheckPath for the shapes this test builds (no leading/trailing dots, no empty elements). */
function isValidModulePath(path: string): boolean {
  const elements = path.split('/');
  const [first, ...rest] = elements;
  if (first === undefined || !FIRST_ELEMENT.test(first) || !first.includes('.')) return false;
  return rest.every((e) => LATER_ELEMENT.test(e) && !e.includes('..'));
}

/** A module path built from a glob by filling its wildcards, so that matches are common; undefined when invalid. */
function instantiate(glob: string, extra: readonly string[]): string | undefined {
  const filled = glob
    .replace(/\\(.)/g, '$1')
    .replace(/\[([\^!]?)([^\]-]?)[^\]]*\]/g, (_, negated: string, c: string) => (negated || c === '' ? 'b' : c))
    .replace(/\*+/g, 'ab')
    .replace(/\?/g, 'a')
    .replace(/\/+$/, '');
  const path = [filled, ...extra].join('/');
  return isValidModulePath(path) ? path : undefined;
}

type GoMatch = 'matched' | 'not matched';

const describeGo = versions.length > 0 ? describe : describe.skip;

describeGo('GOPRIVATE pattern matching agrees with the real go', () => {
  let sandbox: GoSandbox;
  let unclassified = 0;
  let compared = 0;

  beforeAll(() => {
    sandbox = createGoSandbox('gpd-fuzz-patterns-');
  });

  afterAll(() => {
    sandbox.cleanup();
  });

  /** Which module paths real go treats as private under GOPRIVATE=globs. */
  async function goMatches(version: GoVersion, globs: string, targets: readonly string[]): Promise<Map<string, GoMatch>> {
    const run = await runGo(
      version,
      ['mod', 'download', '-json', ...targets.map((t) => `${t}@v1.0.0`)],
      { ...sandbox.env, GOPROXY: 'off', GOPRIVATE: globs },
      { cwd: sandbox.root, timeoutMs: 30_000 },
    );
    const verdicts = new Map<string, GoMatch>();
    for (const chunk of run.stdout.split(/\n(?=\{)/)) {
      if (chunk.trim() === '') continue;
      const { Path, Error: error } = JSON.parse(chunk) as { Path: string; Error?: string };
      if (error?.endsWith('module lookup disabled by GOPROXY=off')) verdicts.set(Path, 'not matched');
      else if (error?.includes('unrecognized import path')) verdicts.set(Path, 'matched');
    }
    if (verdicts.size === 0 && targets.length > 0) throw new Error(`go ${version} gave no verdict (exit ${run.exitCode}): ${run.stdout}${run.stderr}`);
    return verdicts;
  }

  it(`agrees on every match (${RUNS} random glob lists × go ${versions.join(', ')})`, async () => {
    const sample = fc
      .tuple(globList, fc.array(randomTarget, { minLength: 3, maxLength: 5 }), fc.array(fc.constantFrom(...REST), { maxLength: 2 }))
      .map(([globs, random, extra]) => {
        const derived = globs.split(',').flatMap((g) => [instantiate(g, extra), instantiate(g, [])]);
        const targets = [...new Set([...random, ...derived.filter((t): t is string => t !== undefined)])];
        return { globs, targets };
      });
    await fc.assert(
      fc.asyncProperty(sample, async ({ globs, targets }) => {
        for (const version of versions) {
          const real = await goMatches(version, globs, targets);
          for (const target of targets) {
            const verdict = real.get(target);
            if (verdict === undefined) {
              unclassified++;
              continue;
            }
            compared++;
            const ours: GoMatch = matchPrefixPatterns(globs, target) ? 'matched' : 'not matched';
            expect({ version, globs, target, match: ours }).toEqual({ version, globs, target, match: verdict });
          }
        }
      }),
      {
        numRuns: RUNS,
        // Known edge cases of pattern matching, always checked first.
        examples: [
          [{ globs: '*.corp.invalid', targets: ['git.corp.invalid/team/repo', 'corp.invalid/team/repo'] }],
          [{ globs: 'a.invalid/private', targets: ['a.invalid/private/x/y', 'a.invalid/privatex'] }],
          [{ globs: 'a.invalid/*', targets: ['a.invalid', 'a.invalid/b'] }],
          [{ globs: 'a.invalid/org*', targets: ['a.invalid/org-foo/x'] }],
          [{ globs: '*/org', targets: ['a.invalid/org/x'] }],
          [{ globs: 'a.invalid/group/**', targets: ['a.invalid/group/sub/x'] }],
          [{ globs: 'a.invalid, b.invalid', targets: ['b.invalid/x'] }],
          [{ globs: 'a.invalid,,b.invalid', targets: ['b.invalid/x'] }],
          [{ globs: 'b.invalid/', targets: ['b.invalid/x'] }],
          [{ globs: 'a.invalid/org', targets: ['a.invalid/Org/x'] }],
          [{ globs: 'https://a.invalid/org', targets: ['a.invalid/org/x'] }],
          [{ globs: '[a-', targets: ['a.invalid/x'] }],
        ],
      },
    );
    // The verdicts must come from go's matcher, not from paths go rejected for other reasons.
    expect(compared).toBeGreaterThan(RUNS * versions.length);
    expect(unclassified).toBeLessThan(compared / 20 + 1);
  }, TIMEOUT_MS);
});
