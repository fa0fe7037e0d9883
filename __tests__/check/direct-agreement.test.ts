/**
 * `check` on modules go fetches directly, judged by the real `go mod download` (Go 1.23 and 1.26) against
 * the loopback HTTPS code host (helpers/git-host.ts: go-import pages and git smart HTTP through
 * `git http-backend`). For every configuration of the user's machine, `check --json --module M@V` runs
 * through the CLI's `main` with that machine's environment, and go runs with the same one in a sandbox
 * of its own. They must agree: go fails exactly when check exits 1 with an error finding about the
 * module, whose id is the scenario explain gives go's real stderr (computed here from go's stderr; when
 * explain has no scenario for it, the configuration names the check rule that reports it instead);
 * check's verdict for the module and its direct-fetch facts say the same; no credential appears in
 * check's output.
 *
 * Every configuration runs go and check for both Go versions in separate sandboxes at the same time
 * (git erases a refused credential from a helper's store, so nothing is shared between runs), a few
 * configurations at once; the servers are shared by all.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli/main.js';
import type { CheckJson } from '../../src/report/check.js';
import { limiter } from '../../src/concurrency.js';
import { SCENARIO_IDS } from '../../src/scenarios/types.js';
import { exampleModules, startFakeGoProxy, type FakeGoProxy } from '../helpers/fake-goproxy.js';
import { GitHostUnavailableError, randomLoopbackAddress, startGitHost, type GitHost } from '../helpers/git-host.js';
import { availableGoVersions, createGoSandbox, goBinary, runGo, type GoRun, type GoVersion } from '../helpers/go-toolchains.js';
import { createTestCa, type TestCa } from '../helpers/test-ca.js';
import { createTestIo } from '../helpers/test-io.js';
import { explainScenario, secretForms, SYSTEM_BUNDLE } from '../probe/direct-judge.js';

const VERSIONS = availableGoVersions(['1.23', '1.26']);
const LOGIN = 'gopher';
const PASSWORD = `pw-${randomBytes(9).toString('hex')}`;
const SECRETS = secretForms(LOGIN, PASSWORD);
/** Configurations run at once (each runs two go and two check processes side by side). */
const PARALLEL_CONFIGURATIONS = 2;
// net/http's TLSHandshakeTimeout (10 s, go1.26 src/net/http/transport.go DefaultTransport): on loopback
// only an overloaded machine hits it, and no configuration here is about it, so go is asked once more.
const LOADED_MACHINE = /net\/http: TLS handshake timeout/;

/** The user's machine for one configuration. */
interface Machine {
  /** Go variables and the like (GOPROXY defaults to `direct`). */
  env?: Record<string, string>;
  netrc?: string;
  /** More ~/.gitconfig text; `{root}` is the sandbox directory. */
  gitconfig?: string;
  /** Files under the sandbox directory (a credential store). */
  files?: Record<string, string>;
  /** go trusts the code host's CA (SSL_CERT_FILE); default true. */
  goTrusts?: boolean;
  /** git trusts it (http.sslCAInfo); default true. */
  gitTrusts?: boolean;
}

interface Configuration {
  name: string;
  module: () => string;
  /** Default v1.0.0. */
  version?: string;
  machine: () => Machine;
  /** The check rule whose finding carries the failure when explain has no scenario for go's text. */
  ruleWhenExplainIsSilent?: string;
  /** The walk reaches the direct fetch (false only where GOPROXY=off ends it first). */
  direct?: boolean;
}

let ca: TestCa | undefined;
let host: GitHost | undefined;
let proxy: FakeGoProxy | undefined;
let skipReason: string | undefined;
const closedAddress = randomLoopbackAddress();

const H = (): GitHost => host as GitHost;
const P = (): FakeGoProxy => proxy as FakeGoProxy;
const credentialStore = (line: string): Machine => ({ gitconfig: '[credential]\n\thelper = store --file={root}/git-credentials\n', files: { 'git-credentials': `${line}\n` } });
const rightNetrc = (): string => `machine ${H().address} login ${LOGIN} password ${PASSWORD}\n`;

