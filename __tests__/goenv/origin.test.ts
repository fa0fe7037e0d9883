import type { FileRead } from '../../src/io.js';
import {
  EXPLAINED_VARIABLES,
  UNEXPLAINED_NOTE_PREFIX,
  UPSTREAM_GO_ENV,
  cleanPath,
  locateGorootGoEnv,
  locateTelemetryModeFile,
  locateUserEnvFile,
  parseGoRelease,
  resolveOrigins,
  type OriginInput,
} from '../../src/goenv/origin.js';
import type { Origin, VariableInfo } from '../../src/goenv/types.js';

const USER_FILE = '/home/u/.config/go/env';
const GOROOT_ENV = '/usr/local/go/go.env';
const UPSTREAM_TEXT = Object.entries(UPSTREAM_GO_ENV)
  .map(([k, v]) => `${k}=${v}`)
  .join('\n');

function file(text: string): FileRead {
  return { ok: true, text };
}
function failure(code: string): FileRead {
  return { ok: false, code, message: `${code}: failed` };
}

interface Setup {
  version?: string;
  os?: Record<string, string | undefined>;
  /** User env file content, a read failure, or 'off' for GOENV=off. */
  user?: string | FileRead | 'off';
  /** go.env content or failure; undefined means "upstream go.env". */
  goroot?: string | FileRead;
  goEnvJson?: Record<string, string>;
  platform?: NodeJS.Platform;
  /** The telemetry mode file's content or failure (at TELEMETRY_FILE); undefined: not read. */
  telemetry?: string | FileRead;
}

const TELEMETRY_FILE = '/home/u/.config/go/telemetry/mode';

function build(setup: Setup): OriginInput {
  const version = setup.version ?? 'go1.23.5';
  const user = setup.user ?? '';
  const goroot = setup.goroot ?? UPSTREAM_TEXT;
  return {
    goEnvJson: setup.goEnvJson ?? {},
    goVersion: version,
    osEnv: setup.os ?? {},
    platform: setup.platform ?? 'linux',
    userEnvFile:
      user === 'off'
        ? { kind: 'off' }
        : { kind: 'file', path: USER_FILE, fromGOENV: false, read: typeof user === 'string' ? file(user) : user },
    gorootGoEnv: { path: GOROOT_ENV, read: typeof goroot === 'string' ? file(goroot) : goroot },
    ...(setup.telemetry !== undefined
      ? { telemetryModeFile: { path: TELEMETRY_FILE, read: typeof setup.telemetry === 'string' ? file(setup.telemetry) : setup.telemetry } }
      : {}),
  };
}

function resolve(setup: Setup): Record<string, VariableInfo> {
  return resolveOrigins(build(setup));
}

type Expect = [value: string, origin: Origin, file?: string];

