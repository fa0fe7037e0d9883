/**
 * Differential tests of the direct-fetch probe, with real `go mod download` (Go 1.23 and 1.26) as the
 * judge, against the loopback HTTPS code host (helpers/git-host.ts) serving git through
 * `git http-backend`. For every configuration: go succeeds exactly when the probe says `ok`; when go
 * fails, the probe reproduces go's error text (modulo the DNS server go's resolver names), and
 * `explain` gives the same scenario for go's text, for the probe's text, and as the probe's own
 * `scenario`; the probe's stage and failure kind are the ones the configuration is about; no
 * credential appears anywhere in the probe's result.
 *
 * How the module host reaches 127.0.0.1 without /etc/hosts: see helpers/git-host.ts (a random
 * 127.a.b.c on port 443, the IP literal as the module path's first element).
 */
import { randomBytes } from 'node:crypto';
import { GitHostUnavailableError, randomLoopbackAddress, startGitHost, type GitHost } from '../helpers/git-host.js';
import { availableGoVersions } from '../helpers/go-toolchains.js';
import { createTestCa, type TestCa } from '../helpers/test-ca.js';
import { expectAgreement, expectationFor, judge, secretForms, type ClientSetup, type Configuration } from './direct-judge.js';

const VERSIONS = availableGoVersions(['1.23', '1.26']);
const LOGIN = 'gopher';
const PASSWORD = `pw-${randomBytes(9).toString('hex')}`;

let ca: TestCa | undefined;
let host: GitHost | undefined;
let plainHost: GitHost | undefined;
let httpOn443: GitHost | undefined;
let skipReason: string | undefined;
const closedAddress = randomLoopbackAddress();
const timings: string[] = [];

beforeAll(async () => {
  ca = await createTestCa();
  try {
    host = await startGitHost({
      ca,
      auth: { user: LOGIN, password: PASSWORD },
      repos: [
        { name: 'pub', access: 'public', tags: ['v1.0.0', 'v1.1.0'] },
        { name: 'priv', access: 'private' },
        { name: 'gone', access: 'missing' },
        { name: 'broken', access: 'failing' },
        { name: 'get404', access: 'public', goGet: '404' },
        { name: 'get500', access: 'public', goGet: '500' },
        { name: 'nometa', access: 'public', goGet: 'no-meta' },
        { name: 'toclosed', access: 'missing', goImportContent: `{address}/toclosed git https://${closedAddress}/toclosed` },
        { name: 'tonowhere', access: 'missing', goImportContent: '{address}/tonowhere git https://git.goproxy-doctor.invalid/tonowhere' },
        { name: 'mono', access: 'public', module: { dir: 'sub', path: '{address}/sub' }, tags: ['sub/v1.0.0'] },
        { name: 'sub', access: 'missing', goImportContent: '{address}/sub git {url:mono} sub' },
      ],
    });
    plainHost = await startGitHost({
      ca,
      https: false,
      plainHttpPort: 80,
      repos: [{ name: 'plain', access: 'missing', goImportContent: `{address}/plain git ${host.repoUrl('pub')}` }],
    });
    httpOn443 = await startGitHost({ ca, https: false, plainHttpPort: 443, repos: [{ name: 'lib', access: 'missing' }] });
  } catch (error) {
    if (error instanceof GitHostUnavailableError && process.env.CI !== 'true') {
      skipReason = error.message;
      return;
    }
    throw error;
  }
}, 120_000);

afterAll(async () => {
  await plainHost?.close();
  await httpOn443?.close();
  await host?.close();
  ca?.cleanup();
  if (timings.length > 0) process.stdout.write(`direct-vs-go timings (go ms / probe ms):\n${timings.join('\n')}\n`);
});

const H = (): GitHost => host as GitHost;
const caFile = (): string => (ca as TestCa).caCertPath;
/** A git-credential-store file holding `line`, and the configuration that makes it git's helper. */
const credentialStore = (line: string): ClientSetup => ({ gitconfig: '[credential]\n\thelper = store --file={root}/git-credentials\n', files: { 'git-credentials': `${line}\n` } });

