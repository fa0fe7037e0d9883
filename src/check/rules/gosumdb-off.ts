/**
 * gosumdb-off: GOSUMDB=off trusts every new module on first download, whoever served it. The fixes narrow
 * the exclusion to the private paths from go.mod and turn the database back on.
 */
import { extendCommaList, setVariableFix, unsetVariableFix, type Fix } from '../../fix.js';
import { looksPrivateModule, privatePatternFor } from '../../goenv/private-hints.js';
import type { CheckRule } from '../rule.js';
import { makeFinding, neededModules, valueEvidence } from '../rule-kit.js';
import { t } from '../../i18n/language.js';

export const gosumdbOff: CheckRule = {
  id: 'gosumdb-off',
  group: 'config',
  severity: 'warning',
  get summary() {
    return t`GOSUMDB=off: downloaded modules are not verified.`;
  },
  detect(input) {
    const { env, sumdb, settings } = input;
    if (!sumdb.ok || sumdb.config.kind !== 'off') return [];
    const privatePatterns = [...new Set(neededModules(input.canaries).filter((c) => looksPrivateModule(c.path)).map((c) => privatePatternFor(c.path)))];
    const fixes: Fix[] = [];
    if (privatePatterns.length > 0) {
      fixes.push(
        setVariableFix(
          'gonosumdb-private-paths',
          env,
          'GONOSUMDB',
          extendCommaList(settings.GONOSUMDB, privatePatterns).value,
          t`Exclude only your private paths (${privatePatterns.join(', ')}) from the checksum database, so they still download once verification is back on.`,
        ),
      );
    }
    fixes.push(
      unsetVariableFix(
        'gosumdb-unset',
        env,
        'GOSUMDB',
        t`Turn checksum verification back on (sum.golang.org by default); list private paths in GOPRIVATE or GONOSUMDB instead of disabling it for everything.`,
      ),
    );
    return [
      makeFinding({
        id: 'gosumdb-off',
        rule: 'gosumdb-off',
        severity: 'warning',
        group: 'config',
        message: t`GOSUMDB=off: new modules are trusted on first download, whoever served them; a tampered proxy or mirror goes unnoticed.`,
        evidence: [valueEvidence(env, 'GOSUMDB')],
        fixes,
      }),
    ];
  },
};
