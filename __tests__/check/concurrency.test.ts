/**
 * `check` probes a GOPROXY chain concurrently (hedged: later entries are asked as soon as one entry is
 * slow) yet reaches the same verdicts as go's one-at-a-time walk, reports only the requests go would
 * make, and never sends a GONOPROXY/GOPRIVATE module to a proxy. Real go (for `go env`), real loopback
 * servers that delay every answer.
 */
import { runCheck } from '../../src/check/run-check.js';
import type { CheckReport, ModuleVerdict } from '../../src/check/types.js';
import { exampleModules, startFakeGoProxy, type FakeGoProxy } from '../helpers/fake-goproxy.js';
import { createFakeSumDb, type FakeSumDb } from '../helpers/fake-sumdb.js';
import { availableGoVersions, goBinary } from '../helpers/go-toolchains.js';
import { prepareCase, removeSandbox, type CheckCase } from './harness.js';

const haveGo = availableGoVersions(['1.23']).length > 0;
const describeGo = haveGo ? describe : describe.skip;

/** Every entry's delay; the sum (five entries) is what a one-at-a-time walk would wait. */
const DELAY_MS = 600;
const ENTRIES = 5;

interface TimedReport {
  report: CheckReport;
  /** From the first network request to the end of the run (go env and file reads excluded). */
  networkMs: number;
}

/** Runs check and measures the network part through the progress callback. */
async function timedCheck(c: CheckCase, modules: Array<{ path: string; version?: string }>): Promise<TimedReport> {
  const { sandbox, io } = prepareCase(c);
  let probingFrom: number | undefined;
  try {
    const report = await runCheck(io, {
      goBinary: goBinary('1.23'),
      timeoutMs: 10_000,
      modules,
      onProgress: (text) => {
        if (probingFrom === undefined && text.startsWith('Probing')) probingFrom = Date.now();
      },
    });
    return { report, networkMs: Date.now() - (probingFrom ?? Number.NaN) };
  } finally {
    removeSandbox(sandbox);
  }
}

function verdictOf(report: CheckReport, module: string): ModuleVerdict {
  const v = report.modules.find((m) => m.module === module);
  if (!v) throw new Error(`no verdict for ${module}: ${JSON.stringify(report.modules)}`);
  return v;
}

