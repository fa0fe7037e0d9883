/**
 * The command-line entry point: builds the commander program, runs one command and turns
 * every failure into one line on stderr plus an exit code. It is the only place that decides exit codes.
 */
import { Command, CommanderError, Option } from 'commander';
import { DoctorError, ExitCode } from '../errors.js';
import type { Io } from '../io.js';
import { stripControlCharacters } from '../redact.js';
import { createCliContext, type GlobalOptions } from './context.js';
import { registerEnvCommand } from './env.js';
import { registerRouteCommand } from './route.js';
import { registerCheckCommand } from './check.js';
import { registerExplainCommand } from './explain.js';
import { RUN_USAGE_HINT, registerRunCommand } from './run.js';
import { registerReportCommand } from './report.js';
import { registerMirrorsCommand } from './mirrors.js';
import { VERSION } from '../version.js';
import type { Verbosity } from '../report/wrap.js';

const EXIT_CODES_HELP = `
Examples:
  goproxy-doctor env                                  # every setting, its value and where it came from
  goproxy-doctor route golang.org/x/text@v0.14.0       # where go will fetch this module from, in order
  goproxy-doctor check --quiet                        # probe proxies and the checksum database; problems only
  go build ./... 2>&1 | goproxy-doctor explain        # explain go's error output
  goproxy-doctor run -- go mod download               # run a command; explain it if it fails
  goproxy-doctor report --output report.md            # a redacted report to paste into an issue
  goproxy-doctor <command> --help                     # options and examples of one command

Output:
  On a terminal, text is coloured and wrapped to its width (shell commands and URLs are never broken).
  Into a pipe or a file, it is plain, unwrapped and line-oriented. --json writes only JSON to stdout,
  whatever --quiet or --verbose say.
  --quiet    problems only: check prints error and warning findings and the summary line; explain
             and run print diagnoses without runners-up or hints; env and route print values without notes
  --verbose  check adds every request with its URL and phase timings (dns, connect, proxy, tls, http);
             explain adds the input line of every folded failure and every fix of the runners-up

Exit codes:
  0    nothing wrong (check healthy, explain matched nothing, env/route printed)
  1    problems found (an error finding from check, a diagnosis from explain)
  2    usage error, or the tool itself failed
  3    the Go environment could not be read (go missing, go env failing or not printing JSON)
  4    the Go configuration is invalid (GOPROXY/GOSUMDB rejected, GOENV file unreadable)
  5    an input file could not be read
  130  interrupted
  run: the command's own exit status (127 command not found, 126 cannot execute, 128+n killed by signal n)

Environment:
  NO_COLOR             set and non-empty: no colour (--color still forces it)
  FORCE_COLOR          colour even into a pipe; FORCE_COLOR=0 or false disables it
  TERM=dumb            no spinner, and no colour unless forced
  CI                   set (and not false or 0): no spinner on stderr
  GITHUB_ACTIONS=true  also emit workflow annotations (same as --format github)
  GITHUB_STEP_SUMMARY  the file the Markdown summary is appended to in GitHub Actions
  GOPROXY, GONOPROXY, GOPRIVATE, GONOSUMDB, GOSUMDB, GOINSECURE, GOFLAGS, GOTOOLCHAIN, GOVCS, GOAUTH, GOENV
                       read through go env -json (environment, then the go env -w file, then $GOROOT/go.env),
                       exactly as the go binary chosen with --go sees them
  HTTPS_PROXY, HTTP_PROXY, NO_PROXY (or lower case)
                       the HTTP proxy check sends requests through, by Go's rules
  NETRC                the .netrc file with credentials (default ~/.netrc)
  SSL_CERT_FILE, SSL_CERT_DIR
                       the TLS roots check verifies certificates against, as Go on Linux does
`;

// A usage error in one command, with the hint that helps most there (its --help has the rest).
const USAGE_HINTS: Readonly<Record<string, string>> = { run: RUN_USAGE_HINT };

/**
 * Commander's own usage errors (unknown option or command, missing argument, invalid choice) as
 * every other error is shown: one line, `goproxy-doctor: ` instead of commander's `error: `, its
 * "Did you mean …?" suggestion and the command's hint on the same line, control characters removed.
 */
export function usageErrorLine(text: string, hint?: string): string {
  const parts = text
    .split('\n')
    .map((line) => stripControlCharacters(line).trim())
    .filter((line) => line !== '');
  const message = parts.join(' ').replace(/^error: /, '');
  return `goproxy-doctor: ${message}${hint !== undefined ? ` (${hint})` : ''}\n`;
}

function outputFor(io: Io, hint?: string) {
  return {
    writeOut: (text: string) => io.stdout.write(text),
    writeErr: (text: string) => io.stderr.write(text),
    outputError: (text: string, write: (text: string) => void) => write(usageErrorLine(text, hint)),
  };
}

/** `--quiet` and `--verbose` contradict each other; giving both is a usage error. */
export function decideVerbosity(quiet: boolean, verbose: boolean): Verbosity {
  if (quiet && verbose) throw new DoctorError('usage', '--quiet and --verbose cannot be combined');
  return quiet ? 'quiet' : verbose ? 'verbose' : 'normal';
}

/** Runs the CLI with the given arguments (without `node` and the script) and returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = new Command();
  const context = createCliContext(
    io,
    (): GlobalOptions => {
      const opts = program.opts<{ go?: string; color?: boolean; quiet?: boolean; verbose?: boolean }>();
      return {
        go: opts.go ?? 'go',
        color: opts.color === undefined ? 'auto' : opts.color ? 'always' : 'never',
        verbosity: decideVerbosity(opts.quiet === true, opts.verbose === true),
      };
    },
    (code) => {
      exitCode = code;
    },
  );

  program
    .name('goproxy-doctor')
    .description('Tells you why Go module downloads fail and exactly what to change.')
    .version(VERSION, '-V, --version', 'print the version')
    .addOption(new Option('--go <path>', 'the go binary to run').default(undefined, 'go on PATH'))
    .option('--color', 'force colour output')
    .option('--no-color', 'disable colour output')
    .option('--quiet', 'print only problems (no passing checks, notes or hints)')
    .option('--verbose', 'print more: every request with its phase timings (check), input line numbers (explain)')
    .addHelpText('after', EXIT_CODES_HELP)
    .showSuggestionAfterError(true)
    // Contradicting global flags fail before any command does work.
    .hook('preAction', async () => {
      context.globals();
      await context.prepareStyle();
    })
    .exitOverride()
    .configureOutput(outputFor(io));

  registerEnvCommand(program, context);
  registerRouteCommand(program, context);
  registerCheckCommand(program, context);
  registerExplainCommand(program, context);
  registerRunCommand(program, context);
  registerReportCommand(program, context);
  registerMirrorsCommand(program, context);

  for (const command of program.commands) {
    command.exitOverride().configureOutput(outputFor(io, USAGE_HINTS[command.name()]));
  }

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportFailure(error, io);
  }
}

function reportFailure(error: unknown, io: Io): number {
  if (error instanceof CommanderError) {
    // Help and version are "errors" to commander; their text is already printed.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
      return ExitCode.ok;
    }
    return ExitCode.usage;
  }
  if (error instanceof DoctorError) {
    io.stderr.write(`goproxy-doctor: ${stripControlCharacters(error.message)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`goproxy-doctor: internal error: ${stripControlCharacters(message)}\n`);
  return ExitCode.usage;
}
