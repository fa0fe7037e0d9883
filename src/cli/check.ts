/**
 * `goproxy-doctor check`: probes every GOPROXY entry, the checksum database and any toolchain download
 * the way `go` would reach them, and reports configuration and network findings with ranked fixes.
 * Exit code: 0 healthy, 1 an error finding (or a warning with --strict / --fail-on warning).
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { DEFAULT_TIMEOUT_MS, FINDING_GROUPS, type CheckReport, type FindingGroup } from '../check/types.js';
import { DoctorError, ExitCode } from '../errors.js';
import type { OutputStream } from '../io.js';
import { safeText } from '../redact.js';
import { shouldUseGithubFormat } from '../report/github-format.js';
import { terminalWidth, type CliContext } from './context.js';
import type { RouteTarget } from '../goenv/targets.js';
import { t } from '../i18n/language.js';

/** When `check` exits 1: on errors (default), on warnings too, or never. */
export type FailOn = 'error' | 'warning' | 'never';

interface CheckFlags {
  json?: boolean;
  offline?: boolean;
  withGo?: boolean;
  timeout?: string;
  module?: string[];
  strict?: boolean;
  failOn?: string;
  format?: string;
  only?: string;
  skip?: string;
}

/** The longest --timeout accepted: ten minutes. */
export const MAX_TIMEOUT_MS = 600_000;

/** Parses `--timeout <ms>`: a whole number of milliseconds, 1 to 600000. */
export function parseTimeout(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUT_MS;
  if (!/^[0-9]+$/.test(value.trim())) throw new DoctorError('usage', t`--timeout must be a whole number of milliseconds, got ${JSON.stringify(safeText(value))}`);
  const ms = Number(value.trim());
  if (ms < 1 || ms > MAX_TIMEOUT_MS) throw new DoctorError('usage', t`--timeout must be between 1 and ${MAX_TIMEOUT_MS} milliseconds, got ${ms}`);
  return ms;
}

/** Parses a comma-separated list of finding groups (`config,proxy`). */
export function parseGroups(flag: string, value: string): FindingGroup[] {
  const names = value.split(',').map((n) => n.trim()).filter((n) => n !== '');
  if (names.length === 0) throw new DoctorError('usage', t`${flag} needs at least one of: ${FINDING_GROUPS.join(', ')}`);
  const groups: FindingGroup[] = [];
  for (const name of names) {
    const group = FINDING_GROUPS.find((g) => g === name);
    if (!group) throw new DoctorError('usage', t`${flag}: unknown group ${JSON.stringify(safeText(name))} (use ${FINDING_GROUPS.join(', ')})`);
    if (!groups.includes(group)) groups.push(group);
  }
  return groups;
}

/** The groups a run reports: --only narrows, --skip removes. */
export function selectGroups(only: string | undefined, skip: string | undefined): FindingGroup[] {
  let groups = only !== undefined ? parseGroups('--only', only) : [...FINDING_GROUPS];
  if (skip !== undefined) {
    const skipped = parseGroups('--skip', skip);
    groups = groups.filter((g) => !skipped.includes(g));
  }
  if (groups.length === 0) throw new DoctorError('usage', t`--only and --skip leave no group to check`);
  return FINDING_GROUPS.filter((g) => groups.includes(g));
}

/** Decides the --fail-on level, with --strict meaning `warning`. */
export function parseFailOn(failOn: string | undefined, strict: boolean): FailOn {
  if (failOn !== undefined && !['error', 'warning', 'never'].includes(failOn)) {
    throw new DoctorError('usage', t`--fail-on must be error, warning or never, got ${JSON.stringify(safeText(failOn))}`);
  }
  if (strict) {
    if (failOn !== undefined && failOn !== 'warning') throw new DoctorError('usage', t`--strict means --fail-on warning; it cannot be combined with --fail-on ${failOn}`);
    return 'warning';
  }
  return (failOn as FailOn | undefined) ?? 'error';
}

