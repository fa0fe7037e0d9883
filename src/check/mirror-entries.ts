/**
 * The GOPROXY entries go reads, as written, each with its host and the known public mirror it names (if
 * any), and the edits the mirror rules propose (drop an entry, replace one, add one before `direct`).
 * Entries are split and read as cmd/go does (go1.26 src/cmd/go/internal/modfetch/proxy.go:68-103: split at
 * `,` and `|`, trimmed, `direct`/`off` end the list, a bare host gets `https://`). Pure.
 */
import { parseGoUrl } from '../goenv/go-url.js';
import { proxyList } from '../goenv/proxylist.js';
import { mirrorByHost, type KnownMirror } from '../mirrors/known-mirrors.js';
import { joinEntries, writtenEntries, type WrittenEntry } from './goproxy-corrections.js';
import { hostnameOf } from './rule-kit.js';

/** A proxy entry go reads. */
export interface ProxyEntry {
  /** Position among the written entries. */
  position: number;
  /** As written. */
  text: string;
  /** The URL go uses (a bare host gets `https://`). */
  url: string;
  /** Host name, lower case, without port or brackets. */
  host: string;
  /** The known public mirror at that host, if any. */
  mirror?: KnownMirror;
}

/** The URL go makes of a written entry, or undefined for keywords and file paths. mirrors go1.26 src/cmd/go/internal/modfetch/proxy.go:97-103 */
export function entryUrl(text: string): string | undefined {
  if (text === 'direct' || text === 'off') return undefined;
  if (/[.:/]/.test(text) && !text.includes(':/') && !text.startsWith('/')) return `https://${text}`;
  return text.includes(':/') ? text : undefined;
}

/** The proxy entries (http and https) go reads, up to `direct` or `off`. */
export function proxyEntries(goproxy: string): ProxyEntry[] {
  const out: ProxyEntry[] = [];
  writtenEntries(goproxy).some((entry, position) => {
    if (entry.text === 'direct' || entry.text === 'off') return true;
    const url = entryUrl(entry.text);
    const parsed = url !== undefined ? parseGoUrl(url) : undefined;
    if (!parsed?.ok || (parsed.url.scheme !== 'http' && parsed.url.scheme !== 'https') || parsed.url.host === '') return false;
    const host = hostnameOf(parsed.url.host).toLowerCase();
    const mirror = mirrorByHost(host);
    out.push({ position, text: entry.text, url: url as string, host, ...(mirror ? { mirror } : {}) });
    return false;
  });
  return out;
}

/** GOPROXY with the entries at these positions removed; undefined when nothing valid would be left. */
export function goproxyWithout(goproxy: string, positions: ReadonlySet<number>): string | undefined {
  const kept = writtenEntries(goproxy).filter((_, i) => !positions.has(i));
  if (kept.length === 0 || kept.every((e) => e.text === 'direct' || e.text === 'off')) return undefined;
  const value = joinEntries(kept);
  return proxyList(value, '').ok ? value : undefined;
}

/** GOPROXY with the entry at `position` written as `text` (its separator kept). */
export function goproxyReplacing(goproxy: string, position: number, text: string): string {
  return joinEntries(writtenEntries(goproxy).map((e, i) => (i === position ? { ...e, text } : e)));
}

/**
 * GOPROXY with `url` added where it changes the least: just before `direct`/`off`, else at the end (with a
 * `,` after the entry before it); unchanged when the list already has it.
 */
export function goproxyAdding(goproxy: string, url: string): string {
  const entries = writtenEntries(goproxy);
  if (entries.some((e) => entryUrl(e.text)?.replace(/\/+$/, '') === url.replace(/\/+$/, ''))) return joinEntries(entries);
  const stop = entries.findIndex((e) => e.text === 'direct' || e.text === 'off');
  const at = stop < 0 ? entries.length : stop;
  const added: WrittenEntry = { text: url, separator: ',' };
  const before = entries.slice(0, at).map((e, i, all) => (i === all.length - 1 && e.separator === '' ? { ...e, separator: ',' as const } : e));
  return joinEntries([...before, added, ...entries.slice(at)]);
}
