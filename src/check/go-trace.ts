/**
 * What the real `go mod download -x -json` printed, read back as facts, and set beside `check`'s
 * prediction: go's `# get` trace lines (go1.26 src/cmd/go/internal/web/http.go:95,125,211,267, the same
 * shape in go1.19-go1.23), its JSON results (one `{Path, Version, Error, ...}` object per module,
 * go1.26 src/cmd/go/internal/modcmd/download.go), and per module which GOPROXY entry served it or failed.
 * Pure: with-go.ts runs go; this file only reads text. Every regular expression here is linear.
 */
import { escapePath, escapeVersion } from '../goenv/modulepath.js';
import type { ProxySpec } from '../goenv/proxylist.js';
import { redactUrl, safeText } from '../redact.js';
import { t } from '../i18n/language.js';

/** One request go traced: the `# get URL` line and, when go printed it, the answer line. */
export interface GoRequest {
  /** The URL as go printed it (go redacts passwords), made safe by position. */
  url: string;
  /** What came back: `200 OK`, `404 Not Found`, or go's error text; absent when go never finished it. */
  answer?: string;
  /** The HTTP status, when the answer is one. */
  status?: number;
}

/** go's JSON result for one module. */
export interface GoDownloadResult {
  path: string;
  version: string;
  /** go's error for this module, made safe to print. */
  error?: string;
}

/** Everything the cross-check learned from one `go mod download -x -json` run. */
export interface WithGoFacts {
  /** The command as run, for the report (`go mod download -x -json M@V ...`). */
  command: string;
  /** The modules asked for, `path@version`. */
  modules: string[];
  /** Modules left out, and why (no exact version, a toolchain download). */
  skipped: Array<{ module: string; reason: string }>;
  exitCode: number;
  /** go was stopped at the deadline; the trace is what it printed until then. */
  timedOut: boolean;
  /** go could not be started at all (ENOENT, EACCES, ...). */
  startError?: string;
  durationMs: number;
  requests: GoRequest[];
  results: GoDownloadResult[];
  /** stderr lines that are not `# get` trace lines (go's own `go: ...` errors), made safe to print. */
  otherStderr: string[];
}

// `# get <url>` or `# get <url>: <answer>` where the answer may end in ` (0.123s)`. go prints URLs redacted
// and without spaces (url.URL.Redacted), so the URL ends at the first space or at `: `.
const GET_LINE = /^# get (\S+?)(?:: (.*))?$/;
const ELAPSED = / \(\d{1,9}(?:\.\d{1,9})?s\)$/;

/** The `# get` lines of go's stderr, paired start with answer, in the order go started them. */
export function parseGetLines(stderr: string): { requests: GoRequest[]; other: string[] } {
  const requests: GoRequest[] = [];
  const other: string[] = [];
  const open = new Map<string, GoRequest[]>();
  for (const raw of stderr.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const m = GET_LINE.exec(line.length > 16_384 ? line.slice(0, 16_384) : line);
    if (!m) {
      other.push(safeText(line));
      continue;
    }
    const url = safeText(m[1] ?? '');
    if (m[2] === undefined) {
      const request: GoRequest = { url };
      requests.push(request);
      open.set(url, [...(open.get(url) ?? []), request]);
      continue;
    }
    const answer = safeText(m[2].replace(ELAPSED, ''));
    const pending = open.get(url);
    const request = pending?.shift() ?? (() => {
      // An answer without a start line (the insecure fallbacks print only one line).
      const r: GoRequest = { url };
      requests.push(r);
      return r;
    })();
    request.answer = answer;
    const status = /^(\d{3}) /.exec(answer);
    if (status) request.status = Number(status[1]);
  }
  return { requests, other };
}

/**
 * go's JSON results: a stream of objects, one per module (pretty-printed, one after another). Scanned for
 * balanced braces outside strings, so text between objects is skipped.
 */
export function parseDownloadJson(stdout: string): GoDownloadResult[] {
  const out: GoDownloadResult[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < stdout.length; i++) {
    const c = stdout[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = depth > 0;
    else if (c === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}' && depth > 0) {
      depth--;
      if (depth === 0 && start >= 0) {
        try {
          const value = JSON.parse(stdout.slice(start, i + 1)) as { Path?: unknown; Version?: unknown; Error?: unknown };
          if (typeof value.Path === 'string') {
            out.push({
              path: value.Path,
              version: typeof value.Version === 'string' ? value.Version : '',
              ...(typeof value.Error === 'string' && value.Error !== '' ? { error: safeText(value.Error) } : {}),
            });
          }
        } catch {
          // Not a result object; skip it.
        }
        start = -1;
      }
    }
  }
  return out;
}

