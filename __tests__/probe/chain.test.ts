import { proxyList, type ProxySpec } from '../../src/goenv/proxylist.js';
import { ERR_NOPROXY, ERR_PROXY_OFF, outcomeFromProbe, sumdbBase, tryProxies, walkChainForModule, type EntryOutcome } from '../../src/probe/chain.js';
import { probeEndpoint } from '../../src/probe/endpoint.js';
import { exampleModules, startFakeGoProxy, type FakeGoProxy } from '../helpers/fake-goproxy.js';
import { availableGoVersions, createGoSandbox, runGo } from '../helpers/go-toolchains.js';

function specs(goproxy: string, gonoproxy = ''): ProxySpec[] {
  const r = proxyList(goproxy, gonoproxy);
  if (!r.ok) throw new Error(r.error);
  return r.specs;
}

const ok: EntryOutcome = { kind: 'ok' };
const e404: EntryOutcome = { kind: 'error', notExist: true, error: 'reading A: 404 Not Found' };
const e500: EntryOutcome = { kind: 'error', notExist: false, error: 'reading A: 500 Internal Server Error' };

function byUrl(map: Record<string, EntryOutcome>): (url: string) => EntryOutcome {
  return (url) => map[url] ?? { kind: 'error', notExist: false, error: `no outcome for ${url}` };
}

describe('tryProxies (TryProxies, proxy.go:139-185)', () => {
  test('`,` falls through only on not-exist; `|` on any error', () => {
    const comma = walkChainForModule(specs('https://a.invalid,https://b.invalid'), {
      matchesNoProxy: false,
      proxy: byUrl({ 'https://a.invalid': e500, 'https://b.invalid': ok }),
    });
    expect(comma).toMatchObject({ result: 'failed', stoppedAt: 0, error: e500.error, errorFrom: 0, notReached: [1] });
    const pipe = walkChainForModule(specs('https://a.invalid|https://b.invalid'), {
      matchesNoProxy: false,
      proxy: byUrl({ 'https://a.invalid': e500, 'https://b.invalid': ok }),
    });
    expect(pipe).toMatchObject({ result: 'served', servedBy: 1 });
    expect(pipe.steps[0]?.fellThrough).toBe(true);
    const notFound = walkChainForModule(specs('https://a.invalid,https://b.invalid'), {
      matchesNoProxy: false,
      proxy: byUrl({ 'https://a.invalid': e404, 'https://b.invalid': ok }),
    });
    expect(notFound).toMatchObject({ result: 'served', servedBy: 1 });
  });

  test('the most helpful error is reported: a 500 beats a later 404', () => {
    const v = walkChainForModule(specs('https://a.invalid|https://b.invalid'), {
      matchesNoProxy: false,
      proxy: byUrl({ 'https://a.invalid': e500, 'https://b.invalid': { kind: 'error', notExist: true, error: 'reading B: 404 Not Found' } }),
    });
    expect(v).toMatchObject({ result: 'failed', error: e500.error, errorFrom: 0, stoppedAt: 1 });
  });

  test('a direct error beats everything; an unprobed direct leaves the verdict unknown', () => {
    const direct: EntryOutcome = { kind: 'error', notExist: true, error: 'unrecognized import path' };
    const v = walkChainForModule(specs('https://a.invalid|direct'), { matchesNoProxy: false, proxy: () => e500, direct });
    expect(v).toMatchObject({ result: 'failed', error: 'unrecognized import path', errorFrom: 1 });
    const u = walkChainForModule(specs('https://a.invalid,direct'), { matchesNoProxy: false, proxy: () => e404 });
    expect(u).toMatchObject({ result: 'unknown', stoppedAt: 1, error: e404.error });
  });

  test('GOPROXY=off, and GONOPROXY modules skipping proxies (noproxy entry)', () => {
    expect(walkChainForModule(specs('off'), { matchesNoProxy: false, proxy: () => ok })).toMatchObject({ result: 'failed', error: ERR_PROXY_OFF });
    const priv = walkChainForModule(specs('https://a.invalid,off', 'corp.invalid'), {
      matchesNoProxy: true,
      proxy: () => ok,
      direct: { kind: 'error', notExist: false, error: 'git ls-remote failed' },
    });
    expect(priv).toMatchObject({ result: 'failed', error: 'git ls-remote failed', errorFrom: 0, stoppedAt: 0 });
    const pub = walkChainForModule(specs('https://a.invalid,off', 'corp.invalid'), { matchesNoProxy: false, proxy: () => ok });
    expect(pub).toMatchObject({ result: 'served', servedBy: 1 });
    // A private module and a list without direct: every proxy says "disabled by GOPRIVATE/GONOPROXY".
    const only = tryProxies([{ kind: 'proxy', url: 'https://a.invalid', fallBackOnError: false }], () => ({ kind: 'error', notExist: true, error: ERR_NOPROXY }));
    expect(only.error).toBe(ERR_NOPROXY);
  });
});

