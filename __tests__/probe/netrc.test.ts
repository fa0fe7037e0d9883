import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { credentialLookup, credentialsForRequest, parseGoAuth } from '../../src/probe/goauth.js';
import { basicAuthorization, credentialsFor, netrcMatchRule, netrcPath, parseGoVersion, parseNetrc } from '../../src/probe/netrc.js';
import { startFakeGoProxy, exampleModules, type FakeGoProxy } from '../helpers/fake-goproxy.js';
import { availableGoVersions, createGoSandbox, runGo, type GoVersion } from '../helpers/go-toolchains.js';
import { createTestCa, type TestCa } from '../helpers/test-ca.js';

describe('parseNetrc (port of cmd/go/internal/auth/netrc.go)', () => {
  test('keeps entries with machine, login and password; first-come order', () => {
    const entries = parseNetrc(
      [
        'machine a.invalid login alice password pa',
        'machine b.invalid',
        '  login bob',
        '  password pb',
        'machine nopass.invalid login carol',
        'machine a.invalid login second password ps',
      ].join('\n'),
    );
    expect(entries).toEqual([
      { machine: 'a.invalid', login: 'alice', password: 'pa' },
      { machine: 'b.invalid', login: 'bob', password: 'pb' },
      { machine: 'a.invalid', login: 'second', password: 'ps' },
    ]);
  });

  test('macdef skips lines up to an empty line; a line starting with default ends the file', () => {
    const entries = parseNetrc(
      [
        'macdef init',
        'machine hidden.invalid login x password y',
        '',
        'machine c.invalid login c password pc',
        'default',
        'machine after.invalid login d password pd',
      ].join('\n'),
    );
    expect(entries.map((e) => e.machine)).toEqual(['c.invalid']);
  });

  test('`default login … password …` on one line does not stop parsing, as in Go', () => {
    // Go consumes `default login` as one pair, so the line yields nothing and parsing continues.
    const entries = parseNetrc('default login x password y\nmachine e.invalid login e password pe\n');
    expect(entries.map((e) => e.machine)).toEqual(['e.invalid']);
  });

  test('netrcPath: $NETRC, else ~/.netrc (_netrc on Windows)', () => {
    expect(netrcPath({ NETRC: '/tmp/n' }, '/home/u', 'linux')).toBe('/tmp/n');
    expect(netrcPath({ NETRC: '' }, '/home/u', 'linux')).toBe('/home/u/.netrc');
    expect(netrcPath({}, 'C:\\Users\\u', 'win32')).toBe('C:\\Users\\u\\_netrc');
  });
});

describe('credentialsFor: host matching by Go version', () => {
  const entries = parseNetrc('machine h.invalid login plain password p1\nmachine h.invalid:8443 login ported password p2\n');

  test('parseGoVersion and the rule per version', () => {
    expect(parseGoVersion('go1.23.5')).toEqual({ major: 1, minor: 23 });
    expect(parseGoVersion('go1.24rc1')).toEqual({ major: 1, minor: 24 });
    expect(netrcMatchRule('go1.19.13')).toBe('hostname');
    expect(netrcMatchRule('go1.21.0')).toBe('host');
    expect(netrcMatchRule('go1.23.1')).toBe('host');
    expect(netrcMatchRule('go1.24.0')).toBe('host-path-prefix');
  });

  test('go1.19 ignores the port, go1.21+ needs host:port', () => {
    expect(credentialsFor('https://h.invalid:8443/m/@v/list', entries, 'go1.19')?.entry.login).toBe('plain');
    expect(credentialsFor('https://h.invalid:8443/m/@v/list', entries, 'go1.23')?.entry.login).toBe('ported');
    expect(credentialsFor('https://h.invalid/m/@v/list', entries, 'go1.23')?.entry.login).toBe('plain');
    // An explicit default port stays part of req.Host in Go.
    expect(credentialsFor('https://h.invalid:443/x', entries, 'go1.23')).toBeUndefined();
    expect(credentialsFor('https://h.invalid:443/x', entries, 'go1.19')?.entry.login).toBe('plain');
  });

  test('never on http', () => {
    expect(credentialsFor('http://h.invalid/x', entries, 'go1.19')).toBeUndefined();
    expect(credentialsFor('http://h.invalid/x', entries, 'go1.23')).toBeUndefined();
  });

  test('go1.24 matches host/path prefixes and keeps the earliest entry per machine', () => {
    const e = parseNetrc('machine h.invalid/private login a password pa\nmachine h.invalid login b password pb\nmachine h.invalid login c password pc\n');
    expect(credentialsFor('https://h.invalid/private/mod/@v/list', e, 'go1.24')?.entry.login).toBe('a');
    expect(credentialsFor('https://h.invalid/public/@v/list', e, 'go1.24')?.entry.login).toBe('b');
    expect(credentialsFor('https://other.invalid/', e, 'go1.24')).toBeUndefined();
  });

  test('basicAuthorization is Go SetBasicAuth', () => {
    expect(basicAuthorization('user', 'pa:ss')).toBe(`Basic ${Buffer.from('user:pa:ss').toString('base64')}`);
  });
});

