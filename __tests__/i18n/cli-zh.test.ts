/**
 * The command line in Simplified Chinese, without a Go toolchain: `--help` of every command, usage
 * errors (commander's and ours), `--lang` against the locale variables, and `explain` of a real go
 * log. What must never change with the language is checked next to the snapshots: option names,
 * command names, example commands, exit codes.
 */
import { ExitCode } from '../../src/errors.js';
import { langArgument } from '../../src/cli/main.js';
import { loadFixture } from '../explain/corpus.js';
import { runCli, type CliRun } from '../helpers/test-io.js';

const COMMANDS = ['env', 'route', 'check', 'explain', 'run', 'report', 'mirrors'] as const;
const CHINESE = /[\u4e00-\u9fff]/;
const ZH_LOCALE = { LANG: 'zh_CN.UTF-8' };

const help = (command: string | undefined, args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> =>
  runCli([...args, ...(command !== undefined ? [command] : []), '--help'], { env });

/** The option column of a help text (`-o, --output <file>`), in order. */
function flags(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => /^ {2}-/.test(line))
    .map((line) => line.trim().split(/\s{2,}/)[0] ?? '');
}

/** The command column of the command list: `env [options]`, `run [options] <command> [args...]`. */
function commandTerms(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => /^ {2}[a-z]+ (?:\[options\]|\[command\])/.test(line))
    .map((line) => line.trim().split(/\s{2,}/)[0] ?? '');
}

