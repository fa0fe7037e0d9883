/**
 * Facts read once per log block and shared by every scenario: which module and version failed,
 * which URL was being fetched, the HTTP status, the proxy's `server response:` text and a few
 * signals (a checksum-database request, a toolchain download, a CONNECT through an HTTP proxy,
 * a credential failure). Scenarios decide what the facts mean; this file only reads them.
 */
import { redactUrl } from '../redact.js';
import type { ExtractedFields, LogBlock } from './types.js';

/** Everything the scenarios share about one block. */
export interface BlockFacts {
  /** The first line of the block. */
  readonly head: string;
  /**
   * The block without its `server response:` text: what cmd/go itself says. Signals found only in the
   * response describe what went wrong on the proxy's side, not on ours.
   */
  readonly ownText: string;
  /** The text after `server response:` (lines joined with `\n`, tabs removed), when present. */
  readonly serverResponse?: string;
  /**
   * The block is a module proxy's response body quoted on its own (`not found: module M: git ls-remote …`,
   * fetched by hand or shown without go's head): all of it is `serverResponse`.
   */
  readonly proxyBody: boolean;
  readonly module?: string;
  readonly version?: string;
  /**
   * The module whose extracted files hold the failing import (`…/pkg/mod/M@V/file.go:6:8: <error>`): go
   * reports an import's failure at the importing file, so this module loaded fine; the failure is in
   * the module that provides the imported package.
   */
  readonly importer?: string;
  /** The failing URL, password redacted. */
  readonly url?: string;
  /** Host (with port, if any) of the failing URL. */
  readonly urlHost?: string;
  /** What the failing URL asked a module proxy for, when it has the protocol's shape. */
  readonly proxyRequest?: 'list' | 'latest' | 'info' | 'mod' | 'zip';
  /**
   * The HTTP status of the failing request, read where go prints one: `reading <URL>: <code> <reason>`,
   * `unexpected status (<URL>): <code> <reason>` (Go 1.11–1.12) or a CONNECT reply's reason phrase.
   */
  readonly status?: number;
  /** The reason phrase after the status, as the server sent it. */
  readonly statusReason?: string;
  /**
   * The reason phrase is not net/http's for that code (`401 authenticationrequired`): some gateway
   * or appliance answered, not a Go module proxy or a common web server.
   */
  readonly nonStandardReason: boolean;
  /** True when the status came from an HTTP proxy's reply to CONNECT (`Get "<URL>": Forbidden`). */
  readonly connectReply: boolean;
  /** `Get "<URL>": <reason>` with a reason phrase net/http does not map to a status. */
  readonly bareReason?: string;
  /** The failing request went to a checksum database (lookup, tile, latest, `/sumdb/…/supported`). */
  readonly sumdb: boolean;
  /** The failure concerns a Go toolchain download (`golang.org/toolchain`, `download go1.N`). */
  readonly toolchain: boolean;
  /** The failure is a direct (VCS or `?go-get=1`) fetch, not a proxy request. */
  readonly direct: boolean;
  /** The connection went through an HTTP proxy from HTTPS_PROXY/HTTP_PROXY (`proxyconnect tcp:`). */
  readonly proxyConnect: boolean;
  /** The `host:port` of that HTTP proxy, when the dial error names it. */
  readonly proxyAddress?: string;
  /** A line showing that git or an upstream server rejected or lacked credentials. */
  readonly credentialFailure?: string;
  /** The credential failure appears only inside the proxy's `server response:` (the proxy's own fetch failed). */
  readonly credentialFailureInResponse: boolean;
  /** The failing URL's host is a public module proxy that never asks for credentials. */
  readonly publicProxy: boolean;
  /**
   * The block is about fetching modules: go's own head (`go: `, `go get M: `, `verifying `), a module
   * error `M@V: `, a request in the module proxy, checksum database or toolchain protocol (`/@v/`,
   * `/@latest`, `?go-get=1`), a git fetch go ran, go's own help text, or a module cache path. Transport
   * errors (refused, reset, x509, lookup …) are diagnosed only with it: programs and tests print the
   * same words about their own requests.
   */
  readonly fetchContext: boolean;
}

