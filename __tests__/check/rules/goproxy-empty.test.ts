/** goproxy-empty, read through the real `go env` of go 1.23, and go's own error for it. */
import { goproxyEmpty } from '../../../src/check/rules/goproxy-empty.js';
import { goproxyInvalid } from '../../../src/check/rules/goproxy-invalid.js';
import { goDownload, HAVE_GO_123, oneFinding, predicted, realInput } from '../rules/support.js';

const describeGo = HAVE_GO_123 ? describe : describe.skip;

describeGo('goproxy-empty', () => {
  test('an empty GOPROXY list is an error with the default as the fix', async () => {
    const input = await realInput({ env: { GOPROXY: ' , ' } });
    const f = oneFinding(goproxyEmpty, input);
    expect(f.severity).toBe('error');
    expect(f.fixes[0]).toMatchObject({ id: 'goproxy-default', command: 'export GOPROXY=https://proxy.golang.org,direct' });
    // No chain to walk: the report shows none.
    expect(input.proxyList.ok).toBe(false);
    expect(goproxyInvalid.detect(input)).toEqual([]);
    const text = predicted(f.evidence[1]);
    expect((await goDownload({ env: { GOPROXY: ' , ' } })).stderr).toContain(text ?? '<missing>');
  });

  test('no finding for a list with entries', async () => {
    expect(goproxyEmpty.detect(await realInput({ env: { GOPROXY: 'off' } }))).toEqual([]);
  });
});
