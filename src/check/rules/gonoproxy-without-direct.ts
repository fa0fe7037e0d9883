/**
 * gonoproxy-without-direct: GONOPROXY is set but GOPROXY has no `direct`. Matching paths are still
 * fetched directly, through the hidden `noproxy` entry cmd/go puts first (go1.26
 * src/cmd/go/internal/modfetch/proxy.go:63-65), and no other module falls back to direct. Said as information.
 */
import { setVariableFix } from '../../fix.js';
import type { CheckRule } from '../rule.js';
import { makeFinding, valueEvidence } from '../rule-kit.js';
import { t } from '../../i18n/language.js';

export const gonoproxyWithoutDirect: CheckRule = {
  id: 'gonoproxy-without-direct',
  group: 'config',
  severity: 'info',
  get summary() {
    return t`GONOPROXY is set but GOPROXY has no direct: only GONOPROXY paths are fetched directly.`;
  },
  detect(input) {
    const { env, proxyList: list, settings } = input;
    if (!list.ok) return [];
    if (settings.GONOPROXY === '' || settings.GOPROXY === 'direct' || list.specs.some((s) => s.kind === 'direct')) return [];
    return [
      makeFinding({
        id: 'gonoproxy-without-direct',
        rule: 'gonoproxy-without-direct',
        severity: 'info',
        group: 'config',
        message:
          t`GONOPROXY is set but GOPROXY has no \`direct\`: paths matching GONOPROXY are still fetched directly (go puts a hidden direct step first for them), and no other module falls back to direct.`,
        evidence: [valueEvidence(env, 'GONOPROXY'), valueEvidence(env, 'GOPROXY')],
        fixes: [
          setVariableFix(
            'goproxy-add-direct',
            env,
            'GOPROXY',
            `${settings.GOPROXY},direct`,
            t`Only if other modules should be fetched from their origin when the proxies do not have them (404/410): end GOPROXY with direct.`,
          ),
        ],
      }),
    ];
  },
};
