/**
 * goflags-insecure: `-insecure` in GOFLAGS. It was removed from `go get`, which now fails with
 * "-insecure flag is no longer supported; use GOINSECURE instead" (go1.26 src/cmd/go/internal/modget/get.go:299).
 */
import { setVariableFix, unsetVariableFix } from '../../fix.js';
import { looksPrivateModule } from '../../goenv/private-hints.js';
import type { CheckRule } from '../rule.js';
import { makeFinding, neededModules, valueEvidence } from '../rule-kit.js';
import { fixesFor } from '../scenario-call.js';
import { t } from '../../i18n/language.js';

/** go's words when GOFLAGS holds -insecure (go1.26 src/cmd/go/internal/modget/get.go:299). */
const INSECURE_REMOVED = '-insecure flag is no longer supported; use GOINSECURE instead';

export const goflagsInsecure: CheckRule = {
  id: 'goflags-insecure',
  group: 'config',
  severity: 'warning',
  get summary() {
    return t`GOFLAGS holds -insecure, which makes go get fail.`;
  },
  detect(input) {
    const { env } = input;
    const goflags = env.variables.GOFLAGS?.value ?? env.goEnvJson.GOFLAGS ?? '';
    const flags = goflags.split(/\s+/).filter((f) => f !== '');
    const insecure = flags.filter((f) => /^--?insecure(=.*)?$/.test(f));
    if (insecure.length === 0) return [];
    const rest = flags.filter((f) => !insecure.includes(f)).join(' ');
    const removeText = t`Remove -insecure from GOFLAGS: it was removed from go get.`;
    const remove = rest === '' ? unsetVariableFix('goflags-remove-insecure', env, 'GOFLAGS', removeText) : setVariableFix('goflags-remove-insecure', env, 'GOFLAGS', rest, removeText);
    const module = neededModules(input.canaries).find((c) => looksPrivateModule(c.path))?.path;
    // Only the scenario's GOINSECURE fix adds anything here; its own "remove the flag" advice is `remove` above.
    const goinsecure = fixesFor(
      { scenario: 'proxy-config-invalid', fields: module !== undefined ? { module } : {}, details: { kind: 'insecure-flag' } },
      env,
    ).filter((f) => f.weakensSecurity);
    return [
      makeFinding({
        id: 'proxy-config-invalid',
        rule: 'goflags-insecure',
        severity: 'warning',
        group: 'config',
        message: t`GOFLAGS contains -insecure: \`go get\` fails with "${INSECURE_REMOVED}".`,
        evidence: [valueEvidence(env, 'GOFLAGS')],
        fixes: [remove, ...goinsecure],
      }),
    ];
  },
};
