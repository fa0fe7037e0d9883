/**
 * Error texts the analysis writes in cmd/go's own `go: …` form (GOAUTH, toolchain selection): as evidence
 * they are the tool's prediction of what go would print, so they are labelled as such. Pure.
 */
import { predictedGoError } from './rule-kit.js';

/** A `go: …` line as a labelled prediction; any other line (a go.mod parse error, a note) as it is. */
export function goErrorLineEvidence(error: string): string {
  return error.startsWith('go: ') ? predictedGoError(error.slice('go: '.length)) : error;
}
