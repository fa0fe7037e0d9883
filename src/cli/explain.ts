/**
 * `goproxy-doctor explain [files...]`: reads go's stderr (stdin, or the named files; `-` is stdin),
 * names the failure scenarios it shows and ranks fixes for each. `--list` and `--scenario <id>` print
 * the catalogue offline. Exit codes: 0 nothing matched, 1 at least one diagnosis, 2 usage errors,
 * 5 an input file could not be read.
 */
import { Option, type Command } from 'commander';
import { DoctorError, ExitCode } from '../errors.js';
// Static, unlike the engine: a small file whose imports the start-up code has anyway, and explain
// needs it before anything else (one file fewer to load one after the other).
import { fileOpener, type OpenInput } from '../explain/input.js';
import type { GoEnvironment } from '../goenv/types.js';
import type { OutputStream } from '../io.js';
import { stripControlCharacters } from '../redact.js';
import { shouldUseGithubFormat } from '../report/github-format.js';
import type { ScenarioExample } from '../report/explain.js';
import type { Scenario } from '../scenarios/types.js';
import type { CliContext } from './context.js';
import { t } from '../i18n/language.js';
import { cappingYoungGeneration } from './young-generation.js';

// The engine, the catalogue and the renderers are loaded inside the action, so `--version`, `--help`
// and the other commands do not pay for them at start-up.

interface ExplainOptions {
  json?: boolean;
  list?: boolean;
  scenario?: string;
  /** commander's `--no-env`: false when given. */
  env: boolean;
  passthrough?: boolean;
  failOn: FailOn;
  format?: string;
}

/** Which diagnoses make `explain` exit 1: main ones (`error`), runners-up too (`warning`), or none. */
export type FailOn = 'error' | 'warning' | 'never';

/** Seams of the explain command that tests may replace. */
export interface ExplainDependencies {
  /** Opens a named input file; defaults to reading from disk relative to `io.cwd`. */
  openInput?: OpenInput;
}

/** The help after the options, in the output language. */
function help(): string {
  return `
${t`Examples:`}
  go build ./... 2>&1 | goproxy-doctor explain
  go build ./... 2>&1 | goproxy-doctor explain --quiet     # ${t`the diagnoses only, no runners-up or hints`}
  goproxy-doctor explain --verbose build.log               # ${t`with the input line of every failure`}
  goproxy-doctor explain build.log
  goproxy-doctor explain --json ci-output.txt
  goproxy-doctor explain --list
  goproxy-doctor explain --scenario private-module-proxied
  go build ./... 2>&1 | goproxy-doctor explain --passthrough   # ${t`the log on stdout, the diagnosis on stderr`}

${t`Exit codes: 0 nothing matched, 1 at least one failure explained, 2 usage error, 5 an input file is unreadable.`}
`;
}

/** Runs the engine on a scenario's first example to show its fixes in the documentation. */
async function workedExample(scenario: Scenario): Promise<ScenarioExample | undefined> {
  const text = scenario.examples[0];
  if (text === undefined) return undefined;
  const { explainBlocks } = await import('../explain/engine.js');
  const { blocksFromText } = await import('../explain/read-log.js');
  const result = explainBlocks(blocksFromText(text), { scenarios: [scenario] });
  return { text, fixes: result.diagnoses[0]?.fixes ?? [] };
}

/**
 * Copies each chunk to `out` as it is read, so `go build 2>&1 | goproxy-doctor explain --passthrough`
 * loses none of the log. On a terminal the copy is stripped of control characters; into a pipe it is
 * passed on as text.
 */
async function* teeTo(stream: AsyncIterable<Uint8Array>, out: OutputStream): AsyncGenerator<Uint8Array> {
  const decoder = new TextDecoder();
  for await (const chunk of stream) {
    const text = decoder.decode(chunk, { stream: true });
    out.write(out.isTTY ? stripControlCharacters(text) : text);
    yield chunk;
  }
  const rest = decoder.decode();
  if (rest !== '') out.write(out.isTTY ? stripControlCharacters(rest) : rest);
}

/** What reading the Go environment came to; it settles without rejecting. */
type EnvironmentRead = Promise<{ env: GoEnvironment } | { error: unknown }>;

/**
 * Starts reading the Go environment (`go env -json` and the files it names) and returns without
 * waiting for it, so go runs while Node loads the engine and the catalogue. The read module is
 * loaded first, and on its own: Jest's ESM loader fails on concurrent imports that share dependencies.
 */
async function startEnvironment(context: CliContext): Promise<{ read: EnvironmentRead }> {
  const { resolveDiagnosisEnvironment } = await import('../goenv/resolve.js');
  const read: EnvironmentRead = resolveDiagnosisEnvironment(context.io, context.globals().go).then(
    (env) => ({ env }),
    (error: unknown) => ({ error }),
  );
  return { read };
}

/** The environment once read, or undefined with a note (unless --json or --quiet) when go could not tell. */
async function awaitEnvironment(context: CliContext, json: boolean, read: EnvironmentRead): Promise<GoEnvironment | undefined> {
  const outcome = await read;
  if ('env' in outcome) return outcome.env;
  if (!json && context.globals().verbosity !== 'quiet') {
    const reason = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
    context.io.stderr.write(
      `goproxy-doctor: ${t`note: could not read the Go environment (${stripControlCharacters(reason)}); ranking uses the log text only.`}\n`,
    );
  }
  return undefined;
}

