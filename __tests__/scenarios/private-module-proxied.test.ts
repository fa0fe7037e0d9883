import { privateModuleProxied } from '../../src/scenarios/private-module-proxied.js';
import { diagnose, fixIds, goEnv, matchText } from './support.js';

const CREDENTIAL_404 = [
  'go: github.com/acme/private@v1.2.0: reading https://proxy.golang.org/github.com/acme/private/@v/v1.2.0.info: 404 Not Found',
  '\tserver response:',
  '\tnot found: github.com/acme/private@v1.2.0: invalid version: git ls-remote -q origin in /tmp/x: exit status 128:',
  "\t\tfatal: could not read Username for 'https://github.com': terminal prompts disabled",
  '\tConfirm the import path was entered correctly.',
].join('\n');

describe('private-module-proxied', () => {
  test.each([
    [CREDENTIAL_404, 0.9],
    ['go: git.corp.example.com/team/lib@v0.3.1: reading https://proxy.golang.org/git.corp.example.com/team/lib/@v/v0.3.1.info: 410 Gone', 0.85],
    ['go: example.com/x@v1.0.0: reading https://proxy.golang.org/example.com/x/@v/v1.0.0.info: 404 Not Found', 0.35],
    [
      "go: github.com/acme/private@v1.2.0: reading https://athens.corp.example.com/github.com/acme/private/@v/v1.2.0.info: 500 Internal Server Error\n\tserver response: fatal: could not read Username for 'https://github.com': terminal prompts disabled",
      0.9,
    ],
  ])('matches with the expected confidence: %s', (text, confidence) => {
    expect(matchText(privateModuleProxied, text)?.confidence).toBe(confidence);
  });

  test.each([
    'go: example.com/x@v1.0.0: verifying module: example.com/x@v1.0.0: reading https://sum.golang.org/lookup/example.com/x@v1.0.0: 410 Gone',
    'go: example.invalid/x@v1.0.0: unrecognized import path "example.invalid/x": reading https://example.invalid/x?go-get=1: 404 Not Found',
    'go: example.com/x@v1.0.0: reading https://proxy.golang.org/example.com/x/@v/v1.0.0.info: 500 Internal Server Error',
    'go: example.com/x@v1.0.0: module lookup disabled by GOPROXY=off',
    "go: github.com/acme/private@v1.2.0: invalid version: git ls-remote -q origin in /tmp/x: exit status 128:\n\tfatal: could not read Username for 'https://github.com': terminal prompts disabled",
  ])('does not match %s', (text) => {
    expect(matchText(privateModuleProxied, text)).toBeUndefined();
  });

  test('details tell a credential failure quoted by the proxy from a bare not-found', () => {
    expect(matchText(privateModuleProxied, CREDENTIAL_404)?.details).toEqual({
      kind: 'credential-failure',
      pattern: 'github.com/acme/*',
      credentialFailure: "fatal: could not read Username for 'https://github.com': terminal prompts disabled",
    });
    expect(matchText(privateModuleProxied, 'go: git.corp.example.com/team/lib@v0.3.1: reading https://proxy.golang.org/git.corp.example.com/team/lib/@v/v0.3.1.info: 410 Gone')?.details).toEqual({
      kind: 'not-found',
      pattern: 'git.corp.example.com',
    });
  });

  test('the GOPRIVATE fix extends the existing list with the owner pattern', () => {
    const env = goEnv({ GOPRIVATE: 'a.com' });
    const fixes = privateModuleProxied.fixes(diagnose(privateModuleProxied, CREDENTIAL_404, env), env);
    expect(fixes[0]).toEqual({ id: 'goprivate-add', command: "go env -w GOPRIVATE='a.com,github.com/acme/*'", text: expect.stringContaining('github.com/acme/*'), weakensSecurity: false });
  });

  test('GOPRIVATE from the OS environment is changed there, not with go env -w', () => {
    const env = goEnv({ GOPRIVATE: ['a.com', 'environment'] });
    const fixes = privateModuleProxied.fixes(diagnose(privateModuleProxied, CREDENTIAL_404, env), env);
    expect(fixes[0]?.id).toBe('goprivate-add');
    expect(fixes[0]?.command).toBe("export GOPRIVATE='a.com,github.com/acme/*'");
    expect(fixes[0]?.text).toMatch(/OS environment/);
  });

  test('without an environment the command keeps whatever GOPRIVATE holds', () => {
    const fixes = privateModuleProxied.fixes(diagnose(privateModuleProxied, CREDENTIAL_404));
    expect(fixes[0]?.command).toBe('go env -w "GOPRIVATE=$(go env GOPRIVATE),github.com/acme/*"');
  });

  test('a path GOPRIVATE already covers points at the environment the failing run came from', () => {
    const env = goEnv({ GOPRIVATE: 'github.com/acme' });
    const diagnosis = diagnose(privateModuleProxied, CREDENTIAL_404, env);
    expect(diagnosis.details.coveredByGoprivate).toBe('github.com/acme');
    const fixes = privateModuleProxied.fixes(diagnosis, env);
    expect(fixes[0]?.id).toBe('goprivate-elsewhere');
    expect(fixes[0]?.command).toBe('export GOPRIVATE=github.com/acme');
  });

  test('an explicit GONOPROXY that does not cover the path is extended first', () => {
    const env = goEnv({ GOPRIVATE: 'github.com/acme', GONOPROXY: 'none' });
    const fixes = privateModuleProxied.fixes(diagnose(privateModuleProxied, CREDENTIAL_404, env), env);
    expect(fixIds(fixes)).toEqual(['gonoproxy-add', 'goprivate-elsewhere', 'git-insteadof-ssh', 'private-proxy']);
    expect(fixes[0]?.command).toBe("go env -w GONOPROXY='none,github.com/acme/*'");
  });

  test('a company host becomes a host pattern and the fixes mention git credentials', () => {
    const fixes = privateModuleProxied.fixes(
      diagnose(privateModuleProxied, 'go: git.corp.example.com/team/lib@v0.3.1: reading https://proxy.golang.org/git.corp.example.com/team/lib/@v/v0.3.1.info: 410 Gone'),
      goEnv({}),
    );
    expect(fixIds(fixes)).toEqual(['goprivate-add', 'git-insteadof-ssh', 'private-proxy']);
    expect(fixes[0]?.command).toBe('go env -w GOPRIVATE=git.corp.example.com');
    expect(fixes[1]?.command).toBe('git config --global url."git@git.corp.example.com:".insteadOf "https://git.corp.example.com/"');
  });
});
