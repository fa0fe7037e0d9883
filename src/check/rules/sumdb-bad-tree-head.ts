/** sumdb-bad-tree-head: the checksum database's signed tree head cannot be used at all (malformed note or tree). */
import type { CheckRule } from '../rule.js';
import { treeHeadFinding } from '../tree-head-findings.js';
import { t } from '../../i18n/language.js';

export const sumdbBadTreeHead: CheckRule = {
  id: 'sumdb-bad-tree-head',
  group: 'sumdb',
  severity: 'error',
  get summary() {
    return t`The signed tree head is malformed or unusable.`;
  },
  detect(input) {
    const network = input.network;
    const state = network?.sumdb;
    if (!network || !state) return [];
    const finding = treeHeadFinding(input, network, state, 'sumdb-bad-tree-head');
    return finding ? [finding] : [];
  },
};
