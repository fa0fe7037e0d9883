/**
 * The check-rule catalogue's own rules, like the scenario catalogue's: each rule lives in a file named
 * after its id, is listed once in index.ts, has a test under __tests__/check/rules/ and a row in the
 * README's rule table, and documents itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHECK_RULES, CONFIG_RULES, NETWORK_RULES } from '../../../src/check/rules/index.js';
import { FINDING_GROUPS } from '../../../src/check/types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const RULE_DIR = path.join(ROOT, 'src/check/rules');
const TEST_DIR = path.join(ROOT, '__tests__/check/rules');

const ruleFiles = readdirSync(RULE_DIR).filter((file) => file.endsWith('.ts') && file !== 'index.ts');
const testSources = readdirSync(TEST_DIR)
  .filter((file) => file.endsWith('.test.ts') && file !== 'catalogue.test.ts')
  .map((file) => readFileSync(path.join(TEST_DIR, file), 'utf8'))
  .join('\n');
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

describe('check-rule catalogue', () => {
  test('every rule file is listed once, and every listed rule has its file', () => {
    const ids = CHECK_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ruleFiles.map((file) => file.replace(/\.ts$/, '')).sort());
    expect(CHECK_RULES.length).toBe(CONFIG_RULES.length + NETWORK_RULES.length);
  });

  test.each(CHECK_RULES.map((rule) => [rule.id, rule] as const))('%s: named after its file, documented, tested, in the README', (id, rule) => {
    const source = readFileSync(path.join(RULE_DIR, `${id}.ts`), 'utf8');
    expect(source).toContain(`id: '${id}'`);
    expect(source.trimStart().startsWith('/**')).toBe(true);
    expect(FINDING_GROUPS).toContain(rule.group);
    expect(['error', 'warning', 'info']).toContain(rule.severity);
    expect(rule.summary).toMatch(/^\S.*\.$/);
    expect(testSources).toContain(`'${id}'`);
    expect(readme).toMatch(new RegExp(`^\\| \`${id}\` \\|`, 'm'));
  });

  test('a rule file imports nothing that does I/O and nothing from explain', () => {
    for (const file of ruleFiles) {
      const source = readFileSync(path.join(RULE_DIR, file), 'utf8');
      expect(source).not.toMatch(/from '(?:node:)?(?:fs|child_process|net|tls|http|https)'/);
      expect(source).not.toMatch(/from '(?:undici|execa)'/);
      expect(source).not.toMatch(/explain\//);
    }
  });
});

describe('check and explain are siblings', () => {
  test('nothing under src/check imports src/explain', () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? [path.join(dir, entry.name)] : []));
    for (const file of walk(path.join(ROOT, 'src/check'))) {
      expect([file, readFileSync(file, 'utf8').match(/from '[^']*explain\/[^']*'/)?.[0]]).toEqual([file, undefined]);
    }
  });
});
