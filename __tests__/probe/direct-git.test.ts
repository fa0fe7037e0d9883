/**
 * The git step of the direct-fetch probe: the environment cmd/go gives git, the classification of
 * git's own messages (taken from real git runs against the loopback code host wherever a loopback
 * server can produce them), the process runner's deadline, and the probe's guarantees: never a prompt,
 * never a credential in the result.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  applyInsteadOf,
  classifyGitRun,
  curlNetrcHasEntry,
  gitEnvironmentFor,
  goLsRemoteCommand,
  parseInsteadOf,
  parseLsRemote,
  type CredentialSources,
} from '../../src/probe/direct/git.js';
import { probeDirectFetch, tagForVersion, type DirectFetchContext, type DirectFetchResult } from '../../src/probe/direct/index.js';
import { runProcess, type ProcessOutcome } from '../../src/probe/direct/process.js';
import { scenarioForFailure } from '../../src/probe/direct/scenario.js';
import { proxyConfigFromEnvironment } from '../../src/probe/httpproxy.js';
import { diskRootsReader, loadGoRoots, rootSourcesFor } from '../../src/probe/tlsroots.js';
import { GitHostUnavailableError, randomLoopbackAddress, startGitHost, type GitHost } from '../helpers/git-host.js';
import { createTestCa, type TestCa } from '../helpers/test-ca.js';
import { explainScenario } from './direct-judge.js';

const NONE: CredentialSources = { netrc: false, userinfo: false };
const outcome = (stderr: string, exitCode = 128): ProcessOutcome => ({ exitCode, stdout: '', stderr, timedOut: false, cancelled: false, truncated: false, durationMs: 1 });

describe('the environment cmd/go gives git', () => {
  test('Go 1.23 and 1.24 add GIT_SSH_COMMAND with BatchMode when neither GIT_SSH nor GIT_SSH_COMMAND is set; 1.25+ do not', () => {
    for (const version of ['go1.23.5', 'go1.24.0']) {
      expect(gitEnvironmentFor(version, { HOME: '/h' }, '/w/x').setByGo).toEqual({ GIT_TERMINAL_PROMPT: '0', GCM_INTERACTIVE: 'never', GIT_SSH_COMMAND: 'ssh -o ControlMaster=no -o BatchMode=yes' });
      expect(gitEnvironmentFor(version, { GIT_SSH: '/usr/bin/plink' }, '/w/x').setByGo.GIT_SSH_COMMAND).toBeUndefined();
      expect(gitEnvironmentFor(version, { GIT_SSH_COMMAND: 'ssh -i key' }, '/w/x').env.GIT_SSH_COMMAND).toBe('ssh -i key');
    }
    for (const version of ['go1.25.0', 'go1.26.8']) {
      const env = gitEnvironmentFor(version, { HOME: '/h' }, '/w/x');
      expect(env.setByGo).toEqual({ GIT_TERMINAL_PROMPT: '0', GCM_INTERACTIVE: 'never' });
      expect(env.env.GIT_SSH_COMMAND).toBeUndefined();
    }
  });

  test('a user who allows prompts gets them from go but never from the probe', () => {
    const env = gitEnvironmentFor('go1.26', { GIT_TERMINAL_PROMPT: '1', GCM_INTERACTIVE: 'always' }, '/w/x');
    expect(env.setByGo).toEqual({});
    expect(env.goWouldPrompt).toBe(true);
    expect(env.env).toMatchObject({ GIT_TERMINAL_PROMPT: '0', GCM_INTERACTIVE: 'never', SSH_ASKPASS_REQUIRE: 'never', LC_ALL: 'C' });
  });

  test('askpass programs are not run, and that is reported', () => {
    const env = gitEnvironmentFor('go1.23', { GIT_ASKPASS: '/usr/lib/code/askpass.sh', SSH_ASKPASS: '/usr/bin/ksshaskpass', LANGUAGE: 'de' }, '/w/x');
    expect(env.askpassNotRun).toBe('GIT_ASKPASS');
    expect(env.env.GIT_ASKPASS).toBeUndefined();
    expect(env.env.SSH_ASKPASS).toBeUndefined();
    expect(env.env.LANGUAGE).toBeUndefined();
    expect(env.env.GIT_CEILING_DIRECTORIES).toBe('/w');
  });

  test('the ls-remote command line as each Go version prints it', () => {
    expect(goLsRemoteCommand('go1.23.5', 'https://h/r')).toBe('git ls-remote -q origin');
    expect(goLsRemoteCommand('go1.24.0', 'https://h/r')).toBe('git ls-remote -q origin');
    expect(goLsRemoteCommand('go1.25.0', 'https://h/r')).toBe('git ls-remote -q https://h/r');
    expect(goLsRemoteCommand('go1.26.8', 'https://h/r')).toBe('git ls-remote -q --end-of-options https://h/r');
  });
});

describe('reading git output and configuration', () => {
  test('ls-remote refs: heads, tags and HEAD, peeled tags unwrapped, everything else dropped', () => {
    const refs = parseLsRemote(['aaa\tHEAD', 'bbb\trefs/heads/main', 'ccc\trefs/tags/v1.0.0', 'ddd\trefs/tags/v1.0.0^{}', 'eee\trefs/pull/1/head', 'garbage'].join('\n'));
    expect([...refs]).toEqual([['HEAD', 'aaa'], ['refs/heads/main', 'bbb'], ['refs/tags/v1.0.0', 'ddd']]);
  });

  test('insteadOf: the longest matching prefix wins', () => {
    const rules = parseInsteadOf(['url.ssh://git@code.example/.insteadof https://code.example/', 'url.ssh://git@code.example/team/.insteadof https://code.example/team/', 'http.sslcainfo /x'].join('\n'));
    expect(rules).toEqual([
      { base: 'ssh://git@code.example/', prefix: 'https://code.example/' },
      { base: 'ssh://git@code.example/team/', prefix: 'https://code.example/team/' },
    ]);
    expect(applyInsteadOf('https://code.example/team/lib', rules)?.url).toBe('ssh://git@code.example/team/lib');
    expect(applyInsteadOf('https://code.example/other', rules)?.url).toBe('ssh://git@code.example/other');
    expect(applyInsteadOf('https://elsewhere.example/x', rules)).toBeUndefined();
  });

  test('curl reads ~/.netrc by host name (no port), and a default entry covers every host', () => {
    expect(curlNetrcHasEntry('machine Code.Example login a password b\n', 'code.example')).toBe(true);
    expect(curlNetrcHasEntry('machine code.example:8443 login a password b\n', 'code.example')).toBe(false);
    expect(curlNetrcHasEntry('machine other login a password b\ndefault login c password d\n', 'code.example')).toBe(true);
    expect(curlNetrcHasEntry('', 'code.example')).toBe(false);
  });

  test('the tag cmd/go looks for: the module\'s directory in the repository, then the version', () => {
    expect(tagForVersion('h/repo', { root: 'h/repo', subDir: '' }, 'v1.2.3')).toEqual({ checked: true, tag: 'v1.2.3', found: false });
    expect(tagForVersion('h/repo/sub', { root: 'h/repo', subDir: '' }, 'v1.2.3')).toEqual({ checked: true, tag: 'sub/v1.2.3', found: false });
    expect(tagForVersion('h/repo/sub/v2', { root: 'h/repo', subDir: '' }, 'v2.0.1')).toEqual({ checked: true, tag: 'sub/v2.0.1', found: false });
    expect(tagForVersion('h/repo/v2', { root: 'h/repo/v2', subDir: '' }, 'v2.0.1')).toEqual({ checked: true, tag: 'v2.0.1', found: false });
    expect(tagForVersion('h/mod', { root: 'h/mod', subDir: 'go/mod' }, 'v1.0.0')).toEqual({ checked: true, tag: 'go/mod/v1.0.0', found: false });
    expect(tagForVersion('h/repo', { root: 'h/repo', subDir: '' }, 'v2.0.0+incompatible')).toEqual({ checked: true, tag: 'v2.0.0', found: false });
    expect(tagForVersion('h/repo', { root: 'h/repo', subDir: '' }, 'v0.0.0-20200101000000-abcdefabcdef')).toMatchObject({ checked: false });
    expect(tagForVersion('h/repo', { root: 'h/repo', subDir: '' }, 'main')).toMatchObject({ checked: false });
    expect(tagForVersion('h/repo', { root: 'h/repo', subDir: '' }, undefined)).toMatchObject({ checked: false });
  });
});

describe('classifying git messages that no loopback server can produce', () => {
  test.each([
    ['git@code.example: Permission denied (publickey).\nfatal: Could not read from remote repository.', 'ssh-auth-failed'],
    ['Host key verification failed.\nfatal: Could not read from remote repository.', 'ssh-host-key'],
    ["fatal: unable to access 'https://code.example/r/': Failed to connect to 10.1.1.1 port 443 after 130000 ms: Connection timed out", 'timed-out'],
    ["fatal: unable to access 'https://code.example/r/': Received HTTP code 407 from proxy after CONNECT", 'proxy'],
    ["fatal: unable to access 'https://code.example/r/': Could not resolve proxy: proxy.invalid", 'dns'],
    ["fatal: unable to access 'https://code.example/r/': The requested URL returned error: 403", 'forbidden'],
    ["fatal: could not read Password for 'https://user@code.example': terminal prompts disabled", 'credentials-missing'],
    ['fatal: protocol error: bad line length character: HTTP', 'failed'],
  ])('%s', (stderr, kind) => {
    const classified = classifyGitRun(outcome(stderr), NONE);
    expect(classified.kind).toBe(kind);
    // The probe's scenario for it is the one explain gives go's message carrying the same git output.
    const goText = `go: code.example/r@v1.0.0: invalid version: git ls-remote -q origin in /gopath/pkg/mod/cache/vcs/0123: exit status 128:\n\t${stderr.replace(/\n/g, '\n\t')}`;
    if (classified.kind !== 'ok') expect(scenarioForFailure({ stage: 'git', kind: 'git', outcome: classified })).toBe(explainScenario(goText));
  });

  test('a prompt with a ~/.netrc entry for the host means the entry was refused', () => {
    const prompt = outcome("fatal: could not read Username for 'https://code.example': terminal prompts disabled");
    expect(classifyGitRun(prompt, NONE)).toEqual({ kind: 'credentials-missing', asked: 'username' });
    expect(classifyGitRun(prompt, { netrc: true, userinfo: false })).toEqual({ kind: 'credentials-rejected', source: 'netrc' });
  });

  test('git not installed, killed at the deadline, cancelled', () => {
    expect(classifyGitRun({ ...outcome(''), exitCode: null, spawnError: 'ENOENT' }, NONE).kind).toBe('git-missing');
    expect(classifyGitRun({ ...outcome(''), exitCode: null, timedOut: true }, NONE)).toEqual({ kind: 'timed-out', by: 'deadline' });
    expect(classifyGitRun({ ...outcome(''), exitCode: null, cancelled: true }, NONE).kind).toBe('cancelled');
  });
});

describe('runProcess', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'gpd-run-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('the deadline kills the whole process group, background children included', async () => {
    const marker = path.join(dir, 'survivor');
    const started = Date.now();
    const result = await runProcess({
      file: 'sh',
      args: ['-c', `(sleep 2; touch ${marker}) & sleep 30`],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
      cwd: dir,
      timeoutMs: 300,
    });
    expect(result).toMatchObject({ timedOut: true, exitCode: null });
    expect(Date.now() - started).toBeLessThan(5_000);
    await new Promise((r) => setTimeout(r, 2_500));
    expect(existsSync(marker)).toBe(false);
  });

  test('cancellation kills it too; a missing program is a spawn error; output is capped', async () => {
    const controller = new AbortController();
    const pending = runProcess({ file: 'sleep', args: ['30'], env: { PATH: process.env.PATH ?? '' }, cwd: dir, timeoutMs: 30_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    expect(await pending).toMatchObject({ cancelled: true, exitCode: null });
    expect(await runProcess({ file: 'no-such-program-gpd', args: [], env: { PATH: '/nonexistent' }, cwd: dir, timeoutMs: 1_000 })).toMatchObject({ spawnError: 'ENOENT', exitCode: null });
    const big = await runProcess({ file: 'sh', args: ['-c', 'yes | head -c 100000'], env: { PATH: process.env.PATH ?? '' }, cwd: dir, timeoutMs: 10_000, maxOutputBytes: 1000 });
    expect(big).toMatchObject({ exitCode: 0, truncated: true });
    expect(big.stdout).toHaveLength(1000);
  });
});

describe('git against the loopback code host', () => {
  const LOGIN = 'gopher';
  const PASSWORD = 'hunter2-loopback-secret';
  let ca: TestCa | undefined;
  let host: GitHost | undefined;
  let skipReason: string | undefined;
  let home: string;
  const closed = randomLoopbackAddress();

  beforeAll(async () => {
    ca = await createTestCa();
    home = mkdtempSync(path.join(tmpdir(), 'gpd-githome-'));
    try {
      host = await startGitHost({
        ca,
        auth: { user: LOGIN, password: PASSWORD },
        repos: [
          { name: 'pub', access: 'public' },
          { name: 'priv', access: 'private' },
          { name: 'slow', access: 'hanging' },
          { name: 'tokenurl', access: 'missing', goImportContent: `{address}/tokenurl git https://${LOGIN}:${PASSWORD}@{address}/priv` },
          { name: 'badtoken', access: 'missing', goImportContent: `{address}/badtoken git https://${LOGIN}:not-${PASSWORD}@{address}/priv` },
          { name: 'viassh', access: 'missing', goImportContent: `{address}/viassh git ssh://git@${closed}/viassh` },
          { name: 'escapes', access: 'missing', goImportContent: '{address}/escapes \u001b]0;owned\u0007git https://{address}/pub' },
          { name: 'bidi', access: 'missing', goImportContent: '{address}/bidi git\u202e\u200b https://{address}/pub' },
        ],
      });
    } catch (error) {
      if (error instanceof GitHostUnavailableError && process.env.CI !== 'true') {
        skipReason = error.message;
        return;
      }
      throw error;
    }
  }, 120_000);
  afterAll(async () => {
    await host?.close();
    ca?.cleanup();
    rmSync(home, { recursive: true, force: true });
  });

  async function probe(name: string, options: { gitconfig?: string; timeoutMs?: number; env?: Record<string, string>; version?: string; goVersion?: string } = {}): Promise<DirectFetchResult> {
    const h = host as GitHost;
    const userHome = mkdtempSync(path.join(home, 'u-'));
    mkdirSync(userHome, { recursive: true });
    const gitconfig = path.join(userHome, '.gitconfig');
    writeFileSync(gitconfig, `[http]\n\tsslCAInfo = ${(ca as TestCa).caCertPath}\n${options.gitconfig ?? ''}`);
    const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: userHome, GIT_CONFIG_GLOBAL: gitconfig, GIT_CONFIG_NOSYSTEM: '1', SSL_CERT_FILE: (ca as TestCa).caCertPath, SSL_CERT_DIR: path.join(userHome, 'no-certs'), ...options.env };
    const goVersion = options.goVersion ?? 'go1.26.8';
    const context: DirectFetchContext = {
      goVersion,
      settings: { GOPROXY: 'direct', GONOPROXY: '', GONOSUMDB: '', GOPRIVATE: '', GOSUMDB: 'off', GOINSECURE: '', GOVCS: '' },
      env,
      homedir: userHome,
      endpoint: { proxy: proxyConfigFromEnvironment(env), roots: await loadGoRoots(rootSourcesFor(env, 'linux'), diskRootsReader), goVersion },
      timeoutMs: options.timeoutMs ?? 20_000,
      workDir: userHome,
      gomodcache: '/gomodcache',
    };
    return probeDirectFetch(h.modulePath(name), options.version ?? 'v1.0.0', context);
  }

  const skip = (): boolean => {
    if (skipReason !== undefined) process.stdout.write(`skipped: ${skipReason}\n`);
    return skipReason !== undefined;
  };

  test('a hanging repository is cut off at the deadline; go would wait, so no go text is claimed', async () => {
    if (skip()) return;
    const started = Date.now();
    const result = await probe('slow', { timeoutMs: 1_500 });
    expect(Date.now() - started).toBeLessThan(6_000);
    expect(result).toMatchObject({ status: 'fail', stage: 'git', failure: { outcome: { kind: 'timed-out', by: 'deadline' } }, scenario: 'network-blocked' });
    expect(result.status === 'fail' ? result.goError : 'x').toBeUndefined();
  });

  test('git not on PATH', async () => {
    if (skip()) return;
    const result = await probe('pub', { env: { PATH: '/nonexistent' } });
    expect(result).toMatchObject({ status: 'fail', stage: 'git', failure: { outcome: { kind: 'git-missing' } } });
    expect(result.status === 'fail' ? result.goError : '').toMatch(/: exec: "git": executable file not found in \$PATH$/);
  });

  test('a password in the announced repository URL reaches git but no field of the result', async () => {
    if (skip()) return;
    const ok = await probe('tokenurl');
    expect(ok).toMatchObject({ status: 'ok', git: { credentials: { userinfo: true } } });
    const rejected = await probe('badtoken', { goVersion: 'go1.26.8' });
    expect(rejected).toMatchObject({ status: 'fail', stage: 'git', failure: { outcome: { kind: 'credentials-rejected', source: 'helper-or-url' } } });
    // go 1.26 names the URL in its message; the probe's version of it has the password masked where it sits.
    expect(rejected.status === 'fail' ? rejected.goError : '').toContain(`git ls-remote -q --end-of-options https://${LOGIN}:xxxxx@${(host as GitHost).address}/priv in /gomodcache/cache/vcs/`);
    for (const result of [ok, rejected]) {
      const json = JSON.stringify(result);
      for (const secret of [PASSWORD, `not-${PASSWORD}`, encodeURIComponent(PASSWORD), Buffer.from(`${LOGIN}:${PASSWORD}`).toString('base64')]) expect(json).not.toContain(secret);
    }
  });

  test('terminal escapes and invisible characters a server puts in a go-import tag never reach the result', async () => {
    if (skip()) return;
    // Control characters make the page invalid XML for go; format characters pass XML and reach the VCS name.
    const escapes = await probe('escapes');
    expect(escapes).toMatchObject({ status: 'fail', stage: 'root', failure: { kind: 'page-unparsable' } });
    const bidi = await probe('bidi');
    expect(bidi).toMatchObject({ status: 'fail', stage: 'root', failure: { kind: 'unknown-vcs' } });
    for (const result of [escapes, bidi]) expect(JSON.stringify(result)).not.toMatch(/\\u001b|\\u0007|\u202e|\u200b/);
  });

  test('insteadOf sends git elsewhere; the facts name the rule and the real URL', async () => {
    if (skip()) return;
    const h = host as GitHost;
    const result = await probe('pub', { gitconfig: `[url "https://${h.address}/priv"]\n\tinsteadOf = https://${h.address}/pub\n` });
    expect(result).toMatchObject({
      status: 'fail',
      failure: { outcome: { kind: 'credentials-missing' } },
      git: { url: h.repoUrl('pub'), config: { insteadOf: { prefix: `https://${h.address}/pub`, effectiveUrl: `https://${h.address}/priv` } } },
    });
  });

  test('a credential helper is named, never quoted', async () => {
    if (skip()) return;
    const result = await probe('priv', { gitconfig: `[credential]\n\thelper = "!f() { echo username=${LOGIN}; echo password=${PASSWORD}; }; f"\n` });
    expect(result).toMatchObject({ status: 'ok', git: { config: { credentialHelper: 'shell command' }, credentials: { helper: 'shell command' } } });
    expect(JSON.stringify(result)).not.toContain(PASSWORD);
  });

  test('git\'s trust differs from go\'s: the result says go trusts the certificate git refused', async () => {
    if (skip()) return;
    const result = await probe('pub', { gitconfig: '[http]\n\tsslCAInfo = /etc/ssl/certs/ca-certificates.crt\n' });
    expect(result).toMatchObject({ status: 'fail', failure: { outcome: { kind: 'tls' } }, git: { config: { sslCAInfo: '/etc/ssl/certs/ca-certificates.crt' }, goView: { tlsVerified: true } }, scenario: 'tls-certificate' });
  });

  test('an ssh repository on a closed port: ssh\'s refusal is classified, BatchMode set for Go 1.23', async () => {
    if (skip()) return;
    const result = await probe('viassh', { goVersion: 'go1.23.5' });
    expect(result).toMatchObject({ status: 'fail', failure: { outcome: { kind: 'refused', host: closed, port: 22 } }, git: { environment: { setByGo: { GIT_SSH_COMMAND: 'ssh -o ControlMaster=no -o BatchMode=yes' } } }, notExist: false });
  });

  test('a missing tag is an unknown revision; an existing one passes', async () => {
    if (skip()) return;
    expect(await probe('pub', { version: 'v2.3.4' })).toMatchObject({ status: 'fail', stage: 'version', failure: { tag: 'v2.3.4' }, notExist: true, goError: expect.stringMatching(/invalid version: unknown revision v2\.3\.4$/) });
    expect(await probe('pub', { version: 'v1.0.0' })).toMatchObject({ status: 'ok', git: { tag: { checked: true, tag: 'v1.0.0', found: true }, outcome: { kind: 'ok' } } });
  });

  test('the probe never leaves a prompt or a helper waiting: a credential helper that asks the terminal gets none', async () => {
    if (skip()) return;
    const log = path.join(home, 'askpass.log');
    const script = path.join(home, 'askpass.sh');
    writeFileSync(script, `#!/bin/sh\necho asked >> ${log}\necho ${PASSWORD}\n`, { mode: 0o755 });
    const result = await probe('priv', { env: { GIT_ASKPASS: script, SSH_ASKPASS: script }, gitconfig: `[core]\n\taskPass = ${script}\n` });
    expect(result).toMatchObject({ status: 'fail', failure: { outcome: { kind: 'credentials-missing' } }, git: { environment: { askpassNotRun: 'GIT_ASKPASS' } } });
    expect(existsSync(log) ? readFileSync(log, 'utf8') : '').toBe('');
  });
});
