/**
 * tls-certificate: the server's certificate did not verify — signed by an unknown authority (usually a
 * TLS-intercepting corporate proxy or a private CA), expired, or issued for another host name.
 */
import { adviceFix, extendListFix, joinSentences, type Fix } from '../fix.js';
import { privatePatternFor } from '../goenv/private-hints.js';
import { currentValue } from '../goenv/query.js';
import { t } from '../i18n/language.js';
import { baseFields, clampConfidence, evidenceLine, hostnameOfAddress } from './facts.js';
import { X509 } from './signals.js';
import type { Scenario, ScenarioFacts, ScenarioMatch } from './types.js';

/** What tls-certificate extracts: why the certificate was refused, by whom, and on which path. */
export interface TlsCertificateDetails {
  readonly kind: 'unknown-authority' | 'expired' | 'wrong-name' | 'handshake' | 'other';
  /** The verifier's words, for expired certificates. */
  readonly error?: string;
  /** For `wrong-name`: the names the certificate covers, and the one requested. */
  readonly validFor?: string;
  readonly requested?: string;
  /** For `wrong-name`: the URL named an IP address and the certificate has no IP entries. */
  readonly ipWithoutSan?: boolean;
  /** Who refused the certificate: go itself or git (direct fetches; git has its own trust store). */
  readonly client: 'go' | 'git';
  /** The certificate was the HTTP proxy's (HTTPS_PROXY with https://). */
  readonly viaHttpProxy?: boolean;
  /** The request was a direct fetch (GOINSECURE can apply). */
  readonly direct?: boolean;
}

