/**
 * GOPROXY parsing exactly as cmd/go does it (go1.23 src/cmd/go/internal/modfetch/proxy.go): the list,
 * its separators and the validation of each entry, whose errors quote Go's URL parser verbatim.
 */
import { goQuote, goTrimSpace } from './go-text.js';
import { goUrlRedacted, goUrlRules, parseGoUrl, type GoUrlRules } from './go-url.js';


/**
 * One entry of the parsed GOPROXY list. `noproxy` is the hidden first entry cmd/go adds when
 * GONOPROXY is set; `url` is present for `proxy` entries only.
 */
export interface ProxySpec {
  kind: 'proxy' | 'direct' | 'off' | 'noproxy';
  url?: string;
  /**
   * True when the entry was followed by `|`: any error moves on to the next entry.
   * False means only a "not found" error (404/410 and cmd/go's internal not-exist errors) moves on.
   */
  fallBackOnError: boolean;
}

/** The parsed list, or cmd/go's verbatim error text for an invalid GOPROXY. */
export type ProxyListResult = { ok: true; specs: ProxySpec[] } | { ok: false; error: string };

/**
 * Options for {@link proxyList}: the GOOS whose `filepath.IsAbs` decides whether a bare entry is a file
 * path, and the Go version (`go1.26.8`) and OS GODEBUG whose net/url parses the URLs (go-url.ts
 * {@link goUrlRules}; go1.23's without a version).
 */
export interface ProxyListOptions {
  goos?: string;
  goVersion?: string;
  godebug?: string;
}

/** cmd/go's error when GOPROXY holds nothing but separators and spaces. mirrors go1.23 src/cmd/go/internal/modfetch/proxy.go:121-124 */
export const EMPTY_PROXY_LIST_ERROR = 'GOPROXY list is not the empty string, but contains no entries';

function isWindowsAbs(p: string): boolean {
  // filepath.IsAbs on Windows: a drive letter followed by a separator, or a UNC path.
  return /^[A-Za-z]:[\\/]/.test(p) || /^[\\/]{2}[^\\/]+[\\/]+[^\\/]/.test(p);
}

/**
 * The validation cmd/go's newProxyRepo applies to each GOPROXY URL: undefined when accepted, else its
 * error text (`invalid proxy URL missing scheme: localhost`, ...).
 * mirrors go1.23 src/cmd/go/internal/modfetch/proxy.go:197-215
 */
export function checkProxyUrl(baseUrl: string, rules?: GoUrlRules): string | undefined {
  const parsed = parseGoUrl(baseUrl, rules);
  if (!parsed.ok) return parsed.error;
  const base = parsed.url;
  const redacted = goUrlRedacted(base);
  switch (base.scheme) {
    case 'http':
    case 'https':
      return undefined;
    case 'file': {
      // Only scheme and path may be set: file:///abs/path.
      const pathOnly =
        base.opaque === '' && base.user === undefined && base.host === '' && !base.omitHost && !base.forceQuery && base.rawQuery === '' && base.fragment === '' && base.rawFragment === '';
      return pathOnly ? undefined : `invalid file:// proxy URL with non-path elements: ${redacted}`;
    }
    case '':
      return `invalid proxy URL missing scheme: ${redacted}`;
    default:
      return `invalid proxy URL scheme (must be https, http, file): ${redacted}`;
  }
}

/**
 * Parses GOPROXY (with GONOPROXY deciding the hidden `noproxy` entry) into the list cmd/go walks.
 * `,` after an entry: fall through only on "not found"; `|`: fall through on any error.
 * `off` and `direct` end the list. Bare hosts get `https://`.
 * mirrors go1.23 src/cmd/go/internal/modfetch/proxy.go:62-128 (proxyList), identical in go1.19-go1.23.
 */
export function proxyList(goproxy: string, gonoproxy: string, options: ProxyListOptions = {}): ProxyListResult {
  const windows = options.goos === 'windows';
  const rules = goUrlRules(options.goVersion, options.godebug);
  const specs: ProxySpec[] = [];
  if (gonoproxy !== '' && goproxy !== 'direct') specs.push({ kind: 'noproxy', fallBackOnError: false });

  let rest = goproxy;
  while (rest !== '') {
    let url: string;
    let fallBackOnError = false;
    const i = rest.search(/[,|]/);
    if (i >= 0) {
      url = rest.slice(0, i);
      fallBackOnError = rest[i] === '|';
      rest = rest.slice(i + 1);
    } else {
      url = rest;
      rest = '';
    }
    url = goTrimSpace(url);
    if (url === '') continue;
    if (url === 'off') {
      // "off" always fails hard, so the walk stops here.
      specs.push({ kind: 'off', fallBackOnError: false });
      break;
    }
    if (url === 'direct') {
      // Reserved as the end of the line; later entries are ignored for forward compatibility.
      specs.push({ kind: 'direct', fallBackOnError: false });
      break;
    }
    // Single words are reserved keywords; ":/" or an absolute path means a complete URL; anything else is a host.
    const isAbs = url.startsWith('/') || (windows && isWindowsAbs(url));
    if (/[.:/]/.test(url) && !url.includes(':/') && !isAbs) url = 'https://' + url;
    const error = checkProxyUrl(url, rules);
    if (error !== undefined) return { ok: false, error };
    specs.push({ kind: 'proxy', url, fallBackOnError });
  }

  if (specs.length === 0 || (specs.length === 1 && specs[0]?.kind === 'noproxy')) {
    return { ok: false, error: EMPTY_PROXY_LIST_ERROR };
  }
  return { ok: true, specs };
}

