import { toolchainDownload } from '../../src/scenarios/toolchain-download.js';
import { diagnose, fixIds, goEnv, matchText } from './support.js';

describe('toolchain-download', () => {
  test.each([
    ['go: go.mod requires go >= 1.98.0 (running go 1.23.5; GOTOOLCHAIN=local)', 'too-new', '1.98.0'],
    ['go: example.com/x@v1.0.0 requires go >= 1.22 (running go 1.21.13; GOTOOLCHAIN=local)', 'too-new', '1.22'],
    ['go: download go1.98.0 for linux/amd64: toolchain not available', 'not-available', 'go1.98.0'],
    ['go: download go1.99.0: golang.org/toolchain@v0.0.1-go1.99.0.linux-amd64: verifying module: checksum database disabled by GOSUMDB=off', 'download-failed', 'go1.99.0'],
    ['go: invalid toolchain: go1.98 is a language version but not a toolchain version (go1.98.x)', 'language-version', 'go1.98'],
    ['go: invalid GOTOOLCHAIN "bogus"', 'invalid-gotoolchain', undefined],
    ['go: cannot find "go1.98.0" in PATH', 'not-in-path', 'go1.98.0'],
    ["/w/go.mod:3: invalid go version '1.98.0': must match format 1.23", 'old-go', '1.98.0'],
    ['go: errors parsing go.mod:\n/w/go.mod:5: unknown directive: toolchain', 'old-go', undefined],
  ])('matches %s', (text, kind, version) => {
    const match = matchText(toolchainDownload, text);
    expect(match?.details.kind).toBe(kind);
    expect(match?.fields.version).toBe(version);
    expect(match?.fields.module).toBeUndefined();
  });

  test.each([
    'go: downloading go1.98.0 (linux/amd64)',
    'go: example.com/x@v1.0.0: module lookup disabled by GOPROXY=off',
    'go: example.com/x@v1.0.0: reading https://proxy.golang.org/example.com/x/@v/v1.0.0.info: 404 Not Found',
  ])('does not match %s', (text) => {
    expect(matchText(toolchainDownload, text)).toBeUndefined();
  });

  test('running version and GOTOOLCHAIN are extracted', () => {
    expect(matchText(toolchainDownload, 'go: go.mod requires go >= 1.98.0 (running go 1.23.5; GOTOOLCHAIN=local)')?.details).toEqual({
      kind: 'too-new',
      required: '1.98.0',
      running: '1.23.5',
      gotoolchain: 'local',
    });
  });

  test('GOTOOLCHAIN=local from the OS environment is removed there', () => {
    const env = goEnv({ GOTOOLCHAIN: ['local', 'environment'] });
    const fixes = toolchainDownload.fixes(diagnose(toolchainDownload, 'go: go.mod requires go >= 1.98.0 (running go 1.23.5; GOTOOLCHAIN=local)', env), env);
    expect(fixIds(fixes)).toEqual(['gotoolchain-auto', 'install-toolchain', 'lower-go-line']);
    expect(fixes[0]?.command).toBe('unset GOTOOLCHAIN');
    expect(fixes[1]?.command).toBe('go install golang.org/dl/go1.98.0@latest && go1.98.0 download');
    expect(fixes[2]?.command).toBe('go mod edit -go=1.23.5');
  });

  test('GOTOOLCHAIN=local from go.env (a distribution default) is overridden with go env -w', () => {
    const env = goEnv({ GOTOOLCHAIN: ['local', 'goroot-go.env'] });
    const fixes = toolchainDownload.fixes(diagnose(toolchainDownload, 'go: go.mod requires go >= 1.98.0 (running go 1.23.5; GOTOOLCHAIN=local)', env), env);
    expect(fixes[0]?.id).toBe('gotoolchain-auto');
    expect(fixes[0]?.command).toBe('go env -w GOTOOLCHAIN=auto');
  });

  test('GOSUMDB=off blocks toolchain downloads: turn it back on', () => {
    const env = goEnv({ GOSUMDB: 'off' });
    const text = 'go: download go1.99.0: golang.org/toolchain@v0.0.1-go1.99.0.linux-amd64: verifying module: checksum database disabled by GOSUMDB=off';
    const fixes = toolchainDownload.fixes(diagnose(toolchainDownload, text, env), env);
    expect(fixIds(fixes)).toEqual(['gosumdb-unset', 'install-toolchain']);
    expect(fixes[0]?.command).toBe('go env -u GOSUMDB');
  });
});