/** Public module proxies: they serve anyone and never ask for credentials, so a 401/403 from them is not about your credentials. */
export const PUBLIC_PROXY_HOSTS: readonly string[] = [
  'proxy.golang.org',
  'goproxy.io',
  'goproxy.cn',
  'proxy.golang.com.cn',
  'goproxy.baidu.com',
  'mirrors.aliyun.com',
  'mirrors.cloud.tencent.com',
  'mirrors.tencent.com',
  'goproxy.bj.bcebos.com',
  'repo.huaweicloud.com',
];

/** The public checksum database and its mirror (go1.23 src/cmd/go/internal/modfetch/sumdb.go:99-101). */
export const PUBLIC_SUMDB_HOSTS: readonly string[] = ['sum.golang.org', 'sum.golang.google.cn'];

// Reason phrases of net/http (go1.23 src/net/http/status.go StatusText) for the statuses a module
// fetch meets. A failed CONNECT returns the phrase alone as the error text
// (go1.23 src/net/http/transport.go:1844-1851): `Get "<URL>": <reason>`.
const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  429: 'Too Many Requests',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};
const CONNECT_REASONS: ReadonlyMap<string, number> = new Map(Object.entries(REASONS).map(([code, reason]) => [reason, Number(code)]));

// Bounded (module paths and versions are short), so a pattern built from them scans a bounded stretch
// from each place it starts: see signals.ts.
const MODULE_CHARS = String.raw`[A-Za-z0-9][A-Za-z0-9._~+\-/]{0,255}`;
const VERSION_CHARS = String.raw`[A-Za-z0-9][A-Za-z0-9._+\-]{0,127}`;

// `verifying M@V: checksum mismatch` (go.sum, no `go:` prefix): go1.23 src/cmd/go/internal/modfetch/fetch.go:728.
const GOSUM_VERIFYING = new RegExp(String.raw`verifying (${MODULE_CHARS})@(${VERSION_CHARS})(?:/go\.mod)?: `);
// `M@V: ...` as module.ModuleError prints it: go1.23 src/cmd/vendor/golang.org/x/mod/module/module.go:157-165.
const MODULE_AT_VERSION = new RegExp(String.raw`(?:^|[\s"'(])(${MODULE_CHARS})@(${VERSION_CHARS})(?:/go\.mod)?:(?:\s|$)`, 'm');
const MODULE_WITHOUT_VERSION = new RegExp(String.raw`(?:^|[\s:])module (${MODULE_CHARS}): `, 'm');
const UNRECOGNIZED_IMPORT = new RegExp(String.raw`unrecognized import path "(${MODULE_CHARS})"`);
// One line of an import chain (`\t<path>: <error>`), tried on each line after an `imports` line.
const IMPORTS_CHAIN_LINE = new RegExp(String.raw`^[\t ]{1,16}(${MODULE_CHARS}): `);
const PROVIDING_PACKAGE = new RegExp(String.raw`(?:providing|provide) package (${MODULE_CHARS})`);
const GO_MOD_DOWNLOAD_HINT = new RegExp(String.raw`\n\tgo mod download (${MODULE_CHARS})`);
const SUMDB_LOOKUP_PATH = new RegExp(String.raw`/lookup/(${MODULE_CHARS})@(${VERSION_CHARS})`);
const PACKAGE_PREFIX = new RegExp(String.raw`^package (${MODULE_CHARS}): `, 'm');
// Go 1.11–1.15 named the argument in the head: `go get M: <error>` (go1.12 src/cmd/go/internal/modget/get.go).
const GO_GET_ARGUMENT = new RegExp(String.raw`^go (?:get|install|mod download) (${MODULE_CHARS}): `, 'm');
// A file in the module cache: `<GOMODCACHE>/M@V/…` (go1.23 src/cmd/go/internal/modfetch/fetch.go DownloadDir).
// Paths in the cache are case-escaped (`!x` for `X`).
const MODULE_CACHE_FILE = new RegExp(String.raw`[/\\]pkg[/\\]mod[/\\]([A-Za-z0-9!][A-Za-z0-9._~+\-/!]{0,255})@([A-Za-z0-9!][A-Za-z0-9._+\-!]{0,127})[/\\]`);

