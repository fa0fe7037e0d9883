/** `goproxy-doctor env` end to end through main(), against a real Go toolchain. */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../src/cli/main.js';
import { ExitCode } from '../src/errors.js';
import { readTextFileFromDisk } from '../src/io.js';
import { EXPLAINED_VARIABLES } from '../src/goenv/origin.js';
import { availableGoVersions, createGoSandbox, goBinary, runGo, type GoSandbox } from './helpers/go-toolchains.js';
import { createTestIo, type TestIo } from './helpers/test-io.js';

const versions = availableGoVersions();
const newest = versions[versions.length - 1];
const modern = versions.filter((v) => v !== '1.19');

let sandbox: GoSandbox;
beforeAll(async () => {
  await import('execa');
});
beforeEach(() => {
  sandbox = createGoSandbox('gpd-cli-env-');
});
afterEach(() => sandbox.cleanup());

async function run(args: string[], env: Record<string, string | undefined>, setup?: (io: TestIo) => void): Promise<{ code: number; io: TestIo }> {
  const io = createTestIo({ env, cwd: sandbox.root, homedir: sandbox.home });
  setup?.(io);
  const code = await main(args, io);
  return { code, io };
}

function expectOneLineError(io: TestIo): string {
  const err = io.stderr.text();
  expect(err.endsWith('\n')).toBe(true);
  expect(err.trimEnd().split('\n')).toHaveLength(1);
  expect(err).not.toMatch(/\n\s+at /);
  expect(io.stdout.text()).toBe('');
  return err;
}

