/** netrc-machine-mismatch, read through the real `go env` of go 1.23 (host:port matching) and go 1.19 (host name matching). */
import { netrcMachineMismatch } from '../../../src/check/rules/netrc-machine-mismatch.js';
import { availableGoVersions } from '../../helpers/go-toolchains.js';
import { HAVE_GO_123, oneFinding, realInput } from '../rules/support.js';

const describeGo = HAVE_GO_123 ? describe : describe.skip;
const haveGo119 = availableGoVersions(['1.19']).length > 0;

describeGo('netrc-machine-mismatch', () => {
  test('go 1.23 looks up host:port, so a .netrc entry without the port sends nothing', async () => {
    const f = oneFinding(
      netrcMachineMismatch,
      await realInput({ env: { GOPROXY: 'https://proxy.corp.invalid:8443/go' }, files: { 'home/.netrc': 'machine proxy.corp.invalid login alice password s3cret\n' } }),
    );
    expect(f.message).toContain('"machine proxy.corp.invalid:8443"');
    expect(f.fixes[0]).toMatchObject({ id: 'netrc-entry' });
    expect(f.fixes[0]?.command).toContain("machine proxy.corp.invalid:8443\\nlogin alice\\npassword <token>");
    expect(JSON.stringify(f)).not.toContain('s3cret');
  });

  test('no finding when the entry matches', async () => {
    const input = await realInput({ env: { GOPROXY: 'https://proxy.corp.invalid:8443/go' }, files: { 'home/.netrc': 'machine proxy.corp.invalid:8443 login alice password s3cret\n' } });
    expect(netrcMachineMismatch.detect(input)).toEqual([]);
  });
});

(HAVE_GO_123 && haveGo119 ? describe : describe.skip)('netrc-machine-mismatch on go 1.19', () => {
  test('go 1.19 looks up the host name without the port', async () => {
    const f = oneFinding(
      netrcMachineMismatch,
      await realInput({ go: '1.19', env: { GOPROXY: 'https://proxy.corp.invalid:8443/go' }, files: { 'home/.netrc': 'machine proxy.corp.invalid:8443 login alice password s3cret\n' } }),
    );
    expect(f.message).toContain('"machine proxy.corp.invalid"');
    expect(f.evidence[0]).toContain('go1.19 compares the host name without the port');
  });
});
