/**
 * Inputs that make each check rule fire, built by hand (no go, no network): configuration values as the
 * OS environment would set them, and probe results as data through ../check/network-support.ts. Several
 * inputs per rule where its words differ (one module or many, with or without a source, a key or not), so
 * every message a rule can write is produced. Used by check-zh.test.ts; it imports nothing from jest, so
 * the same table can be run against any revision of src/.
 */
import type { CheckInput, DirectProbe, NetworkFacts, SumdbState } from '../../src/check/rule.js';
import { analyzeToolchain, type ToolchainInput } from '../../src/check/toolchain.js';
import type { CachedVersion } from '../../src/check/module-cache.js';
import type { CanaryModule } from '../../src/check/types.js';
import { chainEntries, moduleVerdict, type ProbeRecord } from '../../src/check/verdict.js';
import type { WithGoFacts } from '../../src/check/go-trace.js';
import { proxyList } from '../../src/goenv/proxylist.js';
import { parseGoSumDb } from '../../src/goenv/sumdbconfig.js';
import { routeSettingsFrom } from '../../src/goenv/targets.js';
import { matchPrefixPatterns } from '../../src/goenv/patterns.js';
import { KNOWN_CHECKSUM_DATABASES } from '../../src/mirrors/known-mirrors.js';
import type { GitOutcome } from '../../src/probe/direct/git.js';
import type { DirectFailure, DirectFetchFacts, DirectFetchResult } from '../../src/probe/direct/types.js';
import type { WebRequestFacts } from '../../src/probe/direct/web-get.js';
import type { ScenarioId } from '../../src/scenarios/types.js';
import { parseGoAuth } from '../../src/probe/goauth.js';
import { proxyConfigFromEnvironment, type ProxyConfig } from '../../src/probe/httpproxy.js';
import type { NetrcEntry } from '../../src/probe/netrc.js';
import type { GoRoots } from '../../src/probe/tlsroots.js';
import type { EndpointResult } from '../../src/probe/endpoint.js';
import { A, B, checkInput, envWith, HELLO, infoUrl, record, result, specsOf, statusResult } from '../check/network-support.js';

const GO = 'go1.23.5';
const PRIVATE: CanaryModule = { path: 'git.corp.example.com/team/lib', version: 'v0.1.0', source: 'go.mod' };
const PRIVATE_TOO: CanaryModule = { path: 'git.corp.example.com/team/util', version: 'v0.2.0', source: 'go.mod' };
const OTHER: CanaryModule = { path: 'example.com/other', version: 'v1.2.0', source: 'go.mod' };
const DEFAULT_CANARY: CanaryModule = { path: 'golang.org/x/text', version: 'v0.14.0', source: 'default' };

/** What the toolchain analysis is given besides go.mod's lines. */
type ToolchainLines = Partial<Pick<ToolchainInput, 'gotoolchain' | 'goLine' | 'toolchainLine'>>;

/**
 * The configuration `check --offline` would gather, with every value from the OS environment: the
 * defaults go prints, overridden by `values`; go.mod's lines in `lines`.
 */
export function configInput(values: Record<string, string>, extra: Partial<CheckInput> = {}, goVersion = GO, lines: ToolchainLines = {}): CheckInput {
  const all: Record<string, string> = {
    GOPROXY: 'https://proxy.golang.org,direct',
    GOSUMDB: 'sum.golang.org',
    GONOPROXY: values.GOPRIVATE ?? '',
    GONOSUMDB: values.GOPRIVATE ?? '',
    GOPRIVATE: '',
    GOINSECURE: '',
    GOFLAGS: '',
    GOTOOLCHAIN: lines.gotoolchain ?? 'auto',
    ...values,
  };
  const env = { ...envWith(all), goVersion };
  const settings = routeSettingsFrom(env);
  return {
    env,
    settings,
    proxyList: proxyList(settings.GOPROXY, settings.GONOPROXY),
    sumdb: parseGoSumDb(settings.GOSUMDB),
    canaries: [],
    canariesOmitted: 0,
    toolchain: analyzeToolchain({ goVersion, gotoolchain: all.GOTOOLCHAIN ?? 'auto', goos: 'linux', goarch: 'amd64', ...lines }),
    httpProxy: proxyConfigFromEnvironment({}),
    goauth: parseGoAuth(all.GOAUTH, goVersion),
    netrc: [],
    platform: 'linux',
    ...extra,
  };
}

/** Trusted roots as the loader reports them, for the certificate rules. */
function roots(over: Partial<GoRoots> & { fromEnv?: boolean; ignored?: string[] }): GoRoots {
  const { fromEnv = true, ignored = [], ...rest } = over;
  return {
    kind: 'files',
    pems: [],
    dirsRead: [],
    sources: { kind: 'files', files: ['/etc/ssl/certs/ca-certificates.crt'], dirs: [], fileFromEnv: fromEnv, dirsFromEnv: false, ignoredVariables: ignored },
    ...rest,
  } as GoRoots;
}

