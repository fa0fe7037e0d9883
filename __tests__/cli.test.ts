import { readFileSync } from 'node:fs';
import { main } from '../src/cli/main.js';
import { VERSION } from '../src/version.js';
import { createTestIo } from './helpers/test-io.js';

describe('goproxy-doctor CLI entry', () => {
  test('--version prints the package.json version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    const io = createTestIo();
    expect(await main(['--version'], io)).toBe(0);
    expect(io.stdout.text().trim()).toBe(pkg.version);
    expect(VERSION).toBe(pkg.version);
  });

  test('an unknown command is a usage error with exit code 2 and one line', async () => {
    const io = createTestIo();
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(io.stderr.text().trim().split('\n')).toHaveLength(1);
    expect(io.stderr.text()).toContain("unknown command 'frobnicate'");
  });

  test('--help documents the exit codes', async () => {
    const io = createTestIo();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.stdout.text()).toMatch(/Exit codes:[\s\S]*130 +interrupted/);
  });
});
