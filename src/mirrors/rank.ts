/**
 * Ranking measured mirrors and the GOPROXY line `goproxy-doctor mirrors` recommends. Pure.
 *
 * Order, most important first: a mirror that answered nothing usable comes last; then one that is behind
 * the others (a well-known module's `@latest` older than another mirror's); then, when go asks GOPROXY for
 * the checksum database (GOSUMDB names a database without a URL), one that does not proxy it, since go then
 * has to reach the database itself; then the median latency decides.
 */
import type { MirrorMeasurement } from './measure.js';

/** A measured mirror with its place and what it lacks. */
export interface RankedMirror extends MirrorMeasurement {
  rank: number;
  /** Modules whose `@latest` here is older than the newest any mirror answered, with both versions. */
  behind: Array<{ module: string; version?: string; newest: string }>;
}

// mirrors go1.26 src/cmd/vendor/golang.org/x/mod/semver/semver.go (parse, Compare); invalid sorts lowest.
const SEMVER = /^v(0|[1-9]\d{0,8})(?:\.(0|[1-9]\d{0,8}))?(?:\.(0|[1-9]\d{0,8}))?(?:-([0-9A-Za-z.-]{1,128}))?(?:\+[0-9A-Za-z.-]{1,128})?$/;

function comparePrerelease(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) return x.length !== y.length ? x.length - y.length : x < y ? -1 : 1;
    if (nx) return -1;
    if (ny) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** semver.Compare: negative, zero or positive; an invalid version is lower than any valid one. */
export function compareSemver(a: string, b: string): number {
  const ma = SEMVER.exec(a);
  const mb = SEMVER.exec(b);
  if (!ma || !mb) return ma ? 1 : mb ? -1 : 0;
  for (let i = 1; i <= 3; i++) {
    const d = Number(ma[i] ?? 0) - Number(mb[i] ?? 0);
    if (d !== 0) return d;
  }
  return comparePrerelease(ma[4] ?? '', mb[4] ?? '');
}

/** The newest `@latest` version any mirror answered, per module. */
export function newestVersions(measurements: readonly MirrorMeasurement[]): Record<string, string> {
  const newest: Record<string, string> = {};
  for (const m of measurements) {
    for (const [module, version] of Object.entries(m.versions)) {
      const best = newest[module];
      if (best === undefined || compareSemver(version, best) > 0) newest[module] = version;
    }
  }
  return newest;
}

/** Ranks the measurements (see the file comment); `sumdbMatters` is false when go never asks GOPROXY for the database. */
export function rankMirrors(measurements: readonly MirrorMeasurement[], sumdbMatters: boolean): RankedMirror[] {
  const newest = newestVersions(measurements);
  const withGaps = measurements.map((m) => ({
    ...m,
    rank: 0,
    behind: Object.entries(newest)
      .filter(([module, version]) => m.available && (m.versions[module] === undefined || compareSemver(m.versions[module] as string, version) < 0))
      .map(([module, version]) => ({ module, ...(m.versions[module] !== undefined ? { version: m.versions[module] } : {}), newest: version })),
  }));
  const key = (m: RankedMirror): number[] => [m.available ? 0 : 1, m.behind.length > 0 ? 1 : 0, sumdbMatters && m.sumdb?.proxied !== true ? 1 : 0, m.latencyMs ?? Number.POSITIVE_INFINITY];
  const sorted = withGaps
    .map((m, index) => ({ m, index }))
    .sort((a, b) => {
      const ka = key(a.m);
      const kb = key(b.m);
      for (let i = 0; i < ka.length; i++) if ((ka[i] as number) !== (kb[i] as number)) return (ka[i] as number) - (kb[i] as number);
      return a.index - b.index;
    });
  return sorted.map(({ m }, i) => ({ ...m, rank: i + 1 }));
}

/** The GOPROXY value recommended, and why; undefined when no mirror qualifies. */
export interface GoproxyRecommendation {
  value: string;
  /** The mirrors in it, best first. */
  mirrors: string[];
  /** `direct` ends the value because the current GOPROXY ends with it. */
  keepsDirect: boolean;
}

/**
 * The best mirrors that are available and not behind (at most two), joined with `|` so that go moves on to
 * the second after any error of the first (go1.26 src/cmd/go/internal/modfetch/proxy.go:72-75), and `direct`
 * kept at the end when the current GOPROXY has it (modules the mirrors do not have are then fetched from
 * their origin, as today).
 */
export function recommendGoproxy(ranked: readonly RankedMirror[], currentHasDirect: boolean): GoproxyRecommendation | undefined {
  const picked = ranked.filter((m) => m.available && m.behind.length === 0).slice(0, 2);
  if (picked.length === 0) return undefined;
  const urls = picked.map((m) => m.candidate.url);
  return { value: `${urls.join('|')}${currentHasDirect ? ',direct' : ''}`, mirrors: urls, keepsDirect: currentHasDirect };
}

