/**
 * goflags-insecure: `-insecure` in GOFLAGS. It was removed from `go get`, which now fails with
 * "-insecure flag is no longer supported; use GOINSECURE instead" (go1.26 src/cmd/go/internal/modget/get.go:299).
 */
import { setVariableFix, unsetVariableFix } from '../../fix.js';
import { looksPrivateModule } from '../../goenv/private-hints.js';
import type { CheckRule } from '../rule.js';
import { makeFinding, neededModules, valueEvidence } from '../rule-kit.js';
import { fixesFor } from '../scenario-call.js';

const REMOVE_TEXT = 'Remove -insecure from GOFLAGS: it was removed from go get.';

export const goflagsInsecure: CheckRule = {
  id: 'goflags-insecure',
  group: 'config',
  severity: 'warning',
  summary: 'GOFLAGS holds -insecure, which makes go get fail.',
  detect(input) {
    const { env } = input;
    const goflags = env.variables.GOFLAGS?.value ?? env.goEnvJson.GOFLAGS ?? '';
    const flags = goflags.split(/\s+/).filter((f) => f !== '');
    const insecure = flags.filter((f) => /^--?insecure(=.*)?$/.test(f));
    if (insecure.length === 0) return [];
    const rest = flags.filter((f) => !insecure.includes(f)).join(' ');
    const remove = rest === '' ? unsetVariableFix('goflags-remove-insecure', env, 'GOFLAGS', REMOVE_TEXT) : setVariableFix('goflags-remove-insecure', env, 'GOFLAGS', rest, REMOVE_TEXT);
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
        message: 'GOFLAGS contains -insecure: `go get` fails with "-insecure flag is no longer supported; use GOINSECURE instead".',
        evidence: [valueEvidence(env, 'GOFLAGS')],
        fixes: [remove, ...goinsecure],
      }),
    ];
  },
};
