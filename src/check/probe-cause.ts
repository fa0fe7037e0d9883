/**
 * From one failed probe to its cause: the catalogue scenario that explains the same failure in go's
 * output, with that scenario's typed details, the report group and a short description. It reads the
 * probe's facts (phase, status, error code, certificate problem, CONNECT status) and what the server
 * sent; never wording the tool wrote. Pure.
 */
import { looksPrivateModule, privatePatternFor } from '../goenv/private-hints.js';
import type { EndpointResult } from '../probe/endpoint.js';
import { CREDENTIAL_FAILURE, PUBLIC_PROXY_HOSTS } from '../scenarios/facts.js';
import type { NetworkBlockedDetails } from '../scenarios/network-blocked.js';
import type { SumdbFailureKind } from '../scenarios/sumdb-lookup-failed.js';
import type { TlsCertificateDetails } from '../scenarios/tls-certificate.js';
import type { ExtractedFields } from '../scenarios/types.js';
import { hostnameOf, isPublicProxyUrl } from './rule-kit.js';
import type { ScenarioCall } from './scenario-call.js';
import type { FindingGroup } from './types.js';
import type { ProbeRecord } from './verdict.js';
import { t } from '../i18n/language.js';

/** How one failed probe is filed. */
export interface ProbeCause {
  /**
   * Stable name of what went wrong (`dns`, `connect`, `http-401`, `not-found`, `tls-verify`, …):
   * findings carry it as `cause`, so scripts and tests can tell failures of one rule apart.
   */
  cause: string;
  group: FindingGroup;
  /** What happened, e.g. `answered 500 Internal Server Error`. */
  headline: string;
  /** For an HTTP answer, the answer alone (`404 Not Found`), as the headline words it after its verb. */
  answer?: string;
  /** The scenario that explains it, with its facts; absent when go would not fail this way (a probe limit). */
  call?: ScenarioCall;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function defaultAddress(url: string): string {
  try {
    const u = new URL(url);
    return u.port !== '' ? u.host : `${u.host}:${u.protocol === 'http:' ? 80 : 443}`;
  } catch {
    return url;
  }
}

/** The standard fields of a probe: module, version, URL, host and status. */
export function probeFields(record: ProbeRecord): ExtractedFields {
  const r = record.result;
  const [path, version] = (record.module ?? '').split('@');
  return {
    ...(path !== undefined && path !== '' ? { module: path } : {}),
    ...(version !== undefined && version !== '' ? { version } : {}),
    url: r.url,
    host: hostOf(r.url),
    ...(r.status !== undefined ? { status: r.status } : {}),
  };
}

// The resolver's words for a failed lookup (go1.23 src/net/net.go DNSError, dnsclient_unix.go).
function lookupWords(code: string | undefined): string {
  if (code === 'ENOTFOUND' || code === 'ENODATA') return 'no such host';
  if (code === 'EAI_AGAIN') return 'server misbehaving';
  if (code === 'ETIMEDOUT') return 'i/o timeout';
  return 'lookup failed';
}

function connectKind(code: string | undefined): NetworkBlockedDetails['kind'] {
  switch (code) {
    case 'ECONNRESET':
    case 'EPIPE':
      return 'reset';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return 'unreachable';
    case 'ETIMEDOUT':
      return 'timeout';
    default:
      return 'refused';
  }
}

function certificateDetails(r: EndpointResult): TlsCertificateDetails {
  const problem = r.tls?.verifyProblem ?? r.failure?.certificate;
  switch (problem) {
    case 'expired':
      return { kind: 'expired', client: 'go', ...(r.tls?.verifyError !== undefined ? { error: r.tls.verifyError } : {}) };
    case 'wrong-name':
    case 'no-ip-san':
    case 'legacy-common-name':
    case 'no-names': {
      const requested = (() => {
        try {
          return new URL(r.url).hostname.replace(/^\[|\]$/g, '');
        } catch {
          return undefined;
        }
      })();
      const names = [...(r.tls?.dnsNames ?? []), ...(r.tls?.ipAddresses ?? [])];
      return {
        kind: 'wrong-name',
        client: 'go',
        ...(names.length > 0 ? { validFor: names.join(', ') } : {}),
        ...(requested !== undefined ? { requested } : {}),
        ...(problem === 'no-ip-san' ? { ipWithoutSan: true } : {}),
      };
    }
    default:
      return { kind: 'unknown-authority', client: 'go' };
  }
}

const LOGIN_PAGE = /<form|password|sign in|log ?in/i;

/** Files a failed probe under the scenario that explains the same failure in go's output. */
export function classifyProbe(record: ProbeRecord, timeoutMs: number): ProbeCause {
  const r = record.result;
  const fields = probeFields(record);
  const host = hostOf(r.url);
  const failure = r.failure;
  if (record.contentError !== undefined) {
    const html = /text\/html/i.test(r.contentType ?? '') || /^\s*</.test(r.bodySnippet ?? '');
    const loginPage = html && LOGIN_PAGE.test(r.bodySnippet ?? '');
    return {
      cause: html ? 'html-response' : 'invalid-response',
      group: 'proxy',
      headline: html ? t`answered 200 with an HTML page (${r.contentType ?? 'text/html'}), not the module proxy protocol` : t`answered 200 with something go cannot use (${record.contentError})`,
      call: loginPage
        ? { scenario: 'auth-required', fields, details: { kind: 'login-page' } }
        : { scenario: 'proxy-server-error', fields, details: { kind: html ? 'html-response' : 'invalid-response' } },
    };
  }
  const text = r.errorText ?? r.goError ?? t`failed`;
  if (r.timedOut) {
    return {
      cause: 'timeout',
      group: 'proxy',
      headline: t`did not answer before the ${timeoutMs} ms deadline (${r.phase} phase: ${text}); go has no overall timeout and would keep waiting`,
      call: { scenario: 'network-blocked', fields, details: { kind: 'timeout', address: defaultAddress(r.url) } },
    };
  }
  if (failure?.probeLimit !== undefined && failure.probeLimit !== 'timeout') {
    return {
      cause: 'probe-limit',
      group: 'proxy',
      headline: t`reached a limit of goproxy-doctor's own probe (${failure.probeLimit}), not a failure go would have: this answer could not be checked`,
    };
  }
  if (failure?.unsupportedScheme !== undefined) {
    // go1.26 src/net/http/client.go: a redirect to a scheme the transport lacks fails before any connection.
    return {
      cause: 'unsupported-scheme',
      group: 'proxy',
      headline: t`redirected to a ${failure.unsupportedScheme}:// URL, which go cannot fetch (${`unsupported protocol scheme "${failure.unsupportedScheme}"`})`,
      call: { scenario: 'proxy-server-error', fields, details: { kind: 'invalid-response' } },
    };
  }
  switch (r.phase) {
    case 'dns':
      return {
        cause: 'dns',
        group: 'proxy',
        headline: t`could not be resolved: ${text}`,
        call: { scenario: 'dns-failure', fields: { ...fields, host: hostnameOf(host) }, details: { kind: 'target', name: hostnameOf(host), error: lookupWords(failure?.code) } },
      };
    case 'connect':
      return {
        cause: 'connect',
        group: 'proxy',
        headline: t`could not be connected to: ${text}`,
        call: { scenario: 'network-blocked', fields, details: { kind: connectKind(failure?.code), address: defaultAddress(r.url) } },
      };
    case 'proxy': {
      const proxyUrl = r.proxy?.url;
      const proxyHost = proxyUrl !== undefined ? hostOf(proxyUrl) : undefined;
      const withProxy = { ...fields, ...(proxyHost !== undefined ? { host: proxyHost } : {}) };
      const through = proxyUrl !== undefined ? t`could not be reached through the HTTP proxy ${proxyUrl}: ${text}` : t`could not be reached through the HTTP proxy: ${text}`;
      const common = { ...(proxyHost !== undefined ? { proxy: proxyHost } : {}), target: host, ...(looksPrivateModule(fields.module) ? { internalTarget: true } : {}) };
      if (failure?.connectStatus === 407) {
        return { cause: 'http-proxy-auth', group: 'credentials', headline: through, call: { scenario: 'http-proxy-env', fields: withProxy, details: { kind: 'proxy-auth', ...common } } };
      }
      if (failure?.connectStatus !== undefined) {
        return { cause: 'http-proxy', group: 'credentials', headline: through, call: { scenario: 'http-proxy-env', fields: withProxy, details: { kind: 'connect-rejected', ...common } } };
      }
      if (r.notEvaluated !== undefined) return { cause: 'proxy-not-evaluated', group: 'credentials', headline: through };
      if (r.proxy !== undefined && !r.proxy.used) {
        return { cause: 'http-proxy', group: 'credentials', headline: through, call: { scenario: 'http-proxy-env', fields: withProxy, details: { kind: 'bad-proxy-url', ...common } } };
      }
      const code = failure?.code;
      // Only a reply starting `HTTP/` shows the proxy speaks plain HTTP (https:// written for an http proxy).
      const kind = code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA' ? 'proxy-dns' : failure?.certificate !== undefined ? 'proxy-tls' : failure?.plainHttpReply ? 'proxy-scheme' : 'proxy-unreachable';
      return { cause: 'http-proxy', group: 'credentials', headline: through, call: { scenario: 'http-proxy-env', fields: withProxy, details: { kind, ...common } } };
    }
    case 'tls':
      if ((r.tls && !r.tls.verified) || failure?.certificate !== undefined) {
        return {
          cause: 'tls-verify',
          group: 'proxy',
          headline: t`presented a certificate go does not trust: ${r.tls?.verifyError ?? text}`,
          call: { scenario: 'tls-certificate', fields, details: certificateDetails(r) },
        };
      }
      if (failure?.plainHttpReply) {
        return { cause: 'https-to-http-server', group: 'proxy', headline: t`answers in plain HTTP, not HTTPS: ${text}`, call: { scenario: 'proxy-config-invalid', fields, details: { kind: 'http-to-https' } } };
      }
      return { cause: 'tls-handshake', group: 'proxy', headline: t`failed the TLS handshake: ${text}`, call: { scenario: 'network-blocked', fields, details: { kind: 'tls-handshake', address: defaultAddress(r.url) } } };
    case 'config':
      return { cause: 'request-refused', group: 'credentials', headline: t`was refused before any request: ${text}` };
    default:
      break;
  }
  if (r.limitHit === 'redirects') {
    return { cause: 'redirect-loop', group: 'proxy', headline: t`redirected in a loop: ${text}`, call: { scenario: 'proxy-server-error', fields, details: { kind: 'redirect-loop' } } };
  }
  const status = r.status;
  if (status === undefined || (r.ok === false && status === 200)) {
    const code = failure?.code;
    return {
      cause: 'broken-response',
      group: 'proxy',
      headline: t`broke off the response: ${text}`,
      call: { scenario: 'network-blocked', fields, details: { kind: code === 'ECONNRESET' ? 'reset' : 'eof', address: defaultAddress(r.url) } },
    };
  }
  const statusLine = `${status} ${r.statusText ?? ''}`.trim();
  if (status === 401 || status === 403) {
    const publicProxy = PUBLIC_PROXY_HOSTS.includes(hostnameOf(host).toLowerCase());
    if (status === 401 && publicProxy) {
      // Public proxies never ask for credentials: a gateway on the way (a corporate proxy wanting its own
      // login, a captive portal) answered, as explain reads the same line.
      return {
        cause: 'http-401-public',
        group: 'credentials',
        headline: t`answered ${statusLine}`,
        answer: statusLine,
        call: { scenario: 'http-proxy-env', fields, details: { kind: 'gateway-auth', target: hostnameOf(host), ...(r.statusText !== undefined ? { reason: r.statusText } : {}) } },
      };
    }
    if (status === 403 && publicProxy) {
      return { cause: 'http-403-public', group: 'proxy', headline: t`answered ${statusLine}`, answer: statusLine, call: { scenario: 'network-blocked', fields, details: { kind: 'public-proxy-403' } } };
    }
    const answer = r.credentials ? t`${statusLine} although credentials were sent` : statusLine;
    return {
      cause: `http-${status}`,
      group: 'credentials',
      headline: t`answered ${answer}`,
      answer,
      call: { scenario: 'auth-required', fields, details: { kind: status === 401 ? 'http-401' : 'http-403', ...(r.credentials ? { credentialsSent: true } : {}) } },
    };
  }
  if (status === 407) {
    return { cause: 'http-proxy-auth', group: 'credentials', headline: t`answered ${statusLine}`, answer: statusLine, call: { scenario: 'http-proxy-env', fields, details: { kind: 'proxy-auth', target: host } } };
  }
  if (status === 404 || status === 410) {
    const credentialBody = r.serverResponse !== undefined ? r.serverResponse.match(CREDENTIAL_FAILURE) : null;
    const module = fields.module;
    // A private-looking module that a proxy does not have, public or the company's own: the proxy cannot
    // (or may not) fetch it, the same private-module situation explain names from go's text.
    const moduleFetch = record.target === 'module' || record.target === 'toolchain';
    if (credentialBody || (module !== undefined && looksPrivateModule(module) && (moduleFetch || isPublicProxyUrl(r.url)))) {
      const answer = credentialBody ? t`${statusLine} (the proxy could not read the repository)` : statusLine;
      return {
        cause: 'private-module-not-found',
        group: 'proxy',
        headline: t`answered ${answer}`,
        answer,
        call: {
          scenario: 'private-module-proxied',
          fields,
          details: {
            kind: credentialBody ? 'credential-failure' : 'not-found',
            ...(module !== undefined ? { pattern: privatePatternFor(module) } : {}),
            ...(credentialBody ? { credentialFailure: credentialBody[0] } : {}),
          },
        },
      };
    }
    return { cause: 'not-found', group: 'proxy', headline: t`answered ${statusLine}`, answer: statusLine, call: { scenario: 'module-not-found', fields, details: { kind: 'http-not-found' } } };
  }
  if (status >= 500) {
    const firstLine = r.serverResponse?.split('\n')[0];
    return {
      cause: 'server-error',
      group: 'proxy',
      headline: t`answered ${statusLine}`,
      answer: statusLine,
      call: { scenario: 'proxy-server-error', fields, details: { kind: 'http-5xx', ...(firstLine !== undefined && firstLine !== '' ? { serverResponse: firstLine } : {}) } },
    };
  }
  return { cause: 'http-error', group: 'proxy', headline: t`answered ${statusLine}`, answer: statusLine, call: { scenario: 'proxy-server-error', fields, details: { kind: 'http-error' } } };
}

/** The sumdb-lookup-failed kind for a failed checksum-database probe. */
export function sumdbFailureKind(c: ProbeCause, record: ProbeRecord): SumdbFailureKind {
  const status = record.result.status;
  if (c.cause === 'tls-verify') return 'tls';
  if (c.call?.scenario === 'http-proxy-env') return 'http-proxy';
  // Every database serves its signed tree head: "not found" there means the database itself is wrong.
  if ((status === 404 || status === 410) && record.target === 'sumdb-latest') return 'broken';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 401) return 'auth';
  if (status === 403) return 'blocked';
  if (status !== undefined && status >= 500) return 'server-error';
  if (c.cause === 'dns') return 'dns';
  return 'unreachable';
}
