/**
 * `check` orchestration: read the Go environment and go.mod, plan the probes, run them concurrently
 * under one deadline through the probe layer, and assemble the report. The decisions are made by the
 * pure modules beside this one (the rules under rules/, toolchain, verdict, probe-cause); this file
 * only gathers inputs and performs I/O, through `Io` and the injected network.
 */
import path from 'node:path';
import { routeSettingsFrom } from '../goenv/targets.js';
import type { Io } from '../io.js';
import { parseGoMod, type GoModSummary } from '../goenv/gomod.js';
import { checkModulePath, escapePath, escapeVersion, queryStatsDirectly, wirePathEscape } from '../goenv/modulepath.js';
import { matchPrefixPatterns } from '../goenv/patterns.js';
import { proxyList, type ProxySpec } from '../goenv/proxylist.js';
import { locateUserEnvFile } from '../goenv/origin.js';
import { resolveGoEnvironment } from '../goenv/resolve.js';
import { checksumDatabaseRoute, sumDbCandidates, type RouteSettings } from '../goenv/route.js';
import { directSumDbUrl, parseGoSumDb, type GoSumDbConfig } from '../goenv/sumdbconfig.js';
import type { GoEnvironment } from '../goenv/types.js';
import { moduleEntryOutcome, sumdbBase, type EntryOutcome } from '../probe/chain.js';
import { probeEndpoint, type EndpointProbeOptions, type EndpointResult } from '../probe/endpoint.js';
import { createGoAuthSession, type GoAuthPlan, type GoAuthRunner, type GoAuthStat } from '../probe/goauth.js';
import { createGoAuthRunner, statForGoAuth } from '../probe/goauth-runner.js';
import { preloadHttpClient } from '../probe/network.js';
import { proxyConfigFromEnvironment, type ProxyConfig } from '../probe/httpproxy.js';
import { netrcPath, parseNetrc, type NetrcEntry } from '../probe/netrc.js';
import type { Network } from '../probe/network.js';
import { checkSumdbLatest } from '../probe/sumdb-verify.js';
import { probeDirectFetch, type DirectFetchDeps, type DirectFetchResult } from '../probe/direct/index.js';
import { diskRootsReader, loadGoRoots, rootSourcesFor, type GoRoots, type RootsReader } from '../probe/tlsroots.js';
import { redactDeep, redactProxyValue, safeText } from '../redact.js';
import { t } from '../i18n/language.js';
import type { CheckInput, DirectProbe, SumdbState } from './rule.js';
import { CONFIG_RULES, NETWORK_RULES } from './rules/index.js';
import { readModuleCache, type FileEndsReader } from './module-cache-read.js';
import { runRules } from './run-rules.js';
import { analyzeToolchain, type ToolchainAnalysis } from './toolchain.js';
import { runGoCrossCheck, type GoRunner } from './with-go.js';
import { DEFAULT_TIMEOUT_MS, FINDING_GROUPS, type CanaryModule, type CheckReport, type Finding, type FindingGroup, type ModuleVerdict, type NetworkSetup, type ProbeSummary, type SumDbReport } from './types.js';
import { chainEntries, fallsThrough, moduleVerdict, outcomeOfProbe, type ProbeRecord, type VerifyInput } from './verdict.js';
import { escapableVersion, moduleRequests, modulesToCheck, sumdbNeededBy, type PlannedRequest } from './probe-plan.js';
import { limiter } from '../concurrency.js';

/** `--timeout` default (defined with the shared types so the CLI can show it without loading this module). */
export { DEFAULT_TIMEOUT_MS };
/** The canary used when no module is named and there is no go.mod: public, long-lived, on every public proxy. */
export const DEFAULT_CANARY: Readonly<{ path: string; version: string }> = { path: 'golang.org/x/text', version: 'v0.14.0' };
/** At most this many go.mod requirements are probed (direct requirements first). */
export const MAX_CANARIES = 25;
/**
 * At most this many requests in flight. Every probe opens its own connection (the probe layer times each
 * phase, so nothing is reused); 32 covers MAX_CANARIES first requests in one round without a socket storm.
 */
export const PROBE_CONCURRENCY = 32;
/**
 * How long one GOPROXY entry may take before the later entries go could reach are asked at the same time
 * (see `speculate` in runNetwork): quick proxies never see a request go would not send, slow chains cost
 * about one slow answer instead of the sum.
 */
export const HEDGE_MS = 100;
/**
 * At most this many direct fetches probed at once. Each runs `git ls-remote` (and `git config`) as child
 * processes besides its discovery requests, so fewer than the request cap keep a go.mod full of private
 * modules from starting dozens of git processes together.
 */
export const DIRECT_CONCURRENCY = 4;

/** What to check. */
export interface CheckOptions {
  /** The `go` binary whose environment is checked. */
  goBinary: string;
  /** Only the configuration findings, no network. */
  offline?: boolean;
  /** One deadline for all probes, in milliseconds. */
  timeoutMs?: number;
  /** Modules named with `--module` (they replace go.mod's requirements as canaries). */
  modules?: ReadonlyArray<{ path: string; version?: string }>;
  /** Groups to report (default: all). Probes no selected group needs are skipped. */
  groups?: readonly FindingGroup[];
  /** Cancels every probe (Ctrl-C). */
  signal?: AbortSignal;
  /** Progress text for a spinner. */
  onProgress?: (text: string) => void;
  /** Also run the real `go mod download -x -json` for the modules checked, in a throw-away cache (`--with-go`). */
  withGo?: boolean;
}

