/**
 * goproxy-semicolon. What cmd/go does with `;` in GOPROXY is taken from the real go 1.26 (/usr/local/go):
 * it splits only at `,` and `|` (go1.26 src/cmd/go/internal/modfetch/proxy.go:71), so `<url>/;direct` is one
 * URL whose path holds `;direct`, `https://goproxy.cn;direct` one URL whose host is `goproxy.cn;direct`, and
 * `http://127.0.0.1:<port>;direct` a URL with an invalid port. The corrected value is then run through the
 * same go against a loopback proxy and works.
 */
import { goproxyInvalid } from '../../../src/check/rules/goproxy-invalid.js';
import { goproxySemicolon } from '../../../src/check/rules/goproxy-semicolon.js';
import { semicolonEntries } from '../../../src/check/goproxy-corrections.js';
import { shellQuote } from '../../../src/fix.js';
import { availableGoVersions } from '../../helpers/go-toolchains.js';
import { exampleModules, startFakeGoProxy } from '../../helpers/fake-goproxy.js';
import { detect, goDownload, oneFinding, predicted, realInput, syntheticInput } from '../rules/support.js';

const haveGo126 = availableGoVersions(['1.26']).length > 0;
const describeGo = haveGo126 ? describe : describe.skip;

describeGo('goproxy-semicolon against the real go 1.26', () => {
  test('`<url>/;direct` is one URL: go asks the proxy for paths under `/;direct` and never goes direct; the corrected value downloads', async () => {
    const proxy = await startFakeGoProxy({ modules: exampleModules() });
    try {
      const env = { GOPROXY: `${proxy.url}/;direct`, GOSUMDB: 'off' };
      const before = await goDownload({ env, go: '1.26' }, '1.26');
      expect(before.exitCode).not.toBe(0);
      expect(before.stderr).toContain(`reading ${proxy.url}/;direct/example.com/hello/@v/v1.0.0.info: 404 Not Found`);
      expect(proxy.requests.map((r) => r.path)).toEqual(['/;direct/example.com/hello/@v/v1.0.0.info']);

      const f = oneFinding(goproxySemicolon, await realInput({ env, go: '1.26' }));
      expect(f).toMatchObject({ id: 'goproxy-semicolon', severity: 'error', group: 'config' });
      expect(f.evidence.join('\n')).toContain(`go asks 127.0.0.1:${proxy.port} for paths under "${proxy.url}/;direct"`);
      expect(f.fixes[0]).toMatchObject({ id: 'goproxy-separators', command: `export GOPROXY=${proxy.url}/,direct` });

      proxy.requests.length = 0;
      const after = await goDownload({ env: { ...env, GOPROXY: `${proxy.url}/,direct` }, go: '1.26' }, '1.26');
      expect(after).toMatchObject({ exitCode: 0 });
      expect(proxy.requests.map((r) => r.path)).toContain('/example.com/hello/@v/v1.0.0.zip');
    } finally {
      await proxy.close();
    }
  });

  test('`https://goproxy.cn;direct`: the host go connects to is `goproxy.cn;direct`', async () => {
    // HTTPS_PROXY is a closed loopback port, so go's request URL shows in its proxyconnect error and nothing leaves the machine.
    const env = { GOPROXY: 'https://goproxy.cn;direct', GOSUMDB: 'off' };
    const { stderr } = await goDownload({ env, go: '1.26' }, '1.26');
    expect(stderr).toContain('Get "https://goproxy.cn;direct/example.com/hello/@v/v1.0.0.info"');
    const f = oneFinding(goproxySemicolon, await realInput({ env, go: '1.26' }));
    expect(f.evidence.join('\n')).toContain('to the host "goproxy.cn;direct", a name that cannot resolve');
    expect(f.fixes[0]).toMatchObject({ id: 'goproxy-separators', command: 'export GOPROXY=https://goproxy.cn,direct' });
  });

  test("`http://127.0.0.1:<port>;direct` does not parse: go's error is predicted, and goproxy-invalid leaves it to this rule", async () => {
    const env = { GOPROXY: 'http://127.0.0.1:9;direct', GOSUMDB: 'off' };
    const input = await realInput({ env, go: '1.26' });
    const f = oneFinding(goproxySemicolon, input);
    const text = f.evidence.map(predicted).find((e) => e !== undefined) ?? '<missing>';
    expect(text).toBe('parse "http://127.0.0.1:9;direct": invalid port ":9;direct" after host');
    expect((await goDownload({ env, go: '1.26' }, '1.26')).stderr).toContain(text);
    expect(goproxyInvalid.detect(input)).toEqual([]);
    expect(f.fixes[0]).toMatchObject({ command: 'export GOPROXY=http://127.0.0.1:9,direct' });
  });
});

describe('goproxy-semicolon: which values', () => {
  test.each([
    ['https://goproxy.cn;direct', 'https://goproxy.cn,direct'],
    ['https://goproxy.cn ; https://goproxy.io ; direct', 'https://goproxy.cn,https://goproxy.io,direct'],
    ['goproxy.cn;direct', 'goproxy.cn,direct'],
    ['https://goproxy.cn;', 'https://goproxy.cn'],
    ['https://a.example;https://b.example|direct', 'https://a.example,https://b.example|direct'],
    // `direct;x` reads as `direct,x`, whose x would never be reached: direct goes last.
    ['direct;https://goproxy.cn', 'https://goproxy.cn,direct'],
  ])('%s → %s', (goproxy, corrected) => {
    const f = oneFinding(goproxySemicolon, syntheticInput('go1.26.0', { GOPROXY: goproxy }));
    expect(f.fixes.map((x) => [x.id, x.command])).toEqual([['goproxy-separators', `export GOPROXY=${shellQuote(corrected)}`]]);
  });

  test.each([
    'https://proxy.golang.org,direct',
    // A `;` inside a path, followed by something that is not an entry, is the URL's own business.
    'https://repo.example/go;v=1,direct',
    // Entries after direct are never read: goproxy-unreachable-entries says so.
    'direct,https://a.example;https://b.example',
  ])('%s: no finding', (goproxy) => {
    expect(detect(goproxySemicolon, syntheticInput('go1.26.0', { GOPROXY: goproxy }))).toEqual([]);
    expect(semicolonEntries(goproxy)).toBeUndefined();
  });
});
