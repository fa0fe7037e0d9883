import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { parseNoProxy, proxyConfigFromEnvironment, proxyForUrl, splitHostPort } from '../../src/probe/httpproxy.js';
import { limiter } from '../../src/concurrency.js';
import { availableGoVersions, createGoSandbox, goBinary, goroot, type GoSandbox, type GoVersion } from '../helpers/go-toolchains.js';

/** Shorthand: the proxy (or DIRECT) our port picks for `url` under `env`. */
function pick(env: Record<string, string>, url: string, goVersion = 'go1.23'): string {
  const d = proxyForUrl(proxyConfigFromEnvironment(env), new URL(url), goVersion);
  if (d.error) return `ERROR ${d.error}`;
  return d.proxyUrl ? (d.proxyHost ?? '') : 'DIRECT';
}

describe('proxyConfigFromEnvironment', () => {
  test('upper case wins, an empty upper-case value falls through to lower case', () => {
    const c = proxyConfigFromEnvironment({ HTTPS_PROXY: '', https_proxy: 'http://low:1', HTTP_PROXY: 'http://up:2', http_proxy: 'http://low:2' });
    expect(c.httpsProxy).toBe('http://low:1');
    expect(c.sources.httpsProxy).toBe('https_proxy');
    expect(c.httpProxy).toBe('http://up:2');
    expect(c.sources.httpProxy).toBe('HTTP_PROXY');
    expect(c.cgi).toBe(false);
    expect(proxyConfigFromEnvironment({ REQUEST_METHOD: 'GET' }).cgi).toBe(true);
  });
});

describe('proxyForUrl', () => {
  const env = { HTTPS_PROXY: 'http://sp:3128', HTTP_PROXY: 'http://hp:3128' };

  test('https uses HTTPS_PROXY, http uses HTTP_PROXY, the reason and source are reported', () => {
    expect(pick(env, 'https://proxy.example.invalid/x')).toBe('sp:3128');
    expect(pick(env, 'http://proxy.example.invalid/x')).toBe('hp:3128');
    const d = proxyForUrl(proxyConfigFromEnvironment({ https_proxy: 'sp:1' }), new URL('https://a.invalid/'));
    expect(d.reason).toBe('proxied');
    expect(d.source).toBe('https_proxy');
    expect(d.proxyUrl?.href).toBe('http://sp:1/');
  });

  test('loopback and localhost are never proxied, whatever NO_PROXY says', () => {
    for (const url of ['https://127.0.0.1:8443/', 'https://127.9.9.9/', 'https://localhost:1/', 'https://[::1]:443/', 'http://[::ffff:127.0.0.1]/']) {
      const d = proxyForUrl(proxyConfigFromEnvironment(env), new URL(url));
      expect([url, d.proxyUrl, d.reason]).toEqual([url, null, 'loopback']);
    }
    expect(pick(env, 'https://[::2]/')).toBe('sp:3128');
    expect(pick(env, 'https://128.0.0.1/')).toBe('sp:3128');
  });

  test('NO_PROXY: domains, leading dots, wildcards, ports, IPs and CIDRs', () => {
    const e = {
      ...env,
      NO_PROXY: 'foobar.invalid, .barbaz.invalid, *.wild.invalid, 192.168.1.1, 192.168.1.2:81, 10.0.0.0/30, 2001:db8::52:0:1, [2001:db8::52:0:2]:443, 2002:db8:a::45/64, port.invalid:8443',
    };
    const table: Array<[string, string]> = [
      ['https://foobar.invalid/', 'DIRECT'],
      ['https://www.foobar.invalid/', 'DIRECT'],
      ['https://FOOBAR.invalid/', 'DIRECT'],
      ['https://foofoobar.invalid/', 'sp:3128'],
      ['https://barbaz.invalid/', 'sp:3128'],
      ['https://www.barbaz.invalid/', 'DIRECT'],
      ['https://wild.invalid/', 'sp:3128'],
      ['https://a.wild.invalid/', 'DIRECT'],
      ['https://192.168.1.1/', 'DIRECT'],
      ['https://192.168.1.2:81/', 'DIRECT'],
      ['https://192.168.1.2/', 'sp:3128'],
      ['https://10.0.0.3/', 'DIRECT'],
      ['https://10.0.0.4/', 'sp:3128'],
      ['https://[2001:db8::52:0:1]/', 'DIRECT'],
      ['https://[2001:db8::52:0:2]/', 'DIRECT'],
      ['http://[2001:db8::52:0:2]/', 'hp:3128'],
      ['https://[2002:db8:a::123]/', 'DIRECT'],
      ['https://[2002:db8:b::123]/', 'sp:3128'],
      ['https://port.invalid:8443/', 'DIRECT'],
      ['https://port.invalid/', 'sp:3128'],
    ];
    expect(table.map(([url]) => [url, pick(e, url)])).toEqual(table);
    const d = proxyForUrl(proxyConfigFromEnvironment(e), new URL('https://a.wild.invalid/'));
    expect(d).toMatchObject({ proxyUrl: null, reason: 'no-proxy-match', matchedEntry: '*.wild.invalid' });
  });

  test('NO_PROXY=* disables proxying for every host', () => {
    expect(pick({ ...env, no_proxy: '*' }, 'https://anything.invalid/')).toBe('DIRECT');
    expect(pick({ ...env, no_proxy: 'a.invalid,*' }, 'https://b.invalid/')).toBe('DIRECT');
  });

  test('HTTP_PROXY is refused in a CGI environment, HTTPS_PROXY is not', () => {
    const e = { ...env, REQUEST_METHOD: 'GET' };
    expect(pick(e, 'http://a.invalid/')).toBe('ERROR refusing to use HTTP_PROXY value in CGI environment; see golang.org/s/cgihttpproxy');
    expect(pick(e, 'https://a.invalid/')).toBe('sp:3128');
  });

  test('a scheme-less proxy value gets http://; go1.19-1.22 also retried unknown schemes', () => {
    expect(proxyForUrl(proxyConfigFromEnvironment({ HTTPS_PROXY: 'proxy.corp.invalid:3128' }), new URL('https://a.invalid/')).proxyUrl?.href).toBe(
      'http://proxy.corp.invalid:3128/',
    );
    const socks = proxyConfigFromEnvironment({ HTTPS_PROXY: 'socks5h://s.invalid:1080' });
    expect(proxyForUrl(socks, new URL('https://a.invalid/'), 'go1.23').proxyUrl?.protocol).toBe('socks5h:');
    expect(proxyForUrl(socks, new URL('https://a.invalid/'), 'go1.22').proxyUrl?.protocol).toBe('http:');
  });
});

