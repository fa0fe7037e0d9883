/**
 * The edge that gathers everything origin reasoning needs: `go env -json`, the user env file and
 * `$GOROOT/go.env`, read through `Io`. The reasoning itself lives in origin.ts.
 */
import path from 'node:path';
import { DoctorError, describeErrno } from '../errors.js';
import type { FileRead, Io } from '../io.js';
import { stripControlCharacters } from '../redact.js';
import { t } from '../i18n/language.js';
import { GO_VARIABLES, hasTelemetry, listedByGoEnv, locateGorootGoEnv, locateTelemetryModeFile, locateUserEnvFile, readsGorootGoEnv, resolveOrigins, type UserEnvFileInput } from './origin.js';
import { readGoEnvJson, readGoVersion } from './read.js';
import type { GoEnvironment } from './types.js';

/** Error codes for which a missing or unusable path simply means "no file". */
const ABSENT_CODES = new Set(['ENOENT', 'ENOTDIR']);

/** Files are read relative to the directory go runs in, as go itself would. */
function onDisk(io: Io, file: string): string {
  const api = io.platform === 'win32' ? path.win32 : path.posix;
  return api.resolve(io.cwd, file);
}

/**
 * What a diagnosis reads of the environment (explain and run): the variables whose origin is
 * explained, and those the fixes and the reasoning about files ask go for (query.ts, fix.ts).
 */
export const DIAGNOSIS_VARIABLES: readonly string[] = [...GO_VARIABLES, 'GOVERSION', 'GOROOT', 'GOPATH', 'GOMODCACHE', 'GOMOD'];

/** Options for resolving the Go environment. */
export interface ResolveOptions {
  /**
   * Ask go for these variables only (DIAGNOSIS_VARIABLES), which spares it the C compiler; the
   * result is what a full listing gives for them. Without it, go lists everything (env, check, report).
   */
  only?: readonly string[];
}

/**
 * Reads the effective Go environment of `goBinary` and explains every variable's origin.
 * Throws DoctorError 'go-not-found' / 'go-env-failed' / 'go-env-not-json' when go cannot tell us,
 * and 'goenv-file-unreadable' when the user env file exists but cannot be read (go itself then
 * silently ignores it, so its settings would not apply).
 */
export async function resolveGoEnvironment(io: Io, goBinary: string, options: ResolveOptions = {}): Promise<GoEnvironment> {
  const printed = await readGoEnvJson(io, goBinary, options.only === undefined ? {} : { names: options.only });
  const goVersion = printed.GOVERSION || (await readGoVersion(io, goBinary));
  // Asked by name, go prints a value even for a variable it does not use; a full listing leaves that out.
  const goEnvJson = options.only === undefined ? printed : Object.fromEntries(Object.entries(printed).filter(([name, value]) => listedByGoEnv(name, value, goVersion)));

  const location = locateUserEnvFile(io.env, io.platform, goVersion);
  let userEnvFile: UserEnvFileInput;
  if (location.kind === 'file') {
    const read = await io.readTextFile(onDisk(io, location.path));
    if (!read.ok && !ABSENT_CODES.has(read.code)) {
      throw new DoctorError(
        'goenv-file-unreadable',
        t`cannot read the Go env file ${stripControlCharacters(location.path)}: ${describeErrno(read.code)} (go silently ignores it, so none of its settings apply)`,
      );
    }
    userEnvFile = { ...location, read };
  } else {
    userEnvFile = location;
  }

  let gorootGoEnv: { path: string; read: FileRead } | undefined;
  if (readsGorootGoEnv(goVersion)) {
    const userText = userEnvFile.kind === 'file' && userEnvFile.read.ok ? userEnvFile.read.text : undefined;
    const goEnvPath = locateGorootGoEnv(userText, io.env, goEnvJson.GOROOT, io.platform);
    if (goEnvPath !== undefined) gorootGoEnv = { path: goEnvPath, read: await io.readTextFile(onDisk(io, goEnvPath)) };
  }

  let telemetryModeFile: { path: string; read: FileRead } | undefined;
  if (hasTelemetry(goVersion)) {
    const located = locateTelemetryModeFile(io.env, io.platform, goVersion);
    if ('path' in located) telemetryModeFile = { path: located.path, read: await io.readTextFile(onDisk(io, located.path)) };
  }

  const variables = resolveOrigins({ goEnvJson, goVersion, osEnv: io.env, platform: io.platform, userEnvFile, gorootGoEnv, telemetryModeFile });
  return { goVersion, goBinary, variables, goEnvJson };
}

/** The environment as a diagnosis reads it (explain, run): DIAGNOSIS_VARIABLES only. */
export function resolveDiagnosisEnvironment(io: Io, goBinary: string): Promise<GoEnvironment> {
  return resolveGoEnvironment(io, goBinary, { only: DIAGNOSIS_VARIABLES });
}
