/**
 * Runs the user's `go env -json` and turns every way that can go wrong into a one-line DoctorError.
 * The child gets the user's environment exactly (io.env), so go sees what the user's shell would.
 */
import path from 'node:path';
import { FILE_LIMITS, FILE_TOO_LARGE, NOT_REGULAR_FILE, checkRegularFile } from '../bounded-file.js';
import { DoctorError } from '../errors.js';
import type { Io } from '../io.js';
import { stripControlCharacters } from '../redact.js';
import { t } from '../i18n/language.js';
import { locateUserEnvFile } from './origin.js';

/** How long `go env -json` may take; it normally answers in well under a second. */
export const GO_ENV_TIMEOUT_MS = 30_000;

/** Options for reading the Go environment. */
export interface ReadGoEnvOptions {
  timeoutMs?: number;
  /**
   * Only these variables (`go env -json NAME...`). Listing everything makes go compute the C
   * compiler's flags too (GOGCCFLAGS, CGO_*), which runs the C compiler: about a third of its time
   * (go1.26 src/cmd/go/internal/envcmd/env.go runEnv, needCostly). Asked by name, go prints a value
   * even for a variable it does not use (see listedByGoEnv in origin.ts).
   */
  names?: readonly string[];
}

function childEnv(io: Io): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(io.env)) if (value !== undefined) env[key] = value;
  return env;
}

/** The first non-blank line of go's stderr, safe to print on one line. */
export function firstStderrLine(stderr: string): string {
  const line = stripControlCharacters(stderr)
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '');
  return line ?? '';
}

/**
 * The errno code of a spawn failure. Duck-typed rather than `instanceof Error`, because an error made in
 * another realm (Node internals seen from Jest's VM) fails that test; execa's "Command failed with EACCES"
 * wording is the last resort when the code was lost on the way.
 */
function spawnErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' ? /\bfailed with (E[A-Z]+)\b/.exec(message)?.[1] : undefined;
}

/**
 * A directory that holds no go.mod or go.work (the file-system root), except when the user env file's
 * path is relative (a relative GOENV, or before Go 1.24 a relative XDG_CONFIG_HOME or HOME): go resolves
 * it against its working directory, so the user's directory must be kept then.
 */
function neutralDirectory(io: Io): string {
  const location = locateUserEnvFile(io.env, io.platform);
  if (location.kind === 'file' && !path.isAbsolute(location.path)) return io.cwd;
  return path.parse(path.resolve(io.cwd)).root;
}

async function run(io: Io, goBinary: string, args: readonly string[], timeoutMs: number) {
  try {
    // Run outside any module: inside one, a newer `go`/`toolchain` line makes `go env` switch toolchains
    // (and with GOTOOLCHAIN=auto download one), a side effect a diagnosis must not have. The values we
    // read do not depend on the module; `check` analyses the toolchain lines itself.
    return await io.exec(goBinary, args, { env: childEnv(io), cwd: neutralDirectory(io), timeoutMs });
  } catch (error) {
    const name = stripControlCharacters(goBinary);
    const code = spawnErrorCode(error);
    if (code === 'ENOENT') throw new DoctorError('go-not-found', t`go not found: ${name} (install Go or pass --go <path>)`);
    const message = typeof error === 'object' && error !== null ? String((error as { message?: unknown }).message) : String(error);
    const reason = code ?? stripControlCharacters(message).split('\n')[0] ?? t`unknown error`;
    throw new DoctorError('go-env-failed', t`cannot run ${name}: ${reason}`);
  }
}

/**
 * Parses `go env -json` output: a JSON object whose values are all strings.
 * Throws 'go-env-not-json' for anything else.
 */
export function parseGoEnvJson(stdout: string, goBinary: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    const start = firstStderrLine(stdout).slice(0, 60);
    throw new DoctorError(
      'go-env-not-json',
      start ? t`${stripControlCharacters(goBinary)} env -json did not print JSON (it printed: ${start})` : t`${stripControlCharacters(goBinary)} env -json did not print JSON (it printed nothing)`,
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new DoctorError('go-env-not-json', t`${stripControlCharacters(goBinary)} env -json did not print a JSON object`);
  }
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== 'string') {
      throw new DoctorError('go-env-not-json', t`${stripControlCharacters(goBinary)} env -json printed a non-string value for ${stripControlCharacters(key)}`);
    }
    result[key] = value;
  }
  return result;
}

/**
 * Refuses a user env file (GOENV, else the default location) that is a FIFO, a device or larger
 * than FILE_LIMITS.goEnv, before go or we read it: go reads it whole with os.ReadFile at every
 * start (go1.26 src/cmd/go/internal/cfg/cfg.go readEnvFile), so a FIFO blocks `go env` and
 * /dev/zero makes it allocate without end. Only `stat` looks at it; a missing file is fine (go
 * ignores it) and other errors are reported later, where the file is read.
 */
export async function assertUserEnvFileReadable(io: Io): Promise<void> {
  const location = locateUserEnvFile(io.env, io.platform);
  if (location.kind !== 'file') return;
  const api = io.platform === 'win32' ? path.win32 : path.posix;
  const checked = await checkRegularFile(api.resolve(io.cwd, location.path), FILE_LIMITS.goEnv);
  if (checked.ok || (checked.code !== NOT_REGULAR_FILE && checked.code !== FILE_TOO_LARGE)) return;
  const file = `${stripControlCharacters(location.path)}${location.fromGOENV ? ' (GOENV)' : ''}`;
  throw new DoctorError(
    'goenv-file-unreadable',
    checked.code === NOT_REGULAR_FILE
      ? t`cannot read the Go env file ${file}: not a regular file; go would block or keep reading it`
      : t`cannot read the Go env file ${file}: too large (over ${FILE_LIMITS.goEnv} bytes); go would read all of it at every start`,
  );
}

/** Runs `<go> env -json` and returns its variables, after checking the env file go will read. */
export async function readGoEnvJson(io: Io, goBinary: string, options: ReadGoEnvOptions = {}): Promise<Record<string, string>> {
  await assertUserEnvFileReadable(io);
  const timeoutMs = options.timeoutMs ?? GO_ENV_TIMEOUT_MS;
  const result = await run(io, goBinary, ['env', '-json', ...(options.names ?? [])], timeoutMs);
  if (result.exitCode !== 0) {
    const line = firstStderrLine(result.stderr);
    throw new DoctorError(
      'go-env-failed',
      line ? t`${stripControlCharacters(goBinary)} env -json failed (exit ${result.exitCode}): ${line}` : t`${stripControlCharacters(goBinary)} env -json failed (exit ${result.exitCode})`,
    );
  }
  return parseGoEnvJson(result.stdout, goBinary);
}

/**
 * The toolchain version, for toolchains whose `go env` lacks GOVERSION: parses `go version`
 * (`go version go1.19.8 linux/amd64`). Returns '' when it cannot tell.
 */
export async function readGoVersion(io: Io, goBinary: string, options: ReadGoEnvOptions = {}): Promise<string> {
  const result = await run(io, goBinary, ['version'], options.timeoutMs ?? GO_ENV_TIMEOUT_MS);
  if (result.exitCode !== 0) return '';
  const match = /\bgo version (\S+)/.exec(result.stdout);
  return match?.[1] ?? '';
}
