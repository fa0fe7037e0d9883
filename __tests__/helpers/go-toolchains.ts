/**
 * Finds the real Go toolchains and builds a sealed environment for running them, so no test
 * ever reaches the internet: throw-away HOME/GOPATH/GOMODCACHE/GOENV, GOTOOLCHAIN=local,
 * explicit GOPROXY/GOSUMDB and HTTP(S)_PROXY pointing at a closed loopback port.
 *
 * Where each toolchain comes from (the first that exists):
 *   - `/usr/lib/go-<v>/bin/go`: Debian's golang-<v>-go packages (1.19, 1.21, 1.22, 1.23),
 *     installed by ../shared/scripts/install-go-toolchains.sh;
 *   - `/usr/local/go/bin/go` when `/usr/local/go/VERSION` names that release (the machine's own Go, 1.26);
 *   - the golang.org/toolchain module in the project's cache (`.cache/go-toolchains`, or
 *     `$GPD_TOOLCHAIN_CACHE`), fetched by scripts/fetch-go-toolchains.sh (1.24, 1.25, 1.27).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

export const GO_VERSIONS = ['1.19', '1.21', '1.22', '1.23', '1.24', '1.25', '1.26', '1.27'] as const;
export type GoVersion = (typeof GO_VERSIONS)[number];

/** The releases that have GOAUTH (added in Go 1.24). */
export const GOAUTH_VERSIONS: readonly GoVersion[] = GO_VERSIONS.filter((v) => minorOf(v) >= 24);

/** The minor number of a release: 23 for '1.23'. */
export function minorOf(version: GoVersion): number {
  return Number(version.split('.')[1]);
}

