/** sumdb-unreachable: the checksum database itself cannot be reached or fails (its `/latest` probe). */
import type { CheckRule } from '../rule.js';
import { failedAtHttpProxy } from '../http-proxy-failures.js';
import { sumdbUnreachableFinding } from '../sumdb-failures.js';
import { t } from '../../i18n/language.js';

export const sumdbUnreachable: CheckRule = {
  id: 'sumdb-unreachable',
  group: 'sumdb',
  severity: 'error',
  get summary() {
    return t`The checksum database cannot be reached, or fails.`;
  },
  detect(input) {
    const network = input.network;
    const state = network?.sumdb;
    if (!network || !state?.latest || state.latest.outcome.kind !== 'error' || failedAtHttpProxy(state.latest)) return [];
    return [sumdbUnreachableFinding(input, network, state, state.latest, 'sumdb-unreachable', t`The checksum database ${state.report.name} at ${state.latest.result.url.replace(/\/latest$/, '')}`)];
  },
};
