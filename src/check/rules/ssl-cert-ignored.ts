/**
 * ssl-cert-ignored: SSL_CERT_FILE/SSL_CERT_DIR set on macOS or Windows, where Go uses the platform's
 * certificate verifier and does not read them. Said as information.
 */
import { adviceFix } from '../../fix.js';
import { goQuote } from '../../goenv/go-text.js';
import type { CheckRule } from '../rule.js';
import { makeFinding } from '../rule-kit.js';
import { t } from '../../i18n/language.js';

export const sslCertIgnored: CheckRule = {
  id: 'ssl-cert-ignored',
  group: 'credentials',
  severity: 'info',
  get summary() {
    return t`SSL_CERT_FILE/SSL_CERT_DIR are ignored on macOS and Windows.`;
  },
  detect(input) {
    const { env, roots } = input;
    const ignored = roots?.sources.ignoredVariables ?? [];
    if (ignored.length === 0) return [];
    const platform = input.platform === 'darwin' ? 'macOS' : 'Windows';
    return [
      makeFinding({
        id: 'ssl-cert-ignored',
        rule: 'ssl-cert-ignored',
        severity: 'info',
        group: 'credentials',
        message:
          ignored.length > 1
            ? t`${ignored.slice(0, -1).join(', ')} and ${ignored[ignored.length - 1] ?? ''} are ignored on ${platform}: Go uses the platform's certificate verifier there.`
            : t`${ignored[0] ?? ''} is ignored on ${platform}: Go uses the platform's certificate verifier there.`,
        evidence: ignored.map((n) => `${n}=${goQuote(env.variables[n]?.value ?? '')}`),
        fixes: [adviceFix('system-trust-store', t`Add the CA to the system keychain or certificate store instead.`)],
      }),
    ];
  },
};
