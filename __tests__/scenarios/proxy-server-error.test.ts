import { proxyServerError } from '../../src/scenarios/proxy-server-error.js';
import { diagnose, fixIds, fixText, goEnv, matchText } from './support.js';

describe('proxy-server-error', () => {
  test.each([
    ['go: x@v1.0.0: reading https://goproxy.corp.example.com/x/@v/v1.0.0.info: 502 Bad Gateway', 'http-5xx'],
    ['go: x@v1.0.0: reading http://127.0.0.1:1/x/@v/v1.0.0.info: 500 Internal Server Error\n\tserver response:\n\tline 1\n\t[Truncated: too many lines.]', 'http-5xx'],
    ['go: x@v1.0.0: read "https://goproxy.corp.example.com/x/@v/v1.0.0.zip": unexpected EOF', 'truncated'],
    ['go: x@v1.0.0: zip: not a valid zip file', 'poisoned-cache'],
    ['go: example.com/m@v1.0.0: parsing go.mod: missing module line', 'poisoned-cache'],
    ['go: x@v1.0.0: zip: checksum error', 'corrupt-zip'],
    ['go: x@v1.0.0: invalid response from proxy "https://goproxy.corp.example.com": invalid character \'<\' looking for beginning of value', 'html-response'],
    ['go: x@v1.0.0: invalid response from proxy "https://goproxy.corp.example.com": unexpected end of JSON input', 'invalid-response'],
    ['go: x@v1.0.0: proxy returned info for version v1.0.1 instead of requested version', 'invalid-response'],
    ['go: x@v1.0.0: Get "/fault/x/@v/v1.0.0.info": stopped after 10 redirects', 'redirect-loop'],
  ])('matches %s', (text, kind) => {
    expect(matchText(proxyServerError, text)?.details.kind).toBe(kind);
  });

  test.each([
    'go: x@v1.0.0: reading https://proxy.golang.org/x/@v/v1.0.0.info: 404 Not Found',
    'go: x@v1.0.0: Get "https://proxy.golang.org/x": dial tcp 1.2.3.4:443: i/o timeout',
    'go: x@v1.0.0: Get "https://proxy.golang.org/x/@v/v1.0.0.info": Bad Gateway',
  ])('does not match %s', (text) => {
    expect(matchText(proxyServerError, text)).toBeUndefined();
  });

  test('5xx from the checksum database is only a runner-up', () => {
    const match = matchText(proxyServerError, 'go: x@v1.0.0: verifying module: x@v1.0.0: reading https://sum.golang.org/lookup/x@v1.0.0: 503 Service Unavailable');
    expect(match?.confidence).toBeLessThan(0.5);
  });

  test('5xx: "|" fallback built from the current list', () => {
    const env = goEnv({ GOPROXY: 'https://goproxy.corp.example.com,https://proxy.golang.org,direct' });
    const fixes = proxyServerError.fixes(diagnose(proxyServerError, 'go: x@v1.0.0: reading https://goproxy.corp.example.com/x/@v/v1.0.0.info: 503 Service Unavailable', env), env);
    expect(fixIds(fixes)).toEqual(['retry', 'goproxy-pipe-fallback']);
    expect(fixes[0]?.command).toBe('go mod download x@v1.0.0');
    expect(fixes[1]?.command).toBe("go env -w GOPROXY='https://goproxy.corp.example.com|https://proxy.golang.org,direct'");
  });

  test('truncated downloads: clean the cache and retry', () => {
    const fixes = proxyServerError.fixes(diagnose(proxyServerError, 'go: x.example.com/m@v1.0.0: read "https://p.example.com/x.example.com/m/@v/v1.0.0.zip": unexpected EOF'));
    expect(fixIds(fixes)).toEqual(['clean-modcache', 'try-other-proxy']);
    expect(fixes[0]?.command).toBe('go clean -modcache && go mod download x.example.com/m@v1.0.0');
    expect(fixText(fixes)).not.toMatch(/GOSUMDB=off|GONOSUMDB|GOINSECURE/);
  });
});