/** The injected edges: the network (real by default) and where TLS roots are read from. */
export interface CheckDeps {
  network?: Network;
  rootsReader?: RootsReader;
  /** How `--with-go` runs go (default: in a process group of its own). */
  goRunner?: GoRunner;
  /** How direct fetches run git and probe URLs (default: the real git and the endpoint probe). */
  direct?: Pick<DirectFetchDeps, 'runProcess' | 'probeEndpoint'>;
  /** How GOAUTH programs run and `git <dir>` is checked (default: the real programs, with the user's environment). */
  goAuth?: { run: GoAuthRunner; stat: GoAuthStat };
  /** How the module cache's download entries are read (default: bounded reads of regular files). */
  readCacheFile?: FileEndsReader;
}

interface GoModInput {
  summary?: GoModSummary;
  error?: string;
  /** `path version` pairs whose zip and go.mod hashes are both in go.sum. */
  goSum: Set<string>;
}

async function readGoMod(io: Io): Promise<GoModInput> {
  const api = io.platform === 'win32' ? path.win32 : path.posix;
  const read = await io.readTextFile(api.join(io.cwd, 'go.mod'));
  const goSum = new Set<string>();
  if (!read.ok) {
    if (read.code === 'ENOENT' || read.code === 'ENOTDIR') return { goSum };
    return { error: read.code, goSum };
  }
  const sum = await io.readTextFile(api.join(io.cwd, 'go.sum'));
  if (sum.ok) {
    const zips = new Set<string>();
    const mods = new Set<string>();
    for (const line of sum.text.split('\n')) {
      const [p, v, h] = line.trim().split(/\s+/);
      if (p === undefined || v === undefined || h === undefined || !h.startsWith('h1:')) continue;
      if (v.endsWith('/go.mod')) mods.add(`${p} ${v.slice(0, -'/go.mod'.length)}`);
      else zips.add(`${p} ${v}`);
    }
    for (const key of zips) if (mods.has(key)) goSum.add(key);
  }
  return { summary: parseGoMod(read.text), goSum };
}

