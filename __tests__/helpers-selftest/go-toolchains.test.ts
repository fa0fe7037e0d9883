/**
 * The toolchains the suites run: each release named in GO_VERSIONS is the Go it claims to be (so a
 * suite's "go1.25" is really go1.25), and the sandbox keeps the machine's own Go settings out. The test
 * names list the releases covered on this machine; a release the module proxy does not serve is named
 * as such.
 */
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { GO_VERSIONS, atLeast, availableGoVersions, createGoSandbox, goBinary, goVersionString, runGo, unservedGoVersions } from '../helpers/go-toolchains.js';

const present = availableGoVersions();
const unserved = unservedGoVersions();

describe('Go toolchains', () => {
  test.each(GO_VERSIONS.map((v) => [v, present.includes(v) ? goBinary(v) : unserved.includes(v) ? 'not served by the module proxy' : 'not installed'] as const))(
    'go%s: %s',
    async (v) => {
      if (!present.includes(v)) return;
      const sandbox = createGoSandbox('gpd-toolchains-');
      try {
        const run = await runGo(v, ['env', '-json', 'GOVERSION', 'GOROOT', 'GOFLAGS', 'GOTOOLCHAIN', 'GOPROXY', 'GOTELEMETRY', 'GOENV'], sandbox.env, { cwd: sandbox.root, timeoutMs: 30_000 });
        expect(run.exitCode).toBe(0);
        const env = JSON.parse(run.stdout) as Record<string, string>;
        expect(env.GOVERSION).toBe(goVersionString(v));
        expect(env.GOVERSION?.startsWith(`go${v}.`) || env.GOVERSION === `go${v}`).toBe(true);
        // Compared as real paths: go reports its GOROOT with symbolic links resolved (a cache directory may be one).
        expect(realpathSync(path.join(env.GOROOT ?? '', 'bin', 'go'))).toBe(realpathSync(goBinary(v)));
        // Nothing of the machine's configuration: the sandbox's own values only.
        expect({ GOFLAGS: env.GOFLAGS, GOPROXY: env.GOPROXY, GOENV: env.GOENV }).toEqual({ GOFLAGS: '-modcacherw', GOPROXY: 'off', GOENV: sandbox.goenvFile });
        // Older releases print '' for variables they do not have yet (GOTOOLCHAIN: 1.21, GOTELEMETRY: 1.23).
        expect(env.GOTOOLCHAIN).toBe(atLeast(v, 21) ? 'local' : '');
        expect(env.GOTELEMETRY).toBe(atLeast(v, 23) ? 'off' : '');
      } finally {
        sandbox.cleanup();
      }
    },
    60_000,
  );

  test('the sandbox turns telemetry off through its mode file', () => {
    const sandbox = createGoSandbox('gpd-toolchains-');
    try {
      expect(readFileSync(path.join(sandbox.home, '.config', 'go', 'telemetry', 'mode'), 'utf8').trim()).toBe('off');
      expect(sandbox.env.GOTELEMETRY).toBeUndefined();
    } finally {
      sandbox.cleanup();
    }
  });
});
