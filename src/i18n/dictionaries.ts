/**
 * Where each language's dictionary comes from. Dictionaries are loaded only when their language is
 * chosen, so English output never pays for them.
 */
import type { Dictionary, Language } from './language.js';

/** The dictionary of a language, or undefined for English (the messages are written in it). */
export async function dictionaryFor(language: Language): Promise<Dictionary | undefined> {
  if (language === 'en') return undefined;
  const parts = await Promise.all([import('./zh/cli.js'), import('./zh/check.js'), import('./zh/scenarios.js'), import('./zh/report.js')]);
  return Object.assign({}, ...parts.map((part) => part.ZH));
}
