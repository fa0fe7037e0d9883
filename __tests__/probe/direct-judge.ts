/**
 * Real `go mod download` as the judge of the direct-fetch probe: one configuration of a user's
 * machine (their .netrc, git configuration, trusted roots, Go variables) is built from scratch in a
 * sandbox, go runs in it against the loopback code host, and the probe runs with the same inputs
 * read the way `check` reads them (`go env -json`, the OS environment, .netrc, Go's roots).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { explainBlocks } from '../../src/explain/engine.js';
import { blocksFromText } from '../../src/explain/read-log.js';
import type { RouteSettings } from '../../src/goenv/route.js';
import { credentialLookup, parseGoAuth } from '../../src/probe/goauth.js';
import { proxyConfigFromEnvironment } from '../../src/probe/httpproxy.js';
import { netrcPath, parseNetrc } from '../../src/probe/netrc.js';
import { diskRootsReader, loadGoRoots, rootSourcesFor } from '../../src/probe/tlsroots.js';
import { probeDirectFetch, type DirectFetchResult } from '../../src/probe/direct/index.js';
import type { ScenarioId } from '../../src/scenarios/types.js';
import { createGoSandbox, runGo, type GoRun, type GoVersion } from '../helpers/go-toolchains.js';

/** A bundle of public roots that does not include the test CA: "not trusted". */
export const SYSTEM_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

/** The user's machine for one run. */
export interface ClientSetup {
  /** Go variables and anything else for the environment (GOPROXY defaults to `direct`). */
  env?: Record<string, string>;
  /** ~/.netrc text. */
  netrc?: string;
  /** More ~/.gitconfig text (GIT_CONFIG_GLOBAL points at a throw-away file); `{root}` is the sandbox directory. */
  gitconfig?: string;
  /**
   * Files under the sandbox directory (a git-credential-store file, ...), written afresh before go runs
   * and again before the probe runs: git erases a credential a server rejected, so each run must start
   * from the user's state.
   */
  files?: Record<string, string>;
  /** go trusts the code host's CA (SSL_CERT_FILE); default true. */
  goTrusts?: boolean;
  /** git trusts it (http.sslCAInfo); default true. */
  gitTrusts?: boolean;
}

/** What go and the probe did for one configuration. */
export interface Judgement {
  go: GoRun;
  probe: DirectFetchResult;
  /** explain's main diagnosis for go's stderr. */
  goScenario: ScenarioId | undefined;
  /** explain's main diagnosis for the probe's reproduction of go's text. */
  probeTextScenario: ScenarioId | undefined;
  probeMs: number;
  goMs: number;
  /** Strings that must never appear in the probe's result. */
  secrets: string[];
}

// Loading Go's roots reads all of /etc/ssl/certs (over a second); the result depends only on these two variables.
const rootsCache = new Map<string, ReturnType<typeof loadGoRoots>>();
function rootsFor(env: Record<string, string>): ReturnType<typeof loadGoRoots> {
  const key = `${env.SSL_CERT_FILE ?? ''}\n${env.SSL_CERT_DIR ?? ''}`;
  let roots = rootsCache.get(key);
  if (roots === undefined) {
    roots = loadGoRoots(rootSourcesFor(env, 'linux'), diskRootsReader);
    rootsCache.set(key, roots);
  }
  return roots;
}

/** explain's main (non-alternative) scenario for a text, as `goproxy-doctor explain` would pick it. */
export function explainScenario(text: string): ScenarioId | undefined {
  return explainBlocks(blocksFromText(text)).diagnoses.find((d) => !d.alternative)?.scenario;
}

/**
 * go's text with what the probe cannot know taken out: the DNS server Go's own resolver names
 * (`lookup h on 10.0.0.53:53: no such host`), and trailing white space.
 */
export function normalizeGoText(text: string): string {
  return text.replace(/(lookup \S+) on [^\s:]+:\d+(: )/g, '$1$2').replace(/\s+$/, '');
}

