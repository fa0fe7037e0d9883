/** go111module-off, read through the real `go env` of go 1.23. */
import { go111moduleOff } from '../../../src/check/rules/go111module-off.js';
import { HAVE_GO_123, oneFinding, PRIVATE_GO_MOD, realInput } from '../rules/support.js';

const describeGo = HAVE_GO_123 ? describe : describe.skip;

describeGo('go111module-off', () => {
  test('GO111MODULE=off is an error fixed by removing it', async () => {
    const f = oneFinding(go111moduleOff, await realInput({ env: { GO111MODULE: 'off', GOFLAGS: '-insecure -modcacherw' }, goMod: PRIVATE_GO_MOD }));
    expect(f).toMatchObject({ severity: 'error', id: 'proxy-config-invalid' });
    expect(f.fixes[0]).toMatchObject({ id: 'go111module-unset', command: 'unset GO111MODULE' });
    expect(go111moduleOff.detect(await realInput({ env: { GO111MODULE: 'on' } }))).toEqual([]);
  });
});
