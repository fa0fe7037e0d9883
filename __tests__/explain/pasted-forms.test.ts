/**
 * What reaches `explain` after people, terminals, CI systems, build tools and web pages have been at
 * go's output, each form built from the message formats go prints (the cited sources) and the way the
 * form mangles them. Each is diagnosed as the cause it shows; the same words printed by a program or a
 * test about its own requests are not.
 */
import { explainBlocks, type RankedDiagnosis } from '../../src/explain/engine.js';
import { blocksFromText } from '../../src/explain/read-log.js';

function explain(text: string): RankedDiagnosis[] {
  return explainBlocks(blocksFromText(text)).diagnoses;
}

type Case = [name: string, text: string, scenario: string, partial: Record<string, unknown>];

const PROXY = 'https://proxy.golang.org/example.com/x/@v';
const TIMEOUT_EN =
  'connectex: A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond.';

const CASES: readonly Case[] = [
  // Go 1.11-1.13 (go1.12 src/cmd/go/internal/web2/web.go Get; go1.13 src/net/url/url.go Error).
  [
    'unexpected status 400 from a proxy (Go 1.11-1.12)',
    `go: finding example.com/x v1.0.0\ngo: example.com/x@v1.0.0: unexpected status (https://goproxy.example/example.com/x/@v/v1.0.0.mod): 400 Bad Request\ngo: error loading module requirements`,
    'proxy-server-error',
    { fields: { module: 'example.com/x', version: 'v1.0.0', status: 400 }, details: { kind: 'http-error', reason: 'Bad Request' } },
  ],
  [
    'unexpected status 500 from a private proxy (Go 1.11-1.12)',
    'go: example.com/x@v1.0.0: unexpected status (http://127.0.0.1:3000/example.com/x/@v/v1.0.0.info): 500 Internal Server Error',
    'proxy-server-error',
    { fields: { status: 500 }, details: { kind: 'http-5xx' } },
  ],
  [
    'a v2 version asked of a path without /v2 (410 from the proxy)',
    'go get example.com/x@v2.0.1: unexpected status (https://goproxy.example/example.com/x/@v/v2.0.1.info): 410 Gone',
    'module-not-found',
    { details: { kind: 'major-version', suggestedPath: 'example.com/x/v2' } },
  ],
  [
    'go mod tidy of Go 1.15 on a go 1.17 go.mod (go1.17 src/cmd/go/internal/modload/load.go)',
    'go mod tidy: go.mod file indicates go 1.17, but maximum supported version is 1.15\nmake: *** [Makefile:24: bin/x] Error 1',
    'toolchain-download',
    { details: { kind: 'too-new', required: '1.17', running: '1.15' } },
  ],
  ['the same from Go 1.19 (go1.19 src/cmd/go/internal/modload/load.go:1011)', 'go: go.mod file indicates go 1.21, but maximum version supported by tidy is 1.19', 'toolchain-download', { details: { kind: 'too-new' } }],
  [
    'a line a terminal broke at its width',
    'go get: example.com/x@6c884471d96a4bbb20557ddc06ade68ec0b3d4ef: invalid\nversion: unknown revision 6c884471d96a4bbb20557ddc06ade68ec0b3d4ef',
    'module-not-found',
    { details: { kind: 'unknown-revision', revision: '6c884471d96a4bbb20557ddc06ade68ec0b3d4ef' } },
  ],
  [
    'Get <URL>: EOF without quotes (Go 1.13), with make behind it',
    `go: example.com/x@v1.0.0: Get ${PROXY}/v1.0.0.mod: EOF\nmake: *** [install] Error 1`,
    'network-blocked',
    { details: { kind: 'eof' }, equals: ['proxy-server-error'] },
  ],

  // A poisoned module cache (go1.23 src/cmd/go/internal/modload/modfile.go:626; archive/zip ErrFormat).
  ['a zip that is not one, with go: only', 'go: zip: not a valid zip file\ngo: zip: not a valid zip file', 'proxy-server-error', { details: { kind: 'poisoned-cache', file: 'zip' } }],
  ['the same behind go get M: (Go 1.13)', 'go get example.com/x: zip: not a valid zip file', 'proxy-server-error', { fields: { module: 'example.com/x' }, details: { kind: 'poisoned-cache', file: 'zip' } }],
  [
    'at the importing file in the module cache',
    '/home/u/go/pkg/mod/example.com/!lib@v1.9.3/terminal.go:6:8: zip: not a valid zip file',
    'proxy-server-error',
    { details: { kind: 'poisoned-cache', file: 'zip', importer: 'example.com/Lib@v1.9.3' } },
  ],
  ['at an import of the main module', 'go: downloading golang.org/x/exp v0.0.0-20231006140011-7918f672742d\nwayfiles.go:14:2: zip: not a valid zip file', 'proxy-server-error', { details: { kind: 'poisoned-cache' } }],
  [
    'a go.mod that is no go.mod',
    'go: github.com/BurntSushi/toml@v1.0.0: parsing go.mod: missing module line',
    'proxy-server-error',
    { details: { kind: 'poisoned-cache', file: 'go.mod' } },
  ],

  // Fragments without go's head.
  [
    'Get "<proxy URL>": x509 alone',
    `Get "${PROXY.replace('proxy.golang.org', 'goproxy.example')}/v1.8.5.mod": x509: certificate has expired or is not yet valid`,
    'tls-certificate',
    { fields: { module: 'example.com/x', version: 'v1.8.5' }, details: { kind: 'expired' } },
  ],
  [
    'a quoted proxy URL alone, lookup timing out',
    '"https://goproxy.example/example.com/x/@v/v1.7.6.mod": dial tcp: lookup goproxy.example on 8.8.8.8:53: read udp 172.17.0.3:58153->8.8.8.8:53: i/o timeout',
    'dns-failure',
    { details: { name: 'goproxy.example', resolver: '8.8.8.8:53' } },
  ],
  [
    'the declared-path pair alone, indented',
    '    module declares its path as: example.com/fork\n    but was required as: example.com/original',
    'module-not-found',
    { details: { kind: 'path-mismatch', declared: 'example.com/fork', required: 'example.com/original' } },
  ],
  [
    'the declared-path detail that lost its tab',
    'example.com/m: example.com/m@v0.0.0-20240411080318-dd6508ad3a76: parsing go.mod:\nmodule declares its path as: m\n        but was required as: example.com/m',
    'module-not-found',
    { details: { kind: 'path-mismatch', declared: 'm' } },
  ],

  // Windows (go1.23 src/net/fd_windows.go:18-21,155).
  [
    'connectex timing out',
    `go get example.com/x: module example.com/x: Get "${PROXY}/list": dial tcp 172.217.160.113:443: ${TIMEOUT_EN}`,
    'network-blocked',
    { details: { kind: 'timeout', address: '172.217.160.113:443' } },
  ],
  [
    'wsarecv reset',
    `go: example.com/x@v1.0.0: read tcp 10.0.0.2:50000->142.250.0.1:443: wsarecv: An existing connection was forcibly closed by the remote host.`,
    'network-blocked',
    { details: { kind: 'reset' } },
  ],
  [
    'connectex in another language',
    `go: example.com/x@v1.0.0: Get "${PROXY}/v1.0.0.info": dial tcp 142.250.0.1:443: connectex: 由于连接方在一段时间后没有正确答复或连接的主机没有反应，连接尝试失败。`,
    'network-blocked',
    { details: { kind: 'connect-failed' } },
  ],
  [
    'GOPATH-mode go get, broken over three lines by the console',
    `package golang.org/x/tools/gopls: unrecognized import path "golang.org/x/tools/gopls"  \n(https fetch: Get https://golang.org/x/tools/gopls?go-get=1: dial tcp 172.217.24.81:443: connectex:   \nA connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond.)`,
    'proxy-config-invalid',
    { details: { kind: 'gopath-mode' }, equals: ['network-blocked'] },
  ],

  // A lookup that fails is DNS, whatever the transport error after it.
  [
    'lookup on a resolver with no route to it',
    `go: example.com/x@v1.0.0: Get "${PROXY}/v1.0.0.mod": dial tcp: lookup proxy.golang.org on 192.168.0.1:53: read udp 172.17.0.2:36832->192.168.0.1:53: read: no route to host`,
    'dns-failure',
    { details: { name: 'proxy.golang.org', resolver: '192.168.0.1:53', error: 'read udp 172.17.0.2:36832->192.168.0.1:53: read: no route to host' } },
  ],

  // Gateways (go1.23 src/net/http/status.go; transport.go:1844-1851).
  [
    '401 from a public proxy',
    `go: example.com/x@v1.0.0 requires\n\texample.com/y@v1.0.0: reading https://proxy.golang.org/example.com/y/@v/v1.0.0.mod: 401 Unauthorized`,
    'http-proxy-env',
    { details: { kind: 'gateway-auth' }, equals: ['network-blocked'] },
  ],
  [
    'a reason phrase net/http would not use',
    'go: example.com/x@v1.0.0: unexpected status (https://goproxy.io/example.com/x/@v/v1.0.0.info): 401 authenticationrequired',
    'http-proxy-env',
    { details: { kind: 'gateway-auth', reason: 'authenticationrequired' } },
  ],
  [
    'a reason phrase alone that is not a proxy\'s',
    'go get: example.com/x@master: invalid version: Get "https://goproxy.example/example.com/x/@v/master.info": Method Not Allowed',
    'proxy-server-error',
    { details: { kind: 'http-error', reason: 'Method Not Allowed' }, equals: ['http-proxy-env'] },
  ],

  // Proxy bodies and private proxies.
  [
    'a proxy\'s body fetched by hand',
    "not found: module example.com/private: git ls-remote -q origin in /tmp/gopath/pkg/mod/cache/vcs/abc: exit status 128:\n\tfatal: could not read Username for 'https://github.com': terminal prompts disabled\nConfirm the import path was entered correctly.",
    'private-module-proxied',
    { fields: { module: 'example.com/private' }, details: { kind: 'credential-failure' } },
  ],
  [
    'a private proxy that does not know the module',
    'go: finding module for package example.com/org/priv/pkg\nexample.com/app imports\n\texample.com/org/priv/pkg: cannot find module providing package example.com/org/priv/pkg: module example.com/org/priv/pkg: reading http://127.0.0.1:3000/example.com/org/priv/pkg/@v/list: 404 Not Found',
    'private-module-proxied',
    { equals: ['module-not-found'] },
  ],

  // Text damaged on its way.
  [
    'a line number glued on and an e-mail address hidden by a web page',
    '1reading https://sum.golang.org/lookup/git.company.example/[email protected]: 410 Gone',
    'sumdb-lookup-failed',
    { fields: { host: 'sum.golang.org', status: 410 }, details: { kind: 'not-found' } },
  ],
  [
    'a URL cut in two by a screenshot',
    'main.go:11:2: example.com/x@v1.0.1: Get "https://proxy.golang.org/exa\n```\n![Screenshot](https://images.example/1.png)\n@v/v1.0.1.zip": dial tcp: lookup proxy.golang.org: Temporary failure in name resolution',
    'dns-failure',
    { details: { name: 'proxy.golang.org' } },
  ],
  [
    'quoted in Markdown',
    '> go get example.com/x\n> go: example.com/x@upgrade (v0.12.0) requires example.com/x@v0.12.0: parsing go.mod:\n>         module declares its path as: example.org/x\n>                 but was required as: example.com/x',
    'module-not-found',
    { details: { kind: 'path-mismatch', declared: 'example.org/x', required: 'example.com/x' } },
  ],

  // go's stderr inside JSON, and lines prefixed by the tool that ran go.
  [
    'JSON-escaped stderr from a linter',
    'level=error msg="Running error: context loading failed: err: exit status 1: stderr: go: downloading go1.22 (linux/amd64)\\ngo: download go1.22 for linux/amd64: toolchain not available\\n"',
    'toolchain-download',
    { details: { kind: 'not-available' } },
  ],
  [
    'JSON-escaped stderr from an IDE tool installer',
    '{\n "code": 1,\n "stderr": "go get: example.com/x@master: invalid version: Get \\"https://goproxy.example/example.com/x/@v/master.info\\": dial tcp 10.1.1.1:443: i/o timeout\\n"\n}',
    'network-blocked',
    { fields: { module: 'example.com/x', url: 'https://goproxy.example/example.com/x/@v/master.info' }, details: { kind: 'timeout' } },
  ],
  ['buildpacks', `[builder] go: example.com/x@v1.0.0: reading ${PROXY}/v1.0.0.zip: 403 Forbidden`, 'network-blocked', { details: { kind: 'public-proxy-403' } }],
  [
    'Nix build log excerpt',
    `error: builder for '/nix/store/abc-x.drv' failed with exit code 1;\n       last 10 log lines:\n       > go: example.com/x@v1.0.0: Get "${PROXY}/v1.0.0.mod": dial tcp: lookup proxy.golang.org on [::1]:53: read udp [::1]:55555->[::1]:53: read: connection refused\n       For full logs, run 'nix log /nix/store/abc-x.drv'.`,
    'dns-failure',
    { details: { resolver: '[::1]:53' } },
  ],
  [
    'Bazel gazelle fetch',
    '(12:00:01) Error in fail: failed to fetch org_golang_x_text: fetch_repo: golang.org/x/text@v0.3.7: Get "https://proxy.golang.org/golang.org/x/text/@v/v0.3.7.info": dial tcp 142.250.0.1:443: i/o timeout',
    'network-blocked',
    { fields: { module: 'golang.org/x/text' } },
  ],
  ['docker build', `#12 3.456 go: example.com/x@v1.0.0: reading ${PROXY}/v1.0.0.info: 404 Not Found`, 'module-not-found', { details: { kind: 'http-not-found' } }],
  ['dependabot', `updater | 2023/05/16 13:39:23 ERROR <job_123> go: example.com/x@v1.0.0: reading ${PROXY}/v1.0.0.info: 410 Gone`, 'module-not-found', { fields: { status: 410 } }],

  // Go 1.24+ (go1.24 src/cmd/go/internal/auth/auth.go:62-99,133-135; go1.26 modfetch/fetch.go:873).
  ['GOAUTH=off combined', 'go: GOAUTH=off cannot be combined with other authentication commands (GOAUTH=off;netrc)', 'auth-required', { details: { kind: 'goauth-invalid' } }],
  ['GOAUTH=git relative', 'go: GOAUTH=git dir method requires an absolute path to the git working directory, dir is not absolute', 'auth-required', { details: { kind: 'goauth-invalid' } }],
  [
    'a GOAUTH command failing (go -x)',
    'GOAUTH encountered errors for https://goproxy.corp.example/example.com/x/@v/list:\n  GOAUTH=/usr/local/bin/auth-helper: could not run command /usr/local/bin/auth-helper: exit status 1',
    'auth-required',
    { details: { kind: 'goauth-command', command: '/usr/local/bin/auth-helper' } },
  ],
  ['a checksum database answer without the module', 'go: example.com/x@v1.0.0: verifying module: checksum missing from sumdb response', 'sumdb-lookup-failed', { fields: { module: 'example.com/x' } }],
];

