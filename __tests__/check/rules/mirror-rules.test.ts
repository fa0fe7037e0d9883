/**
 * The rules that use the mirror knowledge (src/mirrors/known-mirrors.ts): 'mirror-host-misspelt',
 * 'mirror-sumdb-mix', 'http-proxy-domestic-mirror' (configuration, read through a real go env) and
 * 'gosumdb-not-proxied' (a real check run against loopback servers). Where go's own behaviour is the point
 * (a misspelt GOSUMDB fails verification, a checksum database only vouches for what it recorded, an HTTP
 * proxy carries the mirror's requests) the real go shows it, against loopback servers only.
 */
import { gosumdbNotProxied } from '../../../src/check/rules/gosumdb-not-proxied.js';
import { httpProxyDomesticMirror } from '../../../src/check/rules/http-proxy-domestic-mirror.js';
import { mirrorHostMisspelt } from '../../../src/check/rules/mirror-host-misspelt.js';
import { mirrorSumdbMix } from '../../../src/check/rules/mirror-sumdb-mix.js';
import { editDistance, probablyMeantHosts } from '../../../src/mirrors/edit-distance.js';
import { KNOWN_CHECKSUM_DATABASES, KNOWN_MIRRORS } from '../../../src/mirrors/known-mirrors.js';
import { exampleModules, startFakeGoProxy, type FakeGoProxy } from '../../helpers/fake-goproxy.js';
import { createFakeSumDb } from '../../helpers/fake-sumdb.js';
import { CLOSED_LOOPBACK_PROXY } from '../../helpers/go-toolchains.js';
import { byRule, check, oneByRule } from '../harness.js';
import { detect, goDownload, HAVE_GO_123, oneFinding, realInput, syntheticInput } from './support.js';

const describeGo = HAVE_GO_123 ? describe : describe.skip;
const GOSUM_IO_KEY = KNOWN_CHECKSUM_DATABASES.find((d) => d.name === 'gosum.io')?.key as string;

describe('the mirror data', () => {
  test('every fact names where it was read: a URL or a Go source path with lines', () => {
    const facts = [
      ...KNOWN_MIRRORS.flatMap((m) => [...m.facts, ...(m.agreesWith ? [m.agreesWith.because] : []), ...m.proxiesChecksumDatabases.map((p) => ({ text: p.database, source: p.source }))]),
      ...KNOWN_CHECKSUM_DATABASES.flatMap((d) => d.facts),
    ];
    expect(facts.length).toBeGreaterThan(10);
    for (const f of facts) expect(f.source).toMatch(/^(?:https:\/\/\S+|go1\.\d+ (?:src\/\S+|go\.env):\d+(?:-\d+)?)$/);
  });

  test("sum.golang.google.cn is go's own alias: go's source rewrites it to sum.golang.org with that URL, and the key is go's", async () => {
    const alias = KNOWN_CHECKSUM_DATABASES.find((d) => d.name === 'sum.golang.google.cn');
    const main = KNOWN_CHECKSUM_DATABASES.find((d) => d.name === 'sum.golang.org');
    expect(alias?.database).toBe('sum.golang.org');
    expect(alias?.key).toBe(main?.key);
    const { readFileSync, existsSync } = await import('node:fs');
    if (!existsSync('/usr/local/go/src/cmd/go/internal/modfetch/sumdb.go')) return;
    expect(readFileSync('/usr/local/go/src/cmd/go/internal/modfetch/sumdb.go', 'utf8')).toContain('gosumdb = "sum.golang.org https://sum.golang.google.cn"');
    expect(readFileSync('/usr/local/go/src/cmd/go/internal/modfetch/key.go', 'utf8')).toContain(`"sum.golang.org": "${main?.key ?? ''}"`);
  });

  test.each([
    ['goproxy.cm', ['goproxy.cn']],
    ['goproxy.oi', ['goproxy.io']],
    ['gooproxy.cn', ['goproxy.cn']],
    ['goproxy.co', ['goproxy.cn', 'goproxy.io']],
    ['mirrors.aliyun.con', ['mirrors.aliyun.com']],
    ['mirros.aliyn.com', ['mirrors.aliyun.com']],
    ['proxy.golang.ogr', ['proxy.golang.org']],
    ['sum.golang.ogr', ['sum.golang.org']],
    ['goproxy.cn', []],
    ['proxy.golang.com.cn', []],
    ['goproxy.example.com', []],
    ['athens.azurefd.net', []],
    ['proxy.golang.com', []],
    ['127.0.0.1', []],
  ])('%s → %j', (host, meant) => {
    expect(probablyMeantHosts(host)).toEqual(meant);
  });

  test('the distance counts a swap of neighbours as one edit', () => {
    expect(editDistance('goproxy.oi', 'goproxy.io')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('x'.repeat(300), 'x')).toBe(Number.POSITIVE_INFINITY);
  });
});

