/**
 * Captures real `go` stderr for the explain fixtures: runs Go 1.19, 1.21-1.23 and 1.24-1.27 in throw-away
 * sandboxes against loopback servers (fake GOPROXY, fake checksum database, CONNECT proxy, TLS with a
 * test CA, closed ports, `.invalid` names) and writes fixtures/stderr/<scenario>/<case>-go1.N.txt.
 * Nothing here reaches the internet: every environment comes from createGoSandbox() with an explicit
 * loopback or `.invalid` GOPROXY/GOSUMDB and HTTP(S)_PROXY.
 *
 *   node --import tsx scripts/capture-fixtures.ts [--only <scenario>] [--versions 1.26,1.27] [--dry-run]
 *
 * A case runs on its `versions` (default: 1.19, 1.21, 1.22, 1.23) plus releases of the 1.24+ families:
 * every case on 1.26 (the machine's Go), and 1.24, 1.25 and 1.27 spread over a scenario's cases so each
 * scenario has at least one fixture of each (see {@link newReleasesFor}). `--versions` captures only the
 * given releases and leaves the other fixtures as they are.
 *
 * Each fixture starts with a header: `# go:`, `# command:`, `# env:` (ports shown as PORT, sandbox
 * paths as $SANDBOX), `# source: captured`, and `# expect:` (the scenario and fields a test asserts).
 * Synthetic fixtures (written by hand from cmd/go's formats) are never touched by this script.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startConnectProxy, type ConnectProxy } from '../__tests__/helpers/connect-proxy.js';
import { exampleModules, startFakeGoProxy, type FakeGoProxy, type FakeModule } from '../__tests__/helpers/fake-goproxy.js';
import { startFakeSumDb, type RunningFakeSumDb } from '../__tests__/helpers/fake-sumdb.js';
import { availableGoVersions, createGoSandbox, runGo, type GoSandbox, type GoVersion } from '../__tests__/helpers/go-toolchains.js';
import { goModHash } from '../__tests__/helpers/module-zip.js';
import { createTestCa, type TestCa } from '../__tests__/helpers/test-ca.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = path.join(ROOT, 'fixtures', 'stderr');

/** Everything the cases run against; started once, closed at the end. */
export interface Servers {
  /** Serves MODULES normally; fault URLs via faultUrl(). */
  proxy: FakeGoProxy;
  /** A public-style proxy: unknown modules get 404 + a git credential failure body. */
  credential404: FakeGoProxy;
  credential410: FakeGoProxy;
  /** Requires Basic auth. */
  authProxy: FakeGoProxy;
  /** HTTPS with a self-signed certificate (unknown authority). */
  tlsSelfSigned: FakeGoProxy;
  /** HTTPS with an expired certificate from the test CA. */
  tlsExpired: FakeGoProxy;
  /** HTTPS with a certificate for another name. */
  tlsWrongName: FakeGoProxy;
  /** Checksum database that answers 404/410 for the private modules and a wrong hash for one. */
  sumdb: RunningFakeSumDb;
  /** A proxy that proxies the faulty checksum database. */
  sumdbProxy: FakeGoProxy;
  /** CONNECT proxy requiring credentials (407). */
  connect407: ConnectProxy;
  /** CONNECT proxy refusing every tunnel (403). */
  connectForbidden: ConnectProxy;
  ca: TestCa;
  /** A loopback port nothing listens on. */
  closedPort: number;
}

const HELLO: FakeModule = { path: 'example.com/hello', version: 'v1.0.0', files: { 'hello.go': 'package hello\n\nconst Greeting = "hello"\n' } };
const CORP: FakeModule = { path: 'git.corp.example.com/team/lib', version: 'v0.3.1', files: { 'lib.go': 'package lib\n' } };
const RENAMED: FakeModule = { path: 'example.com/renamed', version: 'v1.0.0', goMod: 'module example.com/original\n', files: { 'r.go': 'package renamed\n' } };
const MAJOR: FakeModule = { path: 'example.com/major', version: 'v2.0.0', goMod: 'module example.com/major\n', files: { 'm.go': 'package major\n' } };
const TOOLCHAIN: FakeModule = { path: 'golang.org/toolchain', version: 'v0.0.1-go1.99.0.linux-amd64', files: { 'README': 'not a toolchain\n' } };
const MODULES: FakeModule[] = [...exampleModules(), CORP, RENAMED, MAJOR, TOOLCHAIN];

