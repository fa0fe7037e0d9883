/** sumdb-lookup-error: looking a module up in the checksum database fails for a reason other than "not found". */
import { lookupFailureGroups } from '../lookup-failures.js';
import { lookupFinding } from '../lookup-finding.js';
import type { CheckRule } from '../rule.js';
import { t } from '../../i18n/language.js';

export const sumdbLookupError: CheckRule = {
  id: 'sumdb-lookup-error',
  group: 'sumdb',
  severity: 'error',
  get summary() {
    return t`A checksum-database lookup fails on the network, a proxy or the server.`;
  },
  detect(input) {
    const network = input.network;
    if (!network) return [];
    return lookupFailureGroups(network)
      .filter((group) => group.kind !== 'not-found')
      .map((group) => lookupFinding(input, network, group, 'sumdb-lookup-error'));
  },
};
