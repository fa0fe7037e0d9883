/** private-module-public-proxy, read through the real `go env` of go 1.23. */
import { privateModulePublicProxy } from '../../../src/check/rules/private-module-public-proxy.js';
import { HAVE_GO_123, oneFinding, PRIVATE_GO_MOD, realInput, withGoEnvFile } from '../rules/support.js';

const describeGo = HAVE_GO_123 ? describe : describe.skip;

describeGo('private-module-public-proxy', () => {
  test('a private-looking module that would go to proxy.golang.org; the fix extends GOPRIVATE where it was set', async () => {
    const f = oneFinding(
      privateModulePublicProxy,
      await realInput(withGoEnvFile({ GOPRIVATE: 'github.com/acme/*' }, { env: { GOPROXY: 'https://proxy.golang.org,direct' }, goMod: PRIVATE_GO_MOD })),
    );
    expect(f).toMatchObject({ id: 'private-module-proxied', severity: 'warning', modules: ['git.corp.example.com/team/lib@v0.1.0'] });
    expect(f.fixes[0]).toMatchObject({ id: 'goprivate-add', command: "go env -w GOPRIVATE='github.com/acme/*,git.corp.example.com'" });
  });

  test('no private-module finding once GOPRIVATE covers it, or when the first proxy is not public', async () => {
    expect(privateModulePublicProxy.detect(await realInput({ env: { GOPROXY: 'https://proxy.golang.org,direct', GOPRIVATE: 'git.corp.example.com' }, goMod: PRIVATE_GO_MOD }))).toEqual([]);
    expect(privateModulePublicProxy.detect(await realInput({ env: { GOPROXY: 'https://athens.corp.example.com' }, goMod: PRIVATE_GO_MOD }))).toEqual([]);
  });
});
