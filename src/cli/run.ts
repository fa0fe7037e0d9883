/**
 * `goproxy-doctor run -- <command> [args...]`: runs a command with its output passed through as it
 * arrives, exits with the command's exit status, and when the command fails appends the `explain`
 * diagnosis of what it printed to stderr. Made for CI steps: `goproxy-doctor run -- go build ./...`.
 *
 * The child process is started by an injected {@link Spawner}, so the wrapper logic is tested with the
 * real `go` and with scripted children alike. The explain engine and the scenario catalogue are loaded
 * only when the command fails.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import { Option, type Command } from 'commander';
import type { ExplainResult } from '../explain/engine.js';
import type { GoEnvironment } from '../goenv/types.js';
import type { Io } from '../io.js';
import { safeText, stripControlCharacters } from '../redact.js';
import type { AppendTextFile } from '../report/github.js';
import { shouldUseGithubFormat } from '../report/github-format.js';
import { createStyle, type ColorChoice } from '../report/style.js';
import type { Verbosity } from '../report/wrap.js';
import { terminalWidth, type CliContext } from './context.js';
import { t } from '../i18n/language.js';

/** What the wrapper asks a spawner to run, and where the output goes as it arrives. */
export interface SpawnRequest {
  file: string;
  args: readonly string[];
  cwd: string;
  /** The complete environment of the child. */
  env: Readonly<Record<string, string | undefined>>;
  onStdout(chunk: Uint8Array): void;
  onStderr(chunk: Uint8Array): void;
}

/**
 * How a child process ended. `readerGone`: whoever read our stdout or stderr stopped reading
 * (`run -- go list -m all | head`), so the output was cut short on purpose.
 */
export type ChildOutcome =
  | { kind: 'exited'; exitCode: number; readerGone?: boolean }
  /** Killed by a signal; `exitCode` is 128 + the signal number, as shells report it. */
  | { kind: 'signaled'; signal: string; exitCode: number; readerGone?: boolean }
  /** The program could not be started: `code` is the errno code (ENOENT, EACCES, ...). */
  | { kind: 'spawn-failed'; code: string; message: string };

/**
 * Starts a child with stdin inherited and stdout/stderr delivered chunk by chunk; resolves once the
 * child has exited and both streams are drained. Never rejects for the child's own failures.
 */
export type Spawner = (request: SpawnRequest) => Promise<ChildOutcome>;

/** Exit status when the command does not exist, as POSIX shells use it. */
export const EXIT_COMMAND_NOT_FOUND = 127;
/** Exit status when the command exists but cannot be executed (permission denied, not a program). */
export const EXIT_CANNOT_EXECUTE = 126;

// Signals a wrapper must pass on so Ctrl-C or a CI cancellation stops the command, not only us.
const FORWARDED_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Runs the child with node:child_process, forwarding SIGINT/SIGTERM/SIGHUP to it while it runs. */
export const nodeSpawner: Spawner = (request) =>
  new Promise<ChildOutcome>((resolve) => {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(request.env)) if (value !== undefined) env[key] = value;
    let settled = false;
    const handlers: Array<[NodeJS.Signals, () => void]> = [];
    const cleanups: Array<() => void> = [];
    let readerGone = false;
    const finish = (outcome: ChildOutcome): void => {
      if (settled) return;
      settled = true;
      for (const [signal, handler] of handlers) process.off(signal, handler);
      for (const cleanup of cleanups) cleanup();
      resolve(outcome);
    };
    const child = spawn(request.file, [...request.args], { cwd: request.cwd, env, stdio: ['inherit', 'pipe', 'pipe'] });
    for (const signal of FORWARDED_SIGNALS) {
      const handler = (): void => {
        child.kill(signal);
      };
      handlers.push([signal, handler]);
      process.on(signal, handler);
    }
    child.stdout.on('data', (chunk: Buffer) => request.onStdout(chunk));
    child.stderr.on('data', (chunk: Buffer) => request.onStderr(chunk));
    // When our own stdout (or stderr) is a pipe whose reader has gone (`run -- yes | head -1`), the
    // child gets what the plain pipe would have given it: SIGPIPE (its default action ends it, with
    // status 128+13), and then a closed stream, so a child that ignores SIGPIPE sees its writes fail.
    const passOnClosedReader = (ours: NodeJS.WriteStream, theirs: NodeJS.ReadableStream & { destroy(): void }): void => {
      const onError = (error: NodeJS.ErrnoException): void => {
        if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') return;
        readerGone = true;
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGPIPE');
        theirs.destroy();
      };
      ours.on('error', onError);
      cleanups.push(() => ours.off('error', onError));
    };
    passOnClosedReader(process.stdout, child.stdout);
    passOnClosedReader(process.stderr, child.stderr);
    child.on('error', (error: NodeJS.ErrnoException) => {
      // Only a failure to start ends the run here; a kill() error on a running child does not.
      if (child.pid === undefined) finish({ kind: 'spawn-failed', code: error.code ?? 'EIO', message: error.message });
    });
    child.on('close', (code, signal) => {
      const cut = readerGone ? { readerGone: true } : {};
      if (signal !== null) {
        const number = os.constants.signals[signal] ?? 0;
        finish({ kind: 'signaled', signal, exitCode: 128 + number, ...cut });
      } else {
        finish({ kind: 'exited', exitCode: code ?? 1, ...cut });
      }
    });
  });

