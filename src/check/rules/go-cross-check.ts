/**
 * go-cross-check (`check --with-go`): sets what the real `go mod download -x -json` did beside what `check`
 * predicted for the same modules, and reports each difference (`go-disagrees`) with go's own trace: go
 * downloaded a module check said would fail, failed one check said it would get, failed at another step
 * (fetch or verify), or at another GOPROXY entry, or got it from another entry. A failure go reports for a
 * module check could not predict (a direct fetch) is `go-fetch-failed`; agreement is one note
 * (`go-agrees`), so the report says the cross-check ran. go's lines are shown as go printed them, secrets
 * removed by position (src/redact.ts); what check predicted is labelled as its prediction.
 */
import { goOutcomes, traceLine, type GoModuleOutcome } from '../go-trace.js';
import type { CheckInput, CheckRule } from '../rule.js';
import { entryLabel } from '../probe-evidence.js';
import { makeFinding, moduleLabel } from '../rule-kit.js';
import type { Finding, ModuleVerdict } from '../types.js';
import { t } from '../../i18n/language.js';

/** Trace lines shown per module; the rest is counted. */
const MAX_TRACE_LINES = 24;

/** How go's outcome differs from the prediction, in words; undefined when they agree. */
function difference(v: ModuleVerdict, go: GoModuleOutcome, label: (i: number | undefined) => string): { text: string; severity: 'error' | 'warning' } | undefined {
  if (v.result === 'ok' && !go.ok) {
    return { text: go.stage === 'verify' ? t`check predicted it would be downloaded, but go failed to verify it` : t`check predicted it would be downloaded, but go failed`, severity: 'error' };
  }
  if (v.result === 'fail' && go.ok) return { text: t`check predicted go would fail, but go downloaded it`, severity: 'warning' };
  if (v.result === 'fail' && !go.ok) {
    const predicted = v.failedAt?.stage ?? 'fetch';
    if (predicted !== go.stage) {
      // go.stage is fetch or verify, and differs from the prediction.
      const text = predicted === 'fetch' ? t`check predicted a failure while fetching, but go failed while verifying` : t`check predicted a failure while verifying, but go failed while fetching`;
      return { text, severity: 'warning' };
    }
    const blamed = v.fetch.errorFrom ?? v.failedAt?.entry;
    if (predicted === 'fetch' && blamed !== undefined && go.errorEntry !== undefined && blamed !== go.errorEntry) {
      return { text: t`check predicted go would report ${label(blamed)}, but go's error names ${label(go.errorEntry)}`, severity: 'warning' };
    }
  }
  if (v.result === 'ok' && go.ok && v.fetch.servedBy !== undefined && go.servedBy !== undefined && v.fetch.servedBy !== go.servedBy) {
    return { text: t`check predicted ${label(v.fetch.servedBy)} would serve it, but go got it from ${label(go.servedBy)}`, severity: 'warning' };
  }
  return undefined;
}

function goEvidence(go: GoModuleOutcome): string[] {
  const lines = go.requests.map(traceLine);
  const shown = lines.slice(0, MAX_TRACE_LINES).map((l) => t`go printed: ${l}`);
  if (lines.length > shown.length) shown.push(t`… and ${lines.length - shown.length} more trace lines`);
  return [go.ok ? t`go mod download: downloaded` : t`go mod download reported: ${go.error ?? ''}`, ...shown];
}