/** Registers `explain` on the program. */
export function registerExplainCommand(program: Command, context: CliContext, dependencies: ExplainDependencies = {}): void {
  program
    .command('explain')
    .description(t`explain go's error output: name the failure and rank the fixes`)
    .argument('[files...]', t`files holding go output; stdin when none or "-"`)
    .option('--json', t`print a JSON document instead of text`)
    .option('--list', t`list the failure scenarios`)
    .option('--scenario <id>', t`print one scenario's documentation`)
    .option('--no-env', t`do not run ${'`go env -json`'}; rank from the log text alone`)
    .option('--passthrough', t`copy the input to stdout as it is read (the diagnosis then goes to stderr)`)
    .addOption(new Option('--fail-on <level>', t`exit 1 for: error (a diagnosis), warning (also a runner-up), never`).choices(['error', 'warning', 'never']).default('error'))
    .addOption(new Option('--format <format>', t`also emit GitHub workflow annotations and a step summary (github); default when GITHUB_ACTIONS=true`).choices(['human', 'github']))
    .addHelpText('after', help())
    .action(async (files: string[], options: ExplainOptions) => {
      const io = context.io;
      const chalk = context.style();
      const { verbosity } = context.globals();
      const json = options.json === true;
      if (options.passthrough && json) throw new DoctorError('usage', t`--passthrough and --json cannot be combined: both write to stdout`);
      if (options.list && options.scenario !== undefined) throw new DoctorError('usage', t`--list and --scenario cannot be combined`);
      if ((options.list || options.scenario !== undefined) && files.length > 0) {
        throw new DoctorError('usage', t`--list and --scenario take no input files`);
      }
      const explaining = !options.list && options.scenario === undefined;

      const openInput = dependencies.openInput ?? fileOpener(io.cwd);
      const inputs = files.length === 0 ? ['-'] : files;
      // Open every file first, so an unreadable one fails before any output and before go runs.
      const streams: { name: string | undefined; stream: AsyncIterable<Uint8Array> }[] = [];
      if (explaining) {
        for (const file of inputs) {
          streams.push(file === '-' ? { name: files.length > 0 ? '<stdin>' : undefined, stream: io.stdin } : { name: file, stream: await openInput(file) });
        }
      }
      // go starts before the engine loads (the larger part of explain's start-up), so the two overlap.
      const environment = explaining && options.env ? await startEnvironment(context) : undefined;

      // One at a time: Jest's ESM loader fails on concurrent imports that share dependencies.
      const { DiagnosisCollector } = await import('../explain/engine.js');
      const report = await import('../report/explain.js');
      const { findScenario, SCENARIOS } = await import('../scenarios/index.js');
      const { buildExplainJson, buildScenarioDocJson, buildScenarioListJson, renderExplainHuman, renderScenarioDoc, renderScenarioList } = report;

      if (options.list) {
        io.stdout.write(json ? `${JSON.stringify(buildScenarioListJson(SCENARIOS), null, 2)}\n` : renderScenarioList(SCENARIOS, chalk, { width: context.wrapWidth() }));
        context.setExitCode(ExitCode.ok);
        return;
      }
      if (options.scenario !== undefined) {
        const scenario = findScenario(options.scenario);
        if (!scenario) {
          throw new DoctorError(
            'usage',
            t`unknown scenario "${stripControlCharacters(options.scenario)}"; valid ids: ${SCENARIOS.map((candidate) => candidate.id).join(', ')}`,
          );
        }
        const example = await workedExample(scenario);
        io.stdout.write(json ? `${JSON.stringify(buildScenarioDocJson(scenario, example), null, 2)}\n` : renderScenarioDoc(scenario, example, chalk, { width: context.wrapWidth() }));
        context.setExitCode(ExitCode.ok);
        return;
      }

      const env = environment === undefined ? undefined : await awaitEnvironment(context, json, environment.read);
      const collector = new DiagnosisCollector(env ? { env } : {});
      if (inputs.includes('-') && io.stdin.isTTY === true && !json && verbosity !== 'quiet') {
        io.stderr.write(`goproxy-doctor: ${t`reading go's output from the terminal; paste it and press Ctrl-D (or pipe it: go build 2>&1 | goproxy-doctor explain)`}\n`);
      }
      for (const { name, stream } of streams) {
        const source = cappingYoungGeneration(options.passthrough ? teeTo(stream, io.stdout) : stream);
        await collector.addStream(source, name);
      }
      const result = collector.result();
      // With --passthrough stdout carries the log, so the diagnosis goes to stderr.
      const out = options.passthrough ? io.stderr : io.stdout;
      out.write(
        json
          ? `${JSON.stringify(buildExplainJson(result), null, 2)}\n`
          : renderExplainHuman(result, { chalk, scenario: (id) => findScenario(id), verbosity, width: context.wrapWidth(out) }),
      );
      for (const error of result.errors) io.stderr.write(`goproxy-doctor: ${t`scenario error: ${stripControlCharacters(error)}`}\n`);

      if (shouldUseGithubFormat(io.env, options.format)) {
        const github = await import('../report/github.js');
        // Annotations stay off a JSON stdout; the runner reads workflow commands from both streams.
        (json || options.passthrough ? io.stderr : io.stdout).write(github.githubAnnotationsForDiagnoses(result.diagnoses, { scenario: findScenario }));
        const markdown = github.stepSummaryMarkdown({ title: 'goproxy-doctor explain', diagnoses: result.diagnoses, omitted: result.omitted, scenario: findScenario });
        try {
          await github.writeStepSummary(io.env, markdown, io.appendTextFile);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          io.stderr.write(`goproxy-doctor: ${t`could not write the step summary: ${stripControlCharacters(reason)}`}\n`);
        }
      }

      const failing = result.diagnoses.filter((diagnosis) => options.failOn === 'warning' || !diagnosis.alternative);
      context.setExitCode(options.failOn !== 'never' && failing.length > 0 ? ExitCode.problemsFound : ExitCode.ok);
    });
}
