/**
 * goproxy-credentials: an https GOPROXY entry with credentials in its URL. go sends them, but they show in
 * `go env`, CI logs and bug reports; .netrc keeps them out of sight.
 */
import { adviceFix, setVariableFix } from '../../fix.js';
import { netrcMatchRule } from '../../probe/netrc.js';
import { goproxyEntriesWithCredentials, netrcEntryCommand } from '../credential-urls.js';
import type { CheckRule } from '../rule.js';
import { hostnameOf, makeFinding, valueEvidence } from '../rule-kit.js';
import type { Finding } from '../types.js';
import { t } from '../../i18n/language.js';

export const goproxyCredentials: CheckRule = {
  id: 'goproxy-credentials',
  group: 'credentials',
  severity: 'warning',
  get summary() {
    return t`An https GOPROXY entry has credentials in its URL.`;
  },
  detect(input) {
    const { env, settings } = input;
    const out: Finding[] = [];
    const byHostname = netrcMatchRule(env.goVersion) === 'hostname';
    for (const entry of goproxyEntriesWithCredentials(input)) {
      if (entry.parsed.scheme === 'http') continue;
      const host = entry.parsed.host;
      const withoutUser = entry.url.replace(/^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)[^/@]*@/, '$1');
      const newList = settings.GOPROXY.split(entry.url).join(withoutUser);
      const machine = byHostname ? hostnameOf(host) : host;
      out.push(
        makeFinding({
          id: 'goproxy-credentials',
          rule: 'goproxy-credentials',
          severity: 'warning',
          group: 'credentials',
          message: t`A GOPROXY entry has credentials in its URL (${host}): they show up in \`go env\` output, CI logs and bug reports.`,
          evidence: [valueEvidence(env, 'GOPROXY')],
          fixes: [
            adviceFix(
              'netrc-entry',
              byHostname
                ? t`Keep the credentials in ~/.netrc instead (go sends them to ${host} over https; Go 1.19 matches the host name without the port).`
                : t`Keep the credentials in ~/.netrc instead (go sends them to ${host} over https; Go 1.21+ matches host:port exactly).`,
              netrcEntryCommand(machine, entry.parsed.user.username),
            ),
            setVariableFix('goproxy-remove-credentials', env, 'GOPROXY', newList, t`Then remove the credentials from GOPROXY.`),
          ],
        }),
      );
    }
    return out;
  },
};
