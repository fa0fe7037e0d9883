/**
 * Terminal manners through main(): --help (examples per command, exit codes, environment), --version,
 * --quiet / --verbose, and wrapping to the terminal width only when stdout is a terminal.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../src/cli/main.js';
import { ExitCode } from '../src/errors.js';
import { stripAnsi, visibleWidth } from '../src/report/wrap.js';
import { VERSION } from '../src/version.js';
import { loadFixture } from './explain/corpus.js';
import { availableGoVersions, createGoSandbox, goBinary, type GoSandbox } from './helpers/go-toolchains.js';
import { bufferStream, createTestIo, type BufferStream, type TestIo, type TestIoOptions } from './helpers/test-io.js';

const COMMANDS = ['env', 'route', 'check', 'explain', 'run', 'report'] as const;

// Real go output: a private module asked of a proxy that answers 404 (a diagnosis plus runners-up).
const CREDENTIAL_404 = loadFixture('private-module-proxied/credential-404-go1.23.txt').body;
const FIX_COMMAND = 'go env -w "GOPRIVATE=$(go env GOPRIVATE),github.com/acme/*"';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; `columns` makes stdout a terminal of that width. */
async function cli(args: readonly string[], options: TestIoOptions & { columns?: number } = {}): Promise<Run> {
  const base: TestIo = createTestIo(options);
  const stdout: BufferStream = options.columns !== undefined ? bufferStream(true, options.columns) : base.stdout;
  const io: TestIo = { ...base, stdout };
  const code = await main(args, io);
  return { code, stdout: stdout.text(), stderr: io.stderr.text() };
}

