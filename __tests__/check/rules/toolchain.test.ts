/**
 * The toolchain rules, read through the real `go env`: each prediction is checked against the error the
 * real go prints for the same go.mod and environment (GOPROXY=off, so nothing is downloaded).
 */
import { goTooNew } from '../../../src/check/rules/go-too-new.js';
import { gotoolchainInvalid } from '../../../src/check/rules/gotoolchain-invalid.js';
import { invalidGoLine } from '../../../src/check/rules/invalid-go-line.js';
import { invalidToolchainLine } from '../../../src/check/rules/invalid-toolchain-line.js';
import { toolchainGoproxyOff } from '../../../src/check/rules/toolchain-goproxy-off.js';
import { toolchainLanguageVersion } from '../../../src/check/rules/toolchain-language-version.js';
import { toolchainOldGo } from '../../../src/check/rules/toolchain-old-go.js';
import { toolchainPathOnly } from '../../../src/check/rules/toolchain-path-only.js';
import { toolchainSumdbOff } from '../../../src/check/rules/toolchain-sumdb-off.js';
import { analyzeToolchain } from '../../../src/check/toolchain.js';
import { availableGoVersions } from '../../helpers/go-toolchains.js';
import { goDownload, HAVE_GO_123, oneFinding, predicted, realInput, syntheticInput, type CheckCase } from '../rules/support.js';

const describeGo = HAVE_GO_123 ? describe : describe.skip;
const haveGo119 = availableGoVersions(['1.19']).length > 0;
const TOO_NEW_GO_MOD = 'module example.com/app\n\ngo 1.99.0\n';

/** The error a real go prints for the case (its stderr). */
async function goStderr(c: CheckCase): Promise<string> {
  return (await goDownload(c, c.go ?? '1.23')).stderr;
}

describeGo('toolchain-sumdb-off', () => {
  test('a toolchain switch with GOSUMDB=off cannot work', async () => {
    const f = oneFinding(toolchainSumdbOff, await realInput({ env: { GOTOOLCHAIN: 'auto', GOSUMDB: 'off' }, goMod: TOO_NEW_GO_MOD }));
    expect(f.severity).toBe('error');
    expect(predicted(f.evidence.at(-1))).toBe('download go1.99.0: golang.org/toolchain@v0.0.1-go1.99.0.linux-amd64: verifying module: checksum database disabled by GOSUMDB=off');
  });

  test('a single file:// GOPROXY is exempt from verification', async () => {
    expect(toolchainSumdbOff.detect(await realInput({ env: { GOTOOLCHAIN: 'auto', GOSUMDB: 'off', GOPROXY: 'file:///nonexistent/proxy' }, goMod: TOO_NEW_GO_MOD }))).toEqual([]);
  });
});

describeGo('toolchain-goproxy-off', () => {
  test('a toolchain switch with GOPROXY=off cannot work', async () => {
    const f = oneFinding(toolchainGoproxyOff, await realInput({ env: { GOTOOLCHAIN: 'auto', GOPROXY: 'off', GOSUMDB: 'sum.golang.org' }, goMod: TOO_NEW_GO_MOD }));
    expect(f.severity).toBe('error');
  });
});

describeGo('go-too-new', () => {
  test("GOTOOLCHAIN=local: the fix allows switching, and the prediction is go's own words", async () => {
    const c: CheckCase = { env: { GOTOOLCHAIN: 'local' }, goMod: TOO_NEW_GO_MOD };
    const f = oneFinding(goTooNew, await realInput(c));
    expect(f.fixes[0]).toMatchObject({ id: 'gotoolchain-auto', command: 'unset GOTOOLCHAIN' });
    const text = predicted(f.evidence.at(-1)) ?? '<missing>';
    expect(text).toMatch(/^go\.mod requires go >= 1\.99\.0 \(running go 1\.23\.\d+; GOTOOLCHAIN=local\)$/);
    expect(await goStderr(c)).toContain(text);
  });
});