// go's own head: `go: `, `go get: `, `go get M: `, `go mod tidy: ` (go1.23 src/cmd/go/internal/base/base.go Errorf;
// Go 1.11–1.15 put the subcommand, and sometimes its argument, first). Anywhere a line starts, or after
// the prefix a wrapping tool put before it.
const GO_HEAD = /(?:^|[\s>|\]"])go(?: [a-z][\w-]{0,19})?(?: [a-z][\w-]{0,19})?(?: [^\s:]{1,300})?: |^verifying /m;
// Requests in the module proxy protocol (also the `@v/<version>.zip` end of a URL cut in two) and direct-mode
// discovery (go1.23 src/cmd/go/internal/modfetch/proxy.go, src/cmd/go/internal/vcs/vcs.go ?go-get=1), go's git
// runs and help text, and the module cache.
const FETCH_WORDS =
  /\/@v\/|@v\/[^\s"/]{1,128}\.(?:info|mod|zip)\b|\/@latest|\?go-get=1|unrecognized import path|\bgit ls-remote|Confirm the import path was entered correctly|If this is a private repository, see https:\/\/golang\.org\/doc\/faq#git_https|[/\\]pkg[/\\]mod[/\\]|parsing go\.mod|golang\.org\/toolchain/;

// `reading <URL>: <status> <reason>`: go1.23 src/cmd/go/internal/web/api.go:48-55.
const READING_STATUS = /reading (\S{1,512}?): (\d{3})(?: ([^\n]{0,200}))?/;
// Go 1.11–1.12: `unexpected status (<URL>): <status> <reason>` (go1.12 src/cmd/go/internal/web2/web.go Get).
const UNEXPECTED_STATUS = /unexpected status \(([^\s()]{1,512})\): (\d{3})(?: ([^\n]{0,200}))?/;
// `Get "<URL>": …` (Go 1.14+ quote the URL: go1.14 src/net/url/url.go Error); `Get <URL>: …` before.
const GET_URL = /\b(?:Get|read|Head|Post) (?:"([^"\s]{1,512})"|((?:https?|file):\/\/[^\s"]{1,512}?):(?=\s|$))/;
// A quoted URL that starts the block: the `Get ` of a cut or wrapped line lost.
const QUOTED_URL_HEAD = /^"((?:https?|file):\/\/[^"\s]{1,512})": /;
const READING_URL = /\breading ((?:https?|file):\/\/[^\s"]{1,512}?):?(?:\s|$)/;
const GIT_URL = /unable to access '([^'\n]{1,512})'/;
const CONNECT_REPLY = /\bGet "[^"\n]{1,512}": ([A-Z][A-Za-z ]{0,40})$/m;
const PROXY_CONNECT = /proxyconnect tcp: (?:dial tcp (\S{1,260}?): |dial tcp: lookup ([^\s:]{1,253}?)(?: on \S{1,260}?)?: )?/;
// A module proxy's error body (proxy.golang.org answers `not found: <why>` with 404 and `gone: …` with 410).
const PROXY_BODY_HEAD = /^(?:not found|gone): /;

/** Text that shows missing or rejected credentials, from git, a code host or an HTTP server. */
export const CREDENTIAL_FAILURE =
  /could not read (?:Username|Password)|terminal prompts disabled|Authentication failed|Permission denied \((?:publickey|keyboard-interactive)[^)\n]{0,100}\)|Host key verification failed|HTTP Basic: Access denied|Invalid username or password|Repository not found|\b401 Unauthorized\b|\b403 Forbidden\b|The requested URL returned error: 40[13]|Bad credentials|(?<!Proxy )authentication required/i;

const SUMDB_PATH = /\/(?:lookup|tile)\/|\/latest$|\/sumdb\//;

function firstMatch(text: string, pattern: RegExp): RegExpMatchArray | undefined {
  return text.match(pattern) ?? undefined;
}

/** `text` without the characters of `characters` at its end. */
function trimTrailing(text: string, characters: string): string {
  let end = text.length;
  while (end > 0 && characters.includes(text.charAt(end - 1))) end -= 1;
  return text.slice(0, end);
}

/**
 * The package an import chain ends in: go prints `<importer> imports\n\t<path> imports\n\t<path>: <error>`
 * (go1.23 src/cmd/go/internal/load/pkg.go ImportStack), so the first tab-indented line after an
 * `imports` line that carries an error names it.
 */
function importChainModule(lines: readonly string[]): RegExpMatchArray | undefined {
  const start = lines.findIndex((line) => line.endsWith(' imports'));
  if (start < 0) return undefined;
  for (let index = start + 1; index < lines.length; index++) {
    const line = lines[index] as string;
    if (!line.startsWith('\t') && !line.startsWith(' ')) return undefined;
    const found = IMPORTS_CHAIN_LINE.exec(line);
    if (found) return found;
  }
  return undefined;
}

