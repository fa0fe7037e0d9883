/**
 * Colour is decided once per run and passed down as a Chalk instance:
 * `--color`/`--no-color` beat `NO_COLOR`, which beats `FORCE_COLOR`, which beats "is stdout a terminal".
 * chalk's own detection is not used because it ignores NO_COLOR.
 */
import type { ChalkInstance } from 'chalk';

export type ColorChoice = 'always' | 'never' | 'auto';

export interface ColorInputs {
  choice: ColorChoice;
  env: Readonly<Record<string, string | undefined>>;
  isTTY: boolean;
}

/** Returns the chalk level to use: 0 for none, 1 for basic colours. */
export function decideColorLevel({ choice, env, isTTY }: ColorInputs): 0 | 1 {
  if (choice === 'always') return 1;
  if (choice === 'never') return 0;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force === '0' || force === 'false' ? 0 : 1;
  if (env.TERM === 'dumb') return 0;
  return isTTY ? 1 : 0;
}

/** A Chalk instance at the decided level; chalk loads here, so `--version` and `--help` never load it. */
export async function createStyle(inputs: ColorInputs): Promise<ChalkInstance> {
  const { Chalk } = await import('chalk');
  return new Chalk({ level: decideColorLevel(inputs) });
}
