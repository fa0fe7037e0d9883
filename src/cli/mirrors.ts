/**
 * `goproxy-doctor mirrors`: measures public module mirrors (the built-in list, or a --list file, plus any
 * --add URL) the way go reaches them, ranks them and prints the GOPROXY line it recommends.
 * Exit code: 0 when at least one mirror answered, 1 when none did.
 */
import type { Command } from 'commander';
import { DEFAULT_TIMEOUT_MS } from '../check/types.js';
import { DoctorError, ExitCode, describeErrno } from '../errors.js';
import { safeText } from '../redact.js';
import { parseTimeout } from './check.js';
import type { CliContext } from './context.js';
import { t } from '../i18n/language.js';

interface MirrorsFlags {
  json?: boolean;
  timeout?: string;
  add?: string[];
  list?: string;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Registers the `mirrors` command. */
export function registerMirrorsCommand(program: Command, context: CliContext): void {
  program
    .command('mirrors')
    .description(t`measure public Go module mirrors (availability, latency, checksum-database proxying, freshness), rank them and recommend a GOPROXY`)
    .option('--json', t`print JSON (schemaVersion 1) instead of text`)
    .option('--timeout <ms>', t`one deadline for every request, in milliseconds (default ${DEFAULT_TIMEOUT_MS})`)
    .option('--add <url>', t`also measure this proxy (repeatable; a GOPROXY entry: https://, http:// or file://)`, collect)
    .option('--list <file>', t`measure the mirrors of this JSON file instead of the built-in list: ${'{"mirrors": [{"url": "..."}], "modules": ["..."]}'} (for tests and other sets of proxies)`)
    .addHelpText(
      'after',
      `
${t`Examples:`}
  goproxy-doctor mirrors                                   # goproxy.cn, goproxy.io, proxy.golang.org, ...
  goproxy-doctor mirrors --add https://athens.corp.example  # ${t`and your own proxy`}
  goproxy-doctor mirrors --json | jq '.recommendation'

${t`Each mirror is asked for the @latest of a few well-known modules (latency: the median of those requests)
and whether it proxies the checksum database GOSUMDB names. No credentials are sent. The recommended
GOPROXY keeps GOPRIVATE and GONOPROXY as they are, so private modules never go to these mirrors.
Exit codes: 0 at least one mirror answered, 1 none did, 2 usage error, 3 go env could not be read,
5 the --list file could not be read.`}`,
    )
    .action(async (flags: MirrorsFlags) => {
      const { io } = context;
      const timeoutMs = parseTimeout(flags.timeout);
      const { candidateFor, mirrorUrl, parseMirrorList } = await import('../mirrors/candidates.js');
      const added = (flags.add ?? []).map((raw) => {
        const parsed = mirrorUrl(raw);
        if (!parsed.ok) throw new DoctorError('usage', `--add ${safeText(raw)}: ${safeText(parsed.error)}`);
        return candidateFor(parsed.url, 'added');
      });
      let list;
      if (flags.list !== undefined) {
        const read = await io.readTextFile(flags.list);
        if (!read.ok) throw new DoctorError('input-unreadable', `--list ${safeText(flags.list)}: ${describeErrno(read.code)}`);
        const parsed = parseMirrorList(read.text);
        if (!parsed.ok) throw new DoctorError('usage', `--list ${safeText(flags.list)}: ${safeText(parsed.error)}`);
        list = parsed.list;
      }
      const { runMirrors } = await import('../mirrors/run-mirrors.js');
      const { buildMirrorsJson, renderMirrorsHuman } = await import('../report/mirrors.js');
      const report = await runMirrors(io, { goBinary: context.globals().go, timeoutMs, added, ...(list ? { list } : {}) });
      if (flags.json) io.stdout.write(`${JSON.stringify(buildMirrorsJson(report), null, 2)}\n`);
      else io.stdout.write(renderMirrorsHuman(report, context.style(), { verbosity: context.globals().verbosity, width: context.wrapWidth() }));
      context.setExitCode(report.ranked.some((m) => m.available) ? ExitCode.ok : ExitCode.problemsFound);
    });
}
