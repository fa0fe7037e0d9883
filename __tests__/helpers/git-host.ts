/**
 * A loopback HTTPS code host for running the real `go` and the real `git` against: it answers
 * `?go-get=1` discovery requests with go-import pages and serves git's smart HTTP protocol through
 * `git http-backend` (CGI, one process per request), like a small self-hosted forge.
 *
 * Why port 443 on a loopback address of its own: cmd/go's discovery request always goes to the
 * default port (`https://<path>?go-get=1`, go1.26 src/cmd/go/internal/vcs/vcs.go:1014-1031), and a
 * module path cannot carry a port (`malformed module path "127.0.0.1:8443/x": invalid char ':'`,
 * checked with go1.23 and go1.26). An IP literal is a valid first path element, though, and Linux
 * routes all of 127.0.0.0/8 to the loopback interface, so each host takes a random `127.a.b.c:443`:
 * module paths look like `127.41.7.9/pub`, nothing resolves names, no /etc/hosts edit and no HTTP
 * proxy are needed, and hosts never collide with one another or with other servers. Binding port 443
 * needs root (or CAP_NET_BIND_SERVICE); {@link GitHostUnavailableError} says so when it is missing.
 *
 * Repositories are chosen by the first path element after the host:
 *   public:   go-import page, git open to everyone
 *   private:  go-import page open, git behind HTTP Basic (401 + WWW-Authenticate without the right credentials)
 *   missing:  go-import page pointing at a repository that does not exist (git http-backend answers 404)
 *   failing:  go-import page open, every git request answered 500
 *   hanging:  go-import page open, git requests accepted and never answered
 * and the discovery page can be replaced per repository: a 404 or 500 status, or a page without a go-import tag.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type { TestCa } from './test-ca.js';
import { closeServer } from './listen.js';

/** What a repository's git endpoints do. */
export type RepoAccess = 'public' | 'private' | 'missing' | 'failing' | 'hanging';

/** What the `?go-get=1` page for a repository is. */
export type GoGetMode =
  /** 200 with `<meta name="go-import" content="<host>/<name> git https://<host>/<name>">`. */
  | 'meta'
  /** 404 with a text/plain body and no meta tag. */
  | '404'
  /** 500 with a text/plain body and no meta tag. */
  | '500'
  /** 200 with an HTML page that has no go-import meta tag. */
  | 'no-meta'
  /** Exactly this answer (a hand-written page, a redirect with `location`). */
  | { status: number; body: string; contentType?: string; location?: string };

/** One repository the host serves. */
export interface GitHostRepo {
  /** The first path element after the host, e.g. `pub` for module `<host>/pub`. */
  name: string;
  access: RepoAccess;
  /** The discovery page (default `meta`). */
  goGet?: GoGetMode;
  /** Tags to create on the single commit (default `['v1.0.0']`); ignored for `missing`. */
  tags?: string[];
  /**
   * Overrides the go-import content (e.g. to point the repository at another host or port). `{address}`
   * becomes the host's address and `{url:<name>}` the URL of repository <name>; the same goes for a
   * hand-written page body.
   */
  goImportContent?: string;
  /** Where go.mod goes inside the repository and the module it declares (default: the root, `<address>/<name>`). */
  module?: { dir: string; path: string };
}

/** Options for {@link startGitHost}. */
export interface GitHostOptions {
  /** The CA that issues the host's certificate (for the host's IP address). */
  ca: TestCa;
  repos: GitHostRepo[];
  /** Credentials the `private` repositories accept. */
  auth?: { user: string; password: string };
  /** The loopback address to bind (default: a random one in 127.0.0.0/8). */
  address?: string;
  /** The port (default 443, which cmd/go's discovery needs). */
  port?: number;
  /** Also answer plain-HTTP discovery on port 80 of the same address (for GOINSECURE's http fallback). */
  plainHttpPort?: number;
  /** Serve HTTPS (default true). With false only the plain-HTTP listener runs. */
  https?: boolean;
}

/** One request as the host received it. */
export interface GitHostRequest {
  method: string;
  /** The raw request target. */
  url: string;
  /** Whether an Authorization header came with it (never its value). */
  authorization: boolean;
  /** `https` or `http`. */
  scheme: string;
  status: number;
}

