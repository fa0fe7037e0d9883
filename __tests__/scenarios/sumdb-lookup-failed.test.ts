import { sumdbLookupFailed } from '../../src/scenarios/sumdb-lookup-failed.js';
import { diagnose, fixIds, goEnv, matchText } from './support.js';

const PRIVATE_410 =
  'go: git.corp.example.com/team/lib@v0.3.1: verifying module: git.corp.example.com/team/lib@v0.3.1: reading https://sum.golang.org/lookup/git.corp.example.com/team/lib@v0.3.1: 410 Gone\n\tserver response: not found: git.corp.example.com/team/lib@v0.3.1: unrecognized import path';

describe('sumdb-lookup-failed', () => {
  test.each([
    [PRIVATE_410, 'not-found'],
    ['go: example.com/x@v1.0.0: verifying go.mod: example.com/x@v1.0.0/go.mod: reading http://127.0.0.1:4000/lookup/example.com/x@v1.0.0: 404 Not Found', 'not-found'],
    ['go: example.com/x@v1.0.0: verifying go.mod: example.com/x@v1.0.0/go.mod: reading https://goproxy.corp.example.com/sumdb/sum.golang.org/lookup/example.com/x@v1.0.0: 410 Gone', 'not-found'],
    ['go: example.com/x@v1.0.0: verifying module: example.com/x@v1.0.0: Get "https://sum.golang.org/lookup/example.com/x@v1.0.0": dial tcp 142.251.43.17:443: i/o timeout', 'unreachable'],
    ['go: example.com/x@v1.0.0: verifying module: example.com/x@v1.0.0: reading https://sum.golang.org/tile/8/0/x067/123: 403 Forbidden', 'blocked'],
    ['go: example.com/x@v1.0.0: verifying go.mod: example.com/x@v1.0.0/go.mod: Get "https://sum.golang.org/lookup/example.com/x@v1.0.0": dial tcp: lookup sum.golang.org on 127.0.0.53:53: no such host', 'dns'],
    ['go: example.com/x@v1.0.0: verifying go.mod: invalid GOSUMDB: malformed verifier id', 'config'],
    ['go: example.com/x@v1.0.0: verifying module: missing GOSUMDB', 'config'],
  ])('matches %s', (text, kind) => {
    expect(matchText(sumdbLookupFailed, text)?.details.kind).toBe(kind);
  });

  test.each([
    'go: example.com/x@v1.0.0: reading https://proxy.golang.org/example.com/x/@v/v1.0.0.info: 404 Not Found',
    'verifying example.com/x@v1.0.0: checksum mismatch\n\tdownloaded: h1:a\n\tgo.sum:     h1:b',
    'go: example.com/x@v1.0.0: verifying module: checksum mismatch\n\tdownloaded: h1:a\n\tsum.golang.org: h1:b',
    'go: example.com/x@v1.0.0: Get "https://proxy.golang.org/example.com/x/@v/v1.0.0.info": dial tcp: lookup proxy.golang.org: no such host',
  ])('does not match %s', (text) => {
    expect(matchText(sumdbLookupFailed, text)).toBeUndefined();
  });

  test('extracts module and version from the lookup URL and strips /go.mod', () => {
    const match = matchText(sumdbLookupFailed, 'go: example.com/x@v1.0.0: verifying go.mod: example.com/x@v1.0.0/go.mod: reading http://127.0.0.1:4000/lookup/example.com/x@v1.0.0: 404 Not Found');
    expect(match?.fields).toMatchObject({ module: 'example.com/x', version: 'v1.0.0', status: 404, host: '127.0.0.1:4000' });
  });

  test('a 410 for a private module yields the exact GONOSUMDB pattern, keeping inherited GOPRIVATE entries', () => {
    const env = goEnv({ GOPRIVATE: 'a.com' });
    const fixes = sumdbLookupFailed.fixes(diagnose(sumdbLookupFailed, PRIVATE_410, env), env);
    expect(fixIds(fixes)).toEqual(['gonosumdb-add', 'goprivate-add']);
    expect(fixes[0]?.command).toBe('go env -w GONOSUMDB=a.com,git.corp.example.com');
    expect(fixes[0]?.text).toMatch(/no longer inherits GOPRIVATE/);
    expect(fixes[1]?.command).toBe('go env -w GOPRIVATE=a.com,git.corp.example.com');
    // GONOSUMDB skips verification for the path and says so; GOPRIVATE is go's own way to declare a
    // module private (no database could vouch for it), so it is not counted as a weakening.
    expect(fixes.map((fix) => fix.weakensSecurity)).toEqual([true, false]);
  });

  test('GONOSUMDB set in the OS environment is extended there', () => {
    const env = goEnv({ GONOSUMDB: ['b.com', 'environment'] });
    const fixes = sumdbLookupFailed.fixes(diagnose(sumdbLookupFailed, PRIVATE_410, env), env);
    expect(fixes[0]?.id).toBe('gonosumdb-add');
    expect(fixes[0]?.command).toBe('export GONOSUMDB=b.com,git.corp.example.com');
  });

  test('an unreachable database: the mirror first, GOSUMDB=off last and marked', () => {
    const fixes = sumdbLookupFailed.fixes(
      diagnose(sumdbLookupFailed, 'go: example.com/x@v1.0.0: verifying module: example.com/x@v1.0.0: Get "https://sum.golang.org/lookup/example.com/x@v1.0.0": dial tcp 142.251.43.17:443: i/o timeout'),
      goEnv({}),
    );
    expect(fixes.find((fix) => fix.id === 'gosumdb-mirror')?.command).toBe('go env -w GOSUMDB=sum.golang.google.cn');
    const last = fixes[fixes.length - 1];
    expect(last?.id).toBe('gosumdb-off');
    expect(last?.command).toBe('go env -w GOSUMDB=off');
    expect(last?.weakensSecurity).toBe(true);
    expect(fixes.slice(0, -1).every((fix) => !fix.weakensSecurity)).toBe(true);
  });

  test('a malformed GOSUMDB from the OS environment is unset there, and +insecure is called out', () => {
    const env = goEnv({ GOSUMDB: ['sum.golang.org+insecure', 'environment'] });
    const fixes = sumdbLookupFailed.fixes(diagnose(sumdbLookupFailed, 'go: example.com/x@v1.0.0: verifying go.mod: invalid GOSUMDB: malformed verifier id', env), env);
    expect(fixIds(fixes)).toEqual(['gosumdb-unset', 'gosumdb-forms']);
    expect(fixes[0]?.command).toBe('unset GOSUMDB');
  });
});
