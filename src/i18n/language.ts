/**
 * The language of human output, decided once per process before any command runs (like colour): from
 * `--lang`, else from the locale variables in POSIX order (LC_ALL, then LC_MESSAGES, then LANG; the
 * first non-empty one decides), Simplified Chinese when it starts with `zh`. `--json` output is always
 * English: scripts read it. Messages are written in English in the code with the tag {@link t}; the
 * English text is the message id, and a language's dictionary maps ids to translations.
 */

/** The languages human output can be written in. */
export type Language = 'en' | 'zh';

/** The languages `--lang` accepts. */
export const LANGUAGES: readonly Language[] = ['en', 'zh'];

/** A dictionary: English message id (placeholders `{0}`, `{1}` … in order) → translation (placeholders in any order). */
export type Dictionary = Readonly<Record<string, string>>;

let current: Language = 'en';
let dictionary: Dictionary | undefined;

/** The language chosen by the locale variables, as cmd-line tools read them (LC_ALL > LC_MESSAGES > LANG). */
export function languageFromLocale(env: Readonly<Record<string, string | undefined>>): Language {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    return /^zh(?:[_.@-]|$)/i.test(value) ? 'zh' : 'en';
  }
  return 'en';
}

/** Sets the output language and its dictionary (absent for English). Called once, at start-up. */
export function setLanguage(language: Language, translations?: Dictionary): void {
  current = language;
  dictionary = language === 'en' ? undefined : translations;
}

/** The output language in effect. */
export function currentLanguage(): Language {
  return current;
}

/**
 * A template's raw text with its `\uXXXX` escapes read as the characters they stand for (an escaped
 * backslash stays as written). The built CLI is pure ASCII (scripts/build.ts writes every other
 * character as such an escape, which Node loads fastest), so `…` reaches a tagged template's raw text
 * as `\u2026` there and as `…` from the sources; both give the same id.
 */
export function decodeUnicodeEscapes(raw: string): string {
  if (!raw.includes('\\u')) return raw;
  return raw.replace(/\\(?:\\|u([0-9A-Fa-f]{4}))/g, (whole, hex: string | undefined) => (hex === undefined ? whole : String.fromCharCode(Number.parseInt(hex, 16))));
}

/**
 * The id of a tagged message: its literal parts joined with numbered placeholders. The raw text is
 * used, so the id reads exactly as the source does (escapes stay written as escapes, but for the
 * `\uXXXX` of the built CLI: see decodeUnicodeEscapes).
 */
export function messageId(strings: TemplateStringsArray): string {
  let id = decodeUnicodeEscapes(strings.raw[0] ?? '');
  for (let i = 1; i < strings.raw.length; i++) id += `{${i - 1}}${decodeUnicodeEscapes(strings.raw[i] ?? '')}`;
  return id;
}

/**
 * A human message: `t\`${module} would fail at ${label}\``. In English it is the text as written; in
 * another language it is the dictionary's translation of its id with the same values put in. A message
 * without a translation falls back to English (the catalogue test makes sure none is missing).
 */
export function t(strings: TemplateStringsArray, ...values: readonly unknown[]): string {
  const translation = dictionary?.[messageId(strings)];
  if (translation === undefined) {
    let out = strings[0] ?? '';
    for (let i = 1; i < strings.length; i++) out += String(values[i - 1]) + (strings[i] ?? '');
    return out;
  }
  return translation.replace(/\{(\d+)\}/g, (whole, index: string) => (Number(index) < values.length ? String(values[Number(index)]) : whole));
}
