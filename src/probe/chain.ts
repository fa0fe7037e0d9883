/**
 * The chain verdict: walking a parsed GOPROXY list with the outcome of each entry, exactly as
 * cmd/go's TryProxies does (go1.23 src/cmd/go/internal/modfetch/proxy.go:139-185), to say which
 * entry serves a module, or where the walk stops, which error `go` prints and whether the build
 * fails. Pure: probing happens elsewhere.
 */
import type { ProxySpec } from '../goenv/proxylist.js';
import { isNotExistStatus } from '../goenv/go-url.js';

/** What one entry did for one request. */
export type EntryOutcome =
  /** It answered 200. */
  | { kind: 'ok' }
  /** It failed; `notExist` is Go's errors.Is(err, fs.ErrNotExist) (404/410, a missing file, ...). */
  | { kind: 'error'; notExist: boolean; error: string }
  /** Not probed (e.g. a `direct` VCS fetch): the walk cannot say what happens from here. */
  | { kind: 'unknown'; reason: string };

/** cmd/go's internal not-exist errors (go1.23 src/cmd/go/internal/modfetch/repo.go:266-270). */
export const ERR_PROXY_OFF = 'module lookup disabled by GOPROXY=off';
/** Returned for a GONOPROXY-matching module by every entry except `noproxy` and `direct`. */
export const ERR_NOPROXY = 'disabled by GOPRIVATE/GONOPROXY';
/** Returned by the hidden `noproxy` entry for a module that does not match GONOPROXY. */
export const ERR_USE_PROXY = 'path does not match GOPRIVATE/GONOPROXY';

/** One entry's part in the walk. */
export interface ChainStep {
  index: number;
  spec: ProxySpec;
  outcome: EntryOutcome;
  /** The walk went on to the next entry after this one. */
  fellThrough: boolean;
}

/** The result of walking the list. */
export interface ChainVerdict {
  /** `served`: an entry answered; `failed`: the walk ended in an error; `unknown`: it reached an unprobed entry. */
  result: 'served' | 'failed' | 'unknown';
  /** Index of the entry that served. */
  servedBy?: number;
  /** Index of the entry where the walk stopped (the server, the failing entry, or the unprobed one). */
  stoppedAt: number;
  /** The error `go` reports: the "most helpful" one, not necessarily the last. */
  error?: string;
  /** Index of the entry whose error is reported. */
  errorFrom?: number;
  /** The reported error is a not-exist one (so e.g. the sumdb falls back to direct). */
  errorIsNotExist?: boolean;
  /** Entries that were tried, in order. */
  steps: ChainStep[];
  /** Entries never reached. */
  notReached: number[];
}

/**
 * Walks `specs` like TryProxies (mirrors go1.23 src/cmd/go/internal/modfetch/proxy.go:139-185):
 * stop at the first success; after a failure move on only if it was "not exist" or the entry was
 * followed by `|`. The reported error ranks `direct`/`noproxy` errors (except errUseProxy) first,
 * then other proxy errors, then not-exist errors.
 */
export function tryProxies(specs: readonly ProxySpec[], outcomeFor: (spec: ProxySpec, index: number) => EntryOutcome): ChainVerdict {
  const NOT_EXIST_RANK = 0;
  const PROXY_RANK = 1;
  const DIRECT_RANK = 2;
  const steps: ChainStep[] = [];
  let best: { error: string; index: number; notExist: boolean } | undefined;
  let bestRank = NOT_EXIST_RANK;
  const notReachedFrom = (i: number): number[] => specs.map((_, j) => j).filter((j) => j > i);
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i];
    if (!spec) continue;
    const outcome = outcomeFor(spec, i);
    if (outcome.kind === 'ok') {
      steps.push({ index: i, spec, outcome, fellThrough: false });
      return { result: 'served', servedBy: i, stoppedAt: i, steps, notReached: notReachedFrom(i) };
    }
    if (outcome.kind === 'unknown') {
      steps.push({ index: i, spec, outcome, fellThrough: false });
      const verdict: ChainVerdict = { result: 'unknown', stoppedAt: i, steps, notReached: notReachedFrom(i) };
      if (best) Object.assign(verdict, { error: best.error, errorFrom: best.index, errorIsNotExist: best.notExist });
      return verdict;
    }
    const isNotExist = outcome.notExist;
    if (spec.kind === 'direct' || (spec.kind === 'noproxy' && outcome.error !== ERR_USE_PROXY)) {
      best = { error: outcome.error, index: i, notExist: isNotExist };
      bestRank = DIRECT_RANK;
    } else if (bestRank <= PROXY_RANK && !isNotExist) {
      best = { error: outcome.error, index: i, notExist: isNotExist };
      bestRank = PROXY_RANK;
    } else if (bestRank === NOT_EXIST_RANK) {
      best = { error: outcome.error, index: i, notExist: isNotExist };
    }
    const fallsThrough = spec.fallBackOnError || isNotExist;
    steps.push({ index: i, spec, outcome, fellThrough: fallsThrough && i < specs.length - 1 });
    if (!fallsThrough) {
      const verdict: ChainVerdict = { result: 'failed', stoppedAt: i, steps, notReached: notReachedFrom(i) };
      if (best) Object.assign(verdict, { error: best.error, errorFrom: best.index, errorIsNotExist: best.notExist });
      return verdict;
    }
  }
  const last = specs.length - 1;
  const verdict: ChainVerdict = { result: 'failed', stoppedAt: last, steps, notReached: [] };
  if (best) Object.assign(verdict, { error: best.error, errorFrom: best.index, errorIsNotExist: best.notExist });
  return verdict;
}

