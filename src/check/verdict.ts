/**
 * From probe results to verdicts: what each GOPROXY entry did for a module, whether `go` walks on to
 * the next entry (`,` only on 404/410, `|` on any error), where the build fails, and whether the
 * checksum step passes. Pure: the probes arrive as data; the walk itself is src/probe/chain.ts.
 */
import { goQuote } from '../goenv/go-text.js';
import { type ProxySpec } from '../goenv/proxylist.js';
import { redactUrl } from '../redact.js';
import { t } from '../i18n/language.js';
import { entryLabel } from './probe-evidence.js';
import { ERR_NOPROXY, ERR_USE_PROXY, moduleEntryOutcome, tryProxies, type ChainVerdict, type EntryOutcome } from '../probe/chain.js';
import { isProbeLimit, type EndpointResult } from '../probe/endpoint.js';
import type { DirectFetchResult, DirectStage } from '../probe/direct/types.js';
import type { WebRequestFacts } from '../probe/direct/web-get.js';
import type { CanaryModule, ChainEntry, ChainStepSummary, DirectFetchReport, DirectRequestSummary, ModuleVerdict, ProbeTarget } from './types.js';

/** One probe as `check` keeps it: the raw result plus what it was for and how go would take it. */
export interface ProbeRecord {
  target: ProbeTarget;
  /** The chain entry it went to, for module, toolchain and `/supported` probes. */
  entry?: number;
  /** `path@version` (or `path`) the request was about. */
  module?: string;
  result: EndpointResult;
  /** Set when a 200 answer is something go rejects (an HTML page where JSON belongs). */
  contentError?: string;
  /** How cmd/go would treat this answer in the walk. */
  outcome: EntryOutcome;
}

/** The entries of a parsed GOPROXY list, numbered the way the user wrote them. */
export function chainEntries(specs: readonly ProxySpec[]): ChainEntry[] {
  let number = 0;
  return specs.map((spec, index) => {
    const separator: ChainEntry['separator'] = index === specs.length - 1 || spec.kind === 'off' || spec.kind === 'direct' ? '' : spec.fallBackOnError ? '|' : ',';
    if (spec.kind === 'noproxy') return { index, kind: 'noproxy', separator: '', label: 'noproxy (GONOPROXY/GOPRIVATE: direct)' };
    number++;
    const entry: ChainEntry = { index, number, kind: spec.kind, separator, label: `#${number} ${spec.kind === 'proxy' ? redactUrl(spec.url ?? '') : spec.kind}` };
    if (spec.url !== undefined) entry.url = redactUrl(spec.url);
    return entry;
  });
}

/** Whether cmd/go moves on after `outcome` at `spec` (mirrors go1.23 src/cmd/go/internal/modfetch/proxy.go:167-171). */
export function fallsThrough(spec: ProxySpec, outcome: EntryOutcome): boolean {
  return outcome.kind === 'error' && (outcome.notExist || spec.fallBackOnError);
}

