/** gonoproxy-without-direct, read through the real `go env` of go 1.23. */
import { gonoproxyWithoutDirect } from '../../../src/check/rules/gonoproxy-without-direct.js';
import { HAVE_GO_123, oneFinding, realInput } from '../rules/support.js';

const describeGo = HAVE_GO_123 ? describe : describe.skip;

describeGo('gonoproxy-without-direct', () => {
  test('GONOPROXY without direct is explained, not alarmed about', async () => {
    const f = oneFinding(gonoproxyWithoutDirect, await realInput({ env: { GOPROXY: 'http://127.0.0.1:9', GONOPROXY: 'git.corp.example.com' } }));
    expect(f.severity).toBe('info');
    expect(f.message).toMatch(/still fetched directly/);
    expect(f.fixes[0]).toMatchObject({ id: 'goproxy-add-direct', command: 'export GOPROXY=http://127.0.0.1:9,direct' });
    expect(gonoproxyWithoutDirect.detect(await realInput({ env: { GOPROXY: 'http://127.0.0.1:9,direct', GONOPROXY: 'git.corp.example.com' } }))).toEqual([]);
  });
});
