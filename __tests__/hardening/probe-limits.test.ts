/**
 * Issue 13, item 11: the probe's own limits are never presented as go's errors. A server go
 * accepts (a 195 KB certificate chain, 1 MB of response headers) must not come back as a failure
 * with a made-up go line; where the probe cannot follow go (OpenSSL reads at most 100 KiB of
 * certificates, go 256 KiB: go1.26 src/crypto/tls/common.go:70), the result says so in typed
 * fields (`limitHit`, `failure.probeLimit`) and carries no `goError`. Limits the probe controls
 * are at least go's (10 MiB of headers, go1.26 src/net/http/transport.go:329-334).
 */
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createHttpServer, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { probeEndpoint, type EndpointResult } from '../../src/probe/endpoint.js';
import type { GoRoots } from '../../src/probe/tlsroots.js';
import { availableGoVersions, createGoSandbox, runGo, type GoVersion } from '../helpers/go-toolchains.js';
import { closeServer, listenOnLoopback } from '../helpers/listen.js';
import { createTestCa, type TestCa } from '../helpers/test-ca.js';

const MODULE = 'example.com/hello@v1.0.0';
const INFO_PATH = '/example.com/hello/@v/v1.0.0.info';
const versions = availableGoVersions(['1.23', '1.26']);
const describeWithGo = versions.length > 0 ? describe : describe.skip;

function rootsOf(ca: TestCa): GoRoots {
  const sources = { kind: 'files' as const, files: [ca.caCertPath], dirs: [], fileFromEnv: true, dirsFromEnv: false, ignoredVariables: [] };
  return { kind: 'files', pems: [ca.caCert], dirsRead: [], fileUsed: ca.caCertPath, sources };
}

function derBytes(pem: string): number {
  let total = 0;
  for (const block of pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? []) {
    total += Buffer.from(block.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64').length;
  }
  return total;
}

async function goError(version: GoVersion, proxyUrl: string, extraEnv: Record<string, string> = {}): Promise<string> {
  const sandbox = createGoSandbox();
  try {
    const go = await runGo(version, ['mod', 'download', '-json', MODULE], { ...sandbox.env, ...extraEnv, GOPROXY: proxyUrl, GOSUMDB: 'off' }, { cwd: sandbox.root, timeoutMs: 30_000 });
    return (JSON.parse(go.stdout) as { Error?: string }).Error ?? '';
  } finally {
    sandbox.cleanup();
  }
}

// What a result may claim about go: either exactly go's error, or nothing, with the limit named.
function expectHonest(probe: EndpointResult, goText: string): void {
  if (probe.goError !== undefined) {
    expect(`${MODULE}: ${probe.goError}`).toBe(goText);
  } else {
    expect(probe.limitHit).toBeDefined();
    expect(probe.failure?.probeLimit).toBe(probe.limitHit);
  }
}

function notFound(res: ServerResponse, headers: Record<string, string> = {}): void {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end('not found\n');
}

describeWithGo('limits of the probe, against what go accepts', () => {
  let ca: TestCa;
  beforeAll(async () => {
    ca = await createTestCa();
  }, 60_000);
  afterAll(() => ca.cleanup());

  test('a 195 KB certificate chain go accepts is not reported as a TLS failure of go\'s', async () => {
    const leaf = await ca.issue();
    const filler = await ca.issue({ hosts: ['filler.goproxy-doctor.invalid'] });
    let chain = leaf.cert;
    while (derBytes(chain) < 195 * 1024) chain += filler.cert;
    expect(derBytes(chain)).toBeLessThan(256 * 1024);
    const sockets = new Set<Socket>();
    const server = createHttpsServer({ cert: chain, key: leaf.key }, (_req, res) => notFound(res));
    server.on('secureConnection', (socket: Socket) => sockets.add(socket));
    const port = await listenOnLoopback(server);
    try {
      const url = `https://127.0.0.1:${port}`;
      for (const version of versions) {
        const goText = await goError(version, url, { SSL_CERT_FILE: ca.caCertPath });
        // go reads the chain and gets to the HTTP answer.
        expect(goText).toMatch(/: 404 Not Found(\n|$)/);
        const probe = await probeEndpoint(`${url}${INFO_PATH}`, { timeoutMs: 10_000, roots: rootsOf(ca), goVersion: `go${version}` });
        expectHonest(probe, goText);
        if (probe.goError === undefined) {
          expect(probe).toMatchObject({ ok: false, phase: 'tls', limitHit: 'cert-chain' });
          expect(probe.notEvaluated).toBeDefined();
          expect(probe.tls?.verified).not.toBe(false);
        }
      }
    } finally {
      await closeServer(server as unknown as import('node:net').Server, sockets);
    }
  }, 90_000);

  test('1 MB of response headers (go reads up to 10 MiB): the probe reads them as go does', async () => {
    const filler: Record<string, string> = {};
    for (let i = 0; i < 200; i++) filler[`x-filler-${i}`] = 'y'.repeat(5 * 1024);
    const sockets = new Set<Socket>();
    const server = createHttpServer((_req, res) => notFound(res, filler));
    server.on('connection', (socket: Socket) => sockets.add(socket));
    const port = await listenOnLoopback(server);
    try {
      const url = `http://127.0.0.1:${port}`;
      for (const version of versions) {
        const goText = await goError(version, url);
        expect(goText).toMatch(/: 404 Not Found(\n|$)/);
        const probe = await probeEndpoint(`${url}${INFO_PATH}`, { timeoutMs: 10_000, goVersion: `go${version}` });
        expect(probe.limitHit).toBeUndefined();
        expect(`${MODULE}: ${probe.goError ?? ''}`).toBe(goText);
      }
      // A caller that sets a lower cap gets a probe limit, never a go error.
      const capped = await probeEndpoint(`${url}${INFO_PATH}`, { timeoutMs: 10_000, maxHeaderBytes: 64 * 1024 });
      expect(capped).toMatchObject({ ok: false, limitHit: 'headers', failure: { probeLimit: 'headers' } });
      expect(capped.goError).toBeUndefined();
    } finally {
      await closeServer(server, sockets);
    }
  }, 90_000);

  test('the probe\'s deadline is its own limit: no go error is made up for it', async () => {
    const sockets = new Set<Socket>();
    const server = createHttpServer(() => undefined); // never answers
    server.on('connection', (socket: Socket) => sockets.add(socket));
    const port = await listenOnLoopback(server);
    try {
      const probe = await probeEndpoint(`http://127.0.0.1:${port}${INFO_PATH}`, { timeoutMs: 300 });
      expect(probe).toMatchObject({ ok: false, timedOut: true, limitHit: 'timeout', failure: { probeLimit: 'timeout' } });
      expect(probe.goError).toBeUndefined();
    } finally {
      await closeServer(server, sockets);
    }
  });
});
