/**
 * Helpers for the per-scenario tests: run one scenario on a piece of go output, and build a
 * GoEnvironment value (plain data, as src/goenv/resolve.ts would produce it) for env-aware ranking.
 */
import { blocksFromText } from '../../src/explain/read-log.js';
import { analyzeBlock } from '../../src/scenarios/facts.js';
import type { Diagnosis, Scenario, ScenarioDetails, ScenarioMatch } from '../../src/scenarios/types.js';
import type { GoEnvironment, Origin } from '../../src/goenv/types.js';

/** The scenario's match on the first block of `text` it claims, or undefined. Honours the trigger, as the engine does. */
export function matchText<D extends ScenarioDetails>(scenario: Scenario<D>, text: string, env?: GoEnvironment): ScenarioMatch<D> | undefined {
  for (const block of blocksFromText(text)) {
    if (!scenario.trigger.test(block.text)) continue;
    const match = scenario.match({ ...block, facts: analyzeBlock(block) }, env ? { env } : {});
    if (match) return match;
  }
  return undefined;
}

/** Like matchText, but fails the test when the scenario does not match; returns a Diagnosis for `fixes`. */
export function diagnose<D extends ScenarioDetails>(scenario: Scenario<D>, text: string, env?: GoEnvironment): Diagnosis<D> {
  const match = matchText(scenario, text, env);
  if (!match) throw new Error(`${scenario.id} did not match:\n${text}`);
  return { ...match, scenario: scenario.id, line: 1 };
}

/** A GoEnvironment with the given variables: a bare string is a `goenv-file` value; a pair names the origin. */
export function goEnv(variables: Record<string, string | [string, Origin]>, goVersion = 'go1.23.5'): GoEnvironment {
  const result: GoEnvironment = { goVersion, goBinary: 'go', variables: {}, goEnvJson: {} };
  for (const [name, spec] of Object.entries(variables)) {
    const [value, origin] = typeof spec === 'string' ? [spec, 'goenv-file' as Origin] : spec;
    result.variables[name] = { name, value, origin, notes: [] };
    result.goEnvJson[name] = value;
  }
  // cmd/go reports GONOPROXY/GONOSUMDB as GOPRIVATE when they are unset (cfg.go:430-432).
  for (const name of ['GONOPROXY', 'GONOSUMDB']) {
    if (result.variables[name] === undefined && result.variables.GOPRIVATE !== undefined) {
      result.variables[name] = { name, value: result.variables.GOPRIVATE.value, origin: 'derived', notes: [] };
      result.goEnvJson[name] = result.variables.GOPRIVATE.value;
    }
  }
  return result;
}

/** The ids of a fix list, in order. */
export function fixIds(fixes: readonly { id: string }[]): string[] {
  return fixes.map((fix) => fix.id);
}

/** Commands and texts of a fix list, joined, for "mentions" assertions. */
export function fixText(fixes: readonly { command?: string; text: string }[]): string {
  return fixes.map((fix) => `${fix.text}\n${fix.command ?? ''}`).join('\n');
}