const CONFIGURATIONS: Configuration[] = [
  { name: 'public repository', module: () => H().modulePath('pub'), machine: () => ({}) },
  { name: 'private, no credentials', module: () => H().modulePath('priv'), machine: () => ({}) },
  { name: 'private, right credentials in ~/.netrc', module: () => H().modulePath('priv'), machine: () => ({ netrc: rightNetrc() }) },
  { name: 'private, wrong credentials in ~/.netrc', module: () => H().modulePath('priv'), machine: () => ({ netrc: `machine ${H().address} login ${LOGIN} password not-${PASSWORD}\n` }) },
  { name: 'private, right credentials from a credential helper', module: () => H().modulePath('priv'), machine: () => credentialStore(`https://${LOGIN}:${PASSWORD}@${H().address}`) },
  { name: 'private, wrong credentials from a credential helper', module: () => H().modulePath('priv'), machine: () => credentialStore(`https://${LOGIN}:not-${PASSWORD}@${H().address}`) },
  { name: 'repository missing', module: () => H().modulePath('gone'), machine: () => ({}) },
  { name: 'no go-import tag', module: () => H().modulePath('nometa'), machine: () => ({}), ruleWhenExplainIsSilent: 'direct-no-go-import' },
  { name: 'go-get page 404', module: () => H().modulePath('get404'), machine: () => ({}) },
  { name: 'go-get page 500', module: () => H().modulePath('get500'), machine: () => ({}) },
  { name: 'git answers 500', module: () => H().modulePath('broken'), machine: () => ({}) },
  { name: 'GOVCS forbids git', module: () => H().modulePath('pub'), machine: () => ({ env: { GOVCS: 'public:hg' } }), ruleWhenExplainIsSilent: 'govcs-forbids' },
  { name: 'TLS trusted by git but not by go', module: () => H().modulePath('pub'), machine: () => ({ goTrusts: false }) },
  { name: 'TLS trusted by go but not by git', module: () => H().modulePath('pub'), machine: () => ({ gitTrusts: false }) },
  { name: 'GOINSECURE: go skips verification, git trusts the CA', module: () => H().modulePath('pub'), machine: () => ({ goTrusts: false, env: { GOINSECURE: H().address } }) },
  { name: 'unresolvable host (.invalid)', module: () => 'code.goproxy-doctor.invalid/lib', machine: () => ({}) },
  { name: 'closed port', module: () => `${closedAddress}/lib`, machine: () => ({}) },
  { name: 'repository on a closed port', module: () => H().modulePath('toclosed'), machine: () => ({}) },
  { name: 'version without a tag', module: () => H().modulePath('pub'), version: 'v1.9.0', machine: () => ({}) },
  { name: 'GOPROXY=off', module: () => H().modulePath('pub'), machine: () => ({ env: { GOPROXY: 'off' } }), direct: false },
  { name: 'GOPROXY=off with GOPRIVATE', module: () => H().modulePath('priv'), machine: () => ({ netrc: rightNetrc(), env: { GOPROXY: 'off', GOPRIVATE: H().address } }) },
  { name: 'a proxy answers 404, then direct', module: () => H().modulePath('pub'), machine: () => ({ env: { GOPROXY: `${P().faultUrl('404')},direct` } }) },
  { name: 'a proxy answers 404, then direct finds no repository', module: () => H().modulePath('gone'), machine: () => ({ env: { GOPROXY: `${P().faultUrl('404')},direct` } }) },
  {
    name: 'GOPRIVATE before a proxy, no credentials',
    module: () => H().modulePath('priv'),
    machine: () => ({ env: { GOPROXY: `${P().url},direct`, GOPRIVATE: H().address } }),
  },
];

/** What go and check did for one configuration and Go version. */
interface Outcome {
  go: GoRun;
  check: { code: number; json: CheckJson | undefined; stdout: string; stderr: string };
  ms: { go: number; check: number };
}

