/**
 * A number is an HTTP status only where go prints one (`reading <URL>: 407 …`, `unexpected status
 * (<URL>): 401 …`, a CONNECT reply's reason phrase). The digits of versions, pseudo-versions, paths,
 * hashes, line numbers and durations are never statuses, so `v1.0.407` is not a proxy asking for
 * credentials, and it never outranks a real failure in the same log.
 */
import { explainBlocks } from '../../src/explain/engine.js';
import { blocksFromText } from '../../src/explain/read-log.js';

const STATUS_LIKE = ['400', '401', '403', '404', '407', '410', '500', '502', '503'];

/** Lines of ordinary go output in which a status-like number sits inside something else. */
function innocentLines(code: string): string[] {
  return [
    `go: downloading github.com/acme/lib v1.0.${code}`,
    `go: downloading github.com/acme/lib v0.0.0-20240101${code}00-abcdef${code}abc`,
    `go: found github.com/acme/lib/v${code} in github.com/acme/lib/v${code} v${code}.0.0`,
    `go: added github.com/acme/lib v1.${code}.0`,
    `go: upgraded github.com/acme/lib v1.0.0 => v1.0.${code}`,
    `github.com/acme/lib v1.0.${code} h1:${code}abcdefABCDEF${code}xyz/${code}+AAAAAAAAAAAAAAAAAAA=`,
    `github.com/acme/lib v1.0.${code}/go.mod h1:AAAA${code}AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`,
    `ok  \tgithub.com/acme/app/pkg/v${code}\t0.${code}s`,
    `./main.go:${code}:12: declared and not used: x`,
    `--- PASS: TestCode${code} (0.${code}s)`,
  ];
}

describe('numbers inside versions, paths and hashes are never status codes', () => {
  test.each(STATUS_LIKE)('%s inside ordinary output gives no diagnosis', (code) => {
    const log = innocentLines(code).join('\n');
    expect(explainBlocks(blocksFromText(log)).diagnoses.map((diagnosis) => `${diagnosis.scenario}: ${diagnosis.evidence}`)).toEqual([]);
  });

  test('the issue example: `go: downloading github.com/acme/lib v1.0.407` alone', () => {
    expect(explainBlocks(blocksFromText('go: downloading github.com/acme/lib v1.0.407\n')).diagnoses).toEqual([]);
  });

  test('a version ending in 407 does not outrank, or join, a real checksum mismatch in the same log', () => {
    const log = [
      'go: downloading github.com/acme/lib v1.0.407',
      'verifying github.com/acme/lib@v1.0.407: checksum mismatch',
      '\tdownloaded: h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      '\tgo.sum:     h1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=',
      '',
      'SECURITY ERROR',
      'This download does NOT match an earlier download recorded in go.sum.',
    ].join('\n');
    const diagnoses = explainBlocks(blocksFromText(log)).diagnoses;
    expect(diagnoses[0]?.scenario).toBe('checksum-mismatch');
    expect(diagnoses[0]?.fields).toMatchObject({ module: 'github.com/acme/lib', version: 'v1.0.407' });
    expect(diagnoses.map((diagnosis) => diagnosis.scenario)).not.toContain('http-proxy-env');
    expect(diagnoses.every((diagnosis) => diagnosis.fields.status === undefined)).toBe(true);
  });

  test('a status go really printed is still read, in each place go prints one', () => {
    const cases: [string, string, number][] = [
      ['go: example.com/x@v1.0.407: reading https://proxy.corp.example/example.com/x/@v/v1.0.407.info: 407 Proxy Authentication Required', 'http-proxy-env', 407],
      ['go: example.com/x@v1.0.401: reading https://proxy.corp.example/example.com/x/@v/v1.0.401.info: 401 Unauthorized', 'auth-required', 401],
      ['go: example.com/x@v1.0.500: reading https://proxy.corp.example/example.com/x/@v/v1.0.500.info: 404 Not Found', 'module-not-found', 404],
      ['go: example.com/x@v1.0.0: Get "https://proxy.golang.org/example.com/x/@v/v1.0.0.info": Proxy Authentication Required', 'http-proxy-env', 407],
    ];
    for (const [line, scenario, status] of cases) {
      const top = explainBlocks(blocksFromText(line)).diagnoses[0];
      expect({ line, scenario: top?.scenario, status: top?.fields.status }).toEqual({ line, scenario, status });
    }
  });
});
