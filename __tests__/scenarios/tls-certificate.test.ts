import { tlsCertificate } from '../../src/scenarios/tls-certificate.js';
import { diagnose, fixIds, fixText, goEnv, matchText } from './support.js';

describe('tls-certificate', () => {
  test.each([
    ['go: x@v1.0.0: Get "https://proxy.golang.org/x/@v/v1.0.0.info": x509: certificate signed by unknown authority', 'unknown-authority'],
    ['go: x@v1.0.0: Get "https://proxy.golang.org/x/@v/v1.0.0.info": tls: failed to verify certificate: x509: certificate signed by unknown authority', 'unknown-authority'],
    ['go: x@v1.0.0: Get "https://127.0.0.1:8443/x/@v/v1.0.0.info": tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2026-01-01T00:00:00Z is after 2021-01-01T00:00:00Z', 'expired'],
    ['go: x@v1.0.0: Get "https://goproxy.example.org/x/@v/v1.0.0.info": tls: failed to verify certificate: x509: certificate is valid for *.corp.example.com, corp.example.com, not goproxy.example.org', 'wrong-name'],
    ["go: x@v1.0.0: Get \"https://127.0.0.1:8443/x/@v/v1.0.0.info\": tls: failed to verify certificate: x509: cannot validate certificate for 127.0.0.1 because it doesn't contain any IP SANs", 'wrong-name'],
    ["go: a.example.com/x@v1.0.0: invalid version: git ls-remote -q origin in /x: exit status 128:\n\tfatal: unable to access 'https://a.example.com/x/': SSL certificate problem: self-signed certificate in certificate chain", 'unknown-authority'],
    ['go: x@v1.0.0: Get "https://proxy.golang.org/x/@v/v1.0.0.info": remote error: tls: handshake failure', 'handshake'],
  ])('matches %s', (text, kind) => {
    expect(matchText(tlsCertificate, text)?.details.kind).toBe(kind);
  });

  test.each([
    [
      'go: x@v1.0.0: Get "https://proxy.golang.org/x/@v/v1.0.0.info": tls: failed to verify certificate: x509: certificate signed by unknown authority',
      { kind: 'unknown-authority', client: 'go' },
    ],
    [
      "go: a.example.com/x@v1.0.0: invalid version: git ls-remote -q origin in /x: exit status 128:\n\tfatal: unable to access 'https://a.example.com/x/': SSL certificate problem: self-signed certificate in certificate chain",
      { kind: 'unknown-authority', client: 'git', direct: true },
    ],
    [
      'go: x@v1.0.0: Get "https://proxy.golang.org/x/@v/v1.0.0.info": proxyconnect tcp: tls: failed to verify certificate: x509: certificate signed by unknown authority',
      { kind: 'unknown-authority', client: 'go', viaHttpProxy: true },
    ],
    [
      "go: x@v1.0.0: Get \"https://127.0.0.1:8443/x/@v/v1.0.0.info\": tls: failed to verify certificate: x509: cannot validate certificate for 127.0.0.1 because it doesn't contain any IP SANs",
      { kind: 'wrong-name', requested: '127.0.0.1', ipWithoutSan: true, client: 'go' },
    ],
  ])('details say who refused the certificate and on which path: %s', (text, details) => {
    expect(matchText(tlsCertificate, text)?.details).toEqual(details);
  });

  test.each([
    'go: x@v1.0.0: Get "https://proxy.golang.org/x/@v/v1.0.0.info": net/http: TLS handshake timeout',
    'go: x@v1.0.0: Get "https://127.0.0.1:1/x": http: server gave HTTP response to HTTPS client',
    'go: x@v1.0.0: reading https://proxy.golang.org/x/@v/v1.0.0.info: 404 Not Found',
  ])('does not match %s', (text) => {
    expect(matchText(tlsCertificate, text)).toBeUndefined();
  });

  test('unknown authority: trust the CA (system store or SSL_CERT_FILE), never GOINSECURE for a proxy', () => {
    const fixes = tlsCertificate.fixes(diagnose(tlsCertificate, 'go: x@v1.0.0: Get "https://proxy.golang.org/x/@v/v1.0.0.info": tls: failed to verify certificate: x509: certificate signed by unknown authority'), goEnv({}));
    expect(fixIds(fixes)).toEqual(['install-ca', 'ssl-cert-file', 'inspect-certificate']);
    expect(fixes[0]?.command).toContain('update-ca-certificates');
    expect(fixText(fixes)).not.toContain('GOINSECURE');
    expect(fixes.some((fix) => fix.command?.includes('openssl s_client -connect proxy.golang.org:443 -servername proxy.golang.org'))).toBe(true);
  });

  test('expired: the clock first', () => {
    const fixes = tlsCertificate.fixes(diagnose(tlsCertificate, 'go: x@v1.0.0: Get "https://127.0.0.1:8443/x": x509: certificate has expired or is not yet valid: current time'));
    expect(fixIds(fixes)).toEqual(['check-clock', 'renew-certificate']);
    expect(fixes[0]?.command).toBe('date -u');
  });

  test('a direct fetch may get a GOINSECURE fix, marked and last', () => {
    const text = "go: a.example.com/x@v1.0.0: unrecognized import path \"a.example.com/x\": https fetch: Get \"https://a.example.com/x?go-get=1\": tls: failed to verify certificate: x509: certificate signed by unknown authority";
    const fixes = tlsCertificate.fixes(diagnose(tlsCertificate, text), goEnv({}));
    const last = fixes[fixes.length - 1];
    expect(last?.id).toBe('goinsecure-add');
    expect(last?.command).toBe('go env -w GOINSECURE=a.example.com');
    expect(last?.weakensSecurity).toBe(true);
  });
});
