/**
 * Differential test of toolchain switching on Go 1.21-1.27 (src/check/toolchain.ts analyzeToolchain):
 * go.mod `go` and `toolchain` lines under GOTOOLCHAIN forms (auto, local, path, <name>, <name>+auto,
 * <name>+path, local+auto, invalid ones). The real go runs `go env GOVERSION` in the module, so the
 * version it prints is the toolchain that ended up running, and `go list -m`, which loads go.mod (a
 * go line newer than the running go is refused there). Switches really happen where the target
 * exists: the module cache is the project's toolchain cache (the golang.org/toolchain modules of
 * scripts/fetch-go-toolchains.sh), so `download` finds fetched releases there with GOPROXY=off, and a
 * PATH directory holds `go1.N.P` links for `path`.
 */
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeToolchain } from '../../src/check/toolchain.js';
import { mapWithConcurrency } from '../../src/concurrency.js';
import {
  atLeast,
  availableGoVersions,
  createGoSandbox,
  goBinary,
  goVersionString,
  installedGoroot,
  runGo,
  toolchainCache,
  type GoVersion,
} from '../helpers/go-toolchains.js';

const versions = availableGoVersions(['1.21', '1.23', '1.24', '1.25', '1.26', '1.27']);

/** A release fetched as golang.org/toolchain (so a switch to it can succeed), and one no cache holds. */
const fetched = availableGoVersions(['1.25', '1.27']).filter((v) => installedGoroot(v)?.startsWith(toolchainCache()));
const TARGET = fetched[0] !== undefined ? goVersionString(fetched[0]).slice(2) : undefined; // e.g. 1.25.14
const LATER = fetched[1] !== undefined ? goVersionString(fetched[1]).slice(2) : undefined; // e.g. 1.27.4

interface Case {
  name: string;
  goLine?: string;
  toolchainLine?: string;
  gotoolchain: string;
}

function cases(): Case[] {
  const list: Case[] = [
    { name: 'newer go line, local', goLine: '1.99.0', gotoolchain: 'local' },
    { name: 'newer go line, auto', goLine: '1.99.0', gotoolchain: 'auto' },
    { name: 'newer language version, auto', goLine: '1.99', gotoolchain: 'auto' },
    { name: 'newer release candidate, auto', goLine: '1.99rc1', gotoolchain: 'auto' },
    { name: 'toolchain line newer, auto', goLine: '1.21', toolchainLine: 'go1.99.0', gotoolchain: 'auto' },
    { name: 'toolchain line with a suffix', goLine: '1.21', toolchainLine: 'go1.99.0-custom', gotoolchain: 'auto' },
    { name: 'toolchain line names a language version', goLine: '1.21', toolchainLine: 'go1.98', gotoolchain: 'auto' },
    { name: 'toolchain default', goLine: '1.21', toolchainLine: 'default', gotoolchain: 'auto' },
    { name: 'toolchain default with a newer go line', goLine: '1.99.0', toolchainLine: 'default', gotoolchain: 'auto' },
    { name: 'older go line, auto', goLine: '1.21', gotoolchain: 'auto' },
    { name: 'older go line, path', goLine: '1.21', gotoolchain: 'path' },
    { name: 'newer go line, path, not in PATH', goLine: '1.99.0', gotoolchain: 'path' },
    { name: 'GOTOOLCHAIN=go1.99.0', goLine: '1.21', gotoolchain: 'go1.99.0' },
    { name: 'GOTOOLCHAIN=go1.99.0+auto', goLine: '1.21', gotoolchain: 'go1.99.0+auto' },
    { name: 'GOTOOLCHAIN=go1.25.0+auto (a minimum that may be older than the local go)', goLine: '1.21', gotoolchain: 'go1.25.0+auto' },
    { name: 'GOTOOLCHAIN=go1.25.0+path', goLine: '1.21', gotoolchain: 'go1.25.0+path' },
    { name: 'GOTOOLCHAIN=local+auto', goLine: '1.99.0', gotoolchain: 'local+auto' },
    { name: 'GOTOOLCHAIN=local+path', goLine: '1.99.0', gotoolchain: 'local+path' },
    { name: 'GOTOOLCHAIN=bogus', goLine: '1.21', gotoolchain: 'bogus' },
    { name: 'GOTOOLCHAIN=go1.25', goLine: '1.21', gotoolchain: 'go1.25' },
    { name: 'GOTOOLCHAIN with a bad suffix', goLine: '1.21', gotoolchain: 'go1.99.0+foo' },
    { name: 'invalid go line', goLine: '1.21.x', gotoolchain: 'auto' },
    { name: 'invalid toolchain line', goLine: '1.21', toolchainLine: 'banana', gotoolchain: 'auto' },
  ];
  if (TARGET !== undefined) {
    list.push(
      { name: `go line ${TARGET} (fetched), auto`, goLine: TARGET, gotoolchain: 'auto' },
      { name: `toolchain line go${TARGET} (fetched), auto`, goLine: '1.21', toolchainLine: `go${TARGET}`, gotoolchain: 'auto' },
      { name: `GOTOOLCHAIN=go${TARGET} (fetched)`, goLine: '1.21', gotoolchain: `go${TARGET}` },
      { name: `GOTOOLCHAIN=go${TARGET}+auto with a newer go line`, goLine: '1.99.0', gotoolchain: `go${TARGET}+auto` },
      { name: `go line ${TARGET}, path, in PATH`, goLine: TARGET, gotoolchain: 'path' },
      { name: `GOTOOLCHAIN=go${TARGET}+path, in PATH`, goLine: '1.21', gotoolchain: `go${TARGET}+path` },
    );
  }
  if (TARGET !== undefined && LATER !== undefined) {
    list.push({ name: `toolchain line go${TARGET}, go line ${LATER}: the go line wins`, goLine: LATER, toolchainLine: `go${TARGET}`, gotoolchain: 'auto' });
  }
  return list;
}

