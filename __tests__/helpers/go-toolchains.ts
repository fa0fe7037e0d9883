/**
 * Finds the real Go toolchains and builds a sealed environment for running them, so no test
 * ever reaches the internet: throw-away HOME/GOPATH/GOMODCACHE/GOENV, GOTOOLCHAIN=local,
 * explicit GOPROXY/GOSUMDB and HTTP(S)_PROXY pointing at a closed loopback port.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';

export const GO_VERSIONS = ['1.19', '1.21', '1.22', '1.23'] as const;
export type GoVersion = (typeof GO_VERSIONS)[number];

/** Where Debian's golang-<version>-go packages put each toolchain. */
export function goBinary(version: GoVersion): string {
  return `/usr/lib/go-${version}/bin/go`;
}

/**
 * The toolchains present on this machine. Under CI=true a missing toolchain is an error,
 * so a broken install fails the run instead of silently skipping tests.
 */
export function availableGoVersions(wanted: readonly GoVersion[] = GO_VERSIONS): GoVersion[] {
  const present = wanted.filter((v) => existsSync(goBinary(v)));
  if (process.env.CI === 'true' && present.length !== wanted.length) {
    const missing = wanted.filter((v) => !present.includes(v));
    throw new Error(`CI=true but Go toolchain(s) missing: ${missing.map(goBinary).join(', ')}`);
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

export function createGoSandbox(prefix = 'gpd-go-'): GoSandbox {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  const home = path.join(root, 'home');
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