/** How go fared with one module, read from its trace and result. */
export interface GoModuleOutcome {
  module: string;
  version: string;
  /** go downloaded it (a JSON result without Error). */
  ok: boolean;
  /** go's error, when it failed (its JSON Error, else its first `go:` line). */
  error?: string;
  /** Where it failed: fetching from the chain, or verifying against go.sum or the checksum database. */
  stage?: 'fetch' | 'verify';
  /** The requests go made for this module (its proxy paths and its checksum lookup), in order. */
  requests: GoRequest[];
  /** The chain index whose 200 go used for the module (its .zip, else its .info/.mod); absent when nothing traced served it. */
  servedBy?: number;
  /** The chain index whose URL go's error names. */
  errorEntry?: number;
}

function decoded(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

/** The chain entry (index into `specs`) a URL go requested belongs to: the longest proxy base it starts with. */
export function entryOfUrl(url: string, specs: readonly ProxySpec[]): number | undefined {
  let best: { index: number; length: number } | undefined;
  specs.forEach((spec, index) => {
    if (spec.kind !== 'proxy' || spec.url === undefined) return;
    const base = redactUrl(spec.url).replace(/[?#].*$/, '').replace(/\/+$/, '');
    if ((url === base || url.startsWith(`${base}/`)) && (best === undefined || base.length > best.length)) best = { index, length: base.length };
  });
  return best?.index;
}

/** Whether a traced URL is about this module: its proxy paths (`/<module>/@v/…`, `/@latest`) or its checksum lookup. */
export function urlIsAbout(url: string, path: string, version: string): boolean {
  let escapedPath: string;
  let escapedVersion: string;
  try {
    escapedPath = escapePath(path);
    escapedVersion = escapeVersion(version);
  } catch {
    return false;
  }
  const u = decoded(url);
  return u.includes(`/${escapedPath}/@v/`) || u.endsWith(`/${escapedPath}/@latest`) || u.includes(`/lookup/${escapedPath}@${escapedVersion}`);
}

const VERIFY_ERROR = /\bverifying\b|checksum mismatch|SECURITY ERROR/;

/** go's outcome for each module it was asked about, read against the chain check resolved. */
export function goOutcomes(facts: WithGoFacts, specs: readonly ProxySpec[]): GoModuleOutcome[] {
  const firstGoError = facts.otherStderr.find((l) => l.startsWith('go: '));
  return facts.modules.map((label) => {
    const at = label.lastIndexOf('@');
    const path = label.slice(0, at);
    const version = label.slice(at + 1);
    const result = facts.results.find((r) => r.path === path && r.version === version);
    const requests = facts.requests.filter((r) => urlIsAbout(r.url, path, version));
    const ok = result !== undefined && result.error === undefined && !facts.timedOut;
    const outcome: GoModuleOutcome = { module: path, version, ok, requests };
    if (!ok) {
      const error = result?.error ?? firstGoError ?? (facts.timedOut ? t`go was stopped at the deadline` : t`go exited with status ${facts.exitCode} and no result`);
      outcome.error = error;
      outcome.stage = VERIFY_ERROR.test(error) ? 'verify' : 'fetch';
      const named = entryOfUrl(error.match(/\b(?:https?|file):\/\/[^\s"]+/)?.[0] ?? '', specs);
      if (named !== undefined) outcome.errorEntry = named;
    }
    const served = [...requests].reverse().find((r) => r.status === 200 && /\.zip$/.test(r.url)) ?? [...requests].reverse().find((r) => r.status === 200 && /\.(?:info|mod)$/.test(r.url));
    const servedBy = served ? entryOfUrl(served.url, specs) : undefined;
    if (ok && servedBy !== undefined) outcome.servedBy = servedBy;
    return outcome;
  });
}

/** One request as a trace line, the way go printed it. */
export function traceLine(r: GoRequest): string {
  // go prints `# get URL` and `# get URL: answer`; a request it never finished is marked as such.
  if (r.answer !== undefined) return `# get ${r.url}: ${r.answer}`;
  const noAnswer = t`(no answer)`;
  return `# get ${r.url} ${noAnswer}`;
}