function httpsProxy(value: string, source: string | undefined, noProxy = ''): ProxyConfig {
  return { httpProxy: '', httpsProxy: value, noProxy, cgi: false, sources: source !== undefined ? { httpsProxy: source } : {} };
}

/** Modules walked through a GOPROXY chain whose entries answer as given (per module), as the network rules see them. */
export function networkInput(goproxy: string, modules: Array<{ canary: CanaryModule; answers: Array<[number, ReturnType<typeof result>]> }>, options: { gonoproxy?: string; extra?: Partial<CheckInput>; network?: Partial<NetworkFacts>; env?: Record<string, string> } = {}): CheckInput {
  const gonoproxy = options.gonoproxy ?? '';
  const specs = specsOf(goproxy, gonoproxy);
  const chain = chainEntries(specs);
  const records: ProbeRecord[] = [];
  const verdicts = modules.map(({ canary, answers }) => {
    const label = `${canary.path}@${canary.version ?? ''}`;
    const own = answers.map(([i, r]) => record(i, label, r, canary.source === 'toolchain' ? 'toolchain' : 'module'));
    records.push(...own);
    const outcomes = new Map(own.map((r) => [r.entry as number, r.outcome]));
    return moduleVerdict({ canary, specs, chain, matchesNoProxy: gonoproxy !== '' && canary.path.startsWith(gonoproxy), outcomes });
  });
  const env = envWith({ GOPROXY: goproxy, ...(gonoproxy !== '' ? { GONOPROXY: gonoproxy } : {}), ...(options.env ?? {}) });
  return checkInput(env, { chain, specs, records, modules: verdicts, timeoutMs: 1000, ...(options.network ?? {}) }, options.extra ?? {});
}

const fail500 = (base: string) => statusResult(infoUrl(base), 500, 'Internal Server Error');
const notFound = (base: string) => statusResult(infoUrl(base), 404, 'Not Found');

// The checksum database as the sumdb rules see it: reached through entry #1 of GOPROXY=A.
const SUMDB = 'sum.example.invalid';
const SUMDB_BASE = `${A}/sumdb/${SUMDB}`;
function sumdbInput(state: Partial<SumdbState> & { needed?: boolean }): CheckInput {
  const { needed = true, ...over } = state;
  const sumdb: SumdbState = {
    report: { name: SUMDB, via: 'proxy', proxyEntry: 0, needed, ...(needed ? { neededBy: ['example.com/hello@v1.0.0'] } : {}) },
    supported: [],
    lookups: [],
    ...over,
  };
  return networkInput(A, [{ canary: HELLO, answers: [[0, statusResult(infoUrl(A), 200, 'OK')]] }], { network: { sumdb } });
}
const lookup = (module: string, status: number, text: string) => record(0, module, statusResult(`${SUMDB_BASE}/lookup/${module}`, status, text), 'sumdb-lookup');

// A toolchain switch to go1.25.0 (go.mod's go line), downloaded through GOPROXY as golang.org/toolchain.
const SWITCH = analyzeToolchain({ goVersion: GO, gotoolchain: 'auto', goLine: '1.25.0', goos: 'linux', goarch: 'amd64' });
const NOT_RELEASED = analyzeToolchain({ goVersion: GO, gotoolchain: 'auto', goLine: '1.99.0', goos: 'linux', goarch: 'amd64' });
const toolchainCanary = (analysis: typeof SWITCH): CanaryModule => ({ path: 'golang.org/toolchain', version: analysis.moduleVersion ?? '', source: 'toolchain' });
const toolchainUrl = (base: string, analysis: typeof SWITCH) => `${base}/golang.org/toolchain/@v/${analysis.moduleVersion ?? ''}.info`;
function toolchainInput(goproxy: string, analysis: typeof SWITCH, answers: Array<[number, ReturnType<typeof result>]>): CheckInput {
  return networkInput(goproxy, [{ canary: toolchainCanary(analysis), answers }], { extra: { toolchain: analysis } });
}
function toolchainVerifyInput(): CheckInput {
  const specs = specsOf(A);
  const chain = chainEntries(specs);
  const canary = toolchainCanary(SWITCH);
  const r = record(0, `golang.org/toolchain@${canary.version ?? ''}`, statusResult(toolchainUrl(A, SWITCH), 200, 'OK'), 'toolchain');
  const verdict = moduleVerdict({ canary, specs, chain, matchesNoProxy: false, outcomes: new Map([[0, r.outcome]]), verify: { consulted: true, ok: false, error: 'checksum database unreachable' } });
  return checkInput(envWith({ GOPROXY: A }), { chain, specs, records: [r], modules: [verdict], timeoutMs: 1000 }, { toolchain: SWITCH });
}

