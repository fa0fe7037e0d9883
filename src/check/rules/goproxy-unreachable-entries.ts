/**
 * goproxy-unreachable-entries: GOPROXY entries written after `direct` or `off`. Both end the list, and cmd/go
 * ignores whatever follows without checking it (go1.26 src/cmd/go/internal/modfetch/proxy.go:84-95), so
 * `direct,https://proxy.example` never uses the proxy.
 */
import { setVariableFix, type Fix } from '../../fix.js';
import { goQuote } from '../../goenv/go-text.js';
import { joinEntries, unreachableEntries } from '../goproxy-corrections.js';
import type { CheckRule } from '../rule.js';
import { makeFinding, valueEvidence } from '../rule-kit.js';
import { t } from '../../i18n/language.js';

export const goproxyUnreachableEntries: CheckRule = {
  id: 'goproxy-unreachable-entries',
  group: 'config',
  severity: 'warning',
  get summary() {
    return t`GOPROXY lists entries after direct or off, which go never reaches.`;
  },
  detect(input) {
    const { env, settings } = input;
    const found = unreachableEntries(settings.GOPROXY);
    if (found === undefined) return [];
    const ignored = joinEntries(found.ignored);
    const count = found.ignored.length;
    const fixes: Fix[] = [];
    if (found.allReachable !== undefined) {
      fixes.push(
        setVariableFix(
          found.stop === 'direct' ? 'goproxy-direct-last' : 'goproxy-remove-off',
          env,
          'GOPROXY',
          found.allReachable,
          found.stop !== 'direct'
            ? t`Remove off, so go uses ${goQuote(ignored)}.`
            : count === 1
              ? t`Put direct last, so go tries ${goQuote(ignored)} first and fetches from the origin only when it does not have a module.`
              : t`Put direct last, so go tries ${goQuote(ignored)} first and fetches from the origin only when they do not have a module.`,
        ),
      );
    }
    fixes.push(
      setVariableFix(
        'goproxy-drop-unreachable',
        env,
        'GOPROXY',
        found.asGoReadsIt,
        fixes.length > 0
          ? count === 1
            ? t`Or keep what go does today and drop the entry it never reads.`
            : t`Or keep what go does today and drop the entries it never reads.`
          : count === 1
            ? t`Keep what go does today and drop the entry it never reads.`
            : t`Keep what go does today and drop the entries it never reads.`,
      ),
    );
    return [
      makeFinding({
        id: 'goproxy-unreachable-entries',
        rule: 'goproxy-unreachable-entries',
        severity: 'warning',
        group: 'config',
        message:
          count === 1
            ? t`GOPROXY lists ${count} entry after "${found.stop}", which go never reaches: "${found.stop}" ends the list.`
            : t`GOPROXY lists ${count} entries after "${found.stop}", which go never reaches: "${found.stop}" ends the list.`,
        evidence: [valueEvidence(env, 'GOPROXY'), t`go stops reading GOPROXY at "direct" and "off" (go1.26 src/cmd/go/internal/modfetch/proxy.go:84-95); never read: ${goQuote(ignored)}`],
        fixes,
      }),
    ];
  },
};
