/**
 * goauth-invalid, goauth-entry-failed, goauth-off and goauth-ignored. GOAUTH needs Go 1.24, which the
 * synthetic inputs stand for; go 1.23 (installed) shows the ignored case for real, and go 1.24+ (when
 * installed) confirms the error go prints for an invalid value.
 */
import { goauthIgnored } from '../../../src/check/rules/goauth-ignored.js';
import { goauthInvalid } from '../../../src/check/rules/goauth-invalid.js';
import { goauthEntryFailed } from '../../../src/check/rules/goauth-entry-failed.js';
import { goauthOff } from '../../../src/check/rules/goauth-off.js';
import type { CheckInput, CheckRule } from '../../../src/check/rule.js';
import type { GoAuthEvent } from '../../../src/probe/goauth.js';
import { availableGoVersions, type GoVersion } from '../../helpers/go-toolchains.js';
import { detect, goDownload, HAVE_GO_123, oneFinding, predicted, realInput, syntheticInput } from '../rules/support.js';

const RULES: readonly CheckRule[] = [goauthInvalid, goauthEntryFailed, goauthOff, goauthIgnored];
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

describe('goauth-entry-failed', () => {
  const failedRuns = (input: CheckInput, runs: GoAuthEvent[]): CheckInput => ({
    ...input,
    network: { chain: [], specs: [], records: [], modules: [], timeoutMs: 1000, goAuthRuns: runs },
  });
  const input = syntheticInput('go1.26.0', { GOAUTH: 'netrc;my-helper --team go' });

  test('commands are run, not reported as unevaluated: a value alone is no finding', () => {
    expect(rules('go1.24.0', 'netrc;git /home/me/src')).toEqual([]);
  });

  test('a failing entry is one warning however many URLs it failed for, with go\'s words and a way to see go\'s own log', () => {
    const error = 'GOAUTH=my-helper --team go: could not run command my-helper --team go: exit status 1';
    const runs: GoAuthEvent[] = [
      { entry: 'netrc', kind: 'netrc', outcome: 'nothing', prefixes: [] },
      { entry: 'my-helper --team go', kind: 'command', outcome: 'error', prefixes: [], error },
      { entry: 'my-helper --team go', kind: 'command', url: 'https://proxy.corp.invalid/m/@v/list', outcome: 'error', prefixes: [], error },
      { entry: 'my-helper --team go', kind: 'command', url: 'https://proxy.corp.invalid/m/@v/v1.0.0.info', outcome: 'error', prefixes: [], error },
    ];
    const f = oneFinding(goauthEntryFailed, failedRuns(input, runs));
    expect(f).toMatchObject({ id: 'auth-required', rule: 'goauth-entry-failed', severity: 'warning', group: 'credentials' });
    expect(f.message).toContain('"my-helper --team go" failed for https://proxy.corp.invalid/m/@v/list, https://proxy.corp.invalid/m/@v/v1.0.0.info');
    expect(f.evidence.join('\n')).toContain(error);
    expect(f.fixes.map((x) => x.id)).toEqual(['goauth-entry-repair']);
    expect(f.fixes[0]?.command).toMatch(/^go mod download -x /);
  });

  test('entries that stored credentials, found nothing or waited for a URL are no finding', () => {
    const runs: GoAuthEvent[] = [
      { entry: 'netrc', kind: 'netrc', outcome: 'stored', prefixes: ['proxy.corp.invalid'] },
      { entry: 'git /home/me/src', kind: 'git', outcome: 'skipped', prefixes: [] },
      { entry: 'my-helper', kind: 'command', outcome: 'nothing', prefixes: [] },
    ];
    expect(detect(goauthEntryFailed, failedRuns(input, runs))).toEqual([]);
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