/** A module path as go downloads them: its first element is a host name, with a dot. */
function looksLikeModulePath(path: string): boolean {
  const first = path.split('/')[0] ?? '';
  return first.includes('.') && !first.startsWith('.') && !first.endsWith('.');
}

/** A version or version query after `@`: semver, a commit hash, or a query word (not a host name: `user@example.com`). */
function looksLikeVersion(version: string): boolean {
  return /^v\d/.test(version) || /^[0-9a-f]{7,40}$/.test(version) || !version.includes('.');
}

/** The module path in a module proxy URL's path, with its case escapes (`!x` for `X`) undone. */
function moduleFromProxyPath(path: string): { module: string; version?: string; request: NonNullable<BlockFacts['proxyRequest']> } | undefined {
  const at = path.indexOf('/@');
  if (at < 0) return undefined;
  const tail = path.slice(at + 1);
  let request: NonNullable<BlockFacts['proxyRequest']>;
  let version: string | undefined;
  if (tail === '@v/list') request = 'list';
  else if (tail === '@latest') request = 'latest';
  else {
    const file = /^@v\/(.{1,128})\.(info|mod|zip)$/.exec(tail);
    if (!file) return undefined;
    version = decodeEscapes(file[1] as string);
    request = file[2] as 'info' | 'mod' | 'zip';
  }
  // The proxy's own base path comes first: the module path starts at the first element with a dot.
  const elements = path.slice(1, at).split('/');
  const first = elements.findIndex((element) => element.includes('.'));
  if (first < 0) return undefined;
  const module = decodeEscapes(elements.slice(first).join('/'));
  return { module, ...(version !== undefined ? { version } : {}), request };
}