/** The shell commands of the examples: every line that runs goproxy-doctor, without its `# comment`. */
function exampleCommands(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => /^ {2}[^\s-]/.test(line) && line.includes('goproxy-doctor '))
    .map((line) => line.replace(/\s+#.*$/, '').trim());
}

function oneLine(stderr: string): string {
  const lines = stderr.split('\n').filter((line) => line !== '');
  expect(lines).toHaveLength(1);
  return lines[0] ?? '';
}

describe.each([undefined, ...COMMANDS])('%s --help in Chinese', (command) => {
  test('matches its snapshot, and the options, commands and examples are those of the English help', async () => {
    const english = await help(command, []);
    const chinese = await help(command, ['--lang', 'zh']);
    expect(chinese.code).toBe(ExitCode.ok);
    expect(chinese.stderr).toBe('');
    expect(chinese.stdout).toMatchSnapshot();
    expect(chinese.stdout).toMatch(CHINESE);
    expect(chinese.stdout).toMatch(/^用法: goproxy-doctor /);
    expect(chinese.stdout).toContain('\n示例：\n');
    for (const title of ['Usage:', 'Options:', 'Examples:', 'Commands:', 'Exit codes:']) expect(chinese.stdout).not.toContain(title);
    expect(flags(chinese.stdout)).toEqual(flags(english.stdout));
    expect(commandTerms(chinese.stdout)).toEqual(commandTerms(english.stdout));
    expect(exampleCommands(chinese.stdout)).toEqual(exampleCommands(english.stdout));
    expect(exampleCommands(english.stdout).length).toBeGreaterThan(0);
    // Exit codes are numbers in both languages.
    const codes = (text: string): string[] => text.match(/\b(?:0|1|2|3|4|5|126|127|128\+n|130)\b/g) ?? [];
    expect(new Set(codes(chinese.stdout))).toEqual(new Set(codes(english.stdout)));
  });

  test('LANG=zh_CN.UTF-8 alone gives the same Chinese help; --lang en and LC_ALL=C give the English one', async () => {
    const english = await help(command, []);
    const chinese = await help(command, ['--lang', 'zh']);
    expect((await help(command, [], ZH_LOCALE)).stdout).toBe(chinese.stdout);
    expect((await help(command, [], { LC_MESSAGES: 'zh_TW', LANG: 'en_US.UTF-8' })).stdout).toBe(chinese.stdout);
    expect((await help(command, ['--lang', 'en'], ZH_LOCALE)).stdout).toBe(english.stdout);
    expect((await help(command, ['--lang=en'], ZH_LOCALE)).stdout).toBe(english.stdout);
    expect((await help(command, [], { LC_ALL: 'C', LANG: 'zh_CN.UTF-8' })).stdout).toBe(english.stdout);
    expect(english.stdout).not.toMatch(CHINESE);
  });
});

describe('usage errors in Chinese: one line, the goproxy-doctor: prefix, exit 2, the user\'s words kept', () => {
  test.each([
    [['--bogus'], /^goproxy-doctor: 未知选项 '--bogus'$/],
    [['check', '--jsn'], /^goproxy-doctor: 未知选项 '--jsn' （是否想用 --json？）$/],
    [['chek'], /^goproxy-doctor: 未知命令 'chek' （是否想用 check？）$/],
    [['check', '--timeout'], /^goproxy-doctor: 选项 '--timeout <ms>' 缺少参数值$/],
    [['check', '--format', 'xml'], /^goproxy-doctor: 选项 '--format <format>' 的值 'xml' 无效；可选值：human, github$/],
    [['check', 'extra'], /^goproxy-doctor: 'check' 的参数过多：它接受 0 个，实际收到 1 个$/],
    [['run'], /^goproxy-doctor: 缺少必需的参数 'command' \(请在命令前加上 --：goproxy-doctor run -- go build \.\/\.\.\.\)$/],
    [['check', '--timeout', 'soon'], /^goproxy-doctor: --timeout 必须是整数毫秒数，实际为 "soon"$/],
    [['check', '--quiet', '--verbose', '--offline'], /^goproxy-doctor: --quiet 和 --verbose 不能同时使用$/],
    [['explain', '--list', '--scenario', 'x'], /^goproxy-doctor: --list 和 --scenario 不能同时使用$/],
    [['report', '--force'], /^goproxy-doctor: --force 只能与 --output 一起使用$/],
  ])('%j', async (args, pattern) => {
    const run = await runCli(args, { env: ZH_LOCALE });
    expect(run.code).toBe(ExitCode.usage);
    expect(oneLine(run.stderr)).toMatch(pattern);
    expect(run.stdout).toBe('');
  });

  test('English usage errors are exactly as before under --lang en', async () => {
    const run = await runCli(['--lang', 'en', 'check', '--format', 'xml'], { env: ZH_LOCALE });
    expect(oneLine(run.stderr)).toBe("goproxy-doctor: option '--format <format>' argument 'xml' is invalid. Allowed choices are human, github.");
  });

  test('a user word that looks like commander text is carried over, not parsed', async () => {
    const flag = "--x' argument 'y' is invalid. Allowed choices are a.";
    const run = await runCli(['check', flag], { env: ZH_LOCALE });
    expect(oneLine(run.stderr)).toBe(`goproxy-doctor: 未知选项 '${flag}'`);
  });
});

describe('--lang', () => {
  test.each([
    [['--lang', 'fr', 'env'], {}, 'goproxy-doctor: --lang must be en or zh, got "fr"'],
    [['env', '--lang=de'], {}, 'goproxy-doctor: --lang must be en or zh, got "de"'],
    [['env', '--lang'], {}, 'goproxy-doctor: --lang needs a value: en or zh'],
    [['--lang', 'fr', 'env'], ZH_LOCALE, 'goproxy-doctor: --lang 必须是 en 或 zh，实际为 "fr"'],
    [['--lang', '\u001b[31mzh', 'env'], {}, 'goproxy-doctor: --lang must be en or zh, got "\\u001b[31mzh"'],
  ])('%j with %j: a usage error, said in the locale\'s language', async (args, env, line) => {
    const run = await runCli(args, { env });
    expect(run.code).toBe(ExitCode.usage);
    expect(oneLine(run.stderr)).toBe(line);
    expect(run.stdout).toBe('');
  });

  test('is read the way commander reads it: the last one wins, options end at --, the value of --go is not an option', () => {
    expect(langArgument(['--lang', 'zh', 'env'])).toBe('zh');
    expect(langArgument(['env', '--lang=zh', '--lang', 'en'])).toBe('en');
    expect(langArgument(['run', '--', 'go', '--lang', 'zh'])).toBeUndefined();
    expect(langArgument(['--go', '--lang', 'env'])).toBeUndefined();
    expect(langArgument(['env', '--lang'])).toBeNull();
    expect(langArgument(['env'])).toBeUndefined();
  });

  test('a command after -- keeps its own --lang: run passes it on untouched', async () => {
    const run = await runCli(['--lang', 'zh', 'run', '--no-env', '--', '/bin/sh', '-c', 'echo "$0"', '--lang'], { env: { PATH: '/usr/bin:/bin' } });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('--lang\n');
  });
});

describe('explain in Chinese', () => {
  // Real go output: a private module asked of a proxy that answers 404.
  const log = loadFixture('private-module-proxied/credential-404-go1.23.txt').body;

  test('a go log: the diagnosis with Chinese headings, go\'s own text and every command unchanged', async () => {
    const english = await runCli(['explain', '--no-env'], { stdin: log });
    const chinese = await runCli(['explain', '--no-env'], { stdin: log, env: ZH_LOCALE });
    expect(chinese.code).toBe(ExitCode.problemsFound);
    expect(chinese.code).toBe(english.code);
    expect(chinese.stdout).toMatchSnapshot();
    expect(chinese.stdout).toMatch(/^发现 1 个问题（读取了 \d+ 个块）$/m);
    expect(chinese.stdout).toContain('修复方法（最推荐的在前）：');
    // go's line is quoted as go wrote it; commands are the same commands.
    const evidence = english.stdout.match(/^ {3}line \d+: (.*)$/m)?.[1];
    expect(evidence).toBeDefined();
    expect(chinese.stdout).toContain(`: ${evidence}`);
    const commands = (text: string): string[] => text.split('\n').filter((line) => /^\s+\$ /.test(line));
    expect(commands(chinese.stdout)).toEqual(commands(english.stdout));
    expect(commands(english.stdout).length).toBeGreaterThan(0);
  });

  test('--json stays English, whatever the locale', async () => {
    const english = await runCli(['explain', '--no-env', '--json'], { stdin: log });
    const chinese = await runCli(['explain', '--no-env', '--json'], { stdin: log, env: ZH_LOCALE });
    const forced = await runCli(['--lang', 'zh', 'explain', '--no-env', '--json'], { stdin: log });
    expect(chinese.stdout).toBe(english.stdout);
    expect(forced.stdout).toBe(english.stdout);
    expect(english.stdout).not.toMatch(CHINESE);
  });

  test('a usage error under --json is English too, a human one Chinese', async () => {
    const withJson = await runCli(['explain', '--json', '--passthrough'], { env: ZH_LOCALE });
    expect(oneLine(withJson.stderr)).toBe('goproxy-doctor: --passthrough and --json cannot be combined: both write to stdout');
    const scenario = await runCli(['explain', '--scenario', 'no-such-scenario'], { env: ZH_LOCALE });
    expect(oneLine(scenario.stderr)).toMatch(/^goproxy-doctor: 未知场景 "no-such-scenario"；有效的 id：[a-z-]+(, [a-z-]+)+$/);
  });
});
