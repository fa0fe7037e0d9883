/**
 * The network rules over probe results given as data: the chain walk to verdicts, then the findings
 * of module-fetch-failed, entry-failed-fallthrough, direct-not-probed, canary-not-served,
 * sumdb-key-mismatch, toolchain-not-released and toolchain-not-available.
 */
import { goproxyWithPipeAfter } from '../../../src/check/goproxy-corrections.js';
import { formatTimings } from '../../../src/check/probe-evidence.js';
import type { SumdbState } from '../../../src/check/rule.js';
import { NETWORK_RULES } from '../../../src/check/rules/index.js';
import { runRules } from '../../../src/check/run-rules.js';
import { analyzeToolchain } from '../../../src/check/toolchain.js';
import type { CanaryModule } from '../../../src/check/types.js';
import { chainEntries, moduleVerdict } from '../../../src/check/verdict.js';
import { A, B, checkInput, envWith, HELLO, infoUrl, record, run, specsOf, statusResult } from '../network-support.js';

describe('verdicts and findings', () => {
  test('"," after a 500: fails at #1, #2 never reached; the fix offers "|" where GOPROXY is set', () => {
    const { verdict, findings } = run(`${A},${B}`, [[0, statusResult(infoUrl(A), 500, 'Internal Server Error')]]);
    expect(verdict).toMatchObject({ result: 'fail', failedAt: { stage: 'fetch', entry: 0 }, fetch: { notReached: [1] } });
    const [f] = findings();
    expect(f).toMatchObject({ id: 'proxy-server-error', rule: 'module-fetch-failed', cause: 'server-error', severity: 'error', modules: ['example.com/hello@v1.0.0'] });
    expect(f?.message).toContain('"," after it falls through only on 404/410');
    expect(f?.fixes.map((x) => x.command)).toContain(`export GOPROXY='${A}|${B}'`);
  });

  test('"|" after a 500 then a 404: go reports the 500 (TryProxies ranking), the walk ends at #2', () => {
    const { verdict, findings } = run(`${A}|${B}`, [
      [0, statusResult(infoUrl(A), 500, 'Internal Server Error')],
      [1, statusResult(infoUrl(B), 404, 'Not Found')],
    ]);
    expect(verdict).toMatchObject({ result: 'fail', failedAt: { stage: 'fetch', entry: 1 }, fetch: { errorFrom: 0 } });
    expect(verdict.summary).toMatch(/go reports the error from #1/);
    const found = findings().map((f) => [f.rule, f.cause]);
    expect(found).toContainEqual(['module-fetch-failed', 'server-error']);
    expect(found).toContainEqual(['entry-failed-fallthrough', 'server-error']);
  });

  test('404 then 200 after ",": served by #2 and nothing to report', () => {
    const { verdict, findings } = run(`${A},${B}`, [
      [0, statusResult(infoUrl(A), 404, 'Not Found')],
      [1, statusResult(infoUrl(B), 200, 'OK')],
    ]);
    expect(verdict).toMatchObject({ result: 'ok', fetch: { servedBy: 1 } });
    expect(findings()).toEqual([]);
  });

  test('a GONOPROXY module goes direct: unknown, and said so once', () => {
    const { verdict, findings } = run(`${A},direct`, [], { path: 'git.corp.example.com/lib', version: 'v1.0.0', source: 'go.mod' }, 'git.corp.example.com');
    expect(verdict.result).toBe('unknown');
    expect(verdict.fetch.stoppedAt).toBe(0);
    expect(findings()).toMatchObject([{ rule: 'direct-not-probed', severity: 'info' }]);
  });

  test('the default canary missing from a private proxy is only a note', () => {
    const { findings } = run(A, [[0, statusResult(infoUrl(A), 404, 'Not Found')]], { path: 'example.com/hello', version: 'v1.0.0', source: 'default' });
    expect(findings()).toMatchObject([{ rule: 'canary-not-served', severity: 'info' }]);
  });

  test('a verify failure after a successful fetch fails the module', () => {
    const specs = specsOf(A);
    const chain = chainEntries(specs);
    const r = record(0, 'example.com/hello@v1.0.0', statusResult(infoUrl(A), 200, 'OK'));
    const v = moduleVerdict({ canary: HELLO, specs, chain, matchesNoProxy: false, outcomes: new Map([[0, r.outcome]]), verify: { consulted: true, ok: false, error: 'reading tree note: note has no verifiable signatures' } });
    expect(v).toMatchObject({ result: 'fail', failedAt: { stage: 'verify' } });
  });

  test('a tree head signed by another key: an error when a module needs the database, a warning otherwise', () => {
    const { env, chain, specs, records } = run(A, [[0, statusResult(infoUrl(A), 200, 'OK')]]);
    const state = (needed: boolean): SumdbState => ({
      report: { name: 'sum.example.invalid', via: 'proxy', proxyEntry: 0, needed },
      supported: [],
      lookups: [],
      latest: record(0, '', statusResult(`${A}/sumdb/sum.example.invalid/latest`, 200, 'OK'), 'sumdb-latest'),
      treeHead: { ok: false, stage: 'note', error: 'reading tree note: note has no verifiable signatures', signedByOthers: [{ name: 'sum.example.invalid', hash: '01234567' }] },
    });
    for (const [needed, severity] of [[true, 'error'], [false, 'warning']] as const) {
      const [f] = runRules(NETWORK_RULES, checkInput(env, { chain, specs, records, modules: [], sumdb: state(needed), timeoutMs: 1000 }));
      expect(f).toMatchObject({ rule: 'sumdb-key-mismatch', severity, group: 'sumdb' });
      expect(f?.evidence).toContain('signed by sum.example.invalid+01234567 instead');
      expect(f?.fixes.every((x) => !x.weakensSecurity)).toBe(true);
    }
  });

  test('a toolchain missing from a public proxy is not a Go release; from a private one it may just not be served', () => {
    const analysis = analyzeToolchain({ goVersion: 'go1.23.5', gotoolchain: 'auto', goLine: '1.99.0', goos: 'linux', goarch: 'amd64' });
    const canary: CanaryModule = { path: 'golang.org/toolchain', version: analysis.moduleVersion ?? '', source: 'toolchain' };
    for (const [base, rule] of [
      ['https://proxy.golang.org', 'toolchain-not-released'],
      [A, 'toolchain-not-available'],
    ] as const) {
      const url = `${base}/golang.org/toolchain/@v/${canary.version}.info`;
      const { findings } = run(base, [[0, statusResult(url, 404, 'Not Found')]], canary);
      const [f] = findings({}, { toolchain: analysis });
      expect(f).toMatchObject({ rule, id: 'toolchain-download', severity: 'error' });
      // What go would print is labelled as the tool's prediction, never shown as go's own output.
      expect(f?.evidence[0]).toBe('go would report: download go1.99.0 for linux/amd64: toolchain not available');
    }
  });

  describe('checksum-database rules', () => {
    const base = `${A}/sumdb/sum.example.invalid`;
    const baseState = (over: Partial<SumdbState> = {}): SumdbState => ({
      report: { name: 'sum.example.invalid', via: 'proxy', proxyEntry: 0, needed: true, neededBy: ['example.com/hello@v1.0.0'] },
      supported: [],
      lookups: [],
      ...over,
    });
    const findingsFor = (state: SumdbState) => {
      const { env, chain, specs, records } = run(A, [[0, statusResult(infoUrl(A), 200, 'OK')]]);
      return runRules(NETWORK_RULES, checkInput(env, { chain, specs, records, modules: [], sumdb: state, timeoutMs: 1000 }));
    };

    test("'sumdb-not-found' and 'sumdb-lookup-error' tell a 410 from a 500", () => {
      const lookup = (module: string, status: number, text: string) => record(0, module, statusResult(`${base}/lookup/${module}`, status, text), 'sumdb-lookup');
      const found = findingsFor(baseState({ lookups: [lookup('git.corp.example.com/lib@v1.0.0', 410, 'Gone'), lookup('example.com/other@v1.0.0', 500, 'Internal Server Error')] }));
      expect(found.map((f) => [f.rule, f.cause])).toEqual([
        ['sumdb-not-found', 'not-found'],
        ['sumdb-lookup-error', 'server-error'],
      ]);
      const notFound = found[0];
      expect(notFound?.fixes.map((x) => x.id)).toEqual(expect.arrayContaining(['gonosumdb-add']));
      expect(notFound?.evidence[0]).toMatch(/^go would report: git\.corp\.example\.com\/lib@v1\.0\.0: verifying module: /);
    });

    test("'sumdb-unreachable': the database's /latest fails; 'sumdb-proxy-failed': /supported answers 500", () => {
      const latest = record(0, '', statusResult(`${base}/latest`, 503, 'Service Unavailable'), 'sumdb-latest');
      expect(findingsFor(baseState({ latest })).map((f) => [f.rule, f.severity])).toEqual([['sumdb-unreachable', 'error']]);
      const supported = record(0, '', statusResult(`${base}/supported`, 500, 'Internal Server Error'), 'sumdb-supported');
      const failed = findingsFor(baseState({ report: { name: 'sum.example.invalid', via: 'error', proxyEntry: 0, needed: false }, supported: [supported] }));
      expect(failed.map((f) => [f.rule, f.severity])).toEqual([['sumdb-proxy-failed', 'warning']]);
      expect(failed[0]?.fixes.map((x) => x.id)).toEqual(expect.arrayContaining(['fix-sumdb-supported', 'gosumdb-explicit-url']));
      // No module needs the database, so no go error is predicted for a module that was never checked.
      expect(failed[0]?.evidence.some((line) => line.startsWith('go would report:'))).toBe(false);
    });

    test("'sumdb-bad-tree-head': a tree that does not parse is not a key problem", () => {
      const latest = record(0, '', statusResult(`${base}/latest`, 200, 'OK'), 'sumdb-latest');
      const found = findingsFor(baseState({ latest, treeHead: { ok: false, stage: 'tree', error: 'reading tree: malformed tree note' } }));
      expect(found.map((f) => f.rule)).toEqual(['sumdb-bad-tree-head']);
    });
  });

  describe('toolchain download rules', () => {
    const analysis = analyzeToolchain({ goVersion: 'go1.23.5', gotoolchain: 'auto', goLine: '1.25.0', goos: 'linux', goarch: 'amd64' });
    const canary: CanaryModule = { path: 'golang.org/toolchain', version: analysis.moduleVersion ?? '', source: 'toolchain' };
    const url = `${A}/golang.org/toolchain/@v/${canary.version}.info`;

    test("'toolchain-download-failed': a 500 files the failing layer first, then the toolchain's own fixes", () => {
      const { findings } = run(A, [[0, statusResult(url, 500, 'Internal Server Error')]], canary);
      const [f] = findings({}, { toolchain: analysis });
      expect(f).toMatchObject({ rule: 'toolchain-download-failed', id: 'proxy-server-error', cause: 'server-error', group: 'toolchain' });
    });

    test("'toolchain-not-probed': a toolchain fetched directly is said to be unchecked", () => {
      const { findings } = run('direct', [], canary);
      expect(findings({}, { toolchain: analysis }).map((f) => f.rule)).toEqual(['toolchain-not-probed']);
    });

    test("'toolchain-verify-failed': downloads, but verification fails", () => {
      const specs = specsOf(A);
      const chain = chainEntries(specs);
      const r = record(0, `golang.org/toolchain@${canary.version}`, statusResult(url, 200, 'OK'), 'toolchain');
      const verdict = moduleVerdict({ canary, specs, chain, matchesNoProxy: false, outcomes: new Map([[0, r.outcome]]), verify: { consulted: true, ok: false, error: 'checksum database unreachable' } });
      const found = runRules(NETWORK_RULES, checkInput(envWith({ GOPROXY: A }), { chain, specs, records: [r], modules: [verdict], timeoutMs: 1000 }, { toolchain: analysis }));
      expect(found.map((f) => f.rule)).toEqual(['toolchain-verify-failed']);
    });
  });

  test('goproxyWithPipeAfter turns exactly the "," after entry n into "|"', () => {
    expect(goproxyWithPipeAfter('https://a,https://b,direct', 1)).toBe('https://a|https://b,direct');
    expect(goproxyWithPipeAfter('https://a,https://b,direct', 2)).toBe('https://a,https://b|direct');
    expect(goproxyWithPipeAfter(' ,https://a ,, https://b', 1)).toBe(' ,https://a |, https://b');
    expect(goproxyWithPipeAfter('https://a|https://b', 1)).toBeUndefined();
    expect(goproxyWithPipeAfter('https://a', 1)).toBeUndefined();
    // The rewritten list parses to the same entries, with the fallback changed only there.
    const before = specsOf('https://a,https://b,https://c');
    const after = specsOf(goproxyWithPipeAfter('https://a,https://b,https://c', 2) ?? '');
    expect(after.map((x) => [x.url, x.fallBackOnError])).toEqual(before.map((x, i) => [x.url, i === 1 ? true : x.fallBackOnError]));
  });

  test('timings are printed per phase', () => {
    expect(formatTimings({ dns: 1.234, connect: 0.5, tls: 12, http: 150.4, total: 164.1 })).toBe('dns 1.2 ms · connect 0.5 ms · tls 12.0 ms · http 150 ms · total 164 ms');
  });
});