/** A running code host. */
export interface GitHost {
  /** The loopback IP address it listens on, which is also the first element of its module paths. */
  address: string;
  port: number;
  /** `<address>/<name>`: the module path of a repository. */
  modulePath(name: string): string;
  /** `https://<address>/<name>`: the repository URL the go-import tag announces. */
  repoUrl(name: string): string;
  /** The certificate's CA file, for SSL_CERT_FILE or git's http.sslCAInfo. */
  caFile: string;
  requests: GitHostRequest[];
  /** Stops the listeners, kills running CGI processes, removes the repositories. */
  close(): Promise<void>;
}

/** Port 443 could not be bound (no root / CAP_NET_BIND_SERVICE): tests that need the host cannot run. */
export class GitHostUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitHostUnavailableError';
  }
}

/** A random address in 127.0.0.0/8 other than 127.0.0.1 (which other servers use). */
export function randomLoopbackAddress(): string {
  const byte = (min: number, max: number): number => min + Math.floor(Math.random() * (max - min + 1));
  return `127.${byte(16, 250)}.${byte(0, 255)}.${byte(2, 254)}`;
}

/** git with nothing from the machine: no system or global config, a fixed identity and dates. */
function sealedGitEnv(home: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'goproxy-doctor tests',
    GIT_AUTHOR_EMAIL: 'tests@goproxy-doctor.invalid',
    GIT_COMMITTER_NAME: 'goproxy-doctor tests',
    GIT_COMMITTER_EMAIL: 'tests@goproxy-doctor.invalid',
    GIT_AUTHOR_DATE: '2020-01-01T00:00:00Z',
    GIT_COMMITTER_DATE: '2020-01-01T00:00:00Z',
  };
}

async function git(args: string[], cwd: string, env: Record<string, string>): Promise<void> {
  const result = await execa('git', args, { cwd, env, extendEnv: false, reject: false, timeout: 30_000, stdin: 'ignore' });
  if (result.exitCode !== 0) throw new Error(`git ${args.join(' ')} failed: ${String(result.stderr)}`);
}

/** Creates a bare repository holding one commit with go.mod for `modulePath`, tagged with `tags`. */
async function createRepository(root: string, name: string, module: { dir: string; path: string }, tags: readonly string[], env: Record<string, string>): Promise<void> {
  const bare = path.join(root, 'repos', name);
  const work = path.join(root, 'work', name);
  const moduleDir = path.join(work, module.dir);
  mkdirSync(moduleDir, { recursive: true });
  await git(['init', '--bare', '--initial-branch=main', bare], root, env);
  await git(['init', '--initial-branch=main', work], root, env);
  writeFileSync(path.join(moduleDir, 'go.mod'), `module ${module.path}\n\ngo 1.19\n`);
  const pkg = name.replace(/[^a-z0-9]/g, '') || 'pkg';
  writeFileSync(path.join(moduleDir, `${pkg}.go`), `package ${pkg}\n\nconst Name = ${JSON.stringify(name)}\n`);
  await git(['add', '.'], work, env);
  await git(['commit', '-q', '-m', 'initial'], work, env);
  for (const tag of tags) await git(['tag', tag], work, env);
  await git(['push', '-q', bare, 'main', ...tags.map((t) => `refs/tags/${t}:refs/tags/${t}`)], work, env);
}

function goImportPage(content: string | undefined, name: string): string {
  const meta = content === undefined ? '' : `<meta name="go-import" content="${content}">\n`;
  return `<!DOCTYPE html>\n<html><head>\n<meta charset="utf-8">\n${meta}<title>${name}</title>\n</head><body>${name}</body></html>\n`;
}

/** Splits a CGI response head (`Status: 200 OK`, headers) from its body. */
function parseCgiHead(head: string): { status: number; statusText: string; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  let status = 200;
  let statusText = 'OK';
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') {
      const m = /^(\d{3})\s*(.*)$/.exec(value);
      if (m) {
        status = Number(m[1]);
        statusText = m[2] ?? '';
      }
    } else {
      headers[name] = value;
    }
  }
  return { status, statusText, headers };
}

