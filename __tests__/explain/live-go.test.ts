/**
 * The fixtures must stay true: one reproduction per scenario runs again here with the real go against
 * the loopback servers (the same cases scripts/capture-fixtures.ts records), and the engine must give
 * the expected top diagnosis and fields for today's output.
 */
import { CASES, closeServers, runCase, startServers, type Servers } from '../../scripts/capture-fixtures.js';
import { explainBlocks } from '../../src/explain/engine.js';
import { blocksFromText } from '../../src/explain/read-log.js';
import { availableGoVersions, type GoVersion } from '../helpers/go-toolchains.js';
import { matchesExpected } from './corpus.js';

const versions = availableGoVersions();
const describeWithGo = versions.length > 0 ? describe : describe.skip;

// The first case of each scenario, on the newest Go it targets that is installed.
const picked = [...new Map(CASES.map((testCase) => [testCase.scenario, testCase] as const).reverse()).values()].reverse();

function versionFor(targets: readonly GoVersion[] | undefined): GoVersion | undefined {
  const candidates = (targets ?? versions).filter((version) => versions.includes(version));
  return candidates[candidates.length - 1];
}

describeWithGo('live go output is diagnosed as captured', () => {
  let servers: Servers;
  beforeAll(async () => {
    servers = await startServers();
  }, 60_000);
  afterAll(async () => {
    if (servers) await closeServers(servers);
  });

  test('one case per scenario is picked', () => {
    expect(picked.map((testCase) => testCase.scenario)).toHaveLength(12);
  });

  test.each(picked.map((testCase) => [`${testCase.scenario}/${testCase.name}`, testCase] as const))(
    '%s',
    async (_name, testCase) => {
      const version = versionFor(testCase.versions);
      if (version === undefined) return;
      const run = await runCase(testCase, version, servers);
      expect(run.stderr).not.toBe('');
      const [scenario, ...pairs] = (testCase.expectFor?.[version] ?? testCase.expect).split(/\s+/);
      const top = explainBlocks(blocksFromText(run.stderr)).diagnoses[0];
      // go's stderr is part of the comparison, so a failure shows what go printed.
      expect({ scenario: top?.scenario, stderr: run.stderr }).toEqual({ scenario, stderr: run.stderr });
      for (const pair of pairs) {
        const [key, value] = pair.split('=') as [string, string];
        const actual = (top?.fields as Record<string, string | number | undefined> | undefined)?.[key];
        expect(`${key}=${String(actual)} ${matchesExpected(actual, value) ? 'matches' : 'differs from'} ${value}`).toBe(`${key}=${String(actual)} matches ${value}`);
      }
    },
    60_000,
  );
});
