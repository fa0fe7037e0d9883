import { proxyConfigInvalid } from '../../src/scenarios/proxy-config-invalid.js';
import { diagnose, fixIds, goEnv, matchText } from './support.js';

describe('proxy-config-invalid', () => {
  test.each([
    ['go: x@v1.0.0: module lookup disabled by GOPROXY=off', 'goproxy-off'],
    ['go: x@v1.0.0: module lookup disabled by -mod=vendor', 'mod-vendor'],
    ['go: x@v1.0.0: GOPROXY list is not the empty string, but contains no entries', 'empty-list'],
    ['go: x@v1.0.0: invalid proxy URL missing scheme: localhost', 'missing-scheme'],
    ['go: x@v1.0.0: invalid proxy URL scheme (must be https, http, file): ftp://x', 'bad-scheme'],
    ['go: x@v1.0.0: invalid file:// proxy URL with non-path elements: file://host/p', 'bad-file-url'],
    ['go: x@v1.0.0: parse "\\"https://proxy.example.com\\"": first path segment in URL cannot contain colon', 'quoted-value'],
    ['warning: go env -w GOPROXY=... does not override conflicting OS environment variable', 'shadowed'],
    ["go: modules disabled by GO111MODULE=off; see 'go help modules'", 'modules-off'],
    ['go: -insecure flag is no longer supported; use GOINSECURE instead', 'insecure-flag'],
    ['go: parsing $GOFLAGS: unknown flag -bogus', 'goflags'],
    ['go: x@v1.0.0: refusing to pass credentials to insecure URL: http://u:xxxxx@127.0.0.1:1/x', 'insecure-credentials'],
    ['go: x@v1.0.0: Get "https://127.0.0.1:8080/x/@v/v1.0.0.info": http: server gave HTTP response to HTTPS client', 'http-to-https'],
  ])('matches %s', (text, kind) => {
    expect(matchText(proxyConfigInvalid, text)?.details.kind).toBe(kind);
  });

  test.each([
    ['go: x@v1.0.0: invalid proxy URL missing scheme: localhost', { kind: 'missing-scheme', entry: 'localhost' }],
    ['go: x@v1.0.0: invalid proxy URL scheme (must be https, http, file): ftp://x', { kind: 'bad-scheme', entry: 'ftp://x' }],
    ['warning: go env -w GOPROXY=... does not override conflicting OS environment variable', { kind: 'shadowed', variable: 'GOPROXY' }],
    ['go: x@v1.0.0: refusing to pass credentials to insecure URL: http://u:xxxxx@127.0.0.1:1/x', { kind: 'insecure-credentials', url: 'http://u:xxxxx@127.0.0.1:1/x' }],
    [
      'go: x@v1.0.0: redirected from secure URL https://goproxy.example.com/x to insecure URL http://goproxy.example.com/x',
      { kind: 'insecure-redirect', from: 'https://goproxy.example.com/x', to: 'http://goproxy.example.com/x' },
    ],
    ['go: x@v1.0.0: module lookup disabled by GOPROXY=off', { kind: 'goproxy-off' }],
  ])('names what it found: %s', (text, details) => {
    expect(matchText(proxyConfigInvalid, text)?.details).toEqual(details);
  });

  test.each([
    'go: x@v1.0.0: reading https://proxy.golang.org/x/@v/v1.0.0.info: 404 Not Found',
    'go: x@v1.0.0: Get "https://p.example.com/x": proxyconnect tcp: http: server gave HTTP response to HTTPS client',
    'go: downloading example.com/x v1.0.0',
    'go: go.mod requires go >= 1.98.0 (running go 1.23.5; GOTOOLCHAIN=local)',
  ])('does not match %s', (text) => {
    expect(matchText(proxyConfigInvalid, text)).toBeUndefined();
  });

  test('GOPROXY=off from the OS environment: unset it there', () => {
    const env = goEnv({ GOPROXY: ['off', 'environment'] });
    const fixes = proxyConfigInvalid.fixes(diagnose(proxyConfigInvalid, 'go: x.example.com/y@v1.0.0: module lookup disabled by GOPROXY=off', env), env);
    expect(fixIds(fixes)).toEqual(['goproxy-unset', 'vendor-offline', 'goprivate-add']);
    expect(fixes[0]?.command).toBe('unset GOPROXY');
    expect(fixes[0]?.text).toMatch(/OS environment/);
  });

  test('GOPROXY=off from go env -w: go env -u', () => {
    const env = goEnv({ GOPROXY: 'off' });
    const fixes = proxyConfigInvalid.fixes(diagnose(proxyConfigInvalid, 'go: x.example.com/y@v1.0.0: module lookup disabled by GOPROXY=off', env), env);
    expect(fixes[0]?.id).toBe('goproxy-unset');
    expect(fixes[0]?.command).toBe('go env -u GOPROXY');
  });

  test('GOPROXY=off in the log but not here: the log came from elsewhere', () => {
    const env = goEnv({ GOPROXY: ['https://proxy.golang.org,direct', 'goroot-go.env'] });
    const fixes = proxyConfigInvalid.fixes(diagnose(proxyConfigInvalid, 'go: x.example.com/y@v1.0.0: module lookup disabled by GOPROXY=off', env), env);
    expect(fixIds(fixes)).toEqual(['goproxy-off-elsewhere', 'vendor-offline', 'goprivate-add']);
    expect(fixes[0]?.command).toBeUndefined();
  });

  test('a bad entry is rewritten inside the current list', () => {
    const env = goEnv({ GOPROXY: 'DIRECT' });
    const fixes = proxyConfigInvalid.fixes(diagnose(proxyConfigInvalid, 'go: x@v1.0.0: invalid proxy URL missing scheme: DIRECT', env), env);
    expect(fixIds(fixes)).toEqual(['goproxy-fix-entry']);
    expect(fixes[0]?.command).toBe('go env -w GOPROXY=direct');
    const env2 = goEnv({ GOPROXY: ['https://a.example.com,ftp://b.example.com,direct', 'environment'] });
    const fixes2 = proxyConfigInvalid.fixes(diagnose(proxyConfigInvalid, 'go: x@v1.0.0: invalid proxy URL scheme (must be https, http, file): ftp://b.example.com', env2), env2);
    expect(fixes2[0]?.command).toBe('export GOPROXY=https://a.example.com,https://b.example.com,direct');
  });

  test('a plain-HTTP proxy written without scheme gets http:// added', () => {
    const env = goEnv({ GOPROXY: '127.0.0.1:8080' });
    const fixes = proxyConfigInvalid.fixes(
      diagnose(proxyConfigInvalid, 'go: x@v1.0.0: Get "https://127.0.0.1:8080/x/@v/v1.0.0.info": http: server gave HTTP response to HTTPS client', env),
      env,
    );
    expect(fixIds(fixes)).toEqual(['goproxy-scheme', 'goproxy-add-http']);
    expect(fixes[1]?.command).toBe('go env -w GOPROXY=http://127.0.0.1:8080');
  });

  test('-insecure: remove it first; GOINSECURE is offered only as a marked fix', () => {
    const fixes = proxyConfigInvalid.fixes(diagnose(proxyConfigInvalid, 'go: -insecure flag is no longer supported; use GOINSECURE instead'), goEnv({ GOFLAGS: ['-insecure', 'environment'] }));
    expect(fixIds(fixes)).toEqual(['insecure-flag-remove']);
    expect(fixes[0]?.command).toBe('unset GOFLAGS');
    expect(fixes.filter((fix) => fix.weakensSecurity).every((fix) => fix.command?.includes('GOINSECURE'))).toBe(true);
  });
});
