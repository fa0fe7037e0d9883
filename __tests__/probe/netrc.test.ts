import { credentialLookup, credentialsForRequest, parseGoAuth } from '../../src/probe/goauth.js';
import { basicAuthorization, credentialsFor, netrcMatchRule, netrcPath, parseGoVersion, parseNetrc } from '../../src/probe/netrc.js';
import { availableGoVersions, type GoVersion } from '../helpers/go-toolchains.js';
import { CredentialLab, LOGIN, PASSWORD, checkCases, outcomesByVersion, type CaseContext, type CredentialCase } from './credential-harness.js';

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
    expect(netrcMatchRule('go1.24.0')).toBe('host-or-exact-url');
    expect(netrcMatchRule('go1.25.14')).toBe('host-path-prefix');
    expect(netrcMatchRule('go1.27.4')).toBe('host-path-prefix');
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

  test('go1.25+ matches host/path prefixes and keeps the earliest entry per machine', () => {
    const e = parseNetrc('machine h.invalid/private login a password pa\nmachine h.invalid login b password pb\nmachine h.invalid login c password pc\n');
    expect(credentialsFor('https://h.invalid/private/mod/@v/list', e, 'go1.25')?.entry.login).toBe('a');
    expect(credentialsFor('https://h.invalid/public/@v/list', e, 'go1.26')?.entry.login).toBe('b');
    expect(credentialsFor('https://other.invalid/', e, 'go1.27')).toBeUndefined();
  });

  test('go1.24 tries the exact URL and the host only; a path machine or a trailing slash never matches under it', () => {
    const e = parseNetrc('machine h.invalid/private login a password pa\nmachine h.invalid login b password pb\nmachine h.invalid/x/ login c password pc\n');
    expect(credentialsFor('https://h.invalid/private/mod/@v/list', e, 'go1.24')?.entry.login).toBe('b');
    expect(credentialsFor('https://h.invalid/private', e, 'go1.24')?.entry.login).toBe('a');
    expect(credentialsFor('https://h.invalid/x/y', e, 'go1.24')?.entry.login).toBe('b');
    expect(credentialsFor('https://h.invalid/x/y', e, 'go1.25')?.entry.login).toBe('c');
  });

  test('1.24+: userinfo in the URL is part of every key, so .netrc never matches such a URL', () => {
    const e = parseNetrc('machine h.invalid:8443 login n password pn\n');
    expect(credentialsFor('https://u:p@h.invalid:8443/m/@v/list', e, 'go1.23')?.entry.login).toBe('n');
    expect(credentialsFor('https://u:p@h.invalid:8443/m/@v/list', e, 'go1.24')).toBeUndefined();
    expect(credentialsFor('https://u:p@h.invalid:8443/m/@v/list', e, 'go1.26')).toBeUndefined();
    expect(credentialsFor('HTTPS://h.invalid:8443/m/@v/list', e, 'go1.26')?.entry.login).toBe('n');
  });

  test('1.24+: a machine written as an https URL matches; http:// does not', () => {
    const e = parseNetrc('machine https://h.invalid:8443 login s password ps\nmachine http://g.invalid login t password pt\n');
    expect(credentialsFor('https://h.invalid:8443/m', e, 'go1.24')?.entry.login).toBe('s');
    expect(credentialsFor('https://h.invalid:8443/m', e, 'go1.23')).toBeUndefined();
    expect(credentialsFor('https://g.invalid/m', e, 'go1.26')).toBeUndefined();
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

// Differential: on every Go version, does the real go send the .netrc credentials the port (through
// the GOAUTH session and the probe) says it sends, to a proxy URL with a port?
const versions = availableGoVersions();
const describeGo = versions.length > 0 ? describe : describe.skip;

const machine = (name: (ctx: CaseContext) => string, password = PASSWORD) => (ctx: CaseContext): string => `machine ${name(ctx)} login ${LOGIN} password ${password}\n`;
const withoutScheme = (ctx: CaseContext): string => ctx.base.replace('https://', '');

const NETRC_CASES: CredentialCase[] = [
  { name: 'machine host:port', realm: 'basic', netrc: machine((c) => c.hostPort) },
  { name: 'machine host (no port)', realm: 'basic', netrc: machine(() => '127.0.0.1') },
  { name: 'machine host:port/path of the proxy', realm: 'basic', netrc: machine(withoutScheme) },
  { name: 'machine host:port/path/ (trailing slash)', realm: 'basic', netrc: machine((c) => `${withoutScheme(c)}/`) },
  { name: 'machine https://host:port', realm: 'basic', netrc: machine((c) => `https://${c.hostPort}`) },
  { name: 'machine for the exact .info URL', realm: 'basic', netrc: machine((c) => `${withoutScheme(c)}/example.com/hello/@v/v1.0.0.info`) },
  {
    name: 'two entries for one machine: the first wins',
    realm: 'basic',
    netrc: (c) => `${machine((x) => x.hostPort, 'not-it')(c)}${machine((x) => x.hostPort)(c)}`,
  },
  { name: 'URL userinfo and a wrong .netrc entry', realm: 'basic', userinfo: true, netrc: machine((c) => c.hostPort, 'not-it') },
  { name: 'no .netrc at all', realm: 'basic' },
];

describeGo('.netrc against an https proxy with a port: real go, the session and the probe agree', () => {
  const lab = new CredentialLab();
  beforeAll(() => lab.start(), 30_000);
  afterAll(() => lab.stop());

  test.each(versions)(
    'go%s: every .netrc form',
    async (v: GoVersion) => {
      expect(await checkCases(lab, v, NETRC_CASES)).toEqual([]);
    },
    300_000,
  );

  test('machine host (no port) matches a proxy with a port only on go1.19; host:port on every other version', async () => {
    const rows = await outcomesByVersion(lab, NETRC_CASES.slice(0, 2), versions);
    for (const v of versions) {
      const hostPort = rows.get('machine host:port')?.get(v);
      const hostOnly = rows.get('machine host (no port)')?.get(v);
      expect({ v, hostPort: hostPort?.startsWith('0 '), hostOnly: hostOnly?.startsWith('0 ') }).toEqual({ v, hostPort: v !== '1.19', hostOnly: v === '1.19' });
    }
  }, 300_000);
});
