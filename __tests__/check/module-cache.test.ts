/**
 * A module cache poisoned by the real go: a loopback proxy answers 200 with an HTML sign-in page for one
 * module's .mod (and for another's .zip) while checksums are off for those modules (GONOSUMDB, or
 * GOSUMDB=off); go keeps the page as the .mod and then fails with a good proxy too. `check` reports
 * module-cache-poisoned for that version only (go itself refuses the page as a zip, so nothing is cached
 * for that one), and after the fix's command the same go succeeds.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { jest } from '@jest/globals';
import { cacheStem } from '../../src/check/module-cache-read.js';
import { runCheck } from '../../src/check/run-check.js';
import type { CheckReport } from '../../src/check/types.js';
import { startFakeGoProxy, type FakeGoProxy, type FakeModule } from '../helpers/fake-goproxy.js';
import { availableGoVersions, goBinary, runGo, type GoVersion } from '../helpers/go-toolchains.js';
import { byRule, oneByRule, prepareCase, removeSandbox } from './harness.js';

jest.setTimeout(180_000);

const MODULES: FakeModule[] = [
  { path: 'example.com/hello', version: 'v1.0.0', files: { 'hello.go': 'package hello\n' } },
  { path: 'example.com/zipped', version: 'v1.0.0', files: { 'zipped.go': 'package zipped\n' } },
  { path: 'example.com/healthy', version: 'v1.0.0', files: { 'healthy.go': 'package healthy\n' } },
];
const GO_MOD = 'module example.com/app\n\ngo 1.21\n\nrequire (\n\texample.com/hello v1.0.0\n\texample.com/zipped v1.0.0\n\texample.com/healthy v1.0.0\n)\n';
const VERSIONS = availableGoVersions(['1.23', '1.26']);
const describeGo = VERSIONS.length > 0 ? describe : describe.skip;

let portal: FakeGoProxy;
let good: FakeGoProxy;

beforeAll(async () => {
  portal = await startFakeGoProxy({ modules: MODULES, faults: { 'example.com/hello@v1.0.0.mod': 'html-login', 'example.com/zipped@v1.0.0.zip': 'html-login' } });
  good = await startFakeGoProxy({ modules: MODULES });
});

afterAll(async () => {
  await portal?.close();
  await good?.close();
});

const unverified: Record<string, Record<string, string>> = {
  GONOSUMDB: { GOSUMDB: 'sum.golang.org', GONOSUMDB: 'example.com' },
  'GOSUMDB=off': { GOSUMDB: 'off' },
};

describeGo.each(VERSIONS.flatMap((go) => Object.keys(unverified).map((how) => [go, how] as const)))('go %s, checksums off by %s', (go: GoVersion, how) => {
  test('the page go kept as the .mod is reported, and the fix makes go succeed', async () => {
    const { sandbox, io, env } = prepareCase({ goMod: GO_MOD, go, env: { ...unverified[how], GOPROXY: good.url } });
    // The fix's command runs `go`: the one under test comes first in PATH.
    const goEnv = { ...env, PATH: `${path.dirname(goBinary(go))}${path.delimiter}${env.PATH ?? ''}` };
    const goIn = (args: string[], over: Record<string, string> = {}, cwd = sandbox.work) => runGo(go, args, { ...goEnv, ...over }, { cwd, timeoutMs: 60_000 });
    const runChecks = async (offline: boolean): Promise<CheckReport> => runCheck(io, { goBinary: goBinary(go), timeoutMs: 5000, offline });
    try {
      // 1. Through the portal, outside any module (no go.sum is written): go keeps the page as the .mod, refuses it as a zip.
      const poisoning = await goIn(['mod', 'download', '-json', 'example.com/hello@v1.0.0', 'example.com/zipped@v1.0.0', 'example.com/healthy@v1.0.0'], { GOPROXY: portal.url }, sandbox.root);
      expect(poisoning.stdout).toContain('zip: not a valid zip file');
      const hello = cacheStem(sandbox.gomodcache, 'example.com/hello', 'v1.0.0') as string;
      const zipped = cacheStem(sandbox.gomodcache, 'example.com/zipped', 'v1.0.0') as string;
      expect(readFileSync(`${hello}.mod`, 'utf8')).toContain('<!DOCTYPE html>');
      expect(existsSync(`${zipped}.zip`)).toBe(false);
      expect(portal.requests.some((r) => r.path === '/example.com/hello/@v/v1.0.0.mod')).toBe(true);

      // 2. With a good proxy, go still fails on the cached page.
      const before = await goIn(['mod', 'download']);
      expect(before.exitCode).not.toBe(0);
      expect(before.stderr).toContain('example.com/hello@v1.0.0: parsing go.mod: missing module line');

      // 3. check, offline and with the network, names that version and only it.
      for (const offline of [true, false]) {
        const report = await runChecks(offline);
        const f = oneByRule(report, 'module-cache-poisoned');
        expect(f).toMatchObject({ id: 'proxy-server-error', severity: 'error', group: 'proxy', modules: ['example.com/hello@v1.0.0'] });
        expect(f.evidence[0]).toContain(`${hello}.mod starts with "<!DOCTYPE html>\\n<html><head><tit"…`);
        expect(f.fixes[0]?.id).toBe('remove-cached-version');
        expect(f.fixes.map((x) => x.id)).toContain('clean-modcache');
        expect(f.fixes.find((x) => x.id === 'keep-verification')?.text).toContain(how === 'GOSUMDB=off' ? 'GOSUMDB=off' : 'GONOSUMDB=example.com');
      }

      // 4. The fix's command, then the same go succeeds, and check has nothing more to say about the cache.
      const fix = oneByRule(await runChecks(true), 'module-cache-poisoned').fixes[0]?.command ?? '';
      expect(fix).toBe(`rm -f ${hello}.* && go mod download example.com/hello@v1.0.0`);
      const fixed = await execa('sh', ['-c', fix], { env: goEnv, extendEnv: false, cwd: sandbox.work, reject: false, timeout: 60_000 });
      expect([fixed.exitCode, fixed.stderr]).toEqual([0, '']);
      const after = await goIn(['mod', 'download']);
      expect([after.exitCode, after.stderr]).toEqual([0, '']);
      expect(byRule(await runChecks(true), 'module-cache-poisoned')).toEqual([]);
    } finally {
      removeSandbox(sandbox);
    }
  });
});

describeGo('a zip damaged in the cache', () => {
  // go never keeps a body that is not a zip (go1.26 src/cmd/go/internal/modfetch/fetch.go: zip.NewReader
  // before the rename), so a damaged .zip comes from outside: a cache restored from a broken CI artifact,
  // a copy cut off. go then fails on it with a good proxy, and check says which file it is.
  test.each(VERSIONS)('go %s', async (go) => {
    const { sandbox, io, env } = prepareCase({ goMod: GO_MOD, go, env: { GONOSUMDB: 'example.com', GOSUMDB: 'sum.golang.org', GOPROXY: good.url } });
    try {
      const filled = await runGo(go, ['mod', 'download'], env, { cwd: sandbox.work, timeoutMs: 60_000 });
      expect([filled.exitCode, filled.stderr]).toEqual([0, '']);
      expect(byRule(await runCheck(io, { goBinary: goBinary(go), offline: true }), 'module-cache-poisoned')).toEqual([]);
      const stem = cacheStem(sandbox.gomodcache, 'example.com/healthy', 'v1.0.0') as string;
      const zip = readFileSync(`${stem}.zip`);
      writeFileSync(`${stem}.zip`, zip.subarray(0, zip.length - 30));
      rmSync(`${stem}.ziphash`);
      rmSync(path.join(sandbox.gomodcache, 'example.com', 'healthy@v1.0.0'), { recursive: true, force: true });
      const broken = await runGo(go, ['mod', 'download'], env, { cwd: sandbox.work, timeoutMs: 60_000 });
      expect(broken.exitCode).not.toBe(0);
      expect(broken.stderr).toContain('zip: not a valid zip file');
      const f = oneByRule(await runCheck(io, { goBinary: goBinary(go), offline: true }), 'module-cache-poisoned');
      expect(f.modules).toEqual(['example.com/healthy@v1.0.0']);
      expect(f.evidence[0]).toContain(`${stem}.zip starts like a zip archive but has no end record`);
      expect(f.evidence[1]).toBe('go would report: example.com/healthy@v1.0.0: zip: not a valid zip file');
    } finally {
      removeSandbox(sandbox);
    }
  });
});
