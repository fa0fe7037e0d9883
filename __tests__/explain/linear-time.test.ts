/**
 * Every regular expression `explain` applies to untrusted text runs in time linear in that text.
 *
 * The patterns are found two ways, so none is forgotten: every regex literal in src/scenarios/*.ts,
 * src/explain/*.ts and src/report/explain.ts (read with the TypeScript parser), and every regex those
 * files apply while the whole engine reads the real-world corpus, the fixtures and the scenarios'
 * examples (this catches patterns built with `new RegExp`). Each pattern is fed the shapes
 * regex-shapes.ts works out from its syntax, plus the inputs that once took minutes, at two sizes
 * eight times apart: linear work grows about 8×, quadratic work 64×. The bound is generous (a ratio
 * of 24, and any run under a few milliseconds passes) so a loaded CI machine does not fail it; a
 * failure is measured again before it counts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { DiagnosisCollector, explainBlocks, matchBlock } from '../../src/explain/engine.js';
import { blocksFromText } from '../../src/explain/read-log.js';
import { SCENARIOS } from '../../src/scenarios/index.js';
import { loadRealworldCorpus } from '../../bench/realworld-accuracy.js';
import { adversarialShapes, repeatTo, unboundedRepetition, type Shape } from './regex-shapes.js';
import { loadFixtures } from './corpus.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCE_DIRS = ['src/scenarios', 'src/explain'];
const SOURCE_FILES = ['src/report/explain.ts'];
const OWN_SOURCES = /\/src\/(?:scenarios|explain)\/[^/]+\.ts|\/src\/report\/explain\.ts/;

// Sizes below 32K characters: past that, V8's regex code slows down stepwise for reasons unrelated to the
// pattern (caches), which would blur the growth this test measures.
const SMALL = 2 * 1024;
const LARGE = 8 * SMALL;
/** Below this at the large size, a run is fast whatever its growth. */
const FLOOR_MS = 2;
/** Linear growth is about 8; quadratic about 64. */
const MAX_RATIO = 24;

/** Inputs that once made patterns take minutes (issue: super-linear patterns), fed to every pattern. */
const KNOWN_SLOW: readonly Shape[] = [
  { name: 'repeated "requires go >= 1 (running go 1; GOTOOLCHAIN=x " in one indented block', build: (size) => repeatTo('requires go >= 1 (running go 1; GOTOOLCHAIN=x \n\t', size) },
  { name: 'repeated "requires go >= 1 (running go 1; GOTOOLCHAIN=x " on one line', build: (size) => repeatTo('requires go >= 1 (running go 1; GOTOOLCHAIN=x ', size) },
  { name: '"Permission denied (publickey " without ")" over tab-indented lines', build: (size) => repeatTo('\tPermission denied (publickey \n', size) },
  { name: '"Permission denied (publickey " without ")" on one line', build: (size) => repeatTo('Permission denied (publickey ', size) },
];

interface Pattern {
  regex: RegExp;
  /** Where it was found: `file:line` for a literal, `applied in file` for one seen at run time. */
  origin: string;
}

function keyOf(regex: RegExp): string {
  return `/${regex.source}/${regex.flags}`;
}

function sourceFiles(): string[] {
  const files = SOURCE_DIRS.flatMap((dir) =>
    readdirSync(path.join(ROOT, dir))
      .filter((file) => file.endsWith('.ts'))
      .map((file) => path.join(ROOT, dir, file)),
  );
  return [...files, ...SOURCE_FILES.map((file) => path.join(ROOT, file))];
}