/** One reproduction. `expect` names the scenario and the fields the fixture test asserts. */
export interface Case {
  scenario: string;
  name: string;
  versions?: readonly GoVersion[];
  args: string[];
  env(servers: Servers, sandbox: GoSandbox): Record<string, string | undefined>;
  /** Writes go.mod / go.sum / sources into sandbox.work. */
  setup?(sandbox: GoSandbox, servers: Servers): void;
  expect: string;
  /** Per-version override of `expect` (e.g. Go 1.19 fails differently). */
  expectFor?: Partial<Record<GoVersion, string>>;
  timeoutMs?: number;
}

function writeModule(sandbox: GoSandbox, goMod: string, files: Record<string, string> = {}): void {
  mkdirSync(sandbox.work, { recursive: true });
  writeFileSync(path.join(sandbox.work, 'go.mod'), goMod);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(sandbox.work, name), text);
}

const MAIN_IMPORTING_HELLO = 'package main\n\nimport "example.com/hello"\n\nfunc main() { println(hello.Greeting) }\n';
const GO_MOD_HELLO = 'module example.com/main\n\ngo 1.19\n\nrequire example.com/hello v1.0.0\n';

/** Every reproducible case, grouped by scenario. */
export const CASES: Case[] = [
  // module-not-found
  {
    scenario: 'module-not-found',
    name: 'unknown-version',
    args: ['mod', 'download', 'example.com/hello@v9.9.9'],
    env: (s) => ({ GOPROXY: s.proxy.url }),
    expect: 'module-not-found module=example.com/hello version=v9.9.9 status=404 url=http://127.0.0.1:PORT/example.com/hello/@v/v9.9.9.info',
  },
  {
    scenario: 'module-not-found',
    name: 'no-matching-version',
    versions: ['1.21', '1.23'],
    args: ['mod', 'download', 'example.com/hello@v1.9'],
    env: (s) => ({ GOPROXY: s.proxy.url }),
    expect: 'module-not-found module=example.com/hello version=v1.9',
  },
  {
    scenario: 'module-not-found',
    name: 'text-body-404',
    versions: ['1.19', '1.23'],
    args: ['mod', 'download', 'example.com/hello@v1.0.0'],
    env: (s) => ({ GOPROXY: s.proxy.faultUrl('text-body-404') }),
    expect: 'module-not-found module=example.com/hello version=v1.0.0 status=404',
  },
  {
    scenario: 'module-not-found',
    name: 'declared-path-mismatch',
    versions: ['1.21', '1.23'],
    args: ['get', 'example.com/renamed@v1.0.0'],
    env: (s) => ({ GOPROXY: s.proxy.url }),
    setup: (sb) => writeModule(sb, 'module example.com/main\n\ngo 1.19\n'),
    expect: 'module-not-found module=example.com/renamed version=v1.0.0',
  },
  {
    scenario: 'module-not-found',
    name: 'major-version-suffix',
    versions: ['1.21', '1.23'],
    args: ['get', 'example.com/major@v2.0.0'],
    env: (s) => ({ GOPROXY: s.proxy.url }),
    setup: (sb) => writeModule(sb, 'module example.com/main\n\ngo 1.19\n'),
    expect: 'module-not-found module=example.com/major version=v2.0.0',
  },
  // private-module-proxied
  {
    scenario: 'private-module-proxied',
    name: 'credential-404',
    args: ['mod', 'download', 'github.com/acme/private@v1.2.0'],
    env: (s) => ({ GOPROXY: s.credential404.url }),
    expect: 'private-module-proxied module=github.com/acme/private version=v1.2.0 status=404',
  },
  {
    scenario: 'private-module-proxied',
    name: 'credential-410-list',
    versions: ['1.19', '1.23'],
    args: ['get', 'github.com/acme/private@latest'],
    env: (s) => ({ GOPROXY: s.credential410.url }),
    setup: (sb) => writeModule(sb, 'module example.com/main\n\ngo 1.19\n'),
    expect: 'private-module-proxied module=github.com/acme/private status=410',
  },
  {
    scenario: 'private-module-proxied',
    name: 'corp-host-410',
    versions: ['1.22'],
    args: ['mod', 'download', 'git.corp.example.com/team/lib@v0.3.1'],
    env: (s) => ({ GOPROXY: s.proxy.faultUrl('410') }),
    expect: 'private-module-proxied module=git.corp.example.com/team/lib version=v0.3.1 status=410',
  },
  // sumdb-lookup-failed
  {
    scenario: 'sumdb-lookup-failed',
    name: 'private-404',
    args: ['mod', 'download', 'git.corp.example.com/team/lib@v0.3.1'],
    env: (s) => ({ GOPROXY: s.proxy.url, GOSUMDB: s.sumdb.gosumdb }),
    expect: 'sumdb-lookup-failed module=git.corp.example.com/team/lib version=v0.3.1 status=404',
  },
  {
    scenario: 'sumdb-lookup-failed',
    name: 'gone-410-via-proxy',
    versions: ['1.21', '1.23'],
    args: ['mod', 'download', 'example.com/hello@v1.1.0'],
    env: (s) => ({ GOPROXY: s.sumdbProxy.url, GOSUMDB: s.sumdb.vkey }),
    expect: 'sumdb-lookup-failed module=example.com/hello version=v1.1.0 status=410',
  },
  {
    scenario: 'sumdb-lookup-failed',
    name: 'unreachable',
    versions: ['1.19', '1.23'],
    args: ['mod', 'download', 'example.com/hello@v1.0.0'],
    env: (s) => ({ GOPROXY: s.proxy.url, GOSUMDB: `${s.sumdb.vkey} http://127.0.0.1:${s.closedPort}` }),
    expect: 'sumdb-lookup-failed module=example.com/hello version=v1.0.0',
  },
  {
    scenario: 'sumdb-lookup-failed',
    name: 'invalid-gosumdb',
    versions: ['1.21'],
    args: ['mod', 'download', 'example.com/hello@v1.0.0'],
    env: (s) => ({ GOPROXY: s.proxy.url, GOSUMDB: 'sum.golang.org+insecure' }),
    expect: 'sumdb-lookup-failed module=example.com/hello version=v1.0.0',
  },
  // checksum-mismatch
  {
    scenario: 'checksum-mismatch',
    name: 'gosum-edited',
    args: ['mod', 'download', 'example.com/hello'],
    env: (s) => ({ GOPROXY: s.proxy.url }),
    setup: (sb) =>
      writeModule(sb, GO_MOD_HELLO, {
        'go.sum': `example.com/hello v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\nexample.com/hello v1.0.0/go.mod ${goModHash(HELLO)}\n`,
        'main.go': MAIN_IMPORTING_HELLO,
      }),
    expect: 'checksum-mismatch module=example.com/hello version=v1.0.0',
  },
  {
    scenario: 'checksum-mismatch',
    name: 'sumdb-wrong-hash',
    versions: ['1.19', '1.23'],
    args: ['mod', 'download', 'example.com/Upper@v1.0.0-RC1'],
    env: (s) => ({ GOPROXY: s.proxy.url, GOSUMDB: s.sumdb.gosumdb }),
    expect: 'checksum-mismatch module=example.com/Upper version=v1.0.0-RC1',
  },
  {
    scenario: 'checksum-mismatch',
    name: 'missing-gosum-entry',
    versions: ['1.21', '1.23'],
    args: ['build', './...'],
    env: (s) => ({ GOPROXY: s.proxy.url }),
    setup: (sb) => writeModule(sb, GO_MOD_HELLO, { 'main.go': MAIN_IMPORTING_HELLO }),
    expect: 'checksum-mismatch module=example.com/hello',
  },
  // dns-failure
  {
    scenario: 'dns-failure',
    name: 'goproxy-host',
    args: ['mod', 'download', 'example.com/hello@v1.0.0'],
    env: () => ({ GOPROXY: 'https://proxy.goproxy-doctor.invalid', HTTPS_PROXY: undefined, HTTP_PROXY: undefined }),
    expect: 'dns-failure module=example.com/hello version=v1.0.0 host=proxy.goproxy-doctor.invalid',
  },
  {
    scenario: 'dns-failure',
    name: 'https-proxy-host',
    versions: ['1.19', '1.23'],
    args: ['mod', 'download', 'example.com/hello@v1.0.0'],
    env: () => ({ GOPROXY: 'https://proxy.goproxy-doctor.invalid', HTTPS_PROXY: 'http://corp-proxy.goproxy-doctor.invalid:3128' }),
    expect: 'dns-failure module=example.com/hello version=v1.0.0 host=corp-proxy.goproxy-doctor.invalid',
  },
  {
    scenario: 'dns-failure',
    name: 'direct-origin',
    versions: ['1.22'],
    args: ['mod', 'download', 'example.invalid/tool@v1.0.0'],
    env: () => ({ GOPROXY: 'direct', HTTPS_PROXY: undefined, HTTP_PROXY: undefined }),
    expect: 'dns-failure module=example.invalid/tool version=v1.0.0 host=example.invalid',
  },
  // network-blocked
  {
    scenario: 'network-blocked',
    name: 'refused',
    args: ['mod', 'download', 'example.com/hello@v1.0.0'],
    env: (s) => ({ GOPROXY: `http://127.0.0.1:${s.closedPort}` }),
    expect: 'network-blocked module=example.com/hello version=v1.0.0 host=127.0.0.1:PORT',
  },
  // tls-certificate
  {
    scenario: 'tls-certificate',
    name: 'unknown-authority',
    args: ['mod', 'download', 'example.com/hello@v1.0.0'],
    env: (s) => ({ GOPROXY: s.tlsSelfSigned.url }),
    expect: 'tls-certificate module=example.com/hello version=v1.0.0 host=127.0.0.1:PORT',
  },
  {
    scenario: 'tls-certificate',
    name: 'expired',
    versions: ['1.19', '1.23'],
    args: ['mod', 'download', 'example.com/hello@v1.0.0'],
    env: (s) => ({ GOPROXY: s.tlsExpired.url, SSL_CERT_FILE: s.ca.caCertPath }),
    expect: 'tls-certificate module=example.com/hello version=v1.0.0 host=127.0.0.1:PORT',
  },
  {
    scenario: 'tls-certificate',
    name: 'wrong-name',
    versions: ['1.21', '1.23'],
    args: ['mod', 'download', 'example.com/hello@v1.0.0'],
    env: (s) => ({ GOPROXY: s.tlsWrongName.url, SSL_CERT_FILE: s.ca.caCertPath }),
    expect: 'tls-certificate module=example.com/hello version=v1.0.0 host=127.0.0.1:PORT',
  },
  // http-proxy-env
  {
    scenario: 'http-proxy-env',
    name: 'proxyconnect-refused',
    args: ['mod', 'download', 'example.com/hello@v1.0.0'],
    env: () => ({ GOPROXY: 'https://proxy.goproxy-doctor.invalid' }),
    expect: 'http-proxy-env module=example.com/hello version=v1.0.0 host=127.0.0.1:9',
  },
  {
    scenario: 'http-proxy-env',
    name: 'connect-407',
    versions: ['1.19', '1.23'],
    args: ['mod', 'download', 'example.com/hello@v1.0.0'],
    env: (s) => ({ GOPROXY: `https://proxy.goproxy-doctor.invalid:${s.proxy.port}`, HTTPS_PROXY: s.connect407.url }),
    expect: 'http-proxy-env module=example.com/hello version=v1.0.0 status=407',
  },
  {
    scenario: 'http-proxy-env',
    name: 'http-407',
    versions: ['1.21'],
    args: ['mod', 'download', 'example.com/hello@v1.0.0'],
    env: (s) => ({ GOPROXY: `http://proxy.goproxy-doctor.invalid:${s.proxy.port}`, HTTP_PROXY: s.connect407.url }),
    expect: 'http-proxy-env module=example.com/hello version=v1.0.0 status=407',
  },
  {
    scenario: 'http-proxy-env',
    name: 'connect-forbidden',
    versions: ['1.22', '1.23'],
    args: ['mod', 'download', 'example.com/hello@v1.0.0'],
    env: (s) => ({ GOPROXY: `https://proxy.goproxy-doctor.invalid:${s.proxy.port}`, HTTPS_PROXY: s.connectForbidden.url }),
    expect: 'http-proxy-env module=example.com/hello version=v1.0.0 status=403',
  },
  // auth-required
  {
    scenario: 'auth-required',
    name: 'proxy-401',
    args: ['mod', 'download', 'example.com/hello@v1.0.0'],
    env: (s) => ({ GOPROXY: s.authProxy.url }),
    expect: 'auth-required module=example.com/hello version=v1.0.0 status=401',
  },
  {
    scenario: 'auth-required',
    name: 'proxy-403',
    versions: ['1.19', '1.23'],
    args: ['mod', 'download', 'example.com/hello@v1.0.0'],
    env: (s) => ({ GOPROXY: s.proxy.faultUrl('403') }),
    expect: 'auth-required module=example.com/hello version=v1.0.0 status=403',
  },
  // proxy-config-invalid
  {
    scenario: 'proxy-config-invalid',
    name: 'goproxy-off',
    versions: ['1.19', '1.23'],
    args: ['mod', 'download', 'example.com/hello@v1.0.0'],
    env: () => ({ GOPROXY: 'off' }),
    expect: 'proxy-config-invalid module=example.com/hello version=v1.0.0',
  },
  {
    scenario: 'proxy-config-invalid',
    name: 'missing-scheme',
    versions: ['1.21'],
    args: ['mod', 'download', 'example.com/hello@v1.0.0'],
    env: () => ({ GOPROXY: 'localhost' }),
    expect: 'proxy-config-invalid module=example.com/hello version=v1.0.0',
  },
  {
    scenario: 'proxy-config-invalid',
    name: 'bad-scheme',
    versions: ['1.22'],
    args: ['mod', 'download', 'example.com/hello@v1.0.0'],
    env: () => ({ GOPROXY: 'ftp://mirror.goproxy-doctor.invalid' }),
    expect: 'proxy-config-invalid module=example.com/hello version=v1.0.0',
  },
  {
    scenario: 'proxy-config-invalid',
    name: 'empty-list',
    versions: ['1.23'],
    args: ['mod', 'download', 'example.com/hello@v1.0.0'],
    env: () => ({ GOPROXY: ',' }),
    expect: 'proxy-config-invalid module=example.com/hello version=v1.0.0',
  },
  {
    scenario: 'proxy-config-invalid',
    name: 'insecure-flag',
    versions: ['1.19', '1.23'],
    args: ['get', 'example.com/hello@v1.0.0'],
    env: (s) => ({ GOPROXY: s.proxy.url, GOFLAGS: '-modcacherw -insecure' }),
    setup: (sb) => writeModule(sb, 'module example.com/main\n\ngo 1.19\n'),
    expect: 'proxy-config-invalid',
  },
  {
    scenario: 'proxy-config-invalid',
    name: 'go111module-off',
    versions: ['1.21'],
    args: ['mod', 'download', 'example.com/hello@v1.0.0'],
    env: (s) => ({ GOPROXY: s.proxy.url, GO111MODULE: 'off' }),
    expect: 'proxy-config-invalid',
  },
  {
    scenario: 'proxy-config-invalid',
    name: 'http-proxy-without-scheme',
    versions: ['1.19', '1.23'],
    args: ['mod', 'download', 'example.com/hello@v1.0.0'],
    env: (s) => ({ GOPROXY: `127.0.0.1:${s.proxy.port}` }),
    expect: 'proxy-config-invalid module=example.com/hello version=v1.0.0',
  },
  {
    scenario: 'proxy-config-invalid',
    name: 'credentials-over-http',
    versions: ['1.22'],
    args: ['mod', 'download', 'example.com/hello@v1.0.0'],
    env: (s) => ({ GOPROXY: `http://ci-user:s3cr3t-token@127.0.0.1:${s.proxy.port}` }),
    expect: 'proxy-config-invalid module=example.com/hello version=v1.0.0',
  },
  {
    scenario: 'proxy-config-invalid',
    name: 'go-env-w-shadowed',
    versions: ['1.21', '1.23'],
    args: ['env', '-w', 'GOPROXY=https://goproxy.goproxy-doctor.invalid,direct'],
    env: (s) => ({ GOPROXY: s.proxy.url }),
    expect: 'proxy-config-invalid',
  },
  // proxy-server-error
  {
    scenario: 'proxy-server-error',
    name: 'status-500-long-body',
    args: ['mod', 'download', 'example.com/hello@v1.0.0'],
    env: (s) => ({ GOPROXY: s.proxy.faultUrl('long-text-500') }),
    expect: 'proxy-server-error module=example.com/hello version=v1.0.0 status=500',
  },
  {
    scenario: 'proxy-server-error',
    name: 'status-502',
    versions: ['1.21'],
    args: ['mod', 'download', 'example.com/hello@v1.0.0'],
    env: (s) => ({ GOPROXY: s.proxy.faultUrl('502') }),
    expect: 'proxy-server-error module=example.com/hello version=v1.0.0 status=502',
  },
  {
    scenario: 'proxy-server-error',
    name: 'html-login-page',
    versions: ['1.19', '1.23'],
    args: ['mod', 'download', 'example.com/hello@v1.0.0'],
    env: (s) => ({ GOPROXY: s.proxy.faultUrl('html-login') }),
    expect: 'proxy-server-error module=example.com/hello version=v1.0.0',
  },
  {
    scenario: 'proxy-server-error',
    name: 'redirect-loop',
    versions: ['1.23'],
    args: ['mod', 'download', 'example.com/hello@v1.0.0'],
    env: (s) => ({ GOPROXY: s.proxy.faultUrl('redirect-loop') }),
    expect: 'proxy-server-error module=example.com/hello version=v1.0.0',
  },
  {
    scenario: 'proxy-server-error',
    name: 'login-redirect',
    versions: ['1.21'],
    args: ['mod', 'download', 'example.com/hello@v1.0.0'],
    env: (s) => ({ GOPROXY: s.proxy.faultUrl('login-redirect') }),
    expect: 'proxy-server-error module=example.com/hello version=v1.0.0',
  },
  {
    scenario: 'network-blocked',
    name: 'reset-mid-body',
    versions: ['1.22', '1.23'],
    args: ['mod', 'download', 'example.com/hello@v1.0.0'],
    env: (s) => ({ GOPROXY: s.proxy.faultUrl('reset') }),
    expect: 'network-blocked module=example.com/hello version=v1.0.0 host=127.0.0.1:PORT',
  },
  // toolchain-download
  {
    scenario: 'toolchain-download',
    name: 'too-new-local',
    args: ['list', '-m'],
    env: (s) => ({ GOPROXY: s.proxy.url, GOTOOLCHAIN: 'local' }),
    setup: (sb) => writeModule(sb, 'module example.com/main\n\ngo 1.98.0\n'),
    expect: 'toolchain-download version=1.98.0',
  },
  {
    scenario: 'toolchain-download',
    name: 'not-available',
    versions: ['1.21', '1.23'],
    args: ['version'],
    env: (s) => ({ GOPROXY: s.proxy.url, GOTOOLCHAIN: 'go1.98.0' }),
    expect: 'toolchain-download version=go1.98.0',
  },
  {
    scenario: 'toolchain-download',
    name: 'gosumdb-off',
    versions: ['1.22', '1.23'],
    args: ['version'],
    env: (s) => ({ GOPROXY: s.proxy.url, GOTOOLCHAIN: 'go1.99.0', GOSUMDB: 'off' }),
    expect: 'toolchain-download version=go1.99.0',
  },
  {
    scenario: 'toolchain-download',
    name: 'proxy-refused',
    versions: ['1.21'],
    args: ['version'],
    env: (s) => ({ GOPROXY: `http://127.0.0.1:${s.closedPort}`, GOTOOLCHAIN: 'go1.98.0' }),
    expect: 'toolchain-download version=go1.98.0',
  },
];