const CONFIGURATIONS: Configuration[] = [
  { name: 'public repository', module: () => H().modulePath('pub'), client: () => ({}), expect: { status: 'ok', stage: 'git' } },
  { name: 'private, no credentials', module: () => H().modulePath('priv'), client: () => ({}), expect: { status: 'fail', stage: 'git', kind: 'credentials-missing' } },
  {
    name: 'private, right credentials in ~/.netrc',
    module: () => H().modulePath('priv'),
    client: () => ({ netrc: `machine ${H().address} login ${LOGIN} password ${PASSWORD}\n` }),
    expect: { status: 'ok', stage: 'git' },
  },
  {
    name: 'private, wrong credentials in ~/.netrc',
    module: () => H().modulePath('priv'),
    client: () => ({ netrc: `machine ${H().address} login ${LOGIN} password not-${PASSWORD}\n` }),
    expect: { status: 'fail', stage: 'git', kind: 'credentials-rejected' },
  },
  {
    name: 'private, right credentials from a credential helper',
    module: () => H().modulePath('priv'),
    client: () => credentialStore(`https://${LOGIN}:${PASSWORD}@${H().address}`),
    expect: { status: 'ok', stage: 'git' },
  },
  {
    name: 'private, wrong credentials from a credential helper',
    module: () => H().modulePath('priv'),
    client: () => credentialStore(`https://${LOGIN}:not-${PASSWORD}@${H().address}`),
    expect: { status: 'fail', stage: 'git', kind: 'credentials-rejected' },
  },
  { name: 'repository missing', module: () => H().modulePath('gone'), client: () => ({}), expect: { status: 'fail', stage: 'git', kind: 'repository-not-found' } },
  { name: 'no go-import tag', module: () => H().modulePath('nometa'), client: () => ({}), expect: { status: 'fail', stage: 'root', kind: 'no-go-import' } },
  { name: 'go-get page 404', module: () => H().modulePath('get404'), client: () => ({}), expect: { status: 'fail', stage: 'root', kind: 'http-status' } },
  { name: 'go-get page 500', module: () => H().modulePath('get500'), client: () => ({}), expect: { status: 'fail', stage: 'root', kind: 'http-status' } },
  { name: 'git answers 500', module: () => H().modulePath('broken'), client: () => ({}), expect: { status: 'fail', stage: 'git', kind: 'server-error' } },
  { name: 'GOVCS forbids git (public)', module: () => H().modulePath('pub'), client: () => ({ env: { GOVCS: 'public:hg' } }), expect: { status: 'fail', stage: 'govcs', kind: 'govcs' } },
  {
    name: 'GOVCS forbids git (private)',
    module: () => H().modulePath('pub'),
    client: () => ({ env: { GOVCS: 'private:hg', GOPRIVATE: H().address } }),
    expect: { status: 'fail', stage: 'govcs', kind: 'govcs' },
  },
  { name: 'TLS trusted by git but not by go', module: () => H().modulePath('pub'), client: () => ({ goTrusts: false }), expect: { status: 'fail', stage: 'root', kind: 'fetch-failed' } },
  { name: 'TLS trusted by go but not by git', module: () => H().modulePath('pub'), client: () => ({ gitTrusts: false }), expect: { status: 'fail', stage: 'git', kind: 'tls' } },
  {
    name: 'GOINSECURE: go skips verification, git trusts the CA',
    module: () => H().modulePath('pub'),
    client: () => ({ goTrusts: false, env: { GOINSECURE: H().address } }),
    expect: { status: 'ok', stage: 'git' },
  },
  {
    name: 'GOINSECURE: discovery falls back to plain http',
    module: () => (plainHost as GitHost).modulePath('plain'),
    client: () => ({ env: { GOINSECURE: (plainHost as GitHost).address } }),
    expect: { status: 'ok', stage: 'git' },
  },
  { name: 'no https for discovery without GOINSECURE', module: () => (plainHost as GitHost).modulePath('plain'), client: () => ({}), expect: { status: 'fail', stage: 'root', kind: 'fetch-failed' } },
  { name: 'unresolvable host (.invalid)', module: () => 'code.goproxy-doctor.invalid/lib', client: () => ({}), expect: { status: 'fail', stage: 'root', kind: 'fetch-failed' } },
  {
    name: 'an unreachable HTTPS proxy (HTTPS_PROXY at a closed port)',
    module: () => 'code.goproxy-doctor.invalid/lib',
    client: () => ({ env: { NO_PROXY: '127.0.0.0/8' } }),
    expect: { status: 'fail', stage: 'root', kind: 'fetch-failed' },
  },
  { name: 'plain HTTP where go expects TLS', module: () => (httpOn443 as GitHost).modulePath('lib'), client: () => ({}), expect: { status: 'fail', stage: 'root', kind: 'fetch-failed' } },
  { name: 'closed port', module: () => `${closedAddress}/lib`, client: () => ({}), expect: { status: 'fail', stage: 'root', kind: 'fetch-failed' } },
  { name: 'repository on a closed port', module: () => H().modulePath('toclosed'), client: () => ({}), expect: { status: 'fail', stage: 'git', kind: 'refused' } },
  { name: 'repository on an unresolvable host', module: () => H().modulePath('tonowhere'), client: () => ({}), expect: { status: 'fail', stage: 'git', kind: 'dns' } },
  { name: 'GOPROXY=off', module: () => H().modulePath('pub'), client: () => ({ env: { GOPROXY: 'off' } }), expect: { status: 'fail', stage: 'route', kind: 'proxy-off' } },
  { name: 'GOPROXY=off with GOPRIVATE', module: () => H().modulePath('pub'), client: () => ({ env: { GOPROXY: 'off', GOPRIVATE: H().address } }), expect: { status: 'ok', stage: 'git' } },
  { name: 'version without a tag', module: () => H().modulePath('pub'), version: 'v1.9.0', client: () => ({}), expect: { status: 'fail', stage: 'version', kind: 'unknown-revision' } },
  { name: 'another tagged version', module: () => H().modulePath('pub'), version: 'v1.1.0', client: () => ({}), expect: { status: 'ok', stage: 'git' } },
  { name: '.git suffix in the path (schemes pinged)', module: () => `${H().modulePath('pub')}.git`, client: () => ({}), expect: { status: 'ok', stage: 'git' } },
  {
    name: 'go-import subdirectory (Go 1.25+)',
    module: () => H().modulePath('sub'),
    client: () => ({}),
    expect: (version) => (version === '1.23' ? { status: 'fail', stage: 'root', kind: 'no-go-import' } : { status: 'ok', stage: 'git' }),
  },
];

describe.each(CONFIGURATIONS)('$name', (config) => {
  test.each(VERSIONS)('agrees with go %s', async (version) => {
    if (skipReason !== undefined) {
      process.stdout.write(`skipped: ${skipReason}\n`);
      return;
    }
    const j = await judge(version, config.module(), config.version ?? 'v1.0.0', caFile(), config.client(), secretForms(LOGIN, PASSWORD));
    timings.push(`  ${version} ${config.name}: ${j.goMs} / ${j.probeMs}`);
    expectAgreement(j, expectationFor(config, version));
  }, 180_000);
});
