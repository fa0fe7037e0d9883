/**
 * Issue 13, item 10: an https endpoint (or HTTPS proxy) that does not answer with TLS. Go judges
 * the first record header alone (go1.26 src/crypto/tls/conn.go:625-676) and says "server gave
 * HTTP response to HTTPS client" only when those five bytes are `HTTP/` and the handshake was
 * with the server itself, not an HTTPS proxy (go1.26 src/net/http/client.go:268-277). For each
 * kind of reply the probe's error must be go's own, and the typed facts (`nonTlsReply`,
 * `plainHttpReply`) must say which kind it was, so no one advises http:// for an SSH banner.
 */
import { createServer, type Socket } from 'node:net';
import { probeEndpoint } from '../../src/probe/endpoint.js';
import { proxyConfigFromEnvironment } from '../../src/probe/httpproxy.js';
import { availableGoVersions, createGoSandbox, runGo } from '../helpers/go-toolchains.js';
import { closeServer, listenOnLoopback } from '../helpers/listen.js';

const MODULE = 'example.com/hello@v1.0.0';
const INFO_PATH = '/example.com/hello/@v/v1.0.0.info';

interface Reply {
  name: string;
  bytes: Buffer;
  nonTlsReply: boolean;
  plainHttpReply: boolean;
}

const REPLIES: Reply[] = [
  { name: 'a plain HTTP server', bytes: Buffer.from('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'), nonTlsReply: true, plainHttpReply: true },
  { name: 'HTTP/1.0', bytes: Buffer.from('HTTP/1.0 200 OK\r\n\r\nhello'), nonTlsReply: true, plainHttpReply: true },
  { name: 'an SSH banner', bytes: Buffer.from('SSH-2.0-OpenSSH_9.6\r\n'), nonTlsReply: true, plainHttpReply: false },
  { name: 'lower-case http/', bytes: Buffer.from('http/1.1 400 Bad Request\r\n\r\n'), nonTlsReply: true, plainHttpReply: false },
  { name: 'an HTML page', bytes: Buffer.from('<html><body>blocked</body></html>\n'), nonTlsReply: true, plainHttpReply: false },
  { name: 'an SMTP greeting', bytes: Buffer.from('220 mail.example.com ESMTP ready\r\n'), nonTlsReply: true, plainHttpReply: false },
  { name: 'a record version >= 0x1000', bytes: Buffer.from([0x16, 0x10, 0x00, 0x00, 0x02, 0x01, 0x02]), nonTlsReply: true, plainHttpReply: false },
  { name: 'four bytes of HTTP then close', bytes: Buffer.from('HTTP'), nonTlsReply: false, plainHttpReply: false },
  { name: 'nothing, then close', bytes: Buffer.alloc(0), nonTlsReply: false, plainHttpReply: false },
  { name: 'an oversized TLS record', bytes: Buffer.from([0x16, 0x03, 0x01, 0xff, 0xff]), nonTlsReply: false, plainHttpReply: false },
  { name: 'an SSLv2 header', bytes: Buffer.from([0x80, 0x03, 0x01, 0x00, 0x02]), nonTlsReply: false, plainHttpReply: false },
  { name: 'a TLS alert', bytes: Buffer.from([0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x28]), nonTlsReply: false, plainHttpReply: false },
];

interface RawServer {
  port: number;
  set(reply: Buffer): void;
  close(): Promise<void>;
}

// Answers whatever arrives first (the ClientHello, or a CONNECT) with the current reply, then closes.
async function rawServer(): Promise<RawServer> {
  let reply: Buffer = Buffer.alloc(0);
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('data', () => socket.end(reply));
  });
  const port = await listenOnLoopback(server);
  return {
    port,
    set: (bytes) => {
      reply = bytes;
    },
    close: () => closeServer(server, sockets),
  };
}

describe('an https endpoint that does not answer with TLS', () => {
  let server: RawServer;
  beforeAll(async () => {
    server = await rawServer();
  });
  afterAll(async () => {
    await server.close();
  });

  test.each(REPLIES.map((r) => [r.name, r] as const))('%s: typed facts about the reply', async (_name, reply) => {
    server.set(reply.bytes);
    const r = await probeEndpoint(`https://127.0.0.1:${server.port}${INFO_PATH}`, { timeoutMs: 5_000 });
    expect(r).toMatchObject({ ok: false, phase: 'tls' });
    expect(r.failure?.nonTlsReply === true).toBe(reply.nonTlsReply);
    expect(r.failure?.plainHttpReply === true).toBe(reply.plainHttpReply);
    expect(r.errorText === 'http: server gave HTTP response to HTTPS client').toBe(reply.plainHttpReply);
    if (reply.nonTlsReply && !reply.plainHttpReply) expect(r.errorText).toBe('tls: first record does not look like a TLS handshake');
  });

  test('through an HTTPS proxy that speaks plain HTTP: go\'s words keep "first record", the facts say HTTP', async () => {
    server.set(REPLIES[0]?.bytes ?? Buffer.alloc(0));
    const proxy = proxyConfigFromEnvironment({ HTTPS_PROXY: `https://127.0.0.1:${server.port}` });
    const r = await probeEndpoint(`https://proxy.goproxy-doctor.invalid${INFO_PATH}`, { timeoutMs: 5_000, proxy });
    expect(r).toMatchObject({ ok: false, phase: 'proxy', errorText: 'proxyconnect tcp: tls: first record does not look like a TLS handshake' });
    expect(r.failure).toMatchObject({ nonTlsReply: true, plainHttpReply: true });
  });

  const versions = availableGoVersions(['1.19', '1.23', '1.26']);
  (versions.length > 0 ? test : test.skip)('every reply: the probe\'s error is the one go prints, directly and through an HTTPS proxy', async () => {
    const mismatches: string[] = [];
    for (const version of versions) {
      for (const reply of REPLIES) {
        server.set(reply.bytes);
        for (const viaProxy of [false, true]) {
          const sandbox = createGoSandbox();
          try {
            const target = viaProxy ? 'https://proxy.goproxy-doctor.invalid' : `https://127.0.0.1:${server.port}`;
            const proxyEnv = viaProxy ? { HTTPS_PROXY: `https://127.0.0.1:${server.port}` } : {};
            const go = await runGo(version, ['mod', 'download', '-json', MODULE], { ...sandbox.env, ...proxyEnv, GOPROXY: target, GOSUMDB: 'off' }, { cwd: sandbox.root, timeoutMs: 30_000 });
            const goText = (JSON.parse(go.stdout) as { Error?: string }).Error ?? '';
            const proxy = viaProxy ? proxyConfigFromEnvironment(proxyEnv) : undefined;
            const probe = await probeEndpoint(`${target}${INFO_PATH}`, { timeoutMs: 5_000, goVersion: `go${version}`, ...(proxy ? { proxy } : {}) });
            const probeText = `${MODULE}: ${probe.goError ?? ''}`;
            if (probeText !== goText) mismatches.push(`go${version} ${reply.name}${viaProxy ? ' (proxy)' : ''}:\n  go:    ${goText}\n  probe: ${probeText}`);
          } finally {
            sandbox.cleanup();
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 240_000);
});