/**
 * Starts the host: creates the repositories, issues a certificate for the address and listens.
 * Throws {@link GitHostUnavailableError} when port 443 cannot be bound.
 */
export async function startGitHost(options: GitHostOptions): Promise<GitHost> {
  const root = mkdtempSync(path.join(tmpdir(), 'gpd-githost-'));
  const home = path.join(root, 'home');
  mkdirSync(home);
  mkdirSync(path.join(root, 'repos'));
  const env = sealedGitEnv(home);
  const auth = options.auth ?? { user: 'gopher', password: 'correct-horse' };
  const expectedAuth = `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
  const port = options.port ?? 443;
  const requests: GitHostRequest[] = [];
  const sockets = new Set<Socket>();
  const children = new Set<ChildProcess>();
  const servers: Server[] = [];
  const repos = new Map(options.repos.map((r) => [r.name, r]));

  let address = options.address ?? randomLoopbackAddress();
  const modulePath = (name: string): string => `${address}/${name}`;
  const repoUrl = (name: string): string => `https://${address}${port === 443 ? '' : `:${port}`}/${name}`;
  const expand = (text: string): string => text.replace(/\{address\}/g, address).replace(/\{url:([^}]+)\}/g, (_m, name: string) => repoUrl(name));

  const record = (req: IncomingMessage, scheme: string, status: number): void => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization !== undefined, scheme, status });
  };

  const sendText = (req: IncomingMessage, res: ServerResponse, scheme: string, status: number, body: string, headers: Record<string, string> = {}): void => {
    record(req, scheme, status);
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)), ...headers });
    res.end(body);
  };

  const serveGoGet = (req: IncomingMessage, res: ServerResponse, scheme: string, repo: GitHostRepo | undefined, name: string): void => {
    const mode = repo?.goGet ?? 'meta';
    if (typeof mode === 'object') {
      record(req, scheme, mode.status);
      const body = expand(mode.body);
      const headers: Record<string, string> = { 'Content-Type': mode.contentType ?? 'text/html; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)) };
      if (mode.location !== undefined) headers.Location = expand(mode.location);
      res.writeHead(mode.status, headers);
      res.end(body);
      return;
    }
    if (repo === undefined || mode === '404') return sendText(req, res, scheme, 404, `no repository ${name} here\n`);
    if (mode === '500') return sendText(req, res, scheme, 500, 'internal error while rendering the page\n');
    const content = mode === 'no-meta' ? undefined : (repo.goImportContent !== undefined ? expand(repo.goImportContent) : `${modulePath(name)} git ${repoUrl(name)}`);
    const body = goImportPage(content, name);
    record(req, scheme, 200);
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)) });
    res.end(body);
  };

  // git http-backend as CGI (see git-http-backend(1)): the request goes to its stdin, the
  // CGI head (Status, Content-Type, ...) and the body come back on its stdout.
  const serveGit = (req: IncomingMessage, res: ServerResponse, scheme: string, pathname: string, query: string): void => {
    const child = spawn('git', ['http-backend'], {
      env: {
        ...env,
        GIT_PROJECT_ROOT: path.join(root, 'repos'),
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: pathname,
        QUERY_STRING: query,
        REQUEST_METHOD: req.method ?? 'GET',
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        ...(req.headers['content-length'] !== undefined ? { CONTENT_LENGTH: req.headers['content-length'] } : {}),
        ...(req.headers['content-encoding'] !== undefined ? { HTTP_CONTENT_ENCODING: req.headers['content-encoding'] } : {}),
        ...(typeof req.headers['git-protocol'] === 'string' ? { HTTP_GIT_PROTOCOL: req.headers['git-protocol'] } : {}),
        REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
        ...(req.headers.authorization !== undefined ? { REMOTE_USER: auth.user } : {}),
      },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    children.add(child);
    child.once('close', () => children.delete(child));
    req.pipe(child.stdin);
    child.stdin.on('error', () => undefined);
    let buffered = Buffer.alloc(0);
    let headSent = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (headSent) {
        res.write(chunk);
        return;
      }
      buffered = Buffer.concat([buffered, chunk]);
      let end = buffered.indexOf('\r\n\r\n');
      let sep = 4;
      if (end < 0) {
        end = buffered.indexOf('\n\n');
        sep = 2;
      }
      if (end < 0) return;
      const head = parseCgiHead(buffered.subarray(0, end).toString('latin1'));
      headSent = true;
      record(req, scheme, head.status);
      res.writeHead(head.status, head.statusText, head.headers);
      res.write(buffered.subarray(end + sep));
    });
    child.once('close', () => {
      if (!headSent) {
        if (!res.headersSent) sendText(req, res, scheme, 500, 'git http-backend gave no response\n');
        else res.end();
        return;
      }
      res.end();
    });
    res.once('close', () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
  };

  const handler = (scheme: string) => (req: IncomingMessage, res: ServerResponse): void => {
    const target = new URL(req.url ?? '/', `${scheme}://${address}`);
    const segments = target.pathname.split('/').filter((s) => s !== '');
    const name = segments[0] ?? '';
    const repo = repos.get(name);
    if (target.searchParams.get('go-get') === '1') return serveGoGet(req, res, scheme, repo, name);
    if (repo === undefined) return sendText(req, res, scheme, 404, 'not found\n');
    if (repo.access === 'failing') return sendText(req, res, scheme, 500, 'the repository store is unavailable\n');
    if (repo.access === 'hanging') {
      record(req, scheme, 0);
      return; // the socket is destroyed by close()
    }
    if (repo.access === 'private' && req.headers.authorization !== expectedAuth) {
      return sendText(req, res, scheme, 401, 'authentication required\n', { 'WWW-Authenticate': 'Basic realm="goproxy-doctor test forge"' });
    }
    serveGit(req, res, scheme, target.pathname, target.search.replace(/^\?/, ''));
  };

  const track = (server: Server): void => {
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
  };

  const listen = async (server: Server, listenPort: number): Promise<void> => {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(listenPort, address, () => {
        server.off('error', reject);
        resolve();
      });
    });
  };

  const cert = { current: undefined as { cert: string; key: string } | undefined };
  try {
    // A fresh address per attempt: another test may hold the first one.
    for (let attempt = 0; ; attempt++) {
      for (const repo of options.repos) {
        if (repo.access === 'missing') continue;
        rmSync(path.join(root, 'repos', repo.name), { recursive: true, force: true });
        rmSync(path.join(root, 'work', repo.name), { recursive: true, force: true });
      }
      const servers_: Server[] = [];
      try {
        if (options.https !== false) {
          cert.current = await options.ca.issue({ hosts: [address] });
          const https = createHttpsServer({ cert: cert.current.cert, key: cert.current.key }, handler('https'));
          track(https);
          await listen(https, port);
          servers_.push(https);
        }
        if (options.plainHttpPort !== undefined) {
          const http = createHttpServer(handler('http'));
          track(http);
          await listen(http, options.plainHttpPort);
          servers_.push(http);
        }
        servers.push(...servers_);
        break;
      } catch (error) {
        for (const s of servers_) await closeServer(s, sockets);
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EACCES' || code === 'EPERM') {
          throw new GitHostUnavailableError(`cannot listen on ${address}:${port} (${code}): the loopback code host needs root or CAP_NET_BIND_SERVICE`);
        }
        if (code !== 'EADDRINUSE' || options.address !== undefined || attempt >= 5) throw error;
        address = randomLoopbackAddress();
      }
    }
    for (const repo of options.repos) {
      if (repo.access === 'missing' || repo.access === 'hanging') continue;
      const module = repo.module ? { dir: repo.module.dir, path: expand(repo.module.path) } : { dir: '.', path: modulePath(repo.name) };
      await createRepository(root, repo.name, module, repo.tags ?? ['v1.0.0'], env);
    }
  } catch (error) {
    for (const s of servers) await closeServer(s, sockets);
    rmSync(root, { recursive: true, force: true });
    throw error;
  }

  return {
    address,
    port,
    modulePath,
    repoUrl,
    caFile: options.ca.caCertPath,
    requests,
    close: async () => {
      for (const child of children) child.kill('SIGKILL');
      for (const server of servers) await closeServer(server, sockets);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
