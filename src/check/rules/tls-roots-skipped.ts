/**
 * tls-roots-skipped: SSL_CERT_FILE, or a file in a certificate directory, is not a regular file (a FIFO,
 * a device) or is far larger than any certificate bundle. Go reads every such file whole when it loads
 * its roots (go1.26 src/crypto/x509/root_unix.go:32-82), so it would block for ever on a FIFO or fill
 * its memory; goproxy-doctor skipped them instead.
 */
import { adviceFix } from '../../fix.js';
import type { CheckRule } from '../rule.js';
import { makeFinding } from '../rule-kit.js';
import { t } from '../../i18n/language.js';

export const tlsRootsSkipped: CheckRule = {
  id: 'tls-roots-skipped',
  group: 'credentials',
  severity: 'error',
  get summary() {
    return t`A certificate file go would read is a FIFO, a device or far too large.`;
  },
  detect(input) {
    const skipped = input.roots?.skipped ?? [];
    if (skipped.length === 0 || (input.roots?.sources.ignoredVariables.length ?? 0) > 0) return [];
    return [
      makeFinding({
        id: 'tls-roots-skipped',
        rule: 'tls-roots-skipped',
        severity: 'error',
        group: 'credentials',
        message:
          skipped.length === 1
            ? t`go reads every certificate file whole before its first https request: this file would make it hang (a FIFO or device) or exhaust memory (too large).`
            : t`go reads every certificate file whole before its first https request: these ${skipped.length} files would make it hang (a FIFO or device) or exhaust memory (too large).`,
        evidence: skipped.map((s) => (s.reason === 'not-regular-file' ? t`${s.path}: not a regular file` : t`${s.path}: too large`)),
        fixes: [
          adviceFix(
            'tls-roots-regular-file',
            t`Point SSL_CERT_FILE at a regular PEM bundle (the public roots plus your CA), and keep only certificate files in SSL_CERT_DIR.`,
            'unset SSL_CERT_FILE SSL_CERT_DIR',
          ),
        ],
      }),
    ];
  },
};
