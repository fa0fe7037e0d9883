/**
 * pattern-ignored: GOPRIVATE/GONOPROXY/GONOSUMDB/GOINSECURE entries that can never match a module path:
 * spaces around an entry (go does not trim them), malformed glob patterns (silently skipped) and URLs
 * (patterns are module paths). mirrors go1.26 src/cmd/vendor/golang.org/x/mod/module/module.go:801-841 (MatchPrefixPatterns).
 */
import { extendCommaList, setVariableFix, unsetVariableFix } from '../../fix.js';
import { malformedPrefixPatterns, splitPrefixPatterns } from '../../goenv/patterns.js';
import type { CheckRule } from '../rule.js';
import { makeFinding, valueEvidence } from '../rule-kit.js';
import type { Finding } from '../types.js';
import { t } from '../../i18n/language.js';

const PATTERN_LISTS = ['GOPRIVATE', 'GONOPROXY', 'GONOSUMDB', 'GOINSECURE'] as const;

export const patternIgnored: CheckRule = {
  id: 'pattern-ignored',
  group: 'config',
  severity: 'warning',
  get summary() {
    return t`Some pattern-list entries can never match a module path, so go ignores them.`;
  },
  detect(input) {
    const { env, settings } = input;
    const out: Finding[] = [];
    for (const name of PATTERN_LISTS) {
      // An inherited GONOPROXY/GONOSUMDB is GOPRIVATE's value, reported once under GOPRIVATE.
      if (env.variables[name]?.origin === 'derived') continue;
      const value = settings[name];
      if (value === '') continue;
      const entries = splitPrefixPatterns(value);
      const spaced = entries.filter((p) => p.raw !== p.raw.trim()).map((p) => p.raw);
      const malformed = malformedPrefixPatterns(value);
      const withScheme = entries.filter((p) => /^[a-z]+:\/\//i.test(p.raw.trim())).map((p) => p.raw);
      if (spaced.length === 0 && malformed.length === 0 && withScheme.length === 0) continue;
      const evidence = [valueEvidence(env, name)];
      if (spaced.length > 0) evidence.push(t`entries with spaces never match (go does not trim them): ${spaced.map((s) => JSON.stringify(s)).join(', ')}`);
      if (malformed.length > 0) evidence.push(t`malformed patterns are silently ignored: ${malformed.map((s) => JSON.stringify(s)).join(', ')}`);
      if (withScheme.length > 0) evidence.push(t`patterns are module paths, not URLs: ${withScheme.map((s) => JSON.stringify(s)).join(', ')} never match`);
      const cleaned = extendCommaList(
        entries
          .filter((p) => !malformed.includes(p.raw))
          .map((p) => p.raw.trim().replace(/^[a-z]+:\/\//i, ''))
          .join(','),
        [],
      ).value;
      const id = name.toLowerCase();
      out.push(
        makeFinding({
          id: 'pattern-ignored',
          rule: 'pattern-ignored',
          severity: 'warning',
          group: 'config',
          message: t`Some ${name} entries can never match a module path, so go ignores them.`,
          evidence,
          fixes: [
            cleaned === ''
              ? unsetVariableFix(`${id}-unset`, env, name, t`Remove ${name}: none of its entries can match.`)
              : setVariableFix(`${id}-rewrite`, env, name, cleaned, t`Rewrite ${name} with the entries go can match.`),
          ],
        }),
      );
    }
    return out;
  },
};