/** What `go mod download -x -json` left, as data. */
function goFacts(over: Partial<WithGoFacts>): WithGoFacts {
  return { command: 'go mod download -x -json example.com/hello@v1.0.0', modules: ['example.com/hello@v1.0.0'], skipped: [], exitCode: 0, timedOut: false, durationMs: 120, requests: [], results: [], otherStderr: [], ...over };
}
function crossCheckInput(answer: 200 | 500, facts: WithGoFacts): CheckInput {
  const input = networkInput(`${A},${B}`, [{ canary: HELLO, answers: [[0, answer === 200 ? statusResult(infoUrl(A), 200, 'OK') : fail500(A)]] }]);
  return { ...input, withGo: facts };
}
const served = { path: 'example.com/hello', version: 'v1.0.0' };
const zipOk = { url: `${A}/example.com/hello/@v/v1.0.0.zip`, answer: '200 OK', status: 200 };

const GOSUM_IO_KEY = KNOWN_CHECKSUM_DATABASES.find((d) => d.name === 'gosum.io')?.key ?? 'gosum.io';
const NETRC: NetrcEntry[] = [{ machine: 'proxy.corp.invalid', login: 'alice', password: 's3cret' }];

// A module go fetches straight from its repository, with the direct probe's result given as data (the shapes
// src/probe/direct returns).
const CORP = 'git.corp.example.com';
const CORP_MODULE = `${CORP}/team/lib`;
const CORP_LIB: CanaryModule = { path: CORP_MODULE, version: 'v1.2.0', source: 'go.mod' };
const CORP_OTHER: CanaryModule = { path: `${CORP}/team/other`, version: 'v1.2.0', source: 'go.mod' };
const PROMPT = `fatal: could not read Username for 'https://${CORP}': terminal prompts disabled`;

function goGetPage(module: string, status: number, over: Partial<WebRequestFacts> = {}): WebRequestFacts {
  return { url: `https://${module}?go-get=1`, answered: status !== 0, ...(status !== 0 ? { status } : {}), phase: status !== 0 ? 'done' : 'tls', tls: { verified: true }, redirects: [], timings: { connect: 1.1, tls: 4.2, http: 2.5, total: 8.1 }, ...over };
}

function directFacts(module: string, reason: 'noproxy' | 'goproxy' = 'goproxy'): DirectFetchFacts {
  return {
    module,
    version: 'v1.2.0',
    goVersion: GO,
    route: { reason, proxiesBefore: reason === 'goproxy' ? 1 : 0, ...(reason === 'noproxy' ? { matchedBy: { variable: 'GOPRIVATE', pattern: CORP } } : {}) },
    security: 'secure-only',
    requests: [goGetPage(module, 200)],
    root: { root: module, vcs: 'git', repoUrl: `https://${module}`, via: 'go-import', page: `https://${module}?go-get=1` },
    govcs: { vcs: 'git', root: module, private: reason === 'noproxy', allowed: true, rule: reason === 'noproxy' ? 'private' : 'public', defaultRule: true, ruleAllows: reason === 'noproxy' ? ['all'] : ['git', 'hg'] },
    notes: [],
    durationMs: 420,
  };
}

function failedDirect(base: DirectFetchFacts, failure: DirectFailure, inner: string, scenario?: ScenarioId): DirectFetchResult {
  return { ...base, status: 'fail', stage: failure.stage, failure, goError: `go: ${base.module}@${base.version ?? 'latest'}: ${inner}`, ...(scenario !== undefined ? { scenario } : {}), notExist: false };
}

function gitFailed(module: string, outcome: Exclude<GitOutcome, { kind: 'ok' }>, stderr: string, scenario: ScenarioId, over: Partial<NonNullable<DirectFetchFacts['git']>> = {}, reason: 'noproxy' | 'goproxy' = 'goproxy'): DirectFetchResult {
  const git: NonNullable<DirectFetchFacts['git']> = {
    url: `https://${module}`,
    command: 'git ls-remote -q origin',
    outcome,
    exitCode: 128,
    stderr,
    durationMs: 310,
    config: {},
    credentials: { netrc: false, userinfo: false },
    environment: { setByGo: { GIT_TERMINAL_PROMPT: '0' }, probeOverrides: ['LC_ALL=C'], goWouldPrompt: false },
    ...over,
  };
  return failedDirect({ ...directFacts(module, reason), git }, { stage: 'git', kind: 'git', outcome }, `invalid version: git ls-remote -q origin: exit status 128:\n\t${stderr}`, scenario);
}