describe('helpers', () => {
  test('splitHostPort follows net.SplitHostPort', () => {
    expect(splitHostPort('h:80')).toEqual({ host: 'h', port: '80' });
    expect(splitHostPort('[::1]:443')).toEqual({ host: '::1', port: '443' });
    expect(splitHostPort('h')).toBeNull();
    expect(splitHostPort('::1')).toBeNull();
  });

  test('parseNoProxy ignores malformed entries', () => {
    const m = parseNoProxy(' , :80, a.invalid ');
    expect(m.ipMatchers).toHaveLength(0);
    expect(m.domainMatchers.map((d) => d.entry)).toEqual(['a.invalid']);
  });
});

// Differential test: the same questions asked of net/http's ProxyFromEnvironment in a real Go program,
// built with one release of each version of the vendored golang.org/x/net/http/httpproxy: go1.19
// (as go1.21 and go1.22), go1.23, and go1.26 for go1.24-go1.27 (where an IP address never matches a
// NO_PROXY domain entry: go1.26 src/vendor/golang.org/x/net/http/httpproxy/proxy.go:181-205, 365-368).
// Building net/http takes a while per release, so the classes are checked from the sources instead.
const goVersions = availableGoVersions(['1.19', '1.23', '1.26']);

/** The vendored proxy.go of a release without its comments: what decides which proxy net/http picks. */
function httpproxyCode(v: GoVersion): string {
  const file = path.join(goroot(v), 'src', 'vendor', 'golang.org', 'x', 'net', 'http', 'httpproxy', 'proxy.go');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n');
}

describe('the releases the differential below stands for', () => {
  const classes: Array<[GoVersion, GoVersion[]]> = [
    ['1.19', ['1.21', '1.22']],
    ['1.26', ['1.24', '1.25', '1.27']],
  ];
  test.each(classes)('go%s has the same httpproxy code as go%j', (representative, others) => {
    const present = availableGoVersions([representative, ...others]);
    if (!present.includes(representative)) return;
    for (const v of present) expect({ v, same: httpproxyCode(v) === httpproxyCode(representative) }).toEqual({ v, same: true });
  });
});
const describeGo = goVersions.length > 0 ? describe : describe.skip;

