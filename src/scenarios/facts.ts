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
  readonly module?: string;
  readonly version?: string;
  /** The failing URL, password redacted. */
  readonly url?: string;
  /** Host (with port, if any) of the failing URL. */
  readonly urlHost?: string;
  /** The HTTP status of the failing request, from `reading <URL>: <code> <text>` or a CONNECT reply. */
  readonly status?: number;
  /** True when the status came from an HTTP proxy's reply to CONNECT (`Get "<URL>": Forbidden`). */
  readonly connectReply: boolean;
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
   * The block is the go command's own report of a module fetch (`go: …`, `M@V: …`, `verifying …`, an
   * import chain, a checksum-database or toolchain request), not text a test or program printed.
   */
  readonly fromGoCommand: boolean;
}

/** Public module proxies: they serve anyone and never ask for credentials, so a 403 from them is a block. */
export const PUBLIC_PROXY_HOSTS: readonly string[] = [
  'proxy.golang.org',
  'goproxy.io',
  'goproxy.cn',
  'mirrors.aliyun.com',
  'mirrors.cloud.tencent.com',
  'mirrors.tencent.com',
  'goproxy.bj.bcebos.com',
  'repo.huaweicloud.com',
];

/** The public checksum database and its mirror (go1.23 src/cmd/go/internal/modfetch/sumdb.go:99-101). */
export const PUBLIC_SUMDB_HOSTS: readonly string[] = ['sum.golang.org', 'sum.golang.google.cn'];

// HTTP reason phrases net/http may return as the whole error text of a failed CONNECT
// (go1.23 src/net/http/transport.go:1844-1851): `Get "<URL>": <reason>`.
const CONNECT_REASONS: Readonly<Record<string, number>> = {
  'Bad Request': 400,
  Unauthorized: 401,
  Forbidden: 403,
  'Not Found': 404,
  'Method Not Allowed': 405,
  'Proxy Authentication Required': 407,
  'Request Timeout': 408,
  'Internal Server Error': 500,
  'Bad Gateway': 502,
  'Service Unavailable': 503,
  'Gateway Timeout': 504,
};

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

// `reading <URL>: <status>`: go1.23 src/cmd/go/internal/web/api.go:48-55.
const READING_STATUS = /reading (\S{1,2048}?): (\d{3})(?: ([^\n]{0,200}))?/;
const GET_URL = /\b(?:Get|read|Head|Post) "([^"\n]{1,2048})"/;
const READING_URL = /\breading ((?:https?|file):\/\/[^\s"]{1,2048}?):?(?:\s|$)/;
const GIT_URL = /unable to access '([^'\n]{1,2048})'/;
const CONNECT_REPLY = /\bGet "[^"\n]{1,2048}": ([A-Z][A-Za-z ]{0,40})$/m;
const PROXY_CONNECT = /proxyconnect tcp: (?:dial tcp (\S{1,260}?): |dial tcp: lookup ([^\s:]{1,253}?)(?: on \S{1,260}?)?: )?/;

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

function hostOf(url: string): string | undefined {
  try {
    const host = new URL(url).host;
    return host === '' ? undefined : host;
  } catch {
    return undefined;
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

/** Reads the facts of one block. Pure and linear in the block's size. */
export function analyzeBlock(block: LogBlock): BlockFacts {
  const head = block.lines[0] ?? '';
  const { own, response } = splitServerResponse(block.lines);
  const ownText = own.join('\n');

  let module: string | undefined;
  let version: string | undefined;
  const gosum = firstMatch(ownText, GOSUM_VERIFYING);
  const atVersion = firstMatch(ownText, MODULE_AT_VERSION);
  const pair = gosum ?? atVersion;
  if (pair) {
    module = pair[1];
    version = pair[2];
  } else {
    const candidates = [MODULE_WITHOUT_VERSION, UNRECOGNIZED_IMPORT, IMPORTS_CHAIN_LINE, PROVIDING_PACKAGE, GO_MOD_DOWNLOAD_HINT, PACKAGE_PREFIX];
    for (const pattern of candidates) {
      const found = pattern === IMPORTS_CHAIN_LINE ? importChainModule(own) : firstMatch(ownText, pattern);
      if (found) {
        module = found[1];
        break;
      }
    }
    const lookup = firstMatch(ownText, SUMDB_LOOKUP_PATH);
    if (lookup) {
      module ??= lookup[1];
      version = lookup[2];
    }
  }
  if (module !== undefined) module = trimTrailing(module, '/.');

  let url: string | undefined;
  let status: number | undefined;
  let connectReply = false;
  const reading = firstMatch(ownText, READING_STATUS);
  if (reading) {
    url = reading[1];
    status = Number(reading[2]);
  } else {
    const get = firstMatch(ownText, GET_URL) ?? firstMatch(ownText, READING_URL) ?? firstMatch(ownText, GIT_URL);
    if (get) url = get[1];
    const reply = firstMatch(ownText, CONNECT_REPLY);
    const code = reply ? CONNECT_REASONS[reply[1] as string] : undefined;
    if (code !== undefined) {
      status = code;
      connectReply = true;
    }
  }
  if (url !== undefined) url = redactUrl(trimTrailing(url, '.,;'));
  const urlHost = url === undefined ? undefined : hostOf(url);

  const proxy = firstMatch(ownText, PROXY_CONNECT);
  const proxyAddress = proxy ? (proxy[1] ?? proxy[2]) : undefined;

  const urlPath = (() => {
    if (url === undefined) return '';
    try {
      return new URL(url).pathname;
    } catch {
      return '';
    }
  })();
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

  const publicProxy = urlHost !== undefined && PUBLIC_PROXY_HOSTS.includes(hostnameOf(urlHost));
  // `go test` output quotes errors too ("server_test.go:30: connection reset by peer"); only the go
  // command's own lines carry its prefix, a module path or a request it makes.
  const fromGoCommand = /^(?:go: |verifying )/.test(head) || module !== undefined || sumdb || toolchain || direct || proxy !== undefined;

  return {
    head,
    ownText,
    ...(response !== undefined ? { serverResponse: response } : {}),
    ...(module !== undefined ? { module } : {}),
    ...(version !== undefined ? { version } : {}),
    ...(url !== undefined ? { url } : {}),
    ...(urlHost !== undefined ? { urlHost } : {}),
    ...(status !== undefined ? { status } : {}),
    connectReply,
    sumdb,
    toolchain,
    direct,
    proxyConnect: proxy !== undefined,
    ...(proxyAddress !== undefined ? { proxyAddress } : {}),
    ...(credentialFailure !== undefined ? { credentialFailure } : {}),
    credentialFailureInResponse: ownCredential === undefined && responseCredential !== undefined,
    publicProxy,
    fromGoCommand,
  };
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
