/**
 * Probe results as data, for the pure network half of `check`: results and records, a GOPROXY chain,
 * and the CheckInput the network rules read. The same paths run against real servers in
 * faults.test.ts and against the real go in agreement.test.ts.
 */
import type { NetworkFacts, CheckInput } from '../../src/check/rule.js';
import { NETWORK_RULES } from '../../src/check/rules/index.js';
import { runRules } from '../../src/check/run-rules.js';
import { analyzeToolchain } from '../../src/check/toolchain.js';
import type { CanaryModule } from '../../src/check/types.js';
import { chainEntries, moduleVerdict, outcomeOfProbe, type ProbeRecord } from '../../src/check/verdict.js';
import { proxyList, type ProxySpec } from '../../src/goenv/proxylist.js';
import { parseGoSumDb } from '../../src/goenv/sumdbconfig.js';
import { routeSettingsFrom } from '../../src/goenv/targets.js';
import type { GoEnvironment } from '../../src/goenv/types.js';
import type { EndpointResult } from '../../src/probe/endpoint.js';
import { parseGoAuth } from '../../src/probe/goauth.js';
import { proxyConfigFromEnvironment } from '../../src/probe/httpproxy.js';

export function envWith(values: Record<string, string>): GoEnvironment {
  const variables: GoEnvironment['variables'] = {};
  for (const [name, value] of Object.entries(values)) variables[name] = { name, value, origin: 'environment', notes: [] };
  return { goVersion: 'go1.23.5', goBinary: 'go', variables, goEnvJson: { ...values } };
}

export function specsOf(goproxy: string, gonoproxy = ''): ProxySpec[] {
  const list = proxyList(goproxy, gonoproxy);
  if (!list.ok) throw new Error(list.error);
  return list.specs;
}

export function result(over: Partial<EndpointResult> & { url: string }): EndpointResult {
  return { ok: false, phase: 'http', timings: { connect: 0.5, http: 1.5, total: 2.2 }, redirects: [], ...over };
}

export function statusResult(url: string, status: number, statusText: string): EndpointResult {
  if (status === 200) return result({ url, ok: true, phase: 'done', status, statusText });
  return result({ url, status, statusText, errorText: `${status} ${statusText}`, goError: `reading ${url}: ${status} ${statusText}` });
}

export function record(entry: number, module: string, r: EndpointResult, target: ProbeRecord['target'] = 'module'): ProbeRecord {
  return { target, entry, module, result: r, outcome: outcomeOfProbe(r, undefined) };
}

export const HELLO: CanaryModule = { path: 'example.com/hello', version: 'v1.0.0', source: 'go.mod' };
export const A = 'https://a.example.invalid';
export const B = 'https://b.example.invalid';
export const infoUrl = (base: string): string => `${base}/example.com/hello/@v/v1.0.0.info`;

/** The whole CheckInput for an environment, with the network facts given. */
export function checkInput(env: GoEnvironment, network: NetworkFacts, extra: Partial<CheckInput> = {}): CheckInput {
  const settings = routeSettingsFrom(env);
  return {
    env,
    settings,
    proxyList: proxyList(settings.GOPROXY, settings.GONOPROXY),
    sumdb: parseGoSumDb(settings.GOSUMDB === '' ? 'off' : settings.GOSUMDB),
    canaries: [],
    canariesOmitted: 0,
    toolchain: analyzeToolchain({ goVersion: env.goVersion, gotoolchain: 'local', goos: 'linux', goarch: 'amd64' }),
    httpProxy: proxyConfigFromEnvironment({}),
    goauth: parseGoAuth(undefined, env.goVersion),
    netrc: [],
    platform: 'linux',
    network,
    ...extra,
  };
}

/** One module walked through a GOPROXY chain whose entries answer as given, and the network rules' findings. */
export function run(goproxy: string, answers: Array<[number, EndpointResult]>, canary: CanaryModule = HELLO, gonoproxy = '') {
  const specs = specsOf(goproxy, gonoproxy);
  const chain = chainEntries(specs);
  const label = `${canary.path}@${canary.version ?? ''}`;
  const records = answers.map(([i, r]) => record(i, label, r, canary.source === 'toolchain' ? 'toolchain' : 'module'));
  const outcomes = new Map(records.map((r) => [r.entry as number, r.outcome]));
  const verdict = moduleVerdict({ canary, specs, chain, matchesNoProxy: gonoproxy !== '' && canary.path.startsWith(gonoproxy), outcomes });
  const env = envWith({ GOPROXY: goproxy });
  const network: NetworkFacts = { chain, specs, records, modules: [verdict], timeoutMs: 1000 };
  return {
    specs,
    chain,
    records,
    verdict,
    env,
    findings: (extraNetwork: Partial<NetworkFacts> = {}, extraInput: Partial<CheckInput> = {}) => runRules(NETWORK_RULES, checkInput(env, { ...network, ...extraNetwork }, extraInput)),
  };
}
