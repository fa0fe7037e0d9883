/**
 * unknown-go-variable. The real go shows that it ignores such names (`go env GOPROXY` is unchanged by GO_PROXY
 * or a lower-case line in the go env file; `go env -w` refuses GONOSUMCHECK), and the known list is checked
 * against go's own (go1.26 src/internal/cfg/cfg.go, KnownEnv).
 */
import { readFileSync } from 'node:fs';
import { isKnownGoName, probablyMeant } from '../../../src/check/go-variable-names.js';
import { unknownGoVariable } from '../../../src/check/rules/unknown-go-variable.js';
import { runGo } from '../../helpers/go-toolchains.js';
import { prepareCase, removeSandbox } from '../harness.js';
import { detect, HAVE_GO_123, oneFinding, realInput, syntheticInput, withGoEnvFile, type CheckCase } from '../rules/support.js';

const describeGo = HAVE_GO_123 ? describe : describe.skip;

/** What `go env <args>` prints (stdout and stderr) in the case's sandbox. */
async function goEnv(c: CheckCase, args: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const { sandbox, env } = prepareCase(c);
  try {
    return await runGo('1.23', ['env', ...args], env, { cwd: sandbox.work, timeoutMs: 20_000 });
  } finally {
    removeSandbox(sandbox);
  }
}

describeGo('unknown-go-variable against the real go 1.23', () => {
  test('GO_PROXY in the OS environment changes nothing for go; the finding names GOPROXY and shows what go uses', async () => {
    const c: CheckCase = { env: { GOPROXY: undefined, GO_PROXY: 'https://goproxy.cn,direct' } };
    expect((await goEnv(c, ['GOPROXY'])).stdout.trim()).toBe('https://proxy.golang.org,direct');
    const f = oneFinding(unknownGoVariable, await realInput(c));
    expect(f).toMatchObject({ id: 'unknown-go-variable', severity: 'warning', group: 'config' });
    expect(f.message).toContain('GO_PROXY is set in the OS environment');
    expect(f.message).toContain('it looks like GOPROXY');
    expect(f.evidence[0]).toBe('GO_PROXY (set in the OS environment)');
    expect(f.evidence[1]).toMatch(/^GOPROXY="https:\/\/proxy\.golang\.org,direct" \(from .*go\.env\)$/);
    expect(f.fixes.map((x) => [x.id, x.command])).toEqual([['variable-rename', 'export GOPROXY="$GO_PROXY" && unset GO_PROXY']]);
    // The value is never repeated: it may hold a token.
    expect(JSON.stringify(f)).not.toContain('goproxy.cn');
  });

  test('GONOSUMCHECK: go env -w refuses it as unknown; the finding names GONOSUMDB', async () => {
    const c: CheckCase = { env: { GONOSUMCHECK: '1' } };
    const w = await goEnv(c, ['-w', 'GONOSUMCHECK=1']);
    expect(w.exitCode).not.toBe(0);
    expect(w.stderr).toContain('unknown go command variable GONOSUMCHECK');
    expect(oneFinding(unknownGoVariable, await realInput(c)).message).toContain('it looks like GONOSUMDB');
  });

  test('a lower-case line in the go env file is skipped by go', async () => {
    const c = withGoEnvFile({ goproxy: 'off' }, { env: { GOPROXY: undefined } });
    expect((await goEnv(c, ['GOPROXY'])).stdout.trim()).toBe('https://proxy.golang.org,direct');
    const f = oneFinding(unknownGoVariable, await realInput(c));
    expect(f.message).toContain('has a line setting goproxy, which go skips because it does not start with a capital letter: it looks like GOPROXY');
    expect(f.fixes[0]?.command).toBeUndefined();
  });

  test('an upper-case unknown name in the go env file: go env -u removes it', async () => {
    const c = withGoEnvFile({ GOPROXYS: 'https://goproxy.cn' });
    const f = oneFinding(unknownGoVariable, await realInput(c));
    expect(f.fixes[0]).toMatchObject({ id: 'variable-rename', command: 'go env -u GOPROXYS' });
    const u = await goEnv(c, ['-u', 'GOPROXYS']);
    expect(u.exitCode).toBe(0);
  });

  test('the sandbox itself (HOME, PATH, GOPATH, GOFLAGS, ...) has nothing unknown', async () => {
    expect(detect(unknownGoVariable, await realInput({}))).toEqual([]);
  });
});

