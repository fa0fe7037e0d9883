/**
 * The direct-fetch rules over probe results given as data, shaped as src/probe/direct returns them:
 * 'direct-fetch-failed' (the scenario explain gives go's text, that scenario's fixes plus the ones only
 * a direct fetch has), 'govcs-forbids', 'direct-no-go-import' and 'direct-not-probed' (only what the
 * probe could not evaluate), and how a direct result folds into the module's verdict after the proxies
 * walked before it. The same results come from real git and real go in __tests__/check/direct-agreement.test.ts.
 */
import type { DirectProbe, NetworkFacts } from '../../../src/check/rule.js';
import { directFetchFailed } from '../../../src/check/rules/direct-fetch-failed.js';
import { directNoGoImport } from '../../../src/check/rules/direct-no-go-import.js';
import { directNotProbed } from '../../../src/check/rules/direct-not-probed.js';
import { govcsAllowing, govcsForbids } from '../../../src/check/rules/govcs-forbids.js';
import { moduleFetchFailed } from '../../../src/check/rules/module-fetch-failed.js';
import { NETWORK_RULES } from '../../../src/check/rules/index.js';
import { runRules } from '../../../src/check/run-rules.js';
import type { CanaryModule, Finding } from '../../../src/check/types.js';
import { chainEntries, moduleVerdict, type ProbeRecord } from '../../../src/check/verdict.js';
import { matchPrefixPatterns } from '../../../src/goenv/patterns.js';
import type { DirectFailure, DirectFetchFacts, DirectFetchResult } from '../../../src/probe/direct/types.js';
import type { GitOutcome } from '../../../src/probe/direct/git.js';
import type { WebRequestFacts } from '../../../src/probe/direct/web-get.js';
import type { ScenarioId } from '../../../src/scenarios/types.js';
import type { GoRoots } from '../../../src/probe/tlsroots.js';
import { checkInput, envWith, record, specsOf, statusResult } from '../network-support.js';
import { detect } from './support.js';

const HOST = 'git.corp.example.com';
const MODULE = `${HOST}/team/lib`;
const REPO = `https://${HOST}/team/lib`;
const LIB: CanaryModule = { path: MODULE, version: 'v1.2.0', source: 'go.mod' };
const WORKDIR = '/home/u/go/pkg/mod/cache/vcs/0123abcd';

const page = (status = 200, over: Partial<WebRequestFacts> = {}): WebRequestFacts => ({
  url: `https://${MODULE}?go-get=1`,
  answered: status !== 0,
  ...(status !== 0 ? { status } : {}),
  phase: status !== 0 ? 'done' : 'tls',
  tls: { verified: true },
  redirects: [],
  timings: { connect: 1.1, tls: 4.2, http: 2.5, total: 8.1 },
  ...over,
});

function facts(module = MODULE, reason: 'noproxy' | 'goproxy' = 'goproxy', proxiesBefore = 0): DirectFetchFacts {
  return {
    module,
    version: 'v1.2.0',
    goVersion: 'go1.23.5',
    route: { reason, proxiesBefore, ...(reason === 'noproxy' ? { matchedBy: { variable: 'GOPRIVATE', pattern: HOST } } : {}) },
    security: 'secure-only',
    requests: [page()],
    root: { root: module, vcs: 'git', repoUrl: `https://${module}`, via: 'go-import', page: `https://${module}?go-get=1` },
    govcs: { vcs: 'git', root: module, private: reason === 'noproxy', allowed: true, rule: reason === 'noproxy' ? 'private' : 'public', defaultRule: true, ruleAllows: reason === 'noproxy' ? ['all'] : ['git', 'hg'] },
    notes: [],
    durationMs: 420,
  };
}

function gitFacts(outcome: GitOutcome, stderr: string, over: Partial<NonNullable<DirectFetchFacts['git']>> = {}): NonNullable<DirectFetchFacts['git']> {
  return {
    url: REPO,
    command: 'git ls-remote -q origin',
    outcome,
    exitCode: outcome.kind === 'ok' ? 0 : 128,
    stderr,
    durationMs: 310,
    config: {},
    credentials: { netrc: false, userinfo: false },
    environment: { setByGo: { GIT_TERMINAL_PROMPT: '0' }, probeOverrides: ['LC_ALL=C'], goWouldPrompt: false },
    ...over,
  };
}

