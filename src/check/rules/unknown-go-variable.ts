/**
 * unknown-go-variable: a `GO*` name in the OS environment or the `go env -w` file that Go never reads, close to
 * one it does (`GO_PROXY`, `GOPROXYS`, `goproxy` → GOPROXY; `GONOSUMCHECK` → GONOSUMDB). cmd/go looks up only the
 * names it knows (go1.26 src/internal/cfg/cfg.go:12-74, src/cmd/go/internal/cfg/cfg.go:428-453), so the
 * setting silently does nothing. In the go env file a line not starting with A-Z is skipped outright
 * (go1.26 src/cmd/go/internal/cfg/cfg.go:399). A name close to none is left alone: it is some other
 * program's variable.
 */
import { adviceFix, type Fix } from '../../fix.js';
import { GO_VARIABLES } from '../../goenv/origin.js';
import { isKnownGoName, probablyMeant } from '../go-variable-names.js';
import type { CheckInput, CheckRule } from '../rule.js';
import { makeFinding, valueEvidence } from '../rule-kit.js';
import type { Finding } from '../types.js';
import { t } from '../../i18n/language.js';

/** The variables that decide how modules are fetched: a misspelling of one of them changes a download. */
const FETCH_VARIABLES: ReadonlySet<string> = new Set<string>(GO_VARIABLES);

// A name a POSIX shell can expand as `$NAME`.
const SHELL_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export const unknownGoVariable: CheckRule = {
  id: 'unknown-go-variable',
  group: 'config',
  severity: 'warning',
  get summary() {
    return t`A GO* variable Go does not know, probably a misspelling of one it does.`;
  },
  detect(input) {
    const { env } = input;
    const out: Finding[] = [];
    const windows = input.platform === 'win32';
    // Environment names are case-insensitive on Windows, so `goproxy` there is GOPROXY.
    for (const name of new Set(input.osEnvironmentNames ?? [])) {
      if (isKnownGoName(name, { caseInsensitive: windows })) continue;
      const meant = probablyMeant(name);
      if (meant === undefined || (windows && meant === name.toUpperCase())) continue;
      const fixes: Fix[] = [
        adviceFix(
          'variable-rename',
          t`Set ${meant} instead of ${name} where it is set (shell profile, CI variables, Dockerfile ENV): go reads only the names it knows, spelt exactly.`,
          SHELL_NAME.test(name) && !windows ? `export ${meant}="$${name}" && unset ${name}` : undefined,
        ),
      ];
      out.push(finding(input, meant, t`${name} is set in the OS environment, but Go reads no variable of that name, so it changes nothing: it looks like ${meant}.`, fixes, t`${name} (set in the OS environment)`));
    }
    const file = env.goEnvJson.GOENV ?? env.variables.GOENV?.value ?? t`the go env file`;
    for (const name of new Set(input.goenvFileNames ?? [])) {
      if (isKnownGoName(name)) continue;
      const meant = probablyMeant(name);
      if (meant === undefined) continue;
      const skipped = !/^[A-Z]/.test(name);
      const message = skipped
        ? t`${file} has a line setting ${name}, which go skips because it does not start with a capital letter: it looks like ${meant}.`
        : t`${file} sets ${name}, which Go never reads, so it changes nothing: it looks like ${meant}.`;
      const fixes: Fix[] = [
        adviceFix(
          'variable-rename',
          skipped
            ? t`Set ${meant} with \`go env -w ${meant}=<value>\` and delete the ${name} line from ${file}.`
            : t`Set ${meant} with \`go env -w ${meant}=<value>\`, then remove ${name}: the command deletes its line from ${file}.`,
          skipped ? undefined : `go env -u ${name}`,
        ),
      ];
      out.push(finding(input, meant, message, fixes, t`${name} (in ${file})`));
    }
    return out;
  },
};

function finding(input: CheckInput, meant: string, message: string, fixes: Fix[], where: string): Finding {
  const { env } = input;
  const evidence = [where];
  // What go uses for the variable that was probably meant: often its default, which the misspelling did not change.
  if (env.variables[meant] !== undefined || env.goEnvJson[meant] !== undefined) evidence.push(valueEvidence(env, meant));
  return makeFinding({
    id: 'unknown-go-variable',
    rule: 'unknown-go-variable',
    severity: FETCH_VARIABLES.has(meant) ? 'warning' : 'info',
    group: 'config',
    message,
    evidence,
    fixes,
  });
}