describe('resolveOrigins: value and origin of each layer', () => {
  test.each<[string, Setup, Record<string, Expect>]>([
    [
      'nothing set, go1.23 with upstream go.env',
      {},
      {
        GOPROXY: ['https://proxy.golang.org,direct', 'goroot-go.env', GOROOT_ENV],
        GOSUMDB: ['sum.golang.org', 'goroot-go.env', GOROOT_ENV],
        GOTOOLCHAIN: ['auto', 'goroot-go.env', GOROOT_ENV],
        GOPRIVATE: ['', 'default'],
        GONOPROXY: ['', 'default'],
        GOFLAGS: ['', 'default'],
        GOENV: [USER_FILE, 'default'],
      },
    ],
    [
      'nothing set, go1.19 uses compiled-in defaults and never reads go.env',
      { version: 'go1.19.8', goroot: 'GOPROXY=https://distro.invalid\n' },
      {
        GOPROXY: ['https://proxy.golang.org,direct', 'default'],
        GOSUMDB: ['sum.golang.org', 'default'],
        GOTOOLCHAIN: ['', 'default'],
      },
    ],
    [
      'go1.21 whose GOROOT has no go.env: everything empty',
      { version: 'go1.21.13', goroot: failure('ENOENT') },
      { GOPROXY: ['', 'default'], GOSUMDB: ['', 'default'], GOTOOLCHAIN: ['', 'default'] },
    ],
    ['OS variable wins', { os: { GOPROXY: 'off' }, user: 'GOPROXY=https://u.invalid\n' }, { GOPROXY: ['off', 'environment'] }],
    [
      'empty OS variable counts as unset',
      { os: { GOPROXY: '' }, user: 'GOPROXY=https://u.invalid\n' },
      { GOPROXY: ['https://u.invalid', 'goenv-file', USER_FILE] },
    ],
    [
      'user file beats go.env',
      { user: 'GOSUMDB=off\nGOTOOLCHAIN=local\n' },
      { GOSUMDB: ['off', 'goenv-file', USER_FILE], GOTOOLCHAIN: ['local', 'goenv-file', USER_FILE], GOPROXY: ['https://proxy.golang.org,direct', 'goroot-go.env', GOROOT_ENV] },
    ],
    ['empty user-file line hides go.env on go1.21+', { user: 'GOPROXY=\n' }, { GOPROXY: ['', 'goenv-file', USER_FILE] }],
    ['empty user-file line falls back to the built-in default on go1.19', { version: 'go1.19.8', user: 'GOPROXY=\n' }, { GOPROXY: ['https://proxy.golang.org,direct', 'default'] }],
    [
      'GOPRIVATE feeds GONOPROXY and GONOSUMDB',
      { os: { GOPRIVATE: '*.corp.invalid' } },
      { GOPRIVATE: ['*.corp.invalid', 'environment'], GONOPROXY: ['*.corp.invalid', 'derived'], GONOSUMDB: ['*.corp.invalid', 'derived'] },
    ],
    [
      'explicit GONOPROXY beats GOPRIVATE, GONOSUMDB still derives',
      { user: 'GOPRIVATE=a.invalid\n', os: { GONOPROXY: 'none' } },
      { GOPRIVATE: ['a.invalid', 'goenv-file', USER_FILE], GONOPROXY: ['none', 'environment'], GONOSUMDB: ['a.invalid', 'derived'] },
    ],
    ['empty OS GONOSUMDB still derives', { os: { GOPRIVATE: 'p.invalid', GONOSUMDB: '' } }, { GONOSUMDB: ['p.invalid', 'derived'] }],
    ['derivation also on go1.19', { version: 'go1.19.8', user: 'GOPRIVATE=q.invalid\n' }, { GONOPROXY: ['q.invalid', 'derived'] }],
    [
      "a distribution's go.env",
      { goroot: 'GOPROXY=https://mirror.invalid\nGOTOOLCHAIN=local\nGOFLAGS=-mod=mod\n' },
      {
        GOPROXY: ['https://mirror.invalid', 'goroot-go.env', GOROOT_ENV],
        GOSUMDB: ['', 'default'],
        GOTOOLCHAIN: ['local', 'goroot-go.env', GOROOT_ENV],
        GOFLAGS: ['-mod=mod', 'goroot-go.env', GOROOT_ENV],
      },
    ],
    ['go.env duplicates: first wins', { goroot: 'GOPROXY=one\nGOPROXY=two\n' }, { GOPROXY: ['one', 'goroot-go.env', GOROOT_ENV] }],
    ['user duplicates: last wins', { user: 'GOPROXY=one\nGOPROXY=two\n' }, { GOPROXY: ['two', 'goenv-file', USER_FILE] }],
    ['quotes are part of the value', { user: 'GOPROXY="https://q.invalid"\n' }, { GOPROXY: ['"https://q.invalid"', 'goenv-file', USER_FILE] }],
    ['ignored lines do not count', { user: 'export GOPROXY=x\n# GOSUMDB=off\n' }, { GOPROXY: ['https://proxy.golang.org,direct', 'goroot-go.env', GOROOT_ENV] }],
    ['GOENV=off skips the user file but not go.env', { user: 'off', os: { GOENV: 'off' } }, { GOENV: ['', 'environment'], GOPROXY: ['https://proxy.golang.org,direct', 'goroot-go.env', GOROOT_ENV] }],
    ['unreadable user file contributes nothing', { user: failure('EACCES') }, { GOPROXY: ['https://proxy.golang.org,direct', 'goroot-go.env', GOROOT_ENV] }],
    ['GOTOOLCHAIN on go1.19 does not exist', { version: 'go1.19.8', os: { GOTOOLCHAIN: 'local' } }, { GOTOOLCHAIN: ['', 'default'] }],
    ['GOAUTH before 1.24 does not exist', { os: { GOAUTH: 'off' } }, { GOAUTH: ['', 'default'] }],
    ['GOAUTH on a toolchain that has it', { version: 'go1.24.0', goEnvJson: { GOAUTH: 'netrc' } }, { GOAUTH: ['netrc', 'default'] }],
    ['GOAUTH from the environment', { version: 'go1.24.0', os: { GOAUTH: 'off' }, goEnvJson: { GOAUTH: 'off' } }, { GOAUTH: ['off', 'environment'] }],
    ['GOAUTH from go.env', { version: 'go1.25.1', goroot: 'GOAUTH=off\n', goEnvJson: { GOAUTH: 'off' } }, { GOAUTH: ['off', 'goroot-go.env', GOROOT_ENV] }],
    ['GOAUTH reported by a development build', { version: 'devel go1.27-abc', goEnvJson: { GOAUTH: 'netrc' } }, { GOAUTH: ['netrc', 'default'] }],
    ['GOFIPS140 before 1.24 does not exist', { os: { GOFIPS140: 'latest' } }, { GOFIPS140: ['', 'default'] }],
    ['GOFIPS140 defaults to off', { version: 'go1.24.13', goEnvJson: { GOFIPS140: 'off' } }, { GOFIPS140: ['off', 'default'] }],
    ['GOFIPS140 from the user file', { version: 'go1.26.8', user: 'GOFIPS140=latest\n', goEnvJson: { GOFIPS140: 'latest' } }, { GOFIPS140: ['latest', 'goenv-file', USER_FILE] }],
    ['GOTELEMETRY before 1.23 does not exist', { version: 'go1.22.12', telemetry: 'on' }, { GOTELEMETRY: ['', 'default'] }],
    ['GOTELEMETRY from the mode file', { telemetry: 'off\n', goEnvJson: { GOTELEMETRY: 'off' } }, { GOTELEMETRY: ['off', 'telemetry-mode-file', TELEMETRY_FILE] }],
    ['GOTELEMETRY mode file with a date', { telemetry: ' on 2024-05-01\n', goEnvJson: { GOTELEMETRY: 'on' } }, { GOTELEMETRY: ['on', 'telemetry-mode-file', TELEMETRY_FILE] }],
    ['GOTELEMETRY without a mode file is local', { telemetry: failure('ENOENT'), goEnvJson: { GOTELEMETRY: 'local' } }, { GOTELEMETRY: ['local', 'default'] }],
    ['GOTELEMETRY without a config directory is off', { goEnvJson: { GOTELEMETRY: 'off' } }, { GOTELEMETRY: ['off', 'default'] }],
    ['GOTELEMETRY in the OS environment changes nothing', { os: { GOTELEMETRY: 'on' }, telemetry: 'off', goEnvJson: { GOTELEMETRY: 'off' } }, { GOTELEMETRY: ['off', 'telemetry-mode-file', TELEMETRY_FILE] }],
    ['GODEBUG comes from the OS only', { os: { GODEBUG: 'urlstrictcolons=0' }, user: 'GODEBUG=x=1\n' }, { GODEBUG: ['urlstrictcolons=0', 'environment'] }],
    ['proxy variables come from the OS only', { os: { https_proxy: 'http://p.invalid:3128' }, user: 'HTTPS_PROXY=http://f.invalid\n' }, { HTTPS_PROXY: ['http://p.invalid:3128', 'environment'], HTTP_PROXY: ['', 'default'] }],
    ['upper case wins over lower case', { os: { NO_PROXY: 'a.invalid', no_proxy: 'b.invalid' } }, { NO_PROXY: ['a.invalid', 'environment'] }],
    ['empty upper case falls through to lower case', { os: { HTTP_PROXY: '', http_proxy: 'http://l.invalid' } }, { HTTP_PROXY: ['http://l.invalid', 'environment'] }],
    ['NETRC and certificates', { os: { NETRC: '/n/netrc', SSL_CERT_DIR: '/a:/b' } }, { NETRC: ['/n/netrc', 'environment'], SSL_CERT_DIR: ['/a:/b', 'environment'], SSL_CERT_FILE: ['', 'default'] }],
  ])('%s', (_name, setup, expected) => {
    const result = resolve(setup);
    for (const [name, [value, origin, path]] of Object.entries(expected)) {
      const info = result[name];
      expect({ name, value: info?.value, origin: info?.origin, file: info?.file }).toEqual({ name, value, origin, file: path });
      expect(info?.notes.some((n) => n.startsWith(UNEXPLAINED_NOTE_PREFIX))).toBe(false);
    }
  });

  test('every explained variable is present, in display order', () => {
    expect(Object.keys(resolve({}))).toEqual([...EXPLAINED_VARIABLES]);
  });
});