(newest === undefined ? describe.skip : describe)('env command', () => {
  const go = () => goBinary(newest!);

  test('--json: the documented contract, every variable, and go agrees on GOPROXY', async () => {
    const env = { ...sandbox.env, GOPRIVATE: '*.corp.invalid' };
    const { code, io } = await run(['--go', go(), 'env', '--json'], env);
    expect(code).toBe(ExitCode.ok);
    const doc = JSON.parse(io.stdout.text()) as { schemaVersion: unknown; goVersion: string; variables: Record<string, { value: string; origin: string; notes: string[] }> };
    expect(doc.schemaVersion).toBe(1);
    expect(Object.keys(doc.variables)).toEqual([...EXPLAINED_VARIABLES]);
    const real = await runGo(newest!, ['env', 'GOVERSION', 'GOPROXY', 'GONOSUMDB'], env, { cwd: sandbox.root });
    const [version, proxy, nosumdb] = real.stdout.split('\n');
    expect(doc.goVersion).toBe(version);
    expect(doc.variables.GOPROXY).toMatchObject({ value: proxy, origin: 'environment' });
    expect(doc.variables.GONOSUMDB).toMatchObject({ value: nosumdb, origin: 'derived' });
    for (const info of Object.values(doc.variables)) expect(Array.isArray(info.notes)).toBe(true);
  });

  test('--go is accepted after the subcommand too', async () => {
    const { code, io } = await run(['env', '--json', '--go', go()], sandbox.env);
    expect(code).toBe(ExitCode.ok);
    expect(JSON.parse(io.stdout.text()).schemaVersion).toBe(1);
  });

  test('human output shows value, origin, file and notes, plain when not a terminal', async () => {
    writeFileSync(sandbox.goenvFile, 'GOPROXY=https://file.invalid\nGOPRIVATE="quoted.invalid"\n');
    const { code, io } = await run(['--go', go(), 'env'], sandbox.env);
    expect(code).toBe(ExitCode.ok);
    const out = io.stdout.text();
    expect(out).not.toMatch(/\u001b\[/);
    expect(out).toMatch(/^GOPROXY=off +environment$/m);
    expect(out).toMatch(/^ {4}- shadowed: 'go env -w' set GOPROXY=https:\/\/file\.invalid/m);
    expect(out).toContain(`GOPRIVATE="\\"quoted.invalid\\""`);
    expect(out).toMatch(new RegExp(`GOPRIVATE=.* goenv-file ${sandbox.goenvFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    expect(out).toMatch(/wrapped in quotes/);
  });

  test('--color colours the origin; NO_COLOR wins over a terminal', async () => {
    const coloured = await run(['--go', go(), '--color', 'env'], sandbox.env);
    expect(coloured.io.stdout.text()).toMatch(/\u001b\[33menvironment\u001b\[39m/);
    const plain = await run(['--go', go(), 'env'], { ...sandbox.env, NO_COLOR: '1' }, (io) => {
      (io.stdout as { isTTY: boolean }).isTTY = true;
    });
    expect(plain.io.stdout.text()).not.toMatch(/\u001b\[/);
  });

  test('secrets in GOPROXY and HTTPS_PROXY never reach either output', async () => {
    const env = { ...sandbox.env, GOPROXY: 'https://alice:s3cret-proxy@p.invalid/mod', HTTPS_PROXY: 'http://bob:s3cret-http@127.0.0.1:9' };
    writeFileSync(sandbox.goenvFile, 'GOPROXY=https://carol:s3cret-file@f.invalid\n');
    for (const args of [['env'], ['env', '--json']]) {
      const { code, io } = await run(['--go', go(), ...args], env);
      expect(code).toBe(ExitCode.ok);
      const out = io.stdout.text();
      expect(out).not.toContain('s3cret');
      expect(out).toContain('alice:xxxxx@p.invalid');
      expect(out).toContain('bob:xxxxx@127.0.0.1:9');
      expect(out).toContain('carol:xxxxx@f.invalid');
    }
  });

  test('go missing: exit 3, one line', async () => {
    const missing = path.join(sandbox.root, 'nowhere', 'go');
    const { code, io } = await run(['--go', missing, 'env'], sandbox.env);
    expect(code).toBe(ExitCode.goUnavailable);
    expect(expectOneLineError(io)).toBe(`goproxy-doctor: go not found: ${missing} (install Go or pass --go <path>)\n`);
  });

  test('go printing something that is not JSON: exit 3, one line', async () => {
    const fake = path.join(sandbox.root, 'fake-go');
    writeFileSync(fake, '#!/bin/sh\necho "this is not json"\n');
    chmodSync(fake, 0o755);
    const { code, io } = await run(['--go', fake, 'env', '--json'], sandbox.env);
    expect(code).toBe(ExitCode.goUnavailable);
    expect(expectOneLineError(io)).toMatch(/did not print JSON \(it printed: this is not json\)/);
  });

  (modern.length > 0 ? test : test.skip)("real go env failing (invalid GOTOOLCHAIN): exit 3 with go's first stderr line", async () => {
    const v = modern[modern.length - 1]!;
    const env = { ...sandbox.env, GOTOOLCHAIN: 'bogus' };
    const real = await runGo(v, ['env', '-json'], env, { cwd: sandbox.root });
    expect(real.exitCode).not.toBe(0);
    const { code, io } = await run(['--go', goBinary(v), 'env'], env);
    expect(code).toBe(ExitCode.goUnavailable);
    expect(expectOneLineError(io)).toBe(`goproxy-doctor: ${goBinary(v)} env -json failed (exit ${real.exitCode}): ${real.stderr.trim().split('\n')[0]}\n`);
  });

  test('a GOENV file that exists but cannot be read: exit 4, one line', async () => {
    writeFileSync(sandbox.goenvFile, 'GOPROXY=https://x.invalid\n');
    const { code, io } = await run(['--go', go(), 'env'], sandbox.env, (testIo) => {
      testIo.readTextFile = async (p) =>
        p === sandbox.goenvFile ? { ok: false, code: 'EACCES', message: `open ${p}: permission denied` } : readTextFileFromDisk(p);
    });
    expect(code).toBe(ExitCode.invalidConfig);
    expect(expectOneLineError(io)).toBe(
      `goproxy-doctor: cannot read the Go env file ${sandbox.goenvFile}: permission denied (go silently ignores it, so none of its settings apply)\n`,
    );
  });

  test('a GOENV that is a directory: exit 4, and go itself ignores it', async () => {
    mkdirSync(sandbox.goenvFile);
    const real = await runGo(newest!, ['env', 'GOPROXY'], sandbox.env, { cwd: sandbox.root });
    expect(real.exitCode).toBe(0);
    const { code, io } = await run(['--go', go(), 'env'], sandbox.env);
    expect(code).toBe(ExitCode.invalidConfig);
    expect(expectOneLineError(io)).toMatch(/cannot read the Go env file .*: it is a directory/);
  });

  test('a missing GOENV file is fine and says so', async () => {
    const { code, io } = await run(['--go', go(), 'env', '--json'], sandbox.env);
    expect(code).toBe(ExitCode.ok);
    const doc = JSON.parse(io.stdout.text()) as { variables: Record<string, { notes: string[] }> };
    expect(doc.variables.GOENV?.notes.join('\n')).toMatch(/does not exist/);
  });
});
