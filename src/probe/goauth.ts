/**
 * GOAUTH (Go 1.24+): which credential sources cmd/go consults for https requests.
 * Re-expresses golang/go master src/cmd/go/internal/auth/auth.go (runGoAuth, AddCredentials);
 * GOAUTH is absent from go1.19–go1.23, which always read `.netrc`. Only `off` and `netrc` are
 * evaluated here: `git <dir>` and custom commands run programs and are reported as not evaluated.
 */
import type { BasicCredentials } from './endpoint.js';
import type { NetrcEntry, NetrcMatch } from './netrc.js';
import { credentialsFor, goAtLeast } from './netrc.js';

/** One `;`-separated GOAUTH entry. */
export type GoAuthCommand =
  | { kind: 'off'; text: string }
  | { kind: 'netrc'; text: string }
  | { kind: 'git'; text: string; dir: string }
  | { kind: 'command'; text: string };

/** How a Go version will look for credentials. */
export interface GoAuthPlan {
  /** False for Go before 1.24: GOAUTH is ignored and `.netrc` is always read. */
  goauthSupported: boolean;
  /** The effective GOAUTH value (`netrc` when unset or empty on 1.24+). */
  value: string;
  /** Parsed entries, in the order written. */
  commands: GoAuthCommand[];
  /** Credentials are looked up in `.netrc`. */
  usesNetrc: boolean;
  /** GOAUTH=off: no credentials at all. */
  off: boolean;
  /** Entries that run programs (`git`, custom commands): not evaluated by goproxy-doctor. */
  notEvaluated: GoAuthCommand[];
  /** The fatal error cmd/go prints at its first https request, when the value is invalid. */
  error?: string;
  /** GOAUTH set on a Go that ignores it (before 1.24). */
  ignoredValue?: string;
}

/**
 * Parses GOAUTH for a Go version. For 1.24+ this mirrors runGoAuth's checks (golang/go master
 * src/cmd/go/internal/auth/auth.go, runGoAuth): entries are trimmed and checked in reverse order,
 * an empty entry or `off` combined with others is fatal, `git` needs one absolute directory.
 * `absolute` decides whether a path is absolute on the target system.
 */
export function parseGoAuth(
  rawValue: string | undefined,
  goVersion: string,
  absolute: (p: string) => boolean = (p) => p.startsWith('/'),
): GoAuthPlan {
  if (!goAtLeast(goVersion, 24)) {
    const plan: GoAuthPlan = {
      goauthSupported: false,
      value: '',
      commands: [{ kind: 'netrc', text: 'netrc' }],
      usesNetrc: true,
      off: false,
      notEvaluated: [],
    };
    if (rawValue !== undefined && rawValue !== '') plan.ignoredValue = rawValue;
    return plan;
  }
  // cmd/go reads GOAUTH with a default of "netrc"; an empty value counts as unset.
  const value = rawValue === undefined || rawValue === '' ? 'netrc' : rawValue;
  const parts = value.split(';');
  const commands: GoAuthCommand[] = [];
  let error: string | undefined;
  // Checked in reverse, as runGoAuth processes them, so the first fatal error matches Go's.
  for (let i = parts.length - 1; i >= 0; i--) {
    const text = (parts[i] ?? '').trim();
    const words = text.split(/\s+/).filter((w) => w !== '');
    const first = words[0];
    let command: GoAuthCommand;
    if (first === undefined) {
      error ??= `go: GOAUTH encountered an empty command (GOAUTH=${value})`;
      continue;
    } else if (first === 'off') {
      if (parts.length !== 1) error ??= `go: GOAUTH=off cannot be combined with other authentication commands (GOAUTH=${value})`;
      command = { kind: 'off', text };
    } else if (first === 'netrc') {
      command = { kind: 'netrc', text };
    } else if (first === 'git') {
      const dir = words[1] ?? '';
      if (words.length !== 2) {
        error ??= 'go: GOAUTH=git dir method requires an absolute path to the git working directory';
      } else if (!absolute(dir)) {
        error ??= 'go: GOAUTH=git dir method requires an absolute path to the git working directory, dir is not absolute';
      }
      command = { kind: 'git', text, dir };
    } else {
      command = { kind: 'command', text };
    }
    commands.unshift(command);
  }
  // AddCredentials returns early only when the whole value is exactly "off".
  const off = value === 'off' || (commands.length === 1 && commands[0]?.kind === 'off' && parts.length === 1);
  const plan: GoAuthPlan = {
    goauthSupported: true,
    value,
    commands,
    usesNetrc: !off && commands.some((c) => c.kind === 'netrc'),
    off,
    notEvaluated: commands.filter((c) => c.kind === 'git' || c.kind === 'command'),
  };
  if (error !== undefined) plan.error = error;
  return plan;
}

/** The credentials decision for one request. */
export interface CredentialDecision {
  /** The `.netrc` entry Go would send, when one matches. */
  match?: NetrcMatch;
  /** Why no credentials are sent, when none are. */
  reason?: 'not-https' | 'goauth-off' | 'goauth-error' | 'no-match';
  /** GOAUTH entries that might supply credentials but were not run. */
  notEvaluated: GoAuthCommand[];
}

/**
 * Decides which credentials cmd/go would attach to a request to `rawUrl`, combining GOAUTH
 * (1.24+) with `.netrc` matching. Go attaches credentials only to https requests.
 * With an invalid GOAUTH the go command exits before sending anything (`reason: 'goauth-error'`).
 */
export function credentialsForRequest(
  rawUrl: string,
  plan: GoAuthPlan,
  netrc: readonly NetrcEntry[],
  goVersion: string,
): CredentialDecision {
  if (!/^https:/i.test(rawUrl)) return { reason: 'not-https', notEvaluated: [] };
  if (plan.error !== undefined) return { reason: 'goauth-error', notEvaluated: plan.notEvaluated };
  if (plan.off) return { reason: 'goauth-off', notEvaluated: [] };
  const match = plan.usesNetrc ? credentialsFor(rawUrl, netrc, goVersion) : undefined;
  if (match) return { match, notEvaluated: plan.notEvaluated };
  return { reason: 'no-match', notEvaluated: plan.notEvaluated };
}

/**
 * A credentials function for {@link probeEndpoint}: for each URL, the `.netrc` entry this Go
 * version and GOAUTH plan would send, or undefined.
 */
export function credentialLookup(plan: GoAuthPlan, netrc: readonly NetrcEntry[], goVersion: string): (rawUrl: string) => BasicCredentials | undefined {
  return (rawUrl) => {
    const decision = credentialsForRequest(rawUrl, plan, netrc, goVersion);
    if (!decision.match) return undefined;
    return { login: decision.match.entry.login, password: decision.match.entry.password, machine: decision.match.entry.machine };
  };
}
