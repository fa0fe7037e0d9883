/**
 * Snapshots of the human output of env, route, check and explain, rendered from fixed, hand-built
 * reports (no network, no go): colour off and on, into a pipe (no wrapping) and on a 60-column
 * terminal, at each verbosity. Next to the snapshots, properties that must hold whatever the wording:
 * colour only when asked, no wrapping off a terminal, nothing lost or broken by wrapping.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { CheckReport } from '../../src/check/types.js';
import type { ExplainResult } from '../../src/explain/engine.js';
import type { Route } from '../../src/goenv/route.js';
import type { GoEnvironment } from '../../src/goenv/types.js';
import { renderCheckHuman } from '../../src/report/check.js';
import { renderEnvHuman } from '../../src/report/env.js';
import { renderExplainHuman } from '../../src/report/explain.js';
import { renderRoutesHuman } from '../../src/report/route.js';
import { stripAnsi, visibleWidth, type LayoutOptions, type Verbosity } from '../../src/report/wrap.js';
import type { Scenario, ScenarioId } from '../../src/scenarios/types.js';
import { useChinese } from '../helpers/chinese.js';
import { renderReportMarkdown, type ReportInput } from '../../src/report/markdown.js';
import { stepSummaryMarkdown } from '../../src/report/github.js';

const COLUMNS = 60;
const off = new Chalk({ level: 0 });
const on = new Chalk({ level: 1 });

// ---------------------------------------------------------------------------------------------
// Fixed input

const ENVIRONMENT: GoEnvironment = {
  goVersion: 'go1.23.5',
  goBinary: '/usr/lib/go-1.23/bin/go',
  goEnvJson: {},
  variables: {
    GOPROXY: { name: 'GOPROXY', value: 'https://goproxy.corp.invalid,https://proxy.golang.org,direct', origin: 'environment', notes: [] },
    GONOPROXY: {
      name: 'GONOPROXY',
      value: 'github.com/acme/*',
      origin: 'derived',
      notes: ['inherited from GOPRIVATE (environment) because GONOPROXY is not set, so every module matching it bypasses the proxies'],
    },
    GOPRIVATE: { name: 'GOPRIVATE', value: 'github.com/acme/*', origin: 'environment', notes: [] },
    GOSUMDB: { name: 'GOSUMDB', value: 'sum.golang.org', origin: 'goroot-go.env', file: '/usr/lib/go-1.23/go.env', notes: [] },
    GOFLAGS: {
      name: 'GOFLAGS',
      value: '',
      origin: 'default',
      notes: ['GOFLAGS is set to the empty string in the OS environment; go treats that as unset'],
    },
    GOTOOLCHAIN: {
      name: 'GOTOOLCHAIN',
      value: 'local',
      origin: 'goenv-file',
      file: '/home/dev/.config/go/env',
      notes: [],
    },
  },
};

const ROUTES: Route[] = [
  {
    module: 'github.com/acme/private',
    version: 'v1.2.0',
    steps: [
      {
        kind: 'direct',
        reason: 'noproxy',
        matchedBy: { variable: 'GOPRIVATE', pattern: 'github.com/acme/*' },
        url: 'https://github.com/acme/private',
        vcs: 'git',
        repoRoot: 'github.com/acme/private',
        govcsAllows: true,
        govcs: { private: true, rule: 'private', defaultRule: true, allowed: ['all'] },
        insecure: false,
        fallBackOnError: false,
      },
    ],
    bypassed: [
      { kind: 'proxy', url: 'https://goproxy.corp.invalid' },
      { kind: 'proxy', url: 'https://proxy.golang.org' },
    ],
    checksumDatabase: { consulted: false, skippedBy: { variable: 'GONOSUMDB', pattern: 'github.com/acme/*' } },
    notes: ['GOFLAGS has -mod=vendor: go builds from ./vendor and fetches nothing unless you run go mod vendor again'],
  },
  {
    module: 'golang.org/x/text',
    version: 'v0.14.0',
    steps: [
      { kind: 'proxy', url: 'https://goproxy.corp.invalid/golang.org/x/text/@v/v0.14.0.info', base: 'https://goproxy.corp.invalid', fallBackOnError: false },
      { kind: 'proxy', url: 'https://proxy.golang.org/golang.org/x/text/@v/v0.14.0.info', base: 'https://proxy.golang.org', fallBackOnError: true },
    ],
    checksumDatabase: {
      consulted: true,
      name: 'sum.golang.org',
      via: [
        {
          kind: 'proxy',
          base: 'https://goproxy.corp.invalid',
          supportedUrl: 'https://goproxy.corp.invalid/sumdb/sum.golang.org/supported',
          databaseUrl: 'https://goproxy.corp.invalid/sumdb/sum.golang.org',
          fallBackOnError: false,
        },
        { kind: 'direct', url: 'https://sum.golang.org', onlyIfProxiesNotFound: true },
      ],
    },
    notes: [],
  },
];

const CHECK: CheckReport = {
  goVersion: 'go1.23.5',
  goBinary: 'go',
  offline: false,
  timeoutMs: 10000,
  canarySource: 'go.mod',
  durationMs: 842.4,
  groups: ['config', 'proxy', 'sumdb', 'toolchain', 'credentials'],
  chain: [
    { index: 0, number: 1, kind: 'proxy', url: 'https://goproxy.corp.invalid', separator: ',', label: '#1 https://goproxy.corp.invalid' },
    { index: 1, number: 2, kind: 'proxy', url: 'https://proxy.golang.org', separator: ',', label: '#2 https://proxy.golang.org' },
    { index: 2, number: 3, kind: 'direct', separator: '', label: '#3 direct' },
  ],
  probes: [
    {
      url: 'https://goproxy.corp.invalid/golang.org/x/text/@v/v0.14.0.info',
      target: 'module',
      entry: 0,
      module: 'golang.org/x/text@v0.14.0',
      ok: false,
      phase: 'http',
      status: 500,
      error: '500 Internal Server Error',
      timings: { dns: 1.2, connect: 3.4, tls: 12.5, http: 40.25, total: 57.35 },
      via: 'http://proxy.corp.invalid:3128',
      credentials: '.netrc machine goproxy.corp.invalid:443',
    },
    {
      url: 'https://goproxy.corp.invalid/rsc.io/quote/@v/v1.5.2.info',
      target: 'module',
      entry: 0,
      module: 'rsc.io/quote@v1.5.2',
      ok: true,
      phase: 'done',
      status: 200,
      timings: { dns: 0.8, connect: 2.1, tls: 10.0, http: 25.0, total: 37.9 },
    },
    {
      url: 'https://goproxy.corp.invalid/sumdb/sum.golang.org/supported',
      target: 'sumdb-supported',
      entry: 0,
      ok: false,
      phase: 'http',
      status: 404,
      error: '404 Not Found',
      timings: { connect: 1.0, tls: 9.0, http: 8.0, total: 18.0 },
    },
    {
      url: 'https://sum.golang.org/latest',
      target: 'sumdb-latest',
      ok: true,
      phase: 'done',
      status: 200,
      timings: { dns: 2.0, connect: 20.0, tls: 30.0, http: 60.0, total: 112.0 },
      tls: { subject: 'CN=sum.golang.org', issuer: 'CN=WR2, O=Google Trust Services', validFrom: '2025-01-06T08:00:00Z', validTo: '2025-04-06T08:00:00Z', verified: true },
    },
  ],
  modules: [
    {
      module: 'golang.org/x/text',
      version: 'v0.14.0',
      source: 'go.mod',
      result: 'fail',
      fetch: { result: 'failed', stoppedAt: 0, error: '500 Internal Server Error', errorFrom: 0, steps: [{ entry: 0, outcome: 'error', error: '500 Internal Server Error', fellThrough: false }], notReached: [1, 2] },
      failedAt: { stage: 'fetch', entry: 0 },
      summary: 'fails at entry #1 (500 Internal Server Error; "," does not fall through)',
    },
    {
      module: 'rsc.io/quote',
      version: 'v1.5.2',
      source: 'go.mod',
      result: 'ok',
      fetch: { result: 'served', servedBy: 0, stoppedAt: 0, steps: [{ entry: 0, outcome: 'ok', fellThrough: false }], notReached: [1, 2] },
      verify: { consulted: false, skippedBecause: 'go.sum already has the hashes', ok: true },
      summary: 'served by #1',
    },
  ],
  sumdb: { name: 'sum.golang.org', via: 'direct', url: 'https://sum.golang.org', treeHead: { ok: true, size: 31415926 }, needed: true, neededBy: ['golang.org/x/text@v0.14.0'] },
  toolchain: { local: '1.23.5', gotoolchain: 'local', goLine: '1.21', action: 'none' },
  network: {
    httpsProxy: 'http://proxy.corp.invalid:3128 (HTTPS_PROXY)',
    noProxy: 'localhost,127.0.0.1',
    netrc: { path: '/home/dev/.netrc', found: true, machines: 1 },
    goauth: 'not used by go1.23 (GOAUTH arrived in Go 1.24)',
    roots: { kind: 'files', file: '/etc/ssl/certs/ca-certificates.crt', dirs: [], certificates: 146, fromEnv: [] },
  },
  findings: [
    {
      id: 'private-module-proxied',
      rule: 'goprivate-unset',
      severity: 'warning',
      group: 'config',
      message: 'go.mod requires github.com/acme/private, which looks private, but no GOPRIVATE pattern matches it, so go asks the public proxy and checksum database about it',
      evidence: ['GOPRIVATE="" (default)', 'go.mod line 7: github.com/acme/private v1.2.0'],
      fixes: [{ id: 'goprivate-add', command: "go env -w GOPRIVATE='github.com/acme/*'", text: 'Mark the organisation private so go fetches its modules directly and never sends their paths to a proxy.', weakensSecurity: false }],
    },
    {
      id: 'proxy-server-error',
      rule: 'entry-failed',
      severity: 'error',
      group: 'proxy',
      message: 'https://goproxy.corp.invalid answered 500 Internal Server Error and "," after it does not fall through, so go stops there',
      evidence: ['GET https://goproxy.corp.invalid/golang.org/x/text/@v/v0.14.0.info → 500 Internal Server Error', 'GOPROXY=https://goproxy.corp.invalid,https://proxy.golang.org,direct (environment)\n\tfrom the OS environment'],
      modules: ['golang.org/x/text@v0.14.0', 'golang.org/x/sys@v0.15.0'],
      fixes: [
        { id: 'ask-proxy-operator', text: 'Ask whoever runs goproxy.corp.invalid to look at its logs: the error is on the server side.', weakensSecurity: false },
        {
          id: 'goproxy-pipe-after-entry',
          command: "go env -w GOPROXY='https://goproxy.corp.invalid|https://proxy.golang.org,direct'",
          text: 'Use "|" after the corporate proxy so any error there falls through to the next entry.',
          weakensSecurity: false,
        },
      ],
    },
    {
      id: 'sumdb-key-note',
      rule: 'sumdb-default',
      severity: 'info',
      group: 'sumdb',
      message: 'GOSUMDB comes from $GOROOT/go.env, which this distribution ships unchanged from upstream',
      evidence: [],
      fixes: [],
    },
  ],
};

const SCENARIOS: Record<string, Scenario> = Object.fromEntries(
  (
    [
      ['private-module-proxied', 'Private module sent to a proxy', 'A private module was requested from a public proxy, which cannot see it.'],
      ['auth-required', 'Authentication required', 'The server wants credentials that go did not send.'],
      ['checksum-mismatch', 'Checksum mismatch', 'The downloaded code does not match the hash recorded in go.sum or the checksum database.'],
    ] as const
  ).map(([id, title, summary]): [string, Scenario] => [
    id,
    { id: id as ScenarioId, title, summary, explanation: '', goSources: [], examples: [], trigger: /$^/, match: () => undefined, fixes: () => [] },
  ]),
);

const privateFixes = [
  { id: 'goprivate-add', command: "go env -w GOPRIVATE='github.com/acme/*'", text: 'Mark the organisation private so go fetches its modules directly and skips the checksum database.', weakensSecurity: false },
  { id: 'gonosumdb-add', command: "go env -w GONOSUMDB='github.com/acme/*'", text: 'Only skip the checksum database for them (the proxy may still be asked for the code).', weakensSecurity: true },
];

const EXPLAIN: ExplainResult = {
  blocks: 7,
  omitted: 0,
  errors: [],
  diagnoses: [
    {
      scenario: 'private-module-proxied',
      confidence: 0.92,
      line: 3,
      occurrences: 2,
      alternative: false,
      fields: { module: 'github.com/acme/private', version: 'v1.2.0', url: 'https://proxy.golang.org/github.com/acme/private/@v/v1.2.0.info', status: 404 },
      evidence: 'go: github.com/acme/private@v1.2.0: reading https://proxy.golang.org/github.com/acme/private/@v/v1.2.0.info: 404 Not Found',
      details: { kind: 'not-found' },
      fixes: privateFixes,
    },
    {
      scenario: 'private-module-proxied',
      confidence: 0.9,
      line: 9,
      occurrences: 1,
      alternative: false,
      fields: { module: 'github.com/acme/internal-tools', version: 'v0.3.1', status: 404 },
      evidence: 'go: github.com/acme/internal-tools@v0.3.1: reading https://proxy.golang.org/github.com/acme/internal-tools/@v/v0.3.1.info: 404 Not Found',
      details: { kind: 'not-found' },
      fixes: privateFixes,
    },
    {
      scenario: 'checksum-mismatch',
      confidence: 0.99,
      line: 14,
      occurrences: 1,
      alternative: false,
      fields: { module: 'example.com/lib', version: 'v1.0.1' },
      evidence: 'verifying example.com/lib@v1.0.1: checksum mismatch',
      details: { kind: 'go-sum' },
      fixes: [{ id: 'clean-modcache', command: 'go clean -modcache && go mod download example.com/lib@v1.0.1', text: 'Download the module again into a clean module cache; if the mismatch stays, the code really changed upstream.', weakensSecurity: false }],
    },
    {
      scenario: 'auth-required',
      confidence: 0.45,
      line: 3,
      occurrences: 1,
      alternative: true,
      fields: { module: 'github.com/acme/private', version: 'v1.2.0' },
      evidence: 'go: github.com/acme/private@v1.2.0: reading https://proxy.golang.org/github.com/acme/private/@v/v1.2.0.info: 404 Not Found',
      details: { kind: 'http-403' },
      fixes: [
        { id: 'netrc-entry', text: 'Add a machine entry for the host to ~/.netrc with a token that can read the repository.', weakensSecurity: false },
        { id: 'git-insteadof-ssh', command: 'git config --global url."git@github.com:".insteadOf "https://github.com/"', text: 'Or let git fetch github.com over SSH with your key.', weakensSecurity: false },
      ],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Rendering

type Renderer = (chalk: ChalkInstance, layout: LayoutOptions) => string;

const RENDERERS: Record<'env' | 'route' | 'check' | 'explain', Renderer> = {
  env: (chalk, layout) => renderEnvHuman(ENVIRONMENT, chalk, layout),
  route: (chalk, layout) => renderRoutesHuman(ROUTES, chalk, layout),
  check: (chalk, layout) => renderCheckHuman(CHECK, chalk, layout),
  explain: (chalk, layout) => renderExplainHuman(EXPLAIN, { chalk, scenario: (id) => SCENARIOS[id], ...layout }),
};

/** Shell commands each report contains; they must come out whole on one line, wrapped or not. */
const COMMANDS: Record<keyof typeof RENDERERS, string[]> = {
  env: [],
  route: [],
  check: CHECK.findings.flatMap((f) => f.fixes.flatMap((fix) => (fix.command !== undefined ? [fix.command] : []))),
  explain: [...privateFixes.map((fix) => fix.command), 'go clean -modcache && go mod download example.com/lib@v1.0.1'],
};

