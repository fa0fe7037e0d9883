/** Shared shapes of the effective Go environment, produced by src/goenv/resolve.ts and read by every command. */

/**
 * Where a variable's effective value came from, highest precedence first:
 * the OS environment, the `go env -w` file, `$GOROOT/go.env`, cmd/go's built-in default,
 * or `derived` (GONOPROXY/GONOSUMDB inherited from GOPRIVATE). GOTELEMETRY alone is read from
 * neither: it comes from the mode file `go telemetry` writes (`telemetry-mode-file`) or its default.
 */
export type Origin = 'environment' | 'goenv-file' | 'goroot-go.env' | 'default' | 'derived' | 'telemetry-mode-file';

/** One variable's effective value and its provenance. */
export interface VariableInfo {
  name: string;
  /** The effective value, as `go env` reports it ('' when unset). */
  value: string;
  origin: Origin;
  /** The file the value was read from, for `goenv-file`, `goroot-go.env` and `telemetry-mode-file`. */
  file?: string;
  /** Human notes: shadowed values, distribution overrides, suspicious content. */
  notes: string[];
}

/** The effective Go environment as one `go` binary sees it. */
export interface GoEnvironment {
  /** e.g. `go1.23.5`, from `go env GOVERSION` (or `go version` on toolchains without it). */
  goVersion: string;
  /** The `go` binary that was asked. */
  goBinary: string;
  /** Variables we explain, keyed by name (GOPROXY, GOPRIVATE, ..., HTTPS_PROXY, NETRC, SSL_CERT_FILE). */
  variables: Record<string, VariableInfo>;
  /** Everything `go env -json` printed, verbatim. */
  goEnvJson: Record<string, string>;
}

/**
 * Starts the note (VariableInfo.notes) that says the OS environment hides a `go env -w` value; the
 * goenv-shadowed rule and the proxy-config-invalid scenario look for it. It stays as it is in every
 * language. Here rather than in origin.ts, which writes it, so that a scenario can read it without
 * loading the origin reasoning.
 */
export const SHADOWED_NOTE_PREFIX = 'shadowed:';