describe('probablyMeant', () => {
  test.each([
    ['GO_PROXY', 'GOPROXY'],
    ['goproxy', 'GOPROXY'],
    ['Go_Proxy', 'GOPROXY'],
    ['GOPROXYS', 'GOPROXY'],
    ['GONOSUMCHECK', 'GONOSUMDB'],
    ['GOSUMBD', 'GOSUMDB'],
    ['GO_PRIVATE', 'GOPRIVATE'],
    ['GOPRIVTE', 'GOPRIVATE'],
    ['GOINSECUR', 'GOINSECURE'],
    ['GOTOOLCHIAN', 'GOTOOLCHAIN'],
    ['GOFLAG', 'GOFLAGS'],
    ['GO_111MODULE', 'GO111MODULE'],
  ])('%s → %s', (name, meant) => {
    expect(probablyMeant(name)).toBe(meant);
  });

  test.each([
    // Other programs' variables, and Go's own names that are not cmd/go settings.
    'GO_VERSION',
    'GOLANG_VERSION',
    'GOPROXY_URL',
    'GOPRIVATE_TOKEN',
    'GOROOT_BOOTSTRAP',
    'GOOGLE_APPLICATION_CREDENTIALS',
    'GOTESTSUM_FORMAT',
    'GOLANGCI_LINT_CACHE',
    'GORELEASER_CURRENT_TAG',
    'GOPACKAGESDRIVER',
    'GOMAXPROCS',
    'GOMEMLIMIT',
    'GOGC',
    'GOPROXY',
    'HOME',
  ])('%s → nothing', (name) => {
    expect(probablyMeant(name)).toBeUndefined();
  });

  test("every name in go's own KnownEnv list is known", () => {
    let source: string;
    try {
      source = readFileSync('/usr/local/go/src/internal/cfg/cfg.go', 'utf8');
    } catch {
      return; // no Go source on this machine
    }
    const list = /const KnownEnv = `([^`]*)`/.exec(source)?.[1] ?? '';
    const names = list.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    expect(names.length).toBeGreaterThan(50);
    expect(names.filter((n) => !isKnownGoName(n))).toEqual([]);
  });
});

describe('unknown-go-variable on Windows and for other variables', () => {
  test('environment names are case-insensitive on Windows: goproxy there is GOPROXY', () => {
    expect(detect(unknownGoVariable, syntheticInput('go1.23.5', {}, { platform: 'win32', osEnvironmentNames: ['goproxy', 'Path'] }))).toEqual([]);
    expect(detect(unknownGoVariable, syntheticInput('go1.23.5', {}, { platform: 'win32', osEnvironmentNames: ['GO_PROXY'] })).map((f) => f.message)).toEqual([
      expect.stringContaining('it looks like GOPROXY'),
    ]);
  });

  test('a misspelt variable that does not affect downloads is a note, not a warning', () => {
    const f = oneFinding(unknownGoVariable, syntheticInput('go1.23.5', {}, { osEnvironmentNames: ['GOARCHS'] }));
    expect(f.severity).toBe('info');
    expect(f.message).toContain('it looks like GOARCH');
  });

  test('each name is reported once', () => {
    expect(detect(unknownGoVariable, syntheticInput('go1.23.5', {}, { osEnvironmentNames: ['GO_PROXY', 'GO_PROXY'] }))).toHaveLength(1);
  });
});
