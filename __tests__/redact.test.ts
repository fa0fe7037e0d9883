import { redactDeep, redactSecrets, redactUrl, safeText, stripControlCharacters } from '../src/redact.js';

describe('redactUrl', () => {
  test.each([
    ['https://user:hunter2@proxy.corp.example/go', 'https://user:xxxxx@proxy.corp.example/go'],
    ['GOPROXY=https://a:b@x.example,https://c:d@y.example|direct', 'GOPROXY=https://a:xxxxx@x.example,https://c:xxxxx@y.example|direct'],
    ['http://tok@h.example', 'http://tok@h.example'],
    ['https://u:p@ss@h.example/x', 'https://u:xxxxx@h.example/x'],
    ['Get "https://u:p%40ss@h.example/m/@v/list": EOF', 'Get "https://u:xxxxx@h.example/m/@v/list": EOF'],
    ['no url here', 'no url here'],
  ])('%s', (input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });
});

describe('redactSecrets', () => {
  test('hides Authorization and Proxy-Authorization credentials', () => {
    const text = 'Authorization: Basic dXNlcjpodW50ZXIy\nProxy-Authorization: Bearer abc.def\nX: 1';
    const out = redactSecrets(text);
    expect(out).not.toContain('dXNlcjpodW50ZXIy');
    expect(out).not.toContain('abc.def');
    expect(out).toContain('Authorization: Basic xxxxx');
    expect(out).toContain('X: 1');
  });

  test('hides known secrets such as .netrc passwords wherever they occur', () => {
    expect(redactSecrets('server said: s3cr3t-pw is wrong', ['s3cr3t-pw'])).toBe('server said: xxxxx is wrong');
  });
});

describe('stripControlCharacters', () => {
  test('removes CSI and OSC sequences, C0/C1 controls, keeps tabs and newlines', () => {
    const hostile = '\u001b[31mred\u001b[0m \u001b]0;owned title\u0007ok\u0000\u0008\tTab\r\nnext\u009b';
    expect(stripControlCharacters(hostile)).toBe('red ok\tTab\nnext');
  });
});

describe('safeText and redactDeep', () => {
  test('safeText strips control characters and secrets together', () => {
    expect(safeText('\u001b[2Jhttps://u:p@h.example')).toBe('https://u:xxxxx@h.example');
  });

  test('redactDeep reaches strings at any depth and leaves other values alone', () => {
    const doc = { a: ['https://u:p@h.example'], b: { c: 'Authorization: Bearer t0k', n: 3, t: true, z: null } };
    expect(redactDeep(doc, ['t0k'])).toEqual({
      a: ['https://u:xxxxx@h.example'],
      b: { c: 'Authorization: Bearer xxxxx', n: 3, t: true, z: null },
    });
  });
});