describeGo('agrees with real Go net/http.ProxyFromEnvironment', () => {
  let sandbox: GoSandbox;
  const binaries = new Map<GoVersion, string>();

  beforeAll(async () => {
    sandbox = createGoSandbox('gpd-httpproxy-');
    const dir = path.join(sandbox.root, 'prog');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'main.go'),
      [
        'package main',
        'import (\n\t"fmt"\n\t"net/http"\n\t"os"\n)',
        'func main() {',
        '\tfor _, u := range os.Args[1:] {',
        '\t\treq, err := http.NewRequest("GET", u, nil)',
        '\t\tif err != nil { fmt.Printf("%s\\tBADURL\\n", u); continue }',
        '\t\tp, err := http.ProxyFromEnvironment(req)',
        '\t\tswitch {',
        '\t\tcase err != nil: fmt.Printf("%s\\tERROR %v\\n", u, err)',
        '\t\tcase p == nil: fmt.Printf("%s\\tDIRECT\\n", u)',
        '\t\tdefault: fmt.Printf("%s\\t%s\\n", u, p.Host)',
        '\t\t}',
        '\t}',
        '}',
        '',
      ].join('\n'),
    );
    // A cache shared between runs keeps the net/http compile (about 20 s cold per release) to the first run.
    const gocache = path.join(tmpdir(), 'gpd-probe-gocache');
    mkdirSync(gocache, { recursive: true });
    const limit = limiter(2);
    await Promise.all(
      goVersions.map((v) =>
        limit(async () => {
          const binary = path.join(dir, `px-${v}`);
          const built = await execa(goBinary(v), ['build', '-o', binary, 'main.go'], {
            cwd: dir,
            env: { ...sandbox.env, GOCACHE: gocache, GO111MODULE: 'off' },
            extendEnv: false,
            reject: false,
            timeout: 280_000,
          });
          if (built.exitCode !== 0) throw new Error(`go${v} build failed: ${built.shortMessage} ${built.stderr}`);
          binaries.set(v, binary);
        }),
      ),
    );
  }, 600_000);

  afterAll(() => sandbox?.cleanup());

  const urls = [
    'https://foobar.invalid/',
    'https://www.foobar.invalid/',
    'https://foofoobar.invalid/',
    'https://barbaz.invalid/',
    'https://www.barbaz.invalid/',
    'https://wild.invalid/',
    'https://x.wild.invalid/',
    'https://192.168.1.1/',
    'https://192.168.1.2:81/',
    'https://192.168.1.2/',
    'http://192.168.1.3/',
    'https://10.0.0.3/',
    'https://10.0.0.4/',
    'https://[2001:db8::52:0:1]/',
    'https://[2001:db8::52:0:2]/',
    'http://[2001:db8::52:0:2]/',
    'https://[2002:db8:a::123]/',
    'https://[2002:db8:b::123]/',
    'https://port.invalid:8443/',
    'https://port.invalid/',
    'https://127.0.0.1:8443/',
    'https://127.1.2.3/',
    'https://localhost/',
    'https://[::1]/',
    'http://[::ffff:127.0.0.1]:80/',
    'https://[::2]/',
    'https://UPPER.foobar.invalid/',
    'http://plain.invalid:8080/',
  ];
  const envs: Array<Record<string, string>> = [
    {
      HTTPS_PROXY: 'http://sp:3128',
      HTTP_PROXY: 'http://hp:3128',
      NO_PROXY:
        'foobar.invalid, .barbaz.invalid, *.wild.invalid, 192.168.1.1, 192.168.1.2:81, 192.168.1.3:80, 10.0.0.0/30, 2001:db8::52:0:1, [2001:db8::52:0:2]:443, 2002:db8:a::45/64, port.invalid:8443',
    },
    { https_proxy: 'sp:3128', http_proxy: 'hp:3128', no_proxy: '*' },
    { HTTPS_PROXY: '', https_proxy: 'https://lower:443', HTTP_PROXY: 'hp:1', REQUEST_METHOD: 'GET' },
    { HTTPS_PROXY: 'socks5://s:1080', NO_PROXY: 'PLAIN.invalid:8080,.Foobar.INVALID' },
    // Domain entries that an IP address ends with: they match before go1.24, never from go1.24 on.
    { HTTPS_PROXY: 'http://sp:3128', HTTP_PROXY: 'http://hp:3128', NO_PROXY: '.168.1.1,0.3,.2:81,.0.4,[::2]' },
  ];

  test.each(goVersions.flatMap((v) => envs.map((e, i) => [v, i, e] as const)))('go%s, environment #%i', async (v, _i, env) => {
    const run = await execa(binaries.get(v) ?? '', urls, { env: { PATH: '/usr/bin:/bin', ...env }, extendEnv: false, reject: false, timeout: 10_000 });
    expect(run.exitCode).toBe(0);
    const fromGo = run.stdout.trim().split('\n');
    const ours = urls.map((u) => `${u}\t${pick(env, u, `go${v}`)}`);
    expect(ours).toEqual(fromGo);
  });

  (goVersions.includes('1.23') && goVersions.includes('1.26') ? test : test.skip)('NO_PROXY domain entries stop matching IP addresses in go1.24', async () => {
    const env = envs[envs.length - 1] ?? {};
    const url = 'https://192.168.1.1/';
    const answers: Record<string, string> = {};
    for (const v of ['1.23', '1.26'] as const) {
      const run = await execa(binaries.get(v) ?? '', [url], { env: { PATH: '/usr/bin:/bin', ...env }, extendEnv: false, reject: false, timeout: 10_000 });
      answers[v] = run.stdout.trim().split('\t')[1] ?? '';
    }
    expect(answers).toEqual({ '1.23': 'DIRECT', '1.26': 'sp:3128' });
  });
});
