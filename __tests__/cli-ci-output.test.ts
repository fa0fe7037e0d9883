/**
 * CI-facing behaviour of `explain` and `check` through main(): `--passthrough`, `--fail-on`, and the
 * GitHub Actions output (workflow annotations and the step summary in a temporary file).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../src/cli/main.js';
import { loadFixture } from './explain/corpus.js';
import { availableGoVersions, createGoSandbox, goBinary } from './helpers/go-toolchains.js';
import { runCli } from './helpers/test-io.js';

const CREDENTIAL_404 = loadFixture('private-module-proxied/credential-404-go1.23.txt').body;
const BUILD_NOISE = 'go: downloading example.com/other v1.0.0\n# example.com/app\n./main.go:3:2: undefined: x\n';

const run = runCli;

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'gpd-ci-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('explain --passthrough', () => {
  test('copies the input to stdout unchanged and puts the diagnosis on stderr', async () => {
    const input = `${BUILD_NOISE}${CREDENTIAL_404}\n`;
    const { code, stdout, stderr } = await run(['explain', '--no-env', '--passthrough'], { stdin: input });
    expect(code).toBe(1);
    expect(stdout).toBe(input);
    expect(stderr).toContain('[private-module-proxied');
  });

  test('strips control characters from the copy when stdout is a terminal', async () => {
    const input = `\u001b]0;pwned\u0007${CREDENTIAL_404}\n`;
    const { stdout } = await run(['explain', '--no-env', '--passthrough'], { stdin: input, stdoutIsTTY: true });
    expect(stdout).not.toContain('\u001b');
    expect(stdout).not.toContain('\u0007');
    expect(stdout).toContain('404 Not Found');
  });

  test('cannot be combined with --json (both write to stdout)', async () => {
    const { code, stderr } = await run(['explain', '--no-env', '--passthrough', '--json'], { stdin: CREDENTIAL_404 });
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('explain --fail-on', () => {
  test.each([
    ['error', 1],
    ['warning', 1],
    ['never', 0],
  ])('--fail-on %s with a diagnosis exits %i', async (level, expected) => {
    const { code } = await run(['explain', '--no-env', '--fail-on', level], { stdin: CREDENTIAL_404 });
    expect(code).toBe(expected);
  });

  test('an unknown level is a usage error', async () => {
    const { code, stderr } = await run(['explain', '--no-env', '--fail-on', 'sometimes'], { stdin: CREDENTIAL_404 });
    expect(code).toBe(2);
    expect(stderr).toContain('sometimes');
  });
});

describe('GitHub Actions output', () => {
  test('explain under GITHUB_ACTIONS=true emits an ::error annotation and appends the step summary', async () => {
    const summary = path.join(tmp, 'explain-summary.md');
    writeFileSync(summary, '# earlier step\n');
    const { code, stdout } = await run(['explain', '--no-env'], {
      stdin: CREDENTIAL_404,
      env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary },
    });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^::error title=[^:\n]*::.*github\.com\/acme\/private/m);
    const markdown = readFileSync(summary, 'utf8');
    expect(markdown.startsWith('# earlier step\n')).toBe(true);
    expect(markdown).toContain('## goproxy-doctor explain');
    expect(markdown).toContain('private-module-proxied');
  });

  test('explain --json --format github keeps stdout pure JSON and writes annotations to stderr', async () => {
    const { stdout, stderr } = await run(['explain', '--no-env', '--json', '--format', 'github'], { stdin: CREDENTIAL_404 });
    expect(() => JSON.parse(stdout) as unknown).not.toThrow();
    expect(stderr).toMatch(/^::error /m);
  });

  test('without GitHub Actions no annotation is printed and no summary is written', async () => {
    const summary = path.join(tmp, 'never-written.md');
    const { stdout } = await run(['explain', '--no-env'], { stdin: CREDENTIAL_404, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(stdout).not.toContain('::error');
    expect(existsSync(summary)).toBe(false);
  });

  const versions = availableGoVersions(['1.23']);
  (versions.length > 0 ? test : test.skip)('check --offline --format github annotates an error finding and writes the summary', async () => {
    const sandbox = createGoSandbox();
    try {
      const summary = path.join(sandbox.root, 'summary.md');
      const { code, stdout } = await run(['--go', goBinary('1.23'), 'check', '--offline', '--format', 'github', '--module', 'example.com/hello@v1.0.0'], {
        env: { ...sandbox.env, GOPROXY: 'off', GITHUB_STEP_SUMMARY: summary },
        cwd: sandbox.root,
      });
      expect(code).toBe(1);
      expect(stdout).toMatch(/^::error title=[^\n]*::[^\n]*GOPROXY/m);
      expect(readFileSync(summary, 'utf8')).toContain('## goproxy-doctor check');
    } finally {
      sandbox.cleanup();
    }
  });
});
