/** goflags-insecure, read through the real `go env` of go 1.23, and go's own refusal of the flag. */
import { goflagsInsecure } from '../../../src/check/rules/goflags-insecure.js';
import { prepareCase, removeSandbox } from '../harness.js';
import { runGo } from '../../helpers/go-toolchains.js';
import { HAVE_GO_123, oneFinding, PRIVATE_GO_MOD, realInput } from '../rules/support.js';

const describeGo = HAVE_GO_123 ? describe : describe.skip;

describeGo('goflags-insecure', () => {
  test('GOFLAGS=-insecure: removing the flag comes first, the GOINSECURE alternative last', async () => {
    const f = oneFinding(goflagsInsecure, await realInput({ env: { GO111MODULE: 'off', GOFLAGS: '-insecure -modcacherw' }, goMod: PRIVATE_GO_MOD }));
    expect(f.fixes[0]).toMatchObject({ id: 'goflags-remove-insecure', command: 'export GOFLAGS=-modcacherw', weakensSecurity: false });
    const weakening = f.fixes.filter((x) => x.weakensSecurity);
    expect(weakening.length).toBeGreaterThan(0);
    expect(f.fixes.slice(-weakening.length)).toEqual(weakening);
    expect(weakening.map((x) => x.id)).toEqual(['goinsecure-add']);
  });

  test('-insecure alone: the fix removes GOFLAGS; go get really refuses the flag', async () => {
    const env = { GOFLAGS: '-insecure' };
    const f = oneFinding(goflagsInsecure, await realInput({ env }));
    expect(f.fixes[0]).toMatchObject({ id: 'goflags-remove-insecure', command: 'unset GOFLAGS' });
    const { sandbox, env: goEnv } = prepareCase({ env });
    try {
      const run = await runGo('1.23', ['get', 'example.com/hello@v1.0.0'], goEnv, { cwd: sandbox.work, timeoutMs: 20_000 });
      expect(run.stderr).toContain('-insecure flag is no longer supported; use GOINSECURE instead');
      expect(f.message).toContain('-insecure flag is no longer supported; use GOINSECURE instead');
    } finally {
      removeSandbox(sandbox);
    }
  });
});
