/** pattern-ignored, read through the real `go env` of go 1.23. */
import { patternIgnored } from '../../../src/check/rules/pattern-ignored.js';
import { HAVE_GO_123, oneFinding, realInput } from '../rules/support.js';

const describeGo = HAVE_GO_123 ? describe : describe.skip;

describeGo('pattern-ignored', () => {
  test('pattern entries go never matches (spaces, URLs)', async () => {
    const f = oneFinding(patternIgnored, await realInput({ env: { GOPRIVATE: 'git.corp.example.com, https://github.com/acme' } }));
    expect(f.fixes[0]).toMatchObject({ id: 'goprivate-rewrite', command: 'export GOPRIVATE=git.corp.example.com,github.com/acme' });
  });

  test('a list of nothing but malformed patterns is removed', async () => {
    const f = oneFinding(patternIgnored, await realInput({ env: { GOINSECURE: '[' } }));
    expect(f.evidence.join('\n')).toContain('malformed patterns are silently ignored: "["');
    expect(f.fixes[0]).toMatchObject({ id: 'goinsecure-unset', command: 'unset GOINSECURE' });
  });

  test('GONOPROXY inherited from GOPRIVATE is not reported twice', async () => {
    const found = patternIgnored.detect(await realInput({ env: { GOPRIVATE: ' git.corp.example.com' } }));
    expect(found.map((f) => f.message)).toEqual(['Some GOPRIVATE entries can never match a module path, so go ignores them.']);
  });
});