// A short version of encoding/json's syntax errors, enough to name the first bad character as Go does.
function goJsonError(text: string): string {
  const trimmed = text.replace(/^[ \t\r\n]+/, '');
  if (trimmed === '') return 'unexpected end of JSON input';
  const c = trimmed[0] as string;
  if (!/[[{"\-0-9tfn]/.test(c)) return `invalid character ${c === "'" ? "'\\''" : `'${c}'`} looking for beginning of value`;
  return 'invalid JSON';
}

/**
 * What cmd/go says about a 200 answer it cannot use, or undefined when it can use it:
 * `.info`/`@latest` must be JSON naming the requested version (go1.23 src/cmd/go/internal/modfetch/proxy.go:366-401);
 * an HTML `@v/list` yields no versions and then the same JSON error from `@latest`.
 */
export function contentError(kind: 'info' | 'list' | 'latest', base: string, body: Buffer | undefined, contentType: string | undefined, requestedVersion?: string): string | undefined {
  const text = body?.toString('utf8') ?? '';
  const where = `invalid response from proxy ${goQuote(redactUrl(base))}`;
  if (kind === 'list') {
    const html = /^\s*text\/html/i.test(contentType ?? '') || /^\s*</.test(text);
    return html ? `${where}: invalid character '<' looking for beginning of value` : undefined;
  }
  let info: unknown;
  try {
    info = JSON.parse(text);
  } catch {
    return `${where}: ${goJsonError(text)}`;
  }
  // A missing or non-string Version decodes as "" in Go, which never equals the requested version
  // (go1.26 src/cmd/go/internal/modfetch/proxy.go, proxyRepo.Stat).
  const field = typeof info === 'object' && info !== null ? (info as { Version?: unknown }).Version : undefined;
  const version = typeof field === 'string' ? field : '';
  if (kind === 'info' && requestedVersion !== undefined && version !== requestedVersion) {
    return `proxy returned info for version ${version} instead of requested version`;
  }
  return undefined;
}

/** How go treats one probe's answer in the walk: 200 serves, 404/410 are not-exist, anything else stops after `,`. */
export function outcomeOfProbe(result: EndpointResult, contentErr: string | undefined): EntryOutcome {
  if (result.ok && contentErr === undefined) return { kind: 'ok' };
  if (result.ok && contentErr !== undefined) return { kind: 'error', notExist: false, error: contentErr };
  if (result.timedOut) return { kind: 'error', notExist: false, error: result.goError ?? result.errorText ?? 'timed out' };
  const notExist = result.status === 404 || result.status === 410;
  return { kind: 'error', notExist, error: result.goError ?? result.errorText ?? 'request failed' };
}

function stepSummary(step: ChainVerdict['steps'][number]): ChainStepSummary {
  const o = step.outcome;
  const summary: ChainStepSummary = {
    entry: step.index,
    outcome: o.kind === 'ok' ? 'ok' : o.kind === 'unknown' ? 'unknown' : o.notExist ? 'not-found' : 'error',
    fellThrough: step.fellThrough,
  };
  if (o.kind === 'error') summary.error = o.error;
  if (o.kind === 'unknown') summary.error = o.reason;
  return summary;
}

/** The checksum step of a module, after a successful fetch. */
export interface VerifyInput {
  consulted: boolean;
  skippedBecause?: string;
  ok?: boolean;
  error?: string;
}

/** What {@link moduleVerdict} needs. */
export interface ModuleVerdictInput {
  canary: CanaryModule;
  specs: readonly ProxySpec[];
  chain: readonly ChainEntry[];
  /** The module matches GONOPROXY (GOPRIVATE): only `noproxy`/`direct` fetch it. */
  matchesNoProxy: boolean;
  /** Outcomes of the proxy entries that were probed, by index. Unprobed entries count as unknown. */
  outcomes: ReadonlyMap<number, EntryOutcome>;
  verify?: VerifyInput;
  /**
   * The direct fetch's probe, when the walk reaches `direct` or the hidden `noproxy` entry and it ran;
   * `directNotProbed` says why it did not (the deadline, a cancelled run).
   */
  direct?: DirectFetchResult;
  directNotProbed?: string;
}

// A request the probe stopped at a limit of its own (its deadline, its header cap, a cancelled run):
// go would not fail there. The 5 s client go uses under GOINSECURE is go's own limit, though.
function stoppedByProbe(request: WebRequestFacts | undefined): boolean {
  if (request === undefined) return false;
  if (request.failure?.cancelled === true) return true;
  if (request.failure?.probeLimit !== undefined || isProbeLimit(request.limit)) return !(request.error ?? '').includes('Client.Timeout exceeded');
  return false;
}

/**
 * Why a direct-fetch result says nothing about what go would do, or undefined when it does: the probe
 * ran out of time or was cancelled, or it met something it does not run (another VCS).
 */
export function directIncomplete(result: DirectFetchResult): string | undefined {
  if (result.status === 'not-evaluated' || result.status === 'not-direct') return result.reason;
  if (result.status === 'ok') return undefined;
  const failure = result.failure;
  if (failure.kind === 'git' && (failure.outcome.kind === 'cancelled' || (failure.outcome.kind === 'timed-out' && failure.outcome.by === 'deadline'))) {
    return t`git ls-remote did not finish before the deadline`;
  }
  if ((failure.kind === 'fetch-failed' || failure.kind === 'mod-proxy') && stoppedByProbe(failure.request)) return t`a request did not finish before the deadline`;
  if (result.goError === undefined) return t`the probe stopped before go would have`;
  return undefined;
}

/** What go prints after `<module>@<version>: ` for a failed direct fetch (the probe gives the whole `go: ` line). */
export function directErrorText(result: Extract<DirectFetchResult, { status: 'fail' }>): string {
  const text = result.goError ?? '';
  const prefix = `go: ${result.module}@${result.version ?? 'latest'}: `;
  return text.startsWith(prefix) ? text.slice(prefix.length) : text.replace(/^go: /, '');
}

/** How the walk takes a direct fetch's result: served, an error (not-exist or not), or unknown. */
export function directEntryOutcome(result: DirectFetchResult | undefined, notProbed?: string): EntryOutcome {
  if (result === undefined) return { kind: 'unknown', reason: notProbed ?? 'direct fetch not probed' };
  const incomplete = directIncomplete(result);
  if (incomplete !== undefined) return { kind: 'unknown', reason: incomplete };
  if (result.status === 'ok') return { kind: 'ok' };
  if (result.status !== 'fail') return { kind: 'unknown', reason: 'direct fetch not probed' };
  return { kind: 'error', notExist: result.notExist, error: directErrorText(result) };
}

/** The failure's kind as the report names it: git's outcome at the git step, else the failure's own kind. */
export function directFailureKind(result: DirectFetchResult): string | undefined {
  if (result.status !== 'fail') return undefined;
  return result.failure.kind === 'git' ? result.failure.outcome.kind : result.failure.kind;
}

function requestSummary(r: WebRequestFacts): DirectRequestSummary {
  const summary: DirectRequestSummary = { url: r.url, phase: r.phase, timings: { ...r.timings } };
  if (r.status !== undefined) summary.status = r.status;
  if (r.error !== undefined) summary.error = r.error;
  if (r.tls) summary.tls = { ...r.tls };
  if (r.proxy !== undefined) summary.via = r.proxy;
  if (r.credentials !== undefined) summary.credentials = r.credentials;
  return summary;
}

/** The report's account of a direct fetch at chain entry `entry` (the probe already redacted every string). */
export function directReport(result: DirectFetchResult | undefined, entry: number, notProbed?: string): DirectFetchReport {
  if (result === undefined) {
    return { result: 'not-probed', entry, stage: 'route', why: notProbed ?? t`not probed`, security: 'secure-only', discovery: [], notes: [], durationMs: 0 };
  }
  const incomplete = directIncomplete(result);
  const report: DirectFetchReport = {
    result: incomplete !== undefined ? (result.status === 'not-evaluated' || result.status === 'not-direct' ? 'not-evaluated' : 'not-probed') : result.status === 'ok' ? 'ok' : 'fail',
    entry,
    stage: result.stage,
    security: result.security,
    discovery: result.requests.map(requestSummary),
    notes: [...result.notes],
    durationMs: result.durationMs,
  };
  if (result.route) {
    report.reason = result.route.reason;
    if (result.route.matchedBy) report.matchedBy = { variable: result.route.matchedBy.variable, pattern: result.route.matchedBy.pattern };
  }
  if (incomplete !== undefined) report.why = incomplete;
  if (result.status === 'fail') {
    const kind = directFailureKind(result);
    if (kind !== undefined) report.failure = kind;
    if (incomplete === undefined) {
      if (result.scenario !== undefined) report.scenario = result.scenario;
      report.error = directErrorText(result);
      report.notExist = result.notExist;
    }
  }
  if (result.root) {
    const r = result.root;
    report.repository = { root: r.root, vcs: r.vcs, url: r.repoUrl, via: r.via, ...(r.subDir !== undefined ? { subDir: r.subDir } : {}), ...(r.page !== undefined ? { page: r.page } : {}) };
  }
  if (result.govcs) {
    const g = result.govcs;
    report.govcs = { vcs: g.vcs, root: g.root, allowed: g.allowed, private: g.private, defaultRule: g.defaultRule, allows: [...g.ruleAllows], ...(g.rule !== undefined ? { rule: g.rule } : {}), ...(g.error !== undefined ? { error: g.error } : {}) };
  }
  if (result.git) {
    const g = result.git;
    report.git = {
      url: g.url,
      command: g.command,
      outcome: g.outcome.kind,
      exitCode: g.exitCode,
      durationMs: g.durationMs,
      credentials: { netrc: g.credentials.netrc, userinfo: g.credentials.userinfo, ...(g.credentials.helper !== undefined ? { helper: g.credentials.helper } : {}) },
      setByGo: { ...g.environment.setByGo },
    };
    if (g.stderr !== '') report.git.stderr = g.stderr;
    if (g.config.insteadOf) report.git.effectiveUrl = g.config.insteadOf.effectiveUrl;
    if (g.config.sslCAInfo !== undefined) report.git.sslCAInfo = g.config.sslCAInfo;
    if (g.config.sslVerifyOff === true) report.git.sslVerifyOff = true;
    if (g.goView) report.git.goView = { ...g.goView };
    if (g.tag) report.git.tag = g.tag.checked ? { tag: g.tag.tag, found: g.tag.found } : { unchecked: g.tag.reason };
  }
  if (result.mod) report.mod = { ...result.mod };
  if (result.status === 'not-evaluated' || result.status === 'not-direct') report.why = result.reason;
  return report;
}


function hostOfGitUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url).host;
  } catch {
    return /^(?:[^@/]+@)?([^/:]+):/.exec(url)?.[1];
  }
}

/** A failed direct fetch in a few words, from its facts. */
export function describeDirectFailure(result: Extract<DirectFetchResult, { status: 'fail' }>): string {
  const failure = result.failure;
  const host = hostOfGitUrl(result.git?.url) ?? t`the code host`;
  switch (failure.kind) {
    case 'proxy-off':
      return 'GOPROXY=off';
    case 'govcs':
      return failure.decision.error ?? t`GOVCS forbids it`;
    case 'unknown-revision':
      return t`the repository has no tag ${failure.tag}`;
    case 'mod-proxy':
      return failure.status !== undefined ? t`the module proxy its go-import tag names answered ${failure.status}` : describeOutcome(failure.request?.error);
    case 'fetch-failed':
      return describeOutcome(failure.request.error);
    case 'http-status':
      return failure.forPrefix !== undefined ? t`the ?go-get=1 page for ${failure.forPrefix} answered ${failure.status}` : t`the ?go-get=1 page answered ${failure.status}`;
    case 'no-go-import':
      return failure.mismatches.length > 0
        ? t`no go-import tag for ${result.module} on its ?go-get=1 page (only for ${failure.mismatches.join(', ')})`
        : t`no go-import tag for ${result.module} on its ?go-get=1 page`;
    case 'page-unparsable':
      return t`the ?go-get=1 page cannot be parsed (${failure.error})`;
    case 'multiple-go-import':
      return t`the ?go-get=1 page has more than one go-import tag for the path`;
    case 'prefix-disagrees':
      return t`the page at ${failure.prefix} does not announce the same go-import tag`;
    case 'invalid-subdir':
      return t`the go-import tag names an invalid subdirectory ${JSON.stringify(failure.subDir)}`;
    case 'invalid-repo-root':
      return t`the go-import tag names an invalid repository URL ${JSON.stringify(failure.repoRoot)}`;
    case 'unknown-vcs':
      return t`the go-import tag names an unknown VCS ${JSON.stringify(failure.vcs)}`;
    case 'not-hostname':
      return t`the path does not begin with a host name`;
    case 'path-refused':
      return t`go refuses the path itself (${failure.reason})`;
    case 'no-protocol':
      return failure.secureOnly ? t`no secure protocol answered for the repository` : t`no protocol answered for the repository`;
    case 'git': {
      const o = failure.outcome;
      switch (o.kind) {
        case 'credentials-missing':
          return t`git has no credentials for ${host}, and go disables its prompts`;
        case 'credentials-rejected':
          return o.source === 'netrc' ? t`${host} rejected the credentials git sent (from ~/.netrc)` : t`${host} rejected the credentials git sent (from a credential helper or the URL)`;
        case 'forbidden':
          return t`${host} answered git with 403 Forbidden`;
        case 'ssh-auth-failed':
          return t`${host} accepted no SSH key git offered`;
        case 'ssh-host-key':
          return t`${host}'s SSH host key is unknown or changed`;
        case 'repository-not-found':
          return t`git found no repository at ${result.git?.url ?? host}`;
        case 'tls':
          return result.git?.goView?.tlsVerified === true ? t`git does not trust ${host}'s certificate (${o.detail}), although go's roots do` : t`git does not trust ${host}'s certificate (${o.detail})`;
        case 'dns':
          return o.viaProxy ? t`git could not resolve ${o.host} (its HTTP proxy)` : t`git could not resolve ${o.host}`;
        case 'refused':
          return o.port !== undefined ? t`git's connection to ${o.host ?? host} port ${o.port} was refused` : t`git's connection to ${o.host ?? host} was refused`;
        case 'timed-out':
          return t`git's connection to ${host} timed out`;
        case 'proxy':
          return o.status !== undefined ? t`git's HTTP proxy failed (CONNECT answered ${o.status})` : t`git's HTTP proxy failed`;
        case 'server-error':
        case 'http-error':
          return t`${host} answered git with ${o.status}`;
        case 'git-missing':
          return t`git is not installed`;
        default:
          return result.git?.exitCode !== undefined && result.git.exitCode !== null ? t`git ls-remote failed with exit status ${result.git.exitCode}` : t`git ls-remote failed`;
      }
    }
  }
}

/** The step of a direct fetch in the module's summary: `direct (git step)`. */
export function directStageWords(stage: DirectStage): string {
  switch (stage) {
    case 'route':
      return t`route`;
    case 'root':
      return t`repository lookup`;
    case 'version':
      return t`version`;
    case 'mod':
      return t`go-import module proxy`;
    default:
      // GOVCS and git are names, the same in every language.
      return stage === 'govcs' ? 'GOVCS' : 'git';
  }
}

function describeOutcome(error: string | undefined): string {
  if (error === undefined) return t`failed`;
  // The part after the URL is what matters in a summary: `404 Not Found`, `dial tcp …: connection refused`.
  const reading = /^reading \S+: (.*)$/s.exec(error);
  const get = /^Get "[^"]*": (.*)$/s.exec(error);
  const text = reading?.[1] ?? get?.[1] ?? error;
  return text.split('\n')[0] ?? text;
}

