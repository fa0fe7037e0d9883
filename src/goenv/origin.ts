/**
 * Works out where each effective Go variable came from. Pure: it takes `go env -json`, the OS
 * environment and the text of the two env files, and replays cmd/go's lookup order on them
 * (OS environment, user env file, `$GOROOT/go.env`, built-in default, GOPRIVATE inheritance).
 * The value cmd/go reports always wins; when our replay disagrees we say so in a note.
 */
import path from 'node:path';
import type { FileRead } from '../io.js';
import { SHADOWED_NOTE_PREFIX, type Origin, type VariableInfo } from './types.js';
import { t } from '../i18n/language.js';
import {
  describeIgnoredReason,
  gorootFileValues,
  intendedKey,
  parseEnvFile,
  suspiciousValueProblems,
  userFileValues,
  type EnvFileEntry,
  type ParsedEnvFile,
} from './envfile.js';

/** Go variables we explain, in display order. */
export const GO_VARIABLES = [
  'GOPROXY',
  'GONOPROXY',
  'GOPRIVATE',
  'GONOSUMDB',
  'GOSUMDB',
  'GOINSECURE',
  'GOFLAGS',
  'GO111MODULE',
  'GOTOOLCHAIN',
  'GOVCS',
  'GOAUTH',
  'GOFIPS140',
  'GOTELEMETRY',
  'GOENV',
] as const;

/**
 * Variables cmd/go (through net/http, crypto/x509, its netrc reader and the runtime) reads only from
 * the OS environment. GODEBUG is refused by `go env -w` (go1.26 src/cmd/go/internal/envcmd/env.go:609-610).
 */
export const OS_ONLY_VARIABLES = ['HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY', 'NETRC', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'GODEBUG'] as const;

/** Every variable `resolveOrigins` returns, in display order. */
export const EXPLAINED_VARIABLES: readonly string[] = [...GO_VARIABLES, ...OS_ONLY_VARIABLES];

/** What upstream Go's `$GOROOT/go.env` sets (go1.23 go.env:7-12, identical in 1.21 and 1.22). */
export const UPSTREAM_GO_ENV: Readonly<Record<string, string>> = {
  GOPROXY: 'https://proxy.golang.org,direct',
  GOSUMDB: 'sum.golang.org',
  GOTOOLCHAIN: 'auto',
};

/** Built-in defaults compiled into go1.19 and earlier (go1.19 src/cmd/go/internal/cfg/cfg.go:315-316). */
const GO119_BUILTIN_DEFAULTS: Readonly<Record<string, string>> = {
  GOPROXY: 'https://proxy.golang.org,direct',
  GOSUMDB: 'sum.golang.org',
};

/** Starts the note added when go's reported value differs from our replay; tests look for it. */
export const UNEXPLAINED_NOTE_PREFIX = 'goproxy-doctor cannot account for this value';

/** Where cmd/go looks for the user env file, before reading it. */
export type UserEnvFileLocation =
  | { kind: 'file'; path: string; fromGOENV: boolean }
  | { kind: 'off' }
  | { kind: 'none'; reason: string };

/** The user env file as `resolveOrigins` receives it: its location and, for a file, what reading it gave. */
export type UserEnvFileInput =
  | { kind: 'file'; path: string; fromGOENV: boolean; read: FileRead }
  | { kind: 'off' }
  | { kind: 'none'; reason: string };

/** Everything `resolveOrigins` reasons from. */
export interface OriginInput {
  /** What `go env -json` printed. */
  goEnvJson: Readonly<Record<string, string>>;
  /** e.g. `go1.23.5`. */
  goVersion: string;
  /** The OS environment go ran with. */
  osEnv: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  userEnvFile: UserEnvFileInput;
  /** `$GOROOT/go.env` and what reading it gave; omit for toolchains older than 1.21, which never read it. */
  gorootGoEnv?: { path: string; read: FileRead };
  /**
   * The telemetry mode file (see {@link locateTelemetryModeFile}) and what reading it gave; omit when
   * there is no user config directory or the toolchain predates telemetry (before 1.23).
   */
  telemetryModeFile?: { path: string; read: FileRead };
}

/** A Go release as major/minor numbers. */
export interface GoRelease {
  major: number;
  minor: number;
}

