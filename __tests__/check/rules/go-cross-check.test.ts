/**
 * go-cross-check over the real go's own output: `go mod download -x -json` (go 1.23) runs against loopback
 * proxies, its stderr and stdout are read by go-trace.ts, and the rule sets them beside predictions given as
 * data (network-support.ts), some matching what go did and some not. End to end through runCheck:
 * ../with-go.test.ts.
 */
import { goOutcomes, parseDownloadJson, parseGetLines, type WithGoFacts } from '../../../src/check/go-trace.js';
import { goCrossCheck } from '../../../src/check/rules/go-cross-check.js';
import { goSumLinesFor } from '../../../src/check/with-go.js';
import { exampleModules, startFakeGoProxy, type FakeGoProxy } from '../../helpers/fake-goproxy.js';
import { createGoSandbox, runGo } from '../../helpers/go-toolchains.js';
import { checkInput, infoUrl, run, statusResult } from '../network-support.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { detect, HAVE_GO_123 } from './support.js';

const describeGo = HAVE_GO_123 ? describe : describe.skip;

/** What go printed for `go mod download -x -json <modules>` with this GOPROXY, as the cross-check would see it. */
async function goFacts(goproxy: string, modules: string[]): Promise<WithGoFacts> {
  const sandbox = createGoSandbox('gpd-cross-');
  try {
    mkdirSync(sandbox.work, { recursive: true });
    writeFileSync(`${sandbox.work}/go.mod`, 'module goproxy-doctor.invalid/with-go\n');
    const r = await runGo('1.23', ['mod', 'download', '-x', '-json', ...modules], { ...sandbox.env, GOPROXY: goproxy, GOSUMDB: 'off' }, { cwd: sandbox.work, timeoutMs: 30_000 });
    const { requests, other } = parseGetLines(r.stderr);
    return { command: `go mod download -x -json ${modules.join(' ')}`, modules, skipped: [], exitCode: r.exitCode, timedOut: false, durationMs: 10, requests, results: parseDownloadJson(r.stdout), otherStderr: other };
  } finally {
    sandbox.cleanup();
  }
}

