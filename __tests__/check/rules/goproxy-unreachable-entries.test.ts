/**
 * goproxy-unreachable-entries. That go never reads what follows `direct` or `off` (go1.26
 * src/cmd/go/internal/modfetch/proxy.go:84-95) is shown with the real go 1.26 against a loopback proxy
 * that records every request; the corrected value is then run through the same go and is used.
 */
import { goproxyInvalid } from '../../../src/check/rules/goproxy-invalid.js';
import { goproxyUnreachableEntries } from '../../../src/check/rules/goproxy-unreachable-entries.js';
import { shellQuote } from '../../../src/fix.js';
import { availableGoVersions } from '../../helpers/go-toolchains.js';
import { exampleModules, startFakeGoProxy } from '../../helpers/fake-goproxy.js';
import { detect, goDownload, oneFinding, realInput, syntheticInput } from '../rules/support.js';

const haveGo126 = availableGoVersions(['1.26']).length > 0;
const describeGo = haveGo126 ? describe : describe.skip;

describeGo('goproxy-unreachable-entries against the real go 1.26', () => {
  test('`direct,<proxy>`: go never asks the proxy; with direct last it does', async () => {
    const proxy = await startFakeGoProxy({ modules: exampleModules() });
    try {
      const env = { GOPROXY: `direct,${proxy.url}`, GOSUMDB: 'off' };
      const before = await goDownload({ env, go: '1.26' }, '1.26');
      expect(before.exitCode).not.toBe(0);
      expect(before.stderr).toContain('https://example.com/hello?go-get=1');
      expect(proxy.requests).toEqual([]);

      const f = oneFinding(goproxyUnreachableEntries, await realInput({ env, go: '1.26' }));
      expect(f).toMatchObject({ id: 'goproxy-unreachable-entries', severity: 'warning', group: 'config' });
      expect(f.message).toBe('GOPROXY lists 1 entry after "direct", which go never reaches: "direct" ends the list.');
      expect(f.fixes.map((x) => [x.id, x.command])).toEqual([
        ['goproxy-direct-last', `export GOPROXY=${proxy.url},direct`],
        ['goproxy-drop-unreachable', 'export GOPROXY=direct'],
      ]);

      const after = await goDownload({ env: { ...env, GOPROXY: `${proxy.url},direct` }, go: '1.26' }, '1.26');
      expect(after).toMatchObject({ exitCode: 0 });
      expect(proxy.requests.map((r) => r.path)).toContain('/example.com/hello/@v/v1.0.0.zip');
    } finally {
      await proxy.close();
    }
  });

  test('`off,ftp://…`: go never even checks what follows off, so no fix puts the invalid entry in reach', async () => {
    const env = { GOPROXY: 'off,ftp://mirror.invalid', GOSUMDB: 'off' };
    const { stderr } = await goDownload({ env, go: '1.26' }, '1.26');
    expect(stderr).toContain('module lookup disabled by GOPROXY=off');
    expect(stderr).not.toContain('invalid proxy URL scheme');
    const input = await realInput({ env, go: '1.26' });
    expect(goproxyInvalid.detect(input)).toEqual([]);
    const f = oneFinding(goproxyUnreachableEntries, input);
    expect(f.fixes.map((x) => [x.id, x.command])).toEqual([['goproxy-drop-unreachable', 'export GOPROXY=off']]);
  });
});

describe('goproxy-unreachable-entries: which values', () => {
  test.each([
    ['https://a.example,direct,https://b.example', 'goproxy-direct-last', 'https://a.example,https://b.example,direct', 'https://a.example,direct'],
    // `|` before direct (any error goes on) is kept for the entries now in front of it.
    ['https://a.example|direct,https://b.example', 'goproxy-direct-last', 'https://a.example|https://b.example|direct', 'https://a.example|direct'],
    ['https://a.example,off,https://b.example', 'goproxy-remove-off', 'https://a.example,https://b.example', 'https://a.example,off'],
    ['direct , , https://b.example,https://c.example', 'goproxy-direct-last', 'https://b.example,https://c.example,direct', 'direct'],
  ])('%s', (goproxy, firstId, allReachable, asGoReadsIt) => {
    const f = oneFinding(goproxyUnreachableEntries, syntheticInput('go1.26.0', { GOPROXY: goproxy }));
    expect(f.fixes.map((x) => [x.id, x.command])).toEqual([
      [firstId, `export GOPROXY=${shellQuote(allReachable)}`],
      ['goproxy-drop-unreachable', `export GOPROXY=${shellQuote(asGoReadsIt)}`],
    ]);
  });

  test.each(['https://proxy.golang.org,direct', 'off', 'direct', 'https://a.example,direct,'])('%s: no finding', (goproxy) => {
    expect(detect(goproxyUnreachableEntries, syntheticInput('go1.26.0', { GOPROXY: goproxy }))).toEqual([]);
  });
});
