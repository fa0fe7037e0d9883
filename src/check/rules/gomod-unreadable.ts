/** gomod-unreadable: ./go.mod exists but could not be read, so none of its requirements is among the modules checked. */
import { adviceFix } from '../../fix.js';
import type { CheckRule } from '../rule.js';
import { makeFinding } from '../rule-kit.js';
import { t } from '../../i18n/language.js';

export const gomodUnreadable: CheckRule = {
  id: 'gomod-unreadable',
  group: 'config',
  severity: 'warning',
  get summary() {
    return t`The go.mod file exists but could not be read, so its requirements were not checked.`;
  },
  detect(input) {
    if (input.goModError === undefined) return [];
    return [
      makeFinding({
        id: 'gomod-unreadable',
        rule: 'gomod-unreadable',
        severity: 'warning',
        group: 'config',
        message: t`go.mod could not be read (${input.goModError}): its requirements were not checked.`,
        fixes: [adviceFix('check-named-module', t`Name the modules to check instead.`, 'goproxy-doctor check --module example.com/mod@v1.2.3')],
      }),
    ];
  },
};