/**
 * Where analyzeToolchain is wrong today (src/check/toolchain.ts, reported rather than changed here):
 * these run as `test.failing`, so they turn red the day the model is fixed and can move back.
 */
const MODEL_GAPS: Array<{ name: string; on: (v: GoVersion) => boolean; evidence: string }> = [
  {
    name: 'toolchain default with a newer go line',
    on: () => true,
    evidence: 'go says "go.mod requires go >= 1.99.0 (running go X; go.mod sets toolchain default)"; the model writes "GOTOOLCHAIN=auto" in the parenthesis',
  },
  {
    name: 'invalid toolchain line',
    on: () => true,
    evidence: 'toolchain.Select reads the raw line first and stops with `go: invalid toolchain "banana" in go.mod` (go1.26 src/cmd/go/internal/toolchain/select.go:194-198); the model reports the modfile parse error and action none',
  },
  {
    name: 'invalid go line',
    on: (v) => v === '1.21',
    evidence: 'go1.21\'s x/mod says "must match format 1.23" (go1.21 src/cmd/vendor/golang.org/x/mod/modfile/rule.go); the model always writes "1.23.0"',
  },
];

function isGap(v: GoVersion, c: Case): boolean {
  return MODEL_GAPS.some((g) => g.name === c.name && g.on(v));
}

interface Real {
  /** `go env GOVERSION`: which toolchain ran. */
  exitCode: number;
  stdout: string;
  stderr: string;
  /** `go list -m`: whether go.mod loads. */
  list: { exitCode: number; stderr: string };
}

const describeGo = versions.length > 0 ? describe : describe.skip;

