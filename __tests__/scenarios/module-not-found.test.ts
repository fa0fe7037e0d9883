import { moduleNotFound } from '../../src/scenarios/module-not-found.js';
import { diagnose, fixIds, goEnv, matchText } from './support.js';

describe('module-not-found', () => {
  test.each([
    ['go: example.com/x@v1.0.0: reading https://proxy.golang.org/example.com/x/@v/v1.0.0.info: 404 Not Found', 'http-not-found'],
    ['go: module example.com/x: reading https://proxy.golang.org/example.com/x/@v/list: 410 Gone', 'http-not-found'],
    ['go: github.com/acme/tool@v1.4.0: invalid version: unknown revision v1.4.0', 'unknown-revision'],
    ['go: module example.com/hello: no matching versions for query "v1.9"', 'no-matching-version'],
    ['go: example.com/major@v2.0.0: invalid version: should be v0 or v1, not v2', 'major-version'],
    ['go: example.com/lib@v2.1.0: invalid version: module contains a go.mod file, so module path must match major version ("example.com/lib/v2")', 'major-version'],
    ['go: example.com/lib@v1.2.0+incompatible: invalid version: +incompatible suffix not allowed: major version v1 is compatible', 'major-version'],
    ['go: example.com/a@v1.0.0 requires example.com/b@v1.0.0: parsing go.mod:\n\tmodule declares its path as: example.com/c\n\t        but was required as: example.com/b', 'path-mismatch'],
    ['go: malformed module path "mycorp/lib": missing dot in first path element', 'malformed-path'],
  ])('matches %s', (line, kind) => {
    expect(matchText(moduleNotFound, line)?.details.kind).toBe(kind);
  });

  test.each([
    'go: example.com/x@v1.0.0: module lookup disabled by GOPROXY=off',
    'go: example.com/x@v1.0.0: reading https://sum.golang.org/lookup/example.com/x@v1.0.0: 410 Gone',
    'go: example.com/x@v1.0.0: verifying go.mod: example.com/x@v1.0.0/go.mod: reading http://127.0.0.1:1/lookup/example.com/x@v1.0.0: 404 Not Found',
    'go: example.com/x@v1.0.0: reading https://goproxy.corp.example.com/example.com/x/@v/v1.0.0.info: 500 Internal Server Error',
    'go: example.com/x@v1.0.0: invalid version: git ls-remote -q origin in /tmp/x: exit status 128:\n\tfatal: unable to access \'https://example.com/x/\': Failed to connect to example.com port 443: Connection timed out',
    'go: download go1.98.0 for linux/amd64: toolchain not available',
    'go: download go1.98.0: golang.org/toolchain@v0.0.1-go1.98.0.linux-amd64: reading https://proxy.golang.org/golang.org/toolchain/@v/v0.0.1-go1.98.0.linux-amd64.zip: 404 Not Found',
    'go: downloading example.com/x v1.0.0',
  ])('does not match %s', (line) => {
    expect(matchText(moduleNotFound, line)).toBeUndefined();
  });

  test('extracts module, version, URL, host and status', () => {
    const match = matchText(moduleNotFound, 'go: example.com/x@v1.0.0: reading https://u:secret@proxy.example.com/example.com/x/@v/v1.0.0.info: 404 Not Found');
    expect(match?.fields).toEqual({
      module: 'example.com/x',
      version: 'v1.0.0',
      url: 'https://u:xxxxx@proxy.example.com/example.com/x/@v/v1.0.0.info',
      host: 'proxy.example.com',
      status: 404,
    });
  });

  test('a credential failure behind the 404 lowers the confidence below private-module-proxied', () => {
    const plain = matchText(moduleNotFound, 'go: example.com/x@v1.0.0: reading https://proxy.golang.org/example.com/x/@v/v1.0.0.info: 404 Not Found');
    const withCredentials = matchText(
      moduleNotFound,
      "go: example.com/x@v1.0.0: reading https://proxy.golang.org/example.com/x/@v/v1.0.0.info: 404 Not Found\n\tserver response:\n\tnot found: x\n\t\tfatal: could not read Username for 'https://example.com': terminal prompts disabled",
    );
    expect(withCredentials!.confidence).toBeLessThan(plain!.confidence);
  });

  test('fixes: list versions first, then a version that exists, and GOPRIVATE extended from the existing value', () => {
    const env = goEnv({ GOPRIVATE: 'a.com' });
    const fixes = moduleNotFound.fixes(diagnose(moduleNotFound, 'go: github.com/acme/x@v1.0.0: reading https://proxy.golang.org/github.com/acme/x/@v/v1.0.0.info: 404 Not Found'), env);
    expect(fixIds(fixes)).toEqual(['list-versions', 'require-existing-version', 'fetch-direct-once', 'goprivate-add']);
    expect(fixes[0]?.command).toBe('go list -m -versions github.com/acme/x');
    expect(fixes.find((fix) => fix.id === 'goprivate-add')?.command).toBe("go env -w GOPRIVATE='a.com,github.com/acme/*'");
    expect(fixes.every((fix) => !fix.weakensSecurity)).toBe(true);
  });

  test('fixes for a declared-path mismatch require the declared path', () => {
    const fixes = moduleNotFound.fixes(
      diagnose(moduleNotFound, 'go: example.com/b@v1.0.0: parsing go.mod:\n\tmodule declares its path as: example.com/c\n\t        but was required as: example.com/b'),
    );
    expect(fixIds(fixes)).toEqual(['require-declared-path', 'replace-fork']);
    expect(fixes[0]?.command).toBe('go get example.com/c@v1.0.0');
    expect(fixes[1]?.command).toMatch(/^go mod edit -replace=/);
  });
});
