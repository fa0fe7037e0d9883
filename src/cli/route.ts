/**
 * `goproxy-doctor route [module[@version]...] [--json]`: for each module, the places `go` tries in order
 * and how the checksum database is consulted. With no module, every requirement of ./go.mod (read as
 * text, so nothing is downloaded).
 */
import type { Command } from 'commander';
import { ExitCode } from '../errors.js';
import type { Route } from '../goenv/route.js';
import type { CliContext } from './context.js';
import { t } from '../i18n/language.js';

/** Registers the `route` command. */
export function registerRouteCommand(program: Command, context: CliContext): void {
  program
    .command('route')
    .description(t`show the exact sequence of proxies, direct and off that go tries for each module, and how the checksum database is reached`)
    .argument('[modules...]', t`module[@version] to route (default: every requirement of ./go.mod)`)
    .option('--json', t`print JSON (schemaVersion 1) instead of text`)
    .addHelpText(
      'after',
      `
${t`Examples:`}
  goproxy-doctor route                                   # ${t`every requirement of ./go.mod`}
  goproxy-doctor route golang.org/x/text@v0.14.0
  GOPRIVATE='github.com/acme/*' goproxy-doctor route github.com/acme/private@v1.2.0
  goproxy-doctor route --json example.com/mod | jq '.routes[0].steps'

${t`Nothing is downloaded: go.mod is read as text and no request is sent.`}
${t`Exit codes: 0 printed, 2 usage error (bad module path or version), 3 go env could not be read,
4 GOPROXY/GOSUMDB is invalid, 5 ./go.mod could not be read.`}`,
    )
    .action(async (modules: string[], options: { json?: boolean }) => {
      const { io } = context;
      // Loaded here rather than at start-up, so other commands and --version stay fast.
      const { parseRouteArgument, readGoModTargets, routeSettingsFrom } = await import('../goenv/targets.js');
      const { resolveGoEnvironment } = await import('../goenv/resolve.js');
      const { computeRoute } = await import('../goenv/route.js');
      const { buildRouteJson, renderRoutesHuman } = await import('../report/route.js');
      // Bad arguments are reported before go runs, so they never depend on the toolchain.
      const targets = modules.length > 0 ? modules.map(parseRouteArgument) : await readGoModTargets(io);
      const env = await resolveGoEnvironment(io, context.globals().go);
      const settings = routeSettingsFrom(env);
      const routes: Route[] = targets.map((target) => computeRoute(settings, target.path, target.version));
      if (options.json) io.stdout.write(`${JSON.stringify(buildRouteJson(routes, env.goVersion), null, 2)}\n`);
      else io.stdout.write(renderRoutesHuman(routes, context.style(), { verbosity: context.globals().verbosity, width: context.wrapWidth() }));
      context.setExitCode(ExitCode.ok);
    });
}
