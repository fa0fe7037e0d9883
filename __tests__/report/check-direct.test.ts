/**
 * The direct step in `check`'s report: under its module, the ?go-get=1 requests, the repository and the
 * GOVCS rule that allowed it, and git's command, outcome and credential sources; in `--json`,
 * `modules[].direct` with the same facts and `failedAt.directStage`. A secret that reached the facts
 * (userinfo in a go-import URL, a token git echoed) is removed by position in both.
 */
import { Chalk } from 'chalk';
import type { CheckReport } from '../../src/check/types.js';
import { chainEntries, moduleVerdict } from '../../src/check/verdict.js';
import { proxyList } from '../../src/goenv/proxylist.js';
import type { DirectFetchResult } from '../../src/probe/direct/types.js';
import { buildCheckJson, renderCheckHuman } from '../../src/report/check.js';

const off = new Chalk({ level: 0 });
const TOKEN = 'ghp-tok3n-Secret-value';
const MODULE = 'git.corp.example.com/team/lib';

function result(): DirectFetchResult {
  return {
    module: MODULE,
    version: 'v1.2.0',
    goVersion: 'go1.26.0',
    route: { reason: 'goproxy', proxiesBefore: 0 },
    security: 'secure-only',
    requests: [{ url: `https://${MODULE}?go-get=1`, answered: true, status: 200, phase: 'done', tls: { verified: true }, redirects: [], timings: { connect: 1, tls: 3, http: 2, total: 6 } }],
    root: { root: MODULE, vcs: 'git', repoUrl: `https://bot:${TOKEN}@git.corp.example.com/team/lib`, via: 'go-import', page: `https://${MODULE}?go-get=1` },
    govcs: { vcs: 'git', root: MODULE, private: false, allowed: true, rule: 'public', defaultRule: true, ruleAllows: ['git', 'hg'] },
    git: {
      url: `https://bot:${TOKEN}@git.corp.example.com/team/lib`,
      command: `git ls-remote -q --end-of-options https://bot:${TOKEN}@git.corp.example.com/team/lib`,
      outcome: { kind: 'credentials-rejected', source: 'helper-or-url' },
      exitCode: 128,
      stderr: `remote: Invalid username or password.\nfatal: Authentication failed for 'https://bot:${TOKEN}@git.corp.example.com/team/lib/'`,
      durationMs: 240,
      config: { credentialHelper: 'store' },
      credentials: { netrc: false, helper: 'store', userinfo: true },
      environment: { setByGo: { GIT_TERMINAL_PROMPT: '0', GCM_INTERACTIVE: 'never' }, probeOverrides: [], goWouldPrompt: false },
    },
    notes: [],
    durationMs: 300,
    status: 'fail',
    stage: 'git',
    failure: { stage: 'git', kind: 'git', outcome: { kind: 'credentials-rejected', source: 'helper-or-url' } },
    goError: `go: ${MODULE}@v1.2.0: invalid version: git ls-remote -q --end-of-options https://bot:${TOKEN}@git.corp.example.com/team/lib in /m/cache/vcs/01: exit status 128:\n\tfatal: Authentication failed`,
    scenario: 'auth-required',
    notExist: false,
  };
}

function report(): CheckReport {
  const list = proxyList('direct', '');
  if (!list.ok) throw new Error(list.error);
  const chain = chainEntries(list.specs);
  const verdict = moduleVerdict({ canary: { path: MODULE, version: 'v1.2.0', source: 'flag' }, specs: list.specs, chain, matchesNoProxy: false, outcomes: new Map(), direct: result() });
  return { goVersion: 'go1.26.0', goBinary: 'go', offline: false, timeoutMs: 10_000, canarySource: 'flag', chain, probes: [], modules: [verdict], findings: [], groups: ['proxy'], durationMs: 900 };
}

test('the human report shows the direct step under its module, secrets removed', () => {
  const text = renderCheckHuman(report(), off);
  expect(text).not.toContain(TOKEN);
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.includes(`${MODULE}@v1.2.0: fails at #1 direct, fetching directly from https://bot:xxxxx@git.corp.example.com/team/lib, at the git step`));
  expect(at).toBeGreaterThan(0);
  expect(lines[at + 1]).toMatch(/^ {6}✓ GET https:\/\/git\.corp\.example\.com\/team\/lib\?go-get=1 → 200 · trusted by go's roots/);
  expect(lines[at + 2]).toMatch(/^ {6}repository https:\/\/bot:xxxxx@git\.corp\.example\.com\/team\/lib \(git, go-import\) · GOVCS allows git for git\.corp\.example\.com\/team\/lib \(public:git\|hg, default\)$/);
  expect(lines[at + 3]).toMatch(/^ {6}✗ git ls-remote -q --end-of-options https:\/\/bot:xxxxx@git\.corp\.example\.com\/team\/lib → exit 128 \(credentials-rejected\) · credentials: helper store, URL · 240 ms$/);
});

test('--json carries modules[].direct with the facts and failedAt.directStage, secrets removed', () => {
  const doc = buildCheckJson(report());
  const json = JSON.stringify(doc);
  expect(json).not.toContain(TOKEN);
  expect(doc.modules[0]).toMatchObject({
    result: 'fail',
    failedAt: { stage: 'fetch', entry: 0, directStage: 'git' },
    direct: {
      result: 'fail',
      entry: 0,
      reason: 'goproxy',
      stage: 'git',
      failure: 'credentials-rejected',
      scenario: 'auth-required',
      notExist: false,
      repository: { url: 'https://bot:xxxxx@git.corp.example.com/team/lib', vcs: 'git', via: 'go-import' },
      govcs: { vcs: 'git', allowed: true, rule: 'public', defaultRule: true, allows: ['git', 'hg'] },
      git: { outcome: 'credentials-rejected', exitCode: 128, credentials: { netrc: false, helper: 'store', userinfo: true }, setByGo: { GIT_TERMINAL_PROMPT: '0', GCM_INTERACTIVE: 'never' } },
    },
  });
  expect(doc.modules[0]?.direct?.git?.stderr).toContain("fatal: Authentication failed for 'https://bot:xxxxx@git.corp.example.com/team/lib/'");
  expect(doc.modules[0]?.direct?.error).toMatch(/^invalid version: git ls-remote/);
});
