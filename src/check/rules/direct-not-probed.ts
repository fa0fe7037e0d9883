/**
 * direct-not-probed: modules fetched straight from their origin (after `direct`, or matching
 * GONOPROXY/GOPRIVATE) whose version-control access `check` could not evaluate.
 */
import { moduleAt } from '../fetch-failures.js';
import type { CheckRule } from '../rule.js';
import { makeFinding } from '../rule-kit.js';
import type { ModuleVerdict } from '../types.js';
import { t } from '../../i18n/language.js';

export const directNotProbed: CheckRule = {
  id: 'direct-not-probed',
  group: 'proxy',
  severity: 'info',
  get summary() {
    return t`Modules fetched directly from their origin whose access was not evaluated.`;
  },
  detect(input) {
    const network = input.network;
    if (!network) return [];
    const direct = network.modules.filter((v) => v.result === 'unknown' && v.source !== 'toolchain' && ['direct', 'noproxy'].includes(network.specs[v.fetch.stoppedAt]?.kind ?? ''));
    if (direct.length === 0) return [];
    return [
      makeFinding({
        id: 'direct-not-probed',
        rule: 'direct-not-probed',
        severity: 'info',
        group: 'proxy',
        message:
          direct.length === 1
            ? t`${moduleAt(direct[0] as ModuleVerdict)} is fetched directly from its origin (git or go-get); goproxy-doctor does not probe version-control access.`
            : t`${direct.length} modules are fetched directly from their origin (git or go-get); goproxy-doctor does not probe version-control access.`,
        evidence: direct.slice(0, 5).map((v) => `${moduleAt(v)}: ${v.summary}`),
        modules: direct.map(moduleAt),
      }),
    ];
  },
};
