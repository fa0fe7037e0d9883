/**
 * The finding for a signed tree head that does not verify, shared by the two rules that tell its
 * causes apart (a key that does not match, an unusable note). Pure.
 */
import { joinSentences } from '../fix.js';
import { moduleAt } from './fetch-failures.js';
import { probeEvidence } from './probe-evidence.js';
import type { CheckInput, NetworkFacts, SumdbState } from './rule.js';
import { makeFinding } from './rule-kit.js';
import { fixesFor } from './scenario-call.js';
import { sumdbStakes } from './sumdb-failures.js';
import type { Finding } from './types.js';
import { t } from '../i18n/language.js';

export function treeHeadFinding(input: CheckInput, network: NetworkFacts, state: SumdbState, rule: 'sumdb-key-mismatch' | 'sumdb-bad-tree-head'): Finding | undefined {
  const tree = state.treeHead;
  if (!tree || tree.ok) return undefined;
  const isKeyMismatch = tree.stage === 'note';
  if ((rule === 'sumdb-key-mismatch') !== isKeyMismatch) return undefined;
  const { severity, neededNote, failedVerify } = sumdbStakes(state, network);
  const others = tree.signedByOthers?.map((s) => `${s.name}+${s.hash}`) ?? [];
  const key = input.env.goEnvJson.GOSUMDB ?? '';
  return makeFinding({
    id: 'sumdb-lookup-failed',
    rule,
    severity,
    group: 'sumdb',
    message: joinSentences(
      isKeyMismatch
        ? t`The signed tree head from ${state.latest?.result.url ?? state.report.name} does not verify against the key GOSUMDB names: GOSUMDB has the wrong key, or something between you and the database answers in its place.`
        : t`The checksum database's signed tree head is unusable (${tree.error}).`,
      neededNote,
    ),
    evidence: [`GOSUMDB=${JSON.stringify(key)}`, tree.error, ...(others.length > 0 ? [t`signed by ${others.join(', ')} instead`] : []), ...(state.latest ? probeEvidence(state.latest, network.chain) : [])],
    fixes: [
      ...fixesFor({ scenario: 'sumdb-lookup-failed', fields: {}, details: { kind: 'config', error: tree.error } }, input.env).filter((f) => !f.weakensSecurity),
      {
        id: 'compare-tree-heads',
        text: t`If GOSUMDB is right, compare what this network serves with what the database serves elsewhere: an intercepting proxy re-signing answers is a security incident, not a configuration problem.`,
        weakensSecurity: false,
      },
    ],
    ...(failedVerify.length > 0 ? { modules: failedVerify.map(moduleAt) } : {}),
  });
}
