/** Bad input across commands: one line on stderr, the documented exit code, nothing else lost. */
import { availableGoVersions, createGoSandbox, goBinary } from './helpers/go-toolchains.js';
import { runCli } from './helpers/test-io.js';

const versions = availableGoVersions(['1.23']);
const withGo = versions.length > 0 ? test : test.skip;

describe('env with a configuration cmd/go rejects', () => {
  withGo.each([
    ['GOPROXY', 'ftp://x', 'invalid proxy URL scheme (must be https, http, file): ftp://x'],
    ['GOSUMDB', 'sum.golang.org+insecure', 'invalid GOSUMDB: malformed verifier id'],
  ])('%s=%s: the table is printed, then one line with cmd/go’s error, exit 4', async (name, value, goError) => {
    const sandbox = createGoSandbox();
    try {
      const { code, stdout, stderr } = await runCli(['--go', goBinary('1.23'), 'env'], {
        env: { ...sandbox.env, GOPROXY: 'https://proxy.example', GOSUMDB: 'sum.golang.org', [name]: value },
        cwd: sandbox.root,
      });
      expect(code).toBe(4);
      expect(stdout).toContain(`${name}=${value}`);
      expect(stderr.trim().split('\n')).toEqual([`goproxy-doctor: ${name}="${value}": ${goError}`]);
    } finally {
      sandbox.cleanup();
    }
  });
});

describe('explain with a missing input file', () => {
  test('fails with exit 5 before anything else is printed (not even the go env note)', async () => {
    const { code, stdout, stderr } = await runCli(['--go', '/nonexistent/go', 'explain', '/nonexistent/build.log']);
    expect(code).toBe(5);
    expect(stdout).toBe('');
    expect(stderr).toBe('goproxy-doctor: cannot read /nonexistent/build.log: no such file\n');
  });
});
