/**
 * probeDirectFetch: what happens when cmd/go fetches a module straight from its repository
 * (mirrors go1.26 src/cmd/go/internal/modfetch/repo.go lookup/lookupDirect, :278-310): is the direct
 * route taken at all, where is the repository (vcs.RepoRootForImportPath), does GOVCS allow the VCS,
 * and does `git ls-remote` with go's environment reach it (and list the version's tag)?
 *
 * Every effect goes through `deps` (running git, probing a URL, reading a file), so the core runs in
 * tests without a network; the defaults are the real ones.
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { matchingPrefixPattern } from '../../goenv/patterns.js';
import { computeRoute, type RouteSettings } from '../../goenv/route.js';
import { canonicalVersion, escapePath, escapeVersion, isPseudoVersion, isValidSemver, splitPathVersion } from '../../goenv/modulepath.js';
import { redactDeep, redactUrl } from '../../redact.js';
import { readFile } from 'node:fs/promises';
import type { ScenarioId } from '../../scenarios/types.js';
import { probeEndpoint, type EndpointProbeOptions } from '../endpoint.js';
import { discoverRepoRoot, type RepoRoot } from './discovery.js';
import {
  classifyGitRun,
  cleanGitText,
  curlNetrcHasEntry,
  gitEnvironmentFor,
  gitUrlHost,
  gitUrlScheme,
  goLsRemoteCommand,
  parseLsRemote,
  PROBED_GIT_SCHEMES,
  readGitConfig,
  type CredentialSources,
  type GitConfigFacts,
  type GitEnvironment,
  type GitOutcome,
} from './git.js';
import { hasPathPrefix } from './meta.js';
import { runProcess, type ProcessOutcome, type ProcessRunner } from './process.js';
import { scenarioForFailure } from './scenario.js';
import type { DirectFailure, DirectFetchFacts, DirectFetchResult, DirectGitFacts, DirectRootFacts, DirectStage, TagCheck } from './types.js';
import { requestFacts, webGet, type EndpointProber, type SecurityMode } from './web-get.js';

/** The environment of one probe: Go's settings, the OS environment git sees, the network options go's requests use. */
export interface DirectFetchContext {
  /** e.g. `go1.23.5`: decides go-import subdirectories, git's environment and cmd/go's message forms. */
  goVersion: string;
  /** The effective Go settings (`go env -json`): GOPROXY, GONOPROXY, GOPRIVATE, GOINSECURE, GOVCS, ... */
  settings: RouteSettings;
  /** The OS environment, as git would inherit it from go (HOME, GIT_*, SSH_*, proxies). */
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
  /** Options for go's own requests: HTTP proxy, roots, `.netrc`/GOAUTH credentials, Go version, network. */
  endpoint: Omit<EndpointProbeOptions, 'timeoutMs' | 'onBody'>;
  /** The whole probe's budget; git is killed when it runs out. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** GOMODCACHE, to name cmd/go's git work directory in `goError` like go does. */
  gomodcache?: string;
  /** Where git runs (default: the OS temporary directory). */
  workDir?: string;
}

/** The effects, injectable for tests. */
export interface DirectFetchDeps {
  runProcess?: ProcessRunner;
  probeEndpoint?: EndpointProber;
  readTextFile?: (file: string) => Promise<TextFileRead>;
  /**
   * Classifies go's error text the way `explain` does (the explain engine, when the caller has it).
   * Without it a built-in table that mirrors explain's verdicts is used.
   */
  scenarioForGoError?: (goError: string) => ScenarioId | undefined;
  /** Monotonic milliseconds. */
  clock?: () => number;
}

/** A text file's content, or the errno code that stopped the read (the shape of io.ts's FileRead). */
export type TextFileRead = { ok: true; text: string } | { ok: false; code: string };

async function readFileDefault(file: string): Promise<TextFileRead> {
  try {
    return { ok: true, text: await readFile(file, 'utf8') };
  } catch (error) {
    return { ok: false, code: (error as NodeJS.ErrnoException).code ?? 'EIO' };
  }
}

/** cmd/go's git work directory for a remote (codehost.WorkDir with type `git3`). */
export function goGitWorkDir(gomodcache: string | undefined, remote: string): string {
  const hash = createHash('sha256').update(`git3:${remote}`).digest('hex');
  return `${gomodcache ?? '$GOMODCACHE'}/cache/vcs/${hash}`;
}

