/**
 * private-module-public-proxy: modules that look private (a company host, dev.azure.com, ...) would be
 * requested from a public proxy first, which cannot read private repositories. One finding per GOPRIVATE
 * pattern to propose; paths GONOPROXY already covers are skipped.
 */
import { looksPrivateModule, privatePatternFor } from '../../goenv/private-hints.js';
import { matchingPrefixPattern, matchPrefixPatterns } from '../../goenv/patterns.js';
import type { CheckRule } from '../rule.js';
import { firstRealEntry, hostOfUrl, isPublicProxyUrl, makeFinding, moduleLabel, neededModules, valueEvidence } from '../rule-kit.js';
import { fixesFor } from '../scenario-call.js';
import type { CanaryModule, Finding } from '../types.js';
import { t } from '../../i18n/language.js';

export const privateModulePublicProxy: CheckRule = {
  id: 'private-module-public-proxy',
  group: 'config',
  severity: 'warning',
  get summary() {
    return t`A private-looking module would be requested from a public proxy.`;
  },
  detect(input) {
    const { env, proxyList: list, settings } = input;
    if (!list.ok) return [];
    const first = firstRealEntry(list.specs);
    if (first?.kind !== 'proxy' || !isPublicProxyUrl(first.url)) return [];
    const byPattern = new Map<string, CanaryModule[]>();
    for (const c of neededModules(input.canaries)) {
      if (!looksPrivateModule(c.path) || matchPrefixPatterns(settings.GONOPROXY, c.path)) continue;
      const pattern = privatePatternFor(c.path);
      byPattern.set(pattern, [...(byPattern.get(pattern) ?? []), c]);
    }
    const out: Finding[] = [];
    for (const [pattern, modules] of byPattern) {
      const module = (modules[0] as CanaryModule).path;
      const covered = matchingPrefixPattern(settings.GOPRIVATE, module);
      out.push(
        makeFinding({
          id: 'private-module-proxied',
          rule: 'private-module-public-proxy',
          severity: 'warning',
          group: 'config',
          message:
            modules.length === 1
              ? t`${module} looks private but would be requested from the public proxy ${hostOfUrl(first.url) ?? ''}, which cannot read private repositories.`
              : t`${modules.length} modules under ${pattern} look private but would be requested from the public proxy ${hostOfUrl(first.url) ?? ''}, which cannot read private repositories.`,
          evidence: [valueEvidence(env, 'GOPROXY'), valueEvidence(env, 'GOPRIVATE'), valueEvidence(env, 'GONOPROXY')],
          // A public proxy answers 404/410 for a repository it cannot read: the scenario's not-found case.
          fixes: fixesFor(
            {
              scenario: 'private-module-proxied',
              fields: { module },
              details: { kind: 'not-found', pattern, ...(covered !== undefined ? { coveredByGoprivate: covered } : {}) },
            },
            env,
          ),
          modules: modules.map(moduleLabel),
        }),
      );
    }
    return out;
  },
};
