/**
 * What the checksum-database rules share: the finding for a database that cannot be reached or asked,
 * with the fixes of the scenario that explains the failing layer. Pure.
 */
import { joinSentences, type Fix, type Severity } from '../fix.js';
import { privatePatternFor } from '../goenv/private-hints.js';
import { moduleAt } from './fetch-failures.js';
import { classifyProbe } from './probe-cause.js';
import { sumdbFailureKind } from './probe-cause.js';
import { probeEvidence } from './probe-evidence.js';
import type { CheckInput, NetworkFacts, SumdbState } from './rule.js';
import { makeFinding, predictedGoError } from './rule-kit.js';
import { fixesFor } from './scenario-call.js';
import type { Finding, ModuleVerdict } from './types.js';
import type { ProbeRecord } from './verdict.js';
import { t } from '../i18n/language.js';

/** How severe a checksum-database failure is, and what to add when no checked module needs the database yet. */
export function sumdbStakes(state: SumdbState, network: NetworkFacts): { severity: Severity; neededNote: string; failedVerify: ModuleVerdict[] } {
  const failedVerify = network.modules.filter((v) => v.failedAt?.stage === 'verify');
  return {
    severity: state.report.needed ? 'error' : 'warning',
    neededNote: state.report.needed ? '' : t`No module checked here needs it right now (go.sum or GONOSUMDB covers them), but every new dependency will.`,
    failedVerify,
  };
}

/** What fails and what it costs, in one sentence: `why` is added as written (with its leading space). */
function sumdbFailureMessage(what: string, headline: string, needed: boolean, neededCount: number, why: string): string {
  if (!needed) return t`${what} ${headline}: every checksum lookup fails${why}.`;
  if (neededCount === 1) return t`${what} ${headline}: every checksum lookup fails, so ${neededCount} module cannot be verified${why}.`;
  if (neededCount > 1) return t`${what} ${headline}: every checksum lookup fails, so ${neededCount} modules cannot be verified${why}.`;
  return t`${what} ${headline}: every checksum lookup fails, so new modules cannot be verified${why}.`;
}

/** The finding for a checksum-database probe that failed on the network, a proxy or the server. */
export function sumdbUnreachableFinding(input: CheckInput, network: NetworkFacts, state: SumdbState, record: ProbeRecord, rule: string, what: string, why = '', extraFixes: Fix[] = []): Finding {
  const { severity, neededNote, failedVerify } = sumdbStakes(state, network);
  const cause = classifyProbe(record, network.timeoutMs);
  const name = state.report.name;
  const firstModule = failedVerify[0];
  const moduleText = firstModule ? moduleAt(firstModule) : (state.report.neededBy?.[0] ?? t`the module`);
  const neededCount = Math.max(failedVerify.length, state.report.neededBy?.length ?? 0);
  const fields = {
    ...(firstModule ? { module: firstModule.module, ...(firstModule.version !== undefined ? { version: firstModule.version } : {}) } : {}),
    url: record.result.url,
    ...(cause.call?.fields.host !== undefined ? { host: cause.call.fields.host } : {}),
  };
  // The failing layer's own scenario comes first when it is a network layer; the rest is about the database.
  const layerFixes = cause.call && (cause.call.scenario === 'tls-certificate' || cause.call.scenario === 'dns-failure' || cause.call.scenario === 'http-proxy-env') ? fixesFor({ ...cause.call, fields: { ...cause.call.fields, ...fields } }, input.env) : [];
  const databaseFixes = layerFixes.length > 0
    ? []
    : fixesFor(
        {
          scenario: 'sumdb-lookup-failed',
          fields,
          details: { kind: sumdbFailureKind(cause, record), database: name, ...(firstModule ? { pattern: privatePatternFor(firstModule.module) } : {}) },
        },
        input.env,
      );
  return makeFinding({
    id: 'sumdb-lookup-failed',
    rule,
    cause: cause.cause,
    severity,
    group: cause.group === 'credentials' ? 'credentials' : 'sumdb',
    message: joinSentences(sumdbFailureMessage(what, cause.headline, state.report.needed, neededCount, why), neededNote),
    evidence: [
      ...(firstModule || state.report.neededBy?.[0] !== undefined ? [predictedGoError(`${moduleText}: verifying module: ${record.outcome.kind === 'error' ? record.outcome.error : ''}`)] : []),
      ...probeEvidence(record, network.chain),
    ],
    // The failing network layer (TLS, DNS, the HTTP proxy) is what to fix first: nothing about the database helps before it works.
    fixes: [...layerFixes, ...extraFixes, ...databaseFixes],
    ...(failedVerify.length > 0 ? { modules: failedVerify.map(moduleAt) } : state.report.neededBy ? { modules: state.report.neededBy } : {}),
  });
}
