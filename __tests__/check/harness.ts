/**
 * Shared set-up for the `check` tests: a throw-away Go sandbox with a go.mod, a test Io whose
 * environment is exactly the sandbox's plus the test's overrides, and a real `go` binary to read
 * the effective environment from. The network is the real one; every server is on loopback.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCheck, type CheckOptions } from '../../src/check/run-check.js';
import type { CheckReport, Finding } from '../../src/check/types.js';
import { escapeModuleText, type FakeModule } from '../helpers/fake-goproxy.js';
import { createGoSandbox, goBinary, type GoSandbox, type GoVersion } from '../helpers/go-toolchains.js';
import { moduleGoMod, moduleZip } from '../helpers/module-zip.js';
import { createTestIo, type TestIo } from '../helpers/test-io.js';

/** What a test changes about the sandbox. */
export interface CheckCase {
  /** Environment overrides; `undefined` removes a variable from the sandbox's environment. */
  env?: Record<string, string | undefined>;
  /** go.mod text; default requires example.com/hello v1.0.0. Null: no go.mod. */
  goMod?: string | null;
  goSum?: string;
  /** Extra files relative to the sandbox root (e.g. `home/.netrc`). */
  files?: Record<string, string>;
  go?: GoVersion;
  options?: Partial<CheckOptions>;
  /** Make stderr look like an interactive terminal. */
  stderrIsTTY?: boolean;
}

/** The go.mod most cases use. */
export const DEFAULT_GO_MOD = 'module example.com/app\n\ngo 1.21\n\nrequire example.com/hello v1.0.0\n';

/** Removes a sandbox even while a child go process is still letting go of files. */
export function removeSandbox(sandbox: GoSandbox): void {
  try {
    sandbox.cleanup();
  } catch {
    rmSync(sandbox.root, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  }
}

/** Builds the sandbox and test Io for a case; the caller removes the sandbox. */
export function prepareCase(c: CheckCase): { sandbox: GoSandbox; io: TestIo; env: Record<string, string> } {
  const sandbox = createGoSandbox('gpd-check-');
  mkdirSync(sandbox.work, { recursive: true });
  mkdirSync(sandbox.home, { recursive: true });
  if (c.goMod !== null) writeFileSync(path.join(sandbox.work, 'go.mod'), c.goMod ?? DEFAULT_GO_MOD);
  if (c.goSum !== undefined) writeFileSync(path.join(sandbox.work, 'go.sum'), c.goSum);
  for (const [rel, text] of Object.entries(c.files ?? {})) {
    const file = path.join(sandbox.root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  const env: Record<string, string> = { ...sandbox.env };
  for (const [k, v] of Object.entries(c.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const io = createTestIo({ env, cwd: sandbox.work, homedir: sandbox.home, stderrIsTTY: c.stderrIsTTY ?? false });
  return { sandbox, io, env };
}

/** Runs `runCheck` for a case with the real network and a real go, and cleans up. */
export async function check(c: CheckCase): Promise<CheckReport> {
  const { sandbox, io } = prepareCase(c);
  try {
    return await runCheck(io, { goBinary: goBinary(c.go ?? '1.23'), timeoutMs: 5000, ...c.options });
  } finally {
    removeSandbox(sandbox);
  }
}

/** The findings with this rule. */
export function byRule(report: CheckReport, rule: string): Finding[] {
  return report.findings.filter((f) => f.rule === rule);
}

/** The one finding with this rule; fails the test with the full list when there is not exactly one. */
export function oneByRule(report: CheckReport, rule: string): Finding {
  const found = byRule(report, rule);
  if (found.length !== 1) {
    throw new Error(`expected one finding with rule ${rule}, got ${found.length}: ${JSON.stringify(report.findings.map((f) => `${f.id}/${f.rule}: ${f.message}`), null, 2)}`);
  }
  return found[0] as Finding;
}

/**
 * The one finding that a fetch rule (module-fetch-failed, or `rule` when given) reported with this
 * cause (`dns`, `http-401`, `not-found`, …); fails the test with the full list when there is not exactly one.
 */
export function oneByCause(report: CheckReport, cause: string, rule = 'module-fetch-failed'): Finding {
  const found = report.findings.filter((f) => f.cause === cause && f.rule === rule);
  if (found.length !== 1) {
    throw new Error(`expected one ${rule} finding with cause ${cause}, got ${found.length}: ${JSON.stringify(report.findings.map((f) => `${f.id}/${f.rule}/${f.cause ?? ''}: ${f.message}`), null, 2)}`);
  }
  return found[0] as Finding;
}

/**
 * Lays modules out as a `file://` GOPROXY tree (`<dir>/<escaped path>/@v/{list,<v>.info,<v>.mod,<v>.zip}`),
 * the layout cmd/go reads from a file:///abs/path entry.
 */
export function writeFileProxy(dir: string, modules: readonly FakeModule[]): void {
  const lists = new Map<string, string[]>();
  for (const m of modules) {
    const base = path.join(dir, escapeModuleText(m.path), '@v');
    mkdirSync(base, { recursive: true });
    const v = escapeModuleText(m.version);
    writeFileSync(path.join(base, `${v}.info`), `${JSON.stringify({ Version: m.version, Time: m.time ?? '2020-01-01T00:00:00Z' })}\n`);
    writeFileSync(path.join(base, `${v}.mod`), moduleGoMod(m));
    writeFileSync(path.join(base, `${v}.zip`), moduleZip(m));
    lists.set(base, [...(lists.get(base) ?? []), m.version]);
  }
  for (const [base, versions] of lists) writeFileSync(path.join(base, 'list'), versions.map((v) => `${v}\n`).join(''));
}
