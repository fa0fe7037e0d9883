/**
 * How far a host name is from a known one: the optimal-string-alignment distance (insertions, deletions,
 * substitutions, and swaps of two neighbouring characters, each counting 1), so `goproxy.cm` is 1 from
 * goproxy.cn and `goproxy.oi` is 1 from goproxy.io. Pure; host names are at most 253 characters, so the
 * quadratic table stays small, and longer input is refused rather than measured.
 */
import { knownHosts } from './known-mirrors.js';

/** Longest text compared; a DNS name is at most 253 characters. */
export const MAX_COMPARED_LENGTH = 253;

/** The optimal-string-alignment distance between two strings, or Infinity when either is longer than {@link MAX_COMPARED_LENGTH}. */
export function editDistance(a: string, b: string): number {
  if (a.length > MAX_COMPARED_LENGTH || b.length > MAX_COMPARED_LENGTH) return Number.POSITIVE_INFINITY;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => (d[i] as number[])[j] as number;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return at(rows - 1, cols - 1);
}

/**
 * How many edits still count as a slip of the keyboard for a name this long: one for every name, two
 * once the known name is long enough (14 characters: mirrors.aliyun.com, proxy.golang.com.cn) that two
 * slips leave it unmistakable.
 */
export function typoBudget(known: string): number {
  return known.length >= 14 ? 2 : 1;
}

/**
 * The known hosts `host` is probably a misspelling of: the nearest ones within their typo budget, none
 * when `host` is itself known or too short (under 6 characters) to tell.
 */
export function probablyMeantHosts(host: string, candidates: readonly string[] = knownHosts()): string[] {
  const h = host.toLowerCase();
  if (h.length < 6 || candidates.includes(h)) return [];
  let best = Number.POSITIVE_INFINITY;
  let found: string[] = [];
  for (const known of candidates) {
    const distance = editDistance(h, known);
    if (distance > typoBudget(known)) continue;
    if (distance < best) {
      best = distance;
      found = [known];
    } else if (distance === best) {
      found.push(known);
    }
  }
  return found;
}
