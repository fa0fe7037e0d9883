import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DoctorError, ExitCode } from '../../src/errors.js';
import type { Exec } from '../../src/io.js';
import { firstStderrLine, parseGoEnvJson, readGoEnvJson, readGoVersion } from '../../src/goenv/read.js';
import { createTestIo } from '../helpers/test-io.js';

let dir: string;

/** Writes an executable shell script standing in for `go`. */
function fakeGo(name: string, body: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

async function failure(promise: Promise<unknown>): Promise<DoctorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DoctorError) return error;
    throw error;
  }
  throw new Error('expected a DoctorError');
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gpd-read-'));
  await import('execa');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readGoEnvJson', () => {
  test('returns the variables and passes the user environment to go, run outside any module', async () => {
    const go = fakeGo('echo-env', 'printf \'{"GOPROXY": "%s", "PWD": "%s", "ARGS": "%s"}\' "$GOPROXY" "$(pwd)" "$*"');
    const io = createTestIo({ env: { GOPROXY: 'https://mine.invalid', PATH: process.env.PATH }, cwd: dir });
    // The root directory: a go.mod in the user's directory must not make `go env` switch toolchains.
    expect(await readGoEnvJson(io, go)).toEqual({ GOPROXY: 'https://mine.invalid', PWD: '/', ARGS: 'env -json' });
  });

  test('a relative GOENV keeps the user directory, since go resolves it from there', async () => {
    const go = fakeGo('echo-pwd', 'printf \'{"PWD": "%s"}\' "$(pwd)"');
    const io = createTestIo({ env: { GOENV: 'rel/env', PATH: process.env.PATH }, cwd: dir });
    expect(await readGoEnvJson(io, go)).toEqual({ PWD: dir });
  });

  test('go missing: go-not-found with the documented message and exit code', async () => {
    const missing = path.join(dir, 'no-such-go');
    const error = await failure(readGoEnvJson(createTestIo(), missing));
    expect(error.code).toBe('go-not-found');
    expect(error.exitCode).toBe(ExitCode.goUnavailable);
    expect(error.message).toBe(`go not found: ${missing} (install Go or pass --go <path>)`);
  });

  test('go failing: go-env-failed with the first stderr line, control characters stripped', async () => {
    const go = fakeGo('fails', "printf '\\n\\033[31mgo: go.mod requires go >= 1.99\\033[0m\\nsecond line\\n' >&2; exit 1");
    const error = await failure(readGoEnvJson(createTestIo({ env: { PATH: process.env.PATH } }), go));
    expect(error.code).toBe('go-env-failed');
    expect(error.exitCode).toBe(ExitCode.goUnavailable);
    expect(error.message).toBe(`${go} env -json failed (exit 1): go: go.mod requires go >= 1.99`);
  });

  test.each([
    ['plain text', 'echo "GOPROXY=https://proxy.golang.org"', /did not print JSON \(it printed: GOPROXY=https:\/\/proxy\.golang\.org\)/],
    ['nothing', 'true', /did not print JSON \(it printed nothing\)/],
    ['an array', "echo '[1,2]'", /did not print a JSON object/],
    ['a non-string value', 'echo \'{"GOPROXY": 1}\'', /non-string value for GOPROXY/],
  ])('go printing %s: go-env-not-json', async (_name, body, message) => {
    const go = fakeGo(`bad-${_name.replace(/\W/g, '')}`, body);
    const error = await failure(readGoEnvJson(createTestIo({ env: { PATH: process.env.PATH } }), go));
    expect(error.code).toBe('go-env-not-json');
    expect(error.exitCode).toBe(ExitCode.goUnavailable);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
  });

  test('a timeout is a go-env-failed error, not a hang', async () => {
    const go = fakeGo('slow', 'exec sleep 5');
    const started = Date.now();
    const error = await failure(readGoEnvJson(createTestIo({ env: { PATH: process.env.PATH } }), go, { timeoutMs: 300 }));
    expect(Date.now() - started).toBeLessThan(4000);
    expect(error.code).toBe('go-env-failed');
    expect(error.message).toMatch(/timed out/);
  });

  test('a file that is not executable cannot be run', async () => {
    const file = path.join(dir, 'not-executable');
    writeFileSync(file, 'x');
    chmodSync(file, 0o644);
    const error = await failure(readGoEnvJson(createTestIo(), file));
    expect(error.code).toBe('go-env-failed');
    expect(error.message).toMatch(/^cannot run .*not-executable: EACCES$/);
  });

  test('through a fake exec: ENOENT maps to go-not-found', async () => {
    const exec: Exec = async () => {
      throw Object.assign(new Error('spawn go ENOENT'), { code: 'ENOENT' });
    };
    const error = await failure(readGoEnvJson(createTestIo({ exec }), 'go'));
    expect(error.message).toBe('go not found: go (install Go or pass --go <path>)');
  });
});

describe('helpers', () => {
  test('readGoVersion parses go version output', async () => {
    const go = fakeGo('version', 'echo "go version go1.19.8 linux/amd64"');
    expect(await readGoVersion(createTestIo({ env: { PATH: process.env.PATH } }), go)).toBe('go1.19.8');
  });

  test('firstStderrLine skips blank lines', () => {
    expect(firstStderrLine('\n  \n go: boom \nmore')).toBe('go: boom');
    expect(firstStderrLine('')).toBe('');
  });

  test('parseGoEnvJson accepts go output', () => {
    expect(parseGoEnvJson('{\n\t"GOPROXY": "off"\n}\n', 'go')).toEqual({ GOPROXY: 'off' });
  });
});
