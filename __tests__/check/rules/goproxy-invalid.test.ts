/** goproxy-invalid, read through the real `go env` of go 1.23; every predicted error is checked against go's own. */
import { goproxyEmpty } from '../../../src/check/rules/goproxy-empty.js';
import { goproxyInvalid } from '../../../src/check/rules/goproxy-invalid.js';
import { goDownload, HAVE_GO_123, oneFinding, predicted, realInput } from '../rules/support.js';

const describeGo = HAVE_GO_123 ? describe : describe.skip;

describeGo('goproxy-invalid', () => {
  test("an invalid GOPROXY entry is reported with go's own error text", async () => {
    const input = await realInput({ env: { GOPROXY: 'ftp://mirror.invalid' } });
    const f = oneFinding(goproxyInvalid, input);
    const text = f.evidence.map(predicted).find((e) => e !== undefined) ?? '<missing>';
    expect(text).toBe('invalid proxy URL scheme (must be https, http, file): ftp://mirror.invalid');
    expect((await goDownload({ env: { GOPROXY: 'ftp://mirror.invalid' } })).stderr).toContain(text);
    expect(f.fixes[0]).toMatchObject({ id: 'goproxy-fix-entry', command: 'export GOPROXY=https://mirror.invalid' });
    expect(goproxyEmpty.detect(input)).toEqual([]);
  });

  test('a lower-case keyword written in capitals is not a keyword', async () => {
    const f = oneFinding(goproxyInvalid, await realInput({ env: { GOPROXY: 'https://proxy.golang.org,DIRECT' } }));
    expect(predicted(f.evidence[1])).toBe('invalid proxy URL missing scheme: DIRECT');
    expect(f.fixes[0]).toMatchObject({ id: 'goproxy-fix-entry', command: 'export GOPROXY=https://proxy.golang.org,direct' });
  });

  test('an entry go cannot parse as a URL: the parse error, and advice to rewrite it', async () => {
    const env = { GOPROXY: 'https://proxy .example.invalid' };
    const f = oneFinding(goproxyInvalid, await realInput({ env }));
    const text = predicted(f.evidence[1]) ?? '<missing>';
    expect(text).toBe('parse "https://proxy .example.invalid": invalid character " " in host name');
    expect((await goDownload({ env })).stderr).toContain(text);
    expect(f.fixes.map((x) => x.id)).toEqual(['goproxy-fix-entry']);
  });
});