function notesOf(setup: Setup, name: string): string[] {
  return resolve(setup)[name]?.notes ?? [];
}

describe('resolveOrigins: notes', () => {
  test('a go env -w value hidden by an OS variable is flagged as shadowed', () => {
    const notes = notesOf({ os: { GOPROXY: 'off' }, user: 'GOPROXY=https://corp.invalid\n' }, 'GOPROXY');
    expect(notes.join('\n')).toMatch(/shadowed.*GOPROXY=https:\/\/corp\.invalid.*line 1/);
  });

  test('no shadow note when the OS and the file agree', () => {
    expect(notesOf({ os: { GOPROXY: 'off' }, user: 'GOPROXY=off\n' }, 'GOPROXY').join('\n')).not.toMatch(/shadowed/);
  });

  test('an empty OS variable is pointed out', () => {
    expect(notesOf({ os: { GOSUMDB: '' } }, 'GOSUMDB').join('\n')).toMatch(/empty string in the OS environment/);
  });

  test('an empty user-file line that hides go.env says what it hides', () => {
    expect(notesOf({ user: 'GOSUMDB=\n' }, 'GOSUMDB').join('\n')).toContain(`hides GOSUMDB=sum.golang.org from ${GOROOT_ENV}`);
  });

  test('on go1.19 the empty line is "treated as unset"', () => {
    expect(notesOf({ version: 'go1.19.8', user: 'GOSUMDB=\n' }, 'GOSUMDB').join('\n')).toMatch(/treats as unset/);
  });

  test('derived values name where GOPRIVATE came from', () => {
    expect(notesOf({ user: 'GOPRIVATE=x.invalid\n' }, 'GONOSUMDB').join('\n')).toContain(`inherited from GOPRIVATE (goenv-file ${USER_FILE})`);
  });

  test('an explicit GONOPROXY that differs from GOPRIVATE is pointed out', () => {
    expect(notesOf({ os: { GOPRIVATE: 'a.invalid', GONOPROXY: 'b.invalid' } }, 'GONOPROXY').join('\n')).toMatch(/GOPRIVATE=a\.invalid does not apply to proxy/);
  });

  test('distribution changes to go.env are flagged, upstream values are not', () => {
    const result = resolve({ goroot: 'GOPROXY=https://mirror.invalid\nGOTOOLCHAIN=local\nGOFLAGS=-mod=mod\n' });
    expect(result.GOPROXY?.notes.join('\n')).toMatch(/sets GOPROXY=https:\/\/mirror\.invalid; upstream .*GOPROXY=https:\/\/proxy\.golang\.org,direct/);
    expect(result.GOSUMDB?.notes.join('\n')).toMatch(/does not set GOSUMDB; upstream/);
    expect(result.GOTOOLCHAIN?.notes.join('\n')).toMatch(/changed by your Go distribution/);
    expect(result.GOFLAGS?.notes.join('\n')).toMatch(/added by your Go distribution/);
    expect(resolve({}).GOPROXY?.notes).toEqual([]);
  });

  test('a distribution change is flagged even when the user file overrides it', () => {
    expect(notesOf({ goroot: 'GOTOOLCHAIN=local\n', user: 'GOTOOLCHAIN=auto\n' }, 'GOTOOLCHAIN').join('\n')).toMatch(/changed by your Go distribution/);
  });

  test('a missing go.env on go1.21+ explains the empty GOPROXY', () => {
    expect(notesOf({ goroot: failure('ENOENT') }, 'GOPROXY').join('\n')).toMatch(/go\.env does not exist; upstream Go ships it/);
    expect(notesOf({ goroot: failure('EACCES') }, 'GOSUMDB').join('\n')).toMatch(/cannot read .*EACCES/);
    expect(notesOf({ goroot: failure('ENOENT') }, 'GOPROXY').join('\n')).toMatch(/GOPROXY list is not the empty string, but contains no entries/);
    expect(notesOf({ user: 'GOSUMDB=\n' }, 'GOSUMDB').join('\n')).toMatch(/missing GOSUMDB/);
    expect(notesOf({}, 'GOSUMDB').join('\n')).not.toMatch(/missing GOSUMDB/);
  });

  test('duplicates name their lines and the rule', () => {
    expect(notesOf({ user: 'GOPROXY=one\nGOPROXY=two\n' }, 'GOPROXY').join('\n')).toMatch(/appears 2 times .*lines 1, 2.*last/);
    expect(notesOf({ goroot: 'GOPROXY=one\nGOPROXY=two\n' }, 'GOPROXY').join('\n')).toMatch(/appears 2 times .*first/);
  });

  test('quotes, CR and spaces in a value are explained', () => {
    expect(notesOf({ user: 'GOPROXY="https://q.invalid"\n' }, 'GOPROXY').join('\n')).toMatch(/wrapped in quotes/);
    expect(notesOf({ user: 'GOSUMDB=off\r\n' }, 'GOSUMDB').join('\n')).toMatch(/carriage return/);
    expect(notesOf({ os: { GOFLAGS: ' -mod=mod' } }, 'GOFLAGS').join('\n')).toMatch(/leading or trailing spaces/);
  });

  test('ignored and misspelled lines are reported on the variable they meant', () => {
    const setup: Setup = { user: 'export GOPROXY=x\ngoprivate=y\nGONOSUMDB =z\n# just a comment\n' };
    const result = resolve(setup);
    expect(result.GOPROXY?.notes.join('\n')).toMatch(/line 1 is ignored by go \(it does not start with a capital letter A-Z\): export GOPROXY=x/);
    expect(result.GOPRIVATE?.notes.join('\n')).toMatch(/line 2 is ignored/);
    expect(result.GONOSUMDB?.notes.join('\n')).toMatch(/line 3 sets "GONOSUMDB ", not GONOSUMDB/);
    // Lines not aimed at a known variable are listed on GOENV, the file itself.
    expect(result.GOENV?.notes.join('\n')).toMatch(/line 4 is ignored by go \(a comment\)/);
    expect(result.GOENV?.notes.join('\n')).not.toMatch(/line 1/);
  });

  test('GOENV notes: off, missing, directory, unreadable, relative, a GOENV line', () => {
    expect(notesOf({ user: 'off', os: { GOENV: 'off' } }, 'GOENV').join('\n')).toMatch(/GOENV=off/);
    expect(notesOf({ user: failure('ENOENT') }, 'GOENV').join('\n')).toMatch(/does not exist/);
    expect(notesOf({ user: failure('EISDIR') }, 'GOENV').join('\n')).toMatch(/is a directory/);
    expect(notesOf({ user: failure('EACCES') }, 'GOENV').join('\n')).toMatch(/cannot read .*EACCES.*ignores/);
    expect(notesOf({ user: 'GOENV=/elsewhere\n' }, 'GOENV').join('\n')).toMatch(/GOENV can only be set in the OS environment/);
    const relative = resolveOrigins({ ...build({}), userEnvFile: { kind: 'file', path: 'rel/env', fromGOENV: true, read: file('') } });
    expect(relative.GOENV?.value).toBe('rel/env');
    expect(relative.GOENV?.notes.join('\n')).toMatch(/relative path/);
  });

  test('a variable the toolchain does not know says so, and what was ignored', () => {
    const notes = notesOf({ version: 'go1.19.8', os: { GOTOOLCHAIN: 'local' }, user: 'GOTOOLCHAIN=go1.21.0\n' }, 'GOTOOLCHAIN').join('\n');
    expect(notes).toMatch(/does not exist in go1\.19\.8 \(added in Go 1\.21\)/);
    expect(notes).toMatch(/OS environment sets GOTOOLCHAIN=local/);
    expect(notes).toMatch(/line 1 sets GOTOOLCHAIN=go1\.21\.0/);
    expect(notesOf({}, 'GOAUTH').join('\n')).toMatch(/added in Go 1\.24/);
    expect(notesOf({}, 'GOFIPS140').join('\n')).toMatch(/added in Go 1\.24/);
    expect(notesOf({ version: 'go1.22.12' }, 'GOTELEMETRY').join('\n')).toMatch(/added in Go 1\.23/);
  });

  test('GOTELEMETRY notes: ignored settings, the default, odd modes', () => {
    const ignored = notesOf({ os: { GOTELEMETRY: 'on' }, user: 'GOTELEMETRY=on\n', telemetry: 'off', goEnvJson: { GOTELEMETRY: 'off' } }, 'GOTELEMETRY').join('\n');
    expect(ignored).toMatch(/OS environment sets GOTELEMETRY=on, which go ignores/);
    expect(ignored).toMatch(/line 1 sets GOTELEMETRY, which go ignores/);
    expect(notesOf({ telemetry: failure('ENOENT'), goEnvJson: { GOTELEMETRY: 'local' } }, 'GOTELEMETRY').join('\n')).toMatch(/does not exist: the default mode "local"/);
    expect(notesOf({ telemetry: 'sometimes', goEnvJson: { GOTELEMETRY: 'sometimes' } }, 'GOTELEMETRY').join('\n')).toMatch(/"sometimes" is not a mode/);
    expect(notesOf({ os: { XDG_CONFIG_HOME: 'rel' }, version: 'go1.24.0', goEnvJson: { GOTELEMETRY: 'off' } }, 'GOTELEMETRY').join('\n')).toMatch(
      /no user config directory \(path in \$XDG_CONFIG_HOME is relative\)/,
    );
  });

  test('OS-only variables', () => {
    expect(notesOf({ os: { https_proxy: 'http://p.invalid' } }, 'HTTPS_PROXY')).toContain('read from https_proxy');
    expect(notesOf({ os: { NO_PROXY: 'a', no_proxy: 'b' } }, 'NO_PROXY').join('\n')).toMatch(/no_proxy=b is ignored: NO_PROXY takes precedence/);
    expect(notesOf({ user: 'HTTPS_PROXY=http://f.invalid\n' }, 'HTTPS_PROXY').join('\n')).toMatch(/only from the OS environment/);
    expect(notesOf({ os: { HTTP_PROXY: 'http://p.invalid', REQUEST_METHOD: 'GET' } }, 'HTTP_PROXY').join('\n')).toMatch(/REQUEST_METHOD/);
    expect(notesOf({ os: { HOME: '/h' } }, 'NETRC')).toContain('not set: go reads /h/.netrc');
    expect(notesOf({ os: { USERPROFILE: 'C:\\Users\\u' }, platform: 'win32' }, 'NETRC')).toContain('not set: go reads C:\\Users\\u\\_netrc');
    expect(notesOf({ os: { SSL_CERT_FILE: '/c.pem' }, platform: 'darwin' }, 'SSL_CERT_FILE').join('\n')).toMatch(/ignored on macOS/);
    expect(notesOf({ os: { SSL_CERT_FILE: '/c.pem' } }, 'SSL_CERT_FILE').join('\n')).toMatch(/default certificate directories are still loaded/);
  });

  test("go's own value wins when the replay disagrees, with a note", () => {
    const result = resolve({ goEnvJson: { GOPROXY: 'https://surprise.invalid' } });
    expect(result.GOPROXY?.value).toBe('https://surprise.invalid');
    expect(result.GOPROXY?.notes.some((n) => n.startsWith(UNEXPLAINED_NOTE_PREFIX))).toBe(true);
  });
});

