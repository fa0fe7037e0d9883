/** gosumdb-invalid and gosumdb-off, read through the real `go env` of go 1.23; go's own verification error is checked against the prediction. */
import { gosumdbInvalid } from '../../../src/check/rules/gosumdb-invalid.js';
import { gosumdbOff } from '../../../src/check/rules/gosumdb-off.js';
import { exampleModules, startFakeGoProxy } from '../../helpers/fake-goproxy.js';
import { goDownload, HAVE_GO_123, oneFinding, predicted, PRIVATE_GO_MOD, realInput } from '../rules/support.js';

const describeGo = HAVE_GO_123 ? describe : describe.skip;

describeGo('gosumdb-off', () => {
  test('GOSUMDB=off: verification back on first, then the private paths excluded (a GONOSUMDB value, so marked as weakening)', async () => {
    const f = oneFinding(gosumdbOff, await realInput({ env: { GOSUMDB: 'off', GONOSUMDB: 'github.com/acme/*' }, goMod: PRIVATE_GO_MOD }));
    expect(f.severity).toBe('warning');
    expect(f.fixes.map((x) => [x.id, x.command, x.weakensSecurity])).toEqual([
      ['gosumdb-unset', 'unset GOSUMDB', false],
      ['gonosumdb-private-paths', "export GONOSUMDB='github.com/acme/*,git.corp.example.com'", true],
    ]);
    expect(gosumdbInvalid.detect(await realInput({ env: { GOSUMDB: 'off' } }))).toEqual([]);
  });

  test('without private modules the only fix turns the database back on', async () => {
    const f = oneFinding(gosumdbOff, await realInput({ env: { GOSUMDB: 'off' } }));
    expect(f.fixes.map((x) => x.id)).toEqual(['gosumdb-unset']);
    expect(gosumdbOff.detect(await realInput({ env: { GOSUMDB: 'sum.golang.org' } }))).toEqual([]);
  });
});

describeGo('gosumdb-invalid', () => {
  test("an unparseable GOSUMDB: the error go prints when it verifies a download", async () => {
    const proxy = await startFakeGoProxy({ modules: exampleModules() });
    try {
      const env = { GOPROXY: proxy.url, GOSUMDB: 'sum.golang.org+bad' };
      const f = oneFinding(gosumdbInvalid, await realInput({ env }));
      expect(f).toMatchObject({ id: 'sumdb-lookup-failed', severity: 'error', group: 'config' });
      const text = predicted(f.evidence[1]) ?? '<missing>';
      expect(text).toBe('verifying go.mod: invalid GOSUMDB: malformed verifier id');
      const run = await goDownload({ env });
      expect(run.exitCode).not.toBe(0);
      expect(run.stderr).toContain(text);
      expect(f.fixes.length).toBeGreaterThan(0);
      expect(gosumdbOff.detect(await realInput({ env }))).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});
