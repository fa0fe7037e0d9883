import { echoForms, redactDeep, redactProxyValue, redactSecrets, redactUrl, safeText, scrubEchoedSecrets, stripControlCharacters } from '../src/redact.js';

describe('redactUrl', () => {
  test.each([
    ['https://user:hunter2@proxy.corp.example/go', 'https://user:xxxxx@proxy.corp.example/go'],
    ['GOPROXY=https://a:b@x.example,https://c:d@y.example|direct', 'GOPROXY=https://a:xxxxx@x.example,https://c:xxxxx@y.example|direct'],
    // A lone user name is how code hosts take tokens (https://TOKEN@host): it is masked too.
    ['http://tok@h.example', 'http://xxxxx@h.example'],
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

  test('works by position: a secret is removed where URL, header or query syntax holds it, and nowhere else', () => {
    const text = 'proxyconnect tcp: dial tcp 127.0.0.1:9: connect: connection refused (http://proxy:e@127.0.0.1:9)';
    expect(redactSecrets(text)).toBe('proxyconnect tcp: dial tcp 127.0.0.1:9: connect: connection refused (http://proxy:xxxxx@127.0.0.1:9)');
    const clean = 'module-not-found: the letter e and the word secret stay as they are';
    expect(redactSecrets(clean)).toBe(clean);
  });

  test('a lone user name is a token on code hosts, except the conventional ssh user', () => {
    expect(redactSecrets('https://ghp_abcdef@github.com/acme/x')).toBe('https://xxxxx@github.com/acme/x');
    expect(redactSecrets('ssh://git@github.com/acme/x')).toBe('ssh://git@github.com/acme/x');
  });

  test('a proxy value written without a scheme has its password masked too, an ssh address does not', () => {
    expect(redactSecrets('HTTPS_PROXY=bob:pw@127.0.0.1:3128 (now)')).toBe('HTTPS_PROXY=bob:xxxxx@127.0.0.1:3128 (now)');
    expect(redactSecrets('git@github.com:acme/x.git')).toBe('git@github.com:acme/x.git');
    expect(redactSecrets('now: alice:s3cret@proxy.corp')).toBe('now: alice:xxxxx@proxy.corp');
  });

  test('an opaque URI whose address holds @ (mailto:, sip:, xmpp:) is not userinfo', () => {
    for (const uri of ['mailto:admin@example.com', 'SIP:ops@pbx.corp', 'xmpp:bot@chat.corp']) {
      expect(redactSecrets(`Get "${uri}": unsupported protocol scheme`)).toBe(`Get "${uri}": unsupported protocol scheme`);
    }
    expect(redactSecrets('Get "mailto:admin@example.com", then HTTPS_PROXY=bob:pw@proxy.corp')).toBe('Get "mailto:admin@example.com", then HTTPS_PROXY=bob:xxxxx@proxy.corp');
  });

  test('credential query parameters are masked', () => {
    expect(redactSecrets('https://goproxy.corp/r?token=abc123&x=1')).toBe('https://goproxy.corp/r?token=xxxxx&x=1');
    // The punctuation of the sentence around the URL stays, and redacting twice changes nothing more.
    const line = 'reading https://goproxy.corp/r?token=abc:123/x/@v/list: 500 Internal Server Error';
    expect(redactSecrets(line)).toBe('reading https://goproxy.corp/r?token=xxxxx: 500 Internal Server Error');
    expect(redactSecrets(redactSecrets(line))).toBe(redactSecrets(line));
  });
});

describe('redactProxyValue', () => {
  test.each([
    ['bob:pw@127.0.0.1:3128', 'bob:xxxxx@127.0.0.1:3128'],
    ['token@proxy.corp:8080', 'xxxxx@proxy.corp:8080'],
    ['http://bob:pw@127.0.0.1:3128', 'http://bob:xxxxx@127.0.0.1:3128'],
    ['proxy.corp:8080', 'proxy.corp:8080'],
    ['a:b@c@proxy:1/x@y', 'a:xxxxx@proxy:1/x@y'],
  ])('%s', (input, expected) => {
    expect(redactProxyValue(input)).toBe(expected);
  });
});

describe('scrubEchoedSecrets (server-supplied text only)', () => {
  test('removes a known credential in every form a server may echo it', () => {
    const forms = echoForms('s3cr3t/pw', 'alice');
    const echoed = `raw s3cr3t/pw, encoded ${encodeURIComponent('s3cr3t/pw')}, basic ${Buffer.from('alice:s3cr3t/pw').toString('base64')}`;
    const scrubbed = scrubEchoedSecrets(echoed, forms);
    expect(scrubbed).not.toContain('s3cr3t');
    expect(scrubbed).not.toContain(encodeURIComponent('s3cr3t/pw'));
    expect(scrubbed).not.toContain(Buffer.from('alice:s3cr3t/pw').toString('base64'));
  });

  test('never searches for secrets too short to tell apart from ordinary text', () => {
    expect(echoForms('e')).toEqual([]);
    expect(scrubEchoedSecrets('connection refused', echoForms('e'))).toBe('connection refused');
  });
});

describe('stripControlCharacters', () => {
  test('removes CSI and OSC sequences, C0/C1 controls, keeps tabs and newlines', () => {
    const hostile = '\u001b[31mred\u001b[0m \u001b]0;owned title\u0007ok\u0000\u0008\tTab\r\nnext\u009b';
    expect(stripControlCharacters(hostile)).toBe('red ok\tTab\nnext');
  });

  test('shows right-to-left overrides and zero-width characters escaped instead of passing them through', () => {
    expect(stripControlCharacters('example.com/\u202eevil\u200b/x')).toBe('example.com/\\u{202E}evil\\u{200B}/x');
  });
});

describe('safeText and redactDeep', () => {
  test('safeText strips control characters and secrets together', () => {
    expect(safeText('\u001b[2Jhttps://u:p@h.example')).toBe('https://u:xxxxx@h.example');
  });

  test('redactDeep reaches strings at any depth and leaves other values alone', () => {
    const doc = { a: ['https://u:p@h.example'], b: { c: 'Authorization: Bearer t0k', n: 3, t: true, z: null } };
    expect(redactDeep(doc)).toEqual({
      a: ['https://u:xxxxx@h.example'],
      b: { c: 'Authorization: Bearer xxxxx', n: 3, t: true, z: null },
    });
  });
});
