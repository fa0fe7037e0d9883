/**
 * Issue 13, item 3: a module proxy that redirects to a scheme go cannot fetch (ftp://, gopher://,
 * file://, ws://, data:, …). Go connects nowhere and fails with `unsupported protocol scheme "ftp"`
 * (go1.26 src/net/http/transport.go roundTrip); the probe must do the same (no connection to what
 * the URL names, go's words), and `check` must end within its deadline instead of hanging on a
 * socket left open.
 */
import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer, type Socket } from 'node:net';
import { probeEndpoint } from '../../src/probe/endpoint.js';
import { availableGoVersions, createGoSandbox, goBinary, runGo } from '../helpers/go-toolchains.js';
import { closeServer, listenOnLoopback } from '../helpers/listen.js';
import { runCliProcess } from '../helpers/cli-process.js';
import { expectNoHang } from '../helpers/deadline.js';

const MODULE = 'example.com/hello@v1.0.0';
const INFO_PATH = '/example.com/hello/@v/v1.0.0.info';

interface Servers {
  /** Where connections to the redirect targets would land: it must see none. */
  trapPort: number;
  trapConnections(): number;
  /** A GOPROXY whose every answer is a redirect to `?to=` … set per test through `location`. */
  proxyUrl: string;
  setLocation(location: string): void;
  close(): Promise<void>;
}

async function startServers(): Promise<Servers> {
  let connections = 0;
  const trapSockets = new Set<Socket>();
  const trap = createNetServer((socket) => {
    connections += 1;
    trapSockets.add(socket);
    socket.destroy();
  });
  const trapPort = await listenOnLoopback(trap);
  let location = '';
  const proxySockets = new Set<Socket>();
  const proxy = createHttpServer((_req, res) => {
    res.writeHead(302, { Location: location, 'Content-Length': '0' });
    res.end();
  });
  proxy.on('connection', (socket: Socket) => proxySockets.add(socket));
  const proxyPort = await listenOnLoopback(proxy);
  return {
    trapPort,
    trapConnections: () => connections,
    proxyUrl: `http://127.0.0.1:${proxyPort}`,
    setLocation: (value) => {
      location = value;
    },
    close: async () => {
      await closeServer(proxy, proxySockets);
      await closeServer(trap, trapSockets);
    },
  };
}

// Locations built on the trap's port, so a connection attempt would be seen.
function locations(trapPort: number): Array<[string, string]> {
  return [
    ['ftp', `ftp://127.0.0.1:${trapPort}/pub/x.info`],
    ['gopher', `gopher://127.0.0.1:${trapPort}/1x`],
    ['file', 'file:///etc/hostname'],
    ['ftp', `FTP://user:pw@127.0.0.1:${trapPort}/y`],
    ['ws', `ws://127.0.0.1:${trapPort}/socket`],
    ['data', 'data:text/plain,hello'],
    ['mailto', 'mailto:admin@example.com'],
  ];
}

describe('a redirect to a scheme go cannot fetch', () => {
  let servers: Servers;
  beforeAll(async () => {
    servers = await startServers();
  });
  afterAll(async () => {
    await servers.close();
  });

  test('the probe connects nowhere and reports go\'s words, for every scheme', async () => {
    for (const [scheme, location] of locations(servers.trapPort)) {
      servers.setLocation(location);
      const before = servers.trapConnections();
      const started = Date.now();
      const r = await probeEndpoint(`${servers.proxyUrl}${INFO_PATH}`, { timeoutMs: 5_000 });
      expectNoHang(Date.now() - started);
      expect(servers.trapConnections()).toBe(before);
      expect(r).toMatchObject({ ok: false, phase: 'http' });
      expect(r.timedOut).toBeUndefined();
      expect(r.failure?.unsupportedScheme).toBe(scheme);
      expect(r.errorText).toBe(`unsupported protocol scheme "${scheme}"`);
      expect(r.goError).toMatch(new RegExp(`^Get ".*": unsupported protocol scheme "${scheme}"$`));
    }
  });

  const versions = availableGoVersions(['1.23', '1.26']);
  (versions.length > 0 ? test : test.skip)('the probe\'s error is exactly what go prints', async () => {
    for (const version of versions) {
      for (const [, location] of locations(servers.trapPort)) {
        servers.setLocation(location);
        const sandbox = createGoSandbox();
        try {
          const go = await runGo(version, ['mod', 'download', '-json', MODULE], { ...sandbox.env, GOPROXY: servers.proxyUrl, GOSUMDB: 'off' }, { cwd: sandbox.root });
          const goText = (JSON.parse(go.stdout) as { Error?: string }).Error ?? '';
          const probe = await probeEndpoint(`${servers.proxyUrl}${INFO_PATH}`, { timeoutMs: 5_000 });
          expect({ version, location, error: `${MODULE}: ${probe.goError ?? ''}` }).toEqual({ version, location, error: goText });
        } finally {
          sandbox.cleanup();
        }
      }
      expect(servers.trapConnections()).toBe(0);
    }
  }, 120_000);

  const cliVersions = availableGoVersions(['1.23']);
  (cliVersions.length > 0 ? test : test.skip)('check ends within its deadline and exits (no socket left open)', async () => {
    servers.setLocation(`ftp://127.0.0.1:${servers.trapPort}/x`);
    const sandbox = createGoSandbox();
    try {
      const run = await runCliProcess(['--go', goBinary('1.23'), 'check', '--json', '--timeout', '3000', '--module', MODULE], {
        env: { ...sandbox.env, GOPROXY: servers.proxyUrl, GOSUMDB: 'off' },
        cwd: sandbox.root,
        timeoutMs: 20_000,
      });
      expect(run.timedOut).toBe(false);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('unsupported protocol scheme \\"ftp\\"');
      expect(servers.trapConnections()).toBe(0);
    } finally {
      sandbox.cleanup();
    }
  }, 30_000);
});
