/**
 * Ctrl-C during `check`: the built command stops promptly with exit code 130 and one line on stderr,
 * and the server it was waiting on sees its connection closed (nothing is left hanging).
 * Runs the real binary (needs `npm run build`, which `npm test` does first) and a real `go` for `go env`.
 */
import { createServer, type Socket } from 'node:net';
import path from 'node:path';
import { execa } from 'execa';
import { availableGoVersions, createGoSandbox, goBinary } from './helpers/go-toolchains.js';
import { expectNoHang } from './helpers/deadline.js';

const BIN = path.resolve('bin', 'goproxy-doctor.js');
const versions = availableGoVersions(['1.23']);

function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = (): void => {
      if (condition()) resolve();
      else if (Date.now() - started > timeoutMs) reject(new Error(`condition not met within ${timeoutMs} ms`));
      else setTimeout(tick, 20);
    };
    tick();
  });
}

(versions.length > 0 ? test : test.skip)('SIGINT during check: exit 130, one line, the hanging server sees the connection close', async () => {
  // A server that accepts and never answers: the probe waits on it until the 60 s timeout.
  const sockets: Socket[] = [];
  let closed = 0;
  const server = createServer((socket) => {
    sockets.push(socket);
    socket.on('close', () => {
      closed += 1;
    });
    socket.on('error', () => undefined);
    socket.resume(); // read (and discard) the request, so the peer's FIN is seen
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const sandbox = createGoSandbox();
  try {
    const child = execa(process.execPath, [BIN, '--go', goBinary('1.23'), 'check', '--timeout', '60000', '--module', 'example.com/hello@v1.0.0'], {
      env: { ...sandbox.env, GOPROXY: `http://127.0.0.1:${port}`, GOSUMDB: 'off' },
      extendEnv: false,
      cwd: sandbox.root,
      reject: false,
      timeout: 30_000,
    });
    await waitFor(() => sockets.length > 0, 15_000);
    const interruptedAt = Date.now();
    child.kill('SIGINT');
    const result = await child;
    expectNoHang(Date.now() - interruptedAt);
    expect(result.exitCode).toBe(130);
    expect(result.stderr.trim()).toBe('goproxy-doctor: interrupted');
    await waitFor(() => closed === sockets.length, 2_000);
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    sandbox.cleanup();
  }
}, 40_000);
