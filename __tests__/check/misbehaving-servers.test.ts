/**
 * Hardening: GOPROXY entries that misbehave at the transport level. Each run of `check` must end
 * within the deadline plus half a second, never throw, and report an error finding for the module.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type Socket } from 'node:net';
import { availableGoVersions } from '../helpers/go-toolchains.js';
import { listenOnLoopback } from '../helpers/listen.js';
import { check } from './harness.js';
import { CUT_OFF_SLACK_MS } from '../helpers/deadline.js';

const versions = availableGoVersions(['1.23']);
const describeWithGo = versions.length > 0 ? describe : describe.skip;
const TIMEOUT_MS = 2000;

interface Misbehaving {
  url: string;
  close(): Promise<void>;
}

async function httpServer(handler: (res: import('node:http').ServerResponse, sockets: Set<Socket>) => void): Promise<Misbehaving> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createHttpServer((_req, res) => handler(res, sockets));
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  const port = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearInterval(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const SERVERS: Array<[string, () => Promise<Misbehaving>]> = [
  [
    'an endless response body',
    () =>
      httpServer((res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        const pump = (): void => {
          while (res.write(chunk)) {
            /* keep the socket buffer full */
          }
          res.once('drain', pump);
        };
        res.on('error', () => undefined);
        pump();
      }),
  ],
  [
    '100 KB of response headers',
    () =>
      httpServer((res) => {
        const headers: Record<string, string> = {};
        for (let i = 0; i < 100; i++) headers[`x-filler-${i}`] = 'y'.repeat(1024);
        res.writeHead(200, headers);
        res.end('{}');
      }),
  ],
  [
    'one byte a second',
    () =>
      httpServer((res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        const timer = setInterval(() => res.write(' '), 1000);
        res.on('close', () => clearInterval(timer));
      }),
  ],
  [
    'a TLS handshake that never completes',
    async () => {
      const sockets = new Set<Socket>();
      const server = createNetServer((socket) => {
        sockets.add(socket);
        socket.on('error', () => undefined);
        socket.resume(); // read the ClientHello, never answer it
      });
      const port = await listenOnLoopback(server);
      return {
        url: `https://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((resolve) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => resolve());
          }),
      };
    },
  ],
];

describeWithGo('check against misbehaving servers', () => {
  test.each(SERVERS)('%s: bounded by the deadline, reported as an error finding', async (_name, start) => {
    const server = await start();
    try {
      const began = Date.now();
      const report = await check({ env: { GOPROXY: server.url, GOSUMDB: 'off' }, options: { timeoutMs: TIMEOUT_MS } });
      const elapsed = Date.now() - began;
      // go env and the sandbox take a moment before the deadline starts; the probes themselves are bounded.
      expect(elapsed).toBeLessThan(TIMEOUT_MS + CUT_OFF_SLACK_MS);
      const errors = report.findings.filter((finding) => finding.severity === 'error');
      expect(errors.map((finding) => finding.modules ?? [])).toContainEqual(expect.arrayContaining(['example.com/hello@v1.0.0']));
      expect(report.modules.find((m) => m.module === 'example.com/hello')?.result).toBe('fail');
    } finally {
      await server.close();
    }
  }, 30_000);
});
