/** Edits of a GOPROXY value that fixes propose. Pure. */

/**
 * GOPROXY with the `,` after entry number `n` (1-based, as written) turned into `|`, so go moves on after
 * any error there; undefined when entry n has no `,` after it. Entries are counted as proxyList counts them:
 * split at `,`/`|`, blank entries skipped (go1.23 src/cmd/go/internal/modfetch/proxy.go:69-84).
 */
export function goproxyWithPipeAfter(goproxy: string, n: number): string | undefined {
  const parts = goproxy.split(/([,|])/);
  let count = 0;
  for (let i = 0; i < parts.length; i += 2) {
    if ((parts[i] ?? '').trim() === '') continue;
    count++;
    if (count !== n) continue;
    // The separator that decides this entry's fallback is the next one, even across blank entries.
    if (parts[i + 1] !== ',') return undefined;
    const out = [...parts];
    out[i + 1] = '|';
    return out.join('');
  }
  return undefined;
}
