/**
 * Runs check rules over one input. A rule that throws (a bug) becomes a warning finding saying so,
 * and the rest of the report stands. Pure.
 */
import type { CheckInput, CheckRule } from './rule.js';
import type { Finding } from './types.js';
import { t } from '../i18n/language.js';

export function runRules(rules: readonly CheckRule[], input: CheckInput): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) {
    try {
      out.push(...rule.detect(input));
    } catch (error) {
      out.push({
        id: 'check-failed',
        rule: rule.id,
        severity: 'warning',
        group: rule.group,
        message: t`goproxy-doctor could not finish its ${rule.id} check: ${error instanceof Error ? error.message : String(error)}. The rest of the report stands; please report this.`,
        evidence: [],
        fixes: [],
      });
    }
  }
  return out;
}
