/** http-proxy-unparseable, read through the real `go env` of go 1.23, and what go really does with such a proxy value. */
import { httpProxyUnparseable } from '../../../src/check/rules/http-proxy-unparseable.js';
import { goDownload, HAVE_GO_123, oneFinding, realInput } from '../rules/support.js';

const describeGo = HAVE_GO_123 ? describe : describe.skip;

describeGo('http-proxy-unparseable', () => {
  test('an unparseable HTTPS_PROXY is silently ignored by go: a warning', async () => {
    const env = { HTTPS_PROXY: '%zz', GOPROXY: 'https://nothing.goproxy-doctor.invalid' };
    const f = oneFinding(httpProxyUnparseable, await realInput({ env }));
    expect(f.group).toBe('credentials');
    expect(f.fixes.map((x) => x.id)).toEqual(['proxy-url-format']);
    // go really connects directly: the error is its own DNS lookup, not proxyconnect.
    const { stderr } = await goDownload({ env });
    expect(stderr).toMatch(/lookup nothing\.goproxy-doctor\.invalid/);
    expect(stderr).not.toMatch(/proxyconnect/);
  });

  test('a proxy URL go can parse is no finding', async () => {
    expect(httpProxyUnparseable.detect(await realInput({ env: { HTTPS_PROXY: 'http://127.0.0.1:9' } }))).toEqual([]);
  });
});
