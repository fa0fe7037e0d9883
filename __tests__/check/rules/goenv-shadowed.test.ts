/** goenv-shadowed, read through the real `go env` of go 1.23 with a real go env file. */
import { goenvShadowed } from '../../../src/check/rules/goenv-shadowed.js';
import { HAVE_GO_123, oneFinding, realInput, withGoEnvFile } from '../rules/support.js';

const describeGo = HAVE_GO_123 ? describe : describe.skip;

describeGo('goenv-shadowed', () => {
  test('a go env -w value shadowed by the OS environment', async () => {
    const f = oneFinding(goenvShadowed, await realInput(withGoEnvFile({ GOPROXY: 'https://athens.corp.invalid' }, { env: { GOPROXY: 'http://127.0.0.1:9' } })));
    expect(f.message).toMatch(/GOPROXY/);
    expect(f.evidence.join('\n')).toContain('https://athens.corp.invalid');
    expect(f.fixes.map((x) => x.id)).toEqual(['os-variable-change', 'check-effective-value', 'goenv-file-unset']);
    expect(f.fixes.at(-1)?.command).toBe('go env -u GOPROXY');
  });

  test('no finding when the file and the environment agree on who sets what', async () => {
    expect(goenvShadowed.detect(await realInput(withGoEnvFile({ GOPRIVATE: 'git.corp.example.com' })))).toEqual([]);
  });
});