/** Modules whose walks reach `direct` (or `noproxy`) with these direct results, as the network rules see them. */
function directInput(goproxy: string, cases: Array<{ canary: CanaryModule; result: DirectFetchResult; proxy?: Array<[number, ReturnType<typeof result>]> }>, vars: Record<string, string> = {}): CheckInput {
  const noproxy = vars.GONOPROXY ?? vars.GOPRIVATE ?? '';
  const env = envWith({ GOPROXY: goproxy, GOSUMDB: 'off', ...vars });
  const specs = specsOf(goproxy, noproxy);
  const chain = chainEntries(specs);
  const records: ProbeRecord[] = [];
  const direct: DirectProbe[] = [];
  const modules = cases.map(({ canary, result: probed, proxy }) => {
    const label = `${canary.path}@${canary.version ?? ''}`;
    const own = (proxy ?? []).map(([i, r]) => record(i, label, r));
    records.push(...own);
    direct.push({ module: label, source: canary.source, result: probed });
    return moduleVerdict({ canary, specs, chain, matchesNoProxy: matchPrefixPatterns(noproxy, canary.path), outcomes: new Map(own.map((r) => [r.entry as number, r.outcome])), direct: probed });
  });
  return checkInput(env, { chain, specs, records, modules, direct, timeoutMs: 10_000 });
}

const notFoundAt = (base: string, module: string) => statusResult(`${base}/${module}/@v/v1.2.0.info`, 404, 'Not Found');

function govcsRefusal(invalid?: string): DirectFetchResult {
  const base = directFacts(CORP_MODULE);
  delete base.root;
  const decision = { vcs: 'git', root: CORP_MODULE, private: false, allowed: false, rule: 'public', defaultRule: false, ruleAllows: ['hg'], error: `GOVCS disallows using git for public ${CORP_MODULE}; see 'go help vcs'`, ...(invalid !== undefined ? { invalid } : {}) };
  base.govcs = decision;
  return failedDirect(base, { stage: 'govcs', kind: 'govcs', decision }, `unrecognized import path "${CORP_MODULE}": ${decision.error}`);
}

function noGoImport(reason: 'noproxy' | 'goproxy'): DirectFetchResult {
  const base = directFacts(CORP_MODULE, reason);
  delete base.root;
  delete base.govcs;
  return failedDirect(base, { stage: 'root', kind: 'no-go-import', mismatches: reason === 'goproxy' ? [`${CORP}/team`] : [] }, `unrecognized import path "${CORP_MODULE}": parse https://${CORP_MODULE}?go-get=1: no go-import meta tags ()`);
}

function pageFailure(status: number): DirectFetchResult {
  const base = { ...directFacts(CORP_MODULE), requests: [goGetPage(CORP_MODULE, status)] };
  delete base.root;
  delete base.govcs;
  return failedDirect(base, { stage: 'root', kind: 'http-status', status }, `unrecognized import path "${CORP_MODULE}": reading https://${CORP_MODULE}?go-get=1: ${status} Internal Server Error`, 'proxy-server-error');
}

