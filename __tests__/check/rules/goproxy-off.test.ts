/** goproxy-off, read through the real `go env` of go 1.23, and go's own error for it. */
import { goproxyOff } from '../../../src/check/rules/goproxy-off.js';
import { goDownload, HAVE_GO_123, oneFinding, predicted, realInput, withGoEnvFile } from '../rules/support.js';

const describeGo = HAVE_GO_123 ? describe : describe.skip;

describeGo('goproxy-off', () => {
  test('GOPROXY=off from the OS environment: error for go.mod modules, fixed with unset', async () => {
    const f = oneFinding(goproxyOff, await realInput({ env: { GOPROXY: 'off' } }));
    expect(f).toMatchObject({ id: 'proxy-config-invalid', severity: 'error', group: 'config', modules: ['example.com/hello@v1.0.0'] });
    expect(f.fixes[0]).toMatchObject({ id: 'goproxy-unset', command: 'unset GOPROXY' });
    const text = predicted(f.evidence[1]);
    expect(text).toBe('module lookup disabled by GOPROXY=off');
    expect((await goDownload({ env: { GOPROXY: 'off' } })).stderr).toContain(text ?? '<missing>');
  });

  test('GOPROXY=off from the go env file: fixed with go env -u', async () => {
    const f = oneFinding(goproxyOff, await realInput(withGoEnvFile({ GOPROXY: 'off' }, { env: { GOPROXY: undefined } })));
    expect(f.evidence[0]).toMatch(/set with go env -w/);
    expect(f.fixes[0]).toMatchObject({ id: 'goproxy-unset', command: 'go env -u GOPROXY' });
  });

  test('GOPROXY=off but GOPRIVATE covers every module: only a warning', async () => {
    const f = oneFinding(goproxyOff, await realInput({ env: { GOPROXY: 'off', GOPRIVATE: 'example.com/hello' } }));
    expect(f.severity).toBe('warning');
    expect(f.modules).toBeUndefined();
  });

  test('no finding when the first entry is a proxy', async () => {
    expect(goproxyOff.detect(await realInput({ env: { GOPROXY: 'http://127.0.0.1:9,off' } }))).toEqual([]);
  });
});
