/**
 * Every fixture in fixtures/stderr, captured from real go runs or built from cmd/go's formats, must be
 * diagnosed as its header says: the top-ranked scenarios in order, and the extracted fields.
 */
import { DiagnosisCollector } from '../../src/explain/engine.js';
import { readBlocks } from '../../src/explain/read-log.js';
import { SCENARIO_IDS } from '../../src/scenarios/types.js';
import { chunked, loadFixtures, matchesExpected } from './corpus.js';

const fixtures = loadFixtures();

async function diagnose(body: string) {
  const collector = new DiagnosisCollector();
  // Small chunks exercise line and UTF-8 reassembly across reads.
  for await (const block of readBlocks(chunked(body, 97))) collector.add(block);
  return collector.result().diagnoses.filter((diagnosis) => !diagnosis.alternative);
}

describe('fixture headers', () => {
  test('the corpus is not empty', () => {
    expect(fixtures.length).toBeGreaterThan(100);
  });

  test.each(fixtures.map((fixture) => [fixture.id, fixture] as const))('%s has a complete header', (_id, fixture) => {
    expect(fixture.header.go?.[0]).toMatch(/^go1\.\d+/);
    expect(fixture.header.command?.[0]).toMatch(/\S/);
    expect(fixture.header.env?.[0]).toMatch(/\S/);
    const source = fixture.header.source?.[0] ?? '';
    expect(source.startsWith('captured') || source.startsWith('synthetic (')).toBe(true);
    expect(fixture.expectations.length).toBeGreaterThan(0);
    expect(fixture.expectations[0]?.scenario).toBe(fixture.dir);
    for (const expectation of fixture.expectations) expect(SCENARIO_IDS).toContain(expectation.scenario);
    expect(fixture.body.trim()).not.toBe('');
  });

  test('captured fixtures come from every Go version the script runs', () => {
    const versions = new Set(fixtures.filter((fixture) => fixture.captured).map((fixture) => /^go1\.(\d+)/.exec(fixture.header.go?.[0] ?? '')?.[1]));
    expect([...versions].sort()).toEqual(['19', '21', '22', '23', '24', '25', '26', '27']);
  });
});

describe('fixture diagnoses', () => {
  test.each(fixtures.map((fixture) => [fixture.id, fixture] as const))('%s', async (_id, fixture) => {
    const diagnoses = await diagnose(fixture.body);
    expect(diagnoses.map((diagnosis) => diagnosis.scenario).slice(0, fixture.expectations.length)).toEqual(
      fixture.expectations.map((expectation) => expectation.scenario),
    );
    // `# diagnoses: N` pins the number of distinct failures (repeats must be merged).
    const count = fixture.header.diagnoses?.[0];
    if (count !== undefined) expect(diagnoses).toHaveLength(Number.parseInt(count, 10));
    fixture.expectations.forEach((expectation, index) => {
      const diagnosis = diagnoses[index];
      const actual: Record<string, string | number | undefined> = { ...diagnosis?.fields };
      for (const [key, value] of Object.entries(expectation.fields)) {
        if (!matchesExpected(actual[key], value)) {
          throw new Error(`${fixture.id}: expected ${key}=${value}, got ${String(actual[key])} (fields ${JSON.stringify(diagnosis?.fields)})`);
        }
      }
      // Every diagnosis quotes a line that really is in the input.
      expect(fixture.body.replace(/\r/g, '')).toContain((diagnosis?.evidence ?? '<none>').trim().slice(0, 60));
      expect(diagnosis?.fixes.length).toBeGreaterThan(0);
    });
  });
});
