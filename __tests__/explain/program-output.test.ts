/**
 * Errors that tests and programs print themselves look like go's ("connection reset by peer",
 * "no such host", "x509: …", "404 Not Found"), but only the go command's own module-fetch reports
 * may be diagnosed: `goproxy-doctor run -- go test ./...` must not blame the proxy for a failing test.
 */
import { blocksFromText } from '../../src/explain/read-log.js';
import { explainBlocks } from '../../src/explain/engine.js';

const GO_TEST_LOG = [
  '=== RUN   TestRetry',
  '    server_test.go:30: retrying after error: read tcp 127.0.0.1:50512->127.0.0.1:8080: read: connection reset by peer',
  '    server_test.go:31: Get "http://127.0.0.1:8080/healthz": dial tcp 127.0.0.1:8080: connect: connection refused',
  '    client_test.go:12: lookup api.internal.invalid: no such host',
  '    tls_test.go:44: x509: certificate signed by unknown authority',
  '    fetch_test.go:9: GET /users/42: 404 Not Found',
  '    fetch_test.go:10: unexpected EOF',
  '    auth_test.go:18: 401 Unauthorized',
  '--- FAIL: TestRetry (0.02s)',
  'FAIL',
  'FAIL\texample.com/app/server\t0.031s',
].join('\n');

const GO_FETCH_FAILURE =
  'go: example.com/hello@v1.0.0: Get "https://proxy.corp.example/example.com/hello/@v/v1.0.0.info": dial tcp 10.0.0.1:443: connect: connection refused';

describe('program output is not mistaken for go fetch failures', () => {
  test('a failing go test log gives no diagnosis', () => {
    expect(explainBlocks(blocksFromText(GO_TEST_LOG)).diagnoses).toEqual([]);
  });

  test('a test message right after a go line is not read as that line’s details', () => {
    const log = 'go: downloading example.com/dep v1.2.0\n    retry_test.go:299: retrying after error: connection reset by peer\n';
    expect(explainBlocks(blocksFromText(log)).diagnoses).toEqual([]);
  });

  test('the go command’s own failure in the same log is still diagnosed, once', () => {
    const result = explainBlocks(blocksFromText(`${GO_TEST_LOG}\n${GO_FETCH_FAILURE}\n`));
    const main = result.diagnoses.filter((diagnosis) => !diagnosis.alternative);
    expect(main).toHaveLength(1);
    expect(main[0]?.scenario).toBe('network-blocked');
    expect(main[0]?.fields.module).toBe('example.com/hello');
  });
});
