/**
 * Issue 13, item 18 (part): usage errors are one line with the `goproxy-doctor:` prefix the README
 * promises, commander's own messages included (unknown option or command, missing argument, invalid
 * choice, too many arguments), with exit code 2; `run -- /path/to/missing` names the path it could
 * not run.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ExitCode } from '../../src/errors.js';
import { runCli } from '../helpers/test-io.js';

function oneLine(stderr: string): string {
  const lines = stderr.split('\n').filter((line) => line !== '');
  expect(lines).toHaveLength(1);
  return lines[0] ?? '';
}

test.each([
  [['--bogus'], /^goproxy-doctor: unknown option '--bogus'$/],
  [['check', '--bogus'], /^goproxy-doctor: unknown option '--bogus'$/],
  [['check', '--jsn'], /^goproxy-doctor: unknown option '--jsn' \(Did you mean --json\?\)$/],
  [['bogus'], /^goproxy-doctor: unknown command 'bogus'/],
  [['chek'], /^goproxy-doctor: unknown command 'chek' \(Did you mean check\?\)$/],
  [['check', '--timeout'], /^goproxy-doctor: option '--timeout <ms>' argument missing$/],
  [['--go'], /^goproxy-doctor: option '--go <path>' argument missing$/],
  [['check', '--format', 'xml'], /^goproxy-doctor: option '--format <format>' argument 'xml' is invalid\. Allowed choices are human, github\.$/],
  [['check', 'extra'], /^goproxy-doctor: too many arguments for 'check'/],
  [['explain', '--scenario'], /^goproxy-doctor: option '--scenario <id>' argument missing$/],
  [['run'], /^goproxy-doctor: missing required argument 'command' \(put -- before the command: goproxy-doctor run -- go build \.\/\.\.\.\)$/],
  [['run', '--bogus', 'go'], /^goproxy-doctor: unknown option '--bogus' \(put -- before the command/],
  [['check', '--\u001b[31mred'], /^goproxy-doctor: unknown option '--red'$/],
])('%j: one line, goproxy-doctor: prefix, exit 2', async (args, pattern) => {
  const run = await runCli(args);
  expect(run.code).toBe(ExitCode.usage);
  expect(oneLine(run.stderr)).toMatch(pattern);
  expect(run.stdout).toBe('');
});

describe('run keeps the path it was given', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'gpd-usage-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each(['/nonexistent', '/nonexistent/dir/go', './no-such-program'])('run -- %s: 127, the path in the message', async (command) => {
    const run = await runCli(['run', '--no-env', '--', command, '--flag', 'secret-argument'], { env: { PATH: '/usr/bin:/bin' }, cwd: dir });
    expect(run.code).toBe(127);
    expect(oneLine(run.stderr)).toBe(`goproxy-doctor: run: command not found: ${command}`);
  });

  test('run -- <a file that is not executable>: 126, the path in the message', async () => {
    const file = path.join(dir, 'not-executable');
    writeFileSync(file, 'echo hi\n');
    chmodSync(file, 0o644);
    const run = await runCli(['run', '--no-env', '--', file], { env: { PATH: '/usr/bin:/bin' }, cwd: dir });
    expect(run.code).toBe(126);
    expect(oneLine(run.stderr)).toBe(`goproxy-doctor: run: cannot execute ${file}: permission denied`);
  });
});
