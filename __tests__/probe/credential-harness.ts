/**
 * Runs one credential configuration (GOAUTH, `.netrc`, a GOAUTH helper, a `git <dir>`, URL userinfo)
 * three ways and reports what each did, so tests can require that they agree:
 *
 *   - go:    the real `go mod download example.com/hello@v1.0.0` against the auth gate (auth-gate.ts);
 *   - model: goauth.ts's session driven through the same three requests go makes (.info, .mod, .zip),
 *            with the gate's rules applied to the headers the session attaches;
 *   - probe: endpoint.ts probing the .info URL with its own session, against the gate.
 *
 * Helpers and git run for real in every case (the model's runner is the production one), each with its
 * own call log, so the calls go makes and the calls the model makes can be compared too.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createGoAuthSession, type GoAuthResponse } from '../../src/probe/goauth.js';
import { createGoAuthRunner, statForGoAuth } from '../../src/probe/goauth-runner.js';
import { parseNetrc } from '../../src/probe/netrc.js';
import { probeEndpoint } from '../../src/probe/endpoint.js';
import type { GoRoots } from '../../src/probe/tlsroots.js';
import { basicHeader, startAuthGate, type AuthGate, type AuthRealm } from '../helpers/auth-gate.js';
import { exampleModules, startFakeGoProxy, type FakeGoProxy } from '../helpers/fake-goproxy.js';
import { limiter } from '../../src/concurrency.js';
import { createGoSandbox, runGo, type GoSandbox, type GoVersion } from '../helpers/go-toolchains.js';
import { createTestCa, type TestCa } from '../helpers/test-ca.js';

export const LOGIN = 'gopher';
export const PASSWORD = 'hunter2-secret';
export const TOKEN = 'tok-123-secret';

/** The gate's realms: credentials each accepts, and how the others are refused. */
export const REALMS: Record<string, AuthRealm> = {
  basic: { accept: { good: basicHeader(LOGIN, PASSWORD) } },
  bearer: { accept: { token: `Bearer ${TOKEN}` } },
  d404: { accept: {}, denyStatus: 404 },
  d403: { accept: {}, denyStatus: 403 },
  d500: { accept: {}, denyStatus: 500 },
};

export type RealmName = keyof typeof REALMS & string;

/** What a case can use to build its files. */
export interface CaseContext {
  /** `127.0.0.1:<port>` of the gate. */
  hostPort: string;
  /** The GOPROXY of this run (no userinfo): `https://127.0.0.1:<port>/<realm>~<run>`. */
  base: string;
  /** The sandbox directory (absolute). */
  root: string;
  /** The helper script's path (written only when the case has one). */
  helper: string;
}

export interface CredentialCase {
  name: string;
  realm: RealmName;
  goauth?: (ctx: CaseContext) => string;
  netrc?: (ctx: CaseContext) => string;
  /**
   * A /bin/sh script used as a GOAUTH command (see {@link helperScript}): `$GPD_BASE` is the run's
   * GOPROXY URL and `$GPD_HOST` the gate's `127.0.0.1:<port>`; `$GPD_HELPER_LOG` names its call log.
   */
  helper?: (ctx: CaseContext) => string;
  /** Shell commands run in the sandbox before go (e.g. `git init`), with HOME set to the sandbox's. */
  setup?: (ctx: CaseContext) => string;
  /** Put `gopher:<password>@` into the GOPROXY URL. */
  userinfo?: boolean;
}

/** What one side did. `gets` lists each GET as `<file>:<credential label>` (`none`, `wrong` or a realm's label). */
export interface SideResult {
  exitCode: number;
  gets: string[];
  /** go's fatal GOAUTH message (the last line of stderr) or the model's. */
  fatal?: string;
  /** The helper's calls: `args=…` and the first line it read on stdin. */
  helperCalls: string[];
  /** User-Agent of each GET, in order. */
  userAgents: string[];
  /** go's own account (stderr and the JSON error), for failure messages. */
  detail?: string;
}

export interface CaseOutcome {
  go: SideResult;
  model: SideResult;
  probe: { ok: boolean; status?: number; gets: string[]; userAgents: string[]; fatal?: string; retriedAfterStatus?: number; credentials?: string };
}

