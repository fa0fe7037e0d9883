/**
 * goproxy-credentials and goproxy-credentials-http, read through the real `go env` of go 1.23; go's own
 * refusal to send credentials over http is checked against the prediction.
 */
import { goproxyCredentials } from '../../../src/check/rules/goproxy-credentials.js';
import { goproxyCredentialsHttp } from '../../../src/check/rules/goproxy-credentials-http.js';
import { redactDeep } from '../../../src/redact.js';
import { detect, goDownload, HAVE_GO_123, oneFinding, predicted, realInput, syntheticInput } from '../rules/support.js';

const describeGo = HAVE_GO_123 ? describe : describe.skip;

describeGo('goproxy-credentials', () => {
  test('credentials in an https GOPROXY URL: a warning whose fixes move them to .netrc', async () => {
    const input = await realInput({ env: { GOPROXY: 'https://alice:s3cret-t0ken@proxy.corp.invalid/go' } });
    const f = oneFinding(goproxyCredentials, input);
    expect(f.group).toBe('credentials');
    expect(f.fixes.map((x) => x.id)).toEqual(['netrc-entry', 'goproxy-remove-credentials']);
    expect(f.fixes[0]?.command).toContain('machine proxy.corp.invalid\\nlogin alice\\npassword <token>');
    expect(f.fixes[1]?.command).toBe('export GOPROXY=https://proxy.corp.invalid/go');
    // The password only ever sits where positional redaction finds it (URL userinfo), so the report never shows it.
    expect(JSON.stringify(redactDeep(f))).not.toContain('s3cret-t0ken');
    expect(goproxyCredentialsHttp.detect(input)).toEqual([]);
  });
});

describeGo('goproxy-credentials-http', () => {
  test('credentials in an http GOPROXY URL: an error, as go refuses to send them', async () => {
    const env = { GOPROXY: 'http://alice:s3cret-t0ken@127.0.0.1:9/go' };
    const input = await realInput({ env });
    const f = oneFinding(goproxyCredentialsHttp, input);
    expect(f.severity).toBe('error');
    const { stderr } = await goDownload({ env });
    expect(stderr).toContain('refusing to pass credentials to insecure URL');
    expect(f.evidence.join('\n')).toContain('refusing to pass credentials to insecure URL');
    // Like go, the prediction shows the URL with its password masked.
    expect(predicted(f.evidence[1])).toBe('refusing to pass credentials to insecure URL: http://alice:xxxxx@127.0.0.1:9/go');
    expect(stderr).toContain('http://alice:xxxxx@127.0.0.1:9/go/');
    expect(f.fixes.map((x) => x.id)).toEqual(['goproxy-https-netrc']);
    expect(goproxyCredentials.detect(input)).toEqual([]);
  });
});

describe('goproxy-credentials with several entries', () => {
  test('one finding per entry with credentials, each rule for its scheme; the .netrc machine follows the Go version', () => {
    const goproxy = 'https://bob:tok1@a.example:8443,http://carol:tok2@b.example,https://c.example,direct';
    const https = detect(goproxyCredentials, syntheticInput('go1.23.5', { GOPROXY: goproxy }));
    expect(https.map((f) => f.message)).toEqual([expect.stringContaining('(a.example:8443)')]);
    expect(https[0]?.fixes[0]?.command).toContain("printf 'machine a.example:8443\\nlogin bob\\n");
    expect(https[0]?.fixes[1]?.command).toBe('export GOPROXY=https://a.example:8443,http://carol:tok2@b.example,https://c.example,direct');
    expect(detect(goproxyCredentials, syntheticInput('go1.19.13', { GOPROXY: goproxy }))[0]?.fixes[0]?.command).toContain("printf 'machine a.example\\nlogin bob\\n");
    expect(detect(goproxyCredentialsHttp, syntheticInput('go1.23.5', { GOPROXY: goproxy })).map((f) => f.message)).toEqual([expect.stringContaining('every request to b.example fails')]);
  });
});
