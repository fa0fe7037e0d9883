/** The terminal-width wrapper: ANSI-aware widths, hanging indents, and what must never be broken. */
import { Chalk } from 'chalk';
import fc from 'fast-check';
import { hanging, layoutLines, stripAnsi, visibleWidth, whole, wrapLine } from '../../src/report/wrap.js';

const colour = new Chalk({ level: 1 });

const words = (text: string): string[] => stripAnsi(text).split(/\s+/).filter((w) => w !== '');

describe('visibleWidth and stripAnsi', () => {
  test('escape sequences take no columns', () => {
    const styled = `${colour.red('✗')} ${colour.bold.cyan('error')}`;
    expect(styled).toContain('\u001b[');
    expect(stripAnsi(styled)).toBe('✗ error');
    expect(visibleWidth(styled)).toBe(7);
  });

  test('a character outside the BMP counts once, not per UTF-16 unit', () => {
    expect(visibleWidth('a𝄞b')).toBe(3);
  });
});

describe('wrapLine', () => {
  test('a line that fits is returned as it is, including one exactly as wide as the terminal', () => {
    expect(wrapLine('short line', 40)).toEqual(['short line']);
    const exact = 'x'.repeat(40);
    expect(wrapLine(exact, 40)).toEqual([exact]);
  });

  test('breaks at spaces, keeps every word in order, and no line is wider than the width', () => {
    const line = 'the quick brown fox jumps over the lazy dog and keeps running through the forest until night falls';
    const out = wrapLine(line, 30);
    expect(out.length).toBeGreaterThan(2);
    for (const part of out) expect(visibleWidth(part)).toBeLessThanOrEqual(30);
    expect(out.flatMap(words)).toEqual(words(line));
    // No trailing spaces where a line was broken.
    for (const part of out) expect(part).toBe(part.trimEnd());
  });

  test('continuation lines keep the indentation and hang under the text of a numbered item', () => {
    const line = '      2. Tell go the module is private so it fetches it directly instead of asking the proxy';
    const out = wrapLine(line, 50);
    expect(out[0]?.startsWith('      2. Tell')).toBe(true);
    for (const part of out.slice(1)) expect(part).toMatch(/^ {9}\S/);
  });

  test('status marks, dashes and box-drawing bars are list markers too', () => {
    for (const mark of ['✗', '⚠', '-', '│']) {
      const out = wrapLine(`  ${mark} one two three four five six seven eight nine ten eleven twelve`, 30);
      expect(out.length).toBeGreaterThan(1);
      for (const part of out.slice(1)) expect(part).toMatch(/^ {4}\S/);
    }
  });

  test('a URL longer than the line is never split: it overflows on a line of its own', () => {
    const url = 'https://goproxy.corp.invalid/github.com/acme/a-rather-long-module-name/@v/v1.2.3.info';
    const out = wrapLine(`   GET ${url} answered 404 Not Found after a while`, 40);
    expect(out).toContain(`   ${url}`);
    expect(out.filter((part) => part.includes('https://'))).toHaveLength(1);
  });

  test('a backtick-quoted inline command stays on one line', () => {
    const line = 'Mark the module private with `go env -w GOPRIVATE=github.com/acme/*` and then run the build again';
    const out = wrapLine(line, 40);
    expect(out.some((part) => part.includes('`go env -w GOPRIVATE=github.com/acme/*`'))).toBe(true);
  });

  test('an unmatched backtick does not glue the rest of the line together', () => {
    const line = "it's the `quote that never closes and the line still wraps at its spaces as usual";
    const out = wrapLine(line, 30);
    for (const part of out) expect(visibleWidth(part)).toBeLessThanOrEqual(30);
  });

  test('a marker is never left alone at the end of a line', () => {
    const out = wrapLine('  1. https://a-very-long-host-name.invalid/with/a/path/that/cannot/fit', 30);
    expect(out[0]).toBe('  1. https://a-very-long-host-name.invalid/with/a/path/that/cannot/fit');
  });

  test('widths too narrow for a hanging indent fall back to the plain indent, then to no wrapping', () => {
    const shallow = `${' '.repeat(10)}- alpha beta gamma delta epsilon zeta eta theta`;
    const out = wrapLine(shallow, 27);
    expect(out.length).toBeGreaterThan(1);
    for (const part of out.slice(1)) expect(part).toMatch(/^ {10}[a-z]/);
    const deep = `${' '.repeat(20)}- alpha beta gamma delta epsilon zeta eta theta`;
    expect(wrapLine(deep, 30)).toEqual([deep]);
  });

  test('colour: a style open at a break is closed at the line end and reopened after the indentation', () => {
    const line = `   ${colour.dim('line 3:')} ${colour.yellow('go: example.com/mod@v1.0.0: reading https://proxy.invalid/example.com/mod/@v/v1.0.0.info: 404 Not Found')}`;
    const out = wrapLine(line, 40);
    expect(out.length).toBeGreaterThan(1);
    expect(out.flatMap(words)).toEqual(words(line));
    // A line is within the width unless it holds one word too long for any line (the URL).
    for (const part of out) expect(visibleWidth(part) <= 40 || words(part).length === 1).toBe(true);
    // Each line opens and closes its own colour; the indentation itself stays unstyled.
    expect(out[0]?.endsWith('\u001b[39m')).toBe(true);
    for (const part of out.slice(1)) {
      expect(part).toMatch(/^ {3}\u001b\[33m/);
      expect(part.endsWith('\u001b[39m')).toBe(true);
    }
  });

  test('property: words survive in order and lines fit whenever every word does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z0-9./:@-]{1,12}$/), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 24, max: 100 }),
        (list, indent, width) => {
          const line = `${' '.repeat(indent)}${list.join(' ')}`;
          const out = wrapLine(line, width);
          expect(out.flatMap(words)).toEqual(list);
          for (const part of out) expect(visibleWidth(part)).toBeLessThanOrEqual(width);
          for (const part of out) expect(part.startsWith(' '.repeat(indent))).toBe(true);
        },
      ),
    );
  });
});

