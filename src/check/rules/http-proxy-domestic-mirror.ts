/**
 * http-proxy-domestic-mirror: HTTPS_PROXY (or HTTP_PROXY for an http:// entry) is set, NO_PROXY does not
 * exempt it, and the first GOPROXY entry is a mirror run in mainland China (goproxy.cn,
 * mirrors.aliyun.com/goproxy, proxy.golang.com.cn). go sends every request for that mirror through the HTTP
 * proxy (go1.26 src/vendor/golang.org/x/net/http/httpproxy/proxy.go:117-144, decided here by the same
 * rules), although such a mirror exists to be reached from there without one. Which mirrors are in
 * mainland China, with sources, is in src/mirrors/known-mirrors.ts.
 */
import { extendListFix, joinSentences } from '../../fix.js';
import { proxyForUrl } from '../../probe/httpproxy.js';
import { redactUrl } from '../../redact.js';
import { proxyEntries } from '../mirror-entries.js';
import type { CheckRule } from '../rule.js';
import { makeFinding, valueEvidence } from '../rule-kit.js';
import { t } from '../../i18n/language.js';

export const httpProxyDomesticMirror: CheckRule = {
  id: 'http-proxy-domestic-mirror',
  group: 'credentials',
  severity: 'info',
  get summary() {
    return t`An HTTP proxy sits in front of the first GOPROXY entry, a mirror in mainland China.`;
  },
  detect(input) {
    const { env, settings, httpProxy } = input;
    const first = proxyEntries(settings.GOPROXY)[0];
    if (!first || first.position !== 0 || !first.mirror?.mainlandChina) return [];
    let decision;
    try {
      decision = proxyForUrl(httpProxy, new URL(first.url), env.goVersion);
    } catch {
      return [];
    }
    if (decision.reason !== 'proxied' || !decision.proxyUrl) return [];
    const variable = decision.source ?? (first.url.startsWith('http:') ? 'HTTP_PROXY' : 'HTTPS_PROXY');
    const proxy = redactUrl(decision.proxyUrl.href.replace(/\/$/, ''));
    const fact = first.mirror.facts[0];
    return [
      makeFinding({
        id: 'http-proxy-domestic-mirror',
        rule: 'http-proxy-domestic-mirror',
        severity: 'info',
        group: 'credentials',
        message: joinSentences(
          t`${variable} sends every request for ${first.host}, a mirror in mainland China and the first GOPROXY entry, through the HTTP proxy ${proxy}.`,
          t`The mirror is there to be reached from mainland China without a detour: through the proxy, each module download also waits on the proxy, fails when the proxy fails or wants credentials (go then reports proxyconnect errors for a mirror it could reach), and, if the proxy is outside mainland China, crosses the border twice.`,
        ),
        evidence: [
          valueEvidence(env, 'GOPROXY'),
          httpProxy.noProxy !== '' ? t`${variable}=${proxy}; NO_PROXY=${httpProxy.noProxy} does not match ${first.host}` : t`${variable}=${proxy}; NO_PROXY is not set`,
          ...(fact ? [`${first.host}: ${fact.text} (${fact.source})`] : []),
        ],
        fixes: [
          extendListFix(
            'no-proxy-mirror',
            env,
            'NO_PROXY',
            first.host,
            t`If this network lets you reach ${first.host} directly, exempt it from the HTTP proxy (go and git both read NO_PROXY); keep the proxy for what needs it.`,
            { osOnly: true },
          ),
        ],
      }),
    ];
  },
};