async function closedLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts every loopback server the cases need. */
export async function startServers(): Promise<Servers> {
  const ca = await createTestCa();
  const sumdb = await startFakeSumDb({
    modules: MODULES.filter((module) => module !== CORP && module.path !== 'golang.org/toolchain'),
    lookupFaults: { 'git.corp.example.com/team/lib@v0.3.1': 404, 'example.com/hello@v1.1.0': 410 },
    wrongHash: ['example.com/Upper@v1.0.0-RC1'],
  });
  const [proxy, credential404, credential410, authProxy, sumdbProxy] = await Promise.all([
    startFakeGoProxy({ modules: MODULES }),
    startFakeGoProxy({ modules: MODULES, fixture: 'credential-404' }),
    startFakeGoProxy({ modules: MODULES, fixture: 'credential-410' }),
    startFakeGoProxy({ modules: MODULES, auth: { user: 'ci', password: 'hunter2' } }),
    startFakeGoProxy({ modules: MODULES, sumdbSupported: sumdb.name, sumdb }),
  ]);
  const selfSigned = await ca.selfSigned(['127.0.0.1', 'localhost']);
  const expired = await ca.issue({ expired: true });
  const wrongName = await ca.wrongName();
  const [tlsSelfSigned, tlsExpired, tlsWrongName] = await Promise.all([
    startFakeGoProxy({ modules: MODULES, tls: { cert: selfSigned.cert, key: selfSigned.key } }),
    startFakeGoProxy({ modules: MODULES, tls: { cert: expired.cert, key: expired.key } }),
    startFakeGoProxy({ modules: MODULES, tls: { cert: wrongName.cert, key: wrongName.key } }),
  ]);
  const [connect407, connectForbidden] = await Promise.all([
    startConnectProxy({ requireAuth: { user: 'proxyuser', password: 'proxypass' } }),
    startConnectProxy({ connectStatus: 403 }),
  ]);
  return {
    proxy,
    credential404,
    credential410,
    authProxy,
    tlsSelfSigned,
    tlsExpired,
    tlsWrongName,
    sumdb,
    sumdbProxy,
    connect407,
    connectForbidden,
    ca,
    closedPort: await closedLoopbackPort(),
  };
}

