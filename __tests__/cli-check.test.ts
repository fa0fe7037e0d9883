/**
 * `goproxy-doctor check` through main(): flags, exit codes, --offline, the --json shape, group
 * filters, the spinner's place (stderr, interactive only) and the timeout bound, against a real go
 * and a loopback GOPROXY.
 */
import { main } from '../src/cli/main.js';
import { exampleModules, startFakeGoProxy, type FakeGoProxy } from './helpers/fake-goproxy.js';
import { availableGoVersions, goBinary } from './helpers/go-toolchains.js';
import { prepareCase, removeSandbox, type CheckCase } from './check/harness.js';
import { expectCutOffAt } from './helpers/deadline.js';

const haveGo = availableGoVersions(['1.23']).length > 0;
const describeGo = haveGo ? describe : describe.skip;

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

async function cli(c: CheckCase, args: string[]): Promise<CliRun> {
  const { sandbox, io } = prepareCase(c);
  try {
    const started = Date.now();
    const code = await main(['--go', goBinary('1.23'), 'check', ...args], io);
    return { code, stdout: io.stdout.text(), stderr: io.stderr.text(), ms: Date.now() - started };
  } finally {
    removeSandbox(sandbox);
  }
}

describe('check: invalid flags are usage errors (exit 2, one line) before go runs', () => {
  test.each([
    [['--timeout', 'soon']],
    [['--timeout', '0']],
    [['--timeout', '1.5']],
    [['--timeout', '99999999']],
    [['--fail-on', 'sometimes']],
    [['--strict', '--fail-on', 'never']],
    [['--only', 'network']],
    [['--only', '']],
    [['--only', 'config', '--skip', 'config']],
    [['--skip', 'proxy,bogus']],
    [['--module', 'not a module path']],
    [['--module', 'example.com/m@']],
    [['--module', 'example.com/m@v1.0.0!']],
  ])('%j', async (args) => {
    // A go that does not exist proves nothing ran before the flags were checked (that would be exit 3).
    const { sandbox, io } = prepareCase({ goMod: null });
    try {
      const code = await main(['--go', '/nonexistent/go', 'check', ...args], io);
      expect(code).toBe(2);
      const lines = io.stderr.text().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^goproxy-doctor: /);
      expect(io.stdout.text()).toBe('');
    } finally {
      removeSandbox(sandbox);
    }
  });

  test('a go that cannot be run is exit 3', async () => {
    const { sandbox, io } = prepareCase({});
    try {
      expect(await main(['--go', '/nonexistent/go', 'check'], io)).toBe(3);
    } finally {
      removeSandbox(sandbox);
    }
  });
});

