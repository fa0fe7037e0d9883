/**
 * Toolchain selection: the pure analysis is compared with what the real go 1.21/1.23 (and 1.19)
 * print for the same go.mod and GOTOOLCHAIN, with GOPROXY=off so a download fails at once.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeToolchain, compareGoVersions, isLangVersion, localGoVersion, parseGover, toolchainModuleVersion, versionFromToolchain } from '../../src/check/toolchain.js';
import { availableGoVersions, createGoSandbox, runGo, type GoVersion } from '../helpers/go-toolchains.js';
import { removeSandbox } from './harness.js';

describe('gover ports', () => {
  test('compareGoVersions orders versions as cmd/go does', () => {
    const ordered = ['1.9', '1.10', '1.20', '1.21', '1.21rc1', '1.21rc2', '1.21.0', '1.21.1', '1.21.10', '1.22.0', '1.100.0'];
    for (let i = 0; i < ordered.length; i++) {
      for (let j = 0; j < ordered.length; j++) {
        expect([ordered[i], ordered[j], compareGoVersions(ordered[i] as string, ordered[j] as string)]).toEqual([ordered[i], ordered[j], Math.sign(i - j)]);
      }
    }
    // Before 1.21 a missing patch means .0.
    expect(compareGoVersions('1.20', '1.20.0')).toBe(0);
    expect(compareGoVersions('bogus', '1.0')).toBe(-1);
  });

  test('parseGover rejects what gover.Parse rejects', () => {
    for (const bad of ['', '1.', '01.2', '1.02', '1.2.3.4', '1.21.0rc1', '1.21RC1', 'go1.21', '1.21-']) expect([bad, parseGover(bad)]).toEqual([bad, undefined]);
    expect(parseGover('1.22rc1')).toEqual({ major: '1', minor: '22', patch: '', kind: 'rc', pre: '1' });
    expect(isLangVersion('1.22')).toBe(true);
    expect(isLangVersion('1.22.0')).toBe(false);
  });

  test('toolchain names', () => {
    expect(versionFromToolchain('go1.22.3')).toBe('1.22.3');
    expect(versionFromToolchain('go1.22.3-bigcorp')).toBe('1.22.3');
    expect(versionFromToolchain('gccgo')).toBe('');
    expect(versionFromToolchain('go1.22/../x')).toBe('');
    expect(localGoVersion('go1.23.5')).toBe('1.23.5');
    expect(toolchainModuleVersion('go1.22.0', 'linux', 'amd64')).toBe('v0.0.1-go1.22.0.linux-amd64');
  });
});

interface Case {
  name: string;
  goLine?: string;
  toolchainLine?: string;
  gotoolchain: string;
}

const CASES: Case[] = [
  { name: 'newer go line, GOTOOLCHAIN=local', goLine: '1.99.0', gotoolchain: 'local' },
  { name: 'newer go line, auto', goLine: '1.99.0', gotoolchain: 'auto' },
  { name: 'newer language version, auto (gets .0)', goLine: '1.99', gotoolchain: 'auto' },
  { name: 'toolchain line newer, auto', goLine: '1.21', toolchainLine: 'go1.99.0', gotoolchain: 'auto' },
  { name: 'toolchain line names a language version', goLine: '1.21', toolchainLine: 'go1.98', gotoolchain: 'auto' },
  { name: 'toolchain default', goLine: '1.21', toolchainLine: 'default', gotoolchain: 'auto' },
  { name: 'older go line, auto', goLine: '1.21', gotoolchain: 'auto' },
  { name: 'GOTOOLCHAIN=path', goLine: '1.99.0', gotoolchain: 'path' },
  { name: 'GOTOOLCHAIN=go1.99.0 (no suffix)', goLine: '1.21', gotoolchain: 'go1.99.0' },
  { name: 'GOTOOLCHAIN=go1.99.0+auto', goLine: '1.21', gotoolchain: 'go1.99.0+auto' },
  { name: 'GOTOOLCHAIN=bogus', goLine: '1.21', gotoolchain: 'bogus' },
  { name: 'GOTOOLCHAIN with a bad suffix', goLine: '1.21', gotoolchain: 'go1.99.0+foo' },
  { name: 'GOTOOLCHAIN=local+auto', goLine: '1.99.0', gotoolchain: 'local+auto' },
];

const modern = availableGoVersions(['1.21', '1.23']);
const describeModern = modern.length > 0 ? describe : describe.skip;

async function runCase(version: GoVersion, c: Case): Promise<{ exitCode: number; stderr: string; goVersion: string; goos: string; goarch: string }> {
  const sandbox = createGoSandbox('gpd-tc-');
  try {
    mkdirSync(sandbox.work, { recursive: true });
    const lines = ['module example.com/app', ''];
    if (c.goLine !== undefined) lines.push(`go ${c.goLine}`);
    if (c.toolchainLine !== undefined) lines.push(`toolchain ${c.toolchainLine}`);
    writeFileSync(path.join(sandbox.work, 'go.mod'), `${lines.join('\n')}\n`);
    const info = await runGo(version, ['env', 'GOVERSION', 'GOHOSTOS', 'GOHOSTARCH'], { ...sandbox.env }, { cwd: sandbox.root });
    const [goVersion = '', goos = '', goarch = ''] = info.stdout.trim().split('\n');
    const run = await runGo(version, ['list', '-m'], { ...sandbox.env, GOTOOLCHAIN: c.gotoolchain, GOPROXY: 'off' }, { cwd: sandbox.work, timeoutMs: 30_000 });
    return { exitCode: run.exitCode, stderr: run.stderr, goVersion, goos, goarch };
  } finally {
    removeSandbox(sandbox);
  }
}

describeModern('analyzeToolchain agrees with the real go', () => {
  const cases = CASES.flatMap((c) => modern.map((v) => [c.name, v, c] as [string, GoVersion, Case]));

  test.each(cases)('%s (go %s)', async (_name, version, c) => {
    const real = await runCase(version, c);
    const analysis = analyzeToolchain({ goVersion: real.goVersion, gotoolchain: c.gotoolchain, goLine: c.goLine, toolchainLine: c.toolchainLine, goos: real.goos, goarch: real.goarch });
    const problems = analysis.problems;
    const fatal = problems.find((p) => p.kind !== 'path-only');
    if (analysis.action === 'none') {
      // The local go runs: whatever else it says (`toolchain default` wants a tidy), it neither switches nor refuses.
      expect(real.stderr).not.toMatch(/toolchain|requires go >=|GOTOOLCHAIN/);
      return;
    }
    expect(real.exitCode).not.toBe(0);
    if (fatal && 'error' in fatal) {
      expect(real.stderr).toContain(fatal.error.replace(/^go: /, ''));
    } else if (analysis.action === 'download') {
      expect(real.stderr).toContain(`download ${analysis.switchTo ?? ''} for ${real.goos}/${real.goarch}: toolchain not available`);
      expect(analysis.moduleVersion).toBe(`v0.0.1-${analysis.switchTo ?? ''}.${real.goos}-${real.goarch}`);
    } else if (analysis.action === 'path') {
      expect(real.stderr).toContain(`cannot find "${analysis.switchTo ?? ''}" in PATH`);
    } else {
      throw new Error(`unexpected analysis ${JSON.stringify(analysis)}`);
    }
  });
});

const old = availableGoVersions(['1.19']);
(old.length > 0 ? describe : describe.skip)('go 1.19 cannot read go.mod files for 1.21+', () => {
  test.each([
    { name: 'three-part go line', goLine: '1.21.0', gotoolchain: 'auto' },
    { name: 'toolchain line', goLine: '1.19', toolchainLine: 'go1.21.0', gotoolchain: 'auto' },
  ] satisfies Case[])('$name', async (c) => {
    const real = await runCase('1.19', c);
    const analysis = analyzeToolchain({ goVersion: real.goVersion, gotoolchain: '', goLine: c.goLine, toolchainLine: c.toolchainLine, goos: real.goos, goarch: real.goarch });
    const problem = analysis.problems.find((p) => p.kind === 'old-go');
    expect(problem).toBeDefined();
    expect(real.exitCode).not.toBe(0);
    expect(real.stderr).toContain((problem && 'error' in problem ? problem.error : '').replace(/^go\.mod: /, ''));
  });
});