/** Every regex literal in the sources, with its line. */
function literalPatterns(): Pattern[] {
  const patterns: Pattern[] = [];
  for (const file of sourceFiles()) {
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const literal = node.getText(source);
        const end = literal.lastIndexOf('/');
        const regex = new RegExp(literal.slice(1, end), literal.slice(end + 1));
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        patterns.push({ regex, origin: `${path.relative(ROOT, file)}:${line}` });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return patterns;
}

/**
 * The patterns the sources apply while the engine reads real input. RegExp.prototype.exec is wrapped
 * for the duration: match, test, replace and split all go through it once it is replaced. A pattern
 * counts when the first source frame of its caller is one of the files under test.
 */
async function appliedPatterns(): Promise<Pattern[]> {
  const found = new Map<string, Pattern>();
  const checks = new Map<string, number>();
  const original = RegExp.prototype.exec;
  let inside = false;
  RegExp.prototype.exec = function exec(this: RegExp, text: string) {
    const key = keyOf(this);
    if (!inside && !found.has(key) && (checks.get(key) ?? 0) < 20) {
      inside = true;
      try {
        checks.set(key, (checks.get(key) ?? 0) + 1);
        const caller = new Error().stack?.split('\n').find((frame) => frame.includes('/src/'));
        const file = caller !== undefined ? OWN_SOURCES.exec(caller) : null;
        if (file) found.set(key, { regex: new RegExp(this.source, this.flags), origin: `applied in ${file[0].slice(1)}` });
      } finally {
        inside = false;
      }
    }
    return original.call(this, text);
  };
  try {
    const texts = [
      ...loadRealworldCorpus().map((sample) => sample.text),
      ...loadFixtures().map((fixture) => fixture.body),
      ...SCENARIOS.flatMap((scenario) => scenario.examples),
    ];
    for (const text of texts) {
      const collector = new DiagnosisCollector();
      await collector.addStream(
        (async function* () {
          yield new TextEncoder().encode(text);
        })(),
      );
      collector.result();
      explainBlocks(blocksFromText(text));
      for (const block of blocksFromText(text)) for (const scenario of SCENARIOS) matchBlock(block, {}, [scenario]);
    }
  } finally {
    RegExp.prototype.exec = original;
  }
  return [...found.values()];
}

/** Applies a pattern the way the sources do: once, or to every match when it is global. */
function apply(regex: RegExp, text: string): void {
  regex.lastIndex = 0;
  if (!regex.global) {
    regex.exec(text);
    return;
  }
  for (let found = regex.exec(text); found !== null; found = regex.exec(text)) {
    if (found[0] === '') regex.lastIndex += 1;
  }
}

function millis(regex: RegExp, text: string, runs: number): number {
  let best = Infinity;
  for (let run = 0; run < runs; run++) {
    const start = process.hrtime.bigint();
    apply(regex, text);
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

interface Growth {
  small: number;
  large: number;
}

/** Times at both sizes; undefined when the pattern stays fast or grows linearly. */
function superLinear(pattern: RegExp, shape: Shape): Growth | undefined {
  // One copy, used for every run: V8 interprets a new regex before compiling it to machine code.
  const regex = new RegExp(pattern.source, pattern.flags);
  const small = shape.build(SMALL);
  const large = shape.build(LARGE);
  // String.repeat builds a tree of pieces that the first search flattens: flatten it before timing.
  small.indexOf('\u0001');
  large.indexOf('\u0001');
  apply(regex, small.slice(0, 256));
  apply(regex, small.slice(0, 256));
  let largeMs = millis(regex, large, 1);
  if (largeMs < FLOOR_MS) return undefined;
  let smallMs = Infinity;
  // Best of several runs, and a second round before failing: a garbage collection or a busy machine
  // can slow one run down many times.
  for (let round = 0; round < 3; round++) {
    smallMs = Math.min(smallMs, millis(regex, small, 5));
    largeMs = Math.min(largeMs, millis(regex, large, 2));
    if (largeMs < FLOOR_MS || largeMs <= MAX_RATIO * Math.max(smallMs, FLOOR_MS / MAX_RATIO)) return undefined;
  }
  return { small: smallMs, large: largeMs };
}

describe('every pattern applied to untrusted text runs in linear time', () => {
  let patterns: Pattern[] = [];

  beforeAll(async () => {
    const all = [...literalPatterns(), ...(await appliedPatterns())];
    const unique = new Map<string, Pattern>();
    for (const pattern of all) if (!unique.has(keyOf(pattern.regex))) unique.set(keyOf(pattern.regex), pattern);
    patterns = [...unique.values()];
  }, 120_000);

  test('the patterns were found: the literals, and at least one pattern for each `new RegExp` in the sources', () => {
    expect(patterns.length).toBeGreaterThan(150);
    const literals = new Set(literalPatterns().map((pattern) => keyOf(pattern.regex)));
    const builtAtRunTime = patterns.filter((pattern) => !literals.has(keyOf(pattern.regex)));
    const sites = sourceFiles().reduce((count, file) => count + (readFileSync(file, 'utf8').match(/new RegExp\(/g) ?? []).length, 0);
    expect(sites).toBeGreaterThan(0);
    expect(builtAtRunTime.length).toBeGreaterThanOrEqual(sites);
    // facts.ts builds its module and version patterns at run time: they must have been seen applied.
    expect(builtAtRunTime.some((pattern) => pattern.regex.source.includes('A-Za-z0-9._~+'))).toBe(true);
  });

  test('no pattern has an unbounded quantifier or a repetition inside a repetition', () => {
    const problems = patterns.flatMap((pattern) => unboundedRepetition(pattern.regex).map((problem) => `${pattern.origin} ${keyOf(pattern.regex)}: ${problem}`));
    expect(problems).toEqual([]);
  });

  test(
    'no pattern grows super-linearly on the shapes worked out from its syntax or on the known slow inputs',
    () => {
      const failures: string[] = [];
      for (const pattern of patterns) {
        for (const shape of [...KNOWN_SLOW, ...adversarialShapes(pattern.regex)]) {
          const growth = superLinear(pattern.regex, shape);
          if (growth) {
            failures.push(`${pattern.origin} ${keyOf(pattern.regex)} on ${shape.name}: ${growth.small.toFixed(1)} ms at ${SMALL} chars, ${growth.large.toFixed(1)} ms at ${LARGE}`);
            break;
          }
        }
      }
      expect(failures).toEqual([]);
    },
    600_000,
  );
});