/** A helper script: logs each call (arguments, first stdin line), then runs `body`. */
export function helperScript(body: string): string {
  return ['#!/bin/sh', 'line=$(head -n 1)', 'printf "args=%s stdin=%s\\n" "$*" "$line" >> "$GPD_HELPER_LOG"', body, ''].join('\n');
}

const FILES = ['info', 'mod', 'zip'] as const;

function labelFor(realm: AuthRealm, headers: ReadonlyArray<readonly [string, string]>): string {
  const name = (realm.header ?? 'authorization').toLowerCase();
  const values = headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);
  if (values.length === 0) return 'none';
  const presented = values.join(', ');
  return Object.entries(realm.accept).find(([, v]) => v === presented)?.[0] ?? 'wrong';
}

function fileOf(requestPath: string): string {
  return /\.(info|mod|zip)$/.exec(requestPath)?.[1] ?? requestPath;
}

function readLog(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => l !== '') : [];
}

/** The shared servers; `start()` in beforeAll, `stop()` in afterAll. */
export class CredentialLab {
  ca!: TestCa;
  upstream!: FakeGoProxy;
  gate!: AuthGate;
  roots!: GoRoots;
  private runs = 0;

  async start(): Promise<void> {
    this.ca = await createTestCa();
    const leaf = await this.ca.issue({ hosts: ['127.0.0.1'] });
    this.upstream = await startFakeGoProxy({ modules: exampleModules() });
    this.gate = await startAuthGate({ upstream: this.upstream.url, tls: { cert: leaf.cert, key: leaf.key }, realms: REALMS });
    const { loadGoRoots, rootSourcesFor, diskRootsReader } = await import('../../src/probe/tlsroots.js');
    this.roots = await loadGoRoots(rootSourcesFor({ SSL_CERT_FILE: this.ca.caCertPath, SSL_CERT_DIR: '/nonexistent-gpd' }, 'linux'), diskRootsReader);
  }

  async stop(): Promise<void> {
    await this.gate?.close();
    await this.upstream?.close();
    this.ca?.cleanup();
  }

  private prepare(sandbox: GoSandbox, c: CredentialCase, run: string): { ctx: CaseContext; env: Record<string, string | undefined>; netrcText?: string } {
    const hostPort = `127.0.0.1:${this.gate.port}`;
    const ctx: CaseContext = { hostPort, base: this.gate.base(c.realm, run), root: sandbox.root, helper: path.join(sandbox.root, 'helper.sh') };
    const env: Record<string, string | undefined> = { ...sandbox.env, SSL_CERT_FILE: this.ca.caCertPath, NETRC: path.join(sandbox.root, 'netrc') };
    let netrcText: string | undefined;
    if (c.netrc) {
      netrcText = c.netrc(ctx);
      writeFileSync(path.join(sandbox.root, 'netrc'), netrcText);
    }
    if (c.helper) {
      writeFileSync(ctx.helper, c.helper(ctx));
      chmodSync(ctx.helper, 0o755);
    }
    if (c.setup) execFileSync('/bin/sh', ['-c', c.setup(ctx)], { cwd: sandbox.root, env: { ...sandbox.env } as NodeJS.ProcessEnv, stdio: 'ignore', timeout: 20_000 });
    if (c.goauth) env.GOAUTH = c.goauth(ctx);
    return { ctx, env, ...(netrcText !== undefined ? { netrcText } : {}) };
  }

  private url(c: CredentialCase, base: string, file: string): string {
    const withUser = c.userinfo ? base.replace('https://', `https://${LOGIN}:${PASSWORD}@`) : base;
    return `${withUser}/example.com/hello/@v/v1.0.0.${file}`;
  }

