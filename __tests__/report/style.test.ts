/**
 * Without colour, createStyle answers without loading chalk; what it returns must behave as chalk at
 * level 0 for every style name, chain and argument list, or reports written into a pipe would differ
 * from what chalk produced.
 */
import { Chalk, backgroundColorNames, foregroundColorNames, modifierNames } from 'chalk';
import fc from 'fast-check';
import { createStyle } from '../../src/report/style.js';

const NO_COLOUR = { choice: 'never', env: {}, isTTY: false } as const;
// `visible` is chalk's own: text shown only with colour.
const NAMES = [...modifierNames, ...foregroundColorNames, ...backgroundColorNames, 'visible'];

// A chain of style names applied to one root, as the reports write them (`chalk.bold.red`).
function styled(root: object, chain: readonly string[]): (...text: unknown[]) => string {
  let style: unknown = root;
  for (const name of chain) style = (style as Record<string, unknown>)[name];
  if (typeof style !== 'function') throw new Error(`${chain.join('.')} is not a style`);
  return style as (...text: unknown[]) => string;
}

describe('createStyle without colour', () => {
  test('every chain of chalk style names returns what chalk at level 0 returns', async () => {
    const plain = await createStyle(NO_COLOUR);
    const chalk = new Chalk({ level: 0 });
    const text = fc.oneof(fc.string(), fc.integer(), fc.constant(undefined), fc.constant(''));
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 4 }), fc.array(text, { maxLength: 3 }), (chain, args) => {
        expect(styled(plain, chain)(...args)).toBe(styled(chalk, chain)(...args));
      }),
      { numRuns: 2000 },
    );
    expect(plain.level).toBe(0);
    expect(plain.rgb(1, 2, 3).bold('x')).toBe(chalk.rgb(1, 2, 3).bold('x'));
  });

  test('with colour it is chalk itself, at level 1', async () => {
    const coloured = await createStyle({ choice: 'always', env: {}, isTTY: false });
    expect(coloured.level).toBe(1);
    expect(coloured.red('x')).toBe('\u001b[31mx\u001b[39m');
  });

  test('the plain style is no thenable, so awaiting it yields it', async () => {
    const plain = await createStyle(NO_COLOUR);
    expect((plain as unknown as Record<string, unknown>).then).toBeUndefined();
    expect(await Promise.resolve(plain)).toBe(plain);
  });
});
