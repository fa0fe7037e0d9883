/**
 * Issue 13, item 5 (second half): `goproxy-doctor run -- yes | head -1` never ended: the reader of
 * our stdout went away, and the child kept writing into output nobody read. `run` must end as the
 * plain pipe does, with the exit status a shell gives the command (141 = 128 + SIGPIPE), and without
 * a diagnosis appended for a reader that stopped reading.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cliShellCommand, startProcess } from '../helpers/cli-process.js';

const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', NO_COLOR: '1' };
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gpd-run-pipe-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `left | head -1` in bash and reports the left side's status and what came out. */
async function pipeline(left: string): Promise<{ status: number; firstLine: string; stderr: string; timedOut: boolean }> {
  const script = `${left} | head -1; echo "status=\${PIPESTATUS[0]}"`;
  const run = await startProcess('bash', ['-c', script], { env, cwd: dir, timeoutMs: 20_000 }).done;
  const status = Number(/status=(\d+)/.exec(run.stdout)?.[1] ?? Number.NaN);
  return { status, firstLine: run.stdout.split('\n')[0] ?? '', stderr: run.stderr, timedOut: run.timedOut };
}

test.each([
  ['yes', `yes`],
  ['a command that ignores SIGPIPE', `sh -c 'trap "" PIPE; exec yes'`],
])('run -- %s | head -1 ends like the plain pipe, with the same status', async (_name, command) => {
  const plain = await pipeline(command);
  const wrapped = await pipeline(`${cliShellCommand(['run', '--no-env', '--'])} ${command}`);
  expect(wrapped.timedOut).toBe(false);
  expect(wrapped.firstLine).toBe('y');
  expect(wrapped.status).toBe(plain.status);
  expect(wrapped.stderr).not.toMatch(/what its output shows/);
}, 45_000);

test('run -- yes | head -1: status 141, nothing on stderr', async () => {
  const wrapped = await pipeline(`${cliShellCommand(['run', '--no-env', '--'])} yes`);
  expect(wrapped.status).toBe(128 + 13);
  expect(wrapped.stderr).toBe('');
}, 30_000);
