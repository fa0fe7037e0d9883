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

/**
 * A Chalk instance at the decided level; chalk loads here, so `--version` and `--help` never load it.
 * Without colour (output into a pipe or a file, NO_COLOR) chalk is not loaded at all: its modules
 * cost about a tenth of `explain`'s start-up, and at level 0 every style returns its text as is.
 */
export async function createStyle(inputs: ColorInputs): Promise<ChalkInstance> {
  const level = decideColorLevel(inputs);
  if (level === 0) return plainStyle();
  const { Chalk } = await import('chalk');
  return new Chalk({ level });
}

// chalk's style names (its modifiers, foreground and background colours) and the ones that take a
// colour as arguments (`rgb(…)`, `hex(…)`).
const STYLE_NAMES = new Set(
  [
    'reset bold dim italic underline overline inverse hidden strikethrough',
    'black red green yellow blue magenta cyan white gray grey blackBright redBright greenBright yellowBright blueBright magentaBright cyanBright whiteBright',
    'bgBlack bgRed bgGreen bgYellow bgBlue bgMagenta bgCyan bgWhite bgGray bgGrey bgBlackBright bgRedBright bgGreenBright bgYellowBright bgBlueBright bgMagentaBright bgCyanBright bgWhiteBright',
  ].flatMap((names) => names.split(' ')),
);
const COLOR_FUNCTIONS = new Set(['rgb', 'hex', 'ansi256', 'bgRgb', 'bgHex', 'bgAnsi256']);

/**
 * What `new Chalk({ level: 0 })` does, without chalk: a style called with text returns it (several
 * arguments joined by a space, as chalk joins them), every style name leads to another such style,
 * and `visible` (text shown only with colour) to one that returns ''. Other names are undefined,
 * so the object is no thenable.
 */
function plainStyle(): ChalkInstance {
  const make = (empty: boolean): object => {
    const apply = (...text: unknown[]): string => (empty ? '' : text.length === 1 ? String(text[0]) : text.join(' '));
    const style: object = new Proxy(apply, {
      get(target, key) {
        if (key === 'level') return 0;
        if (typeof key !== 'string') return undefined;
        if (key === 'visible') return make(true);
        if (STYLE_NAMES.has(key)) return style;
        if (COLOR_FUNCTIONS.has(key)) return () => style;
        return undefined;
      },
    });
    return style;
  };
  // The proxy answers every member ChalkInstance declares; TypeScript cannot see that through it.
  return make(false) as ChalkInstance;
}