/**
 * Walks the chain for one module with the probed outcomes and says whether go would get it, and if
 * not, at which entry the build fails. mirrors go1.23 src/cmd/go/internal/modfetch/proxy.go:139-185
 * (TryProxies) through src/probe/chain.ts.
 */
export function moduleVerdict(input: ModuleVerdictInput): ModuleVerdict {
  const { canary, specs, chain, outcomes } = input;
  const probedDirect = input.direct !== undefined || input.directNotProbed !== undefined;
  const direct = probedDirect ? directEntryOutcome(input.direct, input.directNotProbed) : undefined;
  const walk = tryProxies(specs, (spec, index) => {
    if (spec.kind === 'proxy' && !input.matchesNoProxy) {
      return outcomes.get(index) ?? { kind: 'unknown', reason: 'not probed before the deadline' };
    }
    return moduleEntryOutcome(spec, index, { matchesNoProxy: input.matchesNoProxy, proxy: () => ({ kind: 'unknown', reason: 'not probed' }), ...(direct ? { direct } : {}) });
  });
  const label = (i: number | undefined): string => (i === undefined ? '?' : (chain[i]?.label ?? entryLabel(i)));
  const verdict: ModuleVerdict = {
    module: canary.path,
    ...(canary.version !== undefined ? { version: canary.version } : {}),
    source: canary.source,
    result: 'unknown',
    fetch: {
      result: walk.result,
      stoppedAt: walk.stoppedAt,
      steps: walk.steps.map(stepSummary),
      notReached: walk.notReached,
    },
    summary: '',
  };
  if (walk.servedBy !== undefined) verdict.fetch.servedBy = walk.servedBy;
  if (walk.error !== undefined) verdict.fetch.error = walk.error;
  if (walk.errorFrom !== undefined) verdict.fetch.errorFrom = walk.errorFrom;
  // The entry whose fetch is the direct one: `direct`, or `noproxy` for a GONOPROXY match (the first reached).
  const directStep = walk.steps.find((s) => s.spec.kind === 'direct' || (s.spec.kind === 'noproxy' && input.matchesNoProxy));
  if (probedDirect && directStep) verdict.direct = directReport(input.direct, directStep.index, input.directNotProbed);
  const directFailed = input.direct?.status === 'fail' && verdict.direct?.result === 'fail' ? input.direct : undefined;

  // The hidden noproxy entry "fails" with errUseProxy for every ordinary module: not worth mentioning.
  const before = walk.steps.filter((s) => s.index < walk.stoppedAt && s.outcome.kind === 'error' && !(s.spec.kind === 'noproxy' && s.outcome.error === ERR_USE_PROXY));
  const passed = before.map((s) => `${label(s.index)}: ${describeOutcome(s.outcome.kind === 'error' ? s.outcome.error : undefined)}`).join('; ');
  // Before a direct fetch only the proxies that answered matter, not the entries a GONOPROXY match skips.
  const proxiesPassed = before
    .filter((s) => s.spec.kind === 'proxy' && !(s.outcome.kind === 'error' && s.outcome.error === ERR_NOPROXY))
    .map((s) => `${label(s.index)}: ${describeOutcome(s.outcome.kind === 'error' ? s.outcome.error : undefined)}`)
    .join('; ');

  if (walk.result === 'failed') {
    verdict.result = 'fail';
    verdict.failedAt = { stage: 'fetch', entry: walk.stoppedAt };
    const stopSpec = specs[walk.stoppedAt];
    const stopStep = walk.steps.find((s) => s.index === walk.stoppedAt);
    const stopOutcome = stopStep?.outcome;
    const last = walk.stoppedAt === specs.length - 1;
    let why: string;
    if (stopSpec?.kind === 'off') why = t`GOPROXY=off ends the list`;
    else if (stopOutcome?.kind === 'error' && !stopOutcome.notExist && !last && !stopSpec?.fallBackOnError) why = t`"," falls through only on 404/410, so go stops here`;
    else if (stopOutcome?.kind === 'error' && stopOutcome.notExist) why = t`no entry has it`;
    else why = t`it is the last entry`;
    // Added right after the reason, so the English text carries its own space.
    const reported = walk.errorFrom !== undefined && walk.errorFrom !== walk.stoppedAt ? t` (go reports the error from ${label(walk.errorFrom)})` : '';
    const errorSpec = walk.errorFrom !== undefined ? specs[walk.errorFrom] : undefined;
    if (directFailed && (errorSpec?.kind === 'direct' || errorSpec?.kind === 'noproxy')) {
      // The direct fetch's error is the one go prints (TryProxies ranks it first).
      verdict.failedAt = { stage: 'fetch', entry: walk.stoppedAt, directStage: directFailed.stage };
      const repo = directFailed.root?.repoUrl;
      const step = directStageWords(directFailed.stage);
      const what = describeDirectFailure(directFailed);
      const fails =
        repo !== undefined ? t`fails at ${label(walk.errorFrom)}, fetching directly from ${repo}, at the ${step} step: ${what}` : t`fails at ${label(walk.errorFrom)}, fetching directly, at the ${step} step: ${what}`;
      verdict.summary = proxiesPassed !== '' ? t`${fails} (after ${proxiesPassed})` : fails;
      return verdict;
    }
    verdict.summary = t`fails at ${label(walk.stoppedAt)}: ${describeOutcome(stopOutcome?.kind === 'error' ? stopOutcome.error : walk.error)}; ${why}${reported}`;
    return verdict;
  }
  if (walk.result === 'unknown') {
    const stop = specs[walk.stoppedAt];
    const why = verdict.direct?.why;
    const note = why !== undefined ? t`not evaluated: ${why}` : t`not probed`;
    const goesDirect = passed !== '' ? t`goes direct at ${label(walk.stoppedAt)} (fetched from its origin; ${note}) after ${passed}` : t`goes direct at ${label(walk.stoppedAt)} (fetched from its origin; ${note})`;
    verdict.summary = stop?.kind === 'direct' || stop?.kind === 'noproxy' ? goesDirect : t`unknown at ${label(walk.stoppedAt)}: not probed before the deadline`;
    return verdict;
  }

  const servedDirect = walk.servedBy !== undefined && walk.servedBy === verdict.direct?.entry && input.direct?.status === 'ok' ? input.direct : undefined;
  const servedFrom = servedDirect?.mod?.url ?? servedDirect?.root?.repoUrl ?? t`its repository`;
  const listedTag = servedDirect?.git?.tag?.checked === true ? servedDirect.git.tag.tag : undefined;
  // Added right after the entry's label, so the English text carries its own space.
  const directText = !servedDirect ? '' : listedTag !== undefined ? t` (fetched directly from ${servedFrom}, tag ${listedTag} listed)` : t` (fetched directly from ${servedFrom})`;
  const servedAfter = servedDirect ? proxiesPassed : passed;
  const servedText = servedAfter !== '' ? t`served by ${label(walk.servedBy)}${directText} after ${servedAfter}` : t`served by ${label(walk.servedBy)}${directText}`;
  const verify = input.verify;
  if (verify) {
    verdict.verify = { consulted: verify.consulted };
    if (verify.skippedBecause !== undefined) verdict.verify.skippedBecause = verify.skippedBecause;
    if (verify.ok !== undefined) verdict.verify.ok = verify.ok;
    if (verify.error !== undefined) verdict.verify.error = verify.error;
  }
  if (verify?.consulted && verify.ok === false) {
    verdict.result = 'fail';
    verdict.failedAt = { stage: 'verify' };
    verdict.summary = t`${servedText}, but checksum verification fails: ${describeOutcome(verify.error)}`;
    return verdict;
  }
  verdict.result = 'ok';
  const checked = !verify || !verify.consulted ? (verify?.skippedBecause !== undefined ? t`; checksum database not asked (${verify.skippedBecause})` : '') : verify.ok === true ? t`; checksum database agrees` : t`; checksum lookup not probed`;
  verdict.summary = `${servedText}${checked}`;
  return verdict;
}