/** Closes everything startServers() opened. */
export async function closeServers(servers: Servers): Promise<void> {
  await Promise.all([
    servers.proxy.close(),
    servers.credential404.close(),
    servers.credential410.close(),
    servers.authProxy.close(),
    servers.tlsSelfSigned.close(),
    servers.tlsExpired.close(),
    servers.tlsWrongName.close(),
    servers.sumdb.close(),
    servers.sumdbProxy.close(),
    servers.connect407.close(),
    servers.connectForbidden.close(),
  ]);
  servers.ca.cleanup();
}

/** Replaces loopback ports with PORT and sandbox paths with $SANDBOX, for the header only. */
function normalise(text: string, sandbox: GoSandbox): string {
  return text
    .split(sandbox.root)
    .join('$SANDBOX')
    .replace(/(127\.0\.0\.1|localhost|\.invalid):(?!9\b)\d+/g, '$1:PORT')
    .replace(/(vkey|sum\.goproxy-doctor\.invalid)\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+/g, '$1+<key>');
}

async function goVersionString(version: GoVersion): Promise<string> {
  const sandbox = createGoSandbox();
  try {
    const run = await runGo(version, ['env', 'GOVERSION'], sandbox.env, { timeoutMs: 30_000 });
    return run.stdout.trim() || `go${version}`;
  } finally {
    sandbox.cleanup();
  }
}

