/**
 * govcs-forbids: GOVCS does not let go run the repository's version-control tool for this module (or
 * cannot be parsed at all), so the direct fetch stops before any VCS command
 * (`GOVCS disallows using git for public example.com/x; see 'go help vcs'`, go1.26
 * src/cmd/go/internal/vcs/vcs.go checkGOVCS; the first matching rule decides, after the user's rules come
 * go's own `private:all,public:git|hg`). The fix adds a rule for that repository root in front of the
 * others, keeping every existing rule.
 */
import { extendListFix, setVariableFix, unsetVariableFix, type Fix } from '../../fix.js';
import { looksPrivateModule, privatePatternFor } from '../../goenv/private-hints.js';
import { parseGovcs } from '../../goenv/route.js';
import { moduleAt } from '../fetch-failures.js';
import { directHeadline, directRuleFor, failedDirectEvidence, failedDirectFetches } from '../direct-findings.js';
import type { CheckRule } from '../rule.js';
import { makeFinding, valueEvidence } from '../rule-kit.js';
import type { Finding } from '../types.js';
import type { GovcsDecision } from '../../probe/direct/govcs.js';
import { t } from '../../i18n/language.js';

// VCS tools go allows for public paths by default; allowing another one widens what a public path may run.
const DEFAULT_PUBLIC_VCS = new Set(['git', 'hg']);

/** GOVCS with `vcs` allowed for `root`: the rule for that exact pattern extended, or a new rule put first. */
export function govcsAllowing(current: string, root: string, vcs: string): string {
  const parsed = parseGovcs(current);
  const rules = parsed.ok ? parsed.rules : [];
  const same = rules.find((r) => r.pattern === root);
  if (same) return rules.map((r) => `${r.pattern}:${(r === same ? [...r.allowed.filter((a) => a !== vcs), vcs] : r.allowed).join('|')}`).join(',');
  return [`${root}:${vcs}`, ...rules.map((r) => `${r.pattern}:${r.allowed.join('|')}`)].join(',');
}

function fixesFor(decision: GovcsDecision, module: string, input: Parameters<CheckRule['detect']>[0]): Fix[] {
  const env = input.env;
  if (decision.invalid !== undefined) {
    return [
      unsetVariableFix(
        'govcs-unset',
        env,
        'GOVCS',
        t`GOVCS cannot be parsed (${decision.invalid}), so every direct fetch fails: correct it, or remove it for go's default private:all,public:git|hg.`,
      ),
    ];
  }
  const fixes: Fix[] = [];
  const current = input.settings.GOVCS;
  const widens = !decision.private && !DEFAULT_PUBLIC_VCS.has(decision.vcs);
  if (!decision.private && looksPrivateModule(module) && widens) {
    fixes.push(
      extendListFix(
        'goprivate-add',
        env,
        'GOPRIVATE',
        privatePatternFor(module),
        t`If ${module} is private, mark it so: GOVCS's default lets private paths use any VCS (private:all), and go then skips the public checksum database for it.`,
      ),
    );
  }
  fixes.push(
    setVariableFix(
      'govcs-allow',
      env,
      'GOVCS',
      govcsAllowing(current, decision.root, decision.vcs),
      decision.rule !== undefined
        ? t`Allow ${decision.vcs} for ${decision.root} alone, in a rule before the one that forbids it (${`${decision.rule}:${decision.ruleAllows.join('|')}`}); the first matching GOVCS rule decides.`
        : t`Allow ${decision.vcs} for ${decision.root} alone, in a rule before the one that forbids it (no rule matched); the first matching GOVCS rule decides.`,
      { weakensSecurity: widens },
    ),
  );
  return fixes;
}

export const govcsForbids: CheckRule = {
  id: 'govcs-forbids',
  group: 'proxy',
  severity: 'error',
  get summary() {
    return t`GOVCS forbids the version-control tool a directly fetched module needs, or cannot be parsed.`;
  },
  detect(input) {
    const network = input.network;
    if (!network) return [];
    const out: Finding[] = [];
    for (const c of failedDirectFetches(network)) {
      if (directRuleFor(c.result) !== 'govcs-forbids' || c.result.failure.kind !== 'govcs') continue;
      const decision = c.result.failure.decision;
      const module = moduleAt(c.verdict);
      const entry = c.verdict.fetch.errorFrom ?? c.verdict.fetch.stoppedAt;
      out.push(
        makeFinding({
          id: c.result.scenario ?? 'govcs-forbids',
          rule: 'govcs-forbids',
          cause: decision.invalid !== undefined ? 'govcs-invalid' : 'govcs',
          severity: c.probe.source === 'default' ? 'warning' : 'error',
          group: 'proxy',
          message: t`${module} ${directHeadline(c, network.chain[entry]?.label ?? 'direct')}.`,
          evidence: [...failedDirectEvidence(c.result), valueEvidence(input.env, 'GOVCS', input.settings.GOVCS)],
          fixes: fixesFor(decision, c.result.module, input),
          modules: [module],
        }),
      );
    }
    return out;
  },
};
