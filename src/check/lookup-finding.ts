/** The finding for one group of failed checksum-database lookups. Pure. */
import { privatePatternFor } from '../goenv/private-hints.js';
import type { LookupFailureGroup } from './lookup-failures.js';
import { probeEvidence } from './probe-evidence.js';
import type { CheckInput, NetworkFacts } from './rule.js';
import { makeFinding, predictedGoError } from './rule-kit.js';
import { fixesFor } from './scenario-call.js';
import type { Finding } from './types.js';
import { t } from '../i18n/language.js';

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function lookupFinding(input: CheckInput, network: NetworkFacts, group: LookupFailureGroup, rule: 'sumdb-not-found' | 'sumdb-lookup-error'): Finding {
  const { cause, record, modules, kind } = group;
  const module = modules[0] ?? '';
  const [path = module, version] = module.split('@');
  const one = modules.length === 1;
  // The answer alone (`404 Not Found`), without the verb the headline puts before it.
  const answer = cause.answer ?? cause.headline;
  const host = hostOf(record.result.url);
  return makeFinding({
    id: 'sumdb-lookup-failed',
    rule,
    cause: cause.cause,
    severity: 'error',
    group: cause.group === 'credentials' ? 'credentials' : 'sumdb',
    message:
      kind === 'broken'
        ? t`The checksum database answers ${answer} for every module asked (${modules.join(', ')}), public ones included: it is not a working checksum database at ${host}, whatever the modules are.`
        : rule === 'sumdb-not-found'
        ? one
          ? t`The checksum database does not know ${module} (${answer}): the module is private or does not exist, and go refuses to use it unverified.`
          : t`The checksum database does not know ${modules.length} modules (${answer}): the module is private or does not exist, and go refuses to use it unverified.`
        : one
          ? t`Looking up ${module} in the checksum database fails: ${host} ${cause.headline}.`
          : t`Looking up ${modules.length} modules in the checksum database fails: ${host} ${cause.headline}.`,
    evidence: [predictedGoError(`${module}: verifying module: ${module}: ${record.outcome.kind === 'error' ? record.outcome.error : ''}`), ...probeEvidence(record, network.chain)],
    fixes: fixesFor(
      {
        scenario: 'sumdb-lookup-failed',
        fields: { module: path, ...(version !== undefined ? { version } : {}), url: record.result.url },
        details: { kind, pattern: privatePatternFor(path), ...(network.sumdb ? { database: network.sumdb.report.name } : {}) },
      },
      input.env,
    ),
    modules,
  });
}