/** The indented lines of a help section, up to the next blank line. */
function section(help: string, title: string): string[] {
  const lines = help.split('\n');
  const start = lines.findIndex((line) => line === `${title}:`);
  if (start < 0) return [];
  const end = lines.findIndex((line, i) => i > start && line.trim() === '');
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** Every --long option a help text declares in its Options section. */
function declaredOptions(help: string): Set<string> {
  return new Set(section(help, 'Options').flatMap((line) => line.match(/--[a-z][a-z-]*/g) ?? []));
}

describe('--help and --version', () => {
  test('top-level help: options, examples, output modes, every exit code and the environment variables read', async () => {
    const { code, stdout, stderr } = await cli(['--help']);
    expect(code).toBe(ExitCode.ok);
    expect(stderr).toBe('');
    for (const option of ['--quiet', '--verbose', '--color', '--no-color', '--version', '--go', '--help']) expect(declaredOptions(stdout)).toContain(option);
    expect(section(stdout, 'Examples').filter((line) => line.includes('goproxy-doctor ')).length).toBeGreaterThanOrEqual(COMMANDS.length);
    for (const command of COMMANDS) expect(section(stdout, 'Examples').join('\n')).toContain(`goproxy-doctor ${command}`);
    const exitCodes = section(stdout, 'Exit codes').join('\n');
    for (const value of Object.values(ExitCode)) expect(exitCodes).toMatch(new RegExp(`^  ${value} `, 'm'));
    const environment = section(stdout, 'Environment').join('\n');
    for (const name of ['NO_COLOR', 'FORCE_COLOR', 'GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY', 'CI', 'GOPROXY', 'GOPRIVATE', 'GONOSUMDB', 'HTTPS_PROXY', 'NO_PROXY', 'NETRC', 'SSL_CERT_FILE', 'SSL_CERT_DIR']) {
      expect(environment).toMatch(new RegExp(`\\b${name}\\b`));
    }
    expect(section(stdout, 'Output').join('\n')).toMatch(/--quiet[\s\S]*--verbose/);
  });

  test('--version and -V print the package version and exit 0', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const { code, stdout } = await cli([flag]);
      expect(code).toBe(ExitCode.ok);
      expect(stdout).toBe(`${pkg.version}\n`);
    }
    expect(VERSION).toBe(pkg.version);
  });

  describe.each(COMMANDS)('%s --help', (command) => {
    test('has an Examples section whose examples run this command with options it declares', async () => {
      const top = await cli(['--help']);
      const { code, stdout } = await cli([command, '--help']);
      expect(code).toBe(ExitCode.ok);
      const examples = section(stdout, 'Examples').filter((line) => line.includes(`goproxy-doctor `));
      expect(examples.length).toBeGreaterThanOrEqual(1);
      const known = new Set([...declaredOptions(stdout), ...declaredOptions(top.stdout)]);
      for (const example of examples) {
        // The goproxy-doctor invocation only: not what is piped in or out, nor a wrapped command's own flags.
        const invocation = (example.slice(example.indexOf('goproxy-doctor ')).split(/ (?:\||#|--|>) /)[0] ?? '').trim();
        expect(invocation.split(/\s+/)).toContain(command);
        for (const flag of invocation.match(/(?<=\s)--[a-z][a-z-]*/g) ?? []) expect({ example, flag, known: known.has(flag) }).toEqual({ example, flag, known: true });
      }
      expect(stdout).toMatch(/Exit codes/);
    });

    test('`help <command>` prints the same text', async () => {
      const direct = await cli([command, '--help']);
      const viaHelp = await cli(['help', command]);
      expect(viaHelp.code).toBe(ExitCode.ok);
      expect(viaHelp.stdout).toBe(direct.stdout);
    });
  });
});

describe('--quiet and --verbose', () => {
  test('both at once is a one-line usage error, before or after the command', async () => {
    for (const args of [['--quiet', '--verbose', 'explain', '--no-env'], ['explain', '--no-env', '--verbose', '--quiet']]) {
      const { code, stdout, stderr } = await cli(args, { stdin: CREDENTIAL_404 });
      expect(code).toBe(ExitCode.usage);
      expect(stdout).toBe('');
      expect(stderr).toBe('goproxy-doctor: --quiet and --verbose cannot be combined\n');
    }
  });

  test('explain --quiet: the diagnosis and its fixes, no runners-up and no hint; same exit code', async () => {
    const normal = await cli(['explain', '--no-env'], { stdin: CREDENTIAL_404 });
    const quiet = await cli(['explain', '--no-env', '--quiet'], { stdin: CREDENTIAL_404 });
    expect(normal.stdout).toContain('Also possible');
    expect(normal.stdout).toContain('goproxy-doctor explain --scenario <id>');
    expect(quiet.code).toBe(normal.code);
    expect(quiet.code).toBe(ExitCode.problemsFound);
    expect(quiet.stdout).toContain('Private module sent to a proxy');
    expect(quiet.stdout).toContain(FIX_COMMAND);
    expect(quiet.stdout).not.toContain('Also possible');
    expect(quiet.stdout).not.toContain('--scenario');
    expect(quiet.stdout.length).toBeLessThan(normal.stdout.length);
  });

  test('explain --quiet prints nothing when nothing matched', async () => {
    const quiet = await cli(['--quiet', 'explain', '--no-env'], { stdin: 'ok  \texample.com/app\t0.012s\n' });
    expect(quiet).toEqual({ code: ExitCode.ok, stdout: '', stderr: '' });
  });

  test('explain --verbose: runners-up name the input line and list every fix', async () => {
    const normal = await cli(['explain', '--no-env'], { stdin: CREDENTIAL_404 });
    const verbose = await cli(['explain', '--no-env', '--verbose'], { stdin: CREDENTIAL_404 });
    const alsoPossible = (text: string): string => text.slice(text.indexOf('Also possible'));
    expect(alsoPossible(verbose.stdout)).toMatch(/\(line 1\)/);
    expect(alsoPossible(normal.stdout)).not.toMatch(/\(line 1\)/);
    expect(alsoPossible(verbose.stdout).split('\n').length).toBeGreaterThan(alsoPossible(normal.stdout).split('\n').length);
  });

  test('--json ignores verbosity', async () => {
    const plain = await cli(['explain', '--no-env', '--json'], { stdin: CREDENTIAL_404 });
    for (const flag of ['--quiet', '--verbose']) expect((await cli(['explain', '--no-env', '--json', flag], { stdin: CREDENTIAL_404 })).stdout).toBe(plain.stdout);
  });

  test('run --quiet: the command output, then only the diagnosis; nothing added when nothing matched', async () => {
    const failing = (text: string): string[] => ['--quiet', 'run', '--no-env', '--', process.execPath, '-e', `process.stderr.write(${JSON.stringify(text)}); process.exit(1)`];
    const matched = await cli(failing(CREDENTIAL_404), { env: { PATH: process.env.PATH } });
    expect(matched.code).toBe(1);
    expect(matched.stderr.startsWith(CREDENTIAL_404)).toBe(true);
    expect(matched.stderr).toContain('Private module sent to a proxy');
    expect(matched.stderr).not.toContain('Also possible');
    const unrelated = await cli(failing('main.go:3:1: syntax error\n'), { env: { PATH: process.env.PATH } });
    expect(unrelated).toEqual({ code: 1, stdout: '', stderr: 'main.go:3:1: syntax error\n' });
  });
});

describe('terminal width', () => {
  test('into a pipe nothing is wrapped, even with colour forced', async () => {
    for (const env of [{}, { FORCE_COLOR: '1' }]) {
      const { stdout } = await cli(['explain', '--no-env'], { stdin: CREDENTIAL_404, env });
      const lines = stdout.split('\n').map(stripAnsi);
      // The quoted evidence is one line however long it is.
      expect(lines.some((line) => line.startsWith('   line 1: go: github.com/acme/private@v1.2.0: reading http://127.0.0.1:') && line.endsWith('404 Not Found'))).toBe(true);
      expect(Math.max(...lines.map((line) => line.length))).toBeGreaterThan(80);
    }
    expect((await cli(['explain', '--no-env'], { stdin: CREDENTIAL_404, env: { FORCE_COLOR: '1' } })).stdout).toContain('\u001b[');
  });

  test('on a 60-column terminal prose wraps to 60 columns, commands stay whole, nothing is lost', async () => {
    const pipe = await cli(['explain', '--no-env', '--no-color'], { stdin: CREDENTIAL_404 });
    const tty = await cli(['explain', '--no-env', '--no-color'], { stdin: CREDENTIAL_404, columns: 60 });
    expect(tty.stdout).not.toContain('\u001b');
    const lines = tty.stdout.split('\n');
    expect(lines.length).toBeGreaterThan(pipe.stdout.split('\n').length);
    expect(lines.some((line) => line.trim() === `$ ${FIX_COMMAND}`)).toBe(true);
    for (const line of lines) {
      if (visibleWidth(line) <= 60) continue;
      // Past the edge only: a command, the hint naming one, or a single word too long for any line (a URL).
      expect(/^\s*\$ /.test(line) || line.includes('goproxy-doctor explain --scenario') || /^\s*\S+$/.test(line)).toBe(true);
    }
    const words = (text: string): string[] => text.split(/\s+/).filter((w) => w !== '');
    expect(words(tty.stdout)).toEqual(words(pipe.stdout));
  });

  test('colour on a terminal: wrapped lines carry their own colour codes', async () => {
    const { stdout } = await cli(['explain', '--no-env'], { stdin: CREDENTIAL_404, columns: 60 });
    expect(stdout).toContain('\u001b[');
    for (const line of stdout.split('\n').map(stripAnsi)) if (!/^\s*\$ /.test(line) && /\s\S/.test(line.trim())) expect(line.length <= 60 || line.includes('--scenario')).toBe(true);
  });

  test('explain --list wraps each summary under its title column', async () => {
    const pipe = await cli(['explain', '--list'], {});
    const tty = await cli(['explain', '--list'], { columns: 60 });
    const titleColumn = /^\S+\s+/.exec(pipe.stdout)?.[0].length ?? 0;
    expect(titleColumn).toBeGreaterThan(10);
    const lines = stripAnsi(tty.stdout).split('\n');
    expect(lines.length).toBeGreaterThan(pipe.stdout.split('\n').length);
    for (const line of lines.filter((l) => l.startsWith(' '))) expect(line).toMatch(new RegExp(`^ {${titleColumn}}\\S`));
  });
});

const newest = availableGoVersions().at(-1);

(newest === undefined ? describe.skip : describe)('env and check with the real go', () => {
  let sandbox: GoSandbox;
  beforeAll(async () => {
    await import('execa');
  });
  beforeEach(() => {
    sandbox = createGoSandbox('gpd-cli-help-');
  });
  afterEach(() => sandbox.cleanup());

  const run = (args: string[], env: Record<string, string | undefined>, columns?: number): Promise<Run> =>
    cli(['--go', goBinary(newest!), ...args], { env, cwd: sandbox.root, homedir: sandbox.home, ...(columns !== undefined ? { columns } : {}) });

  test('env --quiet keeps every value and drops the notes; on a terminal only the notes wrap', async () => {
    // An empty OS variable counts as unset, and env says so in a note.
    const env = { ...sandbox.env, GOINSECURE: '' };
    const normal = await run(['env'], env);
    const quiet = await run(['env', '--quiet'], env);
    expect(normal.code).toBe(ExitCode.ok);
    expect(normal.stdout).toMatch(/^ {4}- GOINSECURE is set to the empty string/m);
    expect(quiet.stdout).not.toMatch(/^ {4}- /m);
    // On the terminal colour is on too; compare the text.
    const rows = (text: string): string[] => stripAnsi(text).split('\n').filter((line) => /^[A-Z_]+=/.test(line));
    expect(rows(quiet.stdout)).toEqual(rows(normal.stdout));
    const narrow = await run(['env'], env, 40);
    expect(rows(narrow.stdout)).toEqual(rows(normal.stdout));
    expect(stripAnsi(narrow.stdout)).toMatch(/^ {4}- GOINSECURE is set to the empty\n {6}\S/m);
  });

  test('check --offline: --verbose lists the requests (none), --quiet only what is wrong and the totals', async () => {
    const env = { ...sandbox.env, GOPROXY: 'https://goproxy.example.invalid', GOFLAGS: '-insecure' };
    const normal = await run(['check', '--offline'], env);
    const verbose = await run(['check', '--offline', '--verbose'], env);
    const quiet = await run(['check', '--offline', '--quiet'], env);
    expect(verbose.code).toBe(normal.code);
    expect(quiet.code).toBe(normal.code);
    expect(normal.stdout).not.toContain('Requests');
    expect(verbose.stdout).toContain('Requests (0)');
    expect(verbose.stdout).toContain('none (--offline)');
    expect(normal.stdout).toContain('✓');
    expect(quiet.stdout).not.toContain('✓');
    expect(quiet.stdout).not.toContain('goproxy-doctor check');
    const summary = normal.stdout.trimEnd().split('\n').at(-1);
    expect(quiet.stdout.trimEnd().split('\n').at(-1)).toBe(summary);
  });
});
