/**
 * The catalogue's triggers in other matchers' terms: as POSIX EREs for `grep -E` (checked against
 * GNU grep itself on every fixture file) and as the literals the reader's pre-scan looks for (checked
 * to be present in every text a trigger matches).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import fc from 'fast-check';
import { catalogueGrepPatterns, toExtendedRegex, UnconvertiblePatternError } from '../../bench/lib/grep-patterns.js';
import { requiredLiterals } from '../../src/explain/required-literals.js';
import { SCENARIOS } from '../../src/scenarios/index.js';
import { FIXTURE_ROOT } from '../explain/corpus.js';

const FIXTURE_FILES = readdirSync(FIXTURE_ROOT, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) =>
    readdirSync(path.join(FIXTURE_ROOT, entry.name))
      .filter((file) => file.endsWith('.txt'))
      .map((file) => path.join(FIXTURE_ROOT, entry.name, file)),
  )
  .sort();

/** `file:line` for every line grep -E selects, in the C locale so \b and -i see ASCII as JavaScript does. */
async function grepLines(pattern: string, ignoreCase: boolean): Promise<{ exitCode: number; lines: Set<string>; stderr: string }> {
  const result = await execa('grep', ['-E', '-n', '-H', '-a', ...(ignoreCase ? ['-i'] : []), '-e', pattern, ...FIXTURE_FILES], {
    env: { LC_ALL: 'C' },
    reject: false,
    timeout: 20_000,
    stripFinalNewline: true,
  });
  const lines = new Set<string>();
  for (const line of result.stdout === '' ? [] : result.stdout.split('\n')) {
    const found = /^(.*?\.txt):(\d+):/.exec(line);
    if (found) lines.add(`${found[1]}:${found[2]}`);
  }
  return { exitCode: result.exitCode ?? -1, lines, stderr: result.stderr };
}

/** `file:line` for every line the JavaScript regex matches, reading the files as grep does (LF lines). */
function jsLines(regex: RegExp): Set<string> {
  const lines = new Set<string>();
  for (const file of FIXTURE_FILES) {
    readFileSync(file, 'latin1')
      .split('\n')
      .forEach((line, index) => {
        // A final empty piece after the last newline is not a line for grep.
        if (regex.test(line)) lines.add(`${file}:${index + 1}`);
      });
  }
  return lines;
}

