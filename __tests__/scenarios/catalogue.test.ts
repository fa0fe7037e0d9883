/**
 * The catalogue's own rules (ESLint's "rule as a unit" check): each scenario lives in a file named after
 * its id, is listed once in index.ts, has a test file and at least three fixtures, documents itself
 * with Go source citations, and its documented examples are diagnosed as itself.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { explainBlocks } from '../../src/explain/engine.js';
import { blocksFromText } from '../../src/explain/read-log.js';
import { SCENARIOS, findScenario } from '../../src/scenarios/index.js';
import { SCENARIO_IDS } from '../../src/scenarios/types.js';
import { FIXTURE_ROOT, loadFixtures } from '../explain/corpus.js';
import { goEnv } from './support.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCENARIO_DIR = path.join(ROOT, 'src/scenarios');
const SUPPORT_FILES = new Set(['index.ts', 'types.ts', 'facts.ts', 'signals.ts']);

describe('scenario catalogue', () => {
  test('lists the twelve public ids, each once', () => {
    expect(SCENARIOS.map((scenario) => scenario.id).sort()).toEqual([...SCENARIO_IDS].sort());
    expect(new Set(SCENARIOS.map((scenario) => scenario.id)).size).toBe(12);
  });

  test('every scenario file is named after the id it exports, and every file is a scenario', () => {
    const files = readdirSync(SCENARIO_DIR).filter((file) => file.endsWith('.ts') && !SUPPORT_FILES.has(file));
    expect(files.map((file) => file.replace(/\.ts$/, '')).sort()).toEqual([...SCENARIO_IDS].sort());
    for (const file of files) {
      const source = readFileSync(path.join(SCENARIO_DIR, file), 'utf8');
      expect(source).toContain(`id: '${file.replace(/\.ts$/, '')}'`);
    }
  });

  test.each(SCENARIOS.map((scenario) => [scenario.id, scenario] as const))('%s has tests, fixtures and documentation', (id, scenario) => {
    expect(existsSync(path.join(ROOT, '__tests__/scenarios', `${id}.test.ts`))).toBe(true);
    const fixtures = readdirSync(path.join(FIXTURE_ROOT, id)).filter((file) => file.endsWith('.txt'));
    expect(fixtures.length).toBeGreaterThanOrEqual(3);
    expect(scenario.title).toMatch(/\S/);
    expect(scenario.summary).toMatch(/\.$/);
    expect(scenario.explanation.length).toBeGreaterThan(200);
    expect(scenario.goSources.length).toBeGreaterThan(0);
    for (const source of scenario.goSources) expect(source).toMatch(/^go1\.\d+ src\/\S+\.go/);
    expect(scenario.examples.length).toBeGreaterThan(0);
  });

  test.each(SCENARIOS.map((scenario) => [scenario.id, scenario] as const))('%s: its examples are diagnosed as itself by the whole engine', (id, scenario) => {
    for (const example of scenario.examples) {
      const result = explainBlocks(blocksFromText(example));
      expect(result.diagnoses[0]?.scenario).toBe(id);
      expect(result.diagnoses[0]?.fixes.length).toBeGreaterThan(0);
    }
  });

  test('every fix has a stable kebab-case id, unique within its diagnosis, over every example and fixture', () => {
    // Environments that steer fixes into their env-aware branches: none known, go env -w values, OS values.
    const environments = [
      undefined,
      goEnv({ GOPRIVATE: 'a.com', GOPROXY: 'https://goproxy.corp.example.com,https://proxy.golang.org,direct', GOTOOLCHAIN: 'local', GOSUMDB: 'off' }, 'go1.24.1'),
      goEnv({ GOPRIVATE: ['github.com/acme', 'environment'], GONOPROXY: 'none', GOPROXY: ['off', 'environment'], HTTPS_PROXY: ['http://127.0.0.1:3128', 'environment'] }, 'go1.19.8'),
    ];
    const texts = [...SCENARIOS.flatMap((scenario) => scenario.examples), ...loadFixtures().map((fixture) => fixture.body)];
    const seen = new Map<string, Set<string>>();
    for (const env of environments) {
      for (const text of texts) {
        for (const diagnosis of explainBlocks(blocksFromText(text), env ? { env } : {}).diagnoses) {
          const ids = diagnosis.fixes.map((fix) => fix.id);
          for (const id of ids) expect({ scenario: diagnosis.scenario, id }).toEqual({ scenario: diagnosis.scenario, id: expect.stringMatching(/^[a-z0-9]+(?:-[a-z0-9]+)*$/) });
          expect({ scenario: diagnosis.scenario, ids: [...new Set(ids)] }).toEqual({ scenario: diagnosis.scenario, ids });
          const known = seen.get(diagnosis.scenario) ?? new Set<string>();
          for (const id of ids) known.add(id);
          seen.set(diagnosis.scenario, known);
        }
      }
    }
    // Every scenario was exercised, so the check above covered each one's fixes.
    expect([...seen.keys()].sort()).toEqual([...SCENARIO_IDS].sort());
  });

  test('findScenario knows every id and nothing else', () => {
    for (const id of SCENARIO_IDS) expect(findScenario(id)?.id).toBe(id);
    expect(findScenario('nope')).toBeUndefined();
  });

  test('no scenario advises a common myth about Go modules', () => {
    for (const scenario of SCENARIOS) {
      const text = `${scenario.explanation} ${scenario.summary}`;
      expect(text).not.toMatch(/go env -p\b|sum\.golang\.org\+insecure(?! is)|\/mod\/\{module\}|GOPRIVATE wildcards arrived in 1\.18/);
    }
  });
});