/** Picks the canary modules: --module, else go.mod's requirements (direct first), else a public default. */
export function chooseCanaries(
  flagModules: ReadonlyArray<{ path: string; version?: string }>,
  goMod: GoModSummary | undefined,
  specs: readonly ProxySpec[] | undefined,
): { canaries: CanaryModule[]; source: CheckReport['canarySource']; omitted: number } {
  const seen = new Set<string>();
  const unique = <T extends { path: string; version?: string }>(list: readonly T[]): T[] =>
    list.filter((m) => {
      const key = `${m.path}@${m.version ?? ''}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  if (flagModules.length > 0) {
    return { canaries: unique(flagModules).map((m) => ({ ...m, source: 'flag' as const })), source: 'flag', omitted: 0 };
  }
  const requires = unique((goMod?.requires ?? []).filter((r) => checkModulePath(r.path) === undefined && escapableVersion(r.version)));
  if (requires.length > 0) {
    const ordered = [...requires.filter((r) => !r.indirect), ...requires.filter((r) => r.indirect)];
    const picked = ordered.slice(0, MAX_CANARIES).map((r) => ({ path: r.path, version: r.version, source: 'go.mod' as const }));
    return { canaries: picked, source: 'go.mod', omitted: ordered.length - picked.length };
  }
  if (specs?.some((s) => s.kind === 'proxy')) {
    return { canaries: [{ ...DEFAULT_CANARY, source: 'default' }], source: 'default', omitted: 0 };
  }
  return { canaries: [], source: 'none', omitted: 0 };
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Report order: by group, then errors before warnings before infos (stable otherwise). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => FINDING_GROUPS.indexOf(a.group) - FINDING_GROUPS.indexOf(b.group) || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

function summarizeProbe(record: ProbeRecord): ProbeSummary {
  const r: EndpointResult = record.result;
  const error = record.contentError ?? (record.outcome.kind === 'error' ? (r.errorText ?? record.outcome.error) : undefined);
  // Built field by field so the JSON reads in a natural order: what, where, result, then detail.
  const summary: ProbeSummary = {
    url: r.url,
    target: record.target,
    ...(record.entry !== undefined ? { entry: record.entry } : {}),
    ...(record.module !== undefined ? { module: record.module } : {}),
    ok: record.outcome.kind === 'ok',
    phase: r.phase,
    ...(r.status !== undefined ? { status: r.status } : {}),
    ...(error !== undefined ? { error } : {}),
    ...(r.timedOut ? { timedOut: true } : {}),
    timings: { ...r.timings },
  };
  if (r.tls) {
    summary.tls = { subject: r.tls.subject, issuer: r.tls.issuer, validFrom: r.tls.validFrom, validTo: r.tls.validTo, verified: r.tls.verified };
    if (r.tls.verifyError !== undefined) summary.tls.verifyError = r.tls.verifyError;
  }
  if (r.proxy?.used && r.proxy.url !== undefined) summary.via = `${r.proxy.url}${r.proxy.source !== undefined ? ` (${r.proxy.source})` : ''}`;
  if (r.credentials) summary.credentials = r.credentials.source === 'netrc' ? `.netrc machine ${r.credentials.machine ?? '?'}` : 'URL userinfo';
  return summary;
}

interface NetworkRun {
  records: ProbeRecord[];
  verdicts: ModuleVerdict[];
  sumdb?: SumdbState;
  /** The direct fetches probed, one per module whose walk reached `direct` or `noproxy`. */
  direct: DirectProbe[];
}

interface NetworkPlan {
  io: Io;
  env: GoEnvironment;
  settings: RouteSettings;
  specs: ProxySpec[];
  sumdbConfig?: GoSumDbConfig;
  canaries: CanaryModule[];
  goSum: Set<string>;
  toolchain: ToolchainAnalysis;
  probeOptions: Omit<EndpointProbeOptions, 'timeoutMs'>;
  /** When every probe must have ended (io.now() milliseconds). */
  deadline: number;
  groups: ReadonlySet<FindingGroup>;
  signal: AbortSignal;
  onProgress?: (text: string) => void;
  directDeps?: CheckDeps['direct'];
}

async function runNetwork(plan: NetworkPlan): Promise<NetworkRun> {
  const { io, specs, settings } = plan;
  const deadline = plan.deadline;
  const remaining = (): number => deadline - io.now();
  const limit = limiter(PROBE_CONCURRENCY);
  const records: ProbeRecord[] = [];
  let started = 0;
  let finished = 0;
  const progress = (): void => plan.onProgress?.(t`Probing… ${finished}/${started} requests answered`);

  /**
   * One probe, bounded by what is left of the deadline; undefined once the deadline has passed or
   * `cancel` fired before it started. The record is returned, not kept: callers keep (with `keep`)
   * only the probes go would really make.
   */
  const probe = async (
    url: string,
    meta: Pick<ProbeRecord, 'target' | 'entry' | 'module'>,
    validate?: (body: Buffer | undefined, contentType: string | undefined) => string | undefined,
    cancel?: AbortSignal,
  ): Promise<ProbeRecord | undefined> =>
    limit(async () => {
      const left = remaining();
      if (left <= 0 || plan.signal.aborted || cancel?.aborted) return undefined;
      started++;
      progress();
      let body: Buffer | undefined;
      let result: EndpointResult;
      try {
        result = await probeEndpoint(url, {
          ...plan.probeOptions,
          timeoutMs: left,
          signal: cancel ? AbortSignal.any([plan.signal, cancel]) : plan.signal,
          onBody: (b, status) => {
            if (status === 200) body = b;
          },
        });
      } catch (error) {
        // A bug in one probe must not sink the report: it becomes a failed probe like any other.
        result = { url: safeText(url), ok: false, phase: 'config', errorText: t`probe failed: ${error instanceof Error ? error.message : String(error)}`, timings: { total: 0 }, redirects: [] };
      }
      finished++;
      progress();
      const contentErr = result.ok && validate ? validate(body, result.contentType) : undefined;
      const record: ProbeRecord = { ...meta, result, outcome: outcomeOfProbe(result, contentErr) };
      if (contentErr !== undefined) record.contentError = contentErr;
      return record;
    });
  const keep = (record: ProbeRecord): ProbeRecord => {
    records.push(record);
    return record;
  };

  /**
   * Hedged, speculative probes. go walks the chain one entry at a time (go1.23
   * src/cmd/go/internal/modfetch/proxy.go:139-185), so probing the same way makes `check` take the sum
   * of every entry's delay. Here requests still go out one at a time while answers are quick, but as
   * soon as one entry has not answered within HEDGE_MS, every later entry go could still reach is asked
   * at once (under the concurrency cap and the one deadline): the run costs about the slowest answer,
   * not the sum. The walk then reads the answers in chain order, exactly as go would take them.
   *
   * Entries the walk does not reach are cancelled and their answers DROPPED, never reported: the report
   * lists only requests go would make, and their verdict stays "not reached". What go could reach never
   * includes a proxy for a GONOPROXY/GOPRIVATE module (Lookup sends those only to noproxy/direct, go1.23
   * src/cmd/go/internal/modfetch/repo.go:229-252) nor anything after `direct`/`off`, so private paths
   * never leave for a proxy. The cost of speculation: when an entry is slow, a later proxy may be asked
   * about a public module the slow one then serves, which go would not have asked. Quick chains see no
   * extra request at all, which also keeps requests go never sends away from proxies that answer promptly.
   */
  interface Speculation {
    /** The probe of each planned entry, by chain index; undefined when it was never started. */
    pending: Map<number, Promise<ProbeRecord | undefined>>;
    /** Cancels the probes (started or not) the walk did not reach. */
    cancel: AbortController;
    /** Ends when no more requests will be started. */
    launched: Promise<void>;
  }
  const speculations: Speculation[] = [];

  /** `probe` unless it answers within `ms`, then 'slow'; also 'slow' at once when `cancel` fires. */
  const answerWithin = (probed: Promise<ProbeRecord | undefined>, ms: number, cancel: AbortSignal): Promise<{ record: ProbeRecord | undefined } | 'slow'> =>
    new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        cancel.removeEventListener('abort', onAbort);
      };
      const onAbort = (): void => {
        done();
        resolve('slow');
      };
      const timer = setTimeout(onAbort, ms);
      cancel.addEventListener('abort', onAbort, { once: true });
      probed.then(
        (record) => {
          done();
          resolve({ record });
        },
        (error: unknown) => {
          done();
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });

  /**
   * Starts `requests` (proxy entries in chain order) as described above: the next one when the previous
   * answered with something go falls through on, all the rest when the previous is slow, none when the
   * walk ends at the previous one.
   */
  const speculate = (requests: readonly PlannedRequest[]): Speculation => {
    const cancel = new AbortController();
    const pending = new Map<number, Promise<ProbeRecord | undefined>>();
    const resolvers = new Map<number, (value: Promise<ProbeRecord | undefined> | undefined) => void>();
    for (const r of requests) {
      const slot = new Promise<ProbeRecord | undefined>((resolve) => resolvers.set(r.index, resolve));
      // Marks a dropped probe's failure as handled; a reached probe is awaited by the walk and still throws there.
      slot.catch(() => undefined);
      pending.set(r.index, slot);
    }
    const start = (r: PlannedRequest): Promise<ProbeRecord | undefined> => {
      const probed = probe(r.url, r.meta, r.validate, cancel.signal);
      resolvers.get(r.index)?.(probed);
      return probed;
    };
    const launch = async (): Promise<void> => {
      for (let k = 0; k < requests.length; k++) {
        if (cancel.signal.aborted) return;
        const r = requests[k] as PlannedRequest;
        const answer = await answerWithin(start(r), HEDGE_MS, cancel.signal);
        if (cancel.signal.aborted) return;
        if (answer === 'slow') {
          for (const rest of requests.slice(k + 1)) start(rest);
          return;
        }
        // The walk stops at this entry (or it was never probed): nothing after it is reached.
        if (!answer.record || !fallsThrough(specs[r.index] as ProxySpec, answer.record.outcome)) return;
      }
    };
    const launched = launch()
      .catch(() => undefined)
      .finally(() => {
        // A slot never started resolves to "not probed"; the walk only waits on slots it reaches.
        for (const resolve of resolvers.values()) resolve(undefined);
      });
    const speculation: Speculation = { pending, cancel, launched };
    speculations.push(speculation);
    return speculation;
  };

  /**
   * Walks the chain for one module as TryProxies would (mirrors go1.23 src/cmd/go/internal/modfetch/proxy.go:139-185),
   * reading the speculative probes in chain order; only the entries reached are kept.
   */
  const walk = async (canary: CanaryModule, speculation: Speculation): Promise<Map<number, EntryOutcome>> => {
    const outcomes = new Map<number, EntryOutcome>();
    const matches = matchPrefixPatterns(settings.GONOPROXY, canary.path);
    try {
      for (let i = 0; i < specs.length; i++) {
        const spec = specs[i] as ProxySpec;
        let outcome: EntryOutcome;
        if (spec.kind === 'proxy' && !matches) {
          const record = await speculation.pending.get(i);
          if (!record) break;
          outcome = keep(record).outcome;
          outcomes.set(i, outcome);
        } else {
          outcome = moduleEntryOutcome(spec, i, { matchesNoProxy: matches, proxy: () => ({ kind: 'unknown', reason: 'not probed' }) });
        }
        if (!fallsThrough(spec, outcome)) break;
      }
    } finally {
      speculation.cancel.abort();
    }
    return outcomes;
  };

  const checked = modulesToCheck(plan.canaries, plan.toolchain, plan.groups);
  const neededBy = plan.sumdbConfig?.kind === 'db' ? sumdbNeededBy(checked, settings, specs, plan.sumdbConfig, plan.goSum) : [];

  // The checksum database: where it is reached (each proxy's /sumdb/<name>/supported in order, else
  // https://<name>; mirrors go1.23 src/cmd/go/internal/modfetch/sumdb.go:177-227), its signed tree head, and lookups
  // (`<base>/lookup/<path>@<version>`, x/mod/sumdb/client.go:216-235).
  const config = plan.sumdbConfig;
  const wantSumdb = config?.kind === 'db' && (plan.groups.has('sumdb') || plan.groups.has('credentials') || plan.groups.has('toolchain') || plan.groups.has('proxy'));
  let sumdbPromise: Promise<{ state: SumdbState; base?: string }> | undefined;
  if (wantSumdb && config.kind === 'db') {
    sumdbPromise = (async () => {
      const report: SumDbReport = { name: config.name, via: 'not-probed', needed: neededBy.length > 0 };
      if (neededBy.length > 0) report.neededBy = neededBy;
      const state: SumdbState = { report, supported: [], lookups: [] };
      let base: string | undefined;
      if (config.url !== undefined) {
        report.via = 'explicit';
        base = config.url;
      } else {
        const candidates = sumDbCandidates(config, specs);
        const outcomes = new Map<number, EntryOutcome>();
        const candidateFor = (spec: ProxySpec): (typeof candidates)[number] | undefined => candidates.find((c) => c.kind === 'proxy' && c.base === spec.url);
        // Every proxy initBase could ask is asked (hedged, see `speculate`); the walk below reads the answers in order.
        const requests: PlannedRequest[] = [];
        for (let i = 0; i < specs.length; i++) {
          const spec = specs[i] as ProxySpec;
          if (spec.kind === 'noproxy') continue;
          if (spec.kind !== 'proxy') break;
          const candidate = candidateFor(spec);
          if (!candidate || candidate.kind !== 'proxy') break;
          requests.push({ index: i, url: candidate.supportedUrl, meta: { target: 'sumdb-supported', entry: i } });
        }
        const speculation = speculate(requests);
        try {
          for (const { index: i } of requests) {
            const spec = specs[i] as ProxySpec;
            const record = await speculation.pending.get(i);
            if (!record) {
              outcomes.set(i, { kind: 'unknown', reason: 'not probed before the deadline' });
              break;
            }
            state.supported.push(keep(record));
            outcomes.set(i, record.outcome);
            if (!fallsThrough(spec, record.outcome)) break;
          }
        } finally {
          speculation.cancel.abort();
        }
        const verdict = sumdbBase(specs, (_url, i) => outcomes.get(i) ?? { kind: 'error', notExist: true, error: 'not reached' });
        if (verdict.via === 'proxy' && verdict.proxyIndex !== undefined) {
          report.via = 'proxy';
          report.proxyEntry = verdict.proxyIndex;
          const candidate = candidateFor(specs[verdict.proxyIndex] as ProxySpec);
          if (candidate?.kind === 'proxy') base = candidate.databaseUrl;
        } else if (verdict.via === 'direct') {
          report.via = 'direct';
          base = directSumDbUrl(config.name);
        } else if (verdict.error === 'not probed') {
          report.via = 'not-probed';
        } else {
          report.via = 'error';
          if (verdict.error !== undefined) report.error = verdict.error;
          if (verdict.errorFrom !== undefined) report.proxyEntry = verdict.errorFrom;
        }
      }
      if (base !== undefined) {
        report.url = base;
        if (config.key !== undefined && remaining() > 0) {
          const left = remaining();
          started++;
          progress();
          const check = await limit(() => checkSumdbLatest(base as string, config.key as string, { ...plan.probeOptions, timeoutMs: Math.max(1, left), signal: plan.signal }));
          finished++;
          progress();
          const record: ProbeRecord = { target: 'sumdb-latest', result: check.probe, outcome: outcomeOfProbe(check.probe, undefined) };
          records.push(record);
          state.latest = record;
          if (check.verdict) {
            state.treeHead = check.verdict;
            report.treeHead = check.verdict.ok
              ? { ok: true, size: check.verdict.tree.size }
              : { ok: false, error: check.verdict.error, ...(check.verdict.signedByOthers ? { signedByOthers: check.verdict.signedByOthers.map((s) => `${s.name}+${s.hash}`) } : {}) };
          }
        }
      }
      return { state, base };
    })();
  }

  // Whether go asks the database about a module: not under GOSUMDB=off or a GONOSUMDB match, not when go.sum
  // has both hashes (go1.23 src/cmd/go/internal/modfetch/fetch.go:669-713), always for golang.org/toolchain.
  const verifyFor = async (canary: CanaryModule): Promise<VerifyInput | undefined> => {
    if (!config || !sumdbPromise) {
      if (config?.kind === 'off') {
        const route = checksumDatabaseRoute(settings, specs, config, canary.path);
        if (route.error !== undefined) return { consulted: true, ok: false, error: route.error };
        return { consulted: false, skippedBecause: 'GOSUMDB=off' };
      }
      return undefined;
    }
    const route = checksumDatabaseRoute(settings, specs, config, canary.path);
    if (!route.consulted) return { consulted: false, skippedBecause: route.skippedBy ? t`${route.skippedBy.variable} matches ${route.skippedBy.pattern}` : t`not consulted` };
    if (route.error !== undefined) return { consulted: true, ok: false, error: route.error };
    if (canary.version !== undefined && plan.goSum.has(`${canary.path} ${canary.version}`)) return { consulted: false, skippedBecause: t`go.sum has its hashes` };
    const { state, base } = await sumdbPromise;
    if (state.report.via === 'error') return { consulted: true, ok: false, error: state.report.error ?? t`checksum database unreachable` };
    if (state.treeHead && !state.treeHead.ok) return { consulted: true, ok: false, error: state.treeHead.error };
    if (base === undefined || canary.version === undefined || !queryStatsDirectly(canary.version)) return { consulted: true };
    let lookup: string;
    try {
      lookup = `${base.replace(/\/$/, '')}/lookup/${wirePathEscape(escapePath(canary.path))}@${wirePathEscape(escapeVersion(canary.version))}`;
    } catch {
      return { consulted: true };
    }
    const record = await probe(lookup, { target: 'sumdb-lookup', module: `${canary.path}@${canary.version}` });
    if (!record) {
      if (state.latest && state.latest.outcome.kind === 'error') return { consulted: true, ok: false, error: state.latest.outcome.error };
      return { consulted: true };
    }
    state.lookups.push(keep(record));
    if (record.outcome.kind === 'ok') return { consulted: true, ok: true };
    return { consulted: true, ok: false, error: `${canary.path}@${canary.version}: ${record.outcome.kind === 'error' ? record.outcome.error : ''}` };
  };

  /**
   * The direct fetch of a module whose walk reached `direct` or the hidden `noproxy` entry: repository
   * discovery, GOVCS and `git ls-remote` with go's environment (src/probe/direct), under the run's one
   * deadline and cancellation, at most DIRECT_CONCURRENCY at once. It runs only once the walk has reached
   * that entry, so it never happens for a module go would get (or lose) at a proxy first.
   */
  const directProbes: DirectProbe[] = [];
  const directLimit = limiter(DIRECT_CONCURRENCY);
  const gomodcache = plan.env.goEnvJson.GOMODCACHE;
  const probeDirect = (canary: CanaryModule): Promise<{ result?: DirectFetchResult; notProbed?: string }> =>
    directLimit(async () => {
      const left = remaining();
      if (plan.signal.aborted) return { notProbed: t`the run was cancelled` };
      if (left <= 0) return { notProbed: t`not probed before the deadline` };
      started++;
      progress();
      try {
        const result = await probeDirectFetch(
          canary.path,
          canary.version,
          {
            goVersion: plan.env.goVersion,
            settings,
            env: io.env,
            homedir: io.homedir,
            endpoint: plan.probeOptions,
            timeoutMs: left,
            signal: plan.signal,
            ...(gomodcache !== undefined && gomodcache !== '' ? { gomodcache } : {}),
          },
          { readTextFile: (file) => io.readTextFile(file), ...(plan.directDeps ?? {}) },
        );
        directProbes.push({ module: canary.version !== undefined ? `${canary.path}@${canary.version}` : canary.path, source: canary.source, result });
        return { result };
      } catch (error) {
        // A bug in the probe must not sink the report: the module stays unknown, with the reason.
        return { notProbed: t`probe failed: ${error instanceof Error ? error.message : String(error)}` };
      } finally {
        finished++;
        progress();
      }
    });

  const chain = chainEntries(specs);
  const planned = checked.map((canary) => ({ canary, speculation: speculate(moduleRequests(canary, specs, settings)) }));
  const verdicts = await Promise.all(
    planned.map(async ({ canary, speculation }) => {
      const outcomes = await walk(canary, speculation);
      const matchesNoProxy = matchPrefixPatterns(settings.GONOPROXY, canary.path);
      const base = { canary, specs, chain, matchesNoProxy, outcomes };
      let draft = moduleVerdict(base);
      let direct: { direct?: DirectFetchResult; directNotProbed?: string } = {};
      const stop = specs[draft.fetch.stoppedAt];
      // golang.org/toolchain keeps its own rules (toolchain-not-probed) when it would go direct.
      if (draft.fetch.result === 'unknown' && canary.source !== 'toolchain' && (stop?.kind === 'direct' || stop?.kind === 'noproxy')) {
        const probed = await probeDirect(canary);
        direct = { ...(probed.result ? { direct: probed.result } : {}), ...(probed.notProbed !== undefined ? { directNotProbed: probed.notProbed } : {}) };
        draft = moduleVerdict({ ...base, ...direct });
      }
      if (draft.fetch.result !== 'served') return draft;
      const verify = await verifyFor(canary);
      return moduleVerdict({ ...base, ...direct, ...(verify ? { verify } : {}) });
    }),
  );
  const sumdb = sumdbPromise ? (await sumdbPromise).state : undefined;
  // Every speculation is cancelled by now; wait for the cancelled requests to let go of their sockets
  // (bounded by the deadline like any probe) so nothing outlives the run.
  await Promise.allSettled(speculations.flatMap((s) => [s.launched, ...s.pending.values()]));
  return { records, verdicts, sumdb, direct: directProbes };
}

/** The report's account of proxies, credentials and roots (values redacted later with the rest). */
function networkSetup(
  proxy: ProxyConfig,
  netrcFile: string,
  netrcFound: boolean,
  netrc: readonly NetrcEntry[],
  goauth: GoAuthPlan,
  sources: ReturnType<typeof rootSourcesFor>,
  roots: GoRoots | undefined,
): NetworkSetup {
  const setup: NetworkSetup = {
    netrc: { path: netrcFile, found: netrcFound, machines: netrc.length },
    goauth: goauth.goauthSupported
      ? goauth.error !== undefined
        ? t`invalid: ${goauth.error}`
        : goauth.value
      : goauth.ignoredValue !== undefined
        ? t`set to ${JSON.stringify(goauth.ignoredValue)} but ignored before Go 1.24: .netrc is read`
        : t`not supported before Go 1.24: .netrc is read`,
    roots: {
      kind: sources.kind,
      dirs: roots?.dirsRead ?? [],
      certificates: roots?.pems.length ?? 0,
      fromEnv: [...(sources.fileFromEnv ? ['SSL_CERT_FILE'] : []), ...(sources.dirsFromEnv ? ['SSL_CERT_DIR'] : [])],
    },
  };
  if (roots?.fileUsed !== undefined) setup.roots.file = roots.fileUsed;
  if (proxy.httpsProxy !== '') setup.httpsProxy = `${redactProxyValue(proxy.httpsProxy)} (${proxy.sources.httpsProxy ?? 'HTTPS_PROXY'})`;
  if (proxy.httpProxy !== '') setup.httpProxy = `${redactProxyValue(proxy.httpProxy)} (${proxy.sources.httpProxy ?? 'HTTP_PROXY'})`;
  if (proxy.noProxy !== '') setup.noProxy = proxy.noProxy;
  return setup;
}

/**
 * The names on the lines of the user's `go env -w` file, skipped lines included (the text before each
 * line's first `=`): a misspelt name there is silently ignored by cmd/go
 * (go1.26 src/cmd/go/internal/cfg/cfg.go:399). No file, or an unreadable one, gives none.
 */
async function goenvFileNames(io: Io, goVersion: string): Promise<string[]> {
  const location = locateUserEnvFile(io.env, io.platform, goVersion);
  if (location.kind !== 'file') return [];
  const api = io.platform === 'win32' ? path.win32 : path.posix;
  const read = await io.readTextFile(api.resolve(io.cwd, location.path));
  if (!read.ok) return [];
  const names: string[] = [];
  for (const line of read.text.split('\n')) {
    const equals = line.indexOf('=');
    if (equals > 0) names.push(line.slice(0, equals).trim());
  }
  return names;
}

/**
 * Runs `check`: configuration findings always, network probes unless offline. Throws DoctorError
 * only when the Go environment cannot be read (go missing, `go env` failing); everything else is a finding.
 */
/** The least time the probes get, however long reading the environment took. */
const MINIMUM_PROBE_WINDOW_MS = 1000;

export async function runCheck(io: Io, options: CheckOptions, deps: CheckDeps = {}): Promise<CheckReport> {
  const startedAt = io.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const groups = new Set<FindingGroup>(options.groups ?? FINDING_GROUPS);
  // The HTTP client loads (about a megabyte of code to compile) while go env -json runs.
  if (!options.offline && deps.network === undefined) void preloadHttpClient().catch(() => undefined);
  options.onProgress?.(t`Reading the Go environment…`);
  // Local inputs are read side by side: go env, the trusted roots and .netrc.
  const rootSources = rootSourcesFor(io.env, io.platform);
  const rootsPromise = loadGoRoots(rootSources, deps.rootsReader ?? diskRootsReader).catch(() => undefined);
  const netrcPromise = io.readTextFile(netrcPath(io.env, io.homedir, io.platform));
  const env = await resolveGoEnvironment(io, options.goBinary);
  const settings = routeSettingsFrom(env);
  const goMod = await readGoMod(io);

  const list = proxyList(settings.GOPROXY, settings.GONOPROXY, { goos: settings.GOOS });
  const specs = list.ok ? list.specs : undefined;
  const sumdb = parseGoSumDb(settings.GOSUMDB);
  const { canaries, source, omitted } = chooseCanaries(options.modules ?? [], goMod.summary, specs);

  const toolchain = analyzeToolchain({
    goVersion: env.goVersion,
    gotoolchain: env.goEnvJson.GOTOOLCHAIN ?? '',
    ...(goMod.summary?.go !== undefined ? { goLine: goMod.summary.go } : {}),
    ...(goMod.summary?.toolchain !== undefined ? { toolchainLine: goMod.summary.toolchain } : {}),
    goos: env.goEnvJson.GOHOSTOS ?? env.goEnvJson.GOOS ?? 'linux',
    goarch: env.goEnvJson.GOHOSTARCH ?? env.goEnvJson.GOARCH ?? 'amd64',
  });

  const httpProxy: ProxyConfig = proxyConfigFromEnvironment(io.env);
  const netrcRead = await netrcPromise;
  const netrc = netrcRead.ok ? parseNetrc(netrcRead.text) : [];
  // The credentials go would send, the way this go sends them: .netrc alone before 1.24; from 1.24
  // GOAUTH's entries, each program run once at the first https request and again after a 4xx
  // (go1.26 src/cmd/go/internal/auth/auth.go). Nothing runs until a probe asks (never with --offline);
  // programs are bounded by the timeout and their output is parsed, never shown. Its plan (GOAUTH parsed
  // for this go) is what the configuration rules read.
  const goAuth = createGoAuthSession({
    goVersion: env.goVersion,
    goauth: env.goEnvJson.GOAUTH ?? io.env.GOAUTH,
    netrc,
    run: deps.goAuth?.run ?? createGoAuthRunner(io.env),
    stat: deps.goAuth?.stat ?? statForGoAuth,
    commandTimeoutMs: timeoutMs,
    isAbsolute: (p) => (io.platform === 'win32' ? path.win32.isAbsolute(p) : path.posix.isAbsolute(p)),
  });
  const goauth: GoAuthPlan = goAuth.plan;
  const roots: GoRoots | undefined = await rootsPromise;
  // The download-cache entries of the modules the build needs: local reads only, so --offline has them too.
  const gomodcache = env.goEnvJson.GOMODCACHE ?? '';
  const moduleCache =
    gomodcache !== '' && groups.has('proxy')
      ? await readModuleCache(
          gomodcache,
          canaries.filter((c) => c.source === 'flag' || c.source === 'go.mod'),
          { platform: io.platform, ...(deps.readCacheFile ? { read: deps.readCacheFile } : {}) },
        )
      : [];
  const input: CheckInput = {
    env,
    settings,
    proxyList: list,
    sumdb,
    canaries,
    canariesOmitted: omitted,
    osEnvironmentNames: Object.keys(io.env),
    goenvFileNames: await goenvFileNames(io, env.goVersion),
    toolchain,
    httpProxy,
    goauth,
    netrc,
    ...(roots ? { roots } : {}),
    platform: io.platform,
    ...(goMod.error !== undefined ? { goModError: goMod.error } : {}),
    ...(moduleCache.length > 0 ? { moduleCache } : {}),
  };
  const findings: Finding[] = runRules(CONFIG_RULES, input);

  const report: CheckReport = {
    goVersion: env.goVersion,
    goBinary: env.goBinary,
    offline: options.offline === true,
    timeoutMs,
    canarySource: source,
    chain: specs ? chainEntries(specs) : [],
    probes: [],
    modules: [],
    findings: [],
    groups: FINDING_GROUPS.filter((g) => groups.has(g)),
    durationMs: 0,
  };
  report.network = networkSetup(httpProxy, netrcPath(io.env, io.homedir, io.platform), netrcRead.ok, netrc, goauth, rootSources, roots);
  if (toolchain.goLine !== undefined || toolchain.toolchainLine !== undefined || toolchain.problems.length > 0) {
    const { problems: _problems, ...toolchainReport } = toolchain;
    report.toolchain = toolchainReport;
  }

  if (sumdb.ok) {
    const config = sumdb.config;
    report.sumdb = config.kind === 'off' ? { name: 'off', via: 'off', needed: false } : { name: config.name, via: 'not-probed', needed: false };
  }

  if (!options.offline && specs) {
    const controller = new AbortController();
    const onAbort = (): void => controller.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) controller.abort();
    // One deadline for the whole run, probes and --with-go's go included: a hanging endpoint never holds
    // the run past the timeout. Should reading the environment have taken most of it (a slow go env has
    // its own bound), the probes still get MINIMUM_PROBE_WINDOW_MS (or the whole timeout, if shorter).
    const deadline = Math.max(startedAt + timeoutMs, io.now() + Math.min(timeoutMs, MINIMUM_PROBE_WINDOW_MS));
    try {
      // --with-go: the real go runs beside the probes, under the same deadline.
      const withGoRun = options.withGo
        ? runGoCrossCheck(io, { goBinary: env.goBinary, canaries, goflags: env.goEnvJson.GOFLAGS ?? '', timeoutMs: deadline - io.now(), signal: controller.signal, ...(deps.goRunner ? { run: deps.goRunner } : {}) })
        : undefined;
      const run = await runNetwork({
        io,
        env,
        settings,
        specs,
        ...(sumdb.ok ? { sumdbConfig: sumdb.config } : {}),
        canaries,
        goSum: goMod.goSum,
        toolchain,
        probeOptions: {
          proxy: httpProxy,
          ...(roots ? { roots } : {}),
          goAuth,
          goVersion: env.goVersion,
          ...(deps.network ? { network: deps.network } : {}),
        },
        deadline,
        groups,
        signal: controller.signal,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(deps.direct ? { directDeps: deps.direct } : {}),
      });
      const targetOrder = ['module', 'toolchain', 'sumdb-supported', 'sumdb-latest', 'sumdb-lookup'];
      // Probes finish in any order; the report lists them by target, chain entry and module.
      const ordered = [...run.records].sort(
        (a, b) =>
          targetOrder.indexOf(a.target) - targetOrder.indexOf(b.target) ||
          (a.module ?? '').localeCompare(b.module ?? '') ||
          (a.entry ?? Number.MAX_SAFE_INTEGER) - (b.entry ?? Number.MAX_SAFE_INTEGER),
      );
      report.probes = ordered.map(summarizeProbe);
      report.modules = run.verdicts;
      if (run.sumdb) report.sumdb = run.sumdb.report;
      findings.push(
        ...runRules(NETWORK_RULES, {
          ...input,
          network: {
            chain: report.chain,
            specs,
            records: run.records,
            modules: run.verdicts,
            ...(run.sumdb ? { sumdb: run.sumdb } : {}),
            direct: run.direct,
            goAuthRuns: goAuth.events,
            timeoutMs,
          },
          ...(withGoRun ? { withGo: await withGoRun } : {}),
        }),
      );
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      controller.abort();
    }
  }

  report.findings = sortFindings(findings.filter((f) => groups.has(f.group)));
  report.durationMs = Math.max(0, io.now() - startedAt);
  return redactDeep(report);
}