/** A failed result as the probe gives it: go's line, the scenario explain picks for it, and whether `,` falls through. */
function failed(base: DirectFetchFacts, failure: DirectFailure, inner: string, scenario: ScenarioId | undefined, notExist = false): DirectFetchResult {
  return { ...base, status: 'fail', stage: failure.stage, failure, goError: `go: ${base.module}@${base.version ?? 'latest'}: ${inner}`, ...(scenario !== undefined ? { scenario } : {}), notExist };
}

function gitFailure(outcome: Exclude<GitOutcome, { kind: 'ok' }>, stderr: string, scenario: ScenarioId, over: Partial<NonNullable<DirectFetchFacts['git']>> = {}, base = facts()): DirectFetchResult {
  const withGit = { ...base, git: gitFacts(outcome, stderr, over) };
  return failed(withGit, { stage: 'git', kind: 'git', outcome }, `invalid version: git ls-remote -q origin in ${WORKDIR}: exit status 128:\n\t${stderr}`, scenario);
}

const PROMPT = `fatal: could not read Username for 'https://${HOST}': terminal prompts disabled`;

/** The network facts and rule input for modules whose walks reach `direct`/`noproxy` with these results. */
function directCase(goproxy: string, cases: Array<{ canary: CanaryModule; result?: DirectFetchResult; notProbed?: string; proxy?: Array<[number, ReturnType<typeof statusResult>]> }>, vars: Record<string, string> = {}) {
  const env = envWith({ GOPROXY: goproxy, GOSUMDB: 'off', ...vars });
  const specs = specsOf(goproxy, vars.GONOPROXY ?? vars.GOPRIVATE ?? '');
  const chain = chainEntries(specs);
  const records: ProbeRecord[] = [];
  const direct: DirectProbe[] = [];
  const modules = cases.map(({ canary, result, notProbed, proxy }) => {
    const label = `${canary.path}@${canary.version ?? ''}`;
    const mine = (proxy ?? []).map(([i, r]) => record(i, label, r));
    records.push(...mine);
    if (result) direct.push({ module: label, source: canary.source, result });
    return moduleVerdict({
      canary,
      specs,
      chain,
      matchesNoProxy: matchPrefixPatterns(vars.GONOPROXY ?? vars.GOPRIVATE ?? '', canary.path),
      outcomes: new Map(mine.map((r) => [r.entry as number, r.outcome])),
      ...(result ? { direct: result } : {}),
      ...(notProbed !== undefined ? { directNotProbed: notProbed } : {}),
    });
  });
  const network: NetworkFacts = { chain, specs, records, modules, direct, timeoutMs: 10_000 };
  return { modules, input: (roots?: GoRoots) => checkInput(env, network, roots ? { roots } : {}) };
}

const ids = (f: Finding | undefined): string[] => (f?.fixes ?? []).map((x) => x.id);