describeGo('gotoolchain-invalid', () => {
  test("the prediction is go's own error", async () => {
    // `go env -json` itself refuses an invalid GOTOOLCHAIN, so the input is built from the analysis directly.
    const gotoolchain = 'go1.22+bogus';
    const input = syntheticInput('go1.23.5', { GOTOOLCHAIN: gotoolchain }, { toolchain: analyzeToolchain({ goVersion: 'go1.23.5', gotoolchain, goos: 'linux', goarch: 'amd64' }) });
    const f = oneFinding(gotoolchainInvalid, input);
    const text = predicted(f.evidence.at(-1)) ?? '<missing>';
    expect(text).toBe('invalid GOTOOLCHAIN "go1.22+bogus": only version suffixes are +auto and +path');
    expect(await goStderr({ env: { GOTOOLCHAIN: gotoolchain } })).toContain(text);
    expect(f.fixes.length).toBeGreaterThan(0);
  });
});

describeGo('invalid-go-line', () => {
  test("go.mod's go line: go's own parse error", async () => {
    const c: CheckCase = { goMod: 'module example.com/app\n\ngo 1.2.3.4\n' };
    const f = oneFinding(invalidGoLine, await realInput(c));
    expect(f.fixes[0]).toMatchObject({ id: 'gomod-go-line', command: 'go mod edit -go=<version>' });
    expect(await goStderr(c)).toContain(String(f.evidence.at(-1)).replace(/^go\.mod: /, ''));
  });
});

describeGo('invalid-toolchain-line', () => {
  test("go.mod's toolchain line: go's own parse error", async () => {
    const c: CheckCase = { goMod: 'module example.com/app\n\ngo 1.21\ntoolchain bogus\n' };
    const f = oneFinding(invalidToolchainLine, await realInput(c));
    expect(f.fixes[0]).toMatchObject({ id: 'gomod-toolchain-line', command: 'go mod edit -toolchain=<go1.N.M>' });
    expect(await goStderr(c)).toContain(String(f.evidence.at(-1)).replace(/^go\.mod: /, ''));
  });
});

describeGo('toolchain-language-version', () => {
  test("a toolchain line naming a language version: go's own error", async () => {
    const c: CheckCase = { env: { GOTOOLCHAIN: 'auto' }, goMod: 'module example.com/app\n\ngo 1.21\ntoolchain go1.25\n' };
    const f = oneFinding(toolchainLanguageVersion, await realInput(c));
    const text = predicted(f.evidence.at(-1)) ?? '<missing>';
    expect(text).toBe('invalid toolchain: go1.25 is a language version but not a toolchain version (go1.25.x)');
    expect(await goStderr(c)).toContain(text);
  });
});

describeGo('toolchain-path-only', () => {
  test('GOTOOLCHAIN=path: go looks for the toolchain in PATH only', async () => {
    const c: CheckCase = { env: { GOTOOLCHAIN: 'path' }, goMod: TOO_NEW_GO_MOD };
    const f = oneFinding(toolchainPathOnly, await realInput(c));
    expect(f.severity).toBe('warning');
    expect(await goStderr(c)).toContain('cannot find "go1.99.0" in PATH');
    expect(f.message).toContain('cannot find \\"go1.99.0\\" in PATH');
  });
});

(HAVE_GO_123 && haveGo119 ? describe : describe.skip)('toolchain-old-go', () => {
  test('go 1.19 cannot read a three-part go line', async () => {
    const c: CheckCase = { go: '1.19', goMod: 'module example.com/app\n\ngo 1.21.0\n' };
    const f = oneFinding(toolchainOldGo, await realInput(c));
    const text = String(f.evidence.at(-1));
    expect(text).toBe("go.mod: invalid go version '1.21.0': must match format 1.23");
    expect(await goStderr(c)).toContain(text.replace(/^go\.mod: /, ''));
  });
});
