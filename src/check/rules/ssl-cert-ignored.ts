/**
 * ssl-cert-ignored: SSL_CERT_FILE/SSL_CERT_DIR set on macOS or Windows, where Go uses the platform's
 * certificate verifier and does not read them. Said as information.
 */
import { adviceFix } from '../../fix.js';
import { goQuote } from '../../goenv/go-text.js';
import type { CheckRule } from '../rule.js';
import { makeFinding } from '../rule-kit.js';

export const sslCertIgnored: CheckRule = {
  id: 'ssl-cert-ignored',
  group: 'credentials',
  severity: 'info',
  summary: 'SSL_CERT_FILE/SSL_CERT_DIR are ignored on macOS and Windows.',
  detect(input) {
    const { env, roots } = input;
    const ignored = roots?.sources.ignoredVariables ?? [];
    if (ignored.length === 0) return [];
    return [
      makeFinding({
        id: 'ssl-cert-ignored',
        rule: 'ssl-cert-ignored',
        severity: 'info',
        group: 'credentials',
        message: `${ignored.join(' and ')} ${ignored.length > 1 ? 'are' : 'is'} ignored on ${input.platform === 'darwin' ? 'macOS' : 'Windows'}: Go uses the platform's certificate verifier there.`,
        evidence: ignored.map((n) => `${n}=${goQuote(env.variables[n]?.value ?? '')}`),
        fixes: [adviceFix('system-trust-store', 'Add the CA to the system keychain or certificate store instead.')],
      }),
    ];
  },
};