/** Extracts the release from a version string such as `go1.23.5`, `go1.21rc2` or `devel go1.24-abcdef`. */
export function parseGoRelease(version: string): GoRelease | undefined {
  const match = /go(\d+)\.(\d+)/.exec(version);
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]) };
}

/** True when the release is at least major.minor; an unknown release is assumed to be current. */
export function isAtLeast(release: GoRelease | undefined, major: number, minor: number): boolean {
  if (!release) return true;
  return release.major > major || (release.major === major && release.minor >= minor);
}

/** True when this toolchain reads `$GOROOT/go.env` (Go 1.21 and later; go1.21 cfg.go:311-314). */
export function readsGorootGoEnv(goVersion: string): boolean {
  return isAtLeast(parseGoRelease(goVersion), 1, 21);
}

function pathApi(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** Go's filepath.Clean, which unlike Node's normalize also drops a trailing separator. */
export function cleanPath(p: string, platform: NodeJS.Platform): string {
  if (p === '') return '.';
  const api = pathApi(platform);
  const normalized = api.normalize(p);
  const root = api.parse(normalized).root;
  return normalized.length > root.length ? normalized.replace(/[\\/]+$/, '') : normalized;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/**
 * os.UserConfigDir for the given platform and Go version.
 * mirrors go1.26 src/os/file.go:557-595: since Go 1.24 a relative `$XDG_CONFIG_HOME` is an error
 * (go1.24 src/os/file.go UserConfigDir), so such a Go reads no user env file; go1.19–go1.23
 * (go1.23 src/os/file.go:528-564) use the relative path as it is. Without `goVersion` the older,
 * lenient rule applies.
 */
export function userConfigDir(
  osEnv: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
  goVersion?: string,
): { dir: string } | { error: string } {
  if (platform === 'win32') {
    const appData = nonEmpty(osEnv.AppData) ?? nonEmpty(osEnv.APPDATA);
    return appData ? { dir: appData } : { error: '%AppData% is not defined' };
  }
  if (platform === 'darwin') {
    const home = nonEmpty(osEnv.HOME);
    return home ? { dir: `${home}/Library/Application Support` } : { error: '$HOME is not defined' };
  }
  const xdg = nonEmpty(osEnv.XDG_CONFIG_HOME);
  if (xdg) {
    if (goVersion !== undefined && isAtLeast(parseGoRelease(goVersion), 1, 24) && !path.posix.isAbsolute(xdg)) {
      return { error: 'path in $XDG_CONFIG_HOME is relative' };
    }
    return { dir: xdg };
  }
  const home = nonEmpty(osEnv.HOME);
  return home ? { dir: `${home}/.config` } : { error: 'neither $XDG_CONFIG_HOME nor $HOME are defined' };
}

/**
 * Where cmd/go reads the user env file: `$GOENV` (unless `off`), else `os.UserConfigDir()/go/env`.
 * mirrors go1.23 src/cmd/go/internal/cfg/cfg.go:295-310 (go1.19 cfg.go:216-231; unchanged in go1.26).
 */
export function locateUserEnvFile(
  osEnv: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
  goVersion?: string,
): UserEnvFileLocation {
  const goenv = nonEmpty(osEnv.GOENV);
  if (goenv !== undefined) {
    if (goenv === 'off') return { kind: 'off' };
    return { kind: 'file', path: goenv, fromGOENV: true };
  }
  const config = userConfigDir(osEnv, platform, goVersion);
  if ('error' in config) return { kind: 'none', reason: config.error };
  return { kind: 'file', path: pathApi(platform).join(config.dir, 'go/env'), fromGOENV: false };
}

/**
 * The file `go telemetry` writes and `go env GOTELEMETRY` reads (Go 1.23+): `os.UserConfigDir()/go/telemetry/mode`.
 * mirrors go1.26 src/cmd/vendor/golang.org/x/telemetry/internal/telemetry/dir.go:40-56 (identical in
 * go1.23, go1.24, go1.25 and go1.27). Without a user config directory telemetry is off.
 */
export function locateTelemetryModeFile(
  osEnv: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
  goVersion?: string,
): { path: string } | { error: string } {
  const config = userConfigDir(osEnv, platform, goVersion);
  if ('error' in config) return config;
  return { path: pathApi(platform).join(config.dir, 'go', 'telemetry', 'mode') };
}

/** True when this toolchain has `go telemetry` and reports GOTELEMETRY (Go 1.23 and later). */
export function hasTelemetry(goVersion: string): boolean {
  return isAtLeast(parseGoRelease(goVersion), 1, 23);
}

/**
 * The `go.env` cmd/go reads: in `GOROOT` from the user env file, else the OS `$GOROOT`, else the GOROOT
 * go found from its own executable (which is then what `go env GOROOT` prints).
 * mirrors go1.23 src/cmd/go/internal/cfg/cfg.go:312-328 and findGOROOT (:502-515).
 * Returns undefined when no GOROOT is known.
 */
export function locateGorootGoEnv(
  userEnvText: string | undefined,
  osEnv: Readonly<Record<string, string | undefined>>,
  reportedGoroot: string | undefined,
  platform: NodeJS.Platform,
): string | undefined {
  const fromUser = userEnvText === undefined ? undefined : userFileValues(parseEnvFile(userEnvText)).get('GOROOT')?.value;
  const explicit = nonEmpty(fromUser) ?? nonEmpty(osEnv.GOROOT);
  const goroot = explicit !== undefined ? cleanPath(explicit, platform) : nonEmpty(reportedGoroot);
  return goroot === undefined ? undefined : pathApi(platform).join(goroot, 'go.env');
}

interface EnvFileView {
  path: string;
  parsed: ParsedEnvFile;
}

interface Context {
  input: OriginInput;
  release: GoRelease | undefined;
  user?: EnvFileView;
  userValues: Map<string, EnvFileEntry>;
  goroot?: EnvFileView;
  gorootValues: Map<string, EnvFileEntry>;
  /** First go.env line per key, whether or not the user file hides it. */
  gorootFirst: Map<string, EnvFileEntry>;
}

interface Layer {
  value: string;
  origin: Origin;
  file?: string;
  entry?: EnvFileEntry;
}

function buildContext(input: OriginInput): Context {
  let user: EnvFileView | undefined;
  if (input.userEnvFile.kind === 'file' && input.userEnvFile.read.ok) {
    user = { path: input.userEnvFile.path, parsed: parseEnvFile(input.userEnvFile.read.text) };
  }
  const userValues = user ? userFileValues(user.parsed) : new Map<string, EnvFileEntry>();
  let goroot: EnvFileView | undefined;
  const gorootInput = readsGorootGoEnv(input.goVersion) ? input.gorootGoEnv : undefined;
  if (gorootInput?.read.ok) goroot = { path: gorootInput.path, parsed: parseEnvFile(gorootInput.read.text) };
  const gorootValues = goroot ? gorootFileValues(goroot.parsed, userValues) : new Map<string, EnvFileEntry>();
  const gorootFirst = goroot ? gorootFileValues(goroot.parsed, new Set<string>()) : new Map<string, EnvFileEntry>();
  return { input, release: parseGoRelease(input.goVersion), user, userValues, goroot, gorootValues, gorootFirst };
}

/**
 * cfg.Getenv: the OS value if non-empty, else the env-file map (user file first, then go.env).
 * mirrors go1.23 src/cmd/go/internal/cfg/cfg.go:379-393 (go1.19 cfg.go:275-290).
 */
function getenv(ctx: Context, name: string): Layer {
  const os = nonEmpty(ctx.input.osEnv[name]);
  if (os !== undefined) return { value: os, origin: 'environment' };
  const userEntry = ctx.userValues.get(name);
  if (userEntry && ctx.user) return { value: userEntry.value, origin: 'goenv-file', file: ctx.user.path, entry: userEntry };
  const gorootEntry = ctx.gorootValues.get(name);
  if (gorootEntry && ctx.goroot) return { value: gorootEntry.value, origin: 'goroot-go.env', file: ctx.goroot.path, entry: gorootEntry };
  return { value: '', origin: 'default' };
}

function quote(value: string): string {
  return JSON.stringify(value);
}

function lineRef(file: string, entry: { line: number }): string {
  return t`${file} line ${entry.line}`;
}

/** Notes shared by every variable read through cfg.Getenv. */
function layerNotes(ctx: Context, name: string): string[] {
  const notes: string[] = [];
  const osRaw = ctx.input.osEnv[name];
  if (osRaw === '') notes.push(t`${name} is set to the empty string in the OS environment; go treats that as unset`);
  const userEntry = ctx.userValues.get(name);
  if (ctx.user && userEntry && nonEmpty(osRaw) !== undefined && userEntry.value !== osRaw) {
    notes.push(
      `${SHADOWED_NOTE_PREFIX} ${t`'go env -w' set ${name}=${userEntry.value} (${lineRef(ctx.user.path, userEntry)}), but the OS environment overrides it; unset ${name} in your shell for the file's value to apply`}`,
    );
  }
  if (ctx.user) {
    const lines = ctx.user.parsed.entries.filter((entry) => entry.key === name).map((entry) => entry.line);
    if (lines.length > 1) {
      notes.push(t`${name} appears ${lines.length} times in ${ctx.user.path} (lines ${lines.join(', ')}); go uses the last one`);
    }
  }
  if (ctx.goroot) {
    const lines = ctx.goroot.parsed.entries.filter((entry) => entry.key === name).map((entry) => entry.line);
    if (lines.length > 1) {
      notes.push(t`${name} appears ${lines.length} times in ${ctx.goroot.path} (lines ${lines.join(', ')}); go uses the first one`);
    }
  }
  notes.push(...nearMissNotes(ctx, name));
  return notes;
}

/** Lines that look like they set `name` but that go skips or files under another name. */
function nearMissNotes(ctx: Context, name: string): string[] {
  const notes: string[] = [];
  for (const view of [ctx.user, ctx.goroot]) {
    if (!view) continue;
    for (const ignored of view.parsed.ignored) {
      if (intendedKey(ignored.text, EXPLAINED_VARIABLES) === name) {
        notes.push(t`${lineRef(view.path, ignored)} is ignored by go (${describeIgnoredReason(ignored.reason)}): ${ignored.text}`);
      }
    }
    for (const entry of view.parsed.entries) {
      if (entry.key !== name && intendedKey(`${entry.key}=`, EXPLAINED_VARIABLES) === name) {
        notes.push(t`${lineRef(view.path, entry)} sets ${quote(entry.key)}, not ${name}: go matches names exactly`);
      }
    }
  }
  return notes;
}

/** Notes comparing `$GOROOT/go.env` with upstream's, which is how a distribution's changes show up. */
function distributionNotes(ctx: Context, name: string): string[] {
  if (!readsGorootGoEnv(ctx.input.goVersion)) return [];
  const upstream = UPSTREAM_GO_ENV[name];
  const gorootInput = ctx.input.gorootGoEnv;
  if (!gorootInput) return [];
  if (!gorootInput.read.ok) {
    if (upstream === undefined) return [];
    if (gorootInput.read.code === 'ENOENT' || gorootInput.read.code === 'ENOTDIR') {
      return [
        t`${gorootInput.path} does not exist; upstream Go ships it with ${name}=${upstream}, and without it the built-in default is empty`,
      ];
    }
    return [t`cannot read ${gorootInput.path} (${gorootInput.read.code}); go ignores an unreadable go.env, so its ${name}=${upstream} default does not apply`];
  }
  const first = ctx.gorootFirst.get(name);
  const file = gorootInput.path;
  if (upstream !== undefined && first === undefined) {
    return [t`${file} does not set ${name}; upstream Go's go.env sets ${name}=${upstream} (changed by your Go distribution)`];
  }
  if (upstream !== undefined && first !== undefined && first.value !== upstream) {
    return [t`${file} sets ${name}=${first.value}; upstream Go's go.env has ${name}=${upstream} (changed by your Go distribution)`];
  }
  if (upstream === undefined && first !== undefined) {
    return [t`${file} sets ${name}=${first.value}; upstream Go's go.env does not set ${name} (added by your Go distribution)`];
  }
  return [];
}

function valueNotes(value: string): string[] {
  return suspiciousValueProblems(value).map((problem) => t`the value ${problem}`);
}

/** The value cmd/go falls back to when Getenv gives '' (envOr / EnvOrAndChanged). */
function fallbackFor(ctx: Context, name: string, resolved: Map<string, VariableInfo>): { value: string; derived: boolean } {
  if (name === 'GONOPROXY' || name === 'GONOSUMDB') {
    // mirrors go1.23 cfg.go:431-432 (go1.19 cfg.go:318-319): both default to GOPRIVATE.
    return { value: resolved.get('GOPRIVATE')?.value ?? '', derived: true };
  }
  if (!isAtLeast(ctx.release, 1, 21)) return { value: GO119_BUILTIN_DEFAULTS[name] ?? '', derived: false };
  // Go 1.24+ defaults GOAUTH to netrc (go1.26 src/cmd/go/internal/cfg/cfg.go:486) and GOFIPS140 to the
  // toolchain's build-time default, `off` in every release build (cfg.go:478, internal/buildcfg/zbootstrap.go).
  // 1.21+ has no other built-in default.
  if (name === 'GOAUTH') return { value: 'netrc', derived: false };
  if (name === 'GOFIPS140') return { value: 'off', derived: false };
  return { value: '', derived: false };
}

/** What an empty GOPROXY or GOSUMDB (possible on Go 1.21+ without go.env) makes cmd/go say (go1.23 src/cmd/go/internal/modfetch/proxy.go:118-124, sumdb.go:113-122). */
const EMPTY_VALUE_CONSEQUENCES: Readonly<Record<string, () => string>> = {
  GOPROXY: () => t`GOPROXY is empty: module downloads fail with ${'"GOPROXY list is not the empty string, but contains no entries"'}`,
  GOSUMDB: () => t`GOSUMDB is empty: checksum verification fails with ${'"verifying module: missing GOSUMDB"'}`,
};

/** Variables a toolchain may not know; returns the release that introduced them. */
function introducedIn(name: string): GoRelease | undefined {
  if (name === 'GOTOOLCHAIN') return { major: 1, minor: 21 };
  if (name === 'GOTELEMETRY') return { major: 1, minor: 23 };
  if (name === 'GOAUTH' || name === 'GOFIPS140') return { major: 1, minor: 24 };
  return undefined;
}

/** Variables a toolchain has only when `go env` reports them (a development build may predate them). */
const REPORTED_ONLY = new Set(['GOAUTH', 'GOFIPS140', 'GOTELEMETRY']);

/**
 * Whether `go env -json`, listing everything, would have printed this variable, given the value that
 * `go env -json NAME` printed for it. Asked by name, go prints something even for a name it does not
 * use: the OS environment's or its env file's value, or "" (go1.26 src/cmd/go/internal/envcmd/env.go
 * findEnv); listing everything, it leaves such a name out. So a variable added after this release is
 * never listed, and one that every release knowing it reports non-empty (REPORTED_ONLY: a development
 * build may predate it) is not listed when it is empty.
 */
export function listedByGoEnv(name: string, value: string, goVersion: string): boolean {
  const since = introducedIn(name);
  if (since === undefined) return true;
  if (!isAtLeast(parseGoRelease(goVersion), since.major, since.minor)) return false;
  return value !== '' || !REPORTED_ONLY.has(name);
}

function notApplicable(ctx: Context, name: string, since: GoRelease): VariableInfo {
  const notes = [t`${name} does not exist in ${ctx.input.goVersion} (added in Go ${`${since.major}.${since.minor}`}); this go ignores it`];
  const osValue = nonEmpty(ctx.input.osEnv[name]);
  if (osValue !== undefined) notes.push(t`the OS environment sets ${name}=${osValue}, which has no effect on this go`);
  const userEntry = ctx.userValues.get(name);
  if (userEntry && ctx.user) notes.push(t`${lineRef(ctx.user.path, userEntry)} sets ${name}=${userEntry.value}, which has no effect on this go`);
  return { name, value: '', origin: 'default', notes };
}

function resolveGoVariable(ctx: Context, name: string, resolved: Map<string, VariableInfo>): VariableInfo {
  const since = introducedIn(name);
  if (since && !(name in ctx.input.goEnvJson) && (!isAtLeast(ctx.release, since.major, since.minor) || REPORTED_ONLY.has(name))) {
    return notApplicable(ctx, name, since);
  }
  const layer = getenv(ctx, name);
  const notes = layerNotes(ctx, name);
  let { value, origin, file } = layer;
  if (value === '') {
    const fallback = fallbackFor(ctx, name, resolved);
    if (layer.origin === 'goenv-file' && layer.entry && file) {
      const hidden = ctx.gorootFirst.get(name);
      if (hidden && hidden.value !== '' && ctx.goroot) {
        notes.push(t`${lineRef(file, layer.entry)} sets ${name} to the empty value, which hides ${name}=${hidden.value} from ${ctx.goroot.path}`);
      } else if (fallback.value !== '') {
        notes.push(t`${lineRef(file, layer.entry)} sets ${name} to the empty value, which go treats as unset`);
      }
    }
    if (fallback.value !== '') {
      value = fallback.value;
      origin = fallback.derived ? 'derived' : 'default';
      file = undefined;
    }
  }
  if (origin === 'derived') {
    const goprivate = resolved.get('GOPRIVATE');
    const where = goprivate ? `${goprivate.origin}${goprivate.file ? ` ${goprivate.file}` : ''}` : t`unknown`;
    notes.push(t`inherited from GOPRIVATE (${where}) because ${name} is not set`);
  } else if ((name === 'GONOPROXY' || name === 'GONOSUMDB') && value !== '') {
    const privateValue = resolved.get('GOPRIVATE')?.value ?? '';
    if (privateValue !== '' && privateValue !== value) {
      notes.push(
        name === 'GONOPROXY'
          ? t`set explicitly, so GOPRIVATE=${privateValue} does not apply to proxy decisions`
          : t`set explicitly, so GOPRIVATE=${privateValue} does not apply to checksum database decisions`,
      );
    }
  }
  notes.push(...valueNotes(value));
  notes.push(...distributionNotes(ctx, name));
  const consequence = EMPTY_VALUE_CONSEQUENCES[name];
  if (value === '' && consequence !== undefined) notes.push(consequence());
  return finish(ctx, { name, value, origin, ...(file !== undefined ? { file } : {}), notes });
}

/** Keeps go's own value when our replay disagrees, and says so. */
function finish(ctx: Context, info: VariableInfo): VariableInfo {
  const reported = ctx.input.goEnvJson[info.name];
  if (reported !== undefined && reported !== info.value) {
    info.notes.push(
      `${UNEXPLAINED_NOTE_PREFIX}: ${t`go reports ${quote(reported)} but its configuration layers give ${quote(info.value)}; the origin shown may be wrong`}`,
    );
    info.value = reported;
  }
  return info;
}

/** The modes `go telemetry` accepts (go1.26 src/cmd/vendor/golang.org/x/telemetry/internal/telemetry/dir.go:90-96). */
const TELEMETRY_MODES = new Set(['on', 'off', 'local']);

/**
 * GOTELEMETRY is no environment variable: `go env` reports the mode stored in the telemetry mode file,
 * `local` when that file cannot be read and `off` without a user config directory (mirrors go1.26
 * src/cmd/vendor/golang.org/x/telemetry/internal/telemetry/dir.go:124-147). `go env -w` refuses it
 * (go1.26 src/cmd/go/internal/envcmd/env.go:607-608); only `go telemetry on|off|local` changes it.
 */
function resolveTelemetry(ctx: Context): VariableInfo {
  const name = 'GOTELEMETRY';
  const since = introducedIn(name);
  if (since && !(name in ctx.input.goEnvJson)) return notApplicable(ctx, name, since);
  const notes: string[] = [];
  const osValue = nonEmpty(ctx.input.osEnv[name]);
  if (osValue !== undefined) {
    notes.push(t`the OS environment sets ${name}=${osValue}, which go ignores: the mode lives in a file that only ${'`go telemetry off|local|on`'} changes`);
  }
  const userEntry = ctx.userValues.get(name);
  if (userEntry && ctx.user) notes.push(t`${lineRef(ctx.user.path, userEntry)} sets ${name}, which go ignores: only ${'`go telemetry off|local|on`'} changes it`);
  let info: VariableInfo;
  const file = ctx.input.telemetryModeFile;
  if (file === undefined) {
    const located = locateTelemetryModeFile(ctx.input.osEnv, ctx.input.platform, ctx.input.goVersion);
    const reason = 'error' in located ? located.error : t`its mode file was not read`;
    info = { name, value: 'off', origin: 'default', notes: [...notes, t`no user config directory (${reason}): go turns telemetry off`] };
  } else if (!file.read.ok) {
    const why = file.read.code === 'ENOENT' || file.read.code === 'ENOTDIR' ? t`${file.path} does not exist` : t`${file.path} cannot be read (${file.read.code})`;
    info = {
      name,
      value: 'local',
      origin: 'default',
      notes: [...notes, t`${why}: the default mode "local" applies (counters are kept on this machine, nothing is uploaded)`],
    };
  } else {
    // strings.TrimSpace, then everything before the first space (a date may follow the mode).
    const trimmed = file.read.text.replace(/^[\s\u0085]+|[\s\u0085]+$/gu, '');
    const space = trimmed.indexOf(' ');
    const value = space >= 0 ? trimmed.slice(0, space) : trimmed;
    if (!TELEMETRY_MODES.has(value)) notes.push(t`${quote(value)} is not a mode ${'`go telemetry`'} writes (on, off, local)`);
    info = { name, value, origin: 'telemetry-mode-file', file: file.path, notes };
  }
  return finish(ctx, info);
}

/** GOENV is read only from the OS environment (go1.23 cfg.go:296-297; `go env -w GOENV=` is refused). */
function resolveGoenv(ctx: Context): VariableInfo {
  const { userEnvFile, osEnv } = ctx.input;
  const notes: string[] = [];
  const origin: Origin = nonEmpty(osEnv.GOENV) !== undefined ? 'environment' : 'default';
  if (osEnv.GOENV === '') notes.push(t`GOENV is set to the empty string in the OS environment; go treats that as unset`);
  let value = '';
  switch (userEnvFile.kind) {
    case 'off':
      notes.push(t`GOENV=off: go reads no user env file (but 'go env -w' still writes to the default one)`);
      break;
    case 'none':
      notes.push(t`go reads no user env file: ${userEnvFile.reason}`);
      break;
    case 'file': {
      value = userEnvFile.path;
      const api = pathApi(ctx.input.platform);
      if (!api.isAbsolute(userEnvFile.path)) {
        notes.push(t`${userEnvFile.path} is a relative path: go resolves it against the current directory`);
      }
      const read = userEnvFile.read;
      if (!read.ok) {
        if (read.code === 'ENOENT' || read.code === 'ENOTDIR') notes.push(t`${userEnvFile.path} does not exist: nothing has been set with 'go env -w'`);
        else if (read.code === 'EISDIR') notes.push(t`${userEnvFile.path} is a directory; go silently ignores it, and 'go env -w' fails`);
        else notes.push(t`cannot read ${userEnvFile.path} (${read.code}); go silently ignores an unreadable env file, so none of its settings apply`);
      }
      break;
    }
  }
  if (ctx.user) {
    for (const ignored of ctx.user.parsed.ignored) {
      if (intendedKey(ignored.text, EXPLAINED_VARIABLES) !== undefined) continue; // reported on that variable
      notes.push(t`${lineRef(ctx.user.path, ignored)} is ignored by go (${describeIgnoredReason(ignored.reason)}): ${ignored.text}`);
    }
    const goenvLine = ctx.user.parsed.entries.find((entry) => entry.key === 'GOENV');
    if (goenvLine) notes.push(t`${lineRef(ctx.user.path, goenvLine)} sets GOENV, which go ignores: GOENV can only be set in the OS environment`);
    if (ctx.user.parsed.entries.length === 0 && ctx.user.parsed.ignored.length === 0) notes.push(t`${ctx.user.path} is empty`);
  }
  return finish(ctx, { name: 'GOENV', value, origin, notes });
}

/**
 * Proxy and TLS variables, which net/http and crypto/x509 read straight from the OS environment:
 * `HTTPS_PROXY` before `https_proxy`, first non-empty wins
 * (go1.23 src/vendor/golang.org/x/net/http/httpproxy/proxy.go:91-105).
 */
function resolveOsOnly(ctx: Context, name: (typeof OS_ONLY_VARIABLES)[number]): VariableInfo {
  const { osEnv, platform } = ctx.input;
  const notes: string[] = [];
  const names = name === 'HTTPS_PROXY' || name === 'HTTP_PROXY' || name === 'NO_PROXY' ? [name, name.toLowerCase()] : [name];
  let value = '';
  let from = '';
  for (const candidate of names) {
    const v = nonEmpty(osEnv[candidate]);
    if (v !== undefined) {
      value = v;
      from = candidate;
      break;
    }
  }
  for (const candidate of names) {
    if (osEnv[candidate] === '') notes.push(t`${candidate} is set to the empty string; it counts as unset`);
  }
  if (from !== '' && from !== name) notes.push(t`read from ${from}`);
  for (const candidate of names) {
    const v = nonEmpty(osEnv[candidate]);
    if (candidate !== from && v !== undefined && v !== value) notes.push(t`${candidate}=${v} is ignored: ${from} takes precedence`);
  }
  const fileEntry = ctx.userValues.get(name) ?? ctx.userValues.get(name.toLowerCase());
  if (fileEntry && ctx.user) {
    notes.push(t`${lineRef(ctx.user.path, fileEntry)} sets ${fileEntry.key}, but go reads ${name} only from the OS environment`);
  }
  switch (name) {
    case 'HTTPS_PROXY':
    case 'HTTP_PROXY':
      if (value === '') notes.push(t`not set: ${name === 'HTTPS_PROXY' ? 'https' : 'http'} requests connect directly`);
      else notes.push(t`requests to localhost and loopback addresses never use it`);
      if (name === 'HTTP_PROXY' && value !== '' && nonEmpty(osEnv.REQUEST_METHOD) !== undefined) {
        notes.push(t`ignored because REQUEST_METHOD is set (Go assumes it runs as a CGI program)`);
      }
      break;
    case 'NO_PROXY':
      if (value === '') notes.push(t`not set: every non-loopback host goes through the proxy, if one is set`);
      break;
    case 'NETRC': {
      // mirrors go1.23 src/cmd/go/internal/auth/netrc.go:79-91
      if (value === '') {
        const home = platform === 'win32' ? nonEmpty(osEnv.USERPROFILE) : nonEmpty(osEnv.HOME);
        const base = platform === 'win32' ? '_netrc' : '.netrc';
        notes.push(home ? t`not set: go reads ${pathApi(platform).join(home, base)}` : t`not set, and no home directory: go reads no ${base}`);
      }
      break;
    }
    case 'GODEBUG':
      // The go command runs with its own release's GODEBUG defaults; the OS GODEBUG overrides them for
      // go itself (e.g. urlstrictcolons=0 restores go1.25's reading of GOPROXY URLs on go1.26+,
      // go1.26 src/net/url/url.go:610-627). go.mod `godebug` lines apply to programs built, not to go.
      if (value !== '') notes.push(t`applies to the go command itself (TLS, URL parsing, ...), on top of its release's defaults`);
      break;
    case 'SSL_CERT_FILE':
    case 'SSL_CERT_DIR':
      // crypto/x509 consults them only on Unix-like systems other than macOS (go1.23 src/crypto/x509/root_unix.go:32-70).
      if (platform === 'darwin' || platform === 'win32') {
        if (value !== '') notes.push(t`ignored on ${platform === 'darwin' ? 'macOS' : 'Windows'}: Go uses the platform certificate verifier`);
      } else if (name === 'SSL_CERT_FILE' && value !== '') {
        notes.push(t`replaces Go's list of CA bundle files; the default certificate directories are still loaded`);
      } else if (name === 'SSL_CERT_DIR' && value !== '') {
        notes.push(t`colon-separated; replaces Go's default certificate directories`);
      }
      break;
  }
  notes.push(...valueNotes(value));
  return { name, value, origin: value === '' ? 'default' : 'environment', notes };
}

/**
 * Explains every variable in EXPLAINED_VARIABLES: effective value (as go reports it), origin, file and notes.
 * A user env file that could not be read is reported as a note here; the caller decides whether it is fatal.
 */
export function resolveOrigins(input: OriginInput): Record<string, VariableInfo> {
  const ctx = buildContext(input);
  const resolved = new Map<string, VariableInfo>();
  // GOPRIVATE first: GONOPROXY and GONOSUMDB inherit from it.
  const order = ['GOPRIVATE', ...GO_VARIABLES.filter((name) => name !== 'GOPRIVATE' && name !== 'GOENV' && name !== 'GOTELEMETRY')];
  for (const name of order) resolved.set(name, resolveGoVariable(ctx, name, resolved));
  resolved.set('GOTELEMETRY', resolveTelemetry(ctx));
  resolved.set('GOENV', resolveGoenv(ctx));
  for (const name of OS_ONLY_VARIABLES) resolved.set(name, resolveOsOnly(ctx, name));
  const result: Record<string, VariableInfo> = {};
  for (const name of EXPLAINED_VARIABLES) {
    const info = resolved.get(name);
    if (info) result[name] = info;
  }
  return result;
}
