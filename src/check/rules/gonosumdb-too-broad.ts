/** gonosumdb-too-broad: a GONOSUMDB pattern that covers a whole public code host or top-level domain (see ../pattern-breadth.ts). */
import { tooBroadFinding } from '../pattern-breadth.js';
import type { CheckRule } from '../rule.js';
import { t } from '../../i18n/language.js';

export const gonosumdbTooBroad: CheckRule = {
  id: 'gonosumdb-too-broad',
  group: 'config',
  severity: 'warning',
  get summary() {
    return t`GONOSUMDB covers public modules too, so they are never checked against the checksum database.`;
  },
  detect(input) {
    const finding = tooBroadFinding(input, 'GONOSUMDB');
    return finding ? [finding] : [];
  },
};
