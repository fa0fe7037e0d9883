/** goinsecure-too-broad: a GOINSECURE pattern that covers a whole public code host or top-level domain (see ../pattern-breadth.ts). */
import { tooBroadFinding } from '../pattern-breadth.js';
import type { CheckRule } from '../rule.js';
import { t } from '../../i18n/language.js';

export const goinsecureTooBroad: CheckRule = {
  id: 'goinsecure-too-broad',
  group: 'config',
  severity: 'warning',
  get summary() {
    return t`GOINSECURE covers public modules too, so their direct fetches skip TLS verification.`;
  },
  detect(input) {
    const finding = tooBroadFinding(input, 'GOINSECURE');
    return finding ? [finding] : [];
  },
};
