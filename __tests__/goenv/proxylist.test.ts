import { mapWithConcurrency } from '../../src/concurrency.js';
import { goTrimSpace } from '../../src/goenv/go-text.js';
import { goPathClean, goPathJoin, goUrlRedacted, goUrlString, isNotExistStatus, parseGoUrl } from '../../src/goenv/go-url.js';
import { checkProxyUrl, EMPTY_PROXY_LIST_ERROR, proxyList, type ProxySpec } from '../../src/goenv/proxylist.js';
import { availableGoVersions, createGoSandbox, runGo, type GoVersion } from '../helpers/go-toolchains.js';

function specs(goproxy: string, gonoproxy = ''): ProxySpec[] {
  const result = proxyList(goproxy, gonoproxy);
  if (!result.ok) throw new Error(`unexpected error: ${result.error}`);
  return result.specs;
}

function errorOf(goproxy: string, gonoproxy = ''): string {
  const result = proxyList(goproxy, gonoproxy);
  if (result.ok) throw new Error(`expected an error for ${goproxy}`);
  return result.error;
}

describe('proxyList (modfetch/proxy.go)', () => {
  test('the default list', () => {
    expect(specs('https://proxy.golang.org,direct')).toEqual([
      { kind: 'proxy', url: 'https://proxy.golang.org', fallBackOnError: false },
      { kind: 'direct', fallBackOnError: false },
    ]);
  });

  test('the separator after an entry decides its fall-back rule', () => {
    expect(specs('https://a.example|https://b.example,https://c.example|direct').map((s) => [s.url ?? s.kind, s.fallBackOnError])).toEqual([
      ['https://a.example', true],
      ['https://b.example', false],
      ['https://c.example', true],
      ['direct', false],
    ]);
  });

  test('off and direct end the list; later entries are ignored', () => {
    expect(specs('https://a.example,off,https://b.example').map((s) => s.kind)).toEqual(['proxy', 'off']);
    expect(specs('direct,https://b.example').map((s) => s.kind)).toEqual(['direct']);
    // Even an invalid entry after direct is never validated.
    expect(specs('direct,ftp://x').map((s) => s.kind)).toEqual(['direct']);
  });

  test('keywords are exact and case-sensitive', () => {
    expect(errorOf('DIRECT')).toBe('invalid proxy URL missing scheme: DIRECT');
    expect(errorOf('Off')).toBe('invalid proxy URL missing scheme: Off');
  });

  test('entries are trimmed and empty entries skipped', () => {
    expect(specs(' https://a.example ,, | direct ').map((s) => s.url ?? s.kind)).toEqual(['https://a.example', 'direct']);
    // The separator after an empty entry is the one that counts for nothing: here `|` followed nothing.
    expect(specs('https://a.example,|direct').map((s) => [s.url ?? s.kind, s.fallBackOnError])).toEqual([
      ['https://a.example', false],
      ['direct', false],
    ]);
  });

  test('bare hosts get https:// prepended', () => {
    expect(specs('goproxy.cn').map((s) => s.url)).toEqual(['https://goproxy.cn']);
    expect(specs('127.0.0.1:8080/p').map((s) => s.url)).toEqual(['https://127.0.0.1:8080/p']);
  });

  test('the hidden noproxy entry', () => {
    expect(specs('https://a.example', 'corp.example').map((s) => s.kind)).toEqual(['noproxy', 'proxy']);
    expect(specs('off', 'corp.example').map((s) => s.kind)).toEqual(['noproxy', 'off']);
    // Not for GOPROXY=direct exactly, but for anything else that contains it.
    expect(specs('direct', 'corp.example').map((s) => s.kind)).toEqual(['direct']);
    expect(specs(' direct', 'corp.example').map((s) => s.kind)).toEqual(['noproxy', 'direct']);
    expect(specs('https://a.example', '').map((s) => s.kind)).toEqual(['proxy']);
  });

  test("cmd/go's error texts for invalid lists", () => {
    expect(errorOf('localhost')).toBe('invalid proxy URL missing scheme: localhost');
    expect(errorOf('/abs/path')).toBe('invalid proxy URL missing scheme: /abs/path');
    expect(errorOf('ftp://x')).toBe('invalid proxy URL scheme (must be https, http, file): ftp://x');
    expect(errorOf('file://host/p')).toBe('invalid file:// proxy URL with non-path elements: file://host/p');
    expect(errorOf('file:/p')).toBe('invalid file:// proxy URL with non-path elements: file:/p');
    expect(errorOf('file:///p?x')).toBe('invalid file:// proxy URL with non-path elements: file:///p?x');
    expect(errorOf(',')).toBe(EMPTY_PROXY_LIST_ERROR);
    expect(errorOf(' ')).toBe(EMPTY_PROXY_LIST_ERROR);
    expect(errorOf('', 'corp.example')).toBe(EMPTY_PROXY_LIST_ERROR);
    expect(errorOf(' , ', 'corp.example')).toBe('GOPROXY list is not the empty string, but contains no entries');
    expect(errorOf('"https://x"')).toBe('parse "\\"https://x\\"": first path segment in URL cannot contain colon');
    expect(errorOf('https://h:abc')).toBe('parse "https://h:abc": invalid port ":abc" after host');
    expect(errorOf('example.com:x,direct')).toBe('parse "https://example.com:x": invalid port ":x" after host');
    expect(errorOf('a b.com')).toBe('parse "https://a b.com": invalid character " " in host name');
    expect(errorOf('https://h/%zz')).toBe('parse "https://h/%zz": invalid URL escape "%zz"');
    expect(errorOf('http://[::1')).toBe('parse "http://[::1": missing \']\' in host');
    expect(errorOf('http://h/\x01')).toBe('parse "http://h/\\x01": net/url: invalid control character in URL');
    expect(errorOf('h.com#frag%zz')).toBe('parse "https://h.com#frag%zz": invalid URL escape "%zz"');
  });

  test('an invalid entry anywhere before direct/off fails the whole list', () => {
    expect(errorOf('https://ok.example,localhost,direct')).toBe('invalid proxy URL missing scheme: localhost');
  });

  test('passwords are redacted in errors, as URL.Redacted does', () => {
    expect(errorOf('ftp://user:secret@host/x')).toBe('invalid proxy URL scheme (must be https, http, file): ftp://user:xxxxx@host/x');
  });

  test('Windows absolute paths are left alone only on windows', () => {
    expect(proxyList('C:\\goproxy', '', { goos: 'windows' })).toEqual({ ok: false, error: 'invalid proxy URL scheme (must be https, http, file): c:\\goproxy' });
    expect(errorOf('C:\\goproxy')).toBe('parse "https://C:\\\\goproxy": invalid port ":\\\\goproxy" after host');
  });

  test('file:///abs is accepted', () => {
    expect(specs('file:///srv/goproxy')).toEqual([{ kind: 'proxy', url: 'file:///srv/goproxy', fallBackOnError: false }]);
  });
});