/** Prose from the fixture, longer than the terminal, present at every verbosity. */
const LONG_PROSE: Record<keyof typeof RENDERERS, string> = {
  env: ENVIRONMENT.variables.GONOPROXY?.notes[0] ?? '',
  route: 'skipped without a request: https://goproxy.corp.invalid, https://proxy.golang.org',
  check: CHECK.findings[1]?.message ?? '',
  explain: EXPLAIN.diagnoses[0]?.evidence ?? '',
};

const lines = (text: string): string[] => text.replace(/\n$/, '').split('\n');
const words = (text: string): string[] => stripAnsi(text).split(/\s+/).filter((w) => w !== '');

const CASES = [
  { colour: 'off', chalk: off, terminal: 'pipe', width: undefined },
  { colour: 'on', chalk: on, terminal: 'pipe', width: undefined },
  { colour: 'off', chalk: off, terminal: `${COLUMNS} columns`, width: COLUMNS },
  { colour: 'on', chalk: on, terminal: `${COLUMNS} columns`, width: COLUMNS },
] as const;
const VERBOSITIES: readonly Verbosity[] = ['normal', 'quiet', 'verbose'];

describe.each(Object.keys(RENDERERS) as (keyof typeof RENDERERS)[])('%s', (name) => {
  const render = RENDERERS[name];

  describe.each(VERBOSITIES)('%s', (verbosity) => {
    test.each(CASES)('colour $colour, $terminal', ({ chalk, width }) => {
      const text = render(chalk, { verbosity, width });
      expect(text).toMatchSnapshot();
    });

    test('colour off has no escape codes, colour on has them, and they are the only difference', () => {
      for (const width of [undefined, COLUMNS]) {
        const plain = render(off, { verbosity, width });
        const coloured = render(on, { verbosity, width });
        expect(plain).not.toContain('\u001b');
        expect(coloured).toContain('\u001b[');
        expect(stripAnsi(coloured)).toBe(plain);
      }
    });

    test('wrapping at 60 columns loses and reorders nothing, keeps commands whole and every other line within 60', () => {
      for (const chalk of [off, on]) {
        const pipe = render(chalk, { verbosity });
        const tty = render(chalk, { verbosity, width: COLUMNS });
        expect(words(tty)).toEqual(words(pipe));
        const ttyLines = lines(tty).map(stripAnsi);
        for (const command of COMMANDS[name]) {
          if (!stripAnsi(pipe).includes(command)) continue;
          expect(ttyLines.some((line) => line.trim() === `$ ${command}`)).toBe(true);
        }
        for (const line of ttyLines) {
          if (visibleWidth(line) <= COLUMNS) continue;
          // The only lines allowed past the edge: commands (and explain's hint naming one), env's table rows,
          // and one word too long for any line (a URL), alone after its indentation and list marker.
          const isCommand = /^\s*\$ /.test(line) || line.endsWith(': goproxy-doctor explain --scenario <id>');
          const isTableRow = name === 'env' && /^[A-Z0-9_]+=/.test(line);
          const isOneLongWord = /^\s*(?:(?:\d+\.|[-·✓✗⚠ℹ?│])\s+)?\S+$/.test(line);
          expect({ line, allowed: isCommand || isTableRow || isOneLongWord }).toEqual({ line, allowed: true });
        }
      }
    });

    test('into a pipe nothing is wrapped: long prose stays on one line, which 60 columns would break', () => {
      const pipe = lines(render(off, { verbosity }));
      const tty = lines(render(off, { verbosity, width: COLUMNS }));
      const long = LONG_PROSE[name];
      if (name === 'env' && verbosity === 'quiet') {
        // Without notes, env is all table rows, which are never wrapped anywhere.
        expect(tty).toEqual(pipe);
        return;
      }
      expect(long.length).toBeGreaterThan(COLUMNS);
      expect(pipe.some((line) => line.includes(long))).toBe(true);
      expect(tty.some((line) => line.includes(long))).toBe(false);
      expect(tty.length).toBeGreaterThan(pipe.length);
    });
  });
});