/** The exit code for a set of findings under a --fail-on level. */
export function exitCodeFor(summary: { errors: number; warnings: number }, failOn: FailOn): number {
  if (failOn === 'never') return ExitCode.ok;
  if (summary.errors > 0) return ExitCode.problemsFound;
  if (failOn === 'warning' && summary.warnings > 0) return ExitCode.problemsFound;
  return ExitCode.ok;
}

/** Whether a spinner may run: an interactive stderr outside CI, on a terminal that can move the cursor. */
export function spinnerAllowed(stderr: OutputStream, env: Readonly<Record<string, string | undefined>>): boolean {
  if (!stderr.isTTY) return false;
  const ci = env.CI;
  if (ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0') return false;
  return env.TERM !== 'dumb';
}

/** The minimum of a writable stream ora needs, over an `OutputStream`, with ANSI cursor movement. */
function terminalStream(out: OutputStream): NodeJS.WritableStream {
  const stream = {
    isTTY: true,
    // ora divides by the width: a terminal reporting 0 (some `docker exec -t` and CI ptys), NaN or a
    // negative number made it redraw for ever, so only a usable width gets through.
    get columns() {
      return terminalWidth(out) ?? 80;
    },
    write(text: string | Uint8Array): boolean {
      out.write(typeof text === 'string' ? text : Buffer.from(text).toString('utf8'));
      return true;
    },
    cursorTo(x: number): boolean {
      out.write(`\u001b[${x + 1}G`);
      return true;
    },
    moveCursor(dx: number, dy: number): boolean {
      if (dx !== 0) out.write(dx > 0 ? `\u001b[${dx}C` : `\u001b[${-dx}D`);
      if (dy !== 0) out.write(dy > 0 ? `\u001b[${dy}B` : `\u001b[${-dy}A`);
      return true;
    },
    clearLine(dir: number): boolean {
      out.write(dir < 0 ? '\u001b[1K' : dir > 0 ? '\u001b[0K' : '\u001b[2K');
      return true;
    },
  };
  return stream as unknown as NodeJS.WritableStream;
}

interface Spinner {
  update(text: string): void;
  stop(): void;
}

async function startSpinner(out: OutputStream): Promise<Spinner> {
  const { default: ora } = await import('ora');
  const spinner = ora({ text: t`Checking…`, stream: terminalStream(out), isEnabled: true, discardStdin: false, hideCursor: false }).start();
  return {
    update: (text) => {
      spinner.text = text;
    },
    stop: () => {
      spinner.stop();
    },
  };
}

/** Parses one `--module M[@V]`; a version go could not put in a URL is a usage error. */
export async function parseModuleFlag(arg: string): Promise<RouteTarget> {
  const { parseRouteArgument } = await import('../goenv/targets.js');
  const { escapeVersion, queryStatsDirectly } = await import('../goenv/modulepath.js');
  const target = parseRouteArgument(arg);
  if (target.version !== undefined && queryStatsDirectly(target.version)) {
    try {
      escapeVersion(target.version);
    } catch (error) {
      throw new DoctorError('usage', `--module ${safeText(arg)}: ${error instanceof Error ? safeText(error.message) : t`invalid version`}`);
    }
  }
  return target;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** In GitHub Actions (or with --format github): workflow annotations, and the findings in the step summary. */
async function emitGithubOutput(context: CliContext, report: CheckReport, flags: CheckFlags): Promise<void> {
  const { io } = context;
  if (!shouldUseGithubFormat(io.env, flags.format)) return;
  const github = await import('../report/github.js');
  const { findScenario } = await import('../scenarios/index.js');
  // Annotations stay off a JSON stdout; the runner reads workflow commands from both streams.
  (flags.json ? io.stderr : io.stdout).write(github.githubAnnotationsForFindings(report.findings));
  const markdown = github.stepSummaryMarkdown({ title: 'goproxy-doctor check', findings: report.findings, scenario: findScenario });
  try {
    await github.writeStepSummary(io.env, markdown, io.appendTextFile);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    io.stderr.write(`goproxy-doctor: ${t`could not write the step summary: ${safeText(reason)}`}\n`);
  }
}

/** Registers the `check` command. */
export function registerCheckCommand(program: Command, context: CliContext): void {
  program
    .command('check')
    .description(t`probe every GOPROXY entry, the checksum database and toolchain downloads the way go would, and report what would fail and how to fix it`)
    .option('--json', t`print JSON (schemaVersion 1) instead of text`)
    .option('--offline', t`only check the configuration; make no network request`)
    .option('--with-go', t`also run the real go mod download -x -json for the modules checked (throw-away module cache) and report where go differs`)
    .option('--timeout <ms>', t`one deadline for the run, in milliseconds: every probe ends by then (default ${DEFAULT_TIMEOUT_MS})`)
    .option('--module <module[@version]>', t`a module to check (repeatable; default: the requirements of ./go.mod)`, collect)
    .option('--strict', t`exit 1 on warnings too (same as --fail-on warning)`)
    .addOption(new Option('--fail-on <level>', t`exit 1 on: error (default), warning, never`))
    .option('--only <groups>', t`report only these groups (comma-separated: ${FINDING_GROUPS.join(', ')})`)
    .option('--skip <groups>', t`leave out these groups (comma-separated)`)
    .addOption(new Option('--format <format>', t`also emit GitHub workflow annotations and a step summary (github); default when GITHUB_ACTIONS=true`).choices(['human', 'github']))
    .addHelpText(
      'after',
      `
${t`Examples:`}
  goproxy-doctor check                               # ${t`the requirements of ./go.mod, through every GOPROXY entry`}
  goproxy-doctor check --quiet                       # ${t`only errors, warnings and the summary line`}
  goproxy-doctor check --verbose                     # ${t`also every request with its URL and phase timings`}
  goproxy-doctor check --module golang.org/x/text@v0.14.0 --timeout 5000
  goproxy-doctor check --offline --only config       # ${t`configuration only, no request`}
  goproxy-doctor check --with-go                     # ${t`also ask the real go (throw-away module cache) and compare`}
  goproxy-doctor check --json --fail-on never | jq '.findings[].id'

${t`Exit codes: 0 nothing at the --fail-on level, 1 an error finding (or a warning with --strict / --fail-on warning),
2 usage error or goproxy-doctor itself failed, 3 go env could not be read.
The spinner is drawn on stderr only when stderr is a terminal and CI is not set; --json writes only JSON to stdout.`}`,
    )
    .action(async (flags: CheckFlags) => {
      const { io } = context;
      // Bad flags are reported before go runs, so they never depend on the toolchain.
      const timeoutMs = parseTimeout(flags.timeout);
      const failOn = parseFailOn(flags.failOn, flags.strict === true);
      const groups = selectGroups(flags.only, flags.skip);
      if (flags.withGo && flags.offline) throw new DoctorError('usage', t`--with-go downloads modules, so it cannot be combined with --offline`);
      const modules: RouteTarget[] = [];
      for (const arg of flags.module ?? []) modules.push(await parseModuleFlag(arg));

      // The probes, the catalogue and the renderers load only now, so `--version` and other commands stay fast.
      // One at a time: Jest's ESM loader fails on concurrent imports that share dependencies.
      const { runCheck } = await import('../check/run-check.js');
      const { buildCheckJson, renderCheckHuman, summarize } = await import('../report/check.js');
      // --quiet means problems only: no progress either.
      const spinner = spinnerAllowed(io.stderr, io.env) && context.globals().verbosity !== 'quiet' ? await startSpinner(io.stderr) : undefined;
      let report: CheckReport;
      try {
        report = await runCheck(io, {
          goBinary: context.globals().go,
          offline: flags.offline === true,
          withGo: flags.withGo === true,
          timeoutMs,
          modules,
          groups,
          ...(spinner ? { onProgress: (text: string) => spinner.update(text) } : {}),
        });
      } finally {
        spinner?.stop();
      }
      if (flags.json) io.stdout.write(`${JSON.stringify(buildCheckJson(report), null, 2)}\n`);
      else io.stdout.write(renderCheckHuman(report, context.style(), { verbosity: context.globals().verbosity, width: context.wrapWidth() }));
      await emitGithubOutput(context, report, flags);
      context.setExitCode(exitCodeFor(summarize(report.findings), failOn));
    });
}