/** For each rule id, the inputs that make it fire. */
export const RULE_INPUTS: Readonly<Record<string, () => CheckInput[]>> = {
  'gomod-unreadable': () => [configInput({}, { goModError: 'EACCES' })],
  'go111module-off': () => [configInput({ GO111MODULE: 'off' })],
  'goflags-insecure': () => [configInput({ GOFLAGS: '-insecure' }), configInput({ GOFLAGS: '-mod=mod -insecure' }, { canaries: [PRIVATE] })],
  'goproxy-empty': () => [configInput({ GOPROXY: ' , ' })],
  'goproxy-invalid': () => [configInput({ GOPROXY: 'https://proxy .example.invalid' }), configInput({ GOPROXY: 'ftp://mirror.invalid' })],
  'goproxy-semicolon': () => [configInput({ GOPROXY: 'https://goproxy.cn;direct' }), configInput({ GOPROXY: 'https://a.example/go;direct,https://b.example;off' }), configInput({ GOPROXY: 'http://127.0.0.1:8080;direct' })],
  'goproxy-unreachable-entries': () => [configInput({ GOPROXY: 'direct,https://proxy.example' }), configInput({ GOPROXY: 'https://a.example,off,https://b.example,https://c.example' })],
  'mirror-host-misspelt': () => [configInput({ GOPROXY: 'https://goproxy.cm,direct' }), configInput({ GOPROXY: 'https://goproxy.co,direct' }), configInput({ GOSUMDB: 'sum.golang.ogr' }), configInput({ GOSUMDB: 'gosum.oi' })],
  'goproxy-off': () => [configInput({ GOPROXY: 'off' }), configInput({ GOPROXY: 'off' }, { canaries: [HELLO] }), configInput({ GOPROXY: 'off' }, { canaries: [HELLO, OTHER, PRIVATE] })],
  'goproxy-credentials-http': () => [configInput({ GOPROXY: 'http://bob:secret@b.example,direct' })],
  'goproxy-credentials': () => [configInput({ GOPROXY: 'https://bob:secret@a.example,direct' }), configInput({ GOPROXY: 'https://bob:secret@a.example:8443,direct' }, {}, 'go1.19.13')],
  'gonoproxy-without-direct': () => [configInput({ GOPROXY: 'https://a.example', GONOPROXY: 'corp.example.com' })],
  'unknown-go-variable': () => [
    configInput({}, { osEnvironmentNames: ['GO_PROXY', 'PATH'] }),
    configInput({ GOENV: '/home/me/.config/go/env' }, { goenvFileNames: ['goproxy', 'GONOSUMCHECK'] }),
    configInput({}, { goenvFileNames: ['GOPROXYS'] }),
  ],
  'private-module-public-proxy': () => [configInput({}, { canaries: [PRIVATE] }), configInput({}, { canaries: [PRIVATE, PRIVATE_TOO] })],
  'gosumdb-invalid': () => [configInput({ GOSUMDB: 'sum.golang.org+bad' })],
  'gosumdb-off': () => [configInput({ GOSUMDB: 'off' }), configInput({ GOSUMDB: 'off' }, { canaries: [PRIVATE, OTHER] })],
  'mirror-sumdb-mix': () => [
    configInput({ GOPROXY: 'https://goproxy.io,https://goproxy.cn,direct' }),
    configInput({ GOPROXY: 'https://goproxy.io,direct' }),
    configInput({ GOPROXY: 'https://goproxy.cn,direct', GOSUMDB: GOSUM_IO_KEY }),
  ],
  'goprivate-too-broad': () => [configInput({ GOPRIVATE: 'github.com' }), configInput({ GOPRIVATE: '*.com' }, { canaries: [PRIVATE, { path: 'github.com/pkg/errors', version: 'v0.9.1', source: 'go.mod' }] })],
  'gonosumdb-too-broad': () => [configInput({ GONOSUMDB: '*' })],
  'goinsecure-too-broad': () => [configInput({ GOINSECURE: 'github.com/*,corp.example.com' })],
  'pattern-ignored': () => [configInput({ GOPRIVATE: 'git.corp.example.com, https://github.com/acme' }), configInput({ GOINSECURE: '[' })],
  'goenv-shadowed': () => {
    const input = configInput({ GOPROXY: 'http://127.0.0.1:9' });
    const note = "shadowed: 'go env -w' set GOPROXY=https://athens.corp.invalid (/home/me/.config/go/env:1), but the OS environment overrides it; unset GOPROXY in your shell for the file's value to apply";
    input.env.variables.GOPROXY = { name: 'GOPROXY', value: 'http://127.0.0.1:9', origin: 'environment', notes: [note] };
    return [input];
  },
  'http-proxy-unparseable': () => [configInput({}, { httpProxy: proxyConfigFromEnvironment({ HTTPS_PROXY: '%zz' }) }), configInput({}, { httpProxy: httpsProxy('%zz', undefined) })],
  'http-proxy-domestic-mirror': () => [
    configInput({ GOPROXY: 'https://proxy.golang.com.cn,direct' }, { httpProxy: httpsProxy('http://10.0.0.1:8080', 'https_proxy') }),
    configInput({ GOPROXY: 'https://goproxy.cn,direct' }, { httpProxy: httpsProxy('http://proxy.corp.example:3128', 'HTTPS_PROXY', 'corp.example.com') }),
  ],
  'goauth-invalid': () => [configInput({ GOAUTH: 'git relative/dir' }, {}, 'go1.24.0')],
  'goauth-entry-failed': () => {
    const error = 'GOAUTH=my-helper: could not run command my-helper: exit status 1';
    const failed = { entry: 'my-helper', kind: 'command' as const, outcome: 'error' as const, prefixes: [], error };
    return [
      networkInput(A, [{ canary: HELLO, answers: [] }], { env: { GOAUTH: 'my-helper' }, network: { goAuthRuns: [failed] } }),
      networkInput(A, [{ canary: HELLO, answers: [] }], { env: { GOAUTH: 'my-helper' }, network: { goAuthRuns: [{ ...failed, url: `${A}/m/@v/list` }] } }),
    ];
  },
  'goauth-off': () => [configInput({ GOAUTH: 'off' }, {}, 'go1.24.0')],
  'goauth-ignored': () => [configInput({ GOAUTH: 'off' })],
  'netrc-machine-mismatch': () => [
    configInput({ GOPROXY: 'https://proxy.corp.invalid:8443/go' }, { netrc: NETRC }),
    configInput({ GOPROXY: 'https://proxy.corp.invalid:8443/go' }, { netrc: [{ machine: 'proxy.corp.invalid:8443', login: 'alice', password: 's3cret' }] }, 'go1.19.13'),
  ],
  'ssl-cert-ignored': () => [
    configInput({ SSL_CERT_FILE: '/etc/corp-ca.pem' }, { platform: 'darwin', roots: roots({ ignored: ['SSL_CERT_FILE'] }) }),
    configInput({ SSL_CERT_FILE: 'C:\\ca.pem', SSL_CERT_DIR: 'C:\\certs' }, { platform: 'win32', roots: roots({ ignored: ['SSL_CERT_FILE', 'SSL_CERT_DIR'] }) }),
  ],
  'ssl-cert-file-unreadable': () => [configInput({ SSL_CERT_FILE: '/nonexistent/ca.pem' }, { roots: roots({ loadError: 'open /nonexistent/ca.pem: permission denied' }) })],
  'tls-roots-skipped': () => [
    configInput({ SSL_CERT_FILE: '/tmp/fifo' }, { roots: roots({ skipped: [{ path: '/tmp/fifo', reason: 'not-regular-file' }] }) }),
    configInput({}, { roots: roots({ skipped: [{ path: '/etc/ssl/certs/a.pem', reason: 'too-large' }, { path: '/etc/ssl/certs/b.pem', reason: 'not-regular-file' }] }) }),
  ],
  'gotoolchain-invalid': () => [configInput({ GOTOOLCHAIN: 'banana' }, {}, GO, { gotoolchain: 'banana' })],
  'invalid-go-line': () => [configInput({}, {}, GO, { goLine: '1.21.0.1' })],
  'invalid-toolchain-line': () => [configInput({}, {}, GO, { goLine: '1.21.0', toolchainLine: 'banana' })],
  'go-too-new': () => [configInput({ GOTOOLCHAIN: 'local' }, {}, GO, { gotoolchain: 'local', goLine: '1.99.0' })],
  'toolchain-language-version': () => [configInput({}, {}, GO, { goLine: '1.21', toolchainLine: 'go1.24' })],
  'toolchain-path-only': () => [configInput({ GOTOOLCHAIN: 'path' }, {}, GO, { gotoolchain: 'path', goLine: '1.99.0' })],
  'toolchain-old-go': () => [configInput({}, {}, 'go1.20.5', { goLine: '1.21.0' })],
  'toolchain-sumdb-off': () => [configInput({ GOSUMDB: 'off' }, {}, GO, { goLine: '1.25.0' })],
  'toolchain-goproxy-off': () => [configInput({ GOPROXY: 'off' }, {}, GO, { goLine: '1.25.0' })],
  'modules-sampled': () => [configInput({}, { canaries: [HELLO, OTHER, PRIVATE], canariesOmitted: 7 })],
  'module-cache-poisoned': () => {
    const page = Buffer.from('<!DOCTYPE html>\n<html><head><title>Sign in</title></head></html>\n');
    const stem = '/home/dev/go/pkg/mod/cache/download/example.com/other/@v/v1.2.0';
    const cached = (files: CachedVersion['files']): CachedVersion[] => [{ module: OTHER.path, version: OTHER.version ?? '', gomodcache: '/home/dev/go/pkg/mod', files }];
    const cutZip = Buffer.from('PK\u0003\u0004 cut off');
    return [
      configInput({ GOSUMDB: 'off' }, { canaries: [OTHER], moduleCache: cached([{ kind: 'mod', path: `${stem}.mod`, size: page.length, head: page }, { kind: 'info', path: `${stem}.info`, size: page.length, head: page }]) }),
      configInput({ GOPRIVATE: 'example.com' }, { canaries: [OTHER], moduleCache: cached([{ kind: 'zip', path: `${stem}.zip`, size: page.length, head: page.subarray(0, 4), tail: page }]) }),
      configInput({}, { canaries: [OTHER], moduleCache: cached([{ kind: 'zip', path: `${stem}.zip`, size: cutZip.length, head: cutZip.subarray(0, 4), tail: cutZip }]) }),
      configInput({}, { canaries: [OTHER], moduleCache: cached([{ kind: 'info', path: `${stem}.info`, size: page.length, head: page }]) }),
    ];
  },

  'direct-fetch-failed': () => [
    directInput('https://proxy.golang.org,direct', [{ canary: CORP_LIB, result: gitFailed(CORP_MODULE, { kind: 'credentials-missing', asked: 'username' }, PROMPT, 'auth-required'), proxy: [[0, notFoundAt('https://proxy.golang.org', CORP_MODULE)]] }]),
    directInput('direct', [
      { canary: CORP_LIB, result: gitFailed(CORP_MODULE, { kind: 'credentials-rejected', source: 'netrc' }, PROMPT, 'auth-required', { credentials: { netrc: true, userinfo: false } }, 'noproxy') },
      { canary: CORP_OTHER, result: gitFailed(CORP_OTHER.path, { kind: 'credentials-rejected', source: 'netrc' }, PROMPT, 'auth-required', { credentials: { netrc: true, userinfo: false } }, 'noproxy') },
    ], { GOPRIVATE: CORP }),
    directInput('direct', [{ canary: CORP_LIB, result: gitFailed(CORP_MODULE, { kind: 'tls', detail: 'server certificate verification failed. CAfile: none CRLfile: none' }, `fatal: unable to access 'https://${CORP_MODULE}/': server certificate verification failed`, 'tls-certificate', { goView: { status: 404, tlsVerified: true }, config: { sslVerifyOff: true, insteadOf: { effectiveUrl: `https://${CORP_MODULE}` } } as NonNullable<DirectFetchFacts['git']>['config'] }) }]),
    directInput('direct', [{ canary: CORP_LIB, result: gitFailed(CORP_MODULE, { kind: 'server-error', status: 502 }, 'error: RPC failed; HTTP 502', 'proxy-server-error') }]),
    directInput('direct', [{ canary: CORP_LIB, result: gitFailed(CORP_MODULE, { kind: 'repository-not-found' }, 'remote: Repository not found.', 'module-not-found') }]),
    directInput('direct', [{ canary: { ...CORP_LIB, source: 'default' }, result: pageFailure(500) }]),
  ],
  'govcs-forbids': () => [directInput('direct', [{ canary: CORP_LIB, result: govcsRefusal() }], { GOVCS: 'public:hg' }), directInput('direct', [{ canary: CORP_LIB, result: govcsRefusal('GOVCS rule public:banana: unknown VCS "banana"') }], { GOVCS: 'public:banana' })],
  'direct-no-go-import': () => [directInput('https://proxy.golang.org,direct', [{ canary: CORP_LIB, result: noGoImport('noproxy') }], { GOPRIVATE: CORP }), directInput('direct', [{ canary: CORP_LIB, result: noGoImport('goproxy') }])],
  'http-proxy-failed': () => {
    const viaProxy = (url: string, over: Partial<EndpointResult> = {}): EndpointResult =>
      result({
        url,
        phase: 'proxy',
        errorText: 'proxyconnect tcp: dial tcp 127.0.0.1:3128: connect: connection refused',
        goError: `Get "${url}": proxyconnect tcp: dial tcp 127.0.0.1:3128: connect: connection refused`,
        proxy: { used: true, reason: 'proxied', url: 'http://127.0.0.1:3128', source: 'HTTPS_PROXY' },
        failure: { phase: 'proxy', code: 'ECONNREFUSED' },
        ...over,
      });
    const supported = record(0, '', viaProxy(`${A}/sumdb/sum.golang.org/supported`), 'sumdb-supported');
    const sumdb: SumdbState = { report: { name: 'sum.golang.org', via: 'error', proxyEntry: 0, needed: true, neededBy: ['example.com/hello@v1.0.0'] }, supported: [supported], lookups: [] };
    return [
      networkInput(A, [{ canary: HELLO, answers: [[0, viaProxy(infoUrl(A))]] }]),
      networkInput(A, [
        { canary: HELLO, answers: [[0, viaProxy(infoUrl(A))]] },
        { canary: OTHER, answers: [[0, viaProxy(infoUrl(A))]] },
      ], { network: { sumdb } }),
      networkInput(A, [{ canary: HELLO, answers: [[0, viaProxy(infoUrl(A), { errorText: 'Proxy Authentication Required', failure: { phase: 'proxy', connectStatus: 407 } })]] }]),
    ];
  },
  'module-fetch-failed': () => [
    networkInput(`${A},${B}`, [{ canary: HELLO, answers: [[0, fail500(A)]] }]),
    networkInput(A, [
      { canary: HELLO, answers: [[0, fail500(A)]] },
      { canary: OTHER, answers: [[0, fail500(A)]] },
    ]),
    networkInput(`${A},${B}`, [{ canary: DEFAULT_CANARY, answers: [[0, statusResult(infoUrl(A), 503, 'Service Unavailable')]] }]),
    networkInput(`${A}|${B}`, [{ canary: HELLO, answers: [[0, fail500(A)], [1, notFound(B)]] }]),
    networkInput(A, [{ canary: HELLO, answers: [[0, result({ url: infoUrl(A), phase: 'dns', errorText: 'lookup a.example.invalid: no such host', failure: { phase: 'dns', code: 'ENOTFOUND' } })]] }]),
  ],
  'canary-not-served': () => [networkInput(A, [{ canary: { path: 'example.com/hello', version: 'v1.0.0', source: 'default' }, answers: [[0, notFound(A)]] }])],
  'entry-failed-fallthrough': () => [
    networkInput(`${A}|${B}`, [{ canary: HELLO, answers: [[0, fail500(A)], [1, statusResult(infoUrl(B), 200, 'OK')]] }]),
    networkInput(`${A}|${B}`, [
      { canary: HELLO, answers: [[0, fail500(A)], [1, statusResult(infoUrl(B), 200, 'OK')]] },
      { canary: OTHER, answers: [[0, fail500(A)], [1, statusResult(infoUrl(B), 200, 'OK')]] },
    ]),
  ],
  'direct-not-probed': () => [
    networkInput(`${A},direct`, [{ canary: PRIVATE, answers: [] }], { gonoproxy: 'git.corp.example.com' }),
    networkInput(`${A},direct`, [
      { canary: PRIVATE, answers: [] },
      { canary: PRIVATE_TOO, answers: [] },
    ], { gonoproxy: 'git.corp.example.com' }),
  ],
  'sumdb-proxy-failed': () => [
    sumdbInput({ needed: false, report: { name: SUMDB, via: 'error', proxyEntry: 0, needed: false }, supported: [record(0, '', statusResult(`${SUMDB_BASE}/supported`, 500, 'Internal Server Error'), 'sumdb-supported')] }),
  ],
  'sumdb-unreachable': () => [
    sumdbInput({ latest: record(0, '', statusResult(`${SUMDB_BASE}/latest`, 503, 'Service Unavailable'), 'sumdb-latest') }),
    sumdbInput({ needed: false, latest: record(0, '', statusResult(`${SUMDB_BASE}/latest`, 503, 'Service Unavailable'), 'sumdb-latest') }),
  ],
  'gosumdb-not-proxied': () => [
    networkInput(A, [{ canary: HELLO, answers: [[0, statusResult(infoUrl(A), 200, 'OK')]] }], {
      env: { GOSUMDB: 'sum.golang.org' },
      network: {
        sumdb: {
          report: { name: 'sum.golang.org', via: 'direct', needed: true, neededBy: ['example.com/hello@v1.0.0'] },
          supported: [record(0, '', statusResult(`${A}/sumdb/sum.golang.org/supported`, 404, 'Not Found'), 'sumdb-supported')],
          latest: record(0, '', result({ url: 'https://sum.golang.org/latest', phase: 'dns', errorText: 'lookup sum.golang.org: no such host', failure: { phase: 'dns', code: 'ENOTFOUND' } }), 'sumdb-latest'),
          lookups: [],
        },
      },
    }),
  ],
  'sumdb-key-mismatch': () => [
    sumdbInput({
      latest: record(0, '', statusResult(`${SUMDB_BASE}/latest`, 200, 'OK'), 'sumdb-latest'),
      treeHead: { ok: false, stage: 'note', error: 'reading tree note: note has no verifiable signatures', signedByOthers: [{ name: SUMDB, hash: '01234567' }] },
    }),
  ],
  'sumdb-bad-tree-head': () => [sumdbInput({ needed: false, latest: record(0, '', statusResult(`${SUMDB_BASE}/latest`, 200, 'OK'), 'sumdb-latest'), treeHead: { ok: false, stage: 'tree', error: 'reading tree: malformed tree note' } })],
  'sumdb-not-found': () => [
    sumdbInput({ lookups: [lookup('git.corp.example.com/lib@v1.0.0', 410, 'Gone')] }),
    sumdbInput({ lookups: [lookup('git.corp.example.com/lib@v1.0.0', 404, 'Not Found'), lookup('git.corp.example.com/util@v1.0.0', 404, 'Not Found')] }),
  ],
  'sumdb-lookup-error': () => [
    sumdbInput({ lookups: [lookup('example.com/other@v1.0.0', 500, 'Internal Server Error')] }),
    sumdbInput({ lookups: [lookup('example.com/other@v1.0.0', 403, 'Forbidden'), lookup('example.com/more@v1.0.0', 403, 'Forbidden')] }),
  ],
  'toolchain-not-probed': () => [toolchainInput('direct', SWITCH, [])],
  'toolchain-verify-failed': () => [toolchainVerifyInput()],
  'toolchain-not-released': () => [toolchainInput('https://proxy.golang.org', NOT_RELEASED, [[0, statusResult(toolchainUrl('https://proxy.golang.org', NOT_RELEASED), 404, 'Not Found')]])],
  'toolchain-not-available': () => [toolchainInput(A, NOT_RELEASED, [[0, statusResult(toolchainUrl(A, NOT_RELEASED), 404, 'Not Found')]])],
  'toolchain-download-failed': () => [
    toolchainInput(A, SWITCH, [[0, statusResult(toolchainUrl(A, SWITCH), 500, 'Internal Server Error')]]),
    toolchainInput(A, SWITCH, [[0, result({ url: toolchainUrl(A, SWITCH), phase: 'connect', errorText: 'dial tcp 127.0.0.1:9: connect: connection refused', failure: { phase: 'connect', code: 'ECONNREFUSED' } })]]),
  ],
  'go-cross-check': () => [
    // Agreement: check predicted a download, go downloaded it.
    crossCheckInput(200, goFacts({ results: [served], requests: [zipOk], skipped: [{ module: 'golang.org/toolchain@v0.0.1-go1.25.0.linux-amd64', reason: 'a toolchain download, checked by the toolchain rules' }] })),
    // check predicted a failure at #1, go downloaded it.
    crossCheckInput(500, goFacts({ results: [served], requests: [zipOk] })),
    // check predicted a download, go failed to verify it.
    crossCheckInput(200, goFacts({ exitCode: 1, results: [{ ...served, error: 'verifying example.com/hello@v1.0.0: checksum mismatch' }], requests: [zipOk] })),
    // go could not be started; go stopped at the deadline.
    crossCheckInput(200, goFacts({ exitCode: 127, startError: 'ENOENT: spawn go ENOENT' })),
    crossCheckInput(200, goFacts({ exitCode: 124, timedOut: true, requests: [{ url: `${A}/example.com/hello/@v/v1.0.0.info` }] })),
  ],
};
