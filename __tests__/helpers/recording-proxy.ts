/**
 * A loopback server that records which GOPROXY base `go` asked for which module, so tests can compare
 * the real walk with `computeRoute`'s prediction. The first path segment names a base and its behaviour:
 *
 *   `/<label>-<status>/...`   answers every request with that status (e.g. `/a-404/`, `/b-500/`)
 *   `/<label>-ok/...`         serves the configured modules (list, info, mod, zip); anything else 404
 *   `/<label>-s<status>/...`  serves the modules like `ok`, but answers `/sumdb/<name>/supported` with <status>
 *
 * Under any base, `/sumdb/<name>/supported` answers with the base's status (`ok` bases answer 200 only
 * for `sumdbSupported`, else 404), and other `/sumdb/...` paths answer 404. Requests whose first segment
 * is `db` (an explicit GOSUMDB URL) are recorded and answered 404.
 *
 * Used as HTTPS_PROXY/HTTP_PROXY it also records direct fetches (`CONNECT host:443`, or an absolute-form
 * `GET http://...`) and refuses them at once, so nothing leaves the machine.
 */
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { closeServer, listenOnLoopback } from './listen.js';
import { type FakeModule, moduleGoMod, moduleZip } from './module-zip.js';
import { unescapePath, unescapeVersion } from '../../src/goenv/modulepath.js';

/** One recorded request, split into the base label and the rest. */
export interface RecordedHit {
  /** The first path segment, e.g. `a-404`. */
  base: string;
  /** Percent-decoded remainder, e.g. `/example.invalid/!x/@v/v1.0.0.info` or `/sumdb/sum.example.invalid/supported`. */
  rest: string;
  /** The raw request target as received. */
  raw: string;
  /** The unescaped module path, for module requests. */
  module?: string;
}

/** A running recording proxy. */
export interface RecordingProxy {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** `${origin}/<label>` */
  base(label: string): string;
  /** Use as HTTPS_PROXY and HTTP_PROXY to record direct fetches (hits with base `CONNECT` or `PROXY`). */
  proxyUrl: string;
  hits: RecordedHit[];
  /** Forgets recorded hits. */
  reset(): void;
  close(): Promise<void>;
}

export interface RecordingProxyOptions {
  modules?: FakeModule[];
  /** The checksum database name `ok` bases claim to support. */
  sumdbSupported?: string;
}

const BASE_RE = /^([a-z0-9]+)-([0-9]{3}|ok|s[0-9]{3})$/;

/** What a base label does with module requests (`serve` or a status) and with `/sumdb/<name>/supported`. */
export function baseBehaviour(label: string): { modules: 'serve' | number; supported: 'name' | number } | undefined {
  const m = BASE_RE.exec(label);
  if (!m) return undefined;
  const kind = m[2] as string;
  if (kind === 'ok') return { modules: 'serve', supported: 'name' };
  if (kind.startsWith('s')) return { modules: 'serve', supported: Number(kind.slice(1)) };
  return { modules: Number(kind), supported: Number(kind) };
}

function moduleOf(rest: string): { module: string; tail: string } | undefined {
  const at = rest.indexOf('/@');
  if (at < 0) return undefined;
  const module = unescapePath(rest.slice(1, at));
  return module === undefined ? undefined : { module, tail: rest.slice(at + 1) };
}

/** Starts the server on 127.0.0.1 with an ephemeral port. */
export async function startRecordingProxy(options: RecordingProxyOptions = {}): Promise<RecordingProxy> {
  const modules = options.modules ?? [];
  const hits: RecordedHit[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const raw = req.url ?? '/';
    if (!raw.startsWith('/')) {
      hits.push({ base: 'PROXY', rest: raw, raw });
      res.writeHead(502, { 'Content-Length': 0 });
      res.end();
      return;
    }
    const pathOnly = raw.split('?')[0] ?? '/';
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathOnly);
    } catch {
      decoded = pathOnly;
    }
    const slash = decoded.indexOf('/', 1);
    const base = slash < 0 ? decoded.slice(1) : decoded.slice(1, slash);
    const rest = slash < 0 ? '/' : decoded.slice(slash);
    const parsedModule = moduleOf(rest);
    const hit: RecordedHit = { base, rest, raw };
    if (parsedModule) hit.module = parsedModule.module;
    hits.push(hit);

    const send = (status: number, body = '', type = 'text/plain; charset=utf-8'): void => {
      res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    };
    const behaviour = baseBehaviour(base);
    if (!behaviour) return send(404, 'unknown base\n');

    if (rest.startsWith('/sumdb/')) {
      const supported = /^\/sumdb\/(.+)\/supported$/.exec(rest);
      if (!supported) return send(404, 'not found\n');
      if (behaviour.supported !== 'name') return send(behaviour.supported, `status ${behaviour.supported}\n`);
      return send(supported[1] === options.sumdbSupported ? 200 : 404, '');
    }
    if (behaviour.modules !== 'serve') return send(behaviour.modules, `status ${behaviour.modules}\n`);
    if (!parsedModule) return send(404, 'not found\n');
    const versions = modules.filter((m) => m.path === parsedModule.module);
    const tail = parsedModule.tail;
    if (tail === '@v/list') return send(200, versions.map((m) => m.version).join('\n') + (versions.length ? '\n' : ''));
    const file = /^@v\/(.+)\.(info|mod|zip)$/.exec(tail);
    const version = file ? unescapeVersion(file[1] ?? '') : undefined;
    const found = versions.find((m) => m.version === version);
    if (!file || !found) return send(404, 'not found\n');
    switch (file[2]) {
      case 'info':
        return send(200, JSON.stringify({ Version: found.version, Time: found.time ?? '2020-01-01T00:00:00Z' }), 'application/json');
      case 'mod':
        return send(200, moduleGoMod(found));
      default: {
        const zip = moduleZip(found);
        res.writeHead(200, { 'Content-Type': 'application/zip', 'Content-Length': zip.length });
        res.end(zip);
      }
    }
  });
  // As HTTPS_PROXY/HTTP_PROXY it sees every direct fetch go makes to a non-loopback host: CONNECT for https,
  // an absolute-form GET for plain http. Both are recorded and refused at once.
  server.on('connect', (req, socket: Socket) => {
    hits.push({ base: 'CONNECT', rest: req.url ?? '', raw: req.url ?? '' });
    socket.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listenOnLoopback(server);
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    base: (label) => `${origin}/${label}`,
    proxyUrl: origin,
    hits,
    reset: () => {
      hits.length = 0;
    },
    close: () => closeServer(server, sockets),
  };
}