/** A sandbox that is the user's machine: HOME, .netrc, git configuration, trusted roots, Go variables. */
function machineEnv(setup: Machine, caFile: string): { env: Record<string, string>; root: string; home: string; cleanup: () => void } {
  const sandbox = createGoSandbox('gpd-direct-check-');
  mkdirSync(sandbox.home, { recursive: true });
  const gitconfig = path.join(sandbox.root, 'gitconfig');
  const trust = setup.gitTrusts === false ? '' : `[http]\n\tsslCAInfo = ${caFile}\n`;
  writeFileSync(gitconfig, `${trust}${(setup.gitconfig ?? '').replace(/\{root\}/g, sandbox.root)}`);
  if (setup.netrc !== undefined) writeFileSync(path.join(sandbox.home, '.netrc'), setup.netrc, { mode: 0o600 });
  for (const [name, text] of Object.entries(setup.files ?? {})) writeFileSync(path.join(sandbox.root, name), text, { mode: 0o600 });
  const env: Record<string, string> = {
    ...sandbox.env,
    GOPROXY: 'direct',
    SSL_CERT_FILE: setup.goTrusts === false ? SYSTEM_BUNDLE : caFile,
    GIT_CONFIG_GLOBAL: gitconfig,
    GIT_CONFIG_NOSYSTEM: '1',
    // Loopback hosts and .invalid names never go through the sandbox's closed HTTP proxy.
    NO_PROXY: '127.0.0.0/8,.invalid',
    ...setup.env,
  };
  return { env, root: sandbox.root, home: sandbox.home, cleanup: sandbox.cleanup };
}

async function runGoFor(version: GoVersion, target: string, setup: Machine, caFile: string): Promise<GoRun> {
  for (let attempt = 0; ; attempt++) {
    const m = machineEnv(setup, caFile);
    try {
      const run = await runGo(version, ['mod', 'download', target], m.env, { cwd: m.root, timeoutMs: 90_000 });
      if (attempt === 0 && run.exitCode !== 0 && LOADED_MACHINE.test(run.stderr)) continue;
      return run;
    } finally {
      m.cleanup();
    }
  }
}

async function runCheckFor(version: GoVersion, target: string, setup: Machine, caFile: string): Promise<Outcome['check']> {
  const m = machineEnv(setup, caFile);
  try {
    const io = createTestIo({ env: m.env, cwd: m.root, homedir: m.home });
    const code = await main(['--go', goBinary(version), 'check', '--json', '--module', target, '--timeout', '60000'], io);
    const stdout = io.stdout.text();
    let json: CheckJson | undefined;
    try {
      json = JSON.parse(stdout) as CheckJson;
    } catch {
      json = undefined;
    }
    return { code, json, stdout, stderr: io.stderr.text() };
  } finally {
    m.cleanup();
  }
}

const outcomes = new Map<string, Outcome>();
let suiteMs = 0;

beforeAll(async () => {
  if (VERSIONS.length === 0) {
    skipReason = 'neither go 1.23 nor go 1.26 is installed';
    return;
  }
  ca = await createTestCa();
  try {
    host = await startGitHost({
      ca,
      auth: { user: LOGIN, password: PASSWORD },
      repos: [
        { name: 'pub', access: 'public' },
        { name: 'priv', access: 'private' },
        { name: 'gone', access: 'missing' },
        { name: 'broken', access: 'failing' },
        { name: 'get404', access: 'public', goGet: '404' },
        { name: 'get500', access: 'public', goGet: '500' },
        { name: 'nometa', access: 'public', goGet: 'no-meta' },
        { name: 'toclosed', access: 'missing', goImportContent: `{address}/toclosed git https://${closedAddress}/toclosed` },
      ],
    });
  } catch (error) {
    if (error instanceof GitHostUnavailableError && process.env.CI !== 'true') {
      skipReason = error.message;
      return;
    }
    throw error;
  }
  proxy = await startFakeGoProxy({ modules: exampleModules() });
  const caFile = ca.caCertPath;
  const started = Date.now();
  const limit = limiter(PARALLEL_CONFIGURATIONS);
  await Promise.all(
    CONFIGURATIONS.map((config) =>
      limit(async () => {
        const target = `${config.module()}@${config.version ?? 'v1.0.0'}`;
        await Promise.all(
          VERSIONS.map(async (version) => {
            const t0 = Date.now();
            const goRun = runGoFor(version, target, config.machine(), caFile).then((r) => ({ r, ms: Date.now() - t0 }));
            const checkRun = runCheckFor(version, target, config.machine(), caFile).then((r) => ({ r, ms: Date.now() - t0 }));
            const [go, check] = await Promise.all([goRun, checkRun]);
            outcomes.set(`${config.name}|${version}`, { go: go.r, check: check.r, ms: { go: go.ms, check: check.ms } });
          }),
        );
      }),
    ),
  );
  suiteMs = Date.now() - started;
}, 900_000);