describeGo('toolchain switching: analyzeToolchain agrees with the real go', () => {
  const sandbox = createGoSandbox('gpd-switch-');
  const pathDir = path.join(sandbox.root, 'bin');

  beforeAll(() => {
    mkdirSync(pathDir, { recursive: true });
    // `go1.N.P` in PATH for GOTOOLCHAIN=path: a link to the fetched toolchain, as `go install golang.org/dl/...` would provide.
    for (const v of fetched) symlinkSync(goBinary(v), path.join(pathDir, goVersionString(v)));
  });
  afterAll(() => sandbox.cleanup());

  async function runCase(v: GoVersion, c: Case, index: number): Promise<Real> {
    const work = path.join(sandbox.root, `m-${v}-${index}`);
    mkdirSync(work, { recursive: true });
    const lines = ['module example.com/app', ''];
    if (c.goLine !== undefined) lines.push(`go ${c.goLine}`);
    if (c.toolchainLine !== undefined) lines.push(`toolchain ${c.toolchainLine}`);
    writeFileSync(path.join(work, 'go.mod'), `${lines.join('\n')}\n`);
    const env = {
      ...sandbox.env,
      GOTOOLCHAIN: c.gotoolchain,
      GOPROXY: 'off',
      GOMODCACHE: toolchainCache(),
      PATH: `${pathDir}:${sandbox.env.PATH}`,
    };
    const version = await runGo(v, ['env', 'GOVERSION'], env, { cwd: work, timeoutMs: 60_000 });
    const list = await runGo(v, ['list', '-m'], env, { cwd: work, timeoutMs: 60_000 });
    return { ...version, list: { exitCode: list.exitCode, stderr: list.stderr } };
  }

  async function disagreementsOn(v: GoVersion, selected: readonly Case[]): Promise<string[]> {
      const local = goVersionString(v);
      const disagreements = await mapWithConcurrency(selected, 3, async (c, index) => {
        const real = await runCase(v, c, index);
        const analysis = analyzeToolchain({ goVersion: local, gotoolchain: c.gotoolchain, goLine: c.goLine, toolchainLine: c.toolchainLine, goos: 'linux', goarch: process.arch === 'arm64' ? 'arm64' : 'amd64' });
        const fatal = analysis.problems.find((p) => p.kind !== 'path-only');
        const ran = real.stdout.trim();
        const stderr = `${real.stderr}\n${real.list.stderr}`;
        const failed = real.exitCode !== 0 || real.list.exitCode !== 0;
        const problems: string[] = [];
        const expectThat = (ok: boolean, what: string): void => {
          if (!ok) problems.push(what);
        };
        const available = (name: string | undefined): boolean =>
          name !== undefined && existsSync(path.join(toolchainCache(), 'golang.org', `toolchain@${analysis.moduleVersion ?? ''}`, 'bin', 'go'));
        switch (analysis.action) {
          case 'none':
            // The local go runs; `go list -m` may still ask for a tidy (`toolchain default`), but says nothing about versions.
            if (fatal && 'error' in fatal) expectThat(failed && stderr.includes(fatal.error.replace(/^go(\.mod)?: /, '')), `go should say ${fatal.error}`);
            else expectThat(real.exitCode === 0 && ran === local && !/toolchain|requires go >=|GOTOOLCHAIN/.test(stderr), `the local ${local} should run`);
            break;
          case 'refused':
          case 'invalid':
            expectThat(failed, 'go should fail');
            if (fatal && 'error' in fatal) expectThat(stderr.includes(fatal.error.replace(/^go: /, '')), `go should say ${fatal.error}`);
            break;
          case 'download':
            if (fatal && 'error' in fatal) {
              expectThat(failed && stderr.includes(fatal.error.replace(/^go: /, '')), `go should say ${fatal.error}`);
            } else if (available(analysis.switchTo)) {
              expectThat(!failed && ran === analysis.switchTo, `go should switch to the cached ${analysis.switchTo ?? ''}`);
            } else {
              expectThat(stderr.includes(`download ${analysis.switchTo ?? ''} for linux/`) && /toolchain not available/.test(stderr), `go should fail to download ${analysis.switchTo ?? ''}`);
            }
            break;
          case 'path':
            if (analysis.switchTo !== undefined && existsSync(path.join(pathDir, analysis.switchTo))) {
              expectThat(!failed && ran === analysis.switchTo, `go should run ${analysis.switchTo} from PATH`);
            } else {
              expectThat(stderr.includes(`cannot find "${analysis.switchTo ?? ''}" in PATH`), `go should not find ${analysis.switchTo ?? ''} in PATH`);
            }
            break;
        }
        return problems.length === 0 ? undefined : `${c.name}: ${problems.join('; ')} — analysis ${JSON.stringify(analysis)}; go exit ${real.exitCode}/${real.list.exitCode}, printed ${JSON.stringify(ran)}, stderr ${JSON.stringify(stderr.trim().slice(0, 300))}`;
      });
      return disagreements.filter((d): d is string => d !== undefined);
  }

  test.each(versions)(
    'go%s: every go.mod and GOTOOLCHAIN form',
    async (v) => {
      expect(await disagreementsOn(v, cases().filter((c) => !isGap(v, c)))).toEqual([]);
    },
    300_000,
  );

  // `go install pkg@version` and `go run pkg@version`: go1.21-1.24 decide the toolchain from the named
  // module alone and skip the current go.mod (go1.24 src/cmd/go/internal/toolchain/select.go:172,
  // goInstallVersion); from go1.25 the current go.mod's lines count first (go1.26 select.go:174-236,
  // maybeSwitchForGoInstallVersion). analyzeToolchain knows no command, so this is pinned here.
  test.each(versions)('go%s: `go install pkg@version` in a module whose go line needs go1.99.0', async (v) => {
    const work = path.join(sandbox.root, `install-${v}`);
    mkdirSync(work, { recursive: true });
    writeFileSync(path.join(work, 'go.mod'), 'module example.com/app\n\ngo 1.99.0\n');
    const env = { ...sandbox.env, GOTOOLCHAIN: 'auto', GOPROXY: 'off', GOMODCACHE: path.join(sandbox.root, `modcache-${v}`) };
    const run = await runGo(v, ['install', 'example.com/hello@v1.0.0'], env, { cwd: work, timeoutMs: 60_000 });
    expect(run.exitCode).not.toBe(0);
    if (atLeast(v, 25)) expect(run.stderr).toContain('download go1.99.0 for linux/');
    else expect(run.stderr).toContain('example.com/hello@v1.0.0: module lookup disabled by GOPROXY=off');
  }, 60_000);

  const gaps = versions.flatMap((v) => cases().filter((c) => isGap(v, c)).map((c) => [v, c.name, c] as const));
  (gaps.length > 0 ? test.failing.each(gaps) : test.skip.each([['none', 'none', undefined]]))(
    'known model gap on go%s: %s',
    async (v, _name, c) => {
      expect(await disagreementsOn(v as GoVersion, [c as Case])).toEqual([]);
    },
    120_000,
  );
});