/** Numbered lines of the combined output, in arrival order. */
export interface CapturedLine {
  /** 1-based position in the combined output (stdout and stderr lines interleaved as they arrived). */
  number: number;
  text: string;
}

/** Characters of output kept for the diagnosis by default: the last 4 MiB or so. */
export const DEFAULT_TAIL_CHARS = 4 * 1024 * 1024;
// A single line longer than this keeps only its start (like explain's reader does).
const MAX_LINE_CHARS = 64 * 1024;

/**
 * Keeps the last `maxChars` characters of a command's output as whole lines. Stdout and stderr are
 * split into lines separately and interleaved line by line, so a half-written line on one stream never
 * splices into a line of the other; this is what `2>&1` would show at line granularity.
 */
export class OutputTail {
  private readonly lines: CapturedLine[] = [];
  private head = 0;
  private chars = 0;
  private count = 0;
  private readonly partial: Record<'stdout' | 'stderr', { text: string; cut: boolean }> = {
    stdout: { text: '', cut: false },
    stderr: { text: '', cut: false },
  };

  constructor(private readonly maxChars: number = DEFAULT_TAIL_CHARS) {}

  /** Adds decoded text from one stream. */
  push(stream: 'stdout' | 'stderr', text: string): void {
    const pending = this.partial[stream];
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      const piece = text.slice(start, newline < 0 ? text.length : newline);
      if (!pending.cut) {
        const room = MAX_LINE_CHARS - pending.text.length;
        if (piece.length > room) {
          pending.text += piece.slice(0, room);
          pending.cut = true;
        } else {
          pending.text += piece;
        }
      }
      if (newline < 0) return;
      this.addLine(pending.text);
      pending.text = '';
      pending.cut = false;
      start = newline + 1;
    }
  }

  /** Ends both streams: unterminated last lines count as lines. */
  finish(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      const pending = this.partial[stream];
      if (pending.text !== '' || pending.cut) this.addLine(pending.text);
      pending.text = '';
      pending.cut = false;
    }
  }

  /** The kept lines, oldest first. */
  captured(): CapturedLine[] {
    return this.lines.slice(this.head);
  }

  /** Lines dropped from the front to stay within the budget. */
  get dropped(): number {
    return this.head;
  }

  private addLine(text: string): void {
    this.count += 1;
    this.lines.push({ number: this.count, text });
    this.chars += text.length + 1;
    while (this.chars > this.maxChars && this.head < this.lines.length - 1) {
      this.chars -= (this.lines[this.head]?.text.length ?? 0) + 1;
      this.head += 1;
    }
    // Compact now and then so dropped lines are actually freed.
    if (this.head > 4096 && this.head * 2 > this.lines.length) {
      this.lines.splice(0, this.head);
      this.head = 0;
    }
  }
}

/** Everything {@link runWrapped} needs. */
export interface RunWrappedOptions {
  io: Io;
  command: string;
  args: readonly string[];
  spawn: Spawner;
  /** Print the diagnosis as explain's JSON document (on stderr) instead of text. */
  json?: boolean;
  /** Also emit GitHub annotations (stderr) and append a step summary. */
  github?: boolean;
  /** Read `go env -json` for ranking fixes (`--no-env` turns it off). */
  useEnv?: boolean;
  /** The go binary whose environment ranks the fixes. */
  goBinary?: string;
  color?: ColorChoice;
  /** `quiet`: the diagnosis only (no notes, no runners-up, nothing when nothing matched); `verbose`: line numbers too. */
  verbosity?: Verbosity;
  /** Where the step summary is appended. */
  appendFile?: AppendTextFile;
  /** Output kept for the diagnosis, in characters. */
  maxTailChars?: number;
  /** Reads the Go environment; defaults to resolveGoEnvironment. */
  loadEnvironment?: (io: Io, goBinary: string) => Promise<GoEnvironment>;
}

// Interruptions the user asked for, and SIGPIPE (whoever read the output stopped reading, as in
// `run -- go list -m all | head`): the output says nothing about module downloads.
const USER_SIGNALS = new Set(['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGPIPE']);

