/** `goproxy-doctor env [--json]`: every module-fetching variable with its value, origin and notes. */
import type { Command } from 'commander';
import { ExitCode } from '../errors.js';
import type { CliContext } from './context.js';
import { t } from '../i18n/language.js';

/** Registers the `env` command. */
export function registerEnvCommand(program: Command, context: CliContext): void {
  program
    .command('env')
    .description(t`show each Go module-fetching variable, its effective value and where it came from`)
    .option('--json', t`print JSON (schemaVersion 1) instead of text`)
    .addHelpText(
      'after',
      `
${t`Examples:`}
  goproxy-doctor env                      # ${t`every variable, its value, its origin and notes`}
  goproxy-doctor env --quiet              # ${t`values and origins only, no notes`}
  goproxy-doctor --go /usr/lib/go-1.21/bin/go env   # ${t`as another toolchain sees it`}
  goproxy-doctor env --json | jq -r '.variables.GOPROXY.origin'

${t`Exit codes: 0 printed, 2 usage error, 3 go env could not be read, 4 the GOENV file is unreadable or
GOPROXY/GOSUMDB is invalid (the table is printed first, then the error).`}`,
    )
    .action(async (options: { json?: boolean }) => {
      const { io } = context;
      // Loaded here rather than at start-up, so other commands and --version stay fast.
      const { resolveGoEnvironment } = await import('../goenv/resolve.js');
      const { buildEnvJson, renderEnvHuman } = await import('../report/env.js');
      const env = await resolveGoEnvironment(io, context.globals().go);
      if (options.json) io.stdout.write(`${JSON.stringify(buildEnvJson(env), null, 2)}\n`);
      else io.stdout.write(renderEnvHuman(env, context.style(), { verbosity: context.globals().verbosity, width: context.wrapWidth() }));
      // The table is the diagnosis, so it is printed even for a broken configuration; cmd/go would
      // reject these values at the first download, so the run still fails with their error.
      const { routeSettingsFrom } = await import('../goenv/targets.js');
      const { goSumDbOrThrow, proxySpecsOrThrow } = await import('../goenv/route.js');
      const settings = routeSettingsFrom(env);
      proxySpecsOrThrow(settings);
      goSumDbOrThrow(settings);
      context.setExitCode(ExitCode.ok);
    });
}