describe('locating the env files', () => {
  test.each<[string, Record<string, string>, NodeJS.Platform, unknown]>([
    ['$GOENV', { GOENV: '/x/env', HOME: '/h' }, 'linux', { kind: 'file', path: '/x/env', fromGOENV: true }],
    ['GOENV=off', { GOENV: 'off' }, 'linux', { kind: 'off' }],
    ['empty GOENV is unset', { GOENV: '', HOME: '/h' }, 'linux', { kind: 'file', path: '/h/.config/go/env', fromGOENV: false }],
    ['XDG_CONFIG_HOME', { XDG_CONFIG_HOME: '/xdg/', HOME: '/h' }, 'linux', { kind: 'file', path: '/xdg/go/env', fromGOENV: false }],
    ['macOS', { HOME: '/Users/u' }, 'darwin', { kind: 'file', path: '/Users/u/Library/Application Support/go/env', fromGOENV: false }],
    ['Windows', { AppData: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', { kind: 'file', path: 'C:\\Users\\u\\AppData\\Roaming\\go\\env', fromGOENV: false }],
    ['no home at all', {}, 'linux', { kind: 'none', reason: 'neither $XDG_CONFIG_HOME nor $HOME are defined' }],
  ])('%s', (_name, env, platform, expected) => {
    expect(locateUserEnvFile(env, platform)).toEqual(expected);
  });

  test('a relative XDG_CONFIG_HOME: used as it is before Go 1.24, an error from 1.24 on', () => {
    const env = { XDG_CONFIG_HOME: 'rel/xdg', HOME: '/h' };
    expect(locateUserEnvFile(env, 'linux', 'go1.23.12')).toEqual({ kind: 'file', path: 'rel/xdg/go/env', fromGOENV: false });
    expect(locateUserEnvFile(env, 'linux', 'go1.24.0')).toEqual({ kind: 'none', reason: 'path in $XDG_CONFIG_HOME is relative' });
    expect(locateUserEnvFile(env, 'linux')).toEqual({ kind: 'file', path: 'rel/xdg/go/env', fromGOENV: false });
    expect(locateTelemetryModeFile(env, 'linux', 'go1.23.12')).toEqual({ path: 'rel/xdg/go/telemetry/mode' });
    expect(locateTelemetryModeFile(env, 'linux', 'go1.27.4')).toEqual({ error: 'path in $XDG_CONFIG_HOME is relative' });
    expect(locateTelemetryModeFile({ HOME: '/h' }, 'linux', 'go1.26.8')).toEqual({ path: '/h/.config/go/telemetry/mode' });
  });

  test('go.env comes from the user-file GOROOT, else the OS GOROOT, else what go reports', () => {
    expect(locateGorootGoEnv('GOROOT=/from/file/\n', { GOROOT: '/from/os' }, '/reported', 'linux')).toBe('/from/file/go.env');
    expect(locateGorootGoEnv('GOROOT=\n', { GOROOT: '/from/os//' }, '/reported', 'linux')).toBe('/from/os/go.env');
    expect(locateGorootGoEnv(undefined, {}, '/reported', 'linux')).toBe('/reported/go.env');
    expect(locateGorootGoEnv(undefined, {}, undefined, 'linux')).toBeUndefined();
  });

  test('cleanPath matches filepath.Clean on the cases we meet', () => {
    expect(cleanPath('/a/b/', 'linux')).toBe('/a/b');
    expect(cleanPath('/a/./b/../c', 'linux')).toBe('/a/c');
    expect(cleanPath('/', 'linux')).toBe('/');
    expect(cleanPath('', 'linux')).toBe('.');
  });

  test('parseGoRelease', () => {
    expect(parseGoRelease('go1.23.5')).toEqual({ major: 1, minor: 23 });
    expect(parseGoRelease('go1.21rc2')).toEqual({ major: 1, minor: 21 });
    expect(parseGoRelease('devel go1.24-abcdef Tue')).toEqual({ major: 1, minor: 24 });
    expect(parseGoRelease('weird')).toBeUndefined();
  });
});