describe('GOAUTH', () => {
  const netrc = parseNetrc('machine h.invalid login u password secret\n');

  test('ignored before Go 1.24: netrc is always read', () => {
    const plan = parseGoAuth('off', 'go1.23.4');
    expect(plan).toMatchObject({ goauthSupported: false, usesNetrc: true, off: false, ignoredValue: 'off' });
    expect(credentialsForRequest('https://h.invalid/', plan, netrc, 'go1.23.4').match?.entry.login).toBe('u');
  });

  test('1.24+: default netrc, off disables, other modes are not evaluated', () => {
    expect(parseGoAuth(undefined, 'go1.24.1')).toMatchObject({ value: 'netrc', usesNetrc: true, off: false, notEvaluated: [] });
    const off = parseGoAuth('off', 'go1.24.1');
    expect(off.off).toBe(true);
    expect(credentialsForRequest('https://h.invalid/', off, netrc, 'go1.24.1')).toEqual({ reason: 'goauth-off', notEvaluated: [] });
    const mixed = parseGoAuth('git /home/u/repo; netrc; my-helper --flag', 'go1.24.1');
    expect(mixed.error).toBeUndefined();
    expect(mixed.commands.map((c) => c.kind)).toEqual(['git', 'netrc', 'command']);
    expect(mixed.notEvaluated.map((c) => c.text)).toEqual(['git /home/u/repo', 'my-helper --flag']);
    const d = credentialsForRequest('https://h.invalid/x', mixed, netrc, 'go1.24.1');
    expect(d.match?.entry.login).toBe('u');
    expect(d.notEvaluated).toHaveLength(2);
  });

  test('1.24+: the fatal errors cmd/go reports', () => {
    expect(parseGoAuth('off;netrc', 'go1.24.0').error).toBe('go: GOAUTH=off cannot be combined with other authentication commands (GOAUTH=off;netrc)');
    expect(parseGoAuth('netrc;', 'go1.24.0').error).toBe('go: GOAUTH encountered an empty command (GOAUTH=netrc;)');
    expect(parseGoAuth('git relative/dir', 'go1.24.0').error).toMatch(/dir is not absolute$/);
    expect(parseGoAuth('git', 'go1.24.0').error).toBe('go: GOAUTH=git dir method requires an absolute path to the git working directory');
    const bad = parseGoAuth('netrc;', 'go1.24.0');
    expect(credentialsForRequest('https://h.invalid/', bad, netrc, 'go1.24.0').reason).toBe('goauth-error');
  });

  test('credentialLookup feeds the probe', () => {
    const lookup = credentialLookup(parseGoAuth(undefined, 'go1.23'), netrc, 'go1.23');
    expect(lookup('https://h.invalid/x')).toEqual({ login: 'u', password: 'secret', machine: 'h.invalid' });
    expect(lookup('http://h.invalid/x')).toBeUndefined();
  });
});

// Differential: does the real go send the credentials our port says it sends?
const versions = availableGoVersions(['1.19', '1.23']);
const describeGo = versions.length > 0 ? describe : describe.skip;

describeGo('agrees with real go on which .netrc machine matches an https proxy with a port', () => {
  let ca: TestCa;
  let proxy: FakeGoProxy;

  beforeAll(async () => {
    ca = await createTestCa();
    const leaf = await ca.issue({ hosts: ['127.0.0.1'] });
    proxy = await startFakeGoProxy({ modules: exampleModules(), tls: { cert: leaf.cert, key: leaf.key }, auth: { user: 'gopher', password: 'hunter2-secret' } });
  }, 30_000);

  afterAll(async () => {
    await proxy?.close();
    ca?.cleanup();
  });

  const cases: Array<[GoVersion, 'hostname' | 'host:port']> = versions.flatMap((v) => [
    [v, 'hostname'],
    [v, 'host:port'],
  ] as Array<[GoVersion, 'hostname' | 'host:port']>);

  test.each(cases)('go%s with `machine <%s>`', async (version, form) => {
    const sandbox = createGoSandbox('gpd-netrc-');
    try {
      const machine = form === 'hostname' ? '127.0.0.1' : `127.0.0.1:${proxy.port}`;
      const netrcFile = path.join(sandbox.root, 'netrc');
      const text = `machine ${machine} login gopher password hunter2-secret\n`;
      writeFileSync(netrcFile, text);
      const goproxy = `https://127.0.0.1:${proxy.port}`;
      const run = await runGo(version, ['mod', 'download', '-json', 'example.com/hello@v1.0.0'], {
        ...sandbox.env,
        GOPROXY: goproxy,
        NETRC: netrcFile,
        SSL_CERT_FILE: ca.caCertPath,
      }, { timeoutMs: 30_000 });
      const predicted = credentialsFor(`${goproxy}/example.com/hello/@v/v1.0.0.info`, parseNetrc(text), `go${version}`);
      if (predicted) {
        expect(run.exitCode).toBe(0);
      } else {
        expect(run.exitCode).not.toBe(0);
        expect(run.stdout).toContain('401 Unauthorized');
      }
    } finally {
      sandbox.cleanup();
    }
  }, 40_000);
});
