import { parseGoMod } from '../../src/goenv/gomod.js';

describe('parseGoMod', () => {
  test('module, go, toolchain and both require forms', () => {
    const text = [
      '// leading comment',
      'module example.com/me // trailing comment',
      '',
      'go 1.22.1',
      'toolchain go1.23.5',
      '',
      'require github.com/BurntSushi/toml v1.3.2',
      '',
      'require (',
      '\tgolang.org/x/text v0.14.0 // indirect',
      '\t// a whole-line comment inside the block',
      '\texample.com/a v1.0.0 // indirect; pinned for reasons',
      '\texample.com/b v1.1.0 // not indirect',
      '\t"example.com/quoted" v0.1.0',
      ')',
      '',
      'replace example.com/a => ../a',
      'exclude example.com/b v1.0.9',
      'retract v0.0.1',
    ].join('\n');
    expect(parseGoMod(text)).toEqual({
      module: 'example.com/me',
      go: '1.22.1',
      toolchain: 'go1.23.5',
      requires: [
        { path: 'github.com/BurntSushi/toml', version: 'v1.3.2', indirect: false },
        { path: 'golang.org/x/text', version: 'v0.14.0', indirect: true },
        { path: 'example.com/a', version: 'v1.0.0', indirect: true },
        { path: 'example.com/b', version: 'v1.1.0', indirect: false },
        { path: 'example.com/quoted', version: 'v0.1.0', indirect: false },
      ],
    });
  });

  test('quoted module path with escapes, CRLF line endings and a BOM', () => {
    const text = '\uFEFFmodule "example.com/q\\u0020"\r\nrequire (\r\n  example.com/x v1.0.0\r\n)\r\n';
    const parsed = parseGoMod(text);
    expect(parsed.module).toBe('example.com/q ');
    expect(parsed.requires).toEqual([{ path: 'example.com/x', version: 'v1.0.0', indirect: false }]);
  });

  test('never throws on odd input and keeps what it understands', () => {
    const text = [
      'module',
      'require',
      'require example.com/only-path',
      'require example.com/too many args',
      'require "unterminated v1.0.0',
      'require "example.com/bad\\q" v1.0.0',
      'require `example.com/raw` v1.0.1',
      'require ()',
      'require example.com/ok v1.2.3',
      'require (',
      'example.com/in-open-block v0.0.1',
    ].join('\n');
    expect(() => parseGoMod(text)).not.toThrow();
    expect(parseGoMod(text).requires).toEqual([
      { path: 'example.com/raw', version: 'v1.0.1', indirect: false },
      { path: 'example.com/ok', version: 'v1.2.3', indirect: false },
      { path: 'example.com/in-open-block', version: 'v0.0.1', indirect: false },
    ]);
    expect(parseGoMod('').requires).toEqual([]);
    expect(parseGoMod('\u0000\u0001 garbage ((( ))) "').module).toBeUndefined();
  });

  test('an `indirect` marker must be the first word of the comment', () => {
    const parsed = parseGoMod('require (\n a.example/x v1.0.0 //indirect\n b.example/y v1.0.0 // see indirect\n)\n');
    expect(parsed.requires.map((r) => r.indirect)).toEqual([true, false]);
  });
});
