/**
 * The static reader of message ids (scripts/message-ids.ts) sees every `t` message the way the tag
 * builds its id at run time, wherever it sits: inside an untagged template (a help text), inside another
 * message's value, after a regular expression holding quotes or backticks; and nothing else.
 */
import { decodeUnicodeEscapes, messageId } from '../../src/i18n/language.js';
import { messagesIn } from '../../scripts/message-ids.js';

const ids = (source: string): string[] => messagesIn(source).map((site) => site.id);

/** The id the tag builds for a template with these raw literal parts. */
const idOf = (...raw: string[]): string => messageId(Object.assign([...raw], { raw }) as unknown as TemplateStringsArray);

test('messages inside an untagged template, at any depth, in source order', () => {
  const source = 'const help = `\n${t`Examples:`}\n  goproxy-doctor env   # ${t`every variable`}\n${`${t`deep ${x}`}`}\n`;';
  expect(ids(source)).toEqual(['Examples:', 'every variable', idOf('deep ', '')]);
});

test("a message inside another message's value is a message of its own", () => {
  const source = "t`cannot execute ${name}: ${code === 'EACCES' ? t`permission denied` : code}`";
  expect(ids(source)).toEqual(['cannot execute {0}: {1}', 'permission denied']);
});

test('regular expression literals are stepped over, quotes and backticks in them included', () => {
  const source = [
    "if ((match = /^unknown option '(.*)'$/.exec(body))) return t`unknown option '${match[1]}'`;",
    'const tick = /`+/g; const other = t`after a backtick regex`;',
    "return /[/'\"]/.test(x) ? t`slash in a class` : '';",
  ].join('\n');
  expect(ids(source)).toEqual(["unknown option '{0}'", 'after a backtick regex', 'slash in a class']);
});

test('a division is not a regular expression', () => {
  const source = "const half = total / 2; const rate = (a / b) / c; const s = t`${half} of ${rate}`; const q = 'x / y';";
  expect(ids(source)).toEqual(['{0} of {1}']);
});

test('comments, strings and untagged templates hold no message; identifiers ending in t are no tag', () => {
  const source = [
    '// t`not in a line comment`',
    '/* t`nor in a block comment` */',
    "const a = 't`nor in a string`';",
    'const b = `nor in an untagged ${"template"}`;',
    'const c = format`nor after another tag`; const d = obj.t`nor after a member`;',
    'const e = t`but here`;',
  ].join('\n');
  expect(ids(source)).toEqual(['but here']);
});

test('the line of each message is where its template starts', () => {
  const source = 'const x = 1;\nconst help = `\n\n${t`third line`}`;\nt`fourth`;';
  expect(messagesIn(source, 'f.ts').map((site) => [site.line, site.id, site.file])).toEqual([
    [4, 'third line', 'f.ts'],
    [5, 'fourth', 'f.ts'],
  ]);
});

test('the built CLI writes non-ASCII characters as \\uXXXX escapes; the id reads them back, and only them', () => {
  // What the source holds, and the same template after the build escaped it: one id.
  expect(idOf('Checking\\u2026')).toBe(idOf('Checking…'));
  expect(idOf('zh\\u2026 means ', ' \\u00b7 x')).toBe('zh… means {0} · x');
  // An escaped backslash followed by "u…" is no escape, and other escapes stay written as they are.
  expect(decodeUnicodeEscapes('a \\\\u2026 b')).toBe('a \\\\u2026 b');
  expect(decodeUnicodeEscapes('\\`go\\` \\n \\u12')).toBe('\\`go\\` \\n \\u12');
  expect(decodeUnicodeEscapes('\\\\\\u00e9')).toBe('\\\\é');
});