afterAll(async () => {
  await proxy?.close();
  await host?.close();
  ca?.cleanup();
  if (outcomes.size > 0) {
    const rows = [...outcomes.entries()].map(([key, o]) => {
      const errors = (o.check.json?.findings ?? []).filter((f) => f.severity === 'error').map((f) => f.id);
      return `  ${key}: go exit ${o.go.exitCode} (${explainScenario(o.go.stderr) ?? '-'}) · check exit ${o.check.code} [${errors.join(', ')}] · go ${o.ms.go} ms, check ${o.ms.check} ms`;
    });
    process.stdout.write(`direct-agreement (${suiteMs} ms for every run):\n${rows.join('\n')}\n`);
  }
});

const SCENARIOS: ReadonlySet<string> = new Set(SCENARIO_IDS);

describe.each(CONFIGURATIONS)('$name', (config) => {
  test.each(VERSIONS)('check agrees with go %s', (version) => {
    if (skipReason !== undefined) {
      process.stdout.write(`skipped: ${skipReason}\n`);
      return;
    }
    const o = outcomes.get(`${config.name}|${version}`) as Outcome;
    const target = `${config.module()}@${config.version ?? 'v1.0.0'}`;
    const json = o.check.json;
    const context = `go exit ${o.go.exitCode}, stderr:\n${o.go.stderr}\ncheck exit ${o.check.code}, stderr: ${o.check.stderr}\nfindings: ${JSON.stringify(json?.findings.map((f) => ({ id: f.id, rule: f.rule, severity: f.severity, message: f.message })), null, 2)}`;
    expect({ json: json !== undefined, context }).toEqual({ json: true, context });
    if (json === undefined) return;
    const goFailed = o.go.exitCode !== 0;
    const errors = json.findings.filter((f) => f.severity === 'error');
    const verdict = json.modules.find((m) => `${m.module}@${m.version ?? ''}` === target);

    // go fails exactly when check exits 1 with an error, and the module's verdict says the same.
    expect({ goFailed, checkExit: o.check.code, verdict: verdict?.result, context }).toEqual({ goFailed, checkExit: goFailed ? 1 : 0, verdict: goFailed ? 'fail' : 'ok', context });

    if (goFailed) {
      // The error finding about the module carries explain's scenario for go's own text.
      const scenario = explainScenario(o.go.stderr);
      const expected = scenario ?? config.ruleWhenExplainIsSilent;
      expect({ expected, context }).toEqual({ expected: expect.any(String), context });
      const about = errors.filter((f) => f.modules?.includes(target));
      expect({ ids: about.map((f) => f.id), context }).toEqual({ ids: [expected], context });
      // Where explain is silent, check claims no scenario of the catalogue either.
      if (scenario === undefined) expect(about.some((f) => SCENARIOS.has(f.id))).toBe(false);
      // Fixes come ranked: never one that weakens security first.
      for (const f of about) if (f.fixes.some((x) => !x.weakensSecurity)) expect(f.fixes[0]?.weakensSecurity).toBe(false);
    } else {
      expect({ errors: errors.map((f) => `${f.id}/${f.rule}`), context }).toEqual({ errors: [], context });
    }

    // The direct step is in the JSON, with the facts, and agrees with go.
    if (config.direct !== false) {
      const direct = verdict?.direct;
      expect({ result: direct?.result, context }).toEqual({ result: goFailed ? 'fail' : 'ok', context });
      if (direct?.repository) {
        expect(direct.repository.url).toMatch(/^https:\/\//);
        expect(direct.govcs?.vcs).toBe(direct.repository.vcs);
      }
      if (direct?.git) {
        expect(direct.git.outcome).toMatch(/^[a-z-]+$/);
        expect(direct.git.command).toMatch(/^git ls-remote -q /);
      }
    } else {
      expect(verdict?.direct).toBeUndefined();
    }

    for (const secret of SECRETS) expect(o.check.stdout).not.toContain(secret);
  });
});