  /** Runs the case on one Go version: real go, the model and the probe. */
  async run(version: GoVersion, goVersionString: string, c: CredentialCase): Promise<CaseOutcome> {
    const sandbox = createGoSandbox('gpd-cred-');
    try {
      const id = String(++this.runs);
      const goRun = `g${id}`;
      const { ctx, env, netrcText } = this.prepare(sandbox, c, goRun);
      const realm = REALMS[c.realm] as AuthRealm;

      // 1. The real go.
      const goLog = path.join(sandbox.root, 'go-calls.log');
      const goproxy = c.userinfo ? ctx.base.replace('https://', `https://${LOGIN}:${PASSWORD}@`) : ctx.base;
      const runEnv = (base: string, log: string): Record<string, string | undefined> => ({ ...env, GPD_BASE: base, GPD_HOST: ctx.hostPort, GPD_HELPER_LOG: log });
      const real = await runGo(version, ['mod', 'download', '-json', 'example.com/hello@v1.0.0'], { ...runEnv(ctx.base, goLog), GOPROXY: goproxy }, { cwd: sandbox.root, timeoutMs: 40_000 });
      const goHits = this.gate.hits.filter((h) => h.run === goRun && h.method === 'GET');
      const stderrLines = real.stderr.split('\n').filter((l) => l.trim() !== '');
      const go: SideResult = {
        exitCode: real.exitCode,
        gets: goHits.map((h) => `${fileOf(h.path)}:${h.credential}`),
        helperCalls: readLog(goLog).map((l) => l.replace(goRun, '<run>')),
        userAgents: goHits.map((h) => h.userAgent),
        detail: `${real.stdout.trim()} ${real.stderr.trim()} statuses ${goHits.map((h) => h.status).join(',')}`.slice(0, 600),
      };
      const lastLine = stderrLines.at(-1);
      if (lastLine?.startsWith('go: GOAUTH')) go.fatal = lastLine;

      // 2. The model, driving the same three requests.
      const modelLog = path.join(sandbox.root, 'model-calls.log');
      const session = createGoAuthSession({
        goVersion: goVersionString,
        goauth: env.GOAUTH,
        netrc: netrcText === undefined ? [] : parseNetrc(netrcText),
        run: createGoAuthRunner(runEnv(ctx.base, modelLog)),
        stat: statForGoAuth,
        commandTimeoutMs: 20_000,
      });
      const model: SideResult = { exitCode: 0, gets: [], helperCalls: [], userAgents: [] };
      const modelBase = ctx.base; // the model sends nothing; its URLs carry go's run label
      for (const file of FILES) {
        const url = this.url(c, modelBase, file);
        const send = (headers: ReadonlyArray<readonly [string, string]> | undefined): { label: string; status: number } => {
          const all = [...(headers ?? [])];
          if (c.userinfo && !all.some(([n]) => n.toLowerCase() === 'authorization')) all.push(['Authorization', basicHeader(LOGIN, PASSWORD)]);
          const label = labelFor(realm, all);
          return { label, status: label in realm.accept ? 200 : (realm.denyStatus ?? 401) };
        };
        const first = await session.first(url);
        if (first.fatal !== undefined) {
          model.fatal = first.fatal;
          model.exitCode = 1;
          break;
        }
        let answer = send(first.credentials?.headers());
        model.gets.push(`${file}:${answer.label}`);
        if (answer.status >= 400 && answer.status < 500 && session.retriesAfter4xx) {
          const response: GoAuthResponse = { proto: 'HTTP/1.1', status: answer.status === 401 ? '401 Unauthorized' : `${answer.status} ${answer.status === 404 ? 'Not Found' : 'Forbidden'}`, headers: [['Content-Type', 'text/plain; charset=utf-8']] };
          const again = await session.retry(url, response);
          if (again.fatal !== undefined) {
            model.fatal = again.fatal;
            model.exitCode = 1;
            break;
          }
          answer = send(again.credentials?.headers());
          model.gets.push(`${file}:${answer.label}`);
        }
        if (answer.status !== 200) {
          model.exitCode = 1;
          break;
        }
      }
      model.helperCalls = readLog(modelLog).map((l) => l.replace(goRun, '<run>'));

      // 3. The probe, with a session of its own, on the .info URL under its own run label.
      const probeRun = `p${id}`;
      const probeBase = this.gate.base(c.realm, probeRun);
      const probeSession = createGoAuthSession({
        goVersion: goVersionString,
        goauth: env.GOAUTH,
        netrc: netrcText === undefined ? [] : parseNetrc(netrcText.replaceAll(`~${goRun}`, `~${probeRun}`)),
        run: createGoAuthRunner(runEnv(probeBase, path.join(sandbox.root, 'probe-calls.log'))),
        stat: statForGoAuth,
        commandTimeoutMs: 20_000,
      });
      const probeResult = await probeEndpoint(this.url(c, probeBase, 'info'), {
        timeoutMs: 30_000,
        roots: this.roots,
        goVersion: goVersionString,
        goAuth: probeSession,
      });
      const probeHits = this.gate.hits.filter((h) => h.run === probeRun && h.method === 'GET');
      const probe: CaseOutcome['probe'] = {
        ok: probeResult.ok,
        gets: probeHits.map((h) => `${fileOf(h.path)}:${h.credential}`),
        userAgents: probeHits.map((h) => h.userAgent),
        ...(probeResult.status !== undefined ? { status: probeResult.status } : {}),
        ...(probeResult.failure?.refusedBeforeRequest && probeResult.errorText?.startsWith('go: GOAUTH') ? { fatal: probeResult.errorText } : {}),
        ...(probeResult.retriedAfterStatus !== undefined ? { retriedAfterStatus: probeResult.retriedAfterStatus } : {}),
        ...(probeResult.credentials !== undefined ? { credentials: JSON.stringify(probeResult.credentials) } : {}),
      };
      return { go, model, probe };
    } finally {
      sandbox.cleanup();
    }
  }
}

