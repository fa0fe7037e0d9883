/**
 * Measuring module mirrors for `goproxy-doctor mirrors`, each with the layered probe `check` uses (DNS,
 * connect, the HTTP proxy go would use, TLS against go's roots, then the request go would send): whether it
 * proxies the checksum database (`<base>/sumdb/<name>/supported`, the question go asks,
 * go1.26 src/cmd/go/internal/modfetch/sumdb.go:177-227), and the `@latest` answer of a few well-known modules
 * (`<base>/<module>/@latest`, go1.26 src/cmd/go/internal/modfetch/proxy.go), whose timings give the latency.
 * One deadline bounds everything: a mirror that never answers ends the run at the deadline, not later.
 * No credentials are sent: the mirrors are public, and a URL given with --add is asked the same way.
 */
import { limiter } from '../concurrency.js';
import { escapePath, wirePathEscape } from '../goenv/modulepath.js';
import { probeEndpoint, type EndpointProbeOptions, type EndpointResult, type PhaseTimings } from '../probe/endpoint.js';
import { safeText } from '../redact.js';
import type { KnownMirror } from './known-mirrors.js';

/** A mirror to measure. */
export interface MirrorCandidate {
  /** How the report names it: the known mirror's id, else the URL. */
  id: string;
  /** The GOPROXY entry (base URL). */
  url: string;
  /** Where it came from: the built-in list, a --list file, or --add. */
  source: 'known' | 'list' | 'added';
  /** What the tool knows about it, when its host is a known mirror. */
  known?: KnownMirror;
}

/** One request of the measurement, for the report. */
export interface MirrorRequest {
  url: string;
  what: 'sumdb-supported' | 'latest';
  module?: string;
  status?: number;
  error?: string;
  timedOut?: boolean;
  timings: PhaseTimings;
}

/** What one mirror did. */
export interface MirrorMeasurement {
  candidate: MirrorCandidate;
  /** `/sumdb/<name>/supported`: 200 yes, 404/410 no, anything else an error; undefined when not asked. */
  sumdb?: { proxied: boolean | undefined; status?: number; error?: string };
  /** The `@latest` version per module, for the modules it answered with one. */
  versions: Record<string, string>;
  /** Median total time of the requests that got an HTTP answer, in milliseconds. */
  latencyMs?: number;
  /** At least one request got an HTTP answer go can use (200, or 404/410 for a module it does not have). */
  available: boolean;
  /** Why it is unavailable: the first failure. */
  error?: string;
  requests: MirrorRequest[];
}

/** What to measure and how. */
export interface MeasureOptions {
  /** The well-known modules whose `@latest` is compared. */
  modules: readonly string[];
  /** The checksum database to ask about; undefined when GOSUMDB is off or names its own URL. */
  sumdbName?: string;
  /** One deadline for the whole measurement. */
  timeoutMs: number;
  now: () => number;
  signal?: AbortSignal;
  /** The probe's settings (HTTP proxy, TLS roots, Go version, network); the timeout is set per request. */
  probeOptions: Omit<EndpointProbeOptions, 'timeoutMs' | 'signal' | 'onBody'>;
  /** Mirrors measured at the same time. */
  concurrency?: number;
}

/** The middle value (mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function joinBase(base: string, rest: string): string {
  return `${base.replace(/\/+$/, '')}/${rest}`;
}

/** The version in an `@latest` (or `.info`) JSON body, if it has one. */
export function latestVersion(body: Buffer | undefined): string | undefined {
  if (!body) return undefined;
  try {
    const info = JSON.parse(body.toString('utf8')) as { Version?: unknown };
    return typeof info.Version === 'string' && info.Version.length <= 256 ? info.Version : undefined;
  } catch {
    return undefined;
  }
}

function describeFailure(r: EndpointResult): string {
  if (r.timedOut) return `no answer before the deadline (${r.phase} phase)`;
  return r.errorText ?? r.goError ?? (r.status !== undefined ? `${r.status} ${r.statusText ?? ''}`.trim() : `failed at the ${r.phase} phase`);
}

/** Measures one mirror: its requests run one after another, so their timings do not compete. */
async function measureOne(candidate: MirrorCandidate, options: MeasureOptions, deadline: number): Promise<MirrorMeasurement> {
  const requests: MirrorRequest[] = [];
  const versions: Record<string, string> = {};
  const answered: number[] = [];
  let firstError: string | undefined;
  let usable = false;

  const ask = async (url: string, what: MirrorRequest['what'], module?: string): Promise<{ result?: EndpointResult; body?: Buffer }> => {
    const left = deadline - options.now();
    if (left <= 0 || options.signal?.aborted) return {};
    let body: Buffer | undefined;
    const result = await probeEndpoint(url, {
      ...options.probeOptions,
      timeoutMs: left,
      ...(options.signal ? { signal: options.signal } : {}),
      onBody: (b, status) => {
        if (status === 200) body = b;
      },
    });
    const request: MirrorRequest = { url: result.url, what, ...(module !== undefined ? { module } : {}), timings: { ...result.timings } };
    if (result.status !== undefined) request.status = result.status;
    if (!result.ok) request.error = safeText(describeFailure(result));
    if (result.timedOut) request.timedOut = true;
    requests.push(request);
    if (result.status !== undefined) answered.push(result.timings.total);
    return { result, ...(body ? { body } : {}) };
  };

  for (const module of options.modules) {
    let path: string;
    try {
      path = wirePathEscape(escapePath(module));
    } catch {
      continue;
    }
    const { result, body } = await ask(joinBase(candidate.url, `${path}/@latest`), 'latest', module);
    if (!result) break;
    const version = result.ok ? latestVersion(body) : undefined;
    if (version !== undefined) versions[module] = version;
    if (result.ok || result.status === 404 || result.status === 410) usable = true;
    else firstError ??= describeFailure(result);
  }

  let sumdb: MirrorMeasurement['sumdb'];
  if (options.sumdbName !== undefined) {
    const { result } = await ask(joinBase(candidate.url, `sumdb/${options.sumdbName}/supported`), 'sumdb-supported');
    if (result) {
      const proxied = result.ok ? true : result.status === 404 || result.status === 410 ? false : undefined;
      sumdb = { proxied, ...(result.status !== undefined ? { status: result.status } : {}), ...(proxied === undefined ? { error: safeText(describeFailure(result)) } : {}) };
      if (proxied !== undefined) usable = true;
      else firstError ??= describeFailure(result);
    }
  }

  const measurement: MirrorMeasurement = { candidate, versions, available: usable, requests };
  if (sumdb) measurement.sumdb = sumdb;
  const latency = median(answered);
  if (usable && latency !== undefined) measurement.latencyMs = Math.round(latency * 10) / 10;
  if (!usable) measurement.error = safeText(firstError ?? 'no request was made before the deadline');
  return measurement;
}

/** Measures every candidate, several at a time, all under one deadline. */
export async function measureMirrors(candidates: readonly MirrorCandidate[], options: MeasureOptions): Promise<MirrorMeasurement[]> {
  const deadline = options.now() + options.timeoutMs;
  const limit = limiter(options.concurrency ?? 8);
  return Promise.all(candidates.map((c) => limit(() => measureOne(c, options, deadline))));
}