/** True when `version` is release 1.`minor` or later. */
export function atLeast(version: GoVersion, minor: number): boolean {
  return minorOf(version) >= minor;
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The module cache scripts/fetch-go-toolchains.sh downloads golang.org/toolchain into. */
export function toolchainCache(): string {
  const fromEnv = process.env.GPD_TOOLCHAIN_CACHE;
  return fromEnv !== undefined && fromEnv !== '' ? path.resolve(fromEnv) : path.join(REPO_ROOT, '.cache', 'go-toolchains');
}

const MACHINE_GOROOT = '/usr/local/go';

function hostPlatform(): string {
  const arch = ({ x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x' } as Record<string, string>)[process.arch] ?? process.arch;
  return `${process.platform}-${arch}`;
}

/** The newest fetched golang.org/toolchain directory for a release, e.g. .../toolchain@v0.0.1-go1.25.14.linux-amd64. */
function fetchedGoroot(version: GoVersion): string | undefined {
  const dir = path.join(toolchainCache(), 'golang.org');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return undefined;
  }
  const suffix = `.${hostPlatform()}`;
  let best: { patch: number; name: string } | undefined;
  for (const name of names) {
    const prefix = `toolchain@v0.0.1-go${version}.`;
    if (!name.startsWith(prefix) || !name.endsWith(suffix)) continue;
    const patch = name.slice(prefix.length, -suffix.length);
    if (!/^\d+$/.test(patch)) continue;
    if (!existsSync(path.join(dir, name, 'bin', 'go'))) continue;
    if (best === undefined || Number(patch) > best.patch) best = { patch: Number(patch), name };
  }
  return best === undefined ? undefined : path.join(dir, best.name);
}

function machineGoroot(version: GoVersion): string | undefined {
  try {
    const first = readFileSync(path.join(MACHINE_GOROOT, 'VERSION'), 'utf8').split('\n')[0] ?? '';
    return first === `go${version}` || first.startsWith(`go${version}.`) ? MACHINE_GOROOT : undefined;
  } catch {
    return undefined;
  }
}

const gorootCache = new Map<GoVersion, string | undefined>();

/** The GOROOT of an installed toolchain for a release, or undefined when none is installed. */
export function installedGoroot(version: GoVersion): string | undefined {
  if (gorootCache.has(version)) return gorootCache.get(version);
  const debian = `/usr/lib/go-${version}`;
  const found = existsSync(path.join(debian, 'bin', 'go')) ? debian : (machineGoroot(version) ?? fetchedGoroot(version));
  gorootCache.set(version, found);
  return found;
}

/** Where a release's toolchain is expected when none is installed (named in error messages). */
function expectedGoroot(version: GoVersion): string {
  if (minorOf(version) <= 23) return `/usr/lib/go-${version}`;
  if (version === '1.26') return MACHINE_GOROOT;
  return path.join(toolchainCache(), 'golang.org', `toolchain@v0.0.1-go${version}.<patch>.${hostPlatform()}`);
}

/** The GOROOT of a release: where it is installed, else where it is expected. */
export function goroot(version: GoVersion): string {
  return installedGoroot(version) ?? expectedGoroot(version);
}

/** The exact version of an installed release (`go1.26.8`), from `$GOROOT/VERSION`; patch releases differ in places. */
export function goVersionString(version: GoVersion): string {
  try {
    const first = readFileSync(path.join(goroot(version), 'VERSION'), 'utf8').split('\n')[0]?.trim() ?? '';
    if (first.startsWith('go')) return first;
  } catch {
    // fall through
  }
  return `go${version}`;
}

/** The `go` binary of a release. */
export function goBinary(version: GoVersion): string {
  return path.join(goroot(version), 'bin', 'go');
}

/**
 * Releases scripts/fetch-go-toolchains.sh found the module proxy does not serve: it lists them in
 * `<cache>/unserved` (one `go1.N.P` per line).
 */
export function unservedGoVersions(): GoVersion[] {
  let text: string;
  try {
    text = readFileSync(path.join(toolchainCache(), 'unserved'), 'utf8');
  } catch {
    return [];
  }
  const lines = text.split('\n').map((l) => l.trim());
  return GO_VERSIONS.filter((v) => lines.some((l) => l === `go${v}` || l.startsWith(`go${v}.`)));
}

/**
 * The toolchains present on this machine. Under CI=true a missing toolchain is an error (so a
 * broken install fails the run instead of silently skipping tests), unless the module proxy does
 * not serve that release at all (see {@link unservedGoVersions}).
 */
export function availableGoVersions(wanted: readonly GoVersion[] = GO_VERSIONS): GoVersion[] {
  const present = wanted.filter((v) => installedGoroot(v) !== undefined);
  if (process.env.CI === 'true' && present.length !== wanted.length) {
    const unserved = unservedGoVersions();
    const missing = wanted.filter((v) => !present.includes(v) && !unserved.includes(v));
    if (missing.length > 0) throw new Error(`CI=true but Go toolchain(s) missing: ${missing.map(goBinary).join(', ')} (run bash .ci/run, or scripts/fetch-go-toolchains.sh)`);
  }
  return present;
}

/** A port nothing listens on: connections to it are refused at once. */
export const CLOSED_LOOPBACK_PROXY = 'http://127.0.0.1:9';

/** A throw-away directory tree for one `go` run, removed by `cleanup()`. */
export interface GoSandbox {
  root: string;
  home: string;
  gopath: string;
  gomodcache: string;
  goenvFile: string;
  /** A scratch directory to use as the working directory (holds go.mod when a test writes one). */
  work: string;
  /** The sealed base environment; spread it and override what the test is about. */
  env: Record<string, string>;
  cleanup(): void;
}

/**
 * A sealed environment: nothing of the machine's Go configuration leaks in (its GOENV file,
 * GOFLAGS, GOTOOLCHAIN, GOPROXY), and every network route leads to loopback.
 *
 * Telemetry is turned off the only way go offers: GOTELEMETRY is not an environment variable but the
 * content of `os.UserConfigDir()/go/telemetry/mode` (go1.26 src/cmd/go/internal/envcmd/env.go:114,
 * src/cmd/vendor/golang.org/x/telemetry/internal/telemetry/dir.go:124-147), so the sandbox's HOME holds
 * that file with `off`. Without it go 1.23+ would default to `local` and write counters.
 */
export function createGoSandbox(prefix = 'gpd-go-'): GoSandbox {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  const home = path.join(root, 'home');
  mkdirSync(path.join(home, '.config', 'go', 'telemetry'), { recursive: true });
  writeFileSync(path.join(home, '.config', 'go', 'telemetry', 'mode'), 'off\n');
  const gopath = path.join(root, 'gopath');
  const gomodcache = path.join(gopath, 'pkg', 'mod');
  const goenvFile = path.join(root, 'goenv');
  const work = path.join(root, 'work');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    GOPATH: gopath,
    GOMODCACHE: gomodcache,
    GOENV: goenvFile,
    GOCACHE: path.join(root, 'gocache'),
    GOTOOLCHAIN: 'local',
    GOPROXY: 'off',
    GOSUMDB: 'off',
    GOFLAGS: '-modcacherw',
    HTTP_PROXY: CLOSED_LOOPBACK_PROXY,
    HTTPS_PROXY: CLOSED_LOOPBACK_PROXY,
    GIT_TERMINAL_PROMPT: '0',
  };
  return {
    root,
    home,
    gopath,
    gomodcache,
    goenvFile,
    work,
    env,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

export interface GoRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs a real `go` with exactly the given environment (nothing inherited), bounded by a timeout. */
export async function runGo(
  version: GoVersion,
  args: readonly string[],
  env: Record<string, string | undefined>,
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<GoRun> {
  const cleanEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) cleanEnv[key] = value;
  const result = await execa(goBinary(version), [...args], {
    env: cleanEnv,
    extendEnv: false,
    cwd: options.cwd,
    timeout: options.timeoutMs ?? 60_000,
    reject: false,
    stdin: 'ignore',
  });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}