// go1.23 src/crypto/x509/verify.go:112,127 (HostnameError), :185-200 (UnknownAuthorityError),
// CertificateInvalidError texts; go1.20+ wraps them as `tls: failed to verify certificate: ` (crypto/tls/common.go).
const UNKNOWN_AUTHORITY = /certificate signed by unknown authority|certificate is not trusted|self[- ]signed certificate|unable to get local issuer certificate|server certificate verification failed/;
const EXPIRED = /certificate has expired or is not yet valid[^\n]{0,200}|certificate has expired/;
const WRONG_NAME = /certificate is valid for ([^\n]{1,500}?), not (\S{1,253})|cannot validate certificate for (\S{1,253}) because it doesn't contain any IP SANs|certificate relies on legacy Common Name field|no alternative certificate subject name matches target host name '([^'\n]{1,253})'/;
const HANDSHAKE_ALERT = /remote error: tls: [^\n]{1,200}/;

/** The tls-certificate scenario: a certificate did not verify. */
export const tlsCertificate: Scenario<TlsCertificateDetails> = {
  id: 'tls-certificate',
  get title() {
    return t`TLS certificate not trusted`;
  },
  get summary() {
    return t`The HTTPS certificate of the proxy, checksum database or origin did not verify.`;
  },
  get explanation() {
    return joinSentences(
      t`Go verifies every HTTPS certificate against the system roots (on Linux and BSD: the bundle files and directories, replaceable with SSL_CERT_FILE and SSL_CERT_DIR; macOS and Windows use the platform verifier).`,
      t`"certificate signed by unknown authority" almost always means a TLS-intercepting proxy or a private CA whose root is not installed.`,
      t`"expired or is not yet valid" means an expired certificate or a wrong system clock; "valid for X, not Y" means the URL names a host the certificate does not cover, such as an IP address.`,
      t`GOINSECURE does not help: it applies only to direct fetches, never to GOPROXY or the checksum database.`,
      t`Go 1.20 and later prefix these errors with "tls: failed to verify certificate:".`,
    );
  },
  goSources: [
    'go1.23 src/crypto/x509/verify.go:112,127 (certificate is valid for …, not …; no IP SANs)',
    'go1.23 src/crypto/tls/common.go:1638-1640 (tls: failed to verify certificate: wrapper, Go 1.20+)',
    'go1.23 src/crypto/x509/root_unix.go:32-70 (SSL_CERT_FILE and SSL_CERT_DIR)',
    'go1.23 src/cmd/go/internal/modfetch/proxy.go:282 and web/api.go:85 (proxy and sumdb always verify TLS)',
    'go1.23 src/cmd/go/internal/modfetch/repo.go:272-277 (GOINSECURE only for direct fetches)',
  ],
  examples: [
    'go: example.com/x@v1.0.0: Get "https://proxy.golang.org/example.com/x/@v/v1.0.0.info": tls: failed to verify certificate: x509: certificate signed by unknown authority',
    'go: example.com/x@v1.0.0: Get "https://proxy.golang.org/example.com/x/@v/v1.0.0.info": x509: certificate has expired or is not yet valid: current time 2024-05-01T12:00:00Z is after 2024-04-01T00:00:00Z',
    'go: example.com/x@v1.0.0: Get "https://127.0.0.1:8443/example.com/x/@v/v1.0.0.info": tls: failed to verify certificate: x509: cannot validate certificate for 127.0.0.1 because it doesn\'t contain any IP SANs',
  ],
  trigger: /x509|certificate|tls: |SSL/,

  match(block): ScenarioMatch<TlsCertificateDetails> | undefined {
    const facts = block.facts;
    if (!facts.fetchContext) return undefined;
    const text = facts.ownText;
    const x509 = text.match(X509);
    const alert = x509 ? undefined : text.match(HANDSHAKE_ALERT);
    if (!x509 && !alert) return undefined;
    const fields = baseFields(facts);
    let kind: TlsCertificateDetails['kind'];
    let found: Pick<TlsCertificateDetails, 'error' | 'validFor' | 'requested' | 'ipWithoutSan'> = {};
    let confidence = 0.95;
    const wrongName = text.match(WRONG_NAME);
    if (alert) {
      kind = 'handshake';
      confidence = 0.6;
    } else if (UNKNOWN_AUTHORITY.test(text)) {
      kind = 'unknown-authority';
    } else if (EXPIRED.test(text)) {
      kind = 'expired';
      const expired = text.match(EXPIRED);
      if (expired) found = { error: expired[0] };
    } else if (wrongName) {
      kind = 'wrong-name';
      const requested = wrongName[2] ?? wrongName[3] ?? wrongName[4];
      found = {
        ...(wrongName[1] !== undefined ? { validFor: wrongName[1] } : {}),
        ...(requested !== undefined ? { requested } : {}),
        ...(wrongName[3] !== undefined ? { ipWithoutSan: true } : {}),
      };
    } else {
      kind = 'other';
      confidence = 0.85;
    }
    const client = /^SSL certificate problem|server certificate verification failed/m.test(text) || /fatal: unable to access/.test(text) ? 'git' : 'go';
    const details: TlsCertificateDetails = {
      kind,
      ...found,
      client,
      ...(facts.proxyConnect ? { viaHttpProxy: true } : {}),
      ...(facts.direct ? { direct: true } : {}),
    };
    return {
      confidence: clampConfidence(confidence),
      fields,
      evidence: evidenceLine(block, alert ? HANDSHAKE_ALERT : X509),
      details,
    };
  },

  fixes(diagnosis: ScenarioFacts<TlsCertificateDetails>, env): Fix[] {
    const host = diagnosis.fields.host !== undefined ? hostnameOfAddress(diagnosis.fields.host) : undefined;
    const target = diagnosis.fields.host ?? t`the server`;
    const kind = diagnosis.details.kind;
    const fixes: Fix[] = [];
    const connect = diagnosis.fields.host !== undefined ? (diagnosis.fields.host.includes(':') ? diagnosis.fields.host : `${diagnosis.fields.host}:443`) : undefined;
    const inspect =
      connect !== undefined && host !== undefined
        ? `openssl s_client -connect ${connect} -servername ${host} -showcerts </dev/null | openssl x509 -noout -subject -issuer -dates`
        : undefined;
    switch (kind) {
      case 'expired':
        fixes.push(
          adviceFix('check-clock', t`A wrong system clock makes valid certificates look expired or not yet valid: check the date first.`, 'date -u'),
          adviceFix('renew-certificate', t`If the clock is right, ${target}'s certificate has expired: its operator must renew it. Confirm the dates:`, inspect),
        );
        break;
      case 'wrong-name': {
        const validFor = diagnosis.details.validFor;
        fixes.push(
          adviceFix(
            'use-covered-name',
            diagnosis.details.ipWithoutSan === true
              ? t`The URL uses the IP address ${diagnosis.details.requested ?? host ?? ''}, but the certificate has no IP entries: use the server's DNS name in GOPROXY (a host in the URL is also what TLS checks).`
              : t`The certificate is for ${validFor ?? t`another name`}, not ${diagnosis.details.requested ?? host ?? t`the host in the URL`}: use a host name the certificate covers in the URL (GOPROXY, GOSUMDB), or have the operator add this name.`,
          ),
          adviceFix('inspect-certificate', t`Inspect the certificate the server presents.`, inspect),
        );
        break;
      }
      case 'handshake':
        fixes.push(
          adviceFix('inspect-certificate', t`${target} aborted the TLS handshake: often a TLS-inspecting middlebox or a server that does not serve this host name. Inspect what it presents:`, inspect),
        );
        break;
      default: {
        const certFile = currentValue(env, 'SSL_CERT_FILE');
        fixes.push(
          adviceFix(
            'install-ca',
            t`A TLS-intercepting proxy or a private CA signed ${target}'s certificate. Install that CA's root certificate into the system trust store (Debian/Ubuntu shown; ask IT for the file).`,
            'sudo cp corporate-root-ca.crt /usr/local/share/ca-certificates/ && sudo update-ca-certificates',
          ),
          adviceFix(
            'ssl-cert-file',
            joinSentences(
              t`Or, on Linux and BSD, point Go at a PEM bundle that holds the public roots plus that CA. SSL_CERT_FILE replaces only the bundle file; the default certificate directories are still read. macOS and Windows ignore it.`,
              certFile ? t`(SSL_CERT_FILE is now ${certFile}: check that it holds the CA.)` : '',
            ),
            'export SSL_CERT_FILE=/path/to/ca-bundle-with-corporate-root.pem',
          ),
          adviceFix('inspect-certificate', t`See who issued the certificate go received.`, inspect),
        );
        if (diagnosis.details.client === 'git') {
          fixes.push(adviceFix('git-ssl-cainfo', t`git verifies certificates itself (not with Go's roots): give it the CA too.`, 'git config --global http.sslCAInfo /path/to/ca-bundle-with-corporate-root.pem'));
        }
        break;
      }
    }
    if (diagnosis.details.direct === true && diagnosis.fields.module !== undefined) {
      fixes.push(
        extendListFix(
          'goinsecure-add',
          env,
          'GOINSECURE',
          privatePatternFor(diagnosis.fields.module),
          t`Only for a direct fetch from a server you control whose certificate cannot be fixed: GOINSECURE skips certificate checks for those paths (never for GOPROXY or the checksum database).`,
          { weakensSecurity: true },
        ),
      );
    }
    return fixes;
  },
};
