/**
 * http-proxy-unparseable: HTTPS_PROXY/HTTP_PROXY holds a value Go cannot parse. Go then ignores it and
 * connects directly, without a word (go1.26 src/vendor/golang.org/x/net/http/httpproxy/proxy.go:127-165).
 */
import { goQuote } from '../../goenv/go-text.js';
import { proxyForUrl } from '../../probe/httpproxy.js';
import type { CheckRule } from '../rule.js';
import { makeFinding } from '../rule-kit.js';
import { fixesFor } from '../scenario-call.js';
import type { Finding } from '../types.js';
import { t } from '../../i18n/language.js';

export const httpProxyUnparseable: CheckRule = {
  id: 'http-proxy-unparseable',
  group: 'credentials',
  severity: 'warning',
  get summary() {
    return t`An HTTP proxy variable holds a value Go cannot parse, so go connects directly.`;
  },
  detect(input) {
    const config = input.httpProxy;
    const out: Finding[] = [];
    for (const [scheme, value, source] of [
      ['https', config.httpsProxy, config.sources.httpsProxy],
      ['http', config.httpProxy, config.sources.httpProxy],
    ] as const) {
      if (value === '') continue;
      const decision = proxyForUrl(config, new URL(`${scheme}://proxy-check.invalid/`), input.env.goVersion);
      if (decision.ignoredValue === undefined) continue;
      out.push(
        makeFinding({
          id: 'http-proxy-env',
          rule: 'http-proxy-unparseable',
          severity: 'warning',
          group: 'credentials',
          message:
            source !== undefined
              ? t`${source} holds a value Go cannot parse, so go silently connects directly for ${scheme} URLs.`
              : t`The proxy variable holds a value Go cannot parse, so go silently connects directly for ${scheme} URLs.`,
          evidence: [`${source ?? 'proxy'}=${goQuote(value)}`],
          fixes: fixesFor({ scenario: 'http-proxy-env', fields: {}, details: { kind: 'bad-proxy-url', proxy: value } }, input.env),
        }),
      );
    }
    return out;
  },
};
