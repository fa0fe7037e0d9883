/**
 * GOPROXY values that cmd/go reads differently from how they were meant, and the value that says what
 * was meant: entries joined with `;` (go splits only at `,` and `|`) and entries after `direct` or `off`
 * (go stops reading there); and the `|` that lets go move on after an entry's errors. Shared by the
 * goproxy-semicolon, goproxy-unreachable-entries, goproxy-invalid and module-fetch-failed rules. Pure.
 */
import { goTrimSpace } from '../goenv/go-text.js';
import { proxyList } from '../goenv/proxylist.js';

/** One entry as written, with the separator that follows it (`''` at the end of the value). */
export interface WrittenEntry {
  text: string;
  separator: ',' | '|' | '';
}

/**
 * The entries of a GOPROXY value in writing order, blank ones dropped, each with the separator after it.
 * mirrors go1.26 src/cmd/go/internal/modfetch/proxy.go:68-83: split at `,` and `|` only, trim, skip blanks.
 */
export function writtenEntries(goproxy: string): WrittenEntry[] {
  const parts = goproxy.split(/([,|])/);
  const out: WrittenEntry[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const text = goTrimSpace(parts[i] ?? '');
    const separator = (parts[i + 1] ?? '') as WrittenEntry['separator'];
    // The separator right after an entry decides its fallback; a blank entry's separator decides nothing.
    if (text !== '') out.push({ text, separator });
  }
  return out;
}

/** Writes entries back as a GOPROXY value; an entry without a separator before another gets `,`. */
export function joinEntries(entries: readonly WrittenEntry[]): string {
  return entries.map((e, i) => (i === entries.length - 1 ? e.text : `${e.text}${e.separator === '' ? ',' : e.separator}`)).join('');
}

/** Whether the text after a `;` reads as a GOPROXY entry of its own: a keyword, a URL with a scheme, or a host name. */
function looksLikeEntry(piece: string): boolean {
  if (piece === 'direct' || piece === 'off') return true;
  if (/^[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\//.test(piece)) return true;
  return /^[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,20}(?::[0-9]{1,5})?(?:\/|$)/.test(piece);
}

/** Whether `;` in one written entry stands between entries (everything after each `;` is empty or an entry). */
function semicolonPieces(entry: string): string[] | undefined {
  if (!entry.includes(';')) return undefined;
  const pieces = entry.split(';').map(goTrimSpace);
  if (!pieces.slice(1).every((p) => p === '' || looksLikeEntry(p))) return undefined;
  const kept = pieces.filter((p) => p !== '');
  return kept.length > 0 ? kept : undefined;
}

/** The stop entry (`direct` or `off`) and what is written after it, when anything is. */
export interface UnreachableEntries {
  stop: 'direct' | 'off';
  /** The entries before the stop entry. */
  before: WrittenEntry[];
  /** The entries after it, which go never reads. */
  ignored: WrittenEntry[];
  /** What go really uses: everything up to and including the stop entry. */
  asGoReadsIt: string;
  /**
   * Every entry reachable: `direct` moved to the end, or `off` removed. Undefined when that value is not a
   * valid GOPROXY (an ignored entry go never validated would now be read and rejected).
   */
  allReachable?: string;
}

/**
 * The entries after `direct` or `off`, which cmd/go never reads: both end the list.
 * mirrors go1.26 src/cmd/go/internal/modfetch/proxy.go:84-95.
 */
export function unreachableEntries(goproxy: string): UnreachableEntries | undefined {
  const entries = writtenEntries(goproxy);
  const at = entries.findIndex((e) => e.text === 'direct' || e.text === 'off');
  if (at < 0 || at === entries.length - 1) return undefined;
  const stopEntry = entries[at] as WrittenEntry;
  const stop = stopEntry.text as 'direct' | 'off';
  const before = entries.slice(0, at);
  const ignored = entries.slice(at + 1);
  const asGoReadsIt = joinEntries([...before, { text: stop, separator: '' }]);
  // The entry written just before the stop entry keeps its separator; the last ignored one then needs one.
  const lastIgnored = ignored[ignored.length - 1] as WrittenEntry;
  const reordered =
    stop === 'direct'
      ? joinEntries([...before, ...ignored.slice(0, -1), { text: lastIgnored.text, separator: before[before.length - 1]?.separator || ',' }, { text: 'direct', separator: '' }])
      : joinEntries([...before, ...ignored]);
  const out: UnreachableEntries = { stop, before, ignored, asGoReadsIt };
  if (proxyList(reordered, '').ok) out.allReachable = reordered;
  return out;
}

/** Entries written with `;` between them, and the value with real separators. */
export interface SemicolonEntries {
  /** The written entries that hold a `;` used as a separator. */
  entries: string[];
  /**
   * The value with each such `;` made a `,` (and, when that leaves entries after `direct`/`off`, those made
   * reachable). Undefined when that value would still not be a valid GOPROXY.
   */
  corrected?: string;
}

/**
 * GOPROXY entries that hold `;` where a separator was meant, e.g. `https://goproxy.cn;direct`: cmd/go splits
 * only at `,` and `|` (go1.26 src/cmd/go/internal/modfetch/proxy.go:71), so the whole text is one URL.
 * Only the entries go reads (up to `direct` or `off`) are looked at.
 */
export function semicolonEntries(goproxy: string): SemicolonEntries | undefined {
  const entries = writtenEntries(goproxy);
  const rewritten: WrittenEntry[] = [];
  const found: string[] = [];
  let reading = true;
  for (const entry of entries) {
    const pieces = reading ? semicolonPieces(entry.text) : undefined;
    if (entry.text === 'direct' || entry.text === 'off') reading = false;
    if (pieces === undefined) {
      rewritten.push(entry);
      continue;
    }
    found.push(entry.text);
    pieces.forEach((text, i) => rewritten.push({ text, separator: i === pieces.length - 1 ? entry.separator : ',' }));
  }
  if (found.length === 0) return undefined;
  let corrected = joinEntries(rewritten);
  const unreachable = unreachableEntries(corrected);
  if (unreachable) corrected = unreachable.allReachable ?? unreachable.asGoReadsIt;
  return proxyList(corrected, '').ok ? { entries: found, corrected } : { entries: found };
}

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
