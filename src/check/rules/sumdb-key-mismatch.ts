/** sumdb-key-mismatch: the checksum database's signed tree head does not verify against the key GOSUMDB names. */
import type { CheckRule } from '../rule.js';
import { treeHeadFinding } from '../tree-head-findings.js';
import { t } from '../../i18n/language.js';

export const sumdbKeyMismatch: CheckRule = {
  id: 'sumdb-key-mismatch',
  group: 'sumdb',
  severity: 'error',
  get summary() {
    return t`The signed tree head does not verify against the GOSUMDB key.`;
  },
  detect(input) {
    const network = input.network;
    const state = network?.sumdb;
    if (!network || !state) return [];
    const finding = treeHeadFinding(input, network, state, 'sumdb-key-mismatch');
    return finding ? [finding] : [];
  },
};