/** Runs real go and the probe for one configuration; cleans the sandbox up. */
export async function judge(version: GoVersion, module: string, moduleVersion: string | undefined, caFile: string, setup: ClientSetup, secrets: string[] = []): Promise<Judgement> {
  const sandbox = createGoSandbox('gpd-direct-');
  try {
    mkdirSync(sandbox.home, { recursive: true });
    const gitconfig = path.join(sandbox.root, 'gitconfig');
    const trust = setup.gitTrusts === false ? '' : `[http]\n\tsslCAInfo = ${caFile}\n`;
    writeFileSync(gitconfig, `${trust}${(setup.gitconfig ?? '').replace(/\{root\}/g, sandbox.root)}`);
    if (setup.netrc !== undefined) writeFileSync(path.join(sandbox.home, '.netrc'), setup.netrc);
    const writeFiles = (): void => {
      for (const [name, text] of Object.entries(setup.files ?? {})) writeFileSync(path.join(sandbox.root, name), text, { mode: 0o600 });
    };
    writeFiles();
    const env: Record<string, string> = {
      ...sandbox.env,
      GOPROXY: 'direct',
      SSL_CERT_FILE: setup.goTrusts === false ? SYSTEM_BUNDLE : caFile,
      GIT_CONFIG_GLOBAL: gitconfig,
      GIT_CONFIG_NOSYSTEM: '1',
      // Nothing here may use the sandbox's closed proxy: loopback hosts and .invalid names go direct.
      NO_PROXY: '127.0.0.0/8,.invalid',
      ...setup.env,
    };
    const target = moduleVersion === undefined ? module : `${module}@${moduleVersion}`;
    const goStarted = Date.now();
    const go = await runGo(version, ['mod', 'download', target], env, { cwd: sandbox.root, timeoutMs: 90_000 });
    const goMs = Date.now() - goStarted;

    const goEnv = JSON.parse((await runGo(version, ['env', '-json'], env, { cwd: sandbox.root })).stdout) as Record<string, string>;
    const goVersion = goEnv.GOVERSION ?? `go${version}`;
    const settings: RouteSettings = {
      GOPROXY: goEnv.GOPROXY ?? '',
      GONOPROXY: goEnv.GONOPROXY ?? '',
      GONOSUMDB: goEnv.GONOSUMDB ?? '',
      GOPRIVATE: goEnv.GOPRIVATE ?? '',
      GOSUMDB: goEnv.GOSUMDB ?? '',
      GOINSECURE: goEnv.GOINSECURE ?? '',
      GOVCS: goEnv.GOVCS ?? '',
      GOFLAGS: goEnv.GOFLAGS ?? '',
      GOOS: goEnv.GOOS ?? 'linux',
    };
    let netrcText = '';
    try {
      netrcText = readFileSync(netrcPath(env, sandbox.home, 'linux'), 'utf8');
    } catch {
      // no .netrc
    }
    const roots = await rootsFor(env);
    writeFiles();
    const probeStarted = Date.now();
    const probe = await probeDirectFetch(module, moduleVersion, {
      goVersion,
      settings,
      env,
      homedir: sandbox.home,
      endpoint: {
        proxy: proxyConfigFromEnvironment(env),
        roots,
        credentialsFor: credentialLookup(parseGoAuth(goEnv.GOAUTH, goVersion), parseNetrc(netrcText), goVersion),
        goVersion,
      },
      timeoutMs: 30_000,
      gomodcache: goEnv.GOMODCACHE ?? sandbox.gomodcache,
      workDir: sandbox.root,
    });
    const probeMs = Date.now() - probeStarted;
    return {
      go,
      probe,
      goScenario: go.exitCode === 0 ? undefined : explainScenario(go.stderr),
      probeTextScenario: probe.status === 'fail' && probe.goError !== undefined ? explainScenario(probe.goError) : undefined,
      probeMs,
      goMs,
      secrets,
    };
  } finally {
    sandbox.cleanup();
  }
}

/** Every form a credential could take in output: as is, percent-encoded, base64 alone and as `login:password`. */
export function secretForms(login: string, password: string): string[] {
  return [password, encodeURIComponent(password), Buffer.from(password).toString('base64').replace(/=+$/, ''), Buffer.from(`${login}:${password}`).toString('base64').replace(/=+$/, '')];
}

/** What a configuration is about: the probe's verdict, stage and failure kind (git's outcome kind at the git stage). */
export interface Expectation {
  status: 'ok' | 'fail';
  stage?: string;
  kind?: string;
}

/** One configuration of the user's machine and module. */
export interface Configuration {
  name: string;
  module: () => string;
  /** Default v1.0.0. */
  version?: string;
  client: () => ClientSetup;
  /** Per Go version when the versions differ. */
  expect: Expectation | ((version: GoVersion) => Expectation);
}

/** The expectation for one Go version. */
export function expectationFor(config: Configuration, version: GoVersion): Expectation {
  return typeof config.expect === 'function' ? config.expect(version) : config.expect;
}

/** The failure kind of a result (git's outcome kind at the git stage). */
export function failureKind(result: DirectFetchResult): string | undefined {
  if (result.status !== 'fail') return undefined;
  return result.failure.kind === 'git' ? result.failure.outcome.kind : result.failure.kind;
}

/**
 * The agreement every configuration must show: go succeeds exactly when the probe says ok; the probe
 * stops where the configuration says; its text is go's; explain gives one scenario for go's text, the
 * probe's text and the probe's own answer; no credential leaks into the result.
 */
export function expectAgreement(j: Judgement, expected: Expectation): void {
  const context = `go exit ${j.go.exitCode}\ngo stderr:\n${j.go.stderr}\nprobe: ${JSON.stringify({ status: j.probe.status, stage: j.probe.stage, kind: failureKind(j.probe), goError: j.probe.status === 'fail' ? j.probe.goError : undefined }, null, 2)}`;
  expect({ goSucceeded: j.go.exitCode === 0, probe: j.probe.status, context }).toEqual({ goSucceeded: j.probe.status === 'ok', probe: expected.status, context });
  expect({ stage: j.probe.stage, kind: failureKind(j.probe) }).toEqual({ stage: expected.stage, kind: expected.kind });
  if (j.probe.status === 'fail') {
    expect(normalizeGoText(j.probe.goError ?? '')).toBe(normalizeGoText(j.go.stderr));
    expect({ goText: j.goScenario, probeText: j.probeTextScenario, probe: j.probe.scenario }).toEqual({ goText: j.goScenario, probeText: j.goScenario, probe: j.goScenario });
  }
  const json = JSON.stringify(j.probe);
  for (const secret of j.secrets) expect(json).not.toContain(secret);
}
