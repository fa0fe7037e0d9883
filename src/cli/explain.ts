/**
 * `goproxy-doctor explain [files...]`: reads go's stderr (stdin, or the named files; `-` is stdin),
 * names the failure scenarios it shows and ranks fixes for each. `--list` and `--scenario <id>` print
 * the catalogue offline. Exit codes: 0 nothing matched, 1 at least one diagnosis, 2 usage errors,
 * 5 an input file could not be read.
 */
import type { Command } from 'commander';
import { DoctorError, ExitCode } from '../errors.js';
import { DiagnosisCollector, explainBlocks } from '../explain/engine.js';
import { fileOpener, type OpenInput } from '../explain/input.js';
import { blocksFromText, readBlocks } from '../explain/read-log.js';
import { resolveGoEnvironment } from '../goenv/resolve.js';
import type { GoEnvironment } from '../goenv/types.js';
import { stripControlCharacters } from '../redact.js';
import {
  buildExplainJson,
  buildScenarioDocJson,
  buildScenarioListJson,
  renderExplainHuman,
  renderScenarioDoc,
  renderScenarioList,
  type ScenarioExample,
} from '../report/explain.js';
import { findScenario, SCENARIOS } from '../scenarios/index.js';
import type { Scenario } from '../scenarios/types.js';
import type { CliContext } from './context.js';

interface ExplainOptions {
  json?: boolean;
  list?: boolean;
  scenario?: string;
  /** commander's `--no-env`: false when given. */
  env: boolean;
}

/** Seams of the explain command that tests may replace. */
export interface ExplainDependencies {
  /** Opens a named input file; defaults to reading from disk relative to `io.cwd`. */
  openInput?: OpenInput;
}

const HELP = `
Examples:
  go build ./... 2>&1 | goproxy-doctor explain
  goproxy-doctor explain build.log
  goproxy-doctor explain --json ci-output.txt
  goproxy-doctor explain --list
  goproxy-doctor explain --scenario private-module-proxied

Exit codes: 0 nothing matched, 1 at least one failure explained, 2 usage error, 5 an input file is unreadable.
`;

/** Runs the engine on a scenario's first example to show its fixes in the documentation. */
function workedExample(scenario: Scenario): ScenarioExample | undefined {
  const text = scenario.examples[0];
  if (text === undefined) return undefined;
  const result = explainBlocks(blocksFromText(text), { scenarios: [scenario] });
  return { text, fixes: result.diagnoses[0]?.fixes ?? [] };
}

async function loadEnvironment(context: CliContext, json: boolean): Promise<GoEnvironment | undefined> {
  const goBinary = context.globals().go;
  try {
    return await resolveGoEnvironment(context.io, goBinary);
  } catch (error) {
    if (!json) {
      const reason = error instanceof Error ? error.message : String(error);
      context.io.stderr.write(
        `goproxy-doctor: note: could not read the Go environment (${stripControlCharacters(reason)}); ranking uses the log text only.\n`,
      );
    }
    return undefined;
  }
}

/** Registers `explain` on the program. */
export function registerExplainCommand(program: Command, context: CliContext, dependencies: ExplainDependencies = {}): void {
  program
    .command('explain')
    .description("explain go's error output: name the failure and rank the fixes")
    .argument('[files...]', 'files holding go output; stdin when none or "-"')
    .option('--json', 'print a JSON document instead of text')
    .option('--list', 'list the failure scenarios')
    .option('--scenario <id>', "print one scenario's documentation")
    .option('--no-env', 'do not run `go env -json`; rank from the log text alone')
    .addHelpText('after', HELP)
    .action(async (files: string[], options: ExplainOptions) => {
      const io = context.io;
      const chalk = context.style();
      const json = options.json === true;

      if (options.list && options.scenario !== undefined) throw new DoctorError('usage', '--list and --scenario cannot be combined');
      if ((options.list || options.scenario !== undefined) && files.length > 0) {
        throw new DoctorError('usage', `--list and --scenario take no input files`);
      }
      if (options.list) {
        io.stdout.write(json ? `${JSON.stringify(buildScenarioListJson(SCENARIOS), null, 2)}\n` : renderScenarioList(SCENARIOS, chalk));
        context.setExitCode(ExitCode.ok);
        return;
      }
      if (options.scenario !== undefined) {
        const scenario = findScenario(options.scenario);
        if (!scenario) {
          throw new DoctorError(
            'usage',
            `unknown scenario "${stripControlCharacters(options.scenario)}"; valid ids: ${SCENARIOS.map((candidate) => candidate.id).join(', ')}`,
          );
        }
        const example = workedExample(scenario);
        io.stdout.write(json ? `${JSON.stringify(buildScenarioDocJson(scenario, example), null, 2)}\n` : renderScenarioDoc(scenario, example, chalk));
        context.setExitCode(ExitCode.ok);
        return;
      }

      const env = options.env ? await loadEnvironment(context, json) : undefined;
      const collector = new DiagnosisCollector(env ? { env } : {});
      const openInput = dependencies.openInput ?? fileOpener(io.cwd);
      const inputs = files.length === 0 ? ['-'] : files;
      // Open every file first, so an unreadable one fails before any output.
      const streams: { name: string | undefined; stream: AsyncIterable<Uint8Array> }[] = [];
      for (const file of inputs) {
        streams.push(file === '-' ? { name: files.length > 0 ? '<stdin>' : undefined, stream: io.stdin } : { name: file, stream: await openInput(file) });
      }
      if (inputs.includes('-') && io.stdin.isTTY === true && !json) {
        io.stderr.write("goproxy-doctor: reading go's output from the terminal; paste it and press Ctrl-D (or pipe it: go build 2>&1 | goproxy-doctor explain)\n");
      }
      for (const { name, stream } of streams) {
        for await (const block of readBlocks(stream)) collector.add(block, name);
      }
      const result = collector.result();
      io.stdout.write(
        json
          ? `${JSON.stringify(buildExplainJson(result), null, 2)}\n`
          : renderExplainHuman(result, { chalk, scenario: (id) => findScenario(id) }),
      );
      for (const error of result.errors) io.stderr.write(`goproxy-doctor: scenario error: ${stripControlCharacters(error)}\n`);
      context.setExitCode(result.diagnoses.some((diagnosis) => !diagnosis.alternative) ? ExitCode.problemsFound : ExitCode.ok);
    });
}
