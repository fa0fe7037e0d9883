/**
 * Running code with the output language set to Simplified Chinese in tests: the dictionary is loaded
 * once before the tests of the enclosing file or describe block, and English is always restored
 * afterwards (after each run and after the block), so no test leaks its language into another.
 */
import { afterAll, beforeAll } from '@jest/globals';
import { dictionaryFor } from '../../src/i18n/dictionaries.js';
import { setLanguage, type Dictionary } from '../../src/i18n/language.js';

export interface Chinese {
  /** The zh dictionary (empty until the block's beforeAll has run). */
  dictionary(): Dictionary;
  /** Runs `f` in Chinese, and is back in English afterwards whatever happens. */
  run<T>(f: () => T): T;
}

/** Registers the loading hooks in the current file or describe block; call it at that level. */
export function useChinese(): Chinese {
  let zh: Dictionary = {};
  beforeAll(async () => {
    zh = (await dictionaryFor('zh')) ?? {};
  });
  afterAll(() => {
    setLanguage('en');
  });
  return {
    dictionary: () => zh,
    run<T>(f: () => T): T {
      setLanguage('zh', zh);
      try {
        return f();
      } finally {
        setLanguage('en');
      }
    },
  };
}
