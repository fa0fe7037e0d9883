/**
 * The pure plan of `check`'s network run: which requests go could send, in which order, and which
 * modules make it ask the checksum database. The scheduler that sends them is tested against real
 * servers in faults.test.ts and concurrency.test.ts.
 */
import { moduleRequests, modulesToCheck, sumdbNeededBy } from '../../src/check/probe-plan.js';
import { analyzeToolchain } from '../../src/check/toolchain.js';
import type { CanaryModule, FindingGroup } from '../../src/check/types.js';
import { parseGoSumDb } from '../../src/goenv/sumdbconfig.js';
import { routeSettingsFrom } from '../../src/goenv/targets.js';
import { envWith, specsOf } from './network-support.js';

const HELLO: CanaryModule = { path: 'example.com/hello', version: 'v1.0.0', source: 'go.mod' };
const ALL: ReadonlySet<FindingGroup> = new Set(['config', 'proxy', 'sumdb', 'toolchain', 'credentials']);

describe('moduleRequests', () => {
  test('asks each proxy in order for .info of a known version, and stops at direct', () => {
    const specs = specsOf('https://a.invalid,https://b.invalid|direct,https://c.invalid');
    const requests = moduleRequests(HELLO, specs, { GONOPROXY: '' });
    expect(requests.map((r) => r.url)).toEqual(['https://a.invalid/example.com/hello/@v/v1.0.0.info', 'https://b.invalid/example.com/hello/@v/v1.0.0.info']);
    expect(requests.map((r) => r.meta)).toEqual([
      { target: 'module', entry: 0, module: 'example.com/hello@v1.0.0' },
      { target: 'module', entry: 1, module: 'example.com/hello@v1.0.0' },
    ]);
  });

  test('a query (not a version) asks for @v/list; a GONOPROXY match is never sent to a proxy', () => {
    const specs = specsOf('https://a.invalid');
    expect(moduleRequests({ ...HELLO, version: 'latest' }, specs, { GONOPROXY: '' })[0]?.url).toBe('https://a.invalid/example.com/hello/@v/list');
    expect(moduleRequests(HELLO, specsOf('https://a.invalid', 'example.com'), { GONOPROXY: 'example.com' })).toEqual([]);
  });
});

describe('modulesToCheck and sumdbNeededBy', () => {
  test('the toolchain go would download joins the checked modules only when its group is asked for', () => {
    const toolchain = analyzeToolchain({ goVersion: 'go1.23.5', gotoolchain: 'auto', goLine: '1.25.0', goos: 'linux', goarch: 'amd64' });
    expect(modulesToCheck([HELLO], toolchain, ALL).map((c) => c.path)).toEqual(['example.com/hello', 'golang.org/toolchain']);
    expect(modulesToCheck([HELLO], toolchain, new Set<FindingGroup>(['proxy'])).map((c) => c.path)).toEqual(['example.com/hello']);
    expect(modulesToCheck([HELLO], toolchain, new Set<FindingGroup>(['toolchain'])).map((c) => c.path)).toEqual(['golang.org/toolchain']);
  });

  test('go asks the database only for modules without both hashes in go.sum and outside GONOSUMDB', () => {
    const env = envWith({ GOPROXY: 'https://a.invalid', GOSUMDB: 'sum.golang.org', GONOSUMDB: 'git.corp.example.com' });
    const settings = routeSettingsFrom(env);
    const parsed = parseGoSumDb('sum.golang.org');
    if (!parsed.ok) throw new Error(parsed.error);
    const modules: CanaryModule[] = [HELLO, { path: 'example.com/other', version: 'v1.2.0', source: 'go.mod' }, { path: 'git.corp.example.com/lib', version: 'v0.1.0', source: 'go.mod' }];
    const needed = sumdbNeededBy(modules, settings, specsOf('https://a.invalid'), parsed.config, new Set(['example.com/other v1.2.0']));
    expect(needed).toEqual(['example.com/hello@v1.0.0']);
  });
});
