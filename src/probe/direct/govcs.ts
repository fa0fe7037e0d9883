/**
 * GOVCS as cmd/go applies it to a repository root once the VCS is known
 * (mirrors go1.26 src/cmd/go/internal/vcs/vcs.go:665-798 parseGOVCS, allow, checkGOVCS; unchanged
 * since go1.19). The rule matching itself is goenv/route.ts's govcsVerdict, which `route` uses too.
 */
import { govcsVerdict, type GovcsVerdict } from '../../goenv/route.js';

/** The GOVCS decision for one repository root and VCS. */
export interface GovcsDecision {
  /** The VCS command (`git`, `hg`, ...). */
  vcs: string;
  /** The repository root GOVCS was checked against (the go-import prefix, or the known host's root). */
  root: string;
  /** GOPRIVATE matches the root: GOVCS's `private` rules apply. */
  private: boolean;
  allowed: boolean;
  /** The rule that decided (`public`, `private`, or a path pattern); absent when no rule matched. */
  rule?: string;
  /** The deciding rule is one of cmd/go's built-in `private:all,public:git|hg`. */
  defaultRule: boolean;
  /** What the deciding rule allows (`all` for anything). */
  ruleAllows: string[];
  /** cmd/go's error when GOVCS cannot be parsed (every direct fetch then fails with it). */
  invalid?: string;
  /** cmd/go's error text when the VCS is not allowed. */
  error?: string;
}

/**
 * Whether GOVCS lets cmd/go run `vcs` for `root`. `mod` (a module proxy announced by a go-import
 * tag) runs no VCS and is always allowed.
 */
export function checkGovcs(vcs: string, root: string, settings: { GOVCS: string; GOPRIVATE: string }): GovcsDecision {
  if (vcs === 'mod') return { vcs, root, private: false, allowed: true, defaultRule: false, ruleAllows: ['all'] };
  const verdict: GovcsVerdict = govcsVerdict(settings.GOVCS, settings.GOPRIVATE, root);
  const decision: GovcsDecision = {
    vcs,
    root,
    private: verdict.private,
    allowed: false,
    defaultRule: verdict.defaultRule,
    ruleAllows: verdict.allowed,
  };
  if (verdict.rule !== undefined) decision.rule = verdict.rule;
  if (verdict.error !== undefined) {
    decision.invalid = verdict.error;
    decision.error = verdict.error;
    return decision;
  }
  decision.allowed = verdict.allowed.some((a) => a === vcs || a === 'all');
  if (!decision.allowed) {
    decision.error = `GOVCS disallows using ${vcs} for ${verdict.private ? 'private' : 'public'} ${root}; see 'go help vcs'`;
  }
  return decision;
}