// cmd/go's codehost.RunError text plus the help it adds for a username prompt (codehost.go, git.go loadRefs).
function goGitError(goVersion: string, remote: string, gomodcache: string | undefined, run: ProcessOutcome): string {
  const command = `${goLsRemoteCommand(goVersion, redactUrl(remote))} in ${goGitWorkDir(gomodcache, remote)}`;
  if (run.spawnError === 'ENOENT') return `${command}: exec: "git": executable file not found in $PATH`;
  const status = run.exitCode !== null ? `exit status ${run.exitCode}` : 'signal: killed';
  const stderr = cleanGitText(run.stderr);
  let text = `${command}: ${status}`;
  if (stderr !== '') text += `:\n\t${stderr.replace(/\n/g, '\n\t')}`;
  if (run.stderr.includes('fatal: could not read Username')) {
    text += '\nConfirm the import path was entered correctly.\nIf this is a private repository, see https://golang.org/doc/faq#git_https for additional information.';
  }
  return text;
}

/** The tag cmd/go looks up for a version (modfetch/coderepo.go newCodeRepo: codeDir, then `<codeDir>/<version>`). */
export function tagForVersion(module: string, root: Pick<RepoRoot, 'root' | 'subDir'>, version: string | undefined): TagCheck {
  if (version === undefined) return { checked: false, reason: 'no version given: go resolves the latest from the tag list' };
  if (!isValidSemver(version) || canonicalVersion(version) !== version) return { checked: false, reason: `${version} is a query, not a version` };
  if (isPseudoVersion(version)) return { checked: false, reason: 'a pseudo-version names a commit, which ls-remote does not list' };
  const split = splitPathVersion(module);
  const pathPrefix = root.root === module ? module : split.prefix;
  let codeDir = '';
  if (root.root !== module) {
    if (!hasPathPrefix(pathPrefix, root.root)) return { checked: false, reason: `repository rooted at ${root.root} cannot contain module ${module}` };
    codeDir = pathPrefix.slice(root.root.length).replace(/^\/+|\/+$/g, '');
  }
  if (root.subDir !== '') codeDir = path.posix.join(codeDir, root.subDir);
  const base = version.replace(/\+incompatible$/, '');
  return { checked: true, tag: codeDir === '' ? base : `${codeDir}/${base}`, found: false };
}

function goLine(module: string, version: string | undefined, inner: string): string {
  return `go: ${module}@${version ?? 'latest'}: ${inner}`;
}

function redactRoot(root: RepoRoot): DirectRootFacts {
  const facts: DirectRootFacts = { root: root.root, vcs: root.vcs, repoUrl: redactUrl(root.repoUrl), via: root.via };
  if (root.subDir !== '') facts.subDir = root.subDir;
  if (root.page !== undefined) facts.page = redactUrl(root.page);
  if (root.meta) facts.meta = { ...root.meta, repoRoot: redactUrl(root.meta.repoRoot) };
  return facts;
}

/**
 * Probes the direct fetch of `module` (at `version`, when given) as the Go of `context.goVersion`
 * would do it. Never throws for a failed fetch; never prompts; never returns a credential.
 */
