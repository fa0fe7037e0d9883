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

const FIX_TEXT = 'Separate GOPROXY entries with "," (or "|" to move on after any error, not only 404/410): go does not split at ";".';

export const goproxySemicolon: CheckRule = {
  id: 'goproxy-semicolon',
  group: 'config',
  severity: 'error',
  summary: 'GOPROXY uses ";" between entries, which go reads as part of one URL.',
  detect(input) {
    const { env, proxyList: list, settings } = input;
    const found = semicolonEntries(settings.GOPROXY);
    if (found === undefined) return [];
    const evidence = [
      valueEvidence(env, 'GOPROXY'),
      `go splits GOPROXY only at "," and "|" (go1.26 src/cmd/go/internal/modfetch/proxy.go:71): ${found.entries.map((e) => goQuote(e)).join(', ')} ${found.entries.length === 1 ? 'is one entry' : 'are single entries'}`,
    ];
    if (list.ok) {
      for (const spec of list.specs) {
        if (spec.kind !== 'proxy' || spec.url === undefined || !spec.url.includes(';')) continue;
        const host = hostOfUrl(spec.url);
        if (host !== undefined && host.includes(';')) {
          evidence.push(`go sends every request for this entry to the host ${goQuote(hostnameOf(host))}, a name that cannot resolve`);
        } else if (host !== undefined) {
          evidence.push(`go asks ${host} for paths under ${goQuote(spec.url)}, e.g. ${spec.url.replace(/\/$/, '')}/<module>/@v/list`);
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
        message: `GOPROXY uses ";" between entries, but go separates entries only with "," and "|": it reads ${found.entries.map((e) => goQuote(e)).join(', ')} as ${found.entries.length === 1 ? 'one URL' : 'URLs'}, and the entries after ";" are never tried.`,
        evidence,
        fixes: [found.corrected !== undefined ? setVariableFix('goproxy-separators', env, 'GOPROXY', found.corrected, FIX_TEXT) : adviceFix('goproxy-separators', FIX_TEXT)],
      }),
    ];
  },
};
