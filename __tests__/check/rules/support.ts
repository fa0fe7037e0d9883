/**
 * Inputs for the check-rule tests. `realInput` reads the effective environment through a real `go env` in a
 * sealed sandbox (so origins are real: OS environment vs the `go env -w` file), the way `check` gathers it,
 * and parses go.mod, GOPROXY, GOSUMDB, GOAUTH, .netrc and the trusted roots with the project's own parsers.
 * `syntheticInput` builds one by hand for a Go release that is not installed. `expectSoundFixes` is the
 * property every finding of every rule keeps.
 */
import path from 'node:path';
import { jest } from '@jest/globals';
import { analyzeToolchain } from '../../../src/check/toolchain.js';
import type { CheckInput, CheckRule } from '../../../src/check/rule.js';
import { predictedGoError } from '../../../src/check/rule-kit.js';
import type { CanaryModule, Finding } from '../../../src/check/types.js';
import { parseEnvFile } from '../../../src/goenv/envfile.js';
import { parseGoMod } from '../../../src/goenv/gomod.js';
import { proxyList } from '../../../src/goenv/proxylist.js';
import { resolveGoEnvironment } from '../../../src/goenv/resolve.js';
import { parseGoSumDb } from '../../../src/goenv/sumdbconfig.js';
import { routeSettingsFrom } from '../../../src/goenv/targets.js';
import type { GoEnvironment } from '../../../src/goenv/types.js';
import { parseGoAuth } from '../../../src/probe/goauth.js';
import { proxyConfigFromEnvironment } from '../../../src/probe/httpproxy.js';
import { netrcPath, parseNetrc } from '../../../src/probe/netrc.js';
import { diskRootsReader, loadGoRoots, rootSourcesFor } from '../../../src/probe/tlsroots.js';
import { availableGoVersions, goBinary, runGo, type GoVersion } from '../../helpers/go-toolchains.js';
import { DEFAULT_GO_MOD, prepareCase, removeSandbox, type CheckCase } from '../harness.js';

export type { CheckCase };

// A real `go env` takes a second or more on a busy machine, and some tests run go several times.
jest.setTimeout(120_000);

/** Whether the go release the real-go tests use by default (1.23) is installed. */
export const HAVE_GO_123 = availableGoVersions(['1.23']).length > 0;

/** A go.mod needing a private-looking module and a public one. */
export const PRIVATE_GO_MOD = 'module example.com/app\n\ngo 1.21\n\nrequire (\n\tgit.corp.example.com/team/lib v0.1.0\n\texample.com/hello v1.0.0\n)\n';

/** A case whose go env file (GOENV) holds `lines`. */
export function withGoEnvFile(lines: Record<string, string>, c: CheckCase = {}): CheckCase {
  const text = Object.entries(lines)
    .map(([k, v]) => `${k}=${v}\n`)
    .join('');
  return { ...c, files: { ...(c.files ?? {}), goenv: text } };
}

/**
 * The CheckInput `check --offline` would build for a case: the real `go env` of `c.go` (1.23 by default) in
 * a sealed sandbox, go.mod's requirements as the modules checked, and the names in the OS environment and the
 * go env file.
 */
export async function realInput(c: CheckCase = {}): Promise<CheckInput> {
  const { sandbox, io } = prepareCase(c);
  try {
    const env = await resolveGoEnvironment(io, goBinary(c.go ?? '1.23'));
    const settings = routeSettingsFrom(env);
    const goModText = c.goMod === null ? undefined : (c.goMod ?? DEFAULT_GO_MOD);
    const goMod = goModText !== undefined ? parseGoMod(goModText) : undefined;
    const canaries: CanaryModule[] = (goMod?.requires ?? []).map((r) => ({ path: r.path, version: r.version, source: 'go.mod' }));
    const netrcRead = await io.readTextFile(netrcPath(io.env, io.homedir, io.platform));
    const goenvRead = io.env.GOENV !== undefined ? await io.readTextFile(io.env.GOENV) : undefined;
    const goenvFile = goenvRead?.ok ? parseEnvFile(goenvRead.text) : undefined;
    return {
      env,
      settings,
      proxyList: proxyList(settings.GOPROXY, settings.GONOPROXY, { goos: settings.GOOS }),
      sumdb: parseGoSumDb(settings.GOSUMDB),
      canaries,
      canariesOmitted: 0,
      toolchain: analyzeToolchain({
        goVersion: env.goVersion,
        gotoolchain: env.goEnvJson.GOTOOLCHAIN ?? '',
        ...(goMod?.go !== undefined ? { goLine: goMod.go } : {}),
        ...(goMod?.toolchain !== undefined ? { toolchainLine: goMod.toolchain } : {}),
        goos: env.goEnvJson.GOHOSTOS ?? 'linux',
        goarch: env.goEnvJson.GOHOSTARCH ?? 'amd64',
      }),
      httpProxy: proxyConfigFromEnvironment(io.env),
      goauth: parseGoAuth(env.goEnvJson.GOAUTH ?? io.env.GOAUTH, env.goVersion, (p) => path.posix.isAbsolute(p)),
      netrc: netrcRead.ok ? parseNetrc(netrcRead.text) : [],
      roots: await loadGoRoots(rootSourcesFor(io.env, io.platform), diskRootsReader),
      platform: io.platform,
      osEnvironmentNames: Object.keys(io.env),
      ...(goenvFile
        ? { goenvFileNames: [...goenvFile.entries.map((e) => e.key), ...goenvFile.ignored.filter((l) => l.text.includes('=')).map((l) => l.text.slice(0, l.text.indexOf('=')))] }
        : {}),
    };
  } finally {
    removeSandbox(sandbox);
  }
}