describe('pasted forms are diagnosed as the cause they show', () => {
  test.each(CASES)('%s', (_name, text, scenario, partial) => {
    const [top] = explain(text);
    expect({ scenario: top?.scenario, text }).toEqual({ scenario, text });
    expect(top).toMatchObject(partial);
    // The evidence quoted is text of the input (after the prefixes and quotes a paste carries).
    expect(text.replace(/\\"/g, '"')).toContain((top?.evidence ?? '<none>').slice(0, 40));
  });

  test('a fix for a cached go.mod names that version\'s files in the download cache, case-escaped', () => {
    const [top] = explain('go: github.com/BurntSushi/toml@v1.0.0: parsing go.mod: missing module line');
    expect(top?.fixes[0]).toMatchObject({
      id: 'remove-cached-version',
      command: 'rm -f "$(go env GOMODCACHE)/cache/download/github.com/!burnt!sushi/toml/@v/v1.0.0".* && go mod download github.com/BurntSushi/toml@v1.0.0',
    });
  });

  test('the importer named by a cache path is not what gets deleted: the whole cache is cleared, and go mod verify finds the damaged module', () => {
    const [top] = explain('/home/u/go/pkg/mod/example.com/lib@v1.9.3/terminal.go:6:8: zip: not a valid zip file');
    expect(top?.fixes.map((fix) => [fix.id, fix.command])).toEqual([
      ['clean-modcache', 'go clean -modcache'],
      ['find-damaged-module', 'go mod verify'],
    ]);
  });
});

describe('the same words from programs and tests are not module fetch failures', () => {
  test.each([
    ['a program logging its own request through a proxy', '2024/01/31 22:34:01 [ERRO] 127.0.0.1:33560 Get "https://www.example.com:443/search?q=x": proxyconnect tcp: dial tcp 10.0.0.1:8080: connect: connection refused\nproxyconnect tcp: dial tcp 10.0.0.1:8080: connect: connection refused'],
    ['a program on Windows', '+0800 2023-10-16 20:54:17 ERROR inbound/http: process connection from 127.0.0.1:52440: dial tcp 127.0.0.1:5080: connectex: No connection could be made because the target machine actively refused it.'],
    ['a program whose own request met an x509 error', 'Get "https://api.example.com/v1/users": x509: certificate signed by unknown authority'],
    ['a program whose own lookup failed', '"https://api.example.com/v1": dial tcp: lookup api.example.com on 8.8.8.8:53: read udp 10.0.0.2:5353->8.8.8.8:53: i/o timeout'],
    ['a test unpacking a zip', '--- FAIL: TestUnpack (0.00s)\n    unpack_test.go:33: zip: not a valid zip file'],
    ['a program opening a zip', '2024/01/01 12:00:00 open bundle: zip: not a valid zip file'],
    ['a program getting EOF', 'Get "https://api.example.com/v1": EOF'],
    ['a program getting a reason phrase alone', 'Get "https://api.example.com/v1": Method Not Allowed'],
  ])('%s', (_name, text) => {
    expect(explain(text).map((diagnosis) => `${diagnosis.scenario}: ${diagnosis.evidence}`)).toEqual([]);
  });

  test('the same proxy failure with go\'s head is diagnosed', () => {
    const [top] = explain('go: example.com/x@v1.0.0: Get "https://proxy.golang.org/example.com/x/@v/v1.0.0.info": proxyconnect tcp: dial tcp 10.0.0.1:8080: connect: connection refused');
    expect(top?.scenario).toBe('http-proxy-env');
  });
});
