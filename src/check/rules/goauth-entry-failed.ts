/**
 * goauth-entry-failed: a GOAUTH entry (Go 1.24+) that gave no credentials because it failed: a command
 * that exited non-zero, timed out or printed something go cannot parse, a `git credential fill` that
 * failed or answered for another URL, an unreadable .netrc. go keeps such errors to itself unless the
 * URL ends up without any credential and `-x` is set (go1.26 src/cmd/go/internal/auth/auth.go:52-139,
 * runGoAuth's cmdErrs), then sends the request without them, so the user sees only the server's 401/403.
 */
import { adviceFix } from '../../fix.js';
import type { CheckRule } from '../rule.js';
import { makeFinding, moduleLabel, neededModules, valueEvidence } from '../rule-kit.js';
import { t } from '../../i18n/language.js';

export const goauthEntryFailed: CheckRule = {
  id: 'goauth-entry-failed',
  group: 'credentials',
  severity: 'warning',
  get summary() {
    return t`A GOAUTH entry failed, so go sends its requests without those credentials.`;
  },
  detect(input) {
    const runs = input.network?.goAuthRuns ?? [];
    // One finding per entry: the same command fails the same way for every URL it is asked about.
    const failures = new Map<string, { urls: string[]; error: string }>();
    for (const run of runs) {
      if (run.outcome !== 'error' || run.error === undefined) continue;
      const seen = failures.get(run.entry) ?? { urls: [], error: run.error };
      if (run.url !== undefined && !seen.urls.includes(run.url)) seen.urls.push(run.url);
      failures.set(run.entry, seen);
    }
    const module = neededModules(input.canaries)[0];
    const command = `go mod download -x ${module ? moduleLabel(module) : 'all'}`;
    return [...failures].map(([entry, failure]) =>
      makeFinding({
        id: 'auth-required',
        rule: 'goauth-entry-failed',
        severity: 'warning',
        group: 'credentials',
        message:
          failure.urls.length > 0
            ? t`GOAUTH entry ${JSON.stringify(entry)} failed for ${failure.urls.join(', ')}: go sends the request without its credentials and shows the error only under -x.`
            : t`GOAUTH entry ${JSON.stringify(entry)} failed: go sends its requests without its credentials and shows the error only under -x.`,
        evidence: [valueEvidence(input.env, 'GOAUTH'), t`GOAUTH error (go prints it only under -x): ${failure.error}`],
        fixes: [
          adviceFix(
            'goauth-entry-repair',
            t`Run the entry by hand and make it succeed (a command gets the URL as its last argument and must print URL lines, an empty line, header lines and an empty line); go's own log of it is in the output of:`,
            command,
          ),
        ],
      }),
    );
  },
};