const goVersionStrings = new Map<GoVersion, string>();

async function goVersionString(v: GoVersion): Promise<string> {
  const known = goVersionStrings.get(v);
  if (known !== undefined) return known;
  const sandbox = createGoSandbox('gpd-goversion-');
  try {
    const run = await runGo(v, ['env', 'GOVERSION'], sandbox.env, { cwd: sandbox.root, timeoutMs: 30_000 });
    const value = run.stdout.trim();
    goVersionStrings.set(v, value);
    return value;
  } finally {
    sandbox.cleanup();
  }
}

/** Runs every case on one version and collects disagreements (all of them, not just the first). */
export async function checkCases(lab: CredentialLab, v: GoVersion, cases: readonly CredentialCase[]): Promise<string[]> {
  const version = await goVersionString(v);
  const limit = limiter(4);
  const failures: string[] = [];
  await Promise.all(
    cases.map((c) =>
      limit(async () => {
        const { go, model, probe } = await lab.run(v, version, c);
        const problems: string[] = [];
        const same = (what: string, a: unknown, b: unknown): void => {
          if (JSON.stringify(a) !== JSON.stringify(b)) problems.push(`${what}: go ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
        };
        same('exit code (model)', go.exitCode, model.exitCode);
        same('requests (model)', go.gets, model.gets);
        same('fatal (model)', go.fatal, model.fatal);
        same('helper calls (model)', go.helperCalls, model.helperCalls);
        const infoIndexes = go.gets.flatMap((g, i) => (g.startsWith('info:') ? [i] : []));
        same('.info requests (probe)', infoIndexes.map((i) => go.gets[i]), probe.gets);
        same('.info User-Agents (probe)', infoIndexes.map((i) => go.userAgents[i]), probe.userAgents);
        same('fatal (probe)', go.fatal, probe.fatal);
        const infoOk = go.fatal === undefined && go.gets.some((g) => g.startsWith('mod:'));
        same('.info answered 200 (probe)', infoOk, probe.ok);
        if (problems.length > 0) failures.push(`${c.name}:\n    ${problems.join('\n    ')}\n    go said: ${go.detail ?? ''}`);
      }),
    ),
  );
  return failures;
}

/** The cases where go's behaviour differs between versions, so the suite shows it is not vacuous. */
export async function outcomesByVersion(lab: CredentialLab, cases: readonly CredentialCase[], vs: readonly GoVersion[]): Promise<Map<string, Map<GoVersion, string>>> {
  const out = new Map<string, Map<GoVersion, string>>();
  for (const v of vs) {
    const version = await goVersionString(v);
    for (const c of cases) {
      const { go } = await lab.run(v, version, c);
      const row = out.get(c.name) ?? new Map<GoVersion, string>();
      row.set(v, `${go.exitCode} ${go.gets.join(',')}`);
      out.set(c.name, row);
    }
  }
  return out;
}

