/**
 * goproxy-semicolon: GOPROXY entries joined with `;` (`https://goproxy.cn;direct`). cmd/go splits the list only
 * at `,` and `|` (go1.26 src/cmd/go/internal/modfetch/proxy.go:71), so it reads the whole text as one URL:
 * the host becomes `goproxy.cn;direct`, which no name server resolves, or (after a path) the `;…` becomes part
 * of every request path; the entries after the `;` are never tried. Where the text does not even parse as a
 * URL (`http://127.0.0.1:8080;direct`: "invalid port"), this finding replaces goproxy-invalid's.
 */
import { adviceFix, setVariableFix } from '../../fix.js';
import { goQuote } from '../../goenv/go-text.js';
import { semicolonEntries } from '../goproxy-corrections.js';
import type { CheckRule } from '../rule.js';
import { hostnameOf, hostOfUrl, makeFinding, predictedGoError, valueEvidence } from '../rule-kit.js';
import { t } from '../../i18n/language.js';

export const goproxySemicolon: CheckRule = {
  id: 'goproxy-semicolon',
  group: 'config',
  severity: 'error',
  get summary() {
    return t`GOPROXY uses ";" between entries, which go reads as part of one URL.`;
  },
  detect(input) {
    const { env, proxyList: list, settings } = input;
    const found = semicolonEntries(settings.GOPROXY);
    if (found === undefined) return [];
    const fixText = t`Separate GOPROXY entries with "," (or "|" to move on after any error, not only 404/410): go does not split at ";".`;
    const quoted = found.entries.map((e) => goQuote(e)).join(', ');
    const evidence = [
      valueEvidence(env, 'GOPROXY'),
      found.entries.length === 1
        ? t`go splits GOPROXY only at "," and "|" (go1.26 src/cmd/go/internal/modfetch/proxy.go:71): ${quoted} is one entry`
        : t`go splits GOPROXY only at "," and "|" (go1.26 src/cmd/go/internal/modfetch/proxy.go:71): ${quoted} are single entries`,
    ];
    if (list.ok) {
      for (const spec of list.specs) {
        if (spec.kind !== 'proxy' || spec.url === undefined || !spec.url.includes(';')) continue;
        const host = hostOfUrl(spec.url);
        if (host !== undefined && host.includes(';')) {
          evidence.push(t`go sends every request for this entry to the host ${goQuote(hostnameOf(host))}, a name that cannot resolve`);
        } else if (host !== undefined) {
          evidence.push(t`go asks ${host} for paths under ${goQuote(spec.url)}, e.g. ${`${spec.url.replace(/\/$/, '')}/<module>/@v/list`}`);
        }
      }
    } else {
      evidence.push(predictedGoError(list.error));
    }
    return [
      makeFinding({
        id: 'goproxy-semicolon',
        rule: 'goproxy-semicolon',
        severity: 'error',
        group: 'config',
        message:
          found.entries.length === 1
            ? t`GOPROXY uses ";" between entries, but go separates entries only with "," and "|": it reads ${quoted} as one URL, and the entries after ";" are never tried.`
            : t`GOPROXY uses ";" between entries, but go separates entries only with "," and "|": it reads ${quoted} as URLs, and the entries after ";" are never tried.`,
        evidence,
        fixes: [found.corrected !== undefined ? setVariableFix('goproxy-separators', env, 'GOPROXY', found.corrected, fixText) : adviceFix('goproxy-separators', fixText)],
      }),
    ];
  },
};
