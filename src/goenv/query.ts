/**
 * Questions about the effective Go environment that fixes and findings ask: a variable's value, where it
 * came from, and which GOPRIVATE-style entry covers a module. Pure.
 */
import { matchingPrefixPattern } from './patterns.js';
import type { GoEnvironment, Origin } from './types.js';

/** The effective value of a variable, or undefined when the environment is unknown. */
export function currentValue(env: GoEnvironment | undefined, name: string): string | undefined {
  if (!env) return undefined;
  const info = env.variables[name];
  if (info) return info.value;
  return env.goEnvJson[name];
}

/** Where a variable's value comes from, or undefined when the environment is unknown. */
export function originOf(env: GoEnvironment | undefined, name: string): Origin | undefined {
  return env?.variables[name]?.origin;
}

/** True when the variable is set in the OS environment, which `go env -w` cannot override. */
export function fromOsEnvironment(env: GoEnvironment | undefined, name: string): boolean {
  return originOf(env, name) === 'environment';
}

/**
 * The entry of a GOPRIVATE-style list (effective value of `name`) that covers `module`, if any.
 * Uses cmd/go's own matcher (go1.23 src/cmd/vendor/golang.org/x/mod/module/module.go:802-841).
 */
export function coveringEntry(env: GoEnvironment | undefined, name: string, module: string): string | undefined {
  const value = currentValue(env, name);
  if (value === undefined || value === '') return undefined;
  return matchingPrefixPattern(value, module);
}

/** The values `$GOROOT/go.env` ships (go1.23 go.env:7-12), used when a distribution changed them. */
export function defaultFor(name: string): string {
  switch (name) {
    case 'GOPROXY':
      return 'https://proxy.golang.org,direct';
    case 'GOSUMDB':
      return 'sum.golang.org';
    case 'GOTOOLCHAIN':
      return 'auto';
    default:
      return '';
  }
}