describe('direct-fetch-failed', () => {
  test('git without credentials: auth-required, fails at direct; a .netrc line, a credential helper, SSH, GOPRIVATE', () => {
    const result = gitFailure({ kind: 'credentials-missing', asked: 'username' }, PROMPT, 'auth-required');
    const { modules, input } = directCase('https://proxy.golang.org,direct', [{ canary: LIB, result, proxy: [[0, statusResult(`https://proxy.golang.org/${MODULE}/@v/v1.2.0.info`, 404, 'Not Found')]] }]);
    expect(modules[0]).toMatchObject({ result: 'fail', failedAt: { stage: 'fetch', entry: 1, directStage: 'git' }, direct: { result: 'fail', entry: 1, stage: 'git', failure: 'credentials-missing', scenario: 'auth-required', git: { outcome: 'credentials-missing', url: REPO } } });
    expect(modules[0]?.summary).toMatch(/^fails at #2 direct, fetching directly from https:\/\/git\.corp\.example\.com\/team\/lib, at the git step: git has no credentials/);
    expect(modules[0]?.summary).toContain('after #1 https://proxy.golang.org: 404 Not Found');
    const [f, ...rest] = detect(directFetchFailed, input());
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ id: 'auth-required', rule: 'direct-fetch-failed', cause: 'credentials-missing', severity: 'error', modules: [`${MODULE}@v1.2.0`] });
    expect(f?.evidence[0]).toBe(`go would report: ${MODULE}@v1.2.0: invalid version: git ls-remote -q origin in ${WORKDIR}: exit status 128:\n\t${PROMPT}`);
    expect(f?.evidence).toContain(`git said: ${PROMPT}`);
    expect(ids(f).slice(0, 3)).toEqual(['netrc-entry', 'git-credential-helper', 'git-insteadof-ssh']);
    expect(ids(f)).toContain('goprivate-add');
    expect(f?.fixes.find((x) => x.id === 'git-credential-helper')?.command).toContain(`credential.https://${HOST}.helper store`);
    // The 404 before direct is not a failure of its own: go reports the direct fetch's error.
    expect(detect(moduleFetchFailed, input())).toEqual([]);
  });

  test('a refused ~/.netrc credential: replace it first, and no second machine line', () => {
    const result = gitFailure({ kind: 'credentials-rejected', source: 'netrc' }, PROMPT, 'auth-required', { credentials: { netrc: true, userinfo: false } }, facts(MODULE, 'noproxy'));
    const { input } = directCase('https://proxy.golang.org,direct', [{ canary: LIB, result }], { GOPRIVATE: HOST });
    const [f] = detect(directFetchFailed, input());
    expect(f).toMatchObject({ id: 'auth-required', cause: 'credentials-rejected' });
    expect(ids(f)[0]).toBe('replace-rejected-credential');
    expect(ids(f)).not.toContain('netrc-entry');
    // GOPRIVATE already covers it.
    expect(ids(f)).not.toContain('goprivate-add');
    expect(f?.evidence).toContain('fetched directly because GOPRIVATE matches "git.corp.example.com"');
  });

  test("git does not trust a certificate go's roots trust: git's http.sslCAInfo for that host, with go's bundle, first; GOINSECURE never offered", () => {
    const detail = 'server certificate verification failed. CAfile: none CRLfile: none';
    const result = gitFailure({ kind: 'tls', detail }, `fatal: unable to access '${REPO}/': ${detail}`, 'tls-certificate', { goView: { status: 404, tlsVerified: true } });
    const { input } = directCase('direct', [{ canary: LIB, result }]);
    const roots = { pems: [], fileUsed: '/etc/corp/bundle.pem', dirsRead: [] } as unknown as GoRoots;
    const [f] = detect(directFetchFailed, input(roots));
    expect(f).toMatchObject({ id: 'tls-certificate', cause: 'tls' });
    expect(f?.fixes[0]).toMatchObject({ id: 'git-ssl-cainfo', command: `git config --global http.https://${HOST}/.sslCAInfo /etc/corp/bundle.pem` });
    expect(ids(f)).not.toContain('goinsecure-add');
    expect(f?.message).toContain("although go's roots do");
  });

  test("go does not trust the code host's certificate: the CA first, GOINSECURE last and marked", () => {
    const request = page(0, { answered: false, error: `Get "https://${MODULE}?go-get=1": tls: failed to verify certificate: x509: certificate signed by unknown authority`, failure: { phase: 'tls', certificate: 'unknown-authority' }, tls: { verified: false } });
    const base = { ...facts(), requests: [request] };
    delete base.root;
    delete base.govcs;
    const result = failed(base, { stage: 'root', kind: 'fetch-failed', request }, `unrecognized import path "${MODULE}": https fetch: ${request.error ?? ''}`, 'tls-certificate', true);
    const { input } = directCase('direct', [{ canary: LIB, result }]);
    const [f] = detect(directFetchFailed, input());
    expect(f).toMatchObject({ id: 'tls-certificate', cause: 'fetch-failed' });
    expect(f?.fixes[0]?.weakensSecurity).toBe(false);
    expect(f?.fixes.at(-1)).toMatchObject({ id: 'goinsecure-add', weakensSecurity: true });
  });

  test('a 500 for the ?go-get=1 page: proxy-server-error, retry the code host, no GOPROXY fix', () => {
    const base = { ...facts(), requests: [page(500)] };
    delete base.root;
    delete base.govcs;
    const result = failed(base, { stage: 'root', kind: 'http-status', status: 500 }, `unrecognized import path "${MODULE}": reading https://${MODULE}?go-get=1: 500 Internal Server Error`, 'proxy-server-error', true);
    const { input } = directCase('https://a.example.invalid,direct', [{ canary: LIB, result, proxy: [[0, statusResult(`https://a.example.invalid/${MODULE}/@v/v1.2.0.info`, 404, 'Not Found')]] }]);
    const [f] = detect(directFetchFailed, input());
    expect(f).toMatchObject({ id: 'proxy-server-error', cause: 'http-status' });
    expect(ids(f)[0]).toBe('retry');
    expect(ids(f)).not.toContain('goproxy-pipe-fallback');
  });

  test('modules failing the same way at the same host are one finding; the default canary alone is a warning', () => {
    const other: CanaryModule = { path: `${HOST}/team/other`, version: 'v1.2.0', source: 'go.mod' };
    const mk = (module: string) => gitFailure({ kind: 'credentials-missing', asked: 'username' }, PROMPT, 'auth-required', {}, facts(module));
    const { input } = directCase('direct', [
      { canary: LIB, result: mk(MODULE) },
      { canary: other, result: mk(other.path) },
    ]);
    const found = detect(directFetchFailed, input());
    expect(found).toHaveLength(1);
    expect(found[0]?.modules).toEqual([`${MODULE}@v1.2.0`, `${other.path}@v1.2.0`]);
    const canary = directCase('direct', [{ canary: { ...LIB, source: 'default' }, result: mk(MODULE) }]);
    expect(detect(directFetchFailed, canary.input())[0]?.severity).toBe('warning');
  });

  test('a missing tag: module-not-found with the unknown revision', () => {
    const base = { ...facts(), git: { ...gitFacts({ kind: 'ok', refs: 3 }, ''), tag: { checked: true as const, tag: 'v1.2.0', found: false } } };
    const result = failed(base, { stage: 'version', kind: 'unknown-revision', tag: 'v1.2.0' }, 'invalid version: unknown revision v1.2.0', 'module-not-found', true);
    const { modules, input } = directCase('direct', [{ canary: LIB, result }]);
    expect(modules[0]?.direct?.git?.tag).toEqual({ tag: 'v1.2.0', found: false });
    const [f] = detect(directFetchFailed, input());
    expect(f).toMatchObject({ id: 'module-not-found', cause: 'unknown-revision' });
    expect(ids(f)).not.toContain('fetch-direct-once');
  });
});

