/**
 * The message catalogue: every human message in src/ is written with the `t` tag, and every one has a
 * Simplified Chinese translation that keeps its placeholders. A message added without its translation
 * fails here.
 */
import { dictionaryFor } from '../../src/i18n/dictionaries.js';
import { currentLanguage, languageFromLocale, messageId, setLanguage, t } from '../../src/i18n/language.js';
import { allMessages, messagesIn } from '../../scripts/message-ids.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\d+)\}/g)].map((m) => m[1] as string).sort();

describe('message ids', () => {
  test('the static reader sees the same id the tag builds at run time', () => {
    const module = 'example.com/x';
    const source = 'const a = t`${module} would fail at ${`#${1}`}: "${{ a: 1 }.a}"\\n`;';
    const [site] = messagesIn(source);
    const strings = Object.assign(['', ' would fail at ', ': "', '"\\n'], { raw: ['', ' would fail at ', ': "', '"\\n'] }) as unknown as TemplateStringsArray;
    expect(site?.id).toBe(messageId(strings));
    expect(site?.id).toBe('{0} would fail at {1}: "{2}"\\n');
    void module;
  });

  test('the locale decides the language in POSIX order; only zh* means Chinese', () => {
    expect(languageFromLocale({ LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(languageFromLocale({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(languageFromLocale({ LC_MESSAGES: 'zh_TW', LANG: 'en_US' })).toBe('zh');
    expect(languageFromLocale({ LC_ALL: '', LANG: 'zh' })).toBe('zh');
    expect(languageFromLocale({ LANG: 'zu_ZA' })).toBe('en');
    expect(languageFromLocale({})).toBe('en');
  });

  test('a translation puts the values where its placeholders say, in any order', () => {
    setLanguage('zh', { '{0} needs {1}': '{1} 被 {0} 需要' });
    try {
      expect(t`${'a'} needs ${'b'}`).toBe('b 被 a 需要');
      expect(t`${'a'} has no translation`).toBe('a has no translation');
    } finally {
      setLanguage('en');
    }
    expect(currentLanguage()).toBe('en');
  });
});

describe('Simplified Chinese', () => {
  const sites = allMessages();

  test('there are messages to translate', () => {
    expect(sites.length).toBeGreaterThan(0);
  });

  test('every message has a translation with the same placeholders', async () => {
    const zh = (await dictionaryFor('zh')) ?? {};
    const missing = sites.filter((site) => zh[site.id] === undefined).map((site) => `${site.file}:${site.line} ${JSON.stringify(site.id)}`);
    expect(missing).toEqual([]);
    const mismatched = sites
      .filter((site) => zh[site.id] !== undefined && placeholders(zh[site.id] as string).join() !== placeholders(site.id).join())
      .map((site) => `${site.file}:${site.line} ${JSON.stringify(site.id)}`);
    expect(mismatched).toEqual([]);
  });

  test('every translation is Chinese and belongs to a message that exists', async () => {
    const zh = (await dictionaryFor('zh')) ?? {};
    const ids = new Set(sites.map((site) => site.id));
    expect(Object.keys(zh).filter((id) => !ids.has(id))).toEqual([]);
    // A translation carries Chinese text unless the message is only placeholders and punctuation.
    const untranslated = Object.entries(zh).filter(([id, text]) => /[A-Za-z]{3}/.test(id.replace(/\{\d+\}/g, '')) && !/[\u4e00-\u9fff]/.test(text));
    expect(untranslated).toEqual([]);
  });
});
