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
import { ERR_USE_PROXY, moduleEntryOutcome, tryProxies, type ChainVerdict, type EntryOutcome } from '../probe/chain.js';
import type { EndpointResult } from '../probe/endpoint.js';
import type { CanaryModule, ChainEntry, ChainStepSummary, ModuleVerdict, ProbeTarget } from './types.js';

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
  const walk = tryProxies(specs, (spec, index) => {
    if (spec.kind === 'proxy' && !input.matchesNoProxy) {
      return outcomes.get(index) ?? { kind: 'unknown', reason: 'not probed before the deadline' };
    }
    return moduleEntryOutcome(spec, index, { matchesNoProxy: input.matchesNoProxy, proxy: () => ({ kind: 'unknown', reason: 'not probed' }) });
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

  // The hidden noproxy entry "fails" with errUseProxy for every ordinary module: not worth mentioning.
  const before = walk.steps.filter((s) => s.index < walk.stoppedAt && s.outcome.kind === 'error' && !(s.spec.kind === 'noproxy' && s.outcome.error === ERR_USE_PROXY));
  const passed = before.map((s) => `${label(s.index)}: ${describeOutcome(s.outcome.kind === 'error' ? s.outcome.error : undefined)}`).join('; ');

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
    verdict.summary = t`fails at ${label(walk.stoppedAt)}: ${describeOutcome(stopOutcome?.kind === 'error' ? stopOutcome.error : walk.error)}; ${why}${reported}`;
    return verdict;
  }
  if (walk.result === 'unknown') {
    const stop = specs[walk.stoppedAt];
    verdict.summary =
      stop?.kind === 'direct' || stop?.kind === 'noproxy'
        ? `goes direct at ${label(walk.stoppedAt)} (fetched from its origin with git; not probed)${passed !== '' ? ` after ${passed}` : ''}`
        : t`unknown at ${label(walk.stoppedAt)}: not probed before the deadline`;
    return verdict;
  }

  const servedText = `served by ${label(walk.servedBy)}${passed !== '' ? ` after ${passed}` : ''}`;
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
