/**
 * net/url changed in point releases (brackets in hosts) and in go1.26 (strict colons): goUrlRules picks
 * the rules of a Go version, and parseGoUrl/proxyList follow them. Checked here against the real go of
 * every installed release, through GOPROXY: go reports `parse "<url>": <reason>` for a URL its net/url
 * rejects, and goes on to fetch otherwise.
 */
import { GO123_URL_RULES, goParseAddr, goUrlRules, parseGoUrl } from '../../src/goenv/go-url.js';
import { proxyList } from '../../src/goenv/proxylist.js';
import { mapWithConcurrency } from '../../src/concurrency.js';
import { availableGoVersions, createGoSandbox, goVersionString, runGo, type GoVersion } from '../helpers/go-toolchains.js';

describe('goUrlRules: the rules of each release', () => {
  test.each<[string, string, ReturnType<typeof goUrlRules>]>([
    ['go1.23.5', '', { brackets: 'leading', strictColons: false, fieldOrder: 'go1.19' }],
    ['go1.24.7', '', { brackets: 'leading', strictColons: false, fieldOrder: 'go1.19' }],
    ['go1.24.8', '', { brackets: 'any-v6host', strictColons: false, fieldOrder: 'go1.19' }],
    ['go1.24.9', '', { brackets: 'any-v6host', strictColons: false, fieldOrder: 'go1.19' }],
    ['go1.24.13', '', { brackets: 'any-literal', strictColons: false, fieldOrder: 'go1.19' }],
    ['go1.25.1', '', { brackets: 'leading', strictColons: false, fieldOrder: 'go1.19' }],
    ['go1.25.3', '', { brackets: 'any-v6host', strictColons: false, fieldOrder: 'go1.19' }],
    ['go1.25.4', '', { brackets: 'any-literal', strictColons: false, fieldOrder: 'go1.19' }],
    ['go1.25.14', '', { brackets: 'leading-literal', strictColons: false, fieldOrder: 'go1.19' }],
    ['go1.26.0', '', { brackets: 'any-literal', strictColons: true, fieldOrder: 'go1.26' }],
    ['go1.26.8', '', { brackets: 'leading-literal', strictColons: true, fieldOrder: 'go1.26' }],
    ['go1.26.8', 'x=1,urlstrictcolons=0', { brackets: 'leading-literal', strictColons: false, fieldOrder: 'go1.26' }],
    ['go1.26.8', 'urlstrictcolons=0,urlstrictcolons=1', { brackets: 'leading-literal', strictColons: true, fieldOrder: 'go1.26' }],
    ['go1.27.4', '', { brackets: 'leading-literal', strictColons: true, fieldOrder: 'go1.26' }],
    ['devel go1.28-abcdef', '', { brackets: 'leading-literal', strictColons: true, fieldOrder: 'go1.26' }],
    ['weird', '', { brackets: 'leading-literal', strictColons: true, fieldOrder: 'go1.26' }],
  ])('%s GODEBUG=%s', (version, godebug, expected) => {
    expect(goUrlRules(version, godebug)).toEqual(expected);
  });

  test('no version: go1.23 rules', () => {
    expect(goUrlRules(undefined)).toEqual(GO123_URL_RULES);
  });

  test('goParseAddr reproduces netip.ParseAddr', () => {
    expect(goParseAddr('::ffff:127.0.0.1')).toEqual({ is4: false, is4In6: true });
    expect(goParseAddr('fe80::1%eth0')).toEqual({ is4: false, is4In6: false });
    expect(goParseAddr('1.2.3.4')).toEqual({ is4: true, is4In6: false });
    expect(() => goParseAddr('1.2.3.256')).toThrow('ParseAddr("1.2.3.256"): IPv4 field has value >255');
    expect(() => goParseAddr(':::1')).toThrow('ParseAddr(":::1"): each colon-separated field must have at least one digit (at ":1")');
    expect(() => goParseAddr('1:2:3')).toThrow('ParseAddr("1:2:3"): address string too short');
    expect(() => goParseAddr('')).toThrow('ParseAddr(""): unable to parse IP');
  });

  test('the same URL, three releases', () => {
    const url = 'https://[127.0.0.1]/x';
    expect(parseGoUrl(url, goUrlRules('go1.23.5')).ok).toBe(true);
    expect(parseGoUrl(url, goUrlRules('go1.24.9'))).toEqual({ ok: false, error: `parse "${url}": invalid IPv6 host` });
    expect(parseGoUrl(url, goUrlRules('go1.26.8'))).toEqual({ ok: false, error: `parse "${url}": invalid IP-literal` });
  });
});

const versions = availableGoVersions();
const URLS = [
  'http://127.0.0.1:1:2',
  'https://x.invalid:80:/',
  'http://a:b:c/x',
  'https://::1/x',
  'https://[127.0.0.1]/x',
  'https://[::ffff:127.0.0.1]/x',
  'https://a[::1]/x',
  'https://[::1%25eth0]/x',
  'https://[fe80::1%25]/x',
  'https://[1:2:3]/x',
  'https://[:::1]/x',
  'https://[::1.2.3.256]/x',
  'https://[]/x',
  'https://[::1]:8443/x',
  'https://[::1/x',
];

(versions.length > 0 ? describe : describe.skip)('parseGoUrl under goUrlRules agrees with the real go', () => {
  test.each(versions)(
    'go%s: GOPROXY URLs with brackets and colons',
    async (v: GoVersion) => {
      const version = goVersionString(v);
      const cases = [...URLS.map((url) => ({ url, godebug: '' })), { url: 'http://127.0.0.1:1:2', godebug: 'urlstrictcolons=0' }];
      const disagreements = await mapWithConcurrency(cases, 4, async ({ url, godebug }) => {
        const sandbox = createGoSandbox('gpd-urlrules-');
        try {
          const env = { ...sandbox.env, GOPROXY: url, ...(godebug !== '' ? { GODEBUG: godebug } : {}) };
          const run = await runGo(v, ['mod', 'download', '-json', 'example.invalid/m@v1.0.0'], env, { cwd: sandbox.root, timeoutMs: 30_000 });
          const full = (JSON.parse(run.stdout) as { Error?: string }).Error ?? '';
          const error = full.startsWith('example.invalid/m@v1.0.0: ') ? full.slice('example.invalid/m@v1.0.0: '.length) : full;
          const goRejects = error.startsWith('parse "');
          const ours = proxyList(url, '', { goVersion: version, godebug });
          const agree = ours.ok ? !goRejects : error === ours.error;
          return agree ? undefined : `${url} GODEBUG=${godebug}: go says ${JSON.stringify(error)}, ours ${JSON.stringify(ours)}`;
        } finally {
          sandbox.cleanup();
        }
      });
      expect(disagreements.filter((d) => d !== undefined)).toEqual([]);
    },
    120_000,
  );
});