export async function probeDirectFetch(module: string, version: string | undefined, context: DirectFetchContext, deps: DirectFetchDeps = {}): Promise<DirectFetchResult> {
  const clock = deps.clock ?? (() => performance.now());
  const startedAt = clock();
  const remaining = (): number => Math.max(0, context.timeoutMs - (clock() - startedAt));
  const run = deps.runProcess ?? runProcess;
  const prober = deps.probeEndpoint ?? probeEndpoint;
  const readTextFile = deps.readTextFile ?? readFileDefault;
  const settings = context.settings;
  const insecurePattern = matchingPrefixPattern(settings.GOINSECURE, module);
  const security: SecurityMode = insecurePattern !== undefined ? 'insecure' : 'secure-only';
  const facts: DirectFetchFacts = { module, goVersion: context.goVersion, security, requests: [], notes: [], durationMs: 0 };
  if (version !== undefined) facts.version = version;
  if (insecurePattern !== undefined) facts.notes.push(`GOINSECURE pattern ${JSON.stringify(insecurePattern)} matches: discovery skips certificate checks and may fall back to http`);
  // Every string of the result leaves through safeText: URL userinfo, Authorization values and
  // credential query parameters are removed where they sit, control characters dropped. Server text
  // (go-import content, git's `remote:` lines) can end up in several fields; none is exempt.
  const done = <T extends DirectFetchResult>(result: T): T => {
    result.durationMs = Math.round(clock() - startedAt);
    return redactDeep(result);
  };
  const scenarioOf = (failure: DirectFailure, goError: string | undefined): ScenarioId | undefined =>
    deps.scenarioForGoError && goError !== undefined ? deps.scenarioForGoError(goError) : scenarioForFailure(failure);
  const fail = (stage: DirectStage, failure: DirectFailure, goError: string | undefined, notExist: boolean): DirectFetchResult => {
    const result: DirectFetchResult = { ...facts, status: 'fail', stage, failure, notExist };
    if (goError !== undefined) result.goError = goError;
    const scenario = scenarioOf(failure, goError);
    if (scenario !== undefined) result.scenario = scenario;
    return done(result);
  };

  // 1. The route: does go reach the repository at all? (modfetch/repo.go lookup)
  let route;
  try {
    route = computeRoute(settings, module, version);
  } catch (error) {
    return done({ ...facts, status: 'not-evaluated', stage: 'route', reason: error instanceof Error ? error.message : String(error) });
  }
  let proxiesBefore = 0;
  let routeTaken = false;
  for (const step of route.steps) {
    if (step.kind === 'proxy') {
      proxiesBefore++;
      continue;
    }
    if (step.kind === 'off') return fail('route', { stage: 'route', kind: 'proxy-off' }, goLine(module, version, step.error), true);
    facts.route = { reason: step.reason, proxiesBefore, ...(step.matchedBy ? { matchedBy: step.matchedBy } : {}) };
    routeTaken = true;
    break;
  }
  if (!routeTaken) return done({ ...facts, status: 'not-direct', stage: 'route', reason: 'GOPROXY lists proxies only and GONOPROXY/GOPRIVATE do not match: go never contacts the repository' });

  const workDir = context.workDir ?? os.tmpdir();
  const gitEnv: GitEnvironment = gitEnvironmentFor(context.goVersion, context.env, path.join(workDir, '.'));
  if (gitEnv.goWouldPrompt) facts.notes.push('GIT_TERMINAL_PROMPT is set to allow prompts: go would let git ask for a password on the terminal; the probe does not');
  if (gitEnv.askpassNotRun !== undefined) facts.notes.push(`${gitEnv.askpassNotRun} is set: go would let git run it to ask for credentials; the probe does not run it`);
  const lsRemote = (url: string): Promise<ProcessOutcome> =>
    run({
      file: 'git',
      // core.askPass= keeps git from running a configured askpass program (see gitEnvironmentFor).
      args: ['-c', 'core.askPass=', 'ls-remote', '-q', url],
      env: gitEnv.env,
      cwd: workDir,
      timeoutMs: remaining(),
      ...(context.signal ? { signal: context.signal } : {}),
    });

  // 2. The repository root and GOVCS (vcs.RepoRootForImportPath).
  const webOptions = { probe: prober, endpoint: context.endpoint, timeoutMs: 0 };
  const discovery = await discoverRepoRoot<ProcessOutcome>(module, {
    goVersion: context.goVersion,
    security,
    govcs: { GOVCS: settings.GOVCS, GOPRIVATE: settings.GOPRIVATE },
    ...(context.env.GIT_ALLOW_PROTOCOL !== undefined ? { gitAllowProtocol: context.env.GIT_ALLOW_PROTOCOL } : {}),
    webGet: (target, mode) => webGet(target, mode, { ...webOptions, timeoutMs: remaining() }, clock),
    ping: async (vcs, url) => {
      if (vcs !== 'git') return undefined;
      const outcome = await lsRemote(url);
      return { ok: outcome.exitCode === 0, run: outcome };
    },
  });
  facts.requests = discovery.requests;
  if (discovery.govcs) facts.govcs = discovery.govcs;
  if (!discovery.ok) {
    const failure = discovery.failure;
    const goError = goLine(module, version, redactUrl(discovery.goError));
    if (failure.kind === 'govcs') return fail('govcs', { stage: 'govcs', kind: 'govcs', decision: failure.decision }, goError, true);
    return fail('root', { stage: 'root', ...failure }, goError, true);
  }
  const root = discovery.root;
  facts.root = redactRoot(root);

  // 3a. A module proxy announced by a `mod` tag (lookupDirect: newProxyRepo).
  if (root.vcs === 'mod') {
    const what = version !== undefined ? `@v/${escapeVersion(version)}.info` : '@v/list';
    const url = `${root.repoUrl.replace(/\/+$/, '')}/${escapePath(module)}/${what}`;
    const result = await prober(url, { ...context.endpoint, timeoutMs: remaining() });
    facts.mod = { url: result.url, ...(result.status !== undefined ? { status: result.status } : {}), ...(result.goError !== undefined ? { error: result.goError } : {}) };
    if (result.ok) return done({ ...facts, status: 'ok', stage: 'mod' });
    const answered = result.failure === undefined && result.status !== undefined;
    const request = requestFacts(result, answered);
    const notExist = answered && (result.status === 404 || result.status === 410);
    return fail('mod', { stage: 'mod', kind: 'mod-proxy', ...(answered && result.status !== undefined ? { status: result.status } : { request }) }, result.goError !== undefined ? goLine(module, version, result.goError) : undefined, notExist);
  }
  if (root.vcs !== 'git') {
    return done({ ...facts, status: 'not-evaluated', stage: 'git', reason: `the repository uses ${root.vcs}; only git repositories are probed` });
  }

  // 3b. git ls-remote, as codehost's gitRepo.loadRefs runs it.
  const scheme = gitUrlScheme(root.repoUrl);
  if (!PROBED_GIT_SCHEMES.has(scheme) || root.repoUrl.startsWith('-')) {
    return done({ ...facts, status: 'not-evaluated', stage: 'git', reason: `git would be run with a ${scheme === '' ? 'scheme-less' : scheme} URL, which the probe does not run` });
  }
  const pinged = discovery.pings.find((p) => p.url === root.repoUrl && p.ok);
  const home = context.env.HOME ?? context.homedir;
  const [gitRun, config, netrc] = await Promise.all([
    pinged ? Promise.resolve(pinged.run) : lsRemote(root.repoUrl),
    readGitConfig(root.repoUrl, run, gitEnv.env, workDir, Math.min(remaining(), 5_000), context.signal),
    readTextFile(path.join(home, '.netrc')),
  ]);
  const effective = config.insteadOf?.effectiveUrl ?? root.repoUrl;
  const host = gitUrlHost(effective);
  const credentials: CredentialSources = {
    netrc: /^https?$/.test(gitUrlScheme(effective)) && netrc.ok && host !== undefined && curlNetrcHasEntry(netrc.text, host),
    userinfo: /^[a-z][a-z0-9+.-]*:\/\/[^/@]*@/i.test(effective),
  };
  if (config.credentialHelper !== undefined) credentials.helper = config.credentialHelper;
  const outcome: GitOutcome = classifyGitRun(gitRun, credentials);
  const git: DirectGitFacts = {
    url: redactUrl(root.repoUrl),
    command: goLsRemoteCommand(context.goVersion, redactUrl(root.repoUrl)),
    outcome,
    exitCode: gitRun.exitCode,
    stderr: cleanGitText(gitRun.stderr),
    durationMs: gitRun.durationMs,
    config: config as GitConfigFacts,
    credentials,
    environment: { setByGo: gitEnv.setByGo, probeOverrides: gitEnv.probeOverrides, goWouldPrompt: gitEnv.goWouldPrompt, ...(gitEnv.askpassNotRun !== undefined ? { askpassNotRun: gitEnv.askpassNotRun } : {}) },
  };
  const failedPings = discovery.pings.filter((p) => !p.ok);
  if (failedPings.length > 0) git.pings = failedPings.map((p) => ({ url: redactUrl(p.url), outcome: classifyGitRun(p.run, { netrc: false, userinfo: false }).kind }));
  facts.git = git;

  if (outcome.kind !== 'ok') {
    // cmd/go fetches an http(s) repository URL itself after git failed: a 404/410 makes the failure
    // "not found" (codehost/git.go loadRefs). The same request shows whether go trusts the certificate.
    let notExist = false;
    if (/^https?:\/\//i.test(root.repoUrl) && outcome.kind !== 'cancelled' && remaining() > 0) {
      const view = await prober(root.repoUrl, { ...context.endpoint, timeoutMs: Math.min(remaining(), 10_000) });
      git.goView = {};
      if (view.status !== undefined && view.failure === undefined) git.goView.status = view.status;
      if (view.tls) {
        git.goView.tlsVerified = view.tls.verified;
        if (view.tls.verifyError !== undefined) git.goView.tlsError = view.tls.verifyError;
      }
      notExist = view.failure === undefined && (view.status === 404 || view.status === 410);
    }
    const goError = outcome.kind === 'timed-out' && outcome.by === 'deadline'
      ? undefined
      : goLine(module, version, `${version !== undefined ? 'invalid version: ' : ''}${goGitError(context.goVersion, root.repoUrl, context.gomodcache, gitRun)}`);
    return fail('git', { stage: 'git', kind: 'git', outcome }, goError, notExist);
  }

  // 4. The version's tag among the refs.
  const tag = tagForVersion(module, root, version);
  if (tag.checked) {
    tag.found = parseLsRemote(gitRun.stdout).has(`refs/tags/${tag.tag}`);
    git.tag = tag;
    if (!tag.found) return fail('version', { stage: 'version', kind: 'unknown-revision', tag: tag.tag }, goLine(module, version, `invalid version: unknown revision ${tag.tag}`), true);
  } else {
    git.tag = tag;
  }
  return done({ ...facts, status: 'ok', stage: 'git' });
}