// Module proxy paths escape upper case as `!` + lower case (go1.23 src/cmd/vendor/golang.org/x/mod/module/module.go EscapePath).
function decodeEscapes(text: string): string {
  let decoded = text;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    // keep the raw text
  }
  return decoded.replace(/!([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

function hostOf(url: string): string | undefined {
  try {
    const host = new URL(url).host;
    return host === '' ? undefined : host;
  } catch {
    return undefined;
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}

function hostnameOf(hostWithPort: string): string {
  if (hostWithPort.startsWith('[')) return hostWithPort.slice(1, hostWithPort.indexOf(']'));
  const colon = hostWithPort.lastIndexOf(':');
  return colon > 0 && /^\d{1,5}$/.test(hostWithPort.slice(colon + 1)) ? hostWithPort.slice(0, colon) : hostWithPort;
}

/** The host part of `host:port` (IPv6 brackets removed). */
export function hostnameOfAddress(address: string): string {
  return hostnameOf(address);
}

/** Whether a host is one of the public module proxies (PUBLIC_PROXY_HOSTS). */
export function isPublicProxyHost(hostWithPort: string): boolean {
  return PUBLIC_PROXY_HOSTS.includes(hostnameOf(hostWithPort).toLowerCase());
}

/**
 * Splits off the `server response:` text cmd/go appends to HTTP errors
 * (go1.23 src/cmd/go/internal/web/api.go:48-55, 130-168): one line as `\tserver response: <text>`,
 * several as `\tserver response:\n\t<l1>\n\t<l2>`.
 */
function splitServerResponse(lines: readonly string[]): { own: string[]; response?: string } {
  const index = lines.findIndex((line) => line.trimStart().startsWith('server response:'));
  if (index < 0) return { own: [...lines] };
  const first = (lines[index] as string).trimStart().slice('server response:'.length).replace(/^\s/, '');
  const rest = lines.slice(index + 1).map((line) => line.replace(/^\t/, ''));
  const response = [first, ...rest].filter((line, i) => i > 0 || line !== '').join('\n');
  return { own: lines.slice(0, index), response };
}

/** The status, its reason, and whether the reason is net/http's own for that code. */
function readStatus(found: RegExpMatchArray | undefined): { status: number; reason?: string; nonStandard: boolean } | undefined {
  if (!found) return undefined;
  const status = Number(found[2]);
  const reason = found[3]?.trim();
  const standard = REASONS[status];
  const squash = (text: string): string => text.toLowerCase().replace(/[^a-z]/g, '');
  const nonStandard = reason !== undefined && reason !== '' && standard !== undefined && squash(reason) !== squash(standard);
  return { status, ...(reason !== undefined && reason !== '' ? { reason } : {}), nonStandard };
}

/** Reads the facts of one block. Pure and linear in the block's size. */
export function analyzeBlock(block: LogBlock): BlockFacts {
  const head = block.lines[0] ?? '';
  const proxyBody = PROXY_BODY_HEAD.test(head);
  const split = proxyBody ? { own: [] as string[], response: block.lines.map((line) => line.replace(/^\t/, '')).join('\n') } : splitServerResponse(block.lines);
  const { own, response } = split;
  const ownText = own.join('\n');
  // What names modules and URLs: go's own text, or the quoted body when that is all there is.
  const subject = proxyBody ? (response ?? '') : ownText;

  let module: string | undefined;
  let version: string | undefined;
  const gosum = firstMatch(subject, GOSUM_VERIFYING);
  const atVersion = firstMatch(subject, MODULE_AT_VERSION);
  const pair = gosum ?? (atVersion && looksLikeVersion(atVersion[2] as string) ? atVersion : undefined);
  if (pair) {
    module = pair[1];
    version = pair[2];
  } else {
    const candidates = [MODULE_WITHOUT_VERSION, UNRECOGNIZED_IMPORT, IMPORTS_CHAIN_LINE, PROVIDING_PACKAGE, GO_MOD_DOWNLOAD_HINT, PACKAGE_PREFIX, GO_GET_ARGUMENT];
    for (const pattern of candidates) {
      const found = pattern === IMPORTS_CHAIN_LINE ? importChainModule(own) : firstMatch(subject, pattern);
      if (found) {
        module = found[1];
        break;
      }
    }
    const lookup = firstMatch(subject, SUMDB_LOOKUP_PATH);
    if (lookup) {
      module ??= lookup[1];
      version = lookup[2];
    }
  }
  if (module !== undefined) module = trimTrailing(module, '/.');
  const cached = firstMatch(ownText, MODULE_CACHE_FILE);
  const importer = cached ? `${decodeEscapes(cached[1] as string)}@${decodeEscapes(cached[2] as string)}` : undefined;

  let url: string | undefined;
  let status: number | undefined;
  let statusReason: string | undefined;
  let nonStandardReason = false;
  let connectReply = false;
  let bareReason: string | undefined;
  const statusMatch = firstMatch(ownText, READING_STATUS) ?? firstMatch(ownText, UNEXPECTED_STATUS);
  const parsed = readStatus(statusMatch);
  if (statusMatch && parsed) {
    url = statusMatch[1];
    status = parsed.status;
    statusReason = parsed.reason;
    nonStandardReason = parsed.nonStandard;
  } else {
    const get = firstMatch(ownText, GET_URL);
    const quoted = get ? undefined : firstMatch(ownText, QUOTED_URL_HEAD);
    const other = get ?? quoted ?? firstMatch(ownText, READING_URL) ?? firstMatch(ownText, GIT_URL);
    if (other) url = other[1] ?? other[2];
    const reply = firstMatch(ownText, CONNECT_REPLY);
    if (reply) {
      const reason = (reply[1] as string).trim();
      const code = CONNECT_REASONS.get(reason);
      if (code !== undefined) {
        status = code;
        statusReason = reason;
        connectReply = true;
      } else if (reason !== 'EOF') {
        bareReason = reason;
      }
    }
  }
  if (url !== undefined) url = redactUrl(trimTrailing(url, '.,;'));
  const urlHost = url === undefined ? undefined : hostOf(url);
  const urlPath = url === undefined ? '' : pathOf(url);
  const fromProxyPath = moduleFromProxyPath(urlPath);
  if (fromProxyPath !== undefined && module === undefined) {
    module = fromProxyPath.module;
    if (fromProxyPath.version !== undefined) version ??= fromProxyPath.version;
  }

  const proxy = firstMatch(ownText, PROXY_CONNECT);
  const proxyAddress = proxy ? (proxy[1] ?? proxy[2]) : undefined;

  const sumdb =
    (urlHost !== undefined && PUBLIC_SUMDB_HOSTS.includes(hostnameOf(urlHost))) ||
    SUMDB_PATH.test(urlPath) ||
    (url === undefined && /verifying (?:module|go\.mod): (?!checksum mismatch)/.test(ownText));

  const toolchain = /golang\.org\/toolchain\b|\bdownload go\d|toolchain not available|GOTOOLCHAIN/.test(ownText);
  const direct = /\?go-get=1|unrecognized import path|\bgit (?:ls-remote|fetch|clone|init)|\bhg |\bsvn |\bbzr |\bfossil /.test(ownText);

  const ownCredential = firstMatch(ownText, CREDENTIAL_FAILURE);
  const responseCredential = response === undefined ? undefined : firstMatch(response, CREDENTIAL_FAILURE);
  const credentialSource = ownCredential ? ownText : responseCredential ? (response as string) : undefined;
  const credentialMatch = ownCredential ?? responseCredential;
  let credentialFailure: string | undefined;
  if (credentialMatch && credentialSource !== undefined) {
    const at = credentialMatch.index ?? 0;
    const start = credentialSource.lastIndexOf('\n', at) + 1;
    const end = credentialSource.indexOf('\n', at);
    credentialFailure = credentialSource.slice(start, end < 0 ? undefined : end).trim();
  }

  const publicProxy = urlHost !== undefined && isPublicProxyHost(urlHost);
  // `go test` output quotes errors too ("server_test.go:30: connection reset by peer"), and programs
  // log their own requests in go's words; only text about fetching modules counts.
  const fetchContext =
    GO_HEAD.test(ownText) ||
    (module !== undefined && (looksLikeModulePath(module) || (version !== undefined && /^v\d/.test(version)))) ||
    importer !== undefined ||
    fromProxyPath !== undefined ||
    sumdb ||
    toolchain ||
    direct ||
    FETCH_WORDS.test(subject);

  return {
    head,
    ownText,
    ...(response !== undefined ? { serverResponse: response } : {}),
    proxyBody,
    ...(module !== undefined ? { module } : {}),
    ...(version !== undefined ? { version } : {}),
    ...(importer !== undefined ? { importer } : {}),
    ...(url !== undefined ? { url } : {}),
    ...(urlHost !== undefined ? { urlHost } : {}),
    ...(fromProxyPath !== undefined ? { proxyRequest: fromProxyPath.request } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(statusReason !== undefined ? { statusReason } : {}),
    nonStandardReason,
    connectReply,
    ...(bareReason !== undefined ? { bareReason } : {}),
    sumdb,
    toolchain,
    direct,
    proxyConnect: proxy !== undefined,
    ...(proxyAddress !== undefined ? { proxyAddress } : {}),
    ...(credentialFailure !== undefined ? { credentialFailure } : {}),
    credentialFailureInResponse: ownCredential === undefined && responseCredential !== undefined,
    publicProxy,
    fetchContext,
  };
}

/**
 * A non-public module proxy answered 404/410, without a body, for a module's version list or latest
 * version: it does not know the module at all. Where an organisation runs its own proxy, that is a
 * module it cannot read as often as one that does not exist.
 */
export function privateProxyUnknownModule(facts: BlockFacts): boolean {
  return (
    (facts.status === 404 || facts.status === 410) &&
    facts.urlHost !== undefined &&
    !facts.publicProxy &&
    !facts.sumdb &&
    !facts.direct &&
    (facts.proxyRequest === 'list' || facts.proxyRequest === 'latest') &&
    facts.serverResponse === undefined
  );
}

/** The standard fields (module, version, URL, URL host, status) of a block, for scenarios to start from. */
export function baseFields(facts: BlockFacts): ExtractedFields {
  const fields: ExtractedFields = {};
  if (facts.module !== undefined) fields.module = facts.module;
  if (facts.version !== undefined) fields.version = facts.version;
  if (facts.url !== undefined) fields.url = facts.url;
  if (facts.urlHost !== undefined) fields.host = facts.urlHost;
  if (facts.status !== undefined) fields.status = facts.status;
  return fields;
}

/** The first line of the block matching `pattern`, else its head line: the evidence a report quotes. */
export function evidenceLine(block: LogBlock, pattern?: RegExp): string {
  if (pattern) {
    for (const line of block.lines) if (pattern.test(line)) return line.trim();
  }
  return (block.lines[0] ?? '').trim();
}

/** Rounds a confidence to two decimals and keeps it in 0..1. */
export function clampConfidence(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;
}
