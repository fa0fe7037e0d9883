/**
 * `goproxy-doctor mirrors` orchestration: read the effective Go environment (for GOSUMDB, GOPRIVATE,
 * GONOPROXY and the current GOPROXY), measure the candidates through the probe layer under one deadline,
 * rank them, and work out the GOPROXY value to recommend. The decisions are in rank.ts; this file gathers
 * inputs and performs I/O through `Io`.
 */
import { setVariableFix, type Fix } from '../fix.js';
import { proxyList } from '../goenv/proxylist.js';
import { resolveGoEnvironment } from '../goenv/resolve.js';
import { parseGoSumDb } from '../goenv/sumdbconfig.js';
import { routeSettingsFrom } from '../goenv/targets.js';
import type { Io } from '../io.js';
import { proxyConfigFromEnvironment } from '../probe/httpproxy.js';
import type { Network } from '../probe/network.js';
import { diskRootsReader, loadGoRoots, rootSourcesFor } from '../probe/tlsroots.js';
import { redactDeep } from '../redact.js';
import { builtinCandidates, builtinModules, type MirrorList } from './candidates.js';
import { measureMirrors, type MirrorCandidate } from './measure.js';
import { newestVersions, rankMirrors, recommendGoproxy, type RankedMirror } from './rank.js';

/** What to measure. */
export interface MirrorsOptions {
  goBinary: string;
  /** One deadline for every request, in milliseconds. */
  timeoutMs: number;
  /** Mirrors given with --add (already read as GOPROXY entries). */
  added: readonly MirrorCandidate[];
  /** A --list file, replacing the built-in list (and, when it names them, the modules compared). */
  list?: MirrorList;
  signal?: AbortSignal;
  onProgress?: (text: string) => void;
}

/** Everything one `mirrors` run found, before rendering. */
export interface MirrorsReport {
  goVersion: string;
  goBinary: string;
  timeoutMs: number;
  durationMs: number;
  /** Where the candidates came from. */
  listSource: 'builtin' | 'file';
  /** The checksum database asked about, and why (or why not). */
  sumdb: { name?: string; asked: boolean; why: string };
  /** The modules whose `@latest` was compared, and the newest version any mirror answered. */
  modules: string[];
  newest: Record<string, string>;
  ranked: RankedMirror[];
  currentGoproxy: string;
  /** The recommended GOPROXY, with the command that sets it where it takes effect. */
  recommendation?: { value: string; mirrors: string[]; fix: Fix };
  /** The settings the recommendation keeps unchanged. */
  keeps: { GOPRIVATE: string; GONOPROXY: string; GONOSUMDB: string };
}

/** Runs `mirrors`. Throws DoctorError only when the Go environment cannot be read. */
export async function runMirrors(io: Io, options: MirrorsOptions, deps: { network?: Network } = {}): Promise<MirrorsReport> {
  const startedAt = io.now();
  options.onProgress?.('Reading the Go environment…');
  const rootsPromise = loadGoRoots(rootSourcesFor(io.env, io.platform), diskRootsReader).catch(() => undefined);
  const env = await resolveGoEnvironment(io, options.goBinary);
  const settings = routeSettingsFrom(env);
  const roots = await rootsPromise;

  const sumdbParsed = parseGoSumDb(settings.GOSUMDB);
  let sumdb: MirrorsReport['sumdb'];
  if (!sumdbParsed.ok) sumdb = { asked: false, why: `GOSUMDB is invalid (${sumdbParsed.error}), so go never gets as far as asking a proxy` };
  else if (sumdbParsed.config.kind === 'off') sumdb = { asked: false, why: 'GOSUMDB=off: go consults no checksum database' };
  else if (sumdbParsed.config.url !== undefined) sumdb = { name: sumdbParsed.config.name, asked: false, why: `GOSUMDB names ${sumdbParsed.config.name} with its own URL, so go never asks GOPROXY for it` };
  else sumdb = { name: sumdbParsed.config.name, asked: true, why: `GOSUMDB names ${sumdbParsed.config.name}: go asks each GOPROXY entry whether it proxies it, and goes to https://${sumdbParsed.config.name} itself when none does` };

  const candidates = [...(options.list?.candidates ?? builtinCandidates())];
  for (const added of options.added) if (!candidates.some((c) => c.url.replace(/\/+$/, '') === added.url.replace(/\/+$/, ''))) candidates.push(added);
  const modules = options.list?.modules ?? builtinModules();

  options.onProgress?.(`Measuring ${candidates.length} mirrors…`);
  const measurements = await measureMirrors(candidates, {
    modules,
    ...(sumdb.asked && sumdb.name !== undefined ? { sumdbName: sumdb.name } : {}),
    timeoutMs: options.timeoutMs,
    now: () => io.now(),
    ...(options.signal ? { signal: options.signal } : {}),
    probeOptions: {
      proxy: proxyConfigFromEnvironment(io.env),
      ...(roots ? { roots } : {}),
      goVersion: env.goVersion,
      ...(deps.network ? { network: deps.network } : {}),
    },
  });
  const ranked = rankMirrors(measurements, sumdb.asked);
  const list = proxyList(settings.GOPROXY, settings.GONOPROXY, { goos: settings.GOOS });
  const hasDirect = list.ok && list.specs.some((s) => s.kind === 'direct');
  const recommended = recommendGoproxy(ranked, hasDirect);
  const report: MirrorsReport = {
    goVersion: env.goVersion,
    goBinary: env.goBinary,
    timeoutMs: options.timeoutMs,
    durationMs: 0,
    listSource: options.list ? 'file' : 'builtin',
    sumdb,
    modules: [...modules],
    newest: newestVersions(measurements),
    ranked,
    currentGoproxy: settings.GOPROXY,
    keeps: { GOPRIVATE: settings.GOPRIVATE, GONOPROXY: settings.GONOPROXY, GONOSUMDB: settings.GONOSUMDB },
  };
  if (recommended) {
    const [first, second] = recommended.mirrors;
    const order = second !== undefined ? `go asks ${first} first and moves on to ${second} after any error ("|")` : `go asks ${first}`;
    const privateNote =
      settings.GONOPROXY !== ''
        ? ` GOPRIVATE and GONOPROXY stay as they are: modules matching GONOPROXY=${settings.GONOPROXY} are never sent to these mirrors; go fetches them directly.`
        : ' GOPRIVATE and GONOPROXY are empty, so every module, private ones included, would be requested from these public mirrors: set GOPRIVATE to your private module paths first.';
    report.recommendation = {
      value: recommended.value,
      mirrors: recommended.mirrors,
      fix: setVariableFix('goproxy-recommended', env, 'GOPROXY', recommended.value, `The best mirrors measured here: ${order}${recommended.keepsDirect ? ', then direct for modules they do not have' : ''}.${privateNote}`),
    };
  }
  report.durationMs = Math.max(0, io.now() - startedAt);
  return redactDeep(report);
}