describeGo("go-cross-check reads the real go's trace and result", () => {
  let proxy: FakeGoProxy;
  beforeAll(async () => {
    proxy = await startFakeGoProxy({ modules: exampleModules() });
  });
  afterAll(async () => {
    await proxy.close();
  });

  test('the trace pairs each # get with its answer; the JSON stream gives one result per module, errors included', async () => {
    const facts = await goFacts(`${proxy.faultUrl('404')},${proxy.url}`, ['example.com/hello@v1.0.0', 'example.com/nope@v1.0.0']);
    expect(facts.exitCode).toBe(1);
    expect(facts.results.map((r) => [r.path, r.error === undefined])).toEqual([
      ['example.com/hello', true],
      ['example.com/nope', false],
    ]);
    expect(facts.results[1]?.error).toContain(`reading ${proxy.url}/example.com/nope/@v/v1.0.0.info: 404 Not Found`);
    expect(facts.requests).toContainEqual({ url: `${proxy.faultUrl('404')}/example.com/hello/@v/v1.0.0.info`, answer: '404 Not Found', status: 404 });
    expect(facts.requests).toContainEqual({ url: `${proxy.url}/example.com/hello/@v/v1.0.0.zip`, answer: '200 OK', status: 200 });
    expect(facts.requests.every((r) => r.answer !== undefined)).toBe(true);
    const [hello, nope] = goOutcomes(facts, run(`${proxy.faultUrl('404')},${proxy.url}`, []).specs);
    expect(hello).toMatchObject({ ok: true, servedBy: 1 });
    expect(nope).toMatchObject({ ok: false, stage: 'fetch', errorEntry: 1 });
    expect(hello?.requests.every((r) => r.url.includes('/example.com/hello/'))).toBe(true);
  });

  test('agreement is one note; a different serving entry is go-disagrees (warning) naming both entries', async () => {
    const goproxy = `${proxy.faultUrl('404')},${proxy.url}`;
    const facts = await goFacts(goproxy, ['example.com/hello@v1.0.0']);
    const agreeing = run(goproxy, [
      [0, statusResult(infoUrl(proxy.faultUrl('404')), 404, 'Not Found')],
      [1, statusResult(infoUrl(proxy.url), 200, 'OK')],
    ]);
    const agree = detect(goCrossCheck, checkInput(agreeing.env, { chain: agreeing.chain, specs: agreeing.specs, records: agreeing.records, modules: [agreeing.verdict], timeoutMs: 1000 }, { withGo: facts }));
    expect(agree.map((f) => [f.id, f.severity])).toEqual([['go-agrees', 'info']]);
    expect(agree[0]?.evidence).toEqual(['example.com/hello@v1.0.0: downloaded, as check predicted']);

    const wrong = run(goproxy, [[0, statusResult(infoUrl(proxy.faultUrl('404')), 200, 'OK')]]);
    const [f, ...rest] = detect(goCrossCheck, checkInput(wrong.env, { chain: wrong.chain, specs: wrong.specs, records: wrong.records, modules: [wrong.verdict], timeoutMs: 1000 }, { withGo: facts }));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ id: 'go-disagrees', rule: 'go-cross-check', severity: 'warning', modules: ['example.com/hello@v1.0.0'] });
    expect(f?.message).toContain(`check predicted #1 ${proxy.faultUrl('404')} would serve it, but go got it from #2 ${proxy.url}`);
    expect(f?.evidence).toContain(`go printed: # get ${proxy.faultUrl('404')}/example.com/hello/@v/v1.0.0.info: 404 Not Found`);
  });

  test('go fails where check predicted success: an error; both fail at the same entry: agreement', async () => {
    const goproxy = `${proxy.faultUrl('500')},${proxy.url}`;
    const facts = await goFacts(goproxy, ['example.com/hello@v1.0.0']);
    const optimistic = run(goproxy, [[0, statusResult(infoUrl(proxy.faultUrl('500')), 200, 'OK')]]);
    const [f] = detect(goCrossCheck, checkInput(optimistic.env, { chain: optimistic.chain, specs: optimistic.specs, records: optimistic.records, modules: [optimistic.verdict], timeoutMs: 1000 }, { withGo: facts }));
    expect(f).toMatchObject({ id: 'go-disagrees', severity: 'error' });
    expect(f?.evidence).toContain(`go mod download reported: example.com/hello@v1.0.0: reading ${proxy.faultUrl('500')}/example.com/hello/@v/v1.0.0.info: 500 Internal Server Error`);

    const right = run(goproxy, [[0, statusResult(infoUrl(proxy.faultUrl('500')), 500, 'Internal Server Error')]]);
    const same = detect(goCrossCheck, checkInput(right.env, { chain: right.chain, specs: right.specs, records: right.records, modules: [right.verdict], timeoutMs: 1000 }, { withGo: facts }));
    expect(same.map((x) => x.id)).toEqual(['go-agrees']);
    expect(same[0]?.evidence).toEqual(['example.com/hello@v1.0.0: failed, as check predicted']);
  });

  test('go that could not start, and modules left out, are said so', () => {
    const r = run(proxy.url, [[0, statusResult(infoUrl(proxy.url), 200, 'OK')]]);
    const network = { chain: r.chain, specs: r.specs, records: r.records, modules: [r.verdict], timeoutMs: 1000 };
    const notRun: WithGoFacts = { command: 'go mod download -x -json example.com/hello@v1.0.0', modules: ['example.com/hello@v1.0.0'], skipped: [], exitCode: 127, timedOut: false, startError: 'ENOENT: spawn /nowhere/go', durationMs: 1, requests: [], results: [], otherStderr: [] };
    expect(detect(goCrossCheck, checkInput(r.env, network, { withGo: notRun })).map((f) => [f.id, f.severity])).toEqual([['go-did-not-run', 'warning']]);
    expect(detect(goCrossCheck, checkInput(r.env, network))).toEqual([]);
  });
});

describe('reading go text', () => {
  test('JSON results are found between other text, with braces inside strings', () => {
    const stdout = `{\n\t"Path": "a.example/x",\n\t"Version": "v1.0.0",\n\t"Error": "bad {brace} \\"quoted\\""\n}\nnoise\n{"Path":"b.example/y","Version":"v2.0.0"}`;
    expect(parseDownloadJson(stdout)).toEqual([
      { path: 'a.example/x', version: 'v1.0.0', error: 'bad {brace} "quoted"' },
      { path: 'b.example/y', version: 'v2.0.0' },
    ]);
  });

  test('go.sum lines are copied only for the modules cross-checked', () => {
    const sum = 'a.example/x v1.0.0 h1:AAA=\na.example/x v1.0.0/go.mod h1:BBB=\na.example/x v1.1.0 h1:CCC=\nb.example/y v2.0.0/go.mod h1:DDD=\n';
    expect(goSumLinesFor(sum, [{ path: 'a.example/x', version: 'v1.0.0' }])).toEqual(['a.example/x v1.0.0 h1:AAA=', 'a.example/x v1.0.0/go.mod h1:BBB=']);
  });
});
