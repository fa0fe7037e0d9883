/**
 * Issue 13, item 1: a terminal that reports a width of 0 (some `docker exec -t` and CI ptys) made
 * `check`'s spinner redraw for ever on stderr, deaf to Ctrl-C and SIGTERM. Run through a real pty
 * (`script`), with the width set by `stty cols`, the command must end, write a bounded amount, and
 * stop promptly on SIGTERM while it waits on a server.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { availableGoVersions, createGoSandbox, goBinary } from '../helpers/go-toolchains.js';
import { closeServer, listenOnLoopback } from '../helpers/listen.js';
import { cliShellCommand, shellQuote, startProcess, waitFor } from '../helpers/cli-process.js';
import { terminalWidth } from '../../src/cli/context.js';
import { bufferStream } from '../helpers/test-io.js';
import { expectNoHang } from '../helpers/deadline.js';

const versions = availableGoVersions(['1.23']);
const hasScript = (() => {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const describeWithPty = versions.length > 0 && hasScript ? describe : describe.skip;

// A terminal environment: TERM set, CI unset, so the spinner is allowed to run.
function terminalEnv(sandboxEnv: Record<string, string>, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = { ...sandboxEnv, TERM: 'xterm-256color', ...extra };
  delete env.CI;
  return env;
}

test.each([0, -1, -80, Number.NaN, Number.POSITIVE_INFINITY, undefined])('a terminal reporting %p columns has no usable width (callers fall back)', (columns) => {
  expect(terminalWidth(bufferStream(true, columns))).toBeUndefined();
});

test('a usable width is kept, whole', () => {
  expect(terminalWidth(bufferStream(true, 1))).toBe(1);
  expect(terminalWidth(bufferStream(true, 132.7))).toBe(132);
  expect(terminalWidth(bufferStream(false, 132))).toBeUndefined();
});

describeWithPty('check on a terminal whose width is unusable', () => {
  test.each(['0', '1'])('stty cols %s: check --offline ends with a bounded amount of output', async (cols) => {
    const sandbox = createGoSandbox();
    try {
      const inner = `stty cols ${cols} rows 24; exec ${cliShellCommand(['--go', goBinary('1.23'), 'check', '--offline'])}`;
      const run = await startProcess('script', ['-qec', inner, '/dev/null'], { env: terminalEnv(sandbox.env), cwd: sandbox.root, timeoutMs: 25_000 }).done;
      expect(run.timedOut).toBe(false);
      // The spinner draws a few frames at most; the looping version wrote megabytes a second.
      expect(run.stdout.length).toBeLessThan(64 * 1024);
      expect([0, 1]).toContain(run.code);
      expect(run.stdout).toMatch(/Configuration/);
    } finally {
      sandbox.cleanup();
    }
  }, 30_000);

  test('stty cols 0: SIGTERM ends check while it waits on a silent server', async () => {
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.resume(); // read the request, never answer
    });
    const port = await listenOnLoopback(server);
    const sandbox = createGoSandbox();
    const dir = mkdtempSync(path.join(tmpdir(), 'gpd-pty-'));
    const pidFile = path.join(dir, 'pid');
    try {
      const command = cliShellCommand(['--go', goBinary('1.23'), 'check', '--timeout', '60000', '--module', 'example.com/hello@v1.0.0']);
      // The shell writes its pid and then becomes goproxy-doctor (exec keeps the pid).
      const inner = `echo $$ > ${shellQuote(pidFile)}; stty cols 0 rows 24; exec ${command}`;
      const env = terminalEnv(sandbox.env, { GOPROXY: `http://127.0.0.1:${port}`, GOSUMDB: 'off' });
      const started = startProcess('script', ['-qec', inner, '/dev/null'], { env, cwd: sandbox.root, timeoutMs: 30_000 });
      let pid = 0;
      await waitFor(() => {
        try {
          pid = Number(readFileSync(pidFile, 'utf8').trim());
        } catch {
          return false;
        }
        return pid > 0;
      }, 10_000);
      // The probe reaches the server only if the event loop is free; give it the time it needs.
      await waitFor(() => sockets.size > 0, 15_000).catch(() => undefined);
      const signalledAt = Date.now();
      process.kill(pid, 'SIGTERM');
      const run = await started.done;
      expect(run.timedOut).toBe(false);
      expectNoHang(Date.now() - signalledAt);
      expect(run.code).toBe(143);
      expect(sockets.size).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      sandbox.cleanup();
      await closeServer(server, sockets);
    }
  }, 40_000);
});