describe('sumdbBase (initBase, sumdb.go:177-227)', () => {
  test('200 on /supported selects the proxy; 404s or direct/off mean direct; a 500 fails', () => {
    expect(sumdbBase(specs('https://a.invalid,https://b.invalid'), byUrl({ 'https://a.invalid': e404, 'https://b.invalid': ok }))).toMatchObject({ via: 'proxy', proxyIndex: 1 });
    expect(sumdbBase(specs('https://a.invalid,direct'), () => e404)).toMatchObject({ via: 'direct' });
    expect(sumdbBase(specs('https://a.invalid,direct'), () => e500)).toMatchObject({ via: 'error', error: e500.error });
    // `|` moves past the 500, but with no 200 later the 500 is still the reported error...
    expect(sumdbBase(specs('https://a.invalid|https://b.invalid'), byUrl({ 'https://a.invalid': e500, 'https://b.invalid': e404 }))).toMatchObject({ via: 'error', error: e500.error });
    expect(sumdbBase(specs('https://a.invalid|off'), () => e500)).toMatchObject({ via: 'error' });
    // ...except that a `direct` entry ranks highest and its not-exist error means "go direct".
    expect(sumdbBase(specs('https://a.invalid|direct'), () => e500)).toMatchObject({ via: 'direct' });
  });
});

// Differential: probe each entry, walk the chain, and compare with what the real go prints.
const versions = availableGoVersions(['1.19', '1.23', '1.24', '1.25', '1.26', '1.27']);
const describeGo = versions.length > 0 ? describe : describe.skip;

describeGo('chain verdicts agree with real go', () => {
  let proxy: FakeGoProxy;
  beforeAll(async () => {
    proxy = await startFakeGoProxy({ modules: exampleModules() });
  });
  afterAll(async () => {
    await proxy?.close();
  });

  const MODULE = 'example.com/hello';
  const VERSION = 'v1.0.0';
  const configs = (p: FakeGoProxy): string[] => [
    `${p.faultUrl('500')}|${p.faultUrl('404')}`,
    `${p.faultUrl('500')},${p.url}`,
    `${p.faultUrl('404')},${p.url}`,
    `${p.faultUrl('410')},${p.faultUrl('403')}`,
    `${p.faultUrl('401')}|${p.url}`,
    `http://127.0.0.1:1|${p.faultUrl('404')}`,
    `http://127.0.0.1:1,${p.url}`,
    `${p.faultUrl('long-text-500')}`,
  ];

  test.each(versions)('each GOPROXY list (go%s)', async (version) => {
    for (const goproxy of configs(proxy)) {
      const list = specs(goproxy);
      const probes = new Map<string, EntryOutcome>();
      for (const s of list) {
        if (s.kind !== 'proxy' || !s.url) continue;
        const r = await probeEndpoint(`${s.url}/${MODULE}/@v/${VERSION}.info`, { timeoutMs: 3000, goVersion: `go${version}` });
        probes.set(s.url, outcomeFromProbe(r));
      }
      const verdict = walkChainForModule(list, { matchesNoProxy: false, proxy: (url) => probes.get(url) ?? ok });
      const sandbox = createGoSandbox('gpd-chain-');
      try {
        const run = await runGo(version, ['mod', 'download', '-json', `${MODULE}@${VERSION}`], { ...sandbox.env, GOPROXY: goproxy }, { timeoutMs: 30_000 });
        const json = JSON.parse(run.stdout) as { Error?: string };
        if (verdict.result === 'served') {
          expect([goproxy, json.Error]).toEqual([goproxy, undefined]);
        } else {
          expect([goproxy, json.Error]).toEqual([goproxy, `${MODULE}@${VERSION}: ${verdict.error}`]);
        }
      } finally {
        sandbox.cleanup();
      }
    }
  }, 50_000);
});
