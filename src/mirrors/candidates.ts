/**
 * The mirrors `goproxy-doctor mirrors` measures: the built-in list (src/mirrors/known-mirrors.ts) or, with
 * `--list FILE`, the mirrors of a JSON file (a hook to point the command at other servers, e.g. loopback
 * stand-ins in tests), plus every URL given with `--add`. URLs are read as go reads a GOPROXY entry
 * (a bare host gets `https://`; http, https and file:// only: go1.26 src/cmd/go/internal/modfetch/proxy.go:97-103,
 * 197-215). Pure: the caller reads the file.
 */
import { checkModulePath } from '../goenv/modulepath.js';
import { checkProxyUrl } from '../goenv/proxylist.js';
import { parseGoUrl } from '../goenv/go-url.js';
import { safeText } from '../redact.js';
import { FRESHNESS_MODULES, KNOWN_MIRRORS, mirrorByHost } from './known-mirrors.js';
import type { MirrorCandidate } from './measure.js';

/** A --list file: `{"mirrors": [{"url": "...", "id": "..."}], "modules": ["..."]}`; `id` and `modules` are optional. */
export interface MirrorList {
  candidates: MirrorCandidate[];
  /** The modules whose `@latest` is compared, when the file names them. */
  modules?: string[];
}

/** The GOPROXY entry a user wrote, as go reads it, or an error in go's words. */
export function mirrorUrl(raw: string): { ok: true; url: string } | { ok: false; error: string } {
  const text = raw.trim();
  if (text === '' || text === 'direct' || text === 'off') return { ok: false, error: `${JSON.stringify(safeText(raw))} is not a proxy URL` };
  const url = /[.:/]/.test(text) && !text.includes(':/') && !text.startsWith('/') ? `https://${text}` : text;
  const error = checkProxyUrl(url);
  return error === undefined ? { ok: true, url } : { ok: false, error };
}

function hostOf(url: string): string | undefined {
  const parsed = parseGoUrl(url);
  if (!parsed.ok) return undefined;
  const host = parsed.url.host;
  return (host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '')).toLowerCase();
}

/** A candidate for a URL: the known mirror's id and facts when its host is one. */
export function candidateFor(url: string, source: MirrorCandidate['source'], id?: string): MirrorCandidate {
  const host = hostOf(url);
  const known = host !== undefined ? mirrorByHost(host) : undefined;
  return { id: id ?? known?.id ?? url, url, source, ...(known ? { known } : {}) };
}

/** The built-in list. */
export function builtinCandidates(): MirrorCandidate[] {
  return KNOWN_MIRRORS.map((m) => ({ id: m.id, url: m.url, source: 'known', known: m }));
}

/** The well-known modules compared by default. */
export function builtinModules(): string[] {
  return [...FRESHNESS_MODULES];
}

/** Parses a --list file; the error says what is wrong in one line. */
export function parseMirrorList(text: string): { ok: true; list: MirrorList } | { ok: false; error: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not JSON (${error instanceof Error ? error.message : 'parse error'})` };
  }
  const mirrors = typeof doc === 'object' && doc !== null ? (doc as { mirrors?: unknown }).mirrors : undefined;
  if (!Array.isArray(mirrors) || mirrors.length === 0) return { ok: false, error: 'expected {"mirrors": [{"url": "https://..."}, ...]} with at least one mirror' };
  const candidates: MirrorCandidate[] = [];
  for (const [i, entry] of mirrors.entries()) {
    const raw = typeof entry === 'string' ? entry : typeof entry === 'object' && entry !== null ? (entry as { url?: unknown }).url : undefined;
    if (typeof raw !== 'string') return { ok: false, error: `mirrors[${i}] has no "url"` };
    const parsed = mirrorUrl(raw);
    if (!parsed.ok) return { ok: false, error: `mirrors[${i}]: ${parsed.error}` };
    const id = typeof entry === 'object' && entry !== null && typeof (entry as { id?: unknown }).id === 'string' ? ((entry as { id: string }).id.slice(0, 200)) : undefined;
    candidates.push(candidateFor(parsed.url, 'list', id));
  }
  const modulesRaw = (doc as { modules?: unknown }).modules;
  if (modulesRaw !== undefined && (!Array.isArray(modulesRaw) || !modulesRaw.every((m) => typeof m === 'string' && checkModulePath(m) === undefined))) {
    return { ok: false, error: '"modules" must be a list of module paths' };
  }
  return { ok: true, list: { candidates, ...(modulesRaw !== undefined ? { modules: modulesRaw as string[] } : {}) } };
}