describe('govcs-forbids', () => {
  const refusal = (govcs: string) => {
    const base = facts();
    delete base.root;
    const decision = { vcs: 'git', root: MODULE, private: false, allowed: false, rule: 'public', defaultRule: false, ruleAllows: ['hg'], error: `GOVCS disallows using git for public ${MODULE}; see 'go help vcs'` };
    base.govcs = decision;
    const result = failed(base, { stage: 'govcs', kind: 'govcs', decision }, `unrecognized import path "${MODULE}": ${decision.error}`, undefined, true);
    return directCase('direct', [{ canary: LIB, result }], { GOVCS: govcs });
  };

  test("GOVCS=public:hg: its own id (explain has no scenario for it), and a rule for this root in front of the user's", () => {
    const [f] = detect(govcsForbids, refusal('public:hg').input());
    expect(f).toMatchObject({ id: 'govcs-forbids', rule: 'govcs-forbids', severity: 'error' });
    expect(f?.fixes).toMatchObject([{ id: 'govcs-allow', command: `export GOVCS=${MODULE}:git,public:hg`, weakensSecurity: false }]);
    expect(f?.evidence).toContain(`GOVCS forbids git for public ${MODULE} (rule public:hg)`);
    expect(detect(directFetchFailed, refusal('public:hg').input())).toEqual([]);
  });

  test('the rule for the same pattern is extended rather than repeated (go rejects a repeated pattern)', () => {
    expect(govcsAllowing(`${MODULE}:hg,public:git`, MODULE, 'git')).toBe(`${MODULE}:hg|git,public:git`);
    expect(govcsAllowing('', MODULE, 'git')).toBe(`${MODULE}:git`);
  });
});

