/**
 * ssl-cert-file-unreadable: SSL_CERT_FILE names a file Go cannot read, so only the certificate directories
 * supply trusted roots (go1.26 src/crypto/x509/root_unix.go:32-82). Not reported where the variable is ignored
 * anyway (ssl-cert-ignored says so).
 */
import { adviceFix } from '../../fix.js';
import type { CheckRule } from '../rule.js';
import { makeFinding, valueEvidence } from '../rule-kit.js';
import { t } from '../../i18n/language.js';

export const sslCertFileUnreadable: CheckRule = {
  id: 'ssl-cert-file-unreadable',
  group: 'credentials',
  severity: 'warning',
  get summary() {
    return t`SSL_CERT_FILE names a file Go cannot read.`;
  },
  detect(input) {
    const { env, roots } = input;
    if (!roots || roots.sources.ignoredVariables.length > 0) return [];
    if (!roots.sources.fileFromEnv || roots.fileUsed !== undefined) return [];
    return [
      makeFinding({
        id: 'tls-certificate',
        rule: 'ssl-cert-file-unreadable',
        severity: 'warning',
        group: 'credentials',
        message: t`SSL_CERT_FILE names a file Go cannot read, so only the certificate directories supply trusted roots.`,
        evidence: [valueEvidence(env, 'SSL_CERT_FILE'), ...(roots.loadError !== undefined ? [roots.loadError] : [])],
        fixes: [adviceFix('ssl-cert-file-fix', t`Point SSL_CERT_FILE at a readable PEM bundle (the public roots plus your CA), or unset it.`, 'unset SSL_CERT_FILE')],
      }),
    ];
  },
};
