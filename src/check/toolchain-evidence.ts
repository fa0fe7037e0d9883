/**
 * What the toolchain rules show as evidence: GOTOOLCHAIN with its origin, go.mod's go and toolchain
 * lines, and the problems of one kind. Pure.
 */
import type { CheckInput } from './rule.js';
import { valueEvidence } from './rule-kit.js';
import type { ToolchainProblem } from './toolchain.js';

/** GOTOOLCHAIN and go.mod's `go`/`toolchain` lines, the facts every toolchain finding rests on. */
export function toolchainEvidence(input: Pick<CheckInput, 'env' | 'toolchain'>): string[] {
  const { env, toolchain } = input;
  return [
    valueEvidence(env, 'GOTOOLCHAIN'),
    ...(toolchain.goLine !== undefined ? [`go.mod: go ${toolchain.goLine}`] : []),
    ...(toolchain.toolchainLine !== undefined ? [`go.mod: toolchain ${toolchain.toolchainLine}`] : []),
  ];
}

/** The problems of one kind, in the order the analysis found them. */
export function problemsOfKind<K extends ToolchainProblem['kind']>(input: Pick<CheckInput, 'toolchain'>, kind: K): Array<Extract<ToolchainProblem, { kind: K }>> {
  return input.toolchain.problems.filter((p): p is Extract<ToolchainProblem, { kind: K }> => p.kind === kind);
}
