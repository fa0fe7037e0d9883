/**
 * Borrowing the explain catalogue's knowledge for `check`: a problem `check` finds is handed to the
 * same scenario that would explain the error `go` prints for it, so both commands propose the same
 * fixes. Pure.
 */
import { matchBlock, orderFixes } from '../explain/engine.js';
import { blocksFromText } from '../explain/read-log.js';
import type { Fix } from '../fix.js';
import type { GoEnvironment } from '../goenv/types.js';
import { findScenario } from '../scenarios/index.js';
import type { Diagnosis, ExtractedFields, ScenarioId } from '../scenarios/types.js';

/** What a scenario's fixes are computed from, when `check` builds the diagnosis itself. */
export interface SyntheticDiagnosis {
  fields?: ExtractedFields;
  details?: Record<string, string>;
  evidence?: string;
}

/** The fixes scenario `id` proposes for a diagnosis built by `check`, safest first. A broken scenario yields none. */
export function scenarioFixes(id: ScenarioId, diagnosis: SyntheticDiagnosis, env: GoEnvironment | undefined): Fix[] {
  const scenario = findScenario(id);
  if (!scenario) return [];
  const full: Diagnosis = {
    scenario: id,
    line: 1,
    confidence: 1,
    fields: diagnosis.fields ?? {},
    evidence: diagnosis.evidence ?? '',
    details: diagnosis.details ?? {},
  };
  try {
    return orderFixes(scenario.fixes(full, env));
  } catch {
    return [];
  }
}

/**
 * Runs the catalogue over an error text in cmd/go's own format (`go: M@V: Get "…": …`), as `explain`
 * would. Returns the diagnosis of `preferred` when that scenario matches, else the best match.
 */
export function diagnoseGoError(text: string, env: GoEnvironment | undefined, preferred?: ScenarioId): Diagnosis | undefined {
  const block = blocksFromText(text)[0];
  if (!block) return undefined;
  let verdicts;
  try {
    verdicts = matchBlock(block, env ? { env } : {});
  } catch {
    return undefined;
  }
  const chosen = (preferred !== undefined ? verdicts.find((v) => v.scenario === preferred) : undefined) ?? verdicts[0];
  return chosen?.diagnosis;
}

/**
 * Fixes for an error `go` would print: the catalogue's diagnosis of that text when scenario `id`
 * recognises it, else `fallback` handed to the same scenario.
 */
export function fixesForGoError(id: ScenarioId, goText: string, fallback: SyntheticDiagnosis, env: GoEnvironment | undefined): Fix[] {
  const diagnosis = diagnoseGoError(goText, env, id);
  if (diagnosis && diagnosis.scenario === id) {
    const merged: SyntheticDiagnosis = {
      // check's own facts (module, URL, status) are exact; the scenario's details are its own vocabulary.
      fields: { ...diagnosis.fields, ...(fallback.fields ?? {}) },
      details: { ...(fallback.details ?? {}), ...diagnosis.details },
      evidence: diagnosis.evidence,
    };
    return scenarioFixes(id, merged, env);
  }
  return scenarioFixes(id, fallback, env);
}