describeGo('check: concurrent probes, same verdicts', () => {
  /** Entries 1-4 have nothing (404 after the delay); entry 5 serves example.com/hello and the checksum database. */
  let empty: FakeGoProxy[] = [];
  let serving: FakeGoProxy;
  let db: FakeSumDb;
  const all = (): FakeGoProxy[] => [...empty, serving];
  const slowChain = (): string => all().map((p) => p.faultUrl(`slow/${DELAY_MS}`)).join('|');
  const clearRequests = (): void => {
    for (const p of all()) p.requests.length = 0;
  };

  beforeAll(async () => {
    db = createFakeSumDb({ modules: exampleModules() });
    empty = await Promise.all(Array.from({ length: ENTRIES - 1 }, () => startFakeGoProxy({ modules: [] })));
    serving = await startFakeGoProxy({ modules: exampleModules(), sumdbSupported: db.name, sumdb: db });
  });
  afterAll(async () => {
    await Promise.all(all().map((p) => p?.close()));
  });

  test(`five "|" entries, each ${DELAY_MS} ms, the last serving: about the slowest answer, not the sum`, async () => {
    clearRequests();
    const { report, networkMs } = await timedCheck({ env: { GOPROXY: slowChain() } }, [{ path: 'example.com/hello', version: 'v1.0.0' }]);
    const v = verdictOf(report, 'example.com/hello');
    // The verdict is the one-at-a-time walk's: four not-found entries fall through, the fifth serves.
    expect(v.result).toBe('ok');
    expect(v.fetch.servedBy).toBe(ENTRIES - 1);
    expect(v.fetch.steps.map((s) => [s.entry, s.outcome, s.fellThrough])).toEqual([
      [0, 'not-found', true],
      [1, 'not-found', true],
      [2, 'not-found', true],
      [3, 'not-found', true],
      [4, 'ok', false],
    ]);
    expect(report.probes.filter((p) => p.target === 'module').map((p) => p.entry)).toEqual([0, 1, 2, 3, 4]);
    // Each entry was asked once, as go would ask it.
    for (const p of all()) expect(p.requests.filter((r) => r.path.includes('/example.com/hello/@v/v1.0.0.info'))).toHaveLength(1);
    // Sequential probing would take at least ENTRIES × DELAY_MS = 3000 ms.
    expect(networkMs).toBeLessThan(2 * DELAY_MS);
    expect(report.durationMs).toBeLessThan(ENTRIES * DELAY_MS);
  });

  test('the checksum database\'s /supported is asked of every entry concurrently too, and the walk picks the fifth', async () => {
    clearRequests();
    const { report, networkMs } = await timedCheck({ env: { GOPROXY: slowChain(), GOSUMDB: db.vkey } }, [{ path: 'example.com/hello', version: 'v1.0.0' }]);
    expect(report.sumdb).toMatchObject({ name: db.name, via: 'proxy', proxyEntry: ENTRIES - 1, treeHead: { ok: true } });
    expect(report.probes.filter((p) => p.target === 'sumdb-supported').map((p) => [p.entry, p.status])).toEqual([
      [0, 404],
      [1, 404],
      [2, 404],
      [3, 404],
      [4, 200],
    ]);
    expect(verdictOf(report, 'example.com/hello').verify).toMatchObject({ consulted: true, ok: true });
    // One at a time this is at least 5 × DELAY_MS for /supported, then the signed tree head and the lookup
    // (each DELAY_MS at the fifth entry); concurrently /supported costs about one delay.
    expect(networkMs).toBeLessThan(ENTRIES * DELAY_MS);
  });

  test('a quick first entry that serves: the later entries are never asked, and the report lists one request', async () => {
    clearRequests();
    const goproxy = [serving.url, ...empty.map((p) => p.faultUrl(`slow/${DELAY_MS}`))].join('|');
    const { report } = await timedCheck({ env: { GOPROXY: goproxy } }, [{ path: 'example.com/hello', version: 'v1.0.0' }]);
    const v = verdictOf(report, 'example.com/hello');
    expect(v).toMatchObject({ result: 'ok', fetch: { servedBy: 0, notReached: [1, 2, 3, 4] } });
    expect(report.probes.map((p) => p.entry)).toEqual([0]);
    for (const p of empty) expect(p.requests).toEqual([]);
  });

  test('a slow first entry that serves: later entries may be asked speculatively, but the report keeps only what go asks', async () => {
    clearRequests();
    const goproxy = [serving.faultUrl(`slow/${DELAY_MS}`), ...empty.map((p) => p.url)].join('|');
    const { report } = await timedCheck({ env: { GOPROXY: goproxy } }, [{ path: 'example.com/hello', version: 'v1.0.0' }]);
    const v = verdictOf(report, 'example.com/hello');
    expect(v).toMatchObject({ result: 'ok', fetch: { servedBy: 0, notReached: [1, 2, 3, 4] } });
    expect(v.fetch.steps.map((s) => s.entry)).toEqual([0]);
    expect(report.probes.map((p) => p.entry)).toEqual([0]);
    expect(v.summary).toMatch(/^served by #1/);
  });

  test.each([
    ['GOPRIVATE', { GOPRIVATE: 'private.invalid' }],
    ['GONOPROXY', { GONOPROXY: 'private.invalid', GONOSUMDB: 'private.invalid' }],
  ])('a module matching %s never reaches any proxy, while a public one in the same run does', async (_name, env) => {
    clearRequests();
    const { report } = await timedCheck({ env: { GOPROXY: `${slowChain()},direct`, ...env } }, [
      { path: 'private.invalid/secret', version: 'v1.0.0' },
      { path: 'example.com/hello', version: 'v1.0.0' },
    ]);
    const requests = all().flatMap((p) => p.requests.map((r) => r.path));
    // The public module went through the chain (so the assertion below could have failed).
    expect(requests.filter((r) => r.includes('/example.com/hello/'))).toHaveLength(ENTRIES);
    expect(requests.filter((r) => r.includes('private.invalid'))).toEqual([]);
    // The private one goes direct at the hidden noproxy entry: private.invalid does not resolve, so its
    // repository lookup fails ("not found" to go), every proxy refuses the path and `direct` fails the same way.
    const v = verdictOf(report, 'private.invalid/secret');
    expect(report.chain[0]?.kind).toBe('noproxy');
    expect(v.direct).toMatchObject({ entry: 0, reason: 'noproxy', result: 'fail', stage: 'root' });
    expect(v.fetch).toMatchObject({ result: 'failed', stoppedAt: report.chain.length - 1 });
    expect(report.probes.filter((p) => p.module?.startsWith('private.invalid'))).toEqual([]);
    expect(verdictOf(report, 'example.com/hello')).toMatchObject({ result: 'ok', fetch: { servedBy: ENTRIES } });
  });
});
