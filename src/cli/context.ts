/** What every command receives from the entry point: the I/O seam, global options and a place to put its exit code. */
import type { ChalkInstance } from 'chalk';
import type { Io, OutputStream } from '../io.js';
import type { Language } from '../i18n/language.js';
import { createStyle, type ColorChoice } from '../report/style.js';
import type { Verbosity } from '../report/wrap.js';

/** Options accepted before or after any command. */
export interface GlobalOptions {
  /** The `go` binary to run (`--go`), default `go` on PATH. */
  go: string;
  /** `--color` / `--no-color`, or `auto` when neither was given. */
  color: ColorChoice;
  /** `--quiet` (problems only), `--verbose` (every request and its timings), or `normal`. */
  verbosity: Verbosity;
  /**
   * The language of human output (`--lang`, else the locale), decided once before the program is built;
   * `en` whenever the command was given `--json`, so nothing a script reads is translated.
   */
  language: Language;
}

/** The entry point's services, handed to every command's action. */
export interface CliContext {
  readonly io: Io;
  globals(): GlobalOptions;
  /** Loads chalk and decides the colour level; main.ts awaits it before any command runs. */
  prepareStyle(): Promise<void>;
  /** Colour for stdout, decided once from flags, NO_COLOR, FORCE_COLOR and the terminal. */
  style(): ChalkInstance;
  /**
   * The width to wrap human output written to `stream` (default stdout) at: the terminal's columns,
   * or undefined when it is not a terminal, so logs and pipes get one stable line per fact.
   */
  wrapWidth(stream?: OutputStream): number | undefined;
  setExitCode(code: number): void;
}

/** The terminal width of a stream, when it is a terminal that reports one. */
export function terminalWidth(stream: OutputStream): number | undefined {
  if (!stream.isTTY) return undefined;
  const columns = stream.columns;
  return columns !== undefined && Number.isFinite(columns) && columns > 0 ? Math.floor(columns) : undefined;
}

/** Builds the context; `readGlobals` is read lazily because commander parses options after registration. */
export function createCliContext(io: Io, readGlobals: () => GlobalOptions, setExitCode: (code: number) => void): CliContext {
  let cachedStyle: ChalkInstance | undefined;
  return {
    io,
    globals: readGlobals,
    async prepareStyle() {
      cachedStyle ??= await createStyle({ choice: readGlobals().color, env: io.env, isTTY: io.stdout.isTTY });
    },
    style() {
      // main.ts prepares it in a preAction hook, before any command runs.
      if (!cachedStyle) throw new Error('style() called before prepareStyle()');
      return cachedStyle;
    },
    wrapWidth(stream = io.stdout) {
      return terminalWidth(stream);
    },
    setExitCode,
  };
}