/** A hand-built CheckInput for a Go release that may not be installed; every value comes from the OS environment. */
export function syntheticInput(goVersion: string, values: Record<string, string>, extra: Partial<CheckInput> = {}): CheckInput {
  const all: Record<string, string> = { GOPROXY: 'https://proxy.golang.org,direct', GOSUMDB: 'sum.golang.org', GONOPROXY: '', GONOSUMDB: '', GOPRIVATE: '', GOINSECURE: '', GOVCS: '', GOFLAGS: '', ...values };
  const variables: GoEnvironment['variables'] = {};
  for (const [name, value] of Object.entries(all)) variables[name] = { name, value, origin: 'environment', notes: [] };
  const env: GoEnvironment = { goVersion, goBinary: 'go', variables, goEnvJson: all };
  return {
    env,
    settings: { ...all, GOOS: 'linux' } as CheckInput['settings'],
    proxyList: proxyList(all.GOPROXY ?? '', all.GONOPROXY ?? ''),
    sumdb: parseGoSumDb(all.GOSUMDB ?? ''),
    canaries: [],
    canariesOmitted: 0,
    toolchain: analyzeToolchain({ goVersion, gotoolchain: 'auto', goos: 'linux', goarch: 'amd64' }),
    httpProxy: proxyConfigFromEnvironment({}),
    goauth: parseGoAuth(all.GOAUTH, goVersion),
    netrc: [],
    platform: 'linux',
    ...extra,
  };
}

/** The one finding a rule produces for an input; fails with the full list when there is not exactly one. */
export function oneFinding(rule: CheckRule, input: CheckInput): Finding {
  const found = detect(rule, input);
  if (found.length !== 1) throw new Error(`expected one ${rule.id} finding, got ${found.length}: ${JSON.stringify(found, null, 2)}`);
  return found[0] as Finding;
}

/**
 * Runs a rule and checks what every rule promises of every finding: its `rule` is the rule's id, its group
 * is the rule's, it is never more severe than the rule declares, a fix that weakens security never comes
 * first while a safer one exists, and every fix has an id and words (no `undefined` leaking into a command).
 */
export function detect(rule: CheckRule, input: CheckInput): Finding[] {
  const findings = rule.detect(input);
  const rank = { error: 0, warning: 1, info: 2 } as const;
  for (const f of findings) {
    expect(f.rule).toBe(rule.id);
    expect(f.group).toBe(rule.group);
    expect(rank[f.severity]).toBeGreaterThanOrEqual(rank[rule.severity]);
    if (f.fixes.some((x) => !x.weakensSecurity)) expect([f.rule, f.fixes[0]?.weakensSecurity]).toEqual([f.rule, false]);
    for (const fix of f.fixes) {
      expect(fix.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(fix.text.length).toBeGreaterThan(0);
      expect(fix.command ?? '').not.toMatch(/undefined/);
    }
    for (const line of f.evidence) expect(line).not.toMatch(/^go: /);
  }
  return findings;
}

/** What a real go does for `go mod download example.com/hello@v1.0.0` in the case's sandbox. */
export async function goDownload(c: CheckCase, go: GoVersion = '1.23'): Promise<{ exitCode: number; stderr: string }> {
  const { sandbox, env } = prepareCase(c);
  try {
    const run = await runGo(go, ['mod', 'download', 'example.com/hello@v1.0.0'], env, { cwd: sandbox.work, timeoutMs: 20_000 });
    return { exitCode: run.exitCode, stderr: run.stderr };
  } finally {
    removeSandbox(sandbox);
  }
}

/** The text `predictedGoError` put after its label, or undefined when the line is not a prediction. */
export function predicted(line: string | undefined): string | undefined {
  const label = predictedGoError('');
  return line?.startsWith(label) ? line.slice(label.length) : undefined;
}