describeGo('mirror-host-misspelt against the real go 1.23', () => {
  test('goproxy.cm: the finding names goproxy.cn and rewrites only the host, where GOPROXY is set', async () => {
    const f = oneFinding(mirrorHostMisspelt, await realInput({ env: { GOPROXY: 'https://goproxy.cm,direct' } }));
    expect(f).toMatchObject({ id: 'mirror-host-misspelt', severity: 'warning', group: 'config' });
    expect(f.message).toContain('goproxy.cm, which looks like a misspelling of goproxy.cn (the mirror run by Qiniu Cloud');
    expect(f.fixes.map((x) => [x.id, x.command])).toEqual([['goproxy-fix-host', 'export GOPROXY=https://goproxy.cn,direct']]);
  });

  test('a bare host with a path in the go env file keeps its path and separators; the fix uses go env -w', async () => {
    const f = oneFinding(mirrorHostMisspelt, await realInput({ env: { GOPROXY: undefined }, files: { goenv: 'GOPROXY=https://proxy.example|mirrors.aliyun.con/goproxy/,direct\n' } }));
    expect(f.fixes[0]?.command).toBe("go env -w GOPROXY='https://proxy.example|mirrors.aliyun.com/goproxy/,direct'");
  });

  test('known mirrors, other hosts and entries after direct are left alone', async () => {
    expect(detect(mirrorHostMisspelt, await realInput({ env: { GOPROXY: 'https://goproxy.cn,https://goproxy.io,https://proxy.golang.com.cn,https://mirrors.aliyun.com/goproxy/,https://proxy.golang.org,direct' } }))).toEqual([]);
    expect(detect(mirrorHostMisspelt, await realInput({ env: { GOPROXY: 'https://athens.corp.example,direct,https://goproxy.cm' } }))).toEqual([]);
  });

  test('GOSUMDB=sum.golang.ogr: go cannot verify with it; the finding names sum.golang.org', async () => {
    const proxy = await startFakeGoProxy({ modules: exampleModules() });
    try {
      const c = { env: { GOPROXY: proxy.url, GOSUMDB: 'sum.golang.ogr' } };
      const go = await goDownload(c);
      expect(go.exitCode).not.toBe(0);
      expect(go.stderr).toContain('invalid GOSUMDB: malformed verifier id');
      const f = oneFinding(mirrorHostMisspelt, await realInput(c));
      expect(f.message).toContain('GOSUMDB names sum.golang.ogr, which looks like a misspelling of sum.golang.org');
      expect(f.fixes.map((x) => [x.id, x.command])).toEqual([['gosumdb-fix-name', 'export GOSUMDB=sum.golang.org']]);
    } finally {
      await proxy.close();
    }
  });

  test('a misspelt gosum.io gets its full key, which go needs for any database but its own', async () => {
    const f = oneFinding(mirrorHostMisspelt, await realInput({ env: { GOSUMDB: 'gosum.oi' } }));
    expect(f.fixes[0]?.command).toBe(`export GOSUMDB=${GOSUM_IO_KEY}`);
  });
});