describe('layoutLines', () => {
  const long = 'a sentence long enough to need wrapping at forty columns, and then some more words';
  const command = '         $ go env -w GOPRIVATE=github.com/acme/* GONOSUMDB=github.com/acme/* GOFLAGS=-mod=mod';

  test('without a width (not a terminal) every line is left whole', () => {
    expect(layoutLines([long, whole(command), hanging(long, 4)])).toBe(`${long}\n${command}\n${long}\n`);
  });

  test('with a width, prose wraps but a whole line (a shell command) never does', () => {
    const text = layoutLines([long, whole(command)], 40);
    const lines = text.trimEnd().split('\n');
    expect(lines).toContain(command);
    expect(lines.length).toBeGreaterThan(3);
    expect(text.endsWith('\n')).toBe(true);
  });

  test('a hanging line continues at the column it names', () => {
    const lines = layoutLines([hanging(`module-not-found  ${long}`, 18)], 40).trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const part of lines.slice(1)) expect(part).toMatch(/^ {18}\S/);
  });

  test('prose holding newlines is split before wrapping', () => {
    expect(layoutLines(['one\ntwo'], 40)).toBe('one\ntwo\n');
  });
});

describe('Chinese text', () => {
  const sentence = '标记该组织为私有，这样 go 会直接获取其模块，且不会把模块路径发送给任何模块代理（包括 proxy.golang.org 和 goproxy.cn）。';

  test('a CJK character or fullwidth punctuation mark takes two columns; narrow symbols one', () => {
    expect(visibleWidth('模块代理')).toBe(8);
    expect(visibleWidth('，（）')).toBe(6);
    expect(visibleWidth(`${colour.red('错误')} x`)).toBe(6);
    expect(visibleWidth('✓ ✗ ⚠ ℹ · │')).toBe(11);
    expect(visibleWidth('𠀀')).toBe(2);
  });

  test('breaks between characters where there is no space, within the width, losing nothing', () => {
    const out = wrapLine(`   2. ${sentence}`, 40);
    expect(out.length).toBeGreaterThan(2);
    for (const part of out) expect(visibleWidth(part)).toBeLessThanOrEqual(40);
    expect(out.join('').replace(/\s+/g, '')).toBe(`2.${sentence}`.replace(/\s+/g, ''));
    for (const part of out.slice(1)) expect(part).toMatch(/^ {6}\S/);
  });

  test('never starts a line with closing punctuation nor ends one with opening punctuation', () => {
    fc.assert(
      fc.property(fc.integer({ min: 24, max: 70 }), (width) => {
        for (const part of wrapLine(sentence, width)) {
          expect(part.trimStart()).not.toMatch(/^[，。；：）]/);
          expect(part).not.toMatch(/（$/);
        }
      }),
    );
  });

  test('words of Latin text inside Chinese stay whole, and so do backticked spans', () => {
    const line = '请运行 `go env -w GOPRIVATE=github.com/acme/*` 把组织标记为私有，然后访问 https://goproxy.cn/github.com/acme/private/@v/list 检查';
    const out = wrapLine(line, 30);
    const joined = out.map((part) => part.trim()).join('\n');
    expect(joined).toContain('`go env -w GOPRIVATE=github.com/acme/*`');
    expect(joined).toContain('https://goproxy.cn/github.com/acme/private/@v/list');
  });

  test('colour survives a break between two Chinese characters', () => {
    const out = wrapLine(colour.yellow('模块代理'.repeat(12)), 20);
    expect(out.length).toBeGreaterThan(1);
    for (const part of out) {
      expect(part.startsWith('\u001b[33m')).toBe(true);
      expect(part.endsWith('\u001b[39m')).toBe(true);
    }
  });
});