describe('what each verbosity shows', () => {
  const plain = (name: keyof typeof RENDERERS, verbosity: Verbosity): string => RENDERERS[name](off, { verbosity });

  test('check --quiet: only errors and warnings and the summary line; no passing sections, notes, probes or header', () => {
    const text = plain('check', 'quiet');
    expect(text).not.toContain('✓');
    expect(text).not.toContain('ℹ');
    expect(text).not.toContain('sumdb-key-note');
    // Probe lines (with their phase timings) are gone; the evidence of the finding stays.
    expect(text).not.toMatch(/GET .* → .*total/);
    expect(text).not.toContain('goproxy-doctor check');
    expect(text).toContain('⚠ Configuration');
    expect(text).toContain('✗ Module proxies');
    expect(text).not.toContain('Checksum database');
    expect(lines(text).at(-1)).toBe('✗ 1 error, 1 warning, 1 note');
    expect(text).toContain("$ go env -w GOPRIVATE='github.com/acme/*'");
  });

  test('check --verbose: every request with its URL, what it was for and every phase timing', () => {
    const normal = plain('check', 'normal');
    const verbose = plain('check', 'verbose');
    expect(verbose.startsWith(normal.slice(0, normal.lastIndexOf('\n\n')))).toBe(true);
    expect(verbose).toContain('Requests (4)');
    for (const probe of CHECK.probes) expect(verbose).toContain(`GET ${probe.url} → `);
    expect(verbose).toContain('sumdb supported #1 · reached the http phase · connect 1.0 ms · tls 9.0 ms · http 8.0 ms · total 18.0 ms');
    expect(verbose).toContain('module golang.org/x/text@v0.14.0 #1 · reached the http phase · dns 1.2 ms · connect 3.4 ms · tls 12.5 ms · http 40.3 ms · total 57.4 ms');
    expect(normal).not.toContain('Requests');
  });

  test('explain --quiet: the diagnoses without runners-up or the hint; nothing at all when nothing matched', () => {
    const text = plain('explain', 'quiet');
    expect(text).toContain('3 problems found');
    expect(text).not.toContain('Also possible');
    expect(text).not.toContain('Details on a scenario');
    expect(renderExplainHuman({ diagnoses: [], blocks: 4, omitted: 0, errors: [] }, { chalk: off, scenario: () => undefined, verbosity: 'quiet' })).toBe('');
    expect(renderExplainHuman({ diagnoses: [], blocks: 4, omitted: 0, errors: [] }, { chalk: off, scenario: () => undefined })).toContain('No known Go module download failure');
  });

  test('explain --verbose: the line of each folded failure, and every fix of the runners-up with their line', () => {
    const normal = plain('explain', 'normal');
    const verbose = plain('explain', 'verbose');
    expect(normal).toContain('Same cause for: github.com/acme/internal-tools@v0.3.1');
    expect(verbose).toContain('- github.com/acme/internal-tools@v0.3.1 (line 9)');
    expect(verbose).toContain('for github.com/acme/private@v1.2.0 (line 3)');
    expect(normal).not.toContain('git config --global');
    expect(verbose).toContain('$ git config --global url."git@github.com:".insteadOf "https://github.com/"');
  });

  test('env and route --quiet: every value, no notes', () => {
    const env = plain('env', 'quiet');
    for (const name of Object.keys(ENVIRONMENT.variables)) expect(env).toMatch(new RegExp(`^${name}=`, 'm'));
    expect(env).not.toContain('inherited from GOPRIVATE');
    expect(plain('env', 'normal')).toContain('inherited from GOPRIVATE');
    const route = plain('route', 'quiet');
    expect(route).not.toContain('note:');
    expect(route).toContain('checksum database: sum.golang.org, reached through the first that works:');
    expect(plain('route', 'normal')).toContain('note: GOFLAGS has -mod=vendor');
  });
});

