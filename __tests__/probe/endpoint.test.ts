import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect as connectTcp, createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { probeEndpoint, type EndpointProbeOptions, type EndpointResult } from '../../src/probe/endpoint.js';
import { proxyConfigFromEnvironment } from '../../src/probe/httpproxy.js';
import { diskRootsReader, loadGoRoots, rootSourcesFor, type GoRoots } from '../../src/probe/tlsroots.js';
import { startConnectProxy, type ConnectProxy } from '../helpers/connect-proxy.js';
import { exampleModules, startFakeGoProxy, type FakeGoProxy } from '../helpers/fake-goproxy.js';
import { createTestCa, type TestCa } from '../helpers/test-ca.js';
import { expectCutOffAt } from '../helpers/deadline.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Servers started by a test, closed (with every socket) in afterAll. */
const closers: Array<() => Promise<void>> = [];

function track(server: Server | NetServer): void {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  );
}

async function listen(server: Server | NetServer): Promise<number> {
  track(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function httpServer(handler: Handler): Promise<number> {
  return listen(createHttpServer(handler));
}

async function httpsServer(cert: { cert: string; key: string }, handler: Handler): Promise<number> {
  return listen(createHttpsServer({ cert: cert.cert, key: cert.key }, handler));
}

function elapsed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = Date.now();
  return fn().then((value) => ({ value, ms: Date.now() - start }));
}

const SECRET_PASSWORD = 'pa55-Secret-XYZ';
const URL_PASSWORD = 'url-Secret-Q7';
const PROXY_PASSWORD = 'proxy-Secret-K9';

function expectNoSecrets(result: EndpointResult, extra: string[] = []): void {
  const json = JSON.stringify(result);
  for (const secret of [SECRET_PASSWORD, URL_PASSWORD, PROXY_PASSWORD, ...extra]) {
    expect(json).not.toContain(secret);
    expect(json).not.toContain(Buffer.from(secret).toString('base64').slice(0, 12));
  }
}

let ca: TestCa;
let caRoots: GoRoots;
let systemRoots: GoRoots;
let goodCert: { cert: string; key: string };
let proxy: FakeGoProxy;

beforeAll(async () => {
  ca = await createTestCa();
  goodCert = await ca.issue({ hosts: ['127.0.0.1', 'localhost', 'goproxy.invalid'] });
  caRoots = await loadGoRoots(rootSourcesFor({ SSL_CERT_FILE: ca.caCertPath, SSL_CERT_DIR: '/nonexistent-gpd' }, 'linux'), diskRootsReader);
  systemRoots = await loadGoRoots(rootSourcesFor({}, 'linux'), diskRootsReader);
  proxy = await startFakeGoProxy({ modules: exampleModules() });
  closers.push(() => proxy.close());
}, 30_000);

afterAll(async () => {
  await Promise.all(closers.map((c) => c()));
  ca?.cleanup();
});

const INFO = '/example.com/hello/@v/v1.0.0.info';

describe('status classification (fake GOPROXY faults)', () => {
  test.each([
    ['404', 404, 'reading {base}/fault/404' + INFO + ': 404 Not Found'],
    ['410', 410, 'reading {base}/fault/410' + INFO + ': 410 Gone'],
    ['401', 401, 'reading {base}/fault/401' + INFO + ': 401 Unauthorized'],
    ['403', 403, 'reading {base}/fault/403' + INFO + ': 403 Forbidden'],
    ['407', 407, 'reading {base}/fault/407' + INFO + ': 407 Proxy Authentication Required'],
    ['500', 500, 'reading {base}/fault/500' + INFO + ': 500 Internal Server Error'],
  ])('fault %s', async (fault, status, goError) => {
    const r = await probeEndpoint(`${proxy.faultUrl(fault as '404')}${INFO}`, { timeoutMs: 3000 });
    expect(r).toMatchObject({ ok: false, phase: 'http', status, goError: goError.replace('{base}', proxy.url) });
  });

  test('a good answer is ok with phase timings', async () => {
    const r = await probeEndpoint(`${proxy.url}${INFO}`, { timeoutMs: 3000 });
    expect(r).toMatchObject({ ok: true, phase: 'done', status: 200, contentType: expect.stringContaining('json') });
    expect(r.bodySnippet).toContain('"Version":"v1.0.0"');
    expect(r.timings.connect).toBeGreaterThanOrEqual(0);
    expect(r.timings.http).toBeGreaterThanOrEqual(0);
    expect(r.timings.total).toBeGreaterThanOrEqual(r.timings.http ?? 0);
  });

  test('an HTML login page answers 200 but is reported with its content type', async () => {
    const r = await probeEndpoint(`${proxy.faultUrl('html-login')}${INFO}`, { timeoutMs: 3000 });
    expect(r).toMatchObject({ ok: true, status: 200, contentType: 'text/html; charset=utf-8' });
    expect(r.bodySnippet).toContain('Sign in');
  });

  test('text/plain error bodies become the `server response:` detail, cut like cmd/go', async () => {
    const r = await probeEndpoint(`${proxy.faultUrl('long-text-500')}${INFO}`, { timeoutMs: 3000 });
    expect(r.goError).toMatch(/: 500 Internal Server Error\n\tserver response:\n\tinternal error detail line 1\n/);
    expect(r.goError).toMatch(/\n\t\[Truncated: too many lines\.\]$/);
  });

  test('connection reset mid-body', async () => {
    const r = await probeEndpoint(`${proxy.faultUrl('reset')}/example.com/hello/@v/list`, { timeoutMs: 3000 });
    expect(r).toMatchObject({ ok: false, phase: 'http', status: 200 });
    expect(r.errorText).toMatch(/connection reset by peer|EOF/);
  });

  test('connection refused and DNS failure are phrased like Go', async () => {
    const refused = await probeEndpoint('http://127.0.0.1:1/x', { timeoutMs: 3000 });
    expect(refused).toMatchObject({ ok: false, phase: 'connect', errorText: 'dial tcp 127.0.0.1:1: connect: connection refused', goError: 'Get "http://127.0.0.1:1/x": dial tcp 127.0.0.1:1: connect: connection refused' });
    const dns = await probeEndpoint('https://nowhere.goproxy-doctor.invalid/x', { timeoutMs: 3000 });
    expect(dns).toMatchObject({ ok: false, phase: 'dns', errorText: 'dial tcp: lookup nowhere.goproxy-doctor.invalid: no such host' });
  });
});

describe('hardening: every misbehaving server is bounded', () => {
  test('a hanging server is cut at the timeout', async () => {
    const { value, ms } = await elapsed(() => probeEndpoint(`${proxy.faultUrl('hang')}${INFO}`, { timeoutMs: 800 }));
    expectCutOffAt(ms, 800);
    expect(value).toMatchObject({ ok: false, phase: 'http', timedOut: true, limitHit: 'timeout' });
    expect(value.errorText).toContain('no response headers');
  });

  test('an endless body is capped', async () => {
    const port = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(16 * 1024, 0x61);
      const pump = (): void => {
        while (res.write(chunk)) {
          /* keep writing until the socket pushes back */
        }
      };
      res.on('drain', pump);
      pump();
    });
    const { value, ms } = await elapsed(() => probeEndpoint(`http://127.0.0.1:${port}/endless`, { timeoutMs: 5000, maxBodyBytes: 32 * 1024 }));
    expect(ms).toBeLessThan(5000);
    expect(value).toMatchObject({ status: 200, bodyTruncated: true, limitHit: 'body', bodyBytes: 32 * 1024 });
  });

  test('100 KB of response headers: read as go reads them (up to 10 MiB); a lower cap is the probe\'s limit', async () => {
    const port = await httpServer((_req, res) => {
      for (let i = 0; i < 100; i++) res.setHeader(`x-filler-${i}`, 'f'.repeat(1000));
      res.end('ok');
    });
    const r = await probeEndpoint(`http://127.0.0.1:${port}/`, { timeoutMs: 3000 });
    expect(r).toMatchObject({ ok: true, phase: 'done', status: 200 });
    const capped = await probeEndpoint(`http://127.0.0.1:${port}/`, { timeoutMs: 3000, maxHeaderBytes: 65536 });
    expect(capped).toMatchObject({ ok: false, phase: 'http', limitHit: 'headers', failure: { probeLimit: 'headers' } });
    expect(capped.errorText).toContain('headers exceed 65536 bytes');
    expect(capped.goError).toBeUndefined();
  });

  test('a server that accepts TCP and never speaks TLS is cut during the handshake', async () => {
    const port = await listen(createNetServer(() => undefined));
    const { value, ms } = await elapsed(() => probeEndpoint(`https://127.0.0.1:${port}/`, { timeoutMs: 700, roots: caRoots }));
    expectCutOffAt(ms, 700);
    expect(value).toMatchObject({ ok: false, phase: 'tls', timedOut: true });
    expect(value.errorText).toContain('TLS handshake');
  });

  test('a one-byte-per-second drip is cut at the timeout with the bytes received so far', async () => {
    const port = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('v');
      const t = setInterval(() => res.write('1'), 1000);
      res.on('close', () => clearInterval(t));
    });
    const { value, ms } = await elapsed(() => probeEndpoint(`http://127.0.0.1:${port}/drip`, { timeoutMs: 1500 }));
    expectCutOffAt(ms, 1500);
    expect(value).toMatchObject({ ok: false, phase: 'http', status: 200, timedOut: true });
    expect(value.errorText).toMatch(/body still incomplete \([1-9]\d* bytes received\)/);
  });

  test('a redirect loop stops after 10 redirects', async () => {
    const r = await probeEndpoint(`${proxy.faultUrl('redirect-loop')}${INFO}`, { timeoutMs: 5000 });
    expect(r).toMatchObject({ ok: false, phase: 'http', limitHit: 'redirects', errorText: 'stopped after 10 redirects' });
    expect(r.redirects).toHaveLength(10);
  });

  test('slow/<ms> under the timeout still succeeds', async () => {
    const r = await probeEndpoint(`${proxy.faultUrl('slow/200')}${INFO}`, { timeoutMs: 3000 });
    expect(r.ok).toBe(true);
    expect(r.timings.http).toBeGreaterThanOrEqual(150);
  });

  test('concurrent probes: one hanging endpoint does not hold the others', async () => {
    const { value, ms } = await elapsed(() =>
      Promise.all([
        probeEndpoint(`${proxy.faultUrl('hang')}${INFO}`, { timeoutMs: 600 }),
        probeEndpoint(`${proxy.url}${INFO}`, { timeoutMs: 600 }),
        probeEndpoint('http://127.0.0.1:1/', { timeoutMs: 600 }),
      ]),
    );
    expectCutOffAt(ms, 600);
    expect(value.map((r) => r.phase)).toEqual(['http', 'done', 'connect']);
    // The healthy and the refused endpoint answered while the hanging one was still waiting.
    expect(value[1]!.timings.total).toBeLessThan(value[0]!.timings.total);
    expect(value[2]!.timings.total).toBeLessThan(value[0]!.timings.total);
  });

  test('an external abort signal cancels the probe', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const { value, ms } = await elapsed(() => probeEndpoint(`${proxy.faultUrl('hang')}${INFO}`, { timeoutMs: 10_000, signal: controller.signal }));
    expectCutOffAt(ms, 200);
    expect(value).toMatchObject({ ok: false, errorText: 'probe cancelled' });
  });

  test('control characters and escape sequences from a server never reach the result', async () => {
    // node:http refuses to send control characters, so this server writes the response itself.
    const port = await listen(
      createNetServer((socket) => {
        socket.once('data', () => {
          const body = '\u001b]0;pwned\u0007evil\u001b[2J text\n';
          socket.end(`HTTP/1.1 404 Not \u001b[31mFound\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
        });
      }),
    );
    const r = await probeEndpoint(`http://127.0.0.1:${port}/`, { timeoutMs: 3000 });
    expect(r.status).toBe(404);
    expect(JSON.stringify(r)).not.toMatch(/\\u001b|\\u0007/);
    expect(r.bodySnippet).toContain('evil text');
    // cmd/go drops such a body from the error entirely.
    expect(r.serverResponse).toBeUndefined();
  });
});

describe('TLS', () => {
  let expiredPort: number;
  let wrongNamePort: number;
  let selfSignedPort: number;
  let goodPort: number;

  beforeAll(async () => {
    const [expired, wrong, self] = await Promise.all([ca.issue({ expired: true }), ca.wrongName(), ca.selfSigned()]);
    const ok: Handler = (_req, res) => res.end('ok');
    [expiredPort, wrongNamePort, selfSignedPort, goodPort] = await Promise.all([
      httpsServer(expired, ok),
      httpsServer(wrong, ok),
      httpsServer(self, ok),
      httpsServer(goodCert, ok),
    ]);
  }, 30_000);

  test("a certificate from Go's roots verifies and is described", async () => {
    const r = await probeEndpoint(`https://127.0.0.1:${goodPort}/`, { timeoutMs: 3000, roots: caRoots });
    expect(r).toMatchObject({ ok: true, phase: 'done', tls: { verified: true, subject: 'CN=127.0.0.1', issuer: 'CN=goproxy-doctor test CA', ipAddresses: ['127.0.0.1'] } });
    expect(r.timings.tls).toBeGreaterThan(0);
    expect(Date.parse(r.tls?.validTo ?? '')).toBeGreaterThan(Date.now());
  });

  test('unknown authority with the system roots; SSL_CERT_FILE fixes it', async () => {
    const r = await probeEndpoint(`https://127.0.0.1:${goodPort}/`, { timeoutMs: 3000, roots: systemRoots });
    expect(r).toMatchObject({ ok: false, phase: 'tls', errorText: 'tls: failed to verify certificate: x509: certificate signed by unknown authority', tls: { verified: false } });
    const fixedRoots = await loadGoRoots(rootSourcesFor({ SSL_CERT_FILE: ca.caCertPath }, 'linux'), diskRootsReader);
    const fixed = await probeEndpoint(`https://127.0.0.1:${goodPort}/`, { timeoutMs: 3000, roots: fixedRoots });
    expect(fixed.ok).toBe(true);
  });

  test('go1.19 wording has no `tls:` prefix', async () => {
    const r = await probeEndpoint(`https://127.0.0.1:${selfSignedPort}/`, { timeoutMs: 3000, roots: caRoots, goVersion: 'go1.19.13' });
    expect(r.errorText).toBe('x509: certificate signed by unknown authority');
  });

  test('expired and wrong-name certificates', async () => {
    const expired = await probeEndpoint(`https://127.0.0.1:${expiredPort}/`, { timeoutMs: 3000, roots: caRoots });
    expect(expired.errorText).toMatch(
      /^tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d) is after 2021-01-01T00:00:00Z$/,
    );
    const byIp = await probeEndpoint(`https://127.0.0.1:${wrongNamePort}/`, { timeoutMs: 3000, roots: caRoots });
    expect(byIp.errorText).toBe("tls: failed to verify certificate: x509: cannot validate certificate for 127.0.0.1 because it doesn't contain any IP SANs");
    const byName = await probeEndpoint(`https://localhost:${wrongNamePort}/`, { timeoutMs: 3000, roots: caRoots });
    expect(byName.errorText).toBe('tls: failed to verify certificate: x509: certificate is valid for wrong-name.invalid, not localhost');
  });

  test('an https server reached over plain http, and http over https', async () => {
    const r = await probeEndpoint(`https://127.0.0.1:${proxy.port}/`, { timeoutMs: 3000, roots: caRoots });
    expect(r).toMatchObject({ ok: false, phase: 'tls', errorText: 'http: server gave HTTP response to HTTPS client' });
  });

  test('an https -> http redirect is refused', async () => {
    const port = await httpsServer(goodCert, (_req, res) => {
      res.writeHead(302, { location: `${proxy.url}${INFO}` });
      res.end();
    });
    const r = await probeEndpoint(`https://127.0.0.1:${port}/start`, { timeoutMs: 3000, roots: caRoots });
    expect(r).toMatchObject({
      ok: false,
      phase: 'http',
      errorText: `redirected from secure URL https://127.0.0.1:${port}/start to insecure URL ${proxy.url}${INFO}`,
    });
  });
});

describe('proxies (HTTPS_PROXY / HTTP_PROXY by Go rules)', () => {
  let connectProxy: ConnectProxy;
  let authProxy: ConnectProxy;
  let tlsProxy: FakeGoProxy;

  beforeAll(async () => {
    tlsProxy = await startFakeGoProxy({ modules: exampleModules(), tls: goodCert });
    connectProxy = await startConnectProxy();
    authProxy = await startConnectProxy({ requireAuth: { user: 'proxyuser', password: PROXY_PASSWORD } });
    closers.push(() => tlsProxy.close(), () => connectProxy.close(), () => authProxy.close());
  });

  const opts = (env: Record<string, string>): EndpointProbeOptions => ({ timeoutMs: 3000, roots: caRoots, proxy: proxyConfigFromEnvironment(env) });

  test('https goes through CONNECT and TLS is checked against the real target', async () => {
    const target = `https://goproxy.invalid:${tlsProxy.port}${INFO}`;
    const r = await probeEndpoint(target, opts({ HTTPS_PROXY: connectProxy.url }));
    expect(r).toMatchObject({ ok: true, status: 200, proxy: { used: true, reason: 'proxied', source: 'HTTPS_PROXY' }, tls: { verified: true } });
    expect(r.timings.proxy).toBeGreaterThanOrEqual(0);
    expect(connectProxy.requests.some((q) => q.method === 'CONNECT' && q.target === `goproxy.invalid:${tlsProxy.port}`)).toBe(true);
  });

  test('loopback targets never use the proxy', async () => {
    const r = await probeEndpoint(`${proxy.url}${INFO}`, opts({ HTTP_PROXY: 'http://127.0.0.1:1' }));
    expect(r).toMatchObject({ ok: true, proxy: { used: false, reason: 'loopback' } });
  });

  test('NO_PROXY sends a matching host direct', async () => {
    const r = await probeEndpoint(`https://goproxy.invalid:${tlsProxy.port}${INFO}`, opts({ HTTPS_PROXY: connectProxy.url, NO_PROXY: '.invalid' }));
    expect(r).toMatchObject({ ok: false, phase: 'dns', proxy: { used: false, reason: 'no-proxy-match', matchedEntry: '.invalid' } });
  });

  test('http goes to the proxy in absolute form', async () => {
    const r = await probeEndpoint(`http://goproxy.invalid:${proxy.port}${INFO}`, opts({ http_proxy: connectProxy.url }));
    expect(r).toMatchObject({ ok: true, status: 200, proxy: { used: true, source: 'http_proxy' } });
    expect(connectProxy.requests.some((q) => q.method === 'GET' && q.target === `http://goproxy.invalid:${proxy.port}${INFO}`)).toBe(true);
  });

  test('407 from the proxy is reported as Go does; credentials in the proxy URL fix it and stay secret', async () => {
    const target = `https://goproxy.invalid:${tlsProxy.port}${INFO}`;
    const denied = await probeEndpoint(target, opts({ HTTPS_PROXY: authProxy.url }));
    expect(denied).toMatchObject({ ok: false, phase: 'proxy', errorText: 'Proxy Authentication Required', goError: `Get "${target}": Proxy Authentication Required` });
    const allowed = await probeEndpoint(target, opts({ HTTPS_PROXY: authProxy.urlWithAuth('proxyuser', PROXY_PASSWORD) }));
    expect(allowed.ok).toBe(true);
    expect(allowed.proxy?.url).toContain('proxyuser:xxxxx@');
    expectNoSecrets(allowed);
  });

  test('an https:// proxy: TLS to the proxy (checked with Go roots), then CONNECT and TLS to the target inside', async () => {
    const proxyCert = await ca.issue({ hosts: ['127.0.0.1'] });
    const seen: string[] = [];
    const server = createTlsServer({ cert: proxyCert.cert, key: proxyCert.key }, (client) => {
      client.once('data', (chunk: Buffer) => {
        const head = chunk.toString('latin1');
        seen.push(head.split('\r\n')[0] ?? '');
        const port = Number(/^CONNECT goproxy\.invalid:(\d+) /.exec(head)?.[1] ?? 0);
        if (port === 0) return client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
        const upstream = connectTcp(port, '127.0.0.1', () => {
          client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          client.pipe(upstream).pipe(client);
        });
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
      });
    });
    const port = await listen(server);
    const target = `https://goproxy.invalid:${tlsProxy.port}${INFO}`;
    const r = await probeEndpoint(target, opts({ HTTPS_PROXY: `https://127.0.0.1:${port}` }));
    expect(r).toMatchObject({ ok: true, status: 200, tls: { verified: true, subject: 'CN=127.0.0.1' } });
    expect(seen).toEqual([`CONNECT goproxy.invalid:${tlsProxy.port} HTTP/1.1`]);
    const untrusted = await probeEndpoint(target, { ...opts({ HTTPS_PROXY: `https://127.0.0.1:${port}` }), roots: systemRoots });
    expect(untrusted).toMatchObject({ ok: false, phase: 'proxy', errorText: 'proxyconnect tcp: tls: failed to verify certificate: x509: certificate signed by unknown authority' });
  });

  test('an unreachable proxy: proxyconnect tcp', async () => {
    const r = await probeEndpoint('https://goproxy.invalid/x', opts({ HTTPS_PROXY: 'http://127.0.0.1:1' }));
    expect(r).toMatchObject({ ok: false, phase: 'proxy', errorText: 'proxyconnect tcp: dial tcp 127.0.0.1:1: connect: connection refused' });
  });

  test('SOCKS proxies are reported as not evaluated', async () => {
    const r = await probeEndpoint('https://goproxy.invalid/x', opts({ HTTPS_PROXY: 'socks5://127.0.0.1:1' }));
    expect(r).toMatchObject({ ok: false, phase: 'proxy', notEvaluated: 'socks5 proxy' });
  });
});

describe('credentials and secrets', () => {
  let echoPort: number;
  let plainEcho: number;

  beforeAll(async () => {
    const echo: Handler = (req, res) => {
      const auth = String(req.headers.authorization ?? 'none');
      if (req.url === '/redirect-away') {
        res.writeHead(302, { location: `https://localhost:${echoPort}/echo` });
        res.end();
        return;
      }
      // Echo the credential everywhere a careless server might: status text, headers, body.
      res.writeHead(req.url === '/deny' ? 401 : 200, `Seen ${auth}`, { 'content-type': `text/plain; x=${auth.replace(/\s/g, '_')}`, 'x-echo': auth });
      res.end(`you sent: ${auth}\ndecoded: ${Buffer.from(auth.replace(/^Basic /, ''), 'base64').toString()}\n`);
    };
    echoPort = await httpsServer(goodCert, echo);
    plainEcho = await httpServer(echo);
  });

  const creds = { login: 'gopher', password: SECRET_PASSWORD, machine: '127.0.0.1' };

  test('netrc credentials are sent on https and never appear in the result', async () => {
    const r = await probeEndpoint(`https://127.0.0.1:${echoPort}/echo`, { timeoutMs: 3000, roots: caRoots, credentialsFor: () => creds });
    expect(r).toMatchObject({ ok: true, credentials: { source: 'netrc', machine: '127.0.0.1' } });
    // The server did receive them (it echoed something), but we only show the redacted form.
    expect(r.bodySnippet).toContain('you sent: Basic xxxxx');
    expectNoSecrets(r);
    const denied = await probeEndpoint(`https://127.0.0.1:${echoPort}/deny`, { timeoutMs: 3000, roots: caRoots, credentialsFor: () => creds });
    expect(denied.status).toBe(401);
    expect(denied.goError).toContain('401 Seen Basic xxxxx');
    expectNoSecrets(denied);
  });

  test('credentials are never sent over plain http', async () => {
    const r = await probeEndpoint(`http://127.0.0.1:${plainEcho}/echo`, { timeoutMs: 3000, credentialsFor: () => creds });
    expect(r.bodySnippet).toContain('you sent: none');
    expect(r.credentials).toBeUndefined();
  });

  test('URL userinfo: sent as Basic on https, refused over http, redacted everywhere', async () => {
    const r = await probeEndpoint(`https://u:${URL_PASSWORD}@127.0.0.1:${echoPort}/echo`, { timeoutMs: 3000, roots: caRoots });
    expect(r).toMatchObject({ ok: true, credentials: { source: 'userinfo' }, url: `https://u:xxxxx@127.0.0.1:${echoPort}/echo` });
    expectNoSecrets(r);
    const refused = await probeEndpoint(`http://u:${URL_PASSWORD}@127.0.0.1:${plainEcho}/echo`, { timeoutMs: 3000 });
    expect(refused).toMatchObject({ ok: false, phase: 'config', errorText: `refusing to pass credentials to insecure URL: http://u:xxxxx@127.0.0.1:${plainEcho}/echo` });
    expectNoSecrets(refused);
  });

  test('a connection error for a URL with a password keeps it hidden', async () => {
    const r = await probeEndpoint(`https://u:${URL_PASSWORD}@127.0.0.1:1/x`, { timeoutMs: 3000, roots: caRoots });
    expect(r.goError).toBe('Get "https://u:***@127.0.0.1:1/x": dial tcp 127.0.0.1:1: connect: connection refused');
    expectNoSecrets(r);
  });
});

describe('file:// URLs', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'gpd-fileproxy-'));
    writeFileSync(path.join(dir, 'present.info'), '{"Version":"v1.0.0"}');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a present file is ok, a missing one is a 404 with Go wording', async () => {
    const ok = await probeEndpoint(`file://${dir}/present.info`, { timeoutMs: 1000 });
    expect(ok).toMatchObject({ ok: true, status: 200, bodySnippet: '{"Version":"v1.0.0"}' });
    const missing = await probeEndpoint(`file://${dir}/missing.info`, { timeoutMs: 1000 });
    expect(missing).toMatchObject({ ok: false, status: 404, errorText: 'no such file or directory', goError: `reading file://${dir}/missing.info: no such file or directory` });
  });
});