export const goCrossCheck: CheckRule = {
  id: 'go-cross-check',
  group: 'proxy',
  severity: 'error',
  get summary() {
    return t`With --with-go: where the real go mod download differs from what check predicted.`;
  },
  detect(input: CheckInput) {
    const facts = input.withGo;
    const network = input.network;
    if (!facts || !network) return [];
    const base = { rule: 'go-cross-check', group: 'proxy' as const };
    const command = facts.command;
    if (facts.startError !== undefined) {
      return [makeFinding({ ...base, id: 'go-did-not-run', severity: 'warning', message: t`The cross-check with the real go could not start ${command.split(' ').slice(0, 3).join(' ')}: ${facts.startError}.`, evidence: [command] })];
    }
    if (facts.modules.length === 0) return [];
    const label = (i: number | undefined): string => (i === undefined ? t`no entry` : (network.chain[i]?.label ?? entryLabel(i)));
    const outcomes = goOutcomes(facts, network.specs);
    const out: Finding[] = [];
    if (facts.timedOut) {
      const traced = facts.requests.filter((r) => r.answer === undefined).map((r) => t`go was waiting for: ${traceLine(r)}`);
      out.push(
        makeFinding({
          ...base,
          id: 'go-did-not-finish',
          severity: 'info',
          message: t`${command} did not finish within the ${network.timeoutMs} ms deadline and was stopped, with everything it started; nothing is compared. A longer --timeout lets it finish.`,
          evidence: [...traced.slice(0, MAX_TRACE_LINES), t`ran for ${Math.round(facts.durationMs)} ms`],
        }),
      );
      return out;
    }
    const agreed: string[] = [];
    const unpredictedOk: string[] = [];
    for (const go of outcomes) {
      const name = moduleLabel({ path: go.module, version: go.version });
      const verdict = network.modules.find((m) => m.module === go.module && m.version === go.version);
      if (!verdict || verdict.result === 'unknown') {
        if (go.ok) {
          unpredictedOk.push(name);
          continue;
        }
        out.push(
          makeFinding({
            ...base,
            id: 'go-fetch-failed',
            severity: 'error',
            message: verdict ? t`go could not download ${name}, which check could not predict (${verdict.summary}): ${go.error ?? ''}` : t`go could not download ${name}, which check could not predict: ${go.error ?? ''}`,
            evidence: goEvidence(go),
            modules: [name],
          }),
        );
        continue;
      }
      const diff = difference(verdict, go, label);
      if (!diff) {
        agreed.push(name);
        continue;
      }
      out.push(
        makeFinding({
          ...base,
          id: 'go-disagrees',
          severity: diff.severity,
          message:
            diff.severity === 'error'
              ? t`For ${name}, ${diff.text}. go's result is the one your build gets.`
              : t`For ${name}, ${diff.text}. go's result is the one your build gets; the findings above about this module are predictions.`,
          evidence: [t`check predicted: ${verdict.summary}`, ...goEvidence(go)],
          modules: [name],
        }),
      );
    }
    if (agreed.length > 0 || unpredictedOk.length > 0) {
      const parts = [
        ...(agreed.length === 1 ? [t`agreed with check on ${agreed.length} module`] : agreed.length > 1 ? [t`agreed with check on ${agreed.length} modules`] : []),
        ...(unpredictedOk.length === 1
          ? [t`downloaded ${unpredictedOk.length} module check could not predict (direct fetches)`]
          : unpredictedOk.length > 1
            ? [t`downloaded ${unpredictedOk.length} modules check could not predict (direct fetches)`]
            : []),
      ];
      const run = command.split(' ').slice(0, 5).join(' ');
      const ms = Math.round(facts.durationMs);
      out.push(
        makeFinding({
          ...base,
          id: 'go-agrees',
          severity: 'info',
          message:
            parts.length > 1
              ? t`The real go (${run}, in a throw-away module cache, ${ms} ms) ${parts[0] ?? ''} and ${parts[1] ?? ''}.`
              : t`The real go (${run}, in a throw-away module cache, ${ms} ms) ${parts[0] ?? ''}.`,
          evidence: [
            ...agreed.map((m) => (outcomes.find((o) => moduleLabel({ path: o.module, version: o.version }) === m)?.ok ? t`${m}: downloaded, as check predicted` : t`${m}: failed, as check predicted`)),
            ...unpredictedOk.map((m) => t`${m}: downloaded (check could not predict it)`),
          ],
          modules: [...agreed, ...unpredictedOk],
        }),
      );
    }
    if (facts.skipped.length > 0 && out.length > 0) {
      const last = out[out.length - 1] as Finding;
      last.evidence.push(...facts.skipped.map((s) => t`not cross-checked: ${s.module} (${s.reason})`));
    }
    return out;
  },
};
