import { networkBlocked } from '../../src/scenarios/network-blocked.js';
import { diagnose, fixIds, goEnv, matchText } from './support.js';

describe('network-blocked', () => {
  test.each([
    ['go: x@v1.0.0: Get "https://proxy.golang.org/x/@v/v1.0.0.info": dial tcp 142.250.0.1:443: i/o timeout', 'timeout'],
    ['go: x@v1.0.0: Get "http://127.0.0.1:3000/x/@v/v1.0.0.info": dial tcp 127.0.0.1:3000: connect: connection refused', 'refused'],
    ['go: x@v1.0.0: read "http://127.0.0.1:3000/x/@v/v1.0.0.info": read tcp 127.0.0.1:5->127.0.0.1:3000: read: connection reset by peer', 'reset'],
    ['go: x@v1.0.0: Get "https://proxy.golang.org/x/@v/v1.0.0.info": net/http: TLS handshake timeout', 'tls-handshake-timeout'],
    ['go: x@v1.0.0: Get "https://proxy.golang.org/x/@v/v1.0.0.info": dial tcp [2607:f8b0::1]:443: connect: network is unreachable', 'unreachable'],
    ['go: x@v1.0.0: reading https://proxy.golang.org/x/@v/v1.0.0.info: 403 Forbidden', 'public-proxy-403'],
    ["go: a.example.com/x@v1.0.0: invalid version: git ls-remote -q origin in /x: exit status 128:\n\tfatal: unable to access 'https://a.example.com/x/': Failed to connect to a.example.com port 443 after 1 ms: Couldn't connect to server", 'git-connect'],
  ])('matches %s', (text, kind) => {
    expect(matchText(networkBlocked, text)?.details.kind).toBe(kind);
  });

  test.each([
    'go: x@v1.0.0: reading https://goproxy.corp.example.com/x/@v/v1.0.0.info: 403 Forbidden',
    'go: x@v1.0.0: Get "https://proxy.golang.org/x": dial tcp: lookup proxy.golang.org on 10.0.0.2:53: read udp 10.0.0.5:1->10.0.0.2:53: i/o timeout',
    'go: x@v1.0.0: Get "https://proxy.golang.org/x/@v/v1.0.0.info": Forbidden',
    'go: x@v1.0.0: reading https://proxy.golang.org/x/@v/v1.0.0.info: 404 Not Found',
  ])('does not match %s', (text) => {
    expect(matchText(networkBlocked, text)).toBeUndefined();
  });

  test('through an HTTP proxy the proxy is the likelier culprit: low confidence', () => {
    const match = matchText(networkBlocked, 'go: x@v1: Get "https://proxy.golang.org/x": proxyconnect tcp: dial tcp 127.0.0.1:9: connect: connection refused');
    expect(match?.confidence).toBeLessThan(0.5);
  });

  test('refused on loopback: start the local proxy named in GOPROXY', () => {
    const env = goEnv({ GOPROXY: 'http://127.0.0.1:3000,direct' });
    const fixes = networkBlocked.fixes(diagnose(networkBlocked, 'go: x@v1.0.0: Get "http://127.0.0.1:3000/x/@v/v1.0.0.info": dial tcp 127.0.0.1:3000: connect: connection refused', env), env);
    expect(fixIds(fixes)).toEqual(['start-or-fix-server', 'reproduce-with-curl']);
    expect(fixes[0]?.text).toMatch(/Nothing listens at 127\.0\.0\.1:3000.*GOPROXY=http:\/\/127\.0\.0\.1:3000,direct/);
  });

  test('timeouts suggest "|" fallback built from the current GOPROXY, origin-aware', () => {
    const env = goEnv({ GOPROXY: ['https://goproxy.corp.example.com,https://proxy.golang.org,direct', 'environment'] });
    const fixes = networkBlocked.fixes(diagnose(networkBlocked, 'go: x@v1.0.0: Get "https://goproxy.corp.example.com/x/@v/v1.0.0.info": dial tcp 10.1.1.1:443: i/o timeout', env), env);
    expect(fixes.find((fix) => fix.id === 'goproxy-pipe-fallback')?.command).toBe("export GOPROXY='https://goproxy.corp.example.com|https://proxy.golang.org,direct'");
  });
});
