/**
 * `env`, `route`, `check --offline` and `report --offline` in Simplified Chinese through main(), with a
 * real go in a sandbox built from scratch (nothing inherited from this machine), and `--json`, which stays
 * English whatever the locale. Paths of the sandbox and timings are replaced before the snapshots are
 * compared; everything else is what a user sees.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli/main.js';
import { ExitCode } from '../../src/errors.js';
import { availableGoVersions, createGoSandbox, goBinary, type GoSandbox } from '../helpers/go-toolchains.js';
import { createTestIo } from '../helpers/test-io.js';

// One fixed release, so the snapshots hold its version and its notes.
const VERSION = availableGoVersions(['1.23'])[0];
const CHINESE = /[\u4e00-\u9fff]/;
const NOW = Date.UTC(2025, 2, 1, 12, 0, 0);

let sandbox: GoSandbox;
beforeAll(async () => {
  await import('execa');
});
beforeEach(() => {
  sandbox = createGoSandbox('gpd-i18n-');
  mkdirSync(sandbox.work, { recursive: true });
  writeFileSync(path.join(sandbox.work, 'go.mod'), 'module example.com/app\n\ngo 1.21\n\nrequire (\n\tgolang.org/x/text v0.14.0\n\tgithub.com/acme/private v1.2.0\n)\n');
  // Empty TLS roots: the certificate count does not depend on this machine.
  writeFileSync(path.join(sandbox.root, 'roots.pem'), '');
  mkdirSync(path.join(sandbox.root, 'certs'));
});
afterEach(() => sandbox.cleanup());

function environment(extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...sandbox.env,
    GOPROXY: 'https://goproxy.cn,direct',
    GOSUMDB: 'sum.golang.google.cn',
    GOPRIVATE: 'github.com/acme/*',
    SSL_CERT_FILE: path.join(sandbox.root, 'roots.pem'),
    SSL_CERT_DIR: path.join(sandbox.root, 'certs'),
    ...extra,
  };
}

async function run(args: readonly string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = createTestIo({ env, cwd: sandbox.work, homedir: sandbox.home, now: () => NOW });
  const code = await main(['--go', goBinary(VERSION!), ...args], io);
  return { code, stdout: io.stdout.text(), stderr: io.stderr.text() };
}

/** The sandbox's paths, the go binary, durations and the Node.js version, replaced by stable names. */
function stable(text: string): string {
  return text
    .split(sandbox.root)
    .join('<sandbox>')
    .split(path.dirname(path.dirname(goBinary(VERSION!))))
    .join('<goroot>')
    .replace(/(耗时|took) [0-9.]+ m?s/g, '$1 <ms>')
    .replace(/`v\d+\.\d+\.\d+`/g, '`<node>`')
    .replace(/`(?:linux|darwin|win32)\/\w+`/g, '`<os>/<arch>`');
}

(VERSION === undefined ? describe.skip : describe)('in Chinese, against a real go', () => {
  const zh = () => environment({ LANG: 'zh_CN.UTF-8' });

  test('env: Chinese notes, values and origins as they are', async () => {
    const chinese = await run(['env'], zh());
    const english = await run(['env'], environment());
    expect(chinese.code).toBe(ExitCode.ok);
    expect(stable(chinese.stdout)).toMatchSnapshot();
    expect(chinese.stdout).toMatch(CHINESE);
    // The table rows (NAME=value origin file) are the same rows in both languages.
    const rows = (text: string): string[] => text.split('\n').filter((line) => /^[A-Z0-9_]+=/.test(line));
    expect(rows(chinese.stdout)).toEqual(rows(english.stdout));
    expect(rows(english.stdout).length).toBeGreaterThan(10);
  });

  test('route: every step, URL and pattern as in English, the explanations in Chinese', async () => {
    const chinese = await run(['route'], zh());
    const english = await run(['route'], environment());
    expect(chinese.code).toBe(ExitCode.ok);
    expect(stable(chinese.stdout)).toMatchSnapshot();
    const urls = (text: string): string[] => text.match(/https?:\/\/\S+/g) ?? [];
    expect(urls(chinese.stdout).map((url) => url.replace(/[（(].*$/, ''))).toEqual(urls(english.stdout).map((url) => url.replace(/[（(].*$/, '')));
    expect(chinese.stdout).toContain('GOPRIVATE 模式 "github.com/acme/*" 匹配：跳过所有模块代理');
  });

  test('check --offline: Chinese sections and summary, the same findings and exit code as in English', async () => {
    const chinese = await run(['check', '--offline'], zh());
    const english = await run(['check', '--offline'], environment());
    expect(chinese.code).toBe(english.code);
    expect(stable(chinese.stdout)).toMatchSnapshot();
    const ids = (text: string): string[] => text.match(/^ {2}[✗⚠ℹ] \S+ ([a-z0-9-]+)/gm)?.map((line) => line.split(' ').at(-1) ?? '') ?? [];
    expect(ids(chinese.stdout)).toEqual(ids(english.stdout));
    expect(chinese.stdout).toMatch(/^✓ 模块代理$/m);
    expect(chinese.stdout.split('\n').filter((line) => line !== '').at(-1)).toMatch(/^[✓⚠✗] .*，\d+ 个警告，\d+ 条说明$/);
  });

  test('report --offline: the Markdown document in Chinese, as redacted as the English one', async () => {
    const chinese = await run(['report', '--offline'], zh());
    expect(chinese.code).toBe(ExitCode.ok);
    expect(stable(chinese.stdout)).toMatchSnapshot();
    for (const heading of ['# goproxy-doctor 报告', '## Go 环境', '## go.mod 中依赖的路由', '## 检查']) expect(chinese.stdout).toContain(`\n${heading}\n`.slice(heading.startsWith('# ') ? 1 : 0));
    expect(chinese.stdout).toContain('`goproxy-doctor report`');
    expect(chinese.stdout).not.toContain(sandbox.home);
  });

  test('--json is English whatever the locale: env, route and check give the same document', async () => {
    for (const args of [['env', '--json'], ['route', '--json'], ['check', '--offline', '--json']]) {
      const english = await run(args, environment());
      const chinese = await run(args, zh());
      const forced = await run(['--lang', 'zh', ...args], environment());
      const doc = (text: string): unknown => {
        const parsed = JSON.parse(text) as Record<string, unknown>;
        delete parsed.durationMs;
        return parsed;
      };
      expect(chinese.code).toBe(english.code);
      expect(doc(chinese.stdout)).toEqual(doc(english.stdout));
      expect(doc(forced.stdout)).toEqual(doc(english.stdout));
      expect(chinese.stdout).not.toMatch(CHINESE);
    }
  });

  test('a Go environment error in Chinese: one line, exit 3', async () => {
    const io = createTestIo({ env: zh(), cwd: sandbox.work, homedir: sandbox.home });
    const code = await main(['--go', path.join(sandbox.root, 'no-such-go'), 'env'], io);
    expect(code).toBe(ExitCode.goUnavailable);
    expect(stable(io.stderr.text())).toBe('goproxy-doctor: 找不到 go：<sandbox>/no-such-go（请安装 Go，或用 --go <path> 指定）\n');
  });
});
