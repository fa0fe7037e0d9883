/**
 * Issue 13, item 5 (first half): a `--go` wrapper script that leaves a background process holding
 * go's output pipe. Waiting for the pipe to close meant waiting for that process, past the 30 s
 * `go env` timeout. `go env` now runs in a process group of its own (src/process-group.ts): once
 * the program has exited its output is taken whoever still holds the pipe, and on timeout the whole
 * group is killed, the leftover process included.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ExitCode } from '../../src/errors.js';
import { readGoEnvJson } from '../../src/goenv/read.js';
import { execInProcessGroup } from '../../src/process-group.js';
import { runCliProcess, shellQuote, waitFor } from '../helpers/cli-process.js';
import { availableGoVersions, createGoSandbox, goBinary, type GoSandbox } from '../helpers/go-toolchains.js';
import { createTestIo } from '../helpers/test-io.js';

const versions = availableGoVersions(['1.23']);
const describeWithGo = versions.length > 0 ? describe : describe.skip;

// Running, as opposed to gone or a zombie waiting for its new parent to reap it.
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

function readPid(file: string): number {
  return Number(readFileSync(file, 'utf8').trim());
}

describeWithGo('a --go wrapper whose background process holds the pipe', () => {
  let dir: string;
  let sandbox: GoSandbox;
  const leftovers: number[] = [];
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'gpd-wrapper-'));
    sandbox = createGoSandbox();
  });
  afterAll(() => {
    for (const pid of leftovers) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
    sandbox.cleanup();
  });

  // A wrapper that starts `sleep` in the background (it inherits stdout and stderr), records its pid,
  // then runs `then` in its own place.
  function wrapper(name: string, then: string): { script: string; pidFile: string } {
    const script = path.join(dir, name);
    const pidFile = path.join(dir, `${name}.pid`);
    writeFileSync(script, `#!/bin/sh\nsleep 600 &\necho $! > ${shellQuote(pidFile)}\nexec ${then}\n`);
    chmodSync(script, 0o755);
    return { script, pidFile };
  }

  test('go exits but its leftover keeps the pipe: env still prints, at once', async () => {
    const { script, pidFile } = wrapper('go-with-leftover', `${shellQuote(goBinary('1.23'))} "$@"`);
    const run = await runCliProcess(['--go', script, 'env'], { env: sandbox.env, cwd: sandbox.root, timeoutMs: 20_000 });
    leftovers.push(readPid(pidFile));
    expect(run.timedOut).toBe(false);
    expect(run.code).toBe(ExitCode.ok);
    expect(run.stdout).toMatch(/^GOPROXY=/m);
  }, 30_000);

  test('a wrapper that never answers: go env gives up at its 30 s timeout and its whole process group is killed', async () => {
    const { script, pidFile } = wrapper('go-that-hangs', 'sleep 600');
    const run = await runCliProcess(['--go', script, 'env'], { env: sandbox.env, cwd: sandbox.root, timeoutMs: 60_000 });
    const leftover = readPid(pidFile);
    leftovers.push(leftover);
    expect(run.timedOut).toBe(false);
    expect(run.elapsedMs).toBeLessThan(45_000);
    expect(run.code).toBe(ExitCode.goUnavailable);
    expect(run.stderr.split('\n').filter((l) => l !== '')).toHaveLength(1);
    await waitFor(() => !alive(leftover), 2_000);
  }, 70_000);

  test('the same through the exec seam with a short timeout', async () => {
    const { script, pidFile } = wrapper('go-that-hangs-too', 'sleep 600');
    const io = createTestIo({ env: sandbox.env, cwd: sandbox.root, exec: execInProcessGroup });
    const started = Date.now();
    await expect(readGoEnvJson(io, script, { timeoutMs: 1_000 })).rejects.toMatchObject({ code: 'go-env-failed' });
    expect(Date.now() - started).toBeLessThan(5_000);
    const leftover = readPid(pidFile);
    leftovers.push(leftover);
    await waitFor(() => !alive(leftover), 2_000);
  }, 20_000);
});