describe('isNotExistStatus', () => {
  test('only 404 and 410 count as not found', () => {
    expect([200, 401, 403, 404, 410, 429, 500, 502].filter(isNotExistStatus)).toEqual([404, 410]);
  });
});

describe('Go net/url port', () => {
  test('round-trips ordinary URLs', () => {
    for (const raw of ['https://proxy.golang.org', 'http://127.0.0.1:8080/a/b?x=1', 'https://u:p@h/x', 'file:///tmp/p', 'https://[::1]:443/x']) {
      const parsed = parseGoUrl(raw);
      expect(parsed.ok && goUrlString(parsed.url)).toBe(raw);
    }
  });

  test('normalises like Go: lower-case scheme, escaped userinfo, RawPath only when needed', () => {
    const a = parseGoUrl('HTTPS://h/a%2Fb');
    expect(a.ok && a.url.scheme).toBe('https');
    expect(a.ok && a.url.path).toBe('/a/b');
    expect(a.ok && a.url.rawPath).toBe('/a%2Fb');
    const b = parseGoUrl('http://u@p@h');
    expect(b.ok && goUrlString(b.url)).toBe('http://u%40p@h');
    const c = parseGoUrl('https://user:pw@h/x');
    expect(c.ok && goUrlRedacted(c.url)).toBe('https://user:xxxxx@h/x');
  });

  test('checkProxyUrl accepts http, https and plain file URLs', () => {
    expect(checkProxyUrl('http://x')).toBeUndefined();
    expect(checkProxyUrl('https://x/y?z')).toBeUndefined();
    expect(checkProxyUrl('file:///x')).toBeUndefined();
    expect(checkProxyUrl('file:///x#f')).toBe('invalid file:// proxy URL with non-path elements: file:///x#f');
  });

  test('path.Clean and path.Join', () => {
    expect(goPathClean('//a/./b/../c/')).toBe('/a/c');
    expect(goPathClean('../../a')).toBe('../../a');
    expect(goPathClean('/../a')).toBe('/a');
    expect(goPathClean('')).toBe('.');
    expect(goPathJoin('/base/', '@v/list')).toBe('/base/@v/list');
    expect(goPathJoin('', '')).toBe('');
    expect(goPathJoin('', 'a')).toBe('a');
  });

  test('TrimSpace uses Go white space (not U+FEFF)', () => {
    expect(goTrimSpace('\u00a0\t x \u3000\n')).toBe('x');
    expect(goTrimSpace('\ufeffx')).toBe('\ufeffx');
  });
});

// The same inputs, given to the real go: its error must contain our text verbatim.
const versions = availableGoVersions(['1.19', '1.23']);
const describeWithGo = versions.length > 0 ? describe : describe.skip;

describeWithGo('proxyList errors match the real go', () => {
  const inputs = ['localhost', 'DIRECT', '/abs/p', 'ftp://x', 'file://host/p', 'file:/p', '"https://x"', 'https://h:abc', 'a b.com', 'http://[::1', ',', 'https://h/%zz', 'mailto:x', 'ok.example,ftp://u:pw@x'];
  test.each(versions)('go%s', async (version: GoVersion) => {
    const sandbox = createGoSandbox('gpd-proxylist-');
    try {
      const results = await mapWithConcurrency(inputs, 3, async (goproxy) => {
        const run = await runGo(version, ['mod', 'download', '-json', 'example.invalid/x@v1.0.0'], { ...sandbox.env, GOPROXY: goproxy }, { cwd: sandbox.root, timeoutMs: 30_000 });
        const ours = proxyList(goproxy, '');
        return { goproxy, output: run.stdout + run.stderr, ours: ours.ok ? '(accepted)' : ours.error };
      });
      for (const { goproxy, output, ours } of results) {
        // JSON output escapes quotes and backslashes; compare against the JSON-escaped text.
        expect({ goproxy, found: output.includes(JSON.stringify(ours).slice(1, -1)) }).toEqual({ goproxy, found: true });
      }
    } finally {
      sandbox.cleanup();
    }
  }, 60_000);
});
