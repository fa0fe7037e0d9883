/** goprivate-too-broad: a GOPRIVATE pattern that covers a whole public code host or top-level domain (see ../pattern-breadth.ts). */
import { tooBroadFinding } from '../pattern-breadth.js';
import type { CheckRule } from '../rule.js';
import { t } from '../../i18n/language.js';

export const goprivateTooBroad: CheckRule = {
  id: 'goprivate-too-broad',
  group: 'config',
  severity: 'warning',
  get summary() {
    return t`GOPRIVATE covers public modules too, so they skip the checksum database and the proxies.`;
  },
  detect(input) {
    const finding = tooBroadFinding(input, 'GOPRIVATE');
    return finding ? [finding] : [];
  },
};
