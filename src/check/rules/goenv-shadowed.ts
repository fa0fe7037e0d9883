/**
 * goenv-shadowed: a `go env -w` value that the OS environment overrides, so the file's value is never
 * used (go1.26 src/cmd/go/internal/cfg/cfg.go:428-443 reads the OS environment first).
 */
import { adviceFix } from '../../fix.js';
import { goQuote } from '../../goenv/go-text.js';
import { SHADOWED_NOTE_PREFIX } from '../../goenv/types.js';
import type { CheckRule } from '../rule.js';
import { makeFinding, valueEvidence } from '../rule-kit.js';
import { fixesFor } from '../scenario-call.js';
import type { Finding } from '../types.js';
import { t } from '../../i18n/language.js';

export const goenvShadowed: CheckRule = {
  id: 'goenv-shadowed',
  group: 'config',
  severity: 'warning',
  get summary() {
    return t`A go env -w value is shadowed by the OS environment.`;
  },
  detect(input) {
    const { env } = input;
    const out: Finding[] = [];
    for (const [name, info] of Object.entries(env.variables)) {
      const notes = info.notes.filter((n) => n.startsWith(SHADOWED_NOTE_PREFIX));
      if (notes.length === 0) continue;
      out.push(
        makeFinding({
          id: 'proxy-config-invalid',
          rule: 'goenv-shadowed',
          severity: 'warning',
          group: 'config',
          message: t`${name} from \`go env -w\` is shadowed by the OS environment: go uses ${goQuote(info.value)}, not the file's value.`,
          evidence: [valueEvidence(env, name), ...notes],
          fixes: [
            ...fixesFor({ scenario: 'proxy-config-invalid', fields: {}, details: { kind: 'shadowed', variable: name } }, env),
            adviceFix('goenv-file-unset', t`Or, if the OS environment value is the one you want, drop the stale file value.`, `go env -u ${name}`),
          ],
        }),
      );
    }
    return out;
  },
};