describeGo('mirror-sumdb-mix', () => {
  test('goproxy.io next to goproxy.cn under the default GOSUMDB: drop the mirror that agrees with gosum.io', async () => {
    const f = oneFinding(mirrorSumdbMix, await realInput({ env: { GOPROXY: 'https://goproxy.io,https://goproxy.cn,direct', GOSUMDB: undefined } }));
    expect(f).toMatchObject({ id: 'mirror-sumdb-mix', severity: 'warning', group: 'config' });
    expect(f.message).toContain('goproxy.io (gosum.io), goproxy.cn (sum.golang.org), while GOSUMDB verifies against sum.golang.org');
    expect(f.message).toContain('SECURITY ERROR');
    expect(f.evidence.join('\n')).toContain('https://github.com/goproxy/goproxy.cn/issues/183');
    expect(f.fixes.map((x) => [x.id, x.command])).toEqual([['goproxy-drop-mirror', 'export GOPROXY=https://goproxy.cn,direct']]);
  });

  test('GOSUMDB=gosum.io with goproxy.cn: back to the default database, which goproxy.cn agrees with', async () => {
    const f = oneFinding(mirrorSumdbMix, await realInput({ env: { GOPROXY: 'https://goproxy.cn,direct', GOSUMDB: GOSUM_IO_KEY } }));
    expect(f.message).toContain('GOPROXY uses goproxy.cn (sum.golang.org), whose downloads agree with another checksum database than the one GOSUMDB verifies against: gosum.io');
    expect(f.fixes.map((x) => [x.id, x.command])).toEqual([['gosumdb-default', 'unset GOSUMDB']]);
  });

  test.each([
    ['goproxy.cn with sum.golang.org', { GOPROXY: 'https://goproxy.cn,direct', GOSUMDB: 'sum.golang.org' }],
    ["goproxy.cn with go's alias sum.golang.google.cn", { GOPROXY: 'https://goproxy.cn,direct', GOSUMDB: 'sum.golang.google.cn' }],
    ['goproxy.io with its own gosum.io', { GOPROXY: 'https://goproxy.io,direct', GOSUMDB: GOSUM_IO_KEY }],
    ['mirrors whose database is not documented', { GOPROXY: 'https://mirrors.aliyun.com/goproxy/,https://proxy.golang.com.cn,direct', GOSUMDB: 'sum.golang.org' }],
    ['GOSUMDB=off (gosumdb-off reports that)', { GOPROXY: 'https://goproxy.io,https://goproxy.cn,direct', GOSUMDB: 'off' }],
  ])('no finding: %s', async (_name, env) => {
    expect(detect(mirrorSumdbMix, await realInput({ env }))).toEqual([]);
  });

  test('the mechanism, with the real go: a database vouches only for what it recorded, whoever serves the download', async () => {
    // Two proxies serve different content under one version, as after a moved tag; the database recorded the first.
    const first = { path: 'example.com/hello', version: 'v1.0.0', files: { 'hello.go': 'package hello\n\nconst Greeting = "first"\n' } };
    const retagged = { ...first, files: { 'hello.go': 'package hello\n\nconst Greeting = "retagged"\n' } };
    const db = createFakeSumDb({ modules: [first] });
    const servers: FakeGoProxy[] = [];
    try {
      const a = await startFakeGoProxy({ modules: [first], sumdbSupported: db.name, sumdb: db });
      servers.push(a);
      const b = await startFakeGoProxy({ modules: [retagged], sumdbSupported: db.name, sumdb: db });
      servers.push(b);
      expect((await goDownload({ env: { GOPROXY: a.url, GOSUMDB: db.vkey } })).exitCode).toBe(0);
      const mixed = await goDownload({ env: { GOPROXY: b.url, GOSUMDB: db.vkey } });
      expect(mixed.exitCode).not.toBe(0);
      expect(mixed.stderr).toContain('checksum mismatch');
      expect(mixed.stderr).toContain('SECURITY ERROR');
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
  });
});

describeGo('http-proxy-domestic-mirror', () => {
  test('HTTPS_PROXY in front of goproxy.cn: a note, and NO_PROXY extended where it is read', async () => {
    const f = oneFinding(httpProxyDomesticMirror, await realInput({ env: { GOPROXY: 'https://goproxy.cn,direct', HTTPS_PROXY: 'http://alice:s3cret@proxy.corp.example:3128', NO_PROXY: 'localhost,.corp.example' } }));
    expect(f).toMatchObject({ id: 'http-proxy-domestic-mirror', severity: 'info', group: 'credentials' });
    expect(f.message).toContain('HTTPS_PROXY sends every request for goproxy.cn, a mirror in mainland China and the first GOPROXY entry, through the HTTP proxy http://alice:xxxxx@proxy.corp.example:3128');
    expect(f.message).toContain('if the proxy is outside mainland China');
    expect(JSON.stringify(f)).not.toContain('s3cret');
    expect(f.fixes.map((x) => [x.id, x.command])).toEqual([['no-proxy-mirror', 'export NO_PROXY=localhost,.corp.example,goproxy.cn']]);
  });

  test("go really sends goproxy.cn's requests to the HTTPS_PROXY (here a closed loopback port: proxyconnect)", async () => {
    const go = await goDownload({ env: { GOPROXY: 'https://goproxy.cn', GOSUMDB: 'off', HTTPS_PROXY: CLOSED_LOOPBACK_PROXY } });
    expect(go.exitCode).not.toBe(0);
    expect(go.stderr).toContain('proxyconnect tcp: dial tcp 127.0.0.1:9');
  });

  test.each([
    ['NO_PROXY exempts the mirror', { GOPROXY: 'https://goproxy.cn,direct', HTTPS_PROXY: 'http://proxy.corp.example:3128', NO_PROXY: 'goproxy.cn' }],
    ['a leading-dot NO_PROXY entry exempts it too', { GOPROXY: 'https://mirrors.aliyun.com/goproxy/,direct', HTTPS_PROXY: 'http://proxy.corp.example:3128', NO_PROXY: '.aliyun.com' }],
    ['no HTTP proxy', { GOPROXY: 'https://goproxy.cn,direct', HTTPS_PROXY: undefined, HTTP_PROXY: undefined }],
    ['the first entry is not in mainland China', { GOPROXY: 'https://proxy.golang.org,https://goproxy.cn,direct', HTTPS_PROXY: 'http://proxy.corp.example:3128' }],
    ['only HTTP_PROXY, and the mirror is https', { GOPROXY: 'https://goproxy.cn,direct', HTTPS_PROXY: undefined, HTTP_PROXY: 'http://proxy.corp.example:3128' }],
  ])('no finding: %s', async (_name, env) => {
    expect(detect(httpProxyDomesticMirror, await realInput({ env }))).toEqual([]);
  });

  test('proxy.golang.com.cn first behind a proxy is noted as well', () => {
    const input = syntheticInput('go1.23.5', { GOPROXY: 'https://proxy.golang.com.cn,direct' }, { httpProxy: { httpProxy: '', httpsProxy: 'http://10.0.0.1:8080', noProxy: '', cgi: false, sources: { httpsProxy: 'https_proxy' } } });
    expect(oneFinding(httpProxyDomesticMirror, input).message).toMatch(/^https_proxy sends every request for proxy\.golang\.com\.cn/);
  });
});

describeGo('gosumdb-not-proxied with a real check run', () => {
  let proxy: FakeGoProxy;
  beforeAll(async () => {
    proxy = await startFakeGoProxy({ modules: exampleModules() });
  });
  afterAll(async () => {
    await proxy.close();
  });

  test('sum.golang.org, no entry proxies it, and the direct route fails before any answer: the alias and a mirror that proxies it', async () => {
    // The sandbox's HTTPS_PROXY is a closed loopback port, so the direct route fails here without leaving the machine.
    const report = await check({ env: { GOPROXY: `${proxy.url},direct`, GOSUMDB: 'sum.golang.org' } });
    const f = oneByRule(report, 'gosumdb-not-proxied');
    expect(f).toMatchObject({ id: 'gosumdb-not-proxied', severity: 'warning', group: 'sumdb', cause: 'http-proxy' });
    expect(f.message).toMatch(/^No GOPROXY entry proxies the checksum database sum\.golang\.org, so go contacts https:\/\/sum\.golang\.org itself; from here, it /);
    expect(f.evidence.join('\n')).toContain('/sumdb/sum.golang.org/supported → 404');
    expect(f.fixes.map((x) => [x.id, x.command])).toEqual([
      ['gosumdb-alias-cn', 'export GOSUMDB=sum.golang.google.cn'],
      ['goproxy-add-sumdb-mirror', `export GOPROXY=${proxy.url},https://goproxy.cn,direct`],
    ]);
    // The failure itself is the HTTP proxy's (one finding for everything it breaks), not the database's.
    expect(byRule(report, 'http-proxy-failed')).toHaveLength(1);
    expect(byRule(report, 'sumdb-unreachable')).toEqual([]);
  });

  test('a database that is proxied, or named with its URL, is no finding', async () => {
    const db = createFakeSumDb({ modules: exampleModules() });
    const proxying = await startFakeGoProxy({ modules: exampleModules(), sumdbSupported: db.name, sumdb: db });
    try {
      expect(byRule(await check({ env: { GOPROXY: proxying.url, GOSUMDB: db.vkey } }), 'gosumdb-not-proxied')).toEqual([]);
      expect(byRule(await check({ env: { GOPROXY: proxy.url, GOSUMDB: 'sum.golang.google.cn' } }), 'gosumdb-not-proxied')).toEqual([]);
    } finally {
      await proxying.close();
    }
  });

  test('another database name that does not resolve: the finding without sum.golang.org fixes', async () => {
    const db = createFakeSumDb({ modules: exampleModules() });
    const report = await check({ env: { GOPROXY: proxy.url, GOSUMDB: db.vkey, HTTPS_PROXY: undefined, HTTP_PROXY: undefined } });
    const f = oneByRule(report, 'gosumdb-not-proxied');
    expect(f.cause).toBe('dns');
    expect(f.fixes).toEqual([]);
    expect(gosumdbNotProxied.id).toBe('gosumdb-not-proxied');
  });
});
