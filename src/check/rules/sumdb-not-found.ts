/**
 * sumdb-not-found: the checksum database answers 404/410 for a module: it cannot fetch it (a private
 * module, or one that does not exist), and go refuses to use it unverified
 * (go1.23 src/cmd/go/internal/modfetch/fetch.go:763-783).
 */
import { lookupFailureGroups } from '../lookup-failures.js';
import { lookupFinding } from '../lookup-finding.js';
import type { CheckRule } from '../rule.js';
import { t } from '../../i18n/language.js';

export const sumdbNotFound: CheckRule = {
  id: 'sumdb-not-found',
  group: 'sumdb',
  severity: 'error',
  get summary() {
    return t`The checksum database does not know a module that needs verifying.`;
  },
  detect(input) {
    const network = input.network;
    if (!network) return [];
    return lookupFailureGroups(network)
      .filter((group) => group.kind === 'not-found')
      .map((group) => lookupFinding(input, network, group, 'sumdb-not-found'));
  },
};
