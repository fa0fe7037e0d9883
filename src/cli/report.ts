/**
 * `goproxy-doctor report [--output FILE] [--log FILE]`: one redacted Markdown document to paste into an
 * issue: tool and Go versions, `env` with origins, routes for go.mod's requirements, `check` results
 * and, with `--log`, the diagnosis of a build log. A section that cannot be gathered (go missing, no
 * go.mod) says why instead of failing the whole report. Heavy modules load only when this runs.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { NOT_REGULAR_FILE, checkRegularFile, writeRegularFile } from '../bounded-file.js';
import type { CheckOptions } from '../check/run-check.js';
import type { CheckReport } from '../check/types.js';
import { DoctorError, ExitCode, isErrnoException } from '../errors.js';
import type { OpenInput } from '../explain/input.js';
import type { GoEnvironment } from '../goenv/types.js';
import type { Io } from '../io.js';
import { stripControlCharacters } from '../redact.js';
import type { Gathered, ReportInput } from '../report/markdown.js';
import { VERSION } from '../version.js';
import type { CliContext } from './context.js';
import { t } from '../i18n/language.js';

/** Writes the report file; `exclusive` refuses to replace an existing file (it rejects with EEXIST). */
export type WriteReportFile = (file: string, text: string, options: { exclusive: boolean }) => Promise<void>;

/**
 * The default writer: an exclusive create fails if the name exists in any form, so nothing is ever
 * overwritten by accident; with --force only a regular file is replaced (a FIFO or device is refused
 * without blocking on it).
 */
export const writeReportFileToDisk: WriteReportFile = (file, text, options) => writeRegularFile(file, text, options);

/** Seams of the report command that tests may replace. */
export interface ReportDependencies {
  writeFile?: WriteReportFile;
  /** Runs `check`; defaults to runCheck from src/check/run-check.ts. */
  runCheck?: (io: Io, options: CheckOptions) => Promise<CheckReport>;
  /** Opens the `--log` file; defaults to reading from disk relative to `io.cwd`. */
  openInput?: OpenInput;
  /** The Node.js version and CPU architecture shown in the header. */
  runtime?: { nodeVersion: string; arch: string };
}

/** Requirements routed at most; a report with hundreds of route blocks helps nobody. */
export const MAX_ROUTED_REQUIREMENTS = 50;

// Environment variables whose values are credentials by their name (CI tokens, cloud keys).
const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?|AUTH)$/i;
const MIN_ENV_SECRET_LENGTH = 8;

/** Values of environment variables named like secrets (GITHUB_TOKEN, NPM_TOKEN, AWS_SECRET_ACCESS_KEY, ...). */
export function secretLookingEnvValues(env: Readonly<Record<string, string | undefined>>): string[] {
  const values = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || value.length < MIN_ENV_SECRET_LENGTH) continue;
    if (SECRET_NAME.test(name)) values.add(value);
  }
  return [...values];
}

function reasonOf(error: unknown): string {
  return stripControlCharacters(error instanceof Error ? error.message : String(error));
}

/**
 * Refuses an existing --output target before any slow work, learning that it exists from `stat`
 * alone (never by reading it); the exclusive write at the end closes the race. With --force only a
 * regular file may be replaced.
 */
async function assertWritable(io: Io, file: string, force: boolean): Promise<void> {
  const target = await checkRegularFile(path.resolve(io.cwd, file));
  if (!target.ok && (target.code === 'ENOENT' || target.code === 'ENOTDIR')) return;
  if (!force) throw new DoctorError('usage', t`${stripControlCharacters(file)} already exists; use --force to overwrite it`);
  if (!target.ok || target.isNullDevice) {
    const reason = !target.ok && target.code !== NOT_REGULAR_FILE ? target.message : t`not a regular file`;
    throw new DoctorError('usage', t`cannot write ${stripControlCharacters(file)}: ${reason}`);
  }
}

interface ReportFlags {
  output?: string;
  force?: boolean;
  log?: string;
  offline?: boolean;
  timeout?: string;
}

