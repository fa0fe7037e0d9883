/**
 * netrc-machine-mismatch: .netrc has an entry for a GOPROXY host, but not in the form this go looks up:
 * go1.19 compares the host name without the port, go1.21+ compare host:port when the URL has a port.
 */
import { adviceFix } from '../../fix.js';
import { credentialsFor, netrcMatchRule } from '../../probe/netrc.js';
import { netrcEntryCommand } from '../credential-urls.js';
import type { CheckRule } from '../rule.js';
import { hostnameOf, hostOfUrl, makeFinding } from '../rule-kit.js';
import type { Finding } from '../types.js';
import { t } from '../../i18n/language.js';

export const netrcMachineMismatch: CheckRule = {
  id: 'netrc-machine-mismatch',
  group: 'credentials',
  severity: 'warning',
  get summary() {
    return t`A .netrc entry names a GOPROXY host, but not the way this go matches it.`;
  },
  detect(input) {
    const { env, goauth, proxyList: list } = input;
    if (!list.ok || !(goauth.usesNetrc || !goauth.goauthSupported)) return [];
    const rule = netrcMatchRule(env.goVersion);
    const out: Finding[] = [];
    for (const spec of list.specs) {
      if (spec.kind !== 'proxy' || spec.url === undefined || !/^https:/i.test(spec.url)) continue;
      if (credentialsFor(spec.url, input.netrc, env.goVersion)) continue;
      const host = hostOfUrl(spec.url);
      if (host === undefined) continue;
      const hostname = hostnameOf(host);
      const near = input.netrc.find((e) => e.machine === hostname || hostnameOf(e.machine) === hostname);
      if (!near) continue;
      const want = rule === 'hostname' ? hostname : host;
      out.push(
        makeFinding({
          id: 'auth-required',
          rule: 'netrc-machine-mismatch',
          severity: 'warning',
          group: 'credentials',
          message: t`.netrc has "machine ${near.machine}", but ${env.goVersion} looks up "machine ${want}" for ${spec.url.replace(/\/\/[^/@]*@/, '//')}, so no credentials are sent.`,
          evidence: [
            rule === 'hostname'
              ? t`go1.19 compares the host name without the port (go1.19 src/cmd/go/internal/auth/auth.go:13)`
              : t`go1.21 and later compare host:port when the URL has a port (go1.23 src/cmd/go/internal/auth/auth.go:13-16)`,
          ],
          fixes: [adviceFix('netrc-entry', t`Add an entry for ${want} (keep the old one for other Go versions).`, netrcEntryCommand(want, near.login))],
        }),
      );
    }
    return out;
  },
};
