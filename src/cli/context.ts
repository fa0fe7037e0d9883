/** What every command receives from the entry point: the I/O seam, global options and a place to put its exit code. */
import type { ChalkInstance } from 'chalk';
import type { Io } from '../io.js';
import { createStyle, type ColorChoice } from '../report/style.js';

/** Options accepted before or after any command. */
export interface GlobalOptions {
  /** The `go` binary to run (`--go`), default `go` on PATH. */
  go: string;
  /** `--color` / `--no-color`, or `auto` when neither was given. */
  color: ColorChoice;
}

export interface CliContext {
  readonly io: Io;
  globals(): GlobalOptions;
  /** Colour for stdout, decided once from flags, NO_COLOR, FORCE_COLOR and the terminal. */
  style(): ChalkInstance;
  setExitCode(code: number): void;
}

export function createCliContext(io: Io, readGlobals: () => GlobalOptions, setExitCode: (code: number) => void): CliContext {
  let cachedStyle: ChalkInstance | undefined;
  return {
    io,
    globals: readGlobals,
    style() {
      cachedStyle ??= createStyle({ choice: readGlobals().color, env: io.env, isTTY: io.stdout.isTTY });
      return cachedStyle;
    },
    setExitCode,
  };
}
