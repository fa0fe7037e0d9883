import { dnsFailure } from '../../src/scenarios/dns-failure.js';
import { diagnose, fixIds, goEnv, matchText } from './support.js';

describe('dns-failure', () => {
  test.each([
    ['go: example.com/x@v1.0.0: Get "https://proxy.example.invalid/example.com/x/@v/v1.0.0.info": dial tcp: lookup proxy.example.invalid on 127.0.0.53:53: no such host', 'proxy.example.invalid', 'no such host'],
    ['go: x@v1: Get "https://proxy.golang.org/x/@v/v1.info": dial tcp: lookup proxy.golang.org on 127.0.0.53:53: server misbehaving', 'proxy.golang.org', 'server misbehaving'],
    ['go: x@v1: Get "https://proxy.golang.org/x/@v/v1.info": dial tcp: lookup proxy.golang.org: Temporary failure in name resolution', 'proxy.golang.org', 'Temporary failure in name resolution'],
    ['go: x@v1: Get "https://proxy.golang.org/x/@v/v1.info": dial tcp: lookup proxy.golang.org on 10.0.0.2:53: read udp 10.0.0.5:41234->10.0.0.2:53: i/o timeout', 'proxy.golang.org', undefined],
    ["go: git.corp.example.com/a@v1.0.0: invalid version: git ls-remote -q origin in /x: exit status 128:\n\tfatal: unable to access 'https://git.corp.example.com/a/': Could not resolve host: git.corp.example.com", 'git.corp.example.com', 'Could not resolve host'],
  ])('matches %s', (text, host, error) => {
    const match = matchText(dnsFailure, text);
    expect(match?.fields.host).toBe(host);
    expect(match?.details.kind).toBe('target');
    if (error !== undefined) expect(match?.details.error).toBe(error);
  });

  test.each([
    'go: example.com/x@v1.0.0: module lookup disabled by GOPROXY=off',
    'go: example.com/x@v1.0.0: Get "http://127.0.0.1:1/x": dial tcp 127.0.0.1:1: connect: connection refused',
    'go: example.com/x@v1.0.0: Get "https://proxy.golang.org/x": dial tcp 142.250.0.1:443: i/o timeout',
  ])('does not match %s', (text) => {
    expect(matchText(dnsFailure, text)).toBeUndefined();
  });

  test('an unresolvable HTTPS_PROXY is named as the proxy, with proxy fixes first', () => {
    const text = 'go: x@v1.0.0: Get "https://proxy.golang.org/x/@v/v1.0.0.info": proxyconnect tcp: dial tcp: lookup corp-proxy.invalid on 127.0.0.53:53: no such host';
    const env = goEnv({ HTTPS_PROXY: ['http://corp-proxy.invalid:3128', 'environment'] });
    const diagnosis = diagnose(dnsFailure, text, env);
    expect(diagnosis.details.kind).toBe('http-proxy');
    expect(diagnosis.fields.host).toBe('corp-proxy.invalid');
    const fixes = dnsFailure.fixes(diagnosis, env);
    expect(fixIds(fixes)).toEqual(['https-proxy-host', 'unset-http-proxy', 'check-resolution']);
    expect(fixes[0]?.text).toContain('HTTPS_PROXY');
    expect(fixes[0]?.text).toContain('http://corp-proxy.invalid:3128');
  });

  test('a name that comes from GOPROXY is pointed out', () => {
    const text = 'go: x@v1.0.0: Get "https://goproxy.corp.invalid/x/@v/v1.0.0.info": dial tcp: lookup goproxy.corp.invalid on 127.0.0.53:53: no such host';
    const env = goEnv({ GOPROXY: 'https://goproxy.corp.invalid,direct' });
    const fixes = dnsFailure.fixes(diagnose(dnsFailure, text, env), env);
    expect(fixes[0]?.command).toBe('getent hosts goproxy.corp.invalid');
    expect(fixIds(fixes)).toEqual(['check-resolution', 'goproxy-typo', 'connect-vpn', 'use-http-proxy']);
    expect(fixes[1]?.text).toContain('https://goproxy.corp.invalid,direct');
  });
});
