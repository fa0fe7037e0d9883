/**
 * goproxy-off: the first entry a module reaches is `off`, so go downloads nothing but GONOPROXY/GOPRIVATE
 * paths ("module lookup disabled by GOPROXY=off", go1.26 src/cmd/go/internal/modfetch/repo.go).
 */
import { looksPrivateModule } from '../../goenv/private-hints.js';
import { matchPrefixPatterns } from '../../goenv/patterns.js';
import type { CheckRule } from '../rule.js';
import { firstRealEntry, makeFinding, moduleLabel, neededModules, predictedGoError, valueEvidence } from '../rule-kit.js';
import { fixesFor } from '../scenario-call.js';
import { t } from '../../i18n/language.js';

export const goproxyOff: CheckRule = {
  id: 'goproxy-off',
  group: 'config',
  severity: 'error',
  get summary() {
    return t`GOPROXY=off: modules not already in the module cache cannot be downloaded.`;
  },
  detect(input) {
    const { env, proxyList: list, settings } = input;
    if (!list.ok || firstRealEntry(list.specs)?.kind !== 'off') return [];
    const affected = neededModules(input.canaries).filter((c) => !matchPrefixPatterns(settings.GONOPROXY, c.path));
    const privateOne = affected.find((c) => looksPrivateModule(c.path));
    return [
      makeFinding({
        id: 'proxy-config-invalid',
        rule: 'goproxy-off',
        severity: affected.length > 0 ? 'error' : 'warning',
        group: 'config',
        message:
          affected.length === 1
            ? t`GOPROXY=off: this module cannot be downloaded unless already in the module cache.`
            : affected.length > 1
              ? t`GOPROXY=off: these ${affected.length} modules cannot be downloaded unless already in the module cache.`
              : t`GOPROXY=off: modules not already in the module cache cannot be downloaded (only GONOPROXY/GOPRIVATE paths are still fetched directly).`,
        evidence: [valueEvidence(env, 'GOPROXY'), predictedGoError('module lookup disabled by GOPROXY=off')],
        fixes: fixesFor({ scenario: 'proxy-config-invalid', fields: privateOne ? { module: privateOne.path } : {}, details: { kind: 'goproxy-off' } }, env),
        ...(affected.length > 0 ? { modules: affected.map(moduleLabel) } : {}),
      }),
    ];
  },
};