/** The outcome of one case on one Go version. */
export interface CaseRun {
  stderr: string;
  exitCode: number;
  /** The case's environment overrides, normalised for the header. */
  envText: string;
}

/** Runs one case with the real go in a fresh sandbox. */
export async function runCase(testCase: Case, version: GoVersion, servers: Servers): Promise<CaseRun> {
  const sandbox = createGoSandbox('gpd-capture-');
  try {
    mkdirSync(sandbox.work, { recursive: true });
    testCase.setup?.(sandbox, servers);
    const overrides = testCase.env(servers, sandbox);
    const env: Record<string, string | undefined> = { ...sandbox.env, ...overrides };
    const run = await runGo(version, testCase.args, env, { cwd: sandbox.work, timeoutMs: testCase.timeoutMs ?? 60_000 });
    const envText = Object.entries(overrides)
      .map(([key, value]) => (value === undefined ? `-${key}` : `${key}=${value.includes(' ') ? JSON.stringify(value) : value}`))
      .join(' ');
    return { stderr: run.stderr.replace(/\s+$/, ''), exitCode: run.exitCode, envText: normalise(envText, sandbox) };
  } finally {
    sandbox.cleanup();
  }
}

async function captureOne(testCase: Case, version: GoVersion, goVersion: string, servers: Servers, dryRun: boolean): Promise<string> {
  const run = await runCase(testCase, version, servers);
  if (run.stderr === '') return `SKIP ${testCase.scenario}/${testCase.name} go${version}: empty stderr (exit ${run.exitCode})`;
  const header = [
    `# go: ${goVersion}`,
    `# command: go ${testCase.args.join(' ')}`,
    `# env: ${run.envText} (on top of createGoSandbox(): GOPROXY=off GOSUMDB=off GOTOOLCHAIN=local HTTP(S)_PROXY=http://127.0.0.1:9)`,
    `# exit: ${run.exitCode}`,
    '# source: captured by scripts/capture-fixtures.ts',
    `# expect: ${testCase.expectFor?.[version] ?? testCase.expect}`,
  ];
  const file = path.join(FIXTURES, testCase.scenario, `${testCase.name}-go${version}.txt`);
  if (!dryRun) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${header.join('\n')}\n${run.stderr}\n`);
  }
  return `ok   ${path.relative(ROOT, file)} (exit ${run.exitCode})${dryRun ? `\n${run.stderr}` : ''}`;
}

/** The releases before GOAUTH that every case runs on unless it names its own. */
const CLASSIC_RELEASES: readonly GoVersion[] = ['1.19', '1.21', '1.22', '1.23'];
/** The 1.24+ families: 1.26 is the machine's Go and runs every case; the others rotate. */
const EVERY_CASE_RELEASE: GoVersion = '1.26';
const ROTATING_RELEASES: readonly GoVersion[] = ['1.24', '1.25', '1.27'];

/**
 * The 1.24+ releases a case runs on: 1.26 always, and one of 1.24/1.25/1.27 in turn across the cases of
 * its scenario; a scenario with fewer cases than rotating releases gives the rest to its first case.
 */
export function newReleasesFor(testCase: Case, cases: readonly Case[] = CASES): GoVersion[] {
  const siblings = cases.filter((c) => c.scenario === testCase.scenario);
  const index = siblings.indexOf(testCase);
  const releases: GoVersion[] = [EVERY_CASE_RELEASE];
  if (index < 0) return releases;
  for (let r = 0; r < ROTATING_RELEASES.length; r++) {
    const owner = r < siblings.length ? r : 0;
    if (owner === index) releases.push(ROTATING_RELEASES[r] as GoVersion);
  }
  return releases;
}

/** Every release a case runs on. */
export function releasesFor(testCase: Case): GoVersion[] {
  return [...(testCase.versions ?? CLASSIC_RELEASES), ...newReleasesFor(testCase)];
}

/** Removes previously captured fixtures of these releases (synthetic ones stay). */
function removeCaptured(scenario: string | undefined, releases: readonly GoVersion[]): void {
  for (const dir of readdirSync(FIXTURES, { withFileTypes: true })) {
    if (!dir.isDirectory() || (scenario !== undefined && dir.name !== scenario)) continue;
    for (const file of readdirSync(path.join(FIXTURES, dir.name))) {
      const full = path.join(FIXTURES, dir.name, file);
      const release = /-go(1\.\d+)\.txt$/.exec(file)?.[1];
      if (release === undefined || !releases.includes(release as GoVersion)) continue;
      if (readFileSync(full, 'utf8').includes('# source: captured')) rmSync(full);
    }
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const onlyIndex = args.indexOf('--only');
  const only = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;
  const dryRun = args.includes('--dry-run');
  const versionsIndex = args.indexOf('--versions');
  const wanted = versionsIndex >= 0 ? ((args[versionsIndex + 1] ?? '').split(',') as GoVersion[]) : undefined;
  const versions = availableGoVersions().filter((v) => wanted === undefined || wanted.includes(v));
  if (versions.length === 0) throw new Error('no Go toolchains found (see __tests__/helpers/go-toolchains.ts)');
  const goVersions = new Map<GoVersion, string>();
  for (const version of versions) goVersions.set(version, await goVersionString(version));

  mkdirSync(FIXTURES, { recursive: true });
  if (!dryRun) removeCaptured(only, versions);
  const servers = await startServers();
  try {
    const jobs: (() => Promise<string>)[] = [];
    for (const testCase of CASES) {
      if (only !== undefined && testCase.scenario !== only) continue;
      for (const version of releasesFor(testCase)) {
        if (!versions.includes(version)) continue;
        jobs.push(() => captureOne(testCase, version, goVersions.get(version) ?? `go${version}`, servers, dryRun));
      }
    }
    // Two at a time: the machine has two cores and some cases wait on timeouts.
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < jobs.length) {
        const job = jobs[next++] as () => Promise<string>;
        process.stdout.write(`${await job()}\n`);
      }
    };
    await Promise.all([worker(), worker()]);
  } finally {
    await closeServers(servers);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`capture-fixtures: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
