/**
 * The modules a command is about: parsed from `path[@version]` arguments or read from go.mod as text
 * (never by running go, so nothing is downloaded), and the routing inputs taken from `go env -json`.
 * Shared by `route`, `check` and `report`.
 */
import path from 'node:path';
import { DoctorError, describeErrno } from '../errors.js';
import type { Io } from '../io.js';
import { parseGoMod } from './gomod.js';
import { checkModulePath } from './modulepath.js';
import type { RouteSettings } from './route.js';
import type { GoEnvironment } from './types.js';
import { safeText, stripControlCharacters } from '../redact.js';
import { t } from '../i18n/language.js';

/** One module to route, from the command line or go.mod. */
export interface RouteTarget {
  path: string;
  version?: string;
}

/** Splits `path[@version]`; throws DoctorError for an invalid module path or an empty version. */
export function parseRouteArgument(arg: string): RouteTarget {
  const at = arg.indexOf('@');
  const modulePath = at < 0 ? arg : arg.slice(0, at);
  const version = at < 0 ? undefined : arg.slice(at + 1);
  const error = checkModulePath(modulePath);
  if (error !== undefined) throw new DoctorError('invalid-module-path', safeText(error));
  if (version === '') throw new DoctorError('usage', t`missing version after @ in ${JSON.stringify(safeText(arg))}`);
  return version === undefined ? { path: modulePath } : { path: modulePath, version };
}

/** Reads the requirements of go.mod in `io.cwd`; throws DoctorError 'gomod-unreadable' when it cannot. */
export async function readGoModTargets(io: Io): Promise<RouteTarget[]> {
  const api = io.platform === 'win32' ? path.win32 : path.posix;
  const file = api.join(io.cwd, 'go.mod');
  const read = await io.readTextFile(file);
  if (!read.ok) {
    const why = describeErrno(read.code);
    throw new DoctorError('gomod-unreadable', t`cannot read ${stripControlCharacters(file)} (${why}); name modules to route, e.g. goproxy-doctor route example.com/mod@v1.2.3`);
  }
  const targets: RouteTarget[] = [];
  for (const req of parseGoMod(read.text).requires) {
    const error = checkModulePath(req.path);
    if (error !== undefined) throw new DoctorError('invalid-module-path', `${stripControlCharacters(file)}: ${safeText(error)}`);
    targets.push({ path: req.path, version: req.version });
  }
  return targets;
}

/** The routing inputs from `go env -json`, with provenance for GONOPROXY/GONOSUMDB. */
export function routeSettingsFrom(env: GoEnvironment): RouteSettings {
  const value = (name: string): string => env.goEnvJson[name] ?? env.variables[name]?.value ?? '';
  return {
    GOPROXY: value('GOPROXY'),
    GONOPROXY: value('GONOPROXY'),
    GONOSUMDB: value('GONOSUMDB'),
    GOPRIVATE: value('GOPRIVATE'),
    GOSUMDB: value('GOSUMDB'),
    GOINSECURE: value('GOINSECURE'),
    GOVCS: value('GOVCS'),
    GOFLAGS: value('GOFLAGS'),
    GOOS: value('GOOS'),
    GOVERSION: env.goVersion,
    GODEBUG: env.goEnvJson.GODEBUG ?? env.variables.GODEBUG?.value ?? '',
    derived: {
      GONOPROXY: env.variables.GONOPROXY?.origin === 'derived',
      GONOSUMDB: env.variables.GONOSUMDB?.origin === 'derived',
    },
  };
}
