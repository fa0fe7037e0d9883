/**
 * modules-sampled: go.mod has more requirements than `check` probes (direct ones first), so some were not
 * checked. Said as information, with the way to check one of the others.
 */
import { adviceFix } from '../../fix.js';
import type { CheckRule } from '../rule.js';
import { makeFinding } from '../rule-kit.js';
import { t } from '../../i18n/language.js';

export const modulesSampled: CheckRule = {
  id: 'modules-sampled',
  group: 'proxy',
  severity: 'info',
  get summary() {
    return t`The go.mod file has more requirements than were checked.`;
  },
  detect(input) {
    const omitted = input.canariesOmitted;
    if (omitted <= 0) return [];
    const checked = input.canaries.filter((c) => c.source === 'go.mod').length;
    return [
      makeFinding({
        id: 'modules-sampled',
        rule: 'modules-sampled',
        severity: 'info',
        group: 'proxy',
        message: t`go.mod has ${omitted + checked} requirements; the first ${checked} (direct ones first) were checked.`,
        fixes: [adviceFix('check-named-module', t`Check a specific module by naming it.`, 'goproxy-doctor check --module <path>@<version>')],
      }),
    ];
  },
};