describe('direct-no-go-import', () => {
  test('no go-import tag for a private path reached through GOPRIVATE: credentials for the page first', () => {
    const base = facts(MODULE, 'noproxy');
    delete base.root;
    delete base.govcs;
    const result = failed(base, { stage: 'root', kind: 'no-go-import', mismatches: [] }, `unrecognized import path "${MODULE}": parse https://${MODULE}?go-get=1: no go-import meta tags ()`, undefined, true);
    const { modules, input } = directCase('https://proxy.golang.org,direct', [{ canary: LIB, result }], { GOPRIVATE: HOST });
    // "Not found" at noproxy walks on; every proxy refuses a GOPRIVATE path and `direct` looks the repository up again.
    expect(modules[0]).toMatchObject({ result: 'fail', failedAt: { entry: 2, directStage: 'root' }, direct: { entry: 0, reason: 'noproxy', matchedBy: { variable: 'GOPRIVATE', pattern: HOST } } });
    const [f] = detect(directNoGoImport, input());
    expect(f).toMatchObject({ id: 'direct-no-go-import', cause: 'no-go-import' });
    expect(ids(f)).toEqual(['netrc-entry', 'serve-go-import', 'check-import-path']);
    expect(runRules(NETWORK_RULES, input()).map((x) => x.rule)).toEqual(['direct-no-go-import']);
  });
});

describe('direct-not-probed and unfinished probes', () => {
  test('a Mercurial repository is not evaluated: the module stays unknown, with the reason, and only direct-not-probed speaks', () => {
    const result: DirectFetchResult = { ...facts(), root: { root: MODULE, vcs: 'hg', repoUrl: REPO, via: 'go-import' }, status: 'not-evaluated', stage: 'git', reason: 'the repository uses hg; only git repositories are probed' };
    const { modules, input } = directCase('direct', [{ canary: LIB, result }]);
    expect(modules[0]).toMatchObject({ result: 'unknown', direct: { result: 'not-evaluated', why: 'the repository uses hg; only git repositories are probed' } });
    expect(runRules(NETWORK_RULES, input()).map((f) => f.rule)).toEqual(['direct-not-probed']);
    const [f] = detect(directNotProbed, input());
    expect(f?.evidence[0]).toContain('the repository uses hg');
  });

  test('git killed at the deadline says nothing about go: unknown, not a failure', () => {
    const result = gitFailure({ kind: 'timed-out', by: 'deadline' }, '', 'network-blocked');
    const unfinished = { ...result, goError: undefined } as DirectFetchResult;
    const { modules, input } = directCase('direct', [{ canary: LIB, result: unfinished }]);
    expect(modules[0]).toMatchObject({ result: 'unknown', direct: { result: 'not-probed', why: 'git ls-remote did not finish before the deadline' } });
    expect(detect(directFetchFailed, input())).toEqual([]);
  });

  test('a direct fetch that works: served by direct, nothing to report', () => {
    const ok: DirectFetchResult = { ...facts(), git: { ...gitFacts({ kind: 'ok', refs: 2 }, ''), tag: { checked: true, tag: 'v1.2.0', found: true } }, status: 'ok', stage: 'git' };
    const { modules, input } = directCase('direct', [{ canary: LIB, result: ok }]);
    expect(modules[0]).toMatchObject({ result: 'ok', fetch: { servedBy: 0 }, direct: { result: 'ok', git: { outcome: 'ok', tag: { tag: 'v1.2.0', found: true } } } });
    expect(modules[0]?.summary).toContain(`fetched directly from ${REPO}, tag v1.2.0 listed`);
    expect(runRules(NETWORK_RULES, input())).toEqual([]);
  });
});
