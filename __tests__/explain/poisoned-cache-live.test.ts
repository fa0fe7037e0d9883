/**
 * A poisoned module cache, made by the real go: with checksums off (GOSUMDB=off, as for private
 * modules), a proxy that answers 200 with an HTML sign-in page for a module's .mod and .zip leaves that
 * page in the module cache (`go mod download` keeps the .mod it fetched). Afterwards go fails against a
 * good proxy too ("parsing go.mod: missing module line"). explain must name the cache, and its first fix, run as printed, must make go work again.
 */
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import path from 'node:path';
import { execa } from 'execa';
import { explainBlocks } from '../../src/explain/engine.js';
import { blocksFromText } from '../../src/explain/read-log.js';
import { exampleModules, startFakeGoProxy, type FakeGoProxy } from '../helpers/fake-goproxy.js';
import { availableGoVersions, createGoSandbox, goBinary, runGo, type GoSandbox } from '../helpers/go-toolchains.js';
import { closeServer, listenOnLoopback } from '../helpers/listen.js';

const versions = availableGoVersions(['1.19', '1.23', '1.26']);
const describeWithGo = versions.length > 0 ? describe : describe.skip;

const SIGN_IN = '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><form action="/login"></form></body></html>\n';

describeWithGo('a module cache poisoned by an HTML page', () => {
  let portal: Server;
  const sockets = new Set<Socket>();
  let portalUrl: string;
  let good: FakeGoProxy;

  beforeAll(async () => {
    // A portal in front of the proxy: valid .info (so go goes on), the sign-in page for everything else.
    portal = createServer((req, res) => {
      const info = (req.url ?? '').endsWith('.info');
      const body = info ? '{"Version":"v1.0.0","Time":"2020-01-01T00:00:00Z"}\n' : SIGN_IN;
      res.writeHead(200, { 'Content-Type': info ? 'application/json' : 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    });
    portal.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    portalUrl = `http://127.0.0.1:${await listenOnLoopback(portal)}`;
    good = await startFakeGoProxy({ modules: exampleModules() });
  }, 30_000);

  afterAll(async () => {
    if (portal) await closeServer(portal, sockets);
    if (good) await good.close();
  });

  test.each(versions)(
    'go %s: explain names the cached files, and its fix run as printed makes go work again',
    async (version) => {
      const sandbox: GoSandbox = createGoSandbox();
      try {
        const env = { ...sandbox.env, GOPROXY: portalUrl, GOSUMDB: 'off' };
        await execa('mkdir', ['-p', sandbox.work]);
        await execa('sh', ['-c', 'printf "module m\\n\\ngo 1.19\\n" > go.mod'], { cwd: sandbox.work });
        // `go mod download` keeps the .mod it fetched even though the zip is no zip (go get does not).
        const poisoned = await runGo(version, ['mod', 'download', 'example.com/hello@v1.0.0'], env, { cwd: sandbox.work, timeoutMs: 60_000 });
        expect({ exitCode: poisoned.exitCode, stderr: poisoned.stderr }).toEqual({ exitCode: 1, stderr: expect.stringContaining('zip: not a valid zip file') });
        // The first failure already names the cause: a zip in the module cache that is not one.
        const first = explainBlocks(blocksFromText(poisoned.stderr)).diagnoses[0];
        expect({ scenario: first?.scenario, kind: first?.details.kind, fixes: first?.fixes.map((fix) => fix.id) }).toEqual({
          scenario: 'proxy-server-error',
          kind: 'poisoned-cache',
          fixes: expect.arrayContaining(['clean-modcache']),
        });

        // The proxy is good again; the cache is not.
        const goodEnv = { ...env, GOPROXY: good.url };
        const failing = await runGo(version, ['get', 'example.com/hello@v1.0.0'], goodEnv, { cwd: sandbox.work, timeoutMs: 60_000 });
        expect({ exitCode: failing.exitCode, stderr: failing.stderr }).toEqual({ exitCode: 1, stderr: expect.stringContaining('missing module line') });

        const [top] = explainBlocks(blocksFromText(failing.stderr)).diagnoses;
        expect({ scenario: top?.scenario, details: top?.details, stderr: failing.stderr }).toEqual({
          scenario: 'proxy-server-error',
          details: { kind: 'poisoned-cache', file: 'go.mod' },
          stderr: failing.stderr,
        });
        const fix = top?.fixes[0];
        expect(fix?.id).toBe('remove-cached-version');
        expect(fix?.command).toBe('rm -f "$(go env GOMODCACHE)/cache/download/example.com/hello/@v/v1.0.0".* && go mod download example.com/hello@v1.0.0');

        // Run the fix exactly as printed, with this go first in PATH, then the build that failed.
        const fixEnv = { ...goodEnv, PATH: `${path.dirname(goBinary(version))}:${sandbox.env.PATH ?? '/usr/bin:/bin'}` };
        const fixed = await execa('sh', ['-c', fix?.command ?? 'false'], { cwd: sandbox.work, env: fixEnv, extendEnv: false, reject: false, timeout: 60_000 });
        expect({ exitCode: fixed.exitCode, stderr: String(fixed.stderr) }).toMatchObject({ exitCode: 0 });
        const again = await runGo(version, ['get', 'example.com/hello@v1.0.0'], goodEnv, { cwd: sandbox.work, timeoutMs: 60_000 });
        expect({ exitCode: again.exitCode, stderr: again.stderr }).toMatchObject({ exitCode: 0 });
      } finally {
        sandbox.cleanup();
      }
    },
    180_000,
  );
});
