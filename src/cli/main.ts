/**
 * The command-line entry point: builds the commander program, runs one command and turns
 * every failure into one line on stderr plus an exit code. It is the only place that decides exit codes.
 */
import { Command, CommanderError, Help, Option } from 'commander';
import { DoctorError, ExitCode, exitCodeTable } from '../errors.js';
import type { Io } from '../io.js';
import { stripControlCharacters } from '../redact.js';
import { createCliContext, type GlobalOptions } from './context.js';
import { registerEnvCommand } from './env.js';
import { registerRouteCommand } from './route.js';
import { registerCheckCommand } from './check.js';
import { registerExplainCommand } from './explain.js';
import { registerRunCommand, runUsageHint } from './run.js';
import { registerReportCommand } from './report.js';
import { registerMirrorsCommand } from './mirrors.js';
import { VERSION } from '../version.js';
import { LANGUAGES, currentLanguage, languageFromLocale, setLanguage, t, type Language } from '../i18n/language.js';
import type { Verbosity } from '../report/wrap.js';

/** The top-level help after the command list, in the output language (built when the program is). */
function exitCodesHelp(): string {
  return `
${t`Examples:`}
  goproxy-doctor env                                  # ${t`every setting, its value and where it came from`}
  goproxy-doctor route golang.org/x/text@v0.14.0       # ${t`where go will fetch this module from, in order`}
  goproxy-doctor check --quiet                        # ${t`probe proxies and the checksum database; problems only`}
  go build ./... 2>&1 | goproxy-doctor explain        # ${t`explain go's error output`}
  goproxy-doctor run -- go mod download               # ${t`run a command; explain it if it fails`}
  goproxy-doctor report --output report.md            # ${t`a redacted report to paste into an issue`}
  goproxy-doctor mirrors                              # ${t`rank public module mirrors and recommend a GOPROXY`}
  goproxy-doctor <command> --help                     # ${t`options and examples of one command`}

${t`Output:`}
  ${t`On a terminal, text is coloured and wrapped to its width (shell commands and URLs are never broken).
  Into a pipe or a file, it is plain, unwrapped and line-oriented. --json writes only JSON to stdout,
  whatever --quiet or --verbose say.`}
  --quiet    ${t`problems only: check prints error and warning findings and the summary line; explain
             and run print diagnoses without runners-up or hints; env and route print values without notes`}
  --verbose  ${t`check adds every request with its URL and phase timings (dns, connect, proxy, tls, http);
             explain adds the input line of every folded failure and every fix of the runners-up`}
  --lang     ${t`the language of human output: en or zh (default: zh when LC_ALL, LC_MESSAGES or LANG
             starts with zh); --json output is always English`}

${t`Exit codes:`}
${exitCodeTable()
  .map((row) => `  ${String(row.code).padEnd(5)}${row.meaning}`)
  .join('\n')}
  run: ${t`the command's own exit status (127 command not found, 126 cannot execute, 128+n killed by signal n)`}

${t`Environment:`}
  NO_COLOR             ${t`set and non-empty: no colour (--color still forces it)`}
  FORCE_COLOR          ${t`colour even into a pipe; FORCE_COLOR=0 or false disables it`}
  TERM=dumb            ${t`no spinner, and no colour unless forced`}
  CI                   ${t`set (and not false or 0): no spinner on stderr`}
  GITHUB_ACTIONS=true  ${t`also emit workflow annotations (same as --format github)`}
  GITHUB_STEP_SUMMARY  ${t`the file the Markdown summary is appended to in GitHub Actions`}
  LC_ALL, LC_MESSAGES, LANG
                       ${t`the first one set decides the language: zh… means Chinese (--lang overrides it)`}
  GOPROXY, GONOPROXY, GOPRIVATE, GONOSUMDB, GOSUMDB, GOINSECURE, GOFLAGS, GOTOOLCHAIN, GOVCS, GOAUTH, GOENV
                       ${t`read through go env -json (environment, then the go env -w file, then $GOROOT/go.env),
                       exactly as the go binary chosen with --go sees them`}
  HTTPS_PROXY, HTTP_PROXY, NO_PROXY ${t`(or lower case)`}
                       ${t`the HTTP proxy check sends requests through, by Go's rules`}
  NETRC                ${t`the .netrc file with credentials (default ~/.netrc)`}
  SSL_CERT_FILE, SSL_CERT_DIR
                       ${t`the TLS roots check verifies certificates against, as Go on Linux does`}
`;
}

// A usage error in one command, with the hint that helps most there (its --help has the rest).
const USAGE_HINTS: Readonly<Record<string, () => string>> = { run: runUsageHint };

/**
 * The value of `--lang` on the command line (`--lang zh` or `--lang=zh`; the last one wins, as in
 * commander), read before commander builds any text. Options end at `--`, and the value of `--go` is
 * never taken for one. `null`: `--lang` came last, without a value; undefined: not given.
 */
export function langArgument(argv: readonly string[]): string | null | undefined {
  let value: string | null | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') break;
    if (arg === '--go') i++;
    else if (arg === '--lang') value = i + 1 < argv.length ? (argv[++i] ?? null) : null;
    else if (arg.startsWith('--lang=')) value = arg.slice('--lang='.length);
  }
  return value;
}

/**
 * Decides the language of human output once, before any help text is built or any command runs:
 * `--lang`, else the locale (LC_ALL, LC_MESSAGES, LANG). A dictionary is loaded only when its language
 * is chosen. An invalid `--lang` is a usage error, said in the locale's language.
 */
export async function chooseLanguage(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Promise<Language> {
  const asked = langArgument(argv);
  const valid = LANGUAGES.find((language) => language === asked);
  const language = valid ?? languageFromLocale(env);
  setLanguage(language, language === 'en' ? undefined : await (await import('../i18n/dictionaries.js')).dictionaryFor(language));
  if (asked === null) throw new DoctorError('usage', t`--lang needs a value: ${LANGUAGES.join(t` or `)}`);
  if (asked !== undefined && valid === undefined) throw new DoctorError('usage', t`--lang must be ${LANGUAGES.join(t` or `)}, got ${JSON.stringify(asked)}`);
  return language;
}

// Commander's "(Did you mean …?)" suggestion, as it ends a usage message once its lines are joined.
const SUGGESTION_START = ' (Did you mean ';
const INVALID_CHOICE = "' is invalid. Allowed choices are ";

/** A commander suggestion (`(Did you mean --json?)`, `(Did you mean one of a, b?)`) in the output language. */
function localisedSuggestion(suggestion: string): string {
  const inner = suggestion.slice(SUGGESTION_START.length, -'?)'.length);
  return inner.startsWith('one of ') ? t`(Did you mean one of ${inner.slice('one of '.length)}?)` : t`(Did you mean ${inner}?)`;
}

/**
 * Commander writes its usage messages in English; each form it has is recognised whole and said
 * again through `t`. English text, and anything not recognised, is left exactly as commander wrote it.
 * The user's own words (an unknown flag or command, a bad value) are carried over untouched.
 */
export function localisedCommanderMessage(message: string): string {
  if (currentLanguage() === 'en') return message;
  let body = message;
  let suggestion = '';
  const at = message.lastIndexOf(SUGGESTION_START);
  if (at >= 0 && message.endsWith('?)')) {
    body = message.slice(0, at);
    suggestion = ` ${localisedSuggestion(message.slice(at))}`;
  }
  let match: RegExpExecArray | null;
  if ((match = /^unknown option '(.*)'$/.exec(body))) return t`unknown option '${match[1]}'` + suggestion;
  if ((match = /^unknown command '(.*)'$/.exec(body))) return t`unknown command '${match[1]}'` + suggestion;
  if ((match = /^missing required argument '([^']*)'$/.exec(body))) return t`missing required argument '${match[1]}'` + suggestion;
  if ((match = /^option '([^']*)' argument missing$/.exec(body))) return t`option '${match[1]}' argument missing` + suggestion;
  if ((match = /^required option '([^']*)' not specified$/.exec(body))) return t`required option '${match[1]}' not specified` + suggestion;
  if ((match = /^too many arguments for '([^']*)'\. Expected (\d+) arguments? but got (\d+)\.$/.exec(body))) {
    return t`too many arguments for '${match[1]}': it takes ${match[2]} but got ${match[3]}` + suggestion;
  }
  if ((match = /^too many arguments\. Expected (\d+) arguments? but got (\d+)\.$/.exec(body))) return t`too many arguments: ${match[1]} expected, got ${match[2]}` + suggestion;
  // `option '<flags>' argument '<value>' is invalid. Allowed choices are a, b.`: the value is the
  // user's and may hold anything, so it is cut out by position rather than by a pattern.
  if ((match = /^option '([^']*)' argument '/.exec(body))) {
    const end = body.lastIndexOf(INVALID_CHOICE);
    if (end >= match[0].length && body.endsWith('.')) {
      const value = body.slice(match[0].length, end);
      const choices = body.slice(end + INVALID_CHOICE.length, -1);
      return t`option '${match[1]}' argument '${value}' is invalid; allowed choices: ${choices}` + suggestion;
    }
  }
  return message;
}

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
  const message = localisedCommanderMessage(parts.join(' ').replace(/^error: /, ''));
  return `goproxy-doctor: ${message}${hint !== undefined ? ` (${hint})` : ''}\n`;
}

function outputFor(io: Io, hint?: () => string) {
  return {
    writeOut: (text: string) => io.stdout.write(text),
    writeErr: (text: string) => io.stderr.write(text),
    outputError: (text: string, write: (text: string) => void) => write(usageErrorLine(text, hint?.())),
  };
}

// Commander's section titles, in the output language.
const HELP_TITLES: Readonly<Record<string, () => string>> = {
  'Usage:': () => t`Usage:`,
  'Arguments:': () => t`Arguments:`,
  'Options:': () => t`Options:`,
  'Commands:': () => t`Commands:`,
  'Global Options:': () => t`Global Options:`,
};

/** What commander's help needs to lay out text in a language with wide characters (src/report/wrap.ts). */
interface HelpLayout {
  visibleWidth(text: string): number;
  wrapLine(line: string, width: number, hang?: number): string[];
}

// Commander's own floor: below this many columns for a description it does not wrap at all.
const MIN_HELP_WRAP_COLUMNS = 40;

/**
 * Commander's help in the output language: its section titles and the `(choices: …, default: …)` it
 * adds to an option, through `t`; everything else it lays out is ours already. With `layout` (a
 * language other than English), widths count CJK characters as two columns and descriptions break
 * between them, since Chinese text has no spaces to break at.
 */
function localisedHelp(layout?: HelpLayout): Partial<Help> {
  return {
    ...(layout
      ? {
          displayWidth: (text: string) => layout.visibleWidth(text),
          boxWrap: (text: string, width: number) =>
            width < MIN_HELP_WRAP_COLUMNS ? text : text.split('\n').map((line) => layout.wrapLine(line, width, 0).join('\n')).join('\n'),
        }
      : {}),
    styleTitle: (title: string) => HELP_TITLES[title]?.() ?? title,
    optionDescription(option: Option): string {
      const text = Help.prototype.optionDescription.call(this as Help, option);
      const own = option.description;
      if (currentLanguage() === 'en' || !text.startsWith(own)) return text;
      return own + text.slice(own.length).replace(/\b(choices|default): /g, (_whole, word: string) => (word === 'choices' ? t`choices: ` : t`default: `));
    },
  };
}

/** `--quiet` and `--verbose` contradict each other; giving both is a usage error. */
export function decideVerbosity(quiet: boolean, verbose: boolean): Verbosity {
  if (quiet && verbose) throw new DoctorError('usage', t`--quiet and --verbose cannot be combined`);
  return quiet ? 'quiet' : verbose ? 'verbose' : 'normal';
}

/** Runs the CLI with the given arguments (without `node` and the script) and returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  // The language comes first: every description below is written in it.
  let language: Language;
  try {
    language = await chooseLanguage(argv, io.env);
  } catch (error) {
    return reportFailure(error, io);
  }
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
        language,
      };
    },
    (code) => {
      exitCode = code;
    },
  );

  program
    .name('goproxy-doctor')
    .description(t`Tells you why Go module downloads fail and exactly what to change.`)
    .configureHelp(localisedHelp(language === 'en' ? undefined : await import('../report/wrap.js')))
    .helpOption('-h, --help', t`display help for command`)
    .helpCommand('help [command]', t`display help for command`)
    .version(VERSION, '-V, --version', t`print the version`)
    .addOption(new Option('--go <path>', t`the go binary to run`).default(undefined, t`go on PATH`))
    .option('--color', t`force colour output`)
    .option('--no-color', t`disable colour output`)
    .option('--quiet', t`print only problems (no passing checks, notes or hints)`)
    .option('--verbose', t`print more: every request with its phase timings (check), input line numbers (explain)`)
    // Read and checked by chooseLanguage before commander runs; declared here for --help and parsing.
    .option('--lang <language>', t`the language of human output: en or zh (default: from LC_ALL, LC_MESSAGES or LANG)`)
    .addHelpText('after', exitCodesHelp())
    .showSuggestionAfterError(true)
    // Contradicting global flags fail before any command does work.
    .hook('preAction', async (_program, actionCommand) => {
      // --json output is read by scripts: always English, findings included.
      if (actionCommand.opts<{ json?: boolean }>().json === true && language !== 'en') {
        language = 'en';
        setLanguage('en');
      }
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
  io.stderr.write(`goproxy-doctor: ${t`internal error: ${stripControlCharacters(message)}`}\n`);
  return ExitCode.usage;
}