/** What we know about fetching one module through each kind of entry. */
export interface ModuleOutcomes {
  /** The module path matches GONOPROXY/GOPRIVATE. */
  matchesNoProxy: boolean;
  /** The outcome of a proxy entry (by URL) for this module. */
  proxy: (url: string, index: number) => EntryOutcome;
  /** The outcome of a direct (VCS) fetch; unknown unless the caller probed it. */
  direct?: EntryOutcome;
}

/**
 * The outcome of each entry for one module, following Lookup's dispatch
 * (mirrors go1.23 src/cmd/go/internal/modfetch/repo.go:229-252): a GONOPROXY match is fetched
 * only by `noproxy`/`direct` (every other entry says "disabled by GOPRIVATE/GONOPROXY"); otherwise
 * `off` says "module lookup disabled by GOPROXY=off" and `noproxy` defers to the next entry.
 */
export function moduleEntryOutcome(spec: ProxySpec, index: number, module: ModuleOutcomes): EntryOutcome {
  const direct = module.direct ?? { kind: 'unknown', reason: 'direct (VCS) fetches are not probed' };
  if (module.matchesNoProxy) {
    if (spec.kind === 'noproxy' || spec.kind === 'direct') return direct;
    return { kind: 'error', notExist: true, error: ERR_NOPROXY };
  }
  switch (spec.kind) {
    case 'off':
      return { kind: 'error', notExist: true, error: ERR_PROXY_OFF };
    case 'direct':
      return direct;
    case 'noproxy':
      return { kind: 'error', notExist: true, error: ERR_USE_PROXY };
    case 'proxy':
      return module.proxy(spec.url ?? '', index);
  }
}

/** Walks the chain for one module: which entry serves it, or the error `go` prints. */
export function walkChainForModule(specs: readonly ProxySpec[], module: ModuleOutcomes): ChainVerdict {
  return tryProxies(specs, (spec, index) => moduleEntryOutcome(spec, index, module));
}

/** Where the checksum database is reached, per cmd/go's initBase. */
export interface SumdbBaseVerdict {
  /** `proxy`: through `<proxy>/sumdb/<name>`; `direct`: the database's own URL; `error`: verification fails. */
  via: 'proxy' | 'direct' | 'error';
  /** The proxy entry that answered `/supported` with 200. */
  proxyIndex?: number;
  /** The error every checksum lookup fails with, for `via: 'error'`. */
  error?: string;
  errorFrom?: number;
  walk: ChainVerdict;
}

/**
 * Decides how the checksum database is reached (mirrors go1.23
 * src/cmd/go/internal/modfetch/sumdb.go:177-227): each proxy entry is asked for
 * `<proxy>/sumdb/<name>/supported`; a 200 selects it; if the walk ends with a not-exist error
 * (404/410 everywhere, `direct`, `off`, the end of the list) the database is contacted directly;
 * any other reported error fails every lookup. `supported` gives each proxy's answer.
 */
export function sumdbBase(specs: readonly ProxySpec[], supported: (url: string, index: number) => EntryOutcome): SumdbBaseVerdict {
  const walk = tryProxies(specs, (spec, index) => {
    switch (spec.kind) {
      case 'noproxy':
        return { kind: 'error', notExist: true, error: ERR_USE_PROXY };
      case 'direct':
      case 'off':
        return { kind: 'error', notExist: true, error: ERR_PROXY_OFF };
      case 'proxy':
        return supported(spec.url ?? '', index);
    }
  });
  if (walk.result === 'served') return { via: 'proxy', proxyIndex: walk.servedBy, walk };
  if (walk.result === 'unknown') return { via: 'error', error: 'not probed', walk };
  if (walk.error === undefined || walk.errorIsNotExist) return { via: 'direct', walk };
  return { via: 'error', error: walk.error, errorFrom: walk.errorFrom, walk };
}

/** The subset of an endpoint probe the chain needs. */
export interface ProbeLike {
  ok: boolean;
  status?: number;
  /** The error as `go` would print it after `M@V: `. */
  goError?: string;
  errorText?: string;
}

/**
 * Turns a probe result into an entry outcome: 200 is success, 404/410 are not-exist
 * (go1.23 src/cmd/go/internal/web/api.go:72-74), everything else is a hard error.
 */
export function outcomeFromProbe(result: ProbeLike): EntryOutcome {
  if (result.ok) return { kind: 'ok' };
  const notExist = result.status !== undefined && isNotExistStatus(result.status);
  return { kind: 'error', notExist, error: result.goError ?? result.errorText ?? 'unknown error' };
}
