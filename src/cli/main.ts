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
import { registerRunCommand } from './run.js';
import { registerReportCommand } from './report.js';
import { VERSION } from '../version.js';

const EXIT_CODES_HELP = `
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
  NO_COLOR      disable colour
  FORCE_COLOR   force colour (0 disables)
  GITHUB_ACTIONS=true   also emit workflow annotations and append to $GITHUB_STEP_SUMMARY
`;

/** Runs the CLI with the given arguments (without `node` and the script) and returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = new Command();
  const context = createCliContext(
    io,
    (): GlobalOptions => {
      const opts = program.opts<{ go?: string; color?: boolean }>();
      return { go: opts.go ?? 'go', color: opts.color === undefined ? 'auto' : opts.color ? 'always' : 'never' };
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
    .addHelpText('after', EXIT_CODES_HELP)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(stripControlCharacters(text)),
    });

  registerEnvCommand(program, context);
  registerRouteCommand(program, context);
  registerCheckCommand(program, context);
  registerExplainCommand(program, context);
  registerRunCommand(program, context);
  registerReportCommand(program, context);

  for (const command of program.commands) {
    command.exitOverride().configureOutput(program.configureOutput());
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
