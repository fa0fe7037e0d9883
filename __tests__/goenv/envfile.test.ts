import {
  gorootFileValues,
  intendedKey,
  parseEnvFile,
  suspiciousValueProblems,
  userFileValues,
} from '../../src/goenv/envfile.js';

describe('parseEnvFile (port of cfg.go readEnvFile)', () => {
  test.each([
    ['plain line', 'GOPROXY=https://p.invalid\n', [{ key: 'GOPROXY', value: 'https://p.invalid', line: 1 }], []],
    ['no trailing newline', 'GOPROXY=off', [{ key: 'GOPROXY', value: 'off', line: 1 }], []],
    ['value keeps later = signs', 'GOFLAGS=-ldflags=-s=1\n', [{ key: 'GOFLAGS', value: '-ldflags=-s=1', line: 1 }], []],
    ['empty value is an entry', 'GOPROXY=\n', [{ key: 'GOPROXY', value: '', line: 1 }], []],
    ['quotes are kept', 'GOPROXY="https://x"\n', [{ key: 'GOPROXY', value: '"https://x"', line: 1 }], []],
    ['CR is kept', 'GOPROXY=off\r\n', [{ key: 'GOPROXY', value: 'off\r', line: 1 }], []],
    ['key with a space is kept as written', 'GOPROXY =x\n', [{ key: 'GOPROXY ', value: 'x', line: 1 }], []],
    ['mixed-case key starting with a capital is accepted', 'GoProxy=x\n', [{ key: 'GoProxy', value: 'x', line: 1 }], []],
    ['comment', '# GOPROXY=x\n', [], [{ line: 1, text: '# GOPROXY=x', reason: 'comment' }]],
    ['lowercase start', 'export GOPROXY=x\n', [], [{ line: 1, text: 'export GOPROXY=x', reason: 'bad-first-character' }]],
    ['leading space', ' GOPROXY=x\n', [], [{ line: 1, text: ' GOPROXY=x', reason: 'bad-first-character' }]],
    ['BOM makes the first line unreadable to go', '\ufeffGOPROXY=x\n', [], [{ line: 1, text: '\ufeffGOPROXY=x', reason: 'bad-first-character' }]],
    ['no equals', 'GOPROXY\n', [], [{ line: 1, text: 'GOPROXY', reason: 'no-equals' }]],
    ['line starting with =', '=x\n', [], [{ line: 1, text: '=x', reason: 'bad-first-character' }]],
    ['blank lines are silent', '\n\n  \n\r\nGOSUMDB=off\n', [{ key: 'GOSUMDB', value: 'off', line: 5 }], []],
  ])('%s', (_name, text, entries, ignored) => {
    const parsed = parseEnvFile(text);
    expect(parsed.entries).toEqual(entries);
    expect(parsed.ignored).toEqual(ignored);
  });

  test('line numbers count every line', () => {
    const parsed = parseEnvFile('# header\n\nGOPROXY=a\nbad\nGOSUMDB=b\n');
    expect(parsed.entries.map((e) => [e.key, e.line])).toEqual([
      ['GOPROXY', 3],
      ['GOSUMDB', 5],
    ]);
    expect(parsed.ignored.map((i) => i.line)).toEqual([1, 4]);
  });
});

describe('layering rules', () => {
  test('the user file: the last line for a key wins', () => {
    const values = userFileValues(parseEnvFile('GOPROXY=a\nGOPROXY=b\n'));
    expect(values.get('GOPROXY')).toEqual({ key: 'GOPROXY', value: 'b', line: 2 });
  });

  test('go.env: the first line wins and user keys (even empty ones) hide it', () => {
    const user = userFileValues(parseEnvFile('GOSUMDB=\n'));
    const goroot = gorootFileValues(parseEnvFile('GOPROXY=first\nGOPROXY=second\nGOSUMDB=sum.golang.org\n'), user);
    expect(goroot.get('GOPROXY')?.value).toBe('first');
    expect(goroot.has('GOSUMDB')).toBe(false);
  });
});

describe('suspiciousValueProblems', () => {
  test.each([
    ['https://proxy.golang.org,direct', []],
    ['', []],
    ['"https://x"', ['quotes']],
    ["'off'", ['quotes']],
    ['off\r', ['carriage return']],
    ['"off"\r', ['carriage return', 'quotes']],
    [' off', ['spaces']],
    ['a\u0000b', ['NUL']],
    ['a\u0007b', ['control characters']],
    ['"', []],
  ])('%j', (value, keywords) => {
    const problems = suspiciousValueProblems(value);
    expect(problems).toHaveLength(keywords.length);
    keywords.forEach((keyword, i) => expect(problems[i]).toContain(keyword));
  });
});

describe('intendedKey', () => {
  const known = ['GOPROXY', 'GOPRIVATE'];
  test.each([
    ['export GOPROXY=x', 'GOPROXY'],
    ['goproxy=x', 'GOPROXY'],
    [' GOPRIVATE = x', 'GOPRIVATE'],
    ['\ufeffGOPROXY=x', 'GOPROXY'],
    ['GOFLAGS=x', undefined],
    ['GOPROXY', undefined],
  ])('%j -> %s', (text, expected) => {
    expect(intendedKey(text, known)).toBe(expected);
  });
});