describe('toExtendedRegex', () => {
  test.each([
    [/(?:a|b)c/, '(a|b)c'],
    [/go\d\.\d+/, 'go[0-9]\\.[0-9]+'],
    [/\/lookup\//, '/lookup/'],
    [/\b40[13]\b/, '\\b40[13]\\b'],
    [/Get "[^"]+": [A-Z]/, 'Get "[^"]+": [A-Z]'],
    [/a{2,3}b{1}/, 'a{2,3}b{1}'],
    [/x{y/, 'x\\{y'],
    [/[\d.-]+/, '[0-9.-]+'],
    [/[\]a]/, '[]a]'],
    [/-insecure/, '-insecure'],
  ])('%s -> %s', (regex, ere) => {
    expect(toExtendedRegex(regex)).toBe(ere);
  });

  test.each([
    [/a(?=b)/, 'lookaround'],
    [/(?<!a)b/, 'lookaround'],
    [/(a)\1/, 'escape \\1'],
    [/a+?/, 'lazy'],
    [/a\nb/, 'escape \\n'],
    [/\u00e9/, 'escape \\u'],
    [/a/u, 'flags'],
    [/a/s, 'flags'],
  ])('%s is refused (%s)', (regex, reason) => {
    expect(() => toExtendedRegex(regex)).toThrow(UnconvertiblePatternError);
    expect(() => toExtendedRegex(regex)).toThrow(reason);
  });
});

describe('catalogueGrepPatterns', () => {
  const patterns = catalogueGrepPatterns();

  test('every scenario trigger converts, in catalogue order, keeping its case flag', () => {
    expect(patterns.map((pattern) => pattern.scenario)).toEqual(SCENARIOS.map((scenario) => scenario.id));
    for (const [index, scenario] of SCENARIOS.entries()) {
      expect(patterns[index]?.ignoreCase).toBe(scenario.trigger.flags.includes('i'));
      expect(patterns[index]?.pattern).not.toMatch(/\(\?|\\d|\\\//);
    }
  });

  test.each(patterns.map((pattern, index) => [pattern.scenario, pattern, SCENARIOS[index]?.trigger as RegExp] as const))(
    '%s: grep -E accepts it and selects the same fixture lines as the JavaScript trigger',
    async (_id, pattern, trigger) => {
      const grep = await grepLines(pattern.pattern, pattern.ignoreCase);
      expect(grep.stderr).toBe('');
      expect([0, 1]).toContain(grep.exitCode);
      const js = jsLines(trigger);
      expect([...grep.lines].sort()).toEqual([...js].sort());
      // Meaningful only if the trigger fires somewhere in the corpus.
      expect(js.size).toBeGreaterThan(0);
    },
  );
});

describe('requiredLiterals', () => {
  test.each([
    [/timeout|timed out/i, ['timeout', 'timed out']],
    [/invalid (?:pseudo-)?version/, ['invalid version', 'invalid pseudo-version']],
    [/verifying (?:module|go\.mod)/, ['verifying module', 'verifying go.mod']],
    [/download go\d/, Array.from({ length: 10 }, (_, digit) => `download go${digit}`)],
    [/Get "[^"]+": [A-Z]/, ['get "']],
    [/\/lookup\//, ['/lookup/']],
  ])('%s', (regex, texts) => {
    expect(requiredLiterals(regex)?.map((literal) => literal.text).sort()).toEqual([...texts].sort());
  });

  test('word boundaries written around a literal are kept', () => {
    expect(requiredLiterals(/\b(?:404|410)\b/)).toEqual([
      { text: '404', before: 'b', after: 'b' },
      { text: '410', before: 'b', after: 'b' },
    ]);
    expect(requiredLiterals(/x\Bab/)).toEqual([{ text: 'ab', before: 'B' }]);
  });

  test('no literal when an alternative requires none, or for syntax the analysis does not know', () => {
    expect(requiredLiterals(/abc|.+/)).toBeUndefined();
    expect(requiredLiterals(/a?/)).toBeUndefined();
    expect(requiredLiterals(/./)).toBeUndefined();
    expect(requiredLiterals(/abc/u)).toBeUndefined();
    expect(requiredLiterals(/é+x/)).toEqual([{ text: 'x' }]);
  });

  test('every catalogue trigger has literals', () => {
    for (const scenario of SCENARIOS) expect(requiredLiterals(scenario.trigger)?.length).toBeGreaterThan(0);
  });

  // Text built from trigger fragments, word characters and separators, so that matches are common.
  const fragments = [
    ...SCENARIOS.flatMap((scenario) => requiredLiterals(scenario.trigger)?.map((literal) => literal.text) ?? []),
    'Timeout', 'RESET', 'x', '_', '9', ' ', '\n', '\t', '"', ':', '-', 'é', 'Get "https://a.invalid/x": ', 'Dial',
  ];
  const arbitraryText = fc.array(fc.constantFrom(...fragments), { maxLength: 12 }).map((parts) => parts.join(''));

  test.each(SCENARIOS.map((scenario) => [scenario.id, scenario.trigger] as const))(
    '%s: every text the trigger matches holds one of its literals with its assertions',
    (_id, trigger) => {
      const literals = requiredLiterals(trigger) ?? [];
      const word = (ch: string | undefined): boolean => ch !== undefined && /\w/.test(ch);
      const holds = (text: string): boolean => {
        const lower = text.toLowerCase();
        return literals.some((literal) => {
          for (let at = lower.indexOf(literal.text); at >= 0; at = lower.indexOf(literal.text, at + 1)) {
            const end = at + literal.text.length;
            const before = word(text[at - 1]) !== word(text[at]);
            const after = word(text[end - 1]) !== word(text[end]);
            if (literal.before !== undefined && before !== (literal.before === 'b')) continue;
            if (literal.after !== undefined && after !== (literal.after === 'b')) continue;
            return true;
          }
          return false;
        });
      };
      fc.assert(
        fc.property(arbitraryText, (text) => !trigger.test(text) || holds(text)),
        { numRuns: 2000 },
      );
    },
  );
});
