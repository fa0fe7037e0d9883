import { DiagnosisCollector, explainBlocks } from '../../src/explain/engine.js';
import { orderFixes } from '../../src/fix.js';
import { blocksFromText } from '../../src/explain/read-log.js';
import { SCENARIOS } from '../../src/scenarios/index.js';
import type { Scenario } from '../../src/scenarios/types.js';
import { goEnv } from '../scenarios/support.js';

const NOT_FOUND = (module: string) => `go: ${module}@v1.0.0: reading https://proxy.golang.org/${module}/@v/v1.0.0.info: 404 Not Found`;
const CREDENTIAL = (module: string) =>
  `${NOT_FOUND(module)}\n\tserver response:\n\tnot found: ${module}@v1.0.0: invalid version: git ls-remote -q origin in /tmp/x: exit status 128:\n\t\tfatal: could not read Username for 'https://github.com': terminal prompts disabled`;

describe('engine', () => {
  test('the same failure repeated is reported once, with a count', () => {
    const text = [NOT_FOUND('example.com/x'), 'go: downloading example.com/y v1.0.0', NOT_FOUND('example.com/x'), NOT_FOUND('example.com/x')].join('\n');
    const main = explainBlocks(blocksFromText(text)).diagnoses.filter((diagnosis) => !diagnosis.alternative);
    expect(main).toHaveLength(1);
    expect(main[0]?.occurrences).toBe(3);
    expect(main[0]?.line).toBe(1);
  });

  test('several failures are reported per module, most important first', () => {
    const text = [
      NOT_FOUND('example.com/a'),
      'go: example.com/b@v1.0.0: module lookup disabled by GOPROXY=off',
      NOT_FOUND('example.com/c'),
      'go: example.com/d@v1.0.0: Get "https://proxy.golang.org/example.com/d/@v/v1.0.0.info": dial tcp: lookup proxy.golang.org on 127.0.0.53:53: no such host',
    ].join('\n');
    const main = explainBlocks(blocksFromText(text)).diagnoses.filter((diagnosis) => !diagnosis.alternative);
    expect(main.map((diagnosis) => [diagnosis.scenario, diagnosis.fields.module])).toEqual([
      ['proxy-config-invalid', 'example.com/b'],
      ['dns-failure', 'example.com/d'],
      ['module-not-found', 'example.com/a'],
      ['module-not-found', 'example.com/c'],
    ]);
  });

  test('a 404 whose proxy response shows a credential failure ranks private-module-proxied above module-not-found', () => {
    const diagnoses = explainBlocks(blocksFromText(CREDENTIAL('github.com/acme/private')), { env: goEnv({ GOPRIVATE: 'a.com' }) }).diagnoses;
    expect(diagnoses[0]?.scenario).toBe('private-module-proxied');
    expect(diagnoses.filter((diagnosis) => diagnosis.alternative).map((diagnosis) => diagnosis.scenario)).toContain('module-not-found');
  });

  test('a plain 404 for a public-looking path stays module-not-found, with private-module-proxied as an alternative', () => {
    const diagnoses = explainBlocks(blocksFromText(NOT_FOUND('example.com/x'))).diagnoses;
    expect(diagnoses.map((diagnosis) => [diagnosis.scenario, diagnosis.alternative])).toEqual([
      ['module-not-found', false],
      ['private-module-proxied', true],
    ]);
  });

  test('alternatives that are already main diagnoses are not repeated', () => {
    const text = [CREDENTIAL('github.com/acme/private'), "go: github.com/acme/private@v1.2.0: invalid version: git ls-remote -q origin in /x: exit status 128:\n\tfatal: could not read Username for 'https://github.com': terminal prompts disabled"].join('\n');
    const diagnoses = explainBlocks(blocksFromText(text)).diagnoses;
    const keys = diagnoses.map((diagnosis) => `${diagnosis.scenario}|${diagnosis.fields.module}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(diagnoses.filter((diagnosis) => !diagnosis.alternative).map((diagnosis) => diagnosis.scenario)).toEqual(['private-module-proxied', 'auth-required']);
  });

  test('a scenario that throws is reported, and the others still run', () => {
    const broken: Scenario = { ...(SCENARIOS[0] as Scenario), trigger: /./, match: () => { throw new Error('boom'); } };
    const result = explainBlocks(blocksFromText(NOT_FOUND('example.com/x')), { scenarios: [broken, ...SCENARIOS.slice(1)] });
    expect(result.errors).toEqual([`${broken.id}: boom`]);
    expect(result.diagnoses[0]?.scenario).toBe('module-not-found');
  });

  test('a block repeated in a log: a scenario error at every occurrence, and blocks that matched nothing still counted', () => {
    // The collector remembers texts that matched nothing, but never after a scenario threw.
    const broken: Scenario = { ...(SCENARIOS[0] as Scenario), trigger: /./, match: () => { throw new Error('boom'); } };
    const collector = new DiagnosisCollector({ scenarios: [broken] });
    const noise = blocksFromText('    x_test.go:12: retrying after error: connection reset by peer');
    for (let i = 0; i < 3; i++) for (const block of noise) collector.add({ ...block, firstLine: i + 1 });
    expect(collector.result().errors).toEqual([`${broken.id}: boom`, `${broken.id}: boom`, `${broken.id}: boom`]);

    // More distinct texts that match nothing than are remembered, around a repeated failure.
    const plain = new DiagnosisCollector();
    const lines: string[] = [];
    for (let i = 0; i < 5000; i++) lines.push(`    retry_test.go:${i}: retrying after error: connection reset by peer`, '', i % 1000 === 0 ? NOT_FOUND('example.com/x') : 'ok', '');
    const blocks = blocksFromText(lines.join('\n'));
    for (const block of [...blocks, ...blocks]) plain.add(block);
    const result = plain.result();
    expect(result.blocks).toBe(2 * blocks.length);
    expect(result.diagnoses.filter((diagnosis) => !diagnosis.alternative).map((diagnosis) => [diagnosis.scenario, diagnosis.occurrences])).toEqual([['module-not-found', 10]]);
  });

  test('distinct failures beyond the cap are counted, not kept', () => {
    const collector = new DiagnosisCollector({ maxDiagnoses: 2 });
    for (const module of ['a', 'b', 'c', 'd']) for (const block of blocksFromText(NOT_FOUND(`example.com/${module}`))) collector.add(block);
    const result = collector.result();
    expect(result.diagnoses.filter((diagnosis) => !diagnosis.alternative)).toHaveLength(2);
    expect(result.omitted).toBe(2);
  });

  test('security-weakening fixes are moved behind every safe fix', () => {
    const weak = { id: 'weak', text: 'off', weakensSecurity: true };
    const safe = { id: 'safe', text: 'safe', weakensSecurity: false };
    expect(orderFixes([weak, safe])).toEqual([safe, weak]);
    expect(orderFixes([weak])).toEqual([weak]);
  });

  test('no diagnosis ever starts with a weakening fix when a safe one exists', () => {
    const texts = SCENARIOS.flatMap((scenario) => scenario.examples);
    for (const diagnosis of explainBlocks(blocksFromText(texts.join('\n'))).diagnoses) {
      if (diagnosis.fixes.some((fix) => !fix.weakensSecurity)) expect(diagnosis.fixes[0]?.weakensSecurity).toBe(false);
    }
  });

  test('lines that are not go failures produce nothing', () => {
    const text = ['ok  \texample.com/pkg\t0.012s', 'PASS', 'go: downloading example.com/x v1.0.0', '#5 DONE 0.1s', ''].join('\n');
    expect(explainBlocks(blocksFromText(text)).diagnoses).toEqual([]);
  });
});
