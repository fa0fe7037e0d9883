/** goprivate-too-broad, gonosumdb-too-broad and goinsecure-too-broad (and overBroadReason, which they share), read through the real `go env` of go 1.23. */
import { overBroadReason } from '../../../src/check/pattern-breadth.js';
import { goinsecureTooBroad } from '../../../src/check/rules/goinsecure-too-broad.js';
import { gonosumdbTooBroad } from '../../../src/check/rules/gonosumdb-too-broad.js';
import { goprivateTooBroad } from '../../../src/check/rules/goprivate-too-broad.js';
import { HAVE_GO_123, oneFinding, PRIVATE_GO_MOD, realInput, type CheckCase } from '../rules/support.js';

const describeGo = HAVE_GO_123 ? describe : describe.skip;

describe('overBroadReason', () => {
  test.each([
    ['*', true],
    ['*.com', true],
    ['*/*', true],
    ['github.com', true],
    ['github.com/*', true],
    ['github.com/', true],
    ['golang.org', true],
    ['*.corp.example.com', false],
    ['*.example.com', false],
    ['github.com/acme', false],
    ['github.com/acme/*', false],
    ['git.corp.example.com', false],
  ])('%s → broad %s', (pattern, broad) => {
    expect(overBroadReason(pattern) !== undefined).toBe(broad);
  });
});

const TOO_BROAD: CheckCase = { env: { GONOSUMDB: '*', GOINSECURE: 'github.com', GOPRIVATE: 'github.com/*,git.corp.example.com' }, goMod: PRIVATE_GO_MOD };

describeGo('gonosumdb-too-broad', () => {
  test('over-broad GONOSUMDB: narrowed to the private path from go.mod', async () => {
    expect(oneFinding(gonosumdbTooBroad, await realInput(TOO_BROAD)).fixes[0]).toMatchObject({ id: 'gonosumdb-narrow', command: 'export GONOSUMDB=git.corp.example.com' });
  });

  test('a GONOSUMDB inherited from a broad GOPRIVATE is reported once, under GOPRIVATE', async () => {
    const input = await realInput({ env: { GOPRIVATE: '*', GONOSUMDB: undefined } });
    expect(input.env.variables.GONOSUMDB?.origin).toBe('derived');
    expect(oneFinding(goprivateTooBroad, input).evidence).toContain('"*" matches every module under any host');
    expect(gonosumdbTooBroad.detect(input)).toEqual([]);
  });
});

describeGo('goinsecure-too-broad', () => {
  test('over-broad GOINSECURE with nothing narrow to keep: removed', async () => {
    expect(oneFinding(goinsecureTooBroad, await realInput(TOO_BROAD)).fixes[0]).toMatchObject({ id: 'goinsecure-unset', command: 'unset GOINSECURE' });
  });

  test('public modules from go.mod that a broad pattern covers are named', async () => {
    const f = oneFinding(goinsecureTooBroad, await realInput({ env: { GOINSECURE: '*.com' }, goMod: PRIVATE_GO_MOD }));
    expect(f.evidence).toContain('it covers public modules from go.mod, e.g. example.com/hello@v1.0.0');
  });
});

describeGo('goprivate-too-broad', () => {
  test('over-broad GOPRIVATE: the narrow entries are kept', async () => {
    expect(oneFinding(goprivateTooBroad, await realInput(TOO_BROAD)).fixes[0]).toMatchObject({ id: 'goprivate-narrow', command: 'export GOPRIVATE=git.corp.example.com' });
    expect(goprivateTooBroad.detect(await realInput({ env: { GOPRIVATE: '*.corp.example.com,github.com/acme' } }))).toEqual([]);
  });
});
