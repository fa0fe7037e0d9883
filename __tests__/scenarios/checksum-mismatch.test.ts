import { checksumMismatch } from '../../src/scenarios/checksum-mismatch.js';
import { diagnose, fixIds, fixText, matchText } from './support.js';

const GOSUM = [
  'verifying example.com/hello@v1.0.0: checksum mismatch',
  '\tdownloaded: h1:qDMnqViAg3TUWbRKenCEjFKQ+99hcZxxHJnIZYUZmf4=',
  '\tgo.sum:     h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
  '',
  'SECURITY ERROR',
  'This download does NOT match an earlier download recorded in go.sum.',
  'The bits may have been replaced on the origin server, or an attacker may',
  'have intercepted the download attempt.',
  '',
  "For more information, see 'go help module-auth'.",
].join('\n');
const SUMDB = [
  'go: example.com/Upper@v1.0.0-RC1: verifying module: checksum mismatch',
  '\tdownloaded: h1:RUH+IJAkhyC8BPuI8WHpGkuiN5rPnXotOhaMTujKwlM=',
  '\tsum.golang.org: h1:RgD4nH84Sq4f+aRL6oPS7AKdH/xYsj7VhMkJsGmHfHs=',
  '',
  'SECURITY ERROR',
  'This download does NOT match the one reported by the checksum server.',
].join('\n');
const MISSING = 'main.go:3:8: missing go.sum entry for module providing package example.com/hello (imported by example.com/main); to add:\n\tgo get example.com/main';

describe('checksum-mismatch', () => {
  test('a go.sum mismatch: kind, hashes, module and version', () => {
    const match = matchText(checksumMismatch, GOSUM);
    expect(match?.details).toMatchObject({
      kind: 'go-sum',
      sumFile: 'go.sum',
      downloaded: 'h1:qDMnqViAg3TUWbRKenCEjFKQ+99hcZxxHJnIZYUZmf4=',
      recorded: 'h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
    });
    expect(match?.fields).toEqual({ module: 'example.com/hello', version: 'v1.0.0' });
  });

  test('a checksum-database mismatch names the database', () => {
    expect(matchText(checksumMismatch, SUMDB)?.details).toMatchObject({ kind: 'sumdb', database: 'sum.golang.org' });
  });

  test('a go.work.sum mismatch is a go-sum kind too', () => {
    const text = 'verifying example.com/x@v1.0.0/go.mod: checksum mismatch\n\tdownloaded: h1:a=\n\t/w/go.work.sum:     h1:b=';
    const match = matchText(checksumMismatch, text);
    expect(match?.fields.version).toBe('v1.0.0');
  });

  test('missing go.sum entry keeps the command go suggested', () => {
    expect(matchText(checksumMismatch, MISSING)?.details).toEqual({ kind: 'missing', suggestion: 'go get example.com/main' });
  });

  test.each([
    'go: example.com/x@v1.0.0: verifying module: example.com/x@v1.0.0: reading https://sum.golang.org/lookup/example.com/x@v1.0.0: 410 Gone',
    'go: example.com/x@v1.0.0: reading https://proxy.golang.org/example.com/x/@v/v1.0.0.info: 404 Not Found',
    'go: downloading example.com/x v1.0.0',
  ])('does not match %s', (text) => {
    expect(matchText(checksumMismatch, text)).toBeUndefined();
  });

  test.each([GOSUM, SUMDB])('never advises deleting go.sum as a fix', (text) => {
    const fixes = checksumMismatch.fixes(diagnose(checksumMismatch, text));
    for (const fix of fixes) {
      expect(fix.command ?? '').not.toMatch(/\brm\b[^&|;]*go\.sum|>\s*go\.sum(?!\.)|truncate/);
    }
    expect(fixes[0]?.id).toBe('keep-go-sum');
  });

  test('the only fix that drops go.sum lines targets this module and version, is marked and comes last', () => {
    const fixes = checksumMismatch.fixes(diagnose(checksumMismatch, GOSUM));
    const dropping = fixes.filter((fix) => fix.command?.includes('awk'));
    expect(dropping).toHaveLength(1);
    expect(dropping[0]?.id).toBe('drop-go-sum-lines');
    expect(dropping[0]?.weakensSecurity).toBe(true);
    expect(fixes[fixes.length - 1]).toBe(dropping[0]);
    expect(dropping[0]?.command).toContain('$1 == "example.com/hello" && ($2 == "v1.0.0" || $2 == "v1.0.0/go.mod")');
  });

  test('a database mismatch never suggests bypassing the database', () => {
    const fixes = checksumMismatch.fixes(diagnose(checksumMismatch, SUMDB));
    expect(fixText(fixes)).not.toMatch(/GONOSUMDB=|GOSUMDB=off|GOFLAGS=-insecure/);
    expect(fixIds(fixes)).toEqual(['keep-go-sum', 'clean-modcache', 'report-mirror', 'require-new-version']);
    expect(fixes.find((fix) => fix.id === 'clean-modcache')?.command).toBe('go clean -modcache && go mod download example.com/Upper@v1.0.0-RC1');
  });

  test('missing entry: the suggested command first', () => {
    const fixes = checksumMismatch.fixes(diagnose(checksumMismatch, MISSING));
    expect(fixIds(fixes)).toEqual(['go-sum-record', 'go-mod-tidy']);
    expect(fixes.map((fix) => fix.command)).toEqual(['go get example.com/main', 'go mod tidy']);
  });
});
