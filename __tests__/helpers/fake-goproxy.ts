/**
 * A loopback GOPROXY server for running the real `go` against, modelled on cmd/go's own test
 * proxy (go1.23 src/cmd/go/proxy_test.go, used by testdata/script/mod_proxy_list.txt): the URL
 * path picks the failure, so one server backs every scenario.
 *
 *   `${proxy.url}` or `${proxy.url}/ok`     serves the module set normally
 *   `${proxy.url}/fault/<name>`             answers every request under it with that fault
 *   `${proxy.url}/fault/slow/<ms>`          waits, then serves normally
 *   `${proxy.url}/fault/redirect/<n>`       redirects n times, then serves normally
 *   `${proxy.url}/fault/sumdb-<code>`       answers only `/sumdb/...` paths with <code>; modules are served
 *
 * Fault names: any status code `400`–`599` (empty body, plus `WWW-Authenticate` for 401 and
 * `Proxy-Authenticate` for 407), `hang`, `reset`, `html-login`, `login-redirect`, `text-body-404`,
 * `long-text-500`, `redirect-loop`, `credential-404`, `credential-410` (see {@link FaultName}).
 */
import { STATUS_CODES, createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { type FakeModule, moduleGoMod, moduleZip } from './module-zip.js';
import { closeServer, listenOnLoopback } from './listen.js';

export type { FakeModule } from './module-zip.js';

/** A fault that can apply to a whole base URL (`/fault/<name>`) or to one module (`faults` option). */
export type ModuleFault =
  /** Answer with this HTTP status and an empty body. */
  | number
  /** Accept the request and never answer (cmd/go has no overall timeout: the test must bound it). */
  | 'hang'
  /** Send headers and part of the body, then reset the connection. */
  | 'reset'
  /** 200 with an HTML sign-in page, as a captive portal or SSO gateway does. */
  | 'html-login'
  /** 302 to an HTML sign-in page (which then answers 200 text/html). */
  | 'login-redirect'
  /** 404 with a multi-line text/plain body (cmd/go shows it under `server response:`). */
  | 'text-body-404'
  /** 500 with a 12-line text/plain body (cmd/go truncates it: `[Truncated: too many lines.]`). */
  | 'long-text-500'
  /** Redirect to the same URL forever (cmd/go stops after 10). */
  | 'redirect-loop'
  /** 404 text/plain body of a proxy that could not clone a private repository (see {@link credentialFailureBody}). */
  | 'credential-404'
  /** The same as `credential-404` but 410 Gone. */
  | 'credential-410'
  /** Delay, then serve normally. */
  | { slowMs: number };

/** Names usable after `/fault/` in a base URL (plus `slow/<ms>`, `redirect/<n>`, `sumdb-<code>`). */
export type FaultName = Exclude<ModuleFault, number | { slowMs: number }> | `${number}`;

/** Something that answers checksum-database paths; {@link FakeSumDb} in fake-sumdb.ts implements it. */
export interface SumDbResponder {
  /** Answers one request; `path` is percent-decoded and starts with `/` (e.g. `/lookup/m@v`, `/tile/8/0/000`). */
  handle(path: string): SumDbResponse;
}

/** One checksum-database response. */
export interface SumDbResponse {
  status: number;
  contentType: string;
  body: Uint8Array | string;
}

/** Options for {@link startFakeGoProxy}. */
export interface FakeGoProxyOptions {
  /** The module versions served. Several entries may share a path (one per version). */
  modules?: FakeModule[];
  /** Serve HTTPS with this certificate and key (PEM), e.g. from test-ca.ts `issue()`. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Faults for one module everywhere it is served: key `path` or `path@version` (unescaped), or `path@version.mod` (`.info`, `.zip`) for one file. */
  faults?: Record<string, ModuleFault>;
  /** Require HTTP Basic auth on every request: 401 + `WWW-Authenticate` without the right credentials. */
  auth?: { user: string; password: string };
  /** Answer `/sumdb/<name>/supported` with 200 for this name (404 for other names and when unset). */
  sumdbSupported?: string;
  /** Serves `/sumdb/<sumdbSupported>/...` when given (otherwise those paths are 404). */
  sumdb?: SumDbResponder;
  /**
   * Fixture mode for a proxy-side credential failure: every module path NOT in `modules` is answered
   * with this fault (404 or 410 plus the text/plain body of {@link credentialFailureBody}) instead of
   * the plain `not found` 404, as a public proxy does for a private repository it cannot clone.
   */
  fixture?: 'credential-404' | 'credential-410';
  /** Listen address: `127.0.0.1` (default) or `::1`. */
  host?: '127.0.0.1' | '::1';
}

/** One request as the server received it. */
export interface RecordedRequest {
  method: string;
  /** The raw request target, percent-escapes and query included (e.g. `/fault/404/example.com/%21x/@v/list`). */
  path: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A running fake GOPROXY. */
export interface FakeGoProxy {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`; serves normally. */
  url: string;
  port: number;
  /** Every request received, in order (sumdb and fault paths included). */
  requests: RecordedRequest[];
  /** `${url}/fault/<name>`, e.g. `faultUrl('404')`, `faultUrl('slow/200')`, `faultUrl('credential-410')`. */
  faultUrl(name: FaultName | `slow/${number}` | `redirect/${number}` | `sumdb-${number}`): string;
  /** The same server under another host name, e.g. `https://proxy.goproxy-doctor.invalid:<port>` (for connect-proxy.ts). */
  urlWithHost(host: string): string;
  /** Adds a module version while running. */
  addModule(module: FakeModule): void;
  /** Stops listening and destroys every open socket (hanging requests included), so tests never hang. */
  close(): Promise<void>;
}

/** The fixed time used when a module gives none. */
export const DEFAULT_MODULE_TIME = '2020-01-01T00:00:00Z';

/** A small module set most tests can share: a plain module, a second version, and a mixed-case one. */
export function exampleModules(): FakeModule[] {
  return [
    { path: 'example.com/hello', version: 'v1.0.0', files: { 'hello.go': 'package hello\n\nconst Greeting = "hello"\n' } },
    { path: 'example.com/hello', version: 'v1.1.0', files: { 'hello.go': 'package hello\n\nconst Greeting = "hello, again"\n' } },
    { path: 'example.com/Upper', version: 'v1.0.0-RC1', files: { 'upper.go': 'package upper\n' } },
  ];
}

/**
 * Undoes cmd/go's case escaping (`!x` → `X`); undefined when the text is not a valid escape
 * (mirrors go1.23 src/cmd/vendor/golang.org/x/mod/module/module.go unescapeString).
 */
export function unescapeModuleText(escaped: string): string | undefined {
  let out = '';
  let bang = false;
  for (const ch of escaped) {
    if (bang) {
      if (ch < 'a' || ch > 'z') return undefined;
      out += ch.toUpperCase();
      bang = false;
    } else if (ch === '!') {
      bang = true;
    } else if (ch >= 'A' && ch <= 'Z') {
      return undefined;
    } else {
      out += ch;
    }
  }
  return bang ? undefined : out;
}

/** Applies cmd/go's case escaping (`X` → `!x`) to a module path or version. */
export function escapeModuleText(text: string): string {
  return text.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}

/**
 * The text/plain body a public-style proxy returns when it could not fetch a private repository
 * because git wanted credentials. Written for these tests; it has the shape users paste from
 * real failures: a `not found:` line, git's own complaint, and cmd/go's hint about private repos
 * (cf. go1.23 src/cmd/go/internal/modfetch/codehost/git.go:254-256).
 */
export function credentialFailureBody(modulePath: string, version: string): string {
  const host = modulePath.split('/')[0] ?? modulePath;
  const subject = version === '' ? `module ${modulePath}` : `${modulePath}@${version}`;
  return (
    `not found: ${subject}: invalid version: git ls-remote -q origin in /tmp/gopath/pkg/mod/cache/vcs/` +
    `0f5d1c2e9a7b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5: exit status 128:\n` +
    `\tfatal: could not read Username for 'https://${host}': terminal prompts disabled\n` +
    `Confirm the import path was entered correctly.\n` +
    `If this is a private repository, see https://golang.org/doc/faq#git_https for additional information.\n`
  );
}

const LOGIN_PAGE =
  '<!DOCTYPE html>\n<html><head><title>Sign in - Network Access</title></head>\n' +
  '<body><h1>Sign in to continue</h1>\n<form method="post" action="/login">\n' +
  '<label>User <input name="user"></label> <label>Password <input name="password" type="password"></label>\n' +
  '<button>Sign in</button></form></body></html>\n';

const TEXT_BODY_404 =
  'not found: the requested module is not available from this mirror\n' +
  'this mirror only serves modules from its allow-list\n' +
  'ask the mirror administrators to add it\n';

function longText500(): string {
  const lines: string[] = [];
  for (let i = 1; i <= 12; i++) lines.push(`internal error detail line ${i}`);
  return `${lines.join('\n')}\n`;
}

/** Compares semver versions well enough for `@latest` (release > prerelease; numeric parts numerically). */
function compareVersions(a: string, b: string): number {
  const parse = (v: string): { nums: number[]; pre: string } => {
    const match = /^v(\d+)\.(\d+)\.(\d+)(?:-([^+]*))?/.exec(v);
    if (!match) return { nums: [0, 0, 0], pre: v };
    return { nums: [Number(match[1]), Number(match[2]), Number(match[3])], pre: match[4] ?? '' };
  };
  const pa = parse(a);
  const pb = parse(b);
  for (let i = 0; i < 3; i++) {
    const d = (pa.nums[i] ?? 0) - (pb.nums[i] ?? 0);
    if (d !== 0) return d;
  }
  if (pa.pre === pb.pre) return 0;
  if (pa.pre === '') return 1;
  if (pb.pre === '') return -1;
  return pa.pre < pb.pre ? -1 : 1;
}

/** A parsed module request: `<module>/@v/list`, `<module>/@v/<version>.<ext>` or `<module>/@latest`. */
interface ModuleRequest {
  modulePath: string;
  kind: 'list' | 'info' | 'mod' | 'zip' | 'latest';
  version: string;
}

/** Parses the percent-decoded path after the base URL; undefined for anything that is not a GOPROXY path. */
function parseModuleRequest(rest: string): ModuleRequest | undefined {
  const trimmed = rest.replace(/^\/+/, '');
  if (trimmed.endsWith('/@latest')) {
    const modulePath = unescapeModuleText(trimmed.slice(0, -'/@latest'.length));
    return modulePath === undefined ? undefined : { modulePath, kind: 'latest', version: '' };
  }
  const at = trimmed.lastIndexOf('/@v/');
  if (at < 0) return undefined;
  const modulePath = unescapeModuleText(trimmed.slice(0, at));
  const file = trimmed.slice(at + '/@v/'.length);
  if (modulePath === undefined) return undefined;
  if (file === 'list') return { modulePath, kind: 'list', version: '' };
  const match = /^(.+)\.(info|mod|zip)$/.exec(file);
  if (!match) return undefined;
  const version = unescapeModuleText(match[1] ?? '');
  if (version === undefined) return undefined;
  return { modulePath, kind: match[2] as 'info' | 'mod' | 'zip', version };
}

/** Splits `/fault/...` or `/ok` off the decoded path; returns the base-level fault and the rest. */
function splitBase(decoded: string): { fault?: string; arg?: string; base: string; rest: string } {
  if (decoded === '/ok' || decoded.startsWith('/ok/')) return { base: '/ok', rest: decoded.slice(3) };
  const match = /^\/fault\/([^/]+)(?:\/(\d+))?(\/.*)?$/.exec(decoded);
  if (!match) return { base: '', rest: decoded };
  const name = match[1] ?? '';
  if ((name === 'slow' || name === 'redirect') && match[2] !== undefined) {
    return { fault: name, arg: match[2], base: `/fault/${name}/${match[2]}`, rest: match[3] ?? '/' };
  }
  // For other faults a numeric second segment is simply the first element of the rest.
  const rest = (match[2] !== undefined ? `/${match[2]}` : '') + (match[3] ?? '');
  return { fault: name, base: `/fault/${name}`, rest: rest === '' ? '/' : rest };
}

function percentDecode(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/**
 * Starts a fake GOPROXY on a free loopback port. Point `GOPROXY` at `proxy.url` (or a
 * `faultUrl(...)`) in a createGoSandbox() env; call `close()` in afterAll.
 */
export async function startFakeGoProxy(options: FakeGoProxyOptions = {}): Promise<FakeGoProxy> {
  const modules: FakeModule[] = [...(options.modules ?? [])];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const scheme = options.tls ? 'https' : 'http';
  const listenHost = options.host ?? '127.0.0.1';

  const later = (ms: number, fn: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const sendText = (res: ServerResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8'): void => {
    res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  };

  const sendStatus = (res: ServerResponse, status: number): void => {
    const headers: Record<string, string> = { 'Content-Length': '0' };
    if (status === 401) headers['WWW-Authenticate'] = 'Basic realm="fake goproxy"';
    if (status === 407) headers['Proxy-Authenticate'] = 'Basic realm="fake goproxy"';
    if (status >= 300 && status < 400) headers.Location = '/';
    res.writeHead(status, headers);
    res.end();
  };

  /** Answers with a fault; `serve` runs instead when the fault only delays (slowMs). */
  const applyFault = (
    fault: ModuleFault,
    req: IncomingMessage,
    res: ServerResponse,
    target: { modulePath: string; version: string } | undefined,
    serve: () => void,
  ): void => {
    if (typeof fault === 'number') return sendStatus(res, fault);
    if (typeof fault === 'object') return later(fault.slowMs, serve);
    switch (fault) {
      case 'hang':
        return; // the socket stays open until close()
      case 'reset': {
        res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': '4096' });
        res.write('v1.0.0\nv1.');
        later(50, () => {
          const socket = req.socket as Socket & { resetAndDestroy?: () => void };
          try {
            if (socket.resetAndDestroy) socket.resetAndDestroy();
            else socket.destroy();
          } catch {
            socket.destroy();
          }
        });
        return;
      }
      case 'html-login':
        return sendText(res, 200, LOGIN_PAGE, 'text/html; charset=utf-8');
      case 'login-redirect':
        res.writeHead(302, { Location: `/fault/html-login/sso/login?next=${encodeURIComponent(req.url ?? '/')}`, 'Content-Length': '0' });
        res.end();
        return;
      case 'text-body-404':
        return sendText(res, 404, TEXT_BODY_404);
      case 'long-text-500':
        return sendText(res, 500, longText500());
      case 'redirect-loop':
        res.writeHead(302, { Location: req.url ?? '/', 'Content-Length': '0' });
        res.end();
        return;
      case 'credential-404':
      case 'credential-410':
        return sendText(
          res,
          fault === 'credential-404' ? 404 : 410,
          credentialFailureBody(target?.modulePath ?? 'unknown.invalid/module', target?.version ?? ''),
        );
    }
  };

  const findModule = (modulePath: string, version: string): FakeModule | undefined =>
    modules.find((m) => m.path === modulePath && m.version === version);

  const serveModule = (res: ServerResponse, request: ModuleRequest): void => {
    const versions = modules.filter((m) => m.path === request.modulePath);
    if (versions.length === 0) {
      const subject = request.version === '' ? `module ${request.modulePath}` : `${request.modulePath}@${request.version}`;
      return sendText(res, 404, `not found: ${subject}: no such module on this fake proxy\n`);
    }
    if (request.kind === 'list') {
      const body = versions.map((m) => `${m.version}\n`).join('');
      return sendText(res, 200, body);
    }
    const module =
      request.kind === 'latest'
        ? [...versions].sort((a, b) => compareVersions(a.version, b.version)).at(-1)
        : findModule(request.modulePath, request.version);
    if (!module) return sendText(res, 404, `not found: ${request.modulePath}@${request.version}: no such version on this fake proxy\n`);
    switch (request.kind) {
      case 'info':
      case 'latest':
        return sendText(res, 200, `${JSON.stringify({ Version: module.version, Time: module.time ?? DEFAULT_MODULE_TIME })}\n`, 'application/json');
      case 'mod':
        return sendText(res, 200, moduleGoMod(module));
      case 'zip': {
        const zip = moduleZip(module);
        res.writeHead(200, { 'Content-Type': 'application/zip', 'Content-Length': zip.length });
        res.end(zip);
        return;
      }
    }
  };

  const serveSumDb = (res: ServerResponse, rest: string): void => {
    const name = options.sumdbSupported;
    if (name === undefined) return sendText(res, 404, 'not found: this proxy does not proxy checksum databases\n');
    const prefix = `/sumdb/${name}/`;
    if (!rest.startsWith(prefix)) return sendText(res, 404, `not found: checksum database not proxied here\n`);
    const sub = rest.slice(prefix.length - 1);
    if (sub === '/supported') {
      res.writeHead(200, { 'Content-Length': '0' });
      res.end();
      return;
    }
    if (!options.sumdb) return sendText(res, 404, 'not found: no checksum database attached\n');
    const answer = options.sumdb.handle(sub);
    const body = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : Buffer.from(answer.body);
    res.writeHead(answer.status, { 'Content-Type': answer.contentType, 'Content-Length': body.length });
    res.end(body);
  };

  const expectedAuth = options.auth
    ? `Basic ${Buffer.from(`${options.auth.user}:${options.auth.password}`, 'utf8').toString('base64')}`
    : undefined;

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const rawTarget = req.url ?? '/';
    requests.push({ method: req.method ?? 'GET', path: rawTarget, headers: { ...req.headers } });
    const rawPath = rawTarget.split('?')[0] ?? '/';
    const decoded = percentDecode(rawPath);
    if (decoded === undefined) return sendText(res, 400, 'bad request: invalid percent-encoding\n');
    const { fault, arg, base, rest } = splitBase(decoded);

    const serveNormally = (): void => {
      if (expectedAuth !== undefined && req.headers.authorization !== expectedAuth) {
        res.writeHead(401, {
          'WWW-Authenticate': 'Basic realm="fake goproxy"',
          'Content-Type': 'text/plain; charset=utf-8',
          'Content-Length': '13',
        });
        res.end('unauthorized\n');
        return;
      }
      if (rest.startsWith('/sumdb/')) return serveSumDb(res, rest);
      const request = parseModuleRequest(rest);
      if (!request) return sendText(res, 404, `not found: ${rest} is not a module proxy path\n`);
      const unknown = !modules.some((m) => m.path === request.modulePath);
      const moduleFault =
        options.faults?.[`${request.modulePath}@${request.version}.${request.kind}`] ??
        options.faults?.[`${request.modulePath}@${request.version}`] ??
        options.faults?.[request.modulePath] ??
        (unknown ? options.fixture : undefined);
      if (moduleFault !== undefined) {
        return applyFault(moduleFault, req, res, request, () => serveModule(res, request));
      }
      serveModule(res, request);
    };

    if (fault === undefined) return serveNormally();
    if (fault === 'slow') return later(Number(arg), serveNormally);
    if (fault === 'redirect') {
      const count = Number(arg);
      const next = count <= 1 ? `/ok${rest}` : `/fault/redirect/${count - 1}${rest}`;
      res.writeHead(302, { Location: next, 'Content-Length': '0' });
      res.end();
      return;
    }
    const sumdbOnly = /^sumdb-(\d{3})$/.exec(fault);
    if (sumdbOnly) {
      if (rest.startsWith('/sumdb/')) return sendStatus(res, Number(sumdbOnly[1]));
      return serveNormally();
    }
    if (/^\d{3}$/.test(fault)) return sendStatus(res, Number(fault));
    const known: readonly string[] = [
      'hang',
      'reset',
      'html-login',
      'login-redirect',
      'text-body-404',
      'long-text-500',
      'redirect-loop',
      'credential-404',
      'credential-410',
    ];
    if (!known.includes(fault)) return sendText(res, 400, `fake goproxy: unknown fault ${JSON.stringify(fault)} in ${base}\n`);
    const target = parseModuleRequest(rest);
    applyFault(fault as ModuleFault, req, res, target, serveNormally);
  };

  const server: Server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, handler)
    : createHttpServer(handler);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A client that gives up (e.g. a bad certificate) must not crash the test run.
  server.on('tlsClientError', () => undefined);
  // Answer garbage (e.g. a TLS hello on the HTTP port) the way real servers do, so go reports
  // `http: server gave HTTP response to HTTPS client` rather than a bare EOF.
  server.on('clientError', (_err, socket: Socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  const port = await listenOnLoopback(server, listenHost);
  const hostForUrl = listenHost.includes(':') ? `[${listenHost}]` : listenHost;
  const url = `${scheme}://${hostForUrl}:${port}`;

  return {
    url,
    port,
    requests,
    faultUrl: (name) => `${url}/fault/${name}`,
    urlWithHost: (host) => `${scheme}://${host}:${port}`,
    addModule: (module) => {
      modules.push(module);
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await closeServer(server, sockets);
    },
  };
}

/** The reason phrase cmd/go prints after a status code, e.g. `404 Not Found` (useful in assertions). */
export function statusLine(status: number): string {
  return `${status} ${STATUS_CODES[status] ?? ''}`.trim();
}
