import { httpProxyEnv } from '../../src/scenarios/http-proxy-env.js';
import { diagnose, fixIds, goEnv, matchText } from './support.js';

describe('http-proxy-env', () => {
  test.each([
    ['go: x@v1.0.0: Get "https://proxy.golang.org/x/@v/v1.0.0.info": proxyconnect tcp: dial tcp 127.0.0.1:3128: connect: connection refused', 'proxy-unreachable', '127.0.0.1:3128'],
    ['go: x@v1.0.0: Get "https://proxy.golang.org/x/@v/v1.0.0.info": Proxy Authentication Required', 'proxy-auth', 'proxy.golang.org'],
    ['go: x@v1.0.0: reading http://goproxy.internal/x/@v/v1.0.0.info: 407 Proxy Authentication Required', 'proxy-auth', 'goproxy.internal'],
    ['go: x@v1.0.0: Get "https://proxy.golang.org/x/@v/v1.0.0.info": Forbidden', 'connect-rejected', 'proxy.golang.org'],
    ['go: x@v1.0.0: Get "https://proxy.golang.org/x/@v/v1.0.0.info": proxyconnect tcp: tls: first record does not look like a TLS handshake', 'proxy-scheme', 'proxy.golang.org'],
    ['go: x@v1.0.0: Get "https://proxy.golang.org/x/@v/v1.0.0.info": invalid proxy address "http//proxy:3128": parse error', 'bad-proxy-url', 'proxy.golang.org'],
  ])('matches %s', (text, kind, host) => {
    const match = matchText(httpProxyEnv, text);
    expect(match?.details.kind).toBe(kind);
    expect(match?.fields.host).toBe(host);
  });

  test('a 407 through CONNECT gets status 407', () => {
    expect(matchText(httpProxyEnv, 'go: x@v1.0.0: Get "https://proxy.golang.org/x": Proxy Authentication Required')?.fields.status).toBe(407);
  });

  test.each([
    'go: x@v1.0.0: Get "http://127.0.0.1:1/x": dial tcp 127.0.0.1:1: connect: connection refused',
    'go: x@v1.0.0: reading https://goproxy.corp.example.com/x/@v/v1.0.0.info: 401 Unauthorized',
    'go: x@v1.0.0: Get "https://127.0.0.1:1/x": http: server gave HTTP response to HTTPS client',
  ])('does not match %s', (text) => {
    expect(matchText(httpProxyEnv, text)).toBeUndefined();
  });

  test('an unresolvable proxy name is a runner-up to dns-failure', () => {
    const match = matchText(httpProxyEnv, 'go: x@v1: Get "https://p.golang.org/x": proxyconnect tcp: dial tcp: lookup proxy.invalid on 127.0.0.53:53: no such host');
    expect(match?.details.kind).toBe('proxy-dns');
    expect(match?.confidence).toBeLessThan(0.9);
  });

  test('fixes show the current proxy value and offer NO_PROXY for an internal target', () => {
    const env = goEnv({ HTTPS_PROXY: ['http://127.0.0.1:3128', 'environment'], NO_PROXY: ['localhost', 'environment'] });
    const text = 'go: git.corp.example.com/lib@v1.0.0: Get "https://git.corp.example.com/lib?go-get=1": proxyconnect tcp: dial tcp 127.0.0.1:3128: connect: connection refused';
    const diagnosis = diagnose(httpProxyEnv, text, env);
    expect(diagnosis.details).toEqual({ kind: 'proxy-unreachable', proxy: '127.0.0.1:3128', target: 'git.corp.example.com', internalTarget: true });
    const fixes = httpProxyEnv.fixes(diagnosis, env);
    expect(fixes[0]?.text).toContain('http://127.0.0.1:3128');
    expect(fixIds(fixes)).toEqual(['proxy-address', 'unset-http-proxy', 'no-proxy-add']);
    expect(fixes.find((fix) => fix.id === 'no-proxy-add')?.command).toBe('export NO_PROXY=localhost,git.corp.example.com');
  });

  test('proxy credentials are asked for as placeholders, never filled from the environment', () => {
    const env = goEnv({ HTTPS_PROXY: ['http://127.0.0.1:3128', 'environment'] });
    const fixes = httpProxyEnv.fixes(diagnose(httpProxyEnv, 'go: x@v1: Get "https://proxy.golang.org/x": Proxy Authentication Required', env), env);
    expect(fixes[0]?.command).toBe('export HTTPS_PROXY=http://<user>:<password>@<proxy-host>:<port>');
    expect(fixIds(fixes)).toEqual(['proxy-credentials', 'auth-relay']);
  });

  test('credentials already in the proxy URL were sent and refused: no fix asks to add them, none repeats them', () => {
    const env = goEnv({ HTTPS_PROXY: ['http://user:secret@127.0.0.1:3128', 'environment'] });
    const diagnosis = diagnose(httpProxyEnv, 'go: x@v1: Get "https://proxy.golang.org/x": Proxy Authentication Required', env);
    expect(diagnosis.details).toMatchObject({ kind: 'proxy-auth', credentialsInProxyUrl: true });
    const fixes = httpProxyEnv.fixes(diagnosis, env);
    expect(fixIds(fixes)).toEqual(['proxy-credentials-rejected', 'auth-relay']);
    // The renderers redact URL passwords; the fix itself never copies the secret into a command.
    expect(fixes.map((fix) => fix.command ?? '').join('\n')).not.toContain('secret');
  });
});