/**
 * The program as the user named it, path included (`/opt/go/bin/go`, `./build.sh`), for messages;
 * its arguments are left out because they may hold secrets.
 */
function programName(command: string): string {
  return safeText(command);
}

/**
 * Runs the command, passing its output through, and returns the exit status to use: the command's
 * own, 128+n when a signal killed it, 127 when it does not exist, 126 when it cannot be executed.
 * When it exits non-zero, the diagnosis of its output (the last `maxTailChars`) follows on stderr.
 */
export async function runWrapped(options: RunWrappedOptions): Promise<number> {
  const { io } = options;
  const tail = new OutputTail(options.maxTailChars ?? DEFAULT_TAIL_CHARS);
  const decoders = { stdout: new TextDecoder('utf-8'), stderr: new TextDecoder('utf-8') };
  let lastWritten = '\n';
  const forward = (stream: 'stdout' | 'stderr', chunk: Uint8Array | undefined): void => {
    const text = chunk === undefined ? decoders[stream].decode() : decoders[stream].decode(chunk, { stream: true });
    if (text === '') return;
    io[stream].write(text);
    lastWritten = text;
    tail.push(stream, text);
  };

  const outcome = await options.spawn({
    file: options.command,
    args: options.args,
    cwd: io.cwd,
    env: io.env,
    onStdout: (chunk) => forward('stdout', chunk),
    onStderr: (chunk) => forward('stderr', chunk),
  });
  // Flush bytes of a multi-byte character cut at the very end (they decode to U+FFFD).
  forward('stdout', undefined);
  forward('stderr', undefined);
  tail.finish();

  const name = programName(options.command);
  if (outcome.kind === 'spawn-failed') {
    if (outcome.code === 'ENOENT') {
      io.stderr.write(`goproxy-doctor: run: ${t`command not found: ${name}`}\n`);
      return EXIT_COMMAND_NOT_FOUND;
    }
    io.stderr.write(`goproxy-doctor: run: ${t`cannot execute ${name}: ${outcome.code === 'EACCES' ? t`permission denied` : stripControlCharacters(outcome.code)}`}\n`);
    return EXIT_CANNOT_EXECUTE;
  }
  if (outcome.exitCode === 0) return 0;
  if (outcome.kind === 'signaled' && USER_SIGNALS.has(outcome.signal)) return outcome.exitCode;
  // The command failed because its reader went away (as it would have in the plain pipe): there is
  // nothing about module downloads to explain.
  if (outcome.readerGone === true) return outcome.exitCode;

  const status = outcome.kind === 'signaled' ? t`${name} was killed by ${outcome.signal}` : t`${name} exited with status ${outcome.exitCode}`;
  // Keep the diagnosis on its own lines even when the command's last line had no newline.
  if (!lastWritten.endsWith('\n')) io.stderr.write('\n');
  await appendDiagnosis(options, tail, status, outcome.exitCode);
  return outcome.exitCode;
}

async function explainCaptured(options: RunWrappedOptions, tail: OutputTail): Promise<{ result: ExplainResult; env: GoEnvironment | undefined }> {
  const { io } = options;
  let env: GoEnvironment | undefined;
  if (options.useEnv !== false) {
    try {
      const load = options.loadEnvironment ?? (await import('../goenv/resolve.js')).resolveDiagnosisEnvironment;
      env = await load(io, options.goBinary ?? 'go');
    } catch (error) {
      if (!options.json && options.verbosity !== 'quiet') {
        const reason = error instanceof Error ? error.message : String(error);
        io.stderr.write(`goproxy-doctor: ${t`note: could not read the Go environment (${stripControlCharacters(reason)}); ranking uses the output only.`}\n`);
      }
    }
  }
  // One at a time: Jest's ESM loader fails on concurrent imports that share dependencies.
  const { DiagnosisCollector } = await import('../explain/engine.js');
  const { BlockAssembler, cleanLine } = await import('../explain/read-log.js');
  const collector = new DiagnosisCollector(env ? { env } : {});
  const assembler = new BlockAssembler();
  for (const line of tail.captured()) {
    for (const block of assembler.push(cleanLine(line.text), line.number)) collector.add(block);
  }
  for (const block of assembler.flush()) collector.add(block);
  return { result: collector.result(), env };
}