/** Gathers every section (each failure becomes that section's text) and renders the document. */
async function buildReport(context: CliContext, flags: ReportFlags, dependencies: ReportDependencies): Promise<string> {
  const { io } = context;
  const goBinary = context.globals().go;
  // One at a time: Jest's ESM loader fails on concurrent imports that share dependencies.
  const { resolveGoEnvironment } = await import('../goenv/resolve.js');
  const { readGoModTargets, routeSettingsFrom } = await import('../goenv/targets.js');
  const { computeRoute } = await import('../goenv/route.js');
  const { renderReportMarkdown } = await import('../report/markdown.js');
  const { parseTimeout } = await import('./check.js');
  const timeoutMs = parseTimeout(flags.timeout);

  // Open the log first: an unreadable --log is bad input and fails before any other work.
  let logStream: AsyncIterable<Uint8Array> | undefined;
  if (flags.log !== undefined) {
    const openInput = dependencies.openInput ?? (await import('../explain/input.js')).fileOpener(io.cwd);
    logStream = await openInput(flags.log);
  }

  let env: Gathered<GoEnvironment>;
  try {
    env = { ok: true, value: await resolveGoEnvironment(io, goBinary) };
  } catch (error) {
    env = { ok: false, reason: reasonOf(error) };
  }

  let routes: ReportInput['routes'];
  if (!env.ok) {
    routes = { ok: false, reason: t`Not computed: the Go environment could not be read.` };
  } else {
    try {
      const targets = await readGoModTargets(io);
      const settings = routeSettingsFrom(env.value);
      const routed = targets.slice(0, MAX_ROUTED_REQUIREMENTS).map((target) => computeRoute(settings, target.path, target.version));
      routes = { ok: true, value: { routes: routed, omitted: Math.max(0, targets.length - MAX_ROUTED_REQUIREMENTS) } };
    } catch (error) {
      const noGoMod = error instanceof DoctorError && error.code === 'gomod-unreadable';
      routes = { ok: false, reason: noGoMod ? t`No routes: ${reasonOf(error)}` : t`Could not compute routes: ${reasonOf(error)}` };
    }
  }

  let check: Gathered<CheckReport>;
  if (!env.ok) {
    check = { ok: false, reason: t`Not run: the Go environment could not be read.` };
  } else {
    try {
      const run = dependencies.runCheck ?? (await import('../check/run-check.js')).runCheck;
      check = { ok: true, value: await run(io, { goBinary, offline: flags.offline === true, timeoutMs }) };
    } catch (error) {
      check = { ok: false, reason: t`check failed: ${reasonOf(error)}` };
    }
  }

  const { findScenario } = await import('../scenarios/index.js');
  const netrcModule = await import('../probe/netrc.js');
  const { knownSecretForms } = await import('../report/known-secrets.js');
  const scenario = (id: string) => findScenario(id);

  let explain: ReportInput['explain'];
  if (flags.log !== undefined && logStream !== undefined) {
    const { DiagnosisCollector } = await import('../explain/engine.js');
    const collector = new DiagnosisCollector(env.ok ? { env: env.value } : {});
    await collector.addStream(logStream, flags.log);
    explain = { file: flags.log, result: collector.result() };
  }

  // Every secret in play: .netrc and URL passwords (as check collects them) and secret-looking variables.
  const netrcRead = await netrcModule.readNetrcFile(path.resolve(io.cwd, netrcModule.netrcPath(io.env, io.homedir, io.platform)));
  const netrc = netrcRead.found ? netrcRead.entries : [];
  const secrets = new Set<string>(secretLookingEnvValues(io.env));
  for (const form of knownSecretForms(env.ok ? env.value : undefined, netrc, io.env)) secrets.add(form);

  const runtime = dependencies.runtime ?? { nodeVersion: process.version, arch: process.arch };
  return renderReportMarkdown({
    toolVersion: VERSION,
    nodeVersion: runtime.nodeVersion,
    platform: io.platform,
    arch: runtime.arch,
    generatedAt: new Date(io.now()).toISOString(),
    cwd: io.cwd,
    homedir: io.homedir,
    env,
    routes,
    check,
    ...(explain ? { explain } : {}),
    scenario,
    knownSecrets: [...secrets],
  });
}

/** The help after the options, in the output language. */
function help(): string {
  return `
${t`Examples:`}
  goproxy-doctor report > report.md
  goproxy-doctor report --log build.log --output report.md
  goproxy-doctor report --offline            # ${t`no requests, configuration only`}

${t`URL passwords, .netrc passwords, Authorization values, token query parameters and the values of
environment variables named like secrets (…_TOKEN, …_SECRET, …_PASSWORD) are replaced by xxxxx.
Review the report before posting it anyway.`}

${t`Exit codes: 0 report written (whatever it found), 2 usage error or --output exists (use --force),
5 the --log file is unreadable.`}
`;
}

/** Registers the `report` command. */
export function registerReportCommand(program: Command, context: CliContext, dependencies: ReportDependencies = {}): void {
  program
    .command('report')
    .description(t`write one redacted Markdown report (versions, env, routes, check, log diagnosis) to paste into an issue`)
    .option('-o, --output <file>', t`write the report to this file instead of stdout`)
    .option('--force', t`overwrite --output if it exists`)
    .option('--log <file>', t`include the diagnosis of this build log`)
    .option('--offline', t`run check without network requests`)
    .option('--timeout <ms>', t`deadline for check requests, in milliseconds`)
    .addHelpText('after', help())
    .action(async (flags: ReportFlags) => {
      const { io } = context;
      if (flags.force && flags.output === undefined) throw new DoctorError('usage', t`--force only applies with --output`);
      if (flags.output !== undefined) await assertWritable(io, flags.output, flags.force === true);
      const markdown = await buildReport(context, flags, dependencies);
      if (flags.output === undefined) {
        io.stdout.write(markdown);
      } else {
        const target = path.resolve(io.cwd, flags.output);
        try {
          await (dependencies.writeFile ?? writeReportFileToDisk)(target, markdown, { exclusive: flags.force !== true });
        } catch (error) {
          if (isErrnoException(error) && error.code === 'EEXIST') {
            throw new DoctorError('usage', t`${stripControlCharacters(flags.output)} already exists; use --force to overwrite it`);
          }
          const reason = isErrnoException(error) ? (error.code === NOT_REGULAR_FILE ? t`not a regular file` : error.code) : reasonOf(error);
          throw new DoctorError('usage', t`cannot write ${stripControlCharacters(flags.output)}: ${reason}`);
        }
        io.stderr.write(`goproxy-doctor: ${t`wrote the report to ${stripControlCharacters(flags.output)}`}\n`);
      }
      context.setExitCode(ExitCode.ok);
    });
}
