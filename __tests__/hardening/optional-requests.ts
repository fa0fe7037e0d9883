/** Predictions of recorded requests in which some entries may legitimately go unseen. */

/** Marks a predicted request the recorder may not see. */
export const OPTIONAL = ' (if recorded)';

/** The prediction with its optional requests resolved against what was observed (kept when seen, dropped when not). */
export function resolveOptional(predicted: readonly string[], observed: readonly string[]): string[] {
  const out: string[] = [];
  let j = 0;
  for (const p of predicted) {
    if (!p.endsWith(OPTIONAL)) {
      out.push(p);
      if (observed[j] === p) j++;
      continue;
    }
    const key = p.slice(0, -OPTIONAL.length);
    if (observed[j] === key) {
      out.push(key);
      j++;
    }
  }
  return out;
}