async function appendDiagnosis(options: RunWrappedOptions, tail: OutputTail, status: string, exitCode: number): Promise<void> {
  const { io } = options;
  const { result } = await explainCaptured(options, tail);
  const { buildExplainJson, renderExplainHuman } = await import('../report/explain.js');
  const { findScenario } = await import('../scenarios/index.js');
  const scenario = (id: string) => findScenario(id);

  if (options.json) {
    const doc = { ...buildExplainJson(result), exitCode, ...(tail.dropped > 0 ? { linesNotAnalysed: tail.dropped } : {}) };
    io.stderr.write(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    const chalk = await createStyle({ choice: options.color ?? 'auto', env: io.env, isTTY: io.stderr.isTTY });
    const verbosity = options.verbosity ?? 'normal';
    const text = renderExplainHuman(result, { chalk, scenario, verbosity, width: terminalWidth(io.stderr) });
    // --quiet: nothing at all unless there is a diagnosis to show.
    if (verbosity !== 'quiet' || text !== '') {
      io.stderr.write(`\n${chalk.bold(`goproxy-doctor: ${t`${status}; what its output shows:`}`)}\n`);
      if (tail.dropped > 0 && verbosity !== 'quiet') io.stderr.write(chalk.dim(`${t`(only the last ${tail.captured().length} lines were analysed; ${tail.dropped} earlier lines were not kept)`}\n`));
      io.stderr.write(text);
    }
  }
  for (const error of result.errors) io.stderr.write(`goproxy-doctor: ${t`scenario error: ${stripControlCharacters(error)}`}\n`);

  if (options.github) {
    const { githubAnnotationsForDiagnoses, stepSummaryMarkdown, writeStepSummary } = await import('../report/github.js');
    io.stderr.write(githubAnnotationsForDiagnoses(result.diagnoses, { scenario }));
    // A failure with nothing module-related in it (a compile error) gets no summary entry: that would be noise.
    if (!result.diagnoses.some((diagnosis) => !diagnosis.alternative)) return;
    const markdown = stepSummaryMarkdown({ title: 'goproxy-doctor run', context: status, diagnoses: result.diagnoses, omitted: result.omitted, scenario });
    try {
      await writeStepSummary(io.env, markdown, options.appendFile ?? io.appendTextFile);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      io.stderr.write(`goproxy-doctor: ${t`could not write the step summary: ${stripControlCharacters(reason)}`}\n`);
    }
  }
}

/** Added to `run`'s usage errors: most come from the command's own flags read as ours. */
export function runUsageHint(): string {
  return t`put -- before the command: goproxy-doctor run -- go build ./...`;
}

/** Seams of the run command that tests may replace. */
export interface RunDependencies {
  spawn?: Spawner;
  appendFile?: AppendTextFile;
}

/** The help after the options, in the output language. */
function help(): string {
  return `
${t`Examples:`}
  goproxy-doctor run -- go build ./...
  goproxy-doctor run --quiet -- go test ./...       # ${t`on failure, the diagnosis only`}
  goproxy-doctor run --json -- go mod download -x   # ${t`the diagnosis as JSON on stderr`}

${t`Put -- before the command, so its own flags are not read as goproxy-doctor's.`}

${t`The command's stdout and stderr pass through unchanged (decoded as UTF-8) and in order. When it
exits non-zero, the diagnosis of its output (the last 4 MiB) is appended to stderr. In GitHub Actions
(GITHUB_ACTIONS=true, or --format github) the diagnosis is also emitted as annotations and appended
to $GITHUB_STEP_SUMMARY.`}

${t`Exit codes: the command's own; 128+n when signal n killed it; 127 when the command is not found;
126 when it cannot be executed; 2 for a usage error.`}
`;
}

interface RunCliOptions {
  json?: boolean;
  format?: string;
  /** commander's `--no-env`: false when given. */
  env: boolean;
}

/** Registers the `run` command. */
export function registerRunCommand(program: Command, context: CliContext, dependencies: RunDependencies = {}): void {
  program
    .command('run')
    .description(t`run a command (e.g. go build), pass its output through, and explain it when it fails`)
    .argument('<command>', t`the program to run`)
    .argument('[args...]', t`its arguments`)
    .option('--json', t`print the diagnosis as JSON (on stderr)`)
    .addOption(new Option('--format <format>', t`add GitHub annotations and a step summary (default: when GITHUB_ACTIONS=true)`).choices(['human', 'github']))
    .option('--no-env', t`do not run ${'`go env -json`'}; rank fixes from the output alone`)
    .addHelpText('after', help())
    .action(async (command: string, args: string[], options: RunCliOptions) => {
      const { io } = context;
      const globals = context.globals();
      const code = await runWrapped({
        io,
        command,
        args,
        spawn: dependencies.spawn ?? nodeSpawner,
        json: options.json === true,
        github: shouldUseGithubFormat(io.env, options.format),
        useEnv: options.env,
        goBinary: globals.go,
        color: globals.color,
        verbosity: globals.verbosity,
        appendFile: dependencies.appendFile ?? context.io.appendTextFile,
      });
      context.setExitCode(code);
    });
}
