/**
 * A loopback HTTPS GOPROXY that demands credentials, for running the real `go` against: it checks each
 * request's credentials, records what arrived (never the secret: a label of the credential that
 * matched), and forwards accepted requests to an upstream fake GOPROXY (fake-goproxy.ts, plain http).
 *
 * The first path element names a realm with its own rules, so one server backs many cases:
 *
 *   GOPROXY=https://127.0.0.1:<port>/<realm>   →  /<realm>/example.com/hello/@v/v1.0.0.info
 *                                               is checked against realm <realm>, then served as
 *                                               <upstream>/example.com/hello/@v/v1.0.0.info
 *
 * A realm name may carry a run label after `~` (`/basic~7/...`), recorded as `run`, so concurrent
 * runs tell their requests apart. Requests outside any realm (git's `HEAD /` credential check, for
 * instance) are recorded with the realm `''` and answered 401 (or by the realm named `''` when there is one).
 */
import { request as httpRequest } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { closeServer, listenOnLoopback } from './listen.js';

/** The rules of one realm. */
export interface AuthRealm {
  /** Accepted credentials: label → exact value of the checked header (e.g. `Basic Z29waGVy...`). */
  accept: Record<string, string>;
  /** The header that must carry them (default `authorization`). */
  header?: string;
  /** The status for a request without acceptable credentials (default 401, with `WWW-Authenticate`). */
  denyStatus?: number;
}

/** One request as the gate received it. */
export interface GateHit {
  method: string;
  /** The raw request target, e.g. `/basic/example.com/hello/@v/v1.0.0.info`. */
  path: string;
  realm: string;
  /** The run label after `~` in the first path element ('' without one). */
  run: string;
  /** The label of the accepted credential, `none` when no credential header came, `wrong` otherwise. */
  credential: string;
  status: number;
  userAgent: string;
}

export interface AuthGate {
  /** `https://127.0.0.1:<port>` (no trailing slash). */
  url: string;
  port: number;
  hits: GateHit[];
  /** The GOPROXY URL of a realm, with a run label when given: `${url}/${realm}~${run}`. */
  base(realm: string, run?: string): string;
  close(): Promise<void>;
}

/** `Basic <base64(login:password)>`, as Go's SetBasicAuth builds it. */
export function basicHeader(login: string, password: string): string {
  return `Basic ${Buffer.from(`${login}:${password}`, 'utf8').toString('base64')}`;
}

export interface AuthGateOptions {
  /** The plain-http fake GOPROXY accepted requests are forwarded to, e.g. `http://127.0.0.1:41234`. */
  upstream: string;
  tls: { cert: string | Buffer; key: string | Buffer };
  realms: Record<string, AuthRealm>;
}

/** Starts the gate on a free loopback port; call `close()` in afterAll. */
export async function startAuthGate(options: AuthGateOptions): Promise<AuthGate> {
  const hits: GateHit[] = [];
  const sockets = new Set<Socket>();

  const answer = (req: IncomingMessage, res: ServerResponse): void => {
    const rawPath = req.url ?? '/';
    const slash = rawPath.indexOf('/', 1);
    const firstElement = slash < 0 ? rawPath.slice(1) : rawPath.slice(1, slash);
    const tilde = firstElement.indexOf('~');
    const first = tilde < 0 ? firstElement : firstElement.slice(0, tilde);
    const run = tilde < 0 ? '' : decodeURIComponent(firstElement.slice(tilde + 1));
    const realmName = first in options.realms && first !== '' ? first : '';
    const realm = options.realms[realmName];
    const headerName = (realm?.header ?? 'authorization').toLowerCase();
    const raw = req.headers[headerName];
    const presented = Array.isArray(raw) ? raw.join(', ') : raw;
    const label = realm === undefined ? undefined : Object.entries(realm.accept).find(([, value]) => value === presented)?.[0];
    const credential = label ?? (presented === undefined ? 'none' : 'wrong');
    const hit: GateHit = { method: req.method ?? 'GET', path: rawPath, realm: realmName, run, credential, status: 0, userAgent: String(req.headers['user-agent'] ?? '') };
    hits.push(hit);

    if (realm === undefined || label === undefined) {
      const status = realm?.denyStatus ?? 401;
      hit.status = status;
      const headers: Record<string, string> = { 'Content-Type': 'text/plain; charset=utf-8' };
      if (status === 401) headers['WWW-Authenticate'] = 'Basic realm="goproxy-doctor test gate"';
      const body = status === 401 ? 'credentials required\n' : 'not found\n';
      headers['Content-Length'] = String(Buffer.byteLength(body));
      res.writeHead(status, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    const rest = realmName === '' ? rawPath : rawPath.slice(slash < 0 ? rawPath.length : slash);
    const forward = httpRequest(`${options.upstream}${rest === '' ? '/' : rest}`, { method: req.method, timeout: 60_000 }, (upstream) => {
      hit.status = upstream.statusCode ?? 502;
      res.writeHead(hit.status, upstream.headers);
      upstream.pipe(res);
    });
    forward.on('timeout', () => forward.destroy(new Error('upstream timeout')));
    forward.on('error', () => {
      hit.status = 502;
      if (!res.headersSent) res.writeHead(502, { 'Content-Length': '0' });
      res.end();
    });
    forward.end();
  };

  const server = createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, answer);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listenOnLoopback(server);
  const url = `https://127.0.0.1:${port}`;
  return {
    url,
    port,
    hits,
    base: (realm, run) => `${url}/${realm}${run === undefined ? '' : `~${run}`}`,
    close: () => closeServer(server, sockets),
  };
}
