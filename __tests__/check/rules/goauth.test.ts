/**
 * goauth-invalid, goauth-not-evaluated, goauth-off and goauth-ignored. GOAUTH needs Go 1.24, which the
 * synthetic inputs stand for; go 1.23 (installed) shows the ignored case for real, and go 1.24+ (when
 * installed) confirms the error go prints for an invalid value.
 */
import { goauthIgnored } from '../../../src/check/rules/goauth-ignored.js';
import { goauthInvalid } from '../../../src/check/rules/goauth-invalid.js';
import { goauthNotEvaluated } from '../../../src/check/rules/goauth-not-evaluated.js';
import { goauthOff } from '../../../src/check/rules/goauth-off.js';
import type { CheckRule } from '../../../src/check/rule.js';
import { availableGoVersions, type GoVersion } from '../../helpers/go-toolchains.js';
import { detect, goDownload, HAVE_GO_123, oneFinding, predicted, realInput, syntheticInput } from '../rules/support.js';

const RULES: readonly CheckRule[] = [goauthInvalid, goauthNotEvaluated, goauthOff, goauthIgnored];
const describeGo = HAVE_GO_123 ? describe : describe.skip;
const goauthGo: GoVersion | undefined = availableGoVersions(['1.24', '1.25', '1.26']).at(-1);

/** The rule:severity of every GOAUTH finding for a value, as `check` would list them. */
const rules = (goVersion: string, goauth: string): string[] => RULES.flatMap((rule) => detect(rule, syntheticInput(goVersion, { GOAUTH: goauth }))).map((f) => `${f.rule}:${f.severity}`);

describe('GOAUTH (Go 1.24+), from the rules in go1.26 src/cmd/go/internal/auth/auth.go', () => {
  test('the default (netrc) is no finding', () => {
    expect(rules('go1.24.0', 'netrc')).toEqual([]);
  });
});

describe('goauth-invalid', () => {
  test('off combined with another command is fatal', () => {
    expect(rules('go1.24.0', 'off;netrc')).toContain('goauth-invalid:error');
  });
  test('the fix removes GOAUTH; the prediction is labelled as one', () => {
    const f = oneFinding(goauthInvalid, syntheticInput('go1.24.0', { GOAUTH: 'git relative/dir' }));
    expect(predicted(f.evidence[1])).toBe('GOAUTH=git dir method requires an absolute path to the git working directory, dir is not absolute');
    expect(f.fixes[0]).toMatchObject({ id: 'goauth-unset', command: 'unset GOAUTH' });
  });
});

describe('goauth-off', () => {
  test('off alone: no credentials are sent', () => {
    expect(rules('go1.24.0', 'off')).toContain('goauth-off:info');
  });
});

describe('goauth-not-evaluated', () => {
  test('commands are reported as not evaluated', () => {
    expect(rules('go1.24.0', 'netrc;git /home/me/src')).toContain('goauth-not-evaluated:info');
  });
});

describe('goauth-ignored', () => {
  test('before 1.24 GOAUTH is ignored', () => {
    expect(rules('go1.23.5', 'off')).toEqual(['goauth-ignored:info']);
  });
});

(goauthGo !== undefined ? describe : describe.skip)('goauth-invalid against a real go with GOAUTH', () => {
  test("the predicted error is go's own", async () => {
    const go = goauthGo as GoVersion;
    const env = { GOAUTH: 'off;netrc', GOPROXY: 'https://127.0.0.1:9' };
    const f = oneFinding(goauthInvalid, await realInput({ env, go }));
    const text = predicted(f.evidence[1]) ?? '<missing>';
    expect(text).toBe('GOAUTH=off cannot be combined with other authentication commands (GOAUTH=off;netrc)');
    expect((await goDownload({ env }, go)).stderr).toContain(text);
  });
});

describeGo('goauth-ignored with go 1.23', () => {
  test('GOAUTH on a Go before 1.24 is ignored: a note', async () => {
    expect(oneFinding(goauthIgnored, await realInput({ env: { GOAUTH: 'git /tmp' } })).severity).toBe('info');
  });
});
