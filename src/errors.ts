/**
 * Typed errors. Every failure the user can cause carries a code and an exit code;
 * the CLI turns them into one line on stderr in exactly one place (src/cli/main.ts).
 */
import { t } from './i18n/language.js';

/** Exit codes are a public contract; the README documents them. */
export const ExitCode = {
  /** Nothing wrong: healthy `check`, nothing matched by `explain`, `env`/`route` printed. */
  ok: 0,
  /** Problems found: an error finding from `check`, a diagnosis from `explain`. */
  problemsFound: 1,
  /** Bad command-line usage (unknown flag, invalid module path argument), or the tool itself failed. */
  usage: 2,
  /** The Go environment could not be read: `go` missing, `go env -json` failing or not printing JSON. */
  goUnavailable: 3,
  /** The Go configuration itself is invalid: GOPROXY/GOSUMDB rejected by cmd/go's rules, unreadable GOENV file. */
  invalidConfig: 4,
  /** An input file named on the command line could not be read. */
  inputUnreadable: 5,
  /** Interrupted by SIGINT (Ctrl-C). */
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * The exit-code table shown by `--help`, one row per code, in the output language. The one source of
 * the help text; a test holds the README's table to the same codes.
 */
export function exitCodeTable(): ReadonlyArray<{ code: ExitCodeValue; meaning: string }> {
  return [
    { code: ExitCode.ok, meaning: t`nothing wrong (check healthy, explain matched nothing, env/route printed)` },
    { code: ExitCode.problemsFound, meaning: t`problems found (an error finding from check, a diagnosis from explain)` },
    { code: ExitCode.usage, meaning: t`usage error, or the tool itself failed` },
    { code: ExitCode.goUnavailable, meaning: t`the Go environment could not be read (go missing, go env failing or not printing JSON)` },
    { code: ExitCode.invalidConfig, meaning: t`the Go configuration is invalid (GOPROXY/GOSUMDB rejected, GOENV file unreadable)` },
    { code: ExitCode.inputUnreadable, meaning: t`an input file could not be read` },
    { code: ExitCode.interrupted, meaning: t`interrupted` },
  ];
}

/** Machine-readable error codes, one per kind of failure. */
export type ErrorCode =
  | 'usage'
  | 'invalid-module-path'
  | 'go-not-found'
  | 'go-env-failed'
  | 'go-env-not-json'
  | 'goenv-file-unreadable'
  | 'invalid-goproxy'
  | 'invalid-gosumdb'
  | 'gomod-unreadable'
  | 'input-unreadable'
  | 'interrupted'
  | 'internal';

const exitCodeByErrorCode: Record<ErrorCode, ExitCodeValue> = {
  usage: ExitCode.usage,
  'invalid-module-path': ExitCode.usage,
  'go-not-found': ExitCode.goUnavailable,
  'go-env-failed': ExitCode.goUnavailable,
  'go-env-not-json': ExitCode.goUnavailable,
  'goenv-file-unreadable': ExitCode.invalidConfig,
  'invalid-goproxy': ExitCode.invalidConfig,
  'invalid-gosumdb': ExitCode.invalidConfig,
  'gomod-unreadable': ExitCode.inputUnreadable,
  'input-unreadable': ExitCode.inputUnreadable,
  interrupted: ExitCode.interrupted,
  internal: ExitCode.usage,
};

/** An expected failure: its message is shown to the user as one line, never with a stack trace. */
export class DoctorError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: ExitCodeValue;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'DoctorError';
    this.code = code;
    this.exitCode = exitCodeByErrorCode[code];
  }
}

/** Narrows an unknown thrown value to a Node.js system error with a `code`. */
export function isErrnoException(value: unknown): value is NodeJS.ErrnoException {
  // Duck-typed, not `instanceof Error`: errors can come from another realm (a Jest VM context).
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string';
}

/** A short human phrase for a file-system errno code (`ENOENT` → "no such file"); unknown codes are returned as they are. */
export function describeErrno(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return t`no such file`;
    case 'EACCES':
    case 'EPERM':
      return t`permission denied`;
    case 'EISDIR':
      return t`it is a directory`;
    default:
      return code ?? t`read error`;
  }
}