// ---------------------------------------------------------------------------------------------
// Simplified Chinese: the same reports with the tool's own words translated. The fixture's notes,
// findings and fixes stay as written (they are data here); headings, labels and summaries change,
// values never do.

const REPORT_INPUT: ReportInput = {
  toolVersion: '0.1.0',
  nodeVersion: 'v20.18.1',
  platform: 'linux',
  arch: 'x64',
  generatedAt: '2025-03-01T12:00:00.000Z',
  cwd: '/home/dev/src/app',
  homedir: '/home/dev',
  env: { ok: true, value: ENVIRONMENT },
  routes: { ok: true, value: { routes: ROUTES, omitted: 3 } },
  check: { ok: true, value: CHECK },
  explain: { file: 'build.log', result: EXPLAIN },
  scenario: (id) => SCENARIOS[id],
  knownSecrets: [],
};

/** The values a report shows: URLs, module paths, VAR=value pairs and variable names. None is ever translated. */
function valuesIn(text: string): string[] {
  const tokens = stripAnsi(text)
    .split(/[\s,;()[\]"'`|]+/)
    .map((token) => token.replace(/[.:]+$/, ''))
    .filter((token) => /[/@=]/.test(token) || /^[A-Z][A-Z0-9_]{3,}$/.test(token));
  return [...new Set(tokens)];
}

const CHINESE = /[\u4e00-\u9fff]/;

describe('Simplified Chinese', () => {
  const chinese = useChinese();
  const inChinese = <T>(render: () => T): T => chinese.run(render);

  describe.each(Object.keys(RENDERERS) as (keyof typeof RENDERERS)[])('%s', (name) => {
    const render = RENDERERS[name];

    test.each(VERBOSITIES)('%s: into a pipe and on a 60-column terminal', (verbosity) => {
      expect(inChinese(() => render(off, { verbosity }))).toMatchSnapshot('pipe');
      expect(inChinese(() => render(off, { verbosity, width: COLUMNS }))).toMatchSnapshot(`${COLUMNS} columns`);
    });

    test('the tool speaks Chinese, every value of the English report is still there, and English is back afterwards', () => {
      const english = render(off, { verbosity: 'verbose' });
      const chinese = inChinese(() => render(off, { verbosity: 'verbose' }));
      // env's table is values and origins only (its notes are the fixture's data): nothing to translate.
      if (name === 'env') expect(chinese).toBe(english);
      else expect(chinese).toMatch(CHINESE);
      expect(english).not.toMatch(CHINESE);
      const values = valuesIn(english);
      expect(values.length).toBeGreaterThan(0);
      expect(values.filter((value) => !chinese.includes(value))).toEqual([]);
      for (const command of COMMANDS[name]) expect(chinese).toContain(`$ ${command}`);
      expect(render(off, { verbosity: 'verbose' })).toBe(english);
    });

    test('colour and wrapping keep their rules: escapes are the only difference, lines fit 60 columns, nothing is lost', () => {
      for (const verbosity of VERBOSITIES) {
        const plain = inChinese(() => render(off, { verbosity, width: COLUMNS }));
        const coloured = inChinese(() => render(on, { verbosity, width: COLUMNS }));
        expect(stripAnsi(coloured)).toBe(plain);
        const pipe = inChinese(() => render(off, { verbosity }));
        // Chinese breaks between characters, so compare without any whitespace.
        expect(plain.replace(/\s+/g, '')).toBe(pipe.replace(/\s+/g, ''));
        for (const line of lines(plain)) {
          if (visibleWidth(line) <= COLUMNS) continue;
          const isCommand = /^\s*\$ /.test(line) || line.includes('goproxy-doctor explain --scenario <id>');
          const isTableRow = name === 'env' && /^[A-Z0-9_]+=/.test(line);
          // One word too long for any line (a URL), alone after its indentation, list marker and a few wide characters.
          const isOneLongWord = /^\s*(?:(?:\d+\.|[-·✓✗⚠ℹ?│])\s+)?[^\x00-\x7f]{0,6}\S+$/.test(line) && /\S{30,}/.test(line);
          expect({ line, allowed: isCommand || isTableRow || isOneLongWord }).toEqual({ line, allowed: true });
        }
      }
    });
  });

  test('the Markdown report and the step summary, in both languages', () => {
    const english = renderReportMarkdown(REPORT_INPUT);
    const chinese = inChinese(() => renderReportMarkdown(REPORT_INPUT));
    expect(english).toMatchSnapshot('report, English');
    expect(chinese).toMatchSnapshot('report, Chinese');
    expect(chinese).toMatch(/^# goproxy-doctor 报告$/m);
    expect(english).toMatch(/^# goproxy-doctor report$/m);
    expect(valuesIn(english).filter((value) => !chinese.includes(value))).toEqual([]);
    // The Markdown structure is the same: same headings levels, table rows and code fences.
    const shape = (text: string): string[] => lines(text).map((line) => line.replace(/^(#+|\||```\w*|- |\d+\. ).*$/, '$1'));
    expect(shape(chinese).filter((line) => /^(#+|\||```)/.test(line))).toEqual(shape(english).filter((line) => /^(#+|\||```)/.test(line)));
    const summary = { title: 'goproxy-doctor check', findings: CHECK.findings, diagnoses: EXPLAIN.diagnoses, scenario: (id: string) => SCENARIOS[id] };
    expect(inChinese(() => stepSummaryMarkdown(summary))).toMatchSnapshot('step summary, Chinese');
  });
});