describeGo('check through the CLI', () => {
  let proxy: FakeGoProxy;
  beforeAll(async () => {
    proxy = await startFakeGoProxy({ modules: exampleModules() });
  });
  afterAll(async () => {
    await proxy?.close();
  });

  const healthy = (): CheckCase => ({ env: { GOPROXY: proxy.url } });
  const broken = (): CheckCase => ({ env: { GOPROXY: `${proxy.faultUrl('500')},${proxy.url}` } });

  test('healthy: exit 0, human report with sections, marks and timings', async () => {
    const run = await cli(healthy(), []);
    expect(run.code).toBe(0);
    for (const title of ['Configuration', 'Module proxies', 'Checksum database', 'Toolchain', 'Credentials and HTTP proxy']) expect(run.stdout).toContain(title);
    expect(run.stdout).toMatch(/✓ example\.com\/hello@v1\.0\.0: served by #1/);
    expect(run.stdout).toMatch(/total \d+(\.\d)? ms/);
    expect(run.stdout).not.toMatch(/\u001b\[/);
    expect(run.stderr).toBe('');
  });

  test('an error finding: exit 1; --fail-on never: exit 0', async () => {
    const run = await cli(broken(), []);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✗ error proxy-server-error/);
    expect((await cli(broken(), ['--fail-on', 'never'])).code).toBe(0);
  });

  test('warnings alone: exit 0, but 1 with --strict or --fail-on warning', async () => {
    // The sandbox's GOSUMDB=off is a warning.
    expect((await cli(healthy(), [])).code).toBe(0);
    expect((await cli(healthy(), ['--strict'])).code).toBe(1);
    expect((await cli(healthy(), ['--fail-on', 'warning'])).code).toBe(1);
    expect((await cli(healthy(), ['--strict', '--skip', 'config'])).code).toBe(0);
  });

  test('--json: the documented schema, and nothing else on stdout', async () => {
    const run = await cli(broken(), ['--json']);
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(doc.schemaVersion).toBe(1);
    const findings = doc.findings as Array<Record<string, unknown>>;
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['id', 'rule', 'severity', 'group', 'message', 'evidence', 'fixes']));
      expect(['error', 'warning', 'info']).toContain(f.severity);
      for (const fix of f.fixes as Array<Record<string, unknown>>) {
        expect(typeof fix.text).toBe('string');
        expect(typeof fix.weakensSecurity).toBe('boolean');
        if ('command' in fix) expect(typeof fix.command).toBe('string');
      }
    }
    const probes = doc.probes as Array<Record<string, unknown>>;
    expect(probes[0]).toMatchObject({ url: expect.stringContaining('/fault/500/example.com/hello/@v/v1.0.0.info'), ok: false, phase: 'http', status: 500 });
    expect((probes[0]?.timings as Record<string, number>).total).toBeGreaterThan(0);
    expect(doc.summary).toEqual({ errors: 1, warnings: 1, infos: 0 });
    expect((doc.modules as Array<Record<string, unknown>>)[0]).toMatchObject({ module: 'example.com/hello', result: 'fail', failedAt: { stage: 'fetch', entry: 0 } });
  });

  test('--offline: configuration only, no request reaches the proxy', async () => {
    proxy.requests.length = 0;
    const run = await cli(broken(), ['--offline', '--json']);
    const doc = JSON.parse(run.stdout) as { offline: boolean; probes: unknown[]; findings: Array<{ group: string }> };
    expect(doc.offline).toBe(true);
    expect(doc.probes).toEqual([]);
    expect(doc.findings.every((f) => f.group === 'config')).toBe(true);
    expect(proxy.requests).toEqual([]);
    expect(run.code).toBe(0);
    const human = await cli(broken(), ['--offline']);
    expect(human.stdout).toContain('not probed (--offline)');
  });

  test('--only and --skip select finding groups', async () => {
    const only = JSON.parse((await cli(broken(), ['--only', 'proxy', '--json'])).stdout) as { groups: string[]; findings: Array<{ group: string }> };
    expect(only.groups).toEqual(['proxy']);
    expect(only.findings.map((f) => f.group)).toEqual(['proxy']);
    const skipped = await cli(broken(), ['--skip', 'proxy']);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).not.toContain('Module proxies');
  });

  test('--module replaces go.mod as the canary, repeatably', async () => {
    const doc = JSON.parse((await cli(healthy(), ['--json', '--module', 'example.com/hello@v1.1.0', '--module', 'example.com/Upper@v1.0.0-RC1'])).stdout) as {
      canarySource: string;
      modules: Array<{ module: string; version: string; result: string }>;
      probes: Array<{ url: string }>;
    };
    expect(doc.canarySource).toBe('flag');
    expect(doc.modules.map((m) => [m.module, m.version, m.result])).toEqual([
      ['example.com/hello', 'v1.1.0', 'ok'],
      ['example.com/Upper', 'v1.0.0-RC1', 'ok'],
    ]);
    expect(doc.probes.map((p) => p.url)).toContain(`${proxy.url}/example.com/%21upper/@v/v1.0.0-%21r%21c1.info`);
  });

  test('a hanging proxy with --timeout 1000 is cut off at the deadline', async () => {
    const run = await cli({ env: { GOPROXY: proxy.faultUrl('hang') } }, ['--timeout', '1000', '--json']);
    expectCutOffAt(run.ms, 1000);
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout) as { findings: Array<{ rule: string; cause?: string }>; probes: Array<{ timedOut?: boolean }> };
    expect(doc.findings.map((f) => `${f.rule}/${f.cause ?? ''}`)).toContain('module-fetch-failed/timeout');
    expect(doc.probes[0]?.timedOut).toBe(true);
  });

  test('the spinner draws on stderr only when it is interactive and not CI', async () => {
    const interactive = await cli({ env: { GOPROXY: proxy.faultUrl('slow/300'), CI: undefined }, stderrIsTTY: true }, ['--json']);
    expect(interactive.stderr).toMatch(/Probing|Reading|Checking/);
    expect(() => JSON.parse(interactive.stdout) as unknown).not.toThrow();
    const ci = await cli({ env: { GOPROXY: proxy.faultUrl('slow/300'), CI: 'true' }, stderrIsTTY: true }, []);
    expect(ci.stderr).toBe('');
    const piped = await cli({ env: { GOPROXY: proxy.faultUrl('slow/300'), CI: undefined } }, []);
    expect(piped.stderr).toBe('');
  });
});
