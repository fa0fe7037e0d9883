/**
 * http-proxy-env: the HTTP proxy from HTTPS_PROXY / HTTP_PROXY failed — unreachable, asking for
 * credentials (407), refusing to tunnel, or misconfigured — or NO_PROXY sends an internal host
 * through it.
 */
import { adviceFix, extendListFix, joinSentences, type Fix } from '../fix.js';
import { looksPrivateModule } from '../goenv/private-hints.js';
import { currentValue } from '../goenv/query.js';
import type { GoEnvironment } from '../goenv/types.js';
import { t } from '../i18n/language.js';
import { baseFields, clampConfidence, evidenceLine, hostnameOfAddress } from './facts.js';
import { DNS_FAILURE, isServerError, X509 } from './signals.js';
import type { Scenario, ScenarioFacts, ScenarioMatch } from './types.js';

/** What http-proxy-env extracts: how the HTTP proxy failed, and for which target. */
export interface HttpProxyEnvDetails {
  readonly kind: 'bad-proxy-url' | 'proxy-auth' | 'connect-rejected' | 'proxy-dns' | 'proxy-tls' | 'proxy-scheme' | 'proxy-unreachable' | 'gateway-auth';
  /** The proxy's address or URL (password redacted). */
  readonly proxy?: string;
  /** The host go wanted to reach through the proxy. */
  readonly target?: string;
  /** The target looks internal (a company host), so NO_PROXY may be the answer. */
  readonly internalTarget?: boolean;
  /** The reason phrase of a refused CONNECT, or of a gateway's answer. */
  readonly reason?: string;
  /** The environment's NO_PROXY already has an entry covering the target (env-aware). */
  readonly coveredByNoProxy?: string;
  /** The environment's proxy URL already carries credentials, so they were sent and refused (env-aware). */
  readonly credentialsInProxyUrl?: boolean;
}

// go1.23 src/vendor/golang.org/x/net/http/httpproxy/proxy.go:161
const BAD_PROXY_URL = /invalid proxy address "([^"\n]{0,300})"[^\n]{0,200}/;
// The status is read where go prints one (facts.status); elsewhere only the reason phrase or curl's
// sentence (git through a proxy) counts, so the digits of a version such as v1.0.407 never do.
const PROXY_AUTH = /Proxy Authentication Required|HTTP code 407 from proxy/;
// go1.23 src/crypto/tls/conn.go:672
const NOT_TLS = /first record does not look like a TLS handshake/;

/** The proxy variables go reads (go1.23 src/vendor/golang.org/x/net/http/httpproxy/proxy.go:91-94), when the environment is known. */
function configuredProxy(env: GoEnvironment | undefined): string | undefined {
  if (env === undefined) return undefined;
  return currentValue(env, 'HTTPS_PROXY') || currentValue(env, 'HTTP_PROXY') || '';
}

/**
 * The NO_PROXY entry that covers `host`, by the rules of go1.23 src/vendor/golang.org/x/net/http/httpproxy/proxy.go:225-270,362-366:
 * `*` covers everything, `example.com` covers it and its subdomains, `.example.com` and `*.example.com` its subdomains;
 * a port in the entry must match. Addresses and CIDR ranges are compared as written.
 */
export function noProxyEntryFor(noProxy: string | undefined, hostWithPort: string): string | undefined {
  if (noProxy === undefined || noProxy.trim() === '') return undefined;
  const host = hostnameOfAddress(hostWithPort).toLowerCase();
  const port = hostWithPort.startsWith('[') ? hostWithPort.slice(hostWithPort.indexOf(']') + 2) : hostWithPort.includes(':') ? hostWithPort.slice(hostWithPort.lastIndexOf(':') + 1) : '';
  for (const raw of noProxy.split(',')) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return raw.trim();
    const colon = entry.lastIndexOf(':');
    const entryPort = colon > 0 && !entry.includes(']') && /^\d{1,5}$/.test(entry.slice(colon + 1)) ? entry.slice(colon + 1) : '';
    const entryHost = entryPort === '' ? entry : entry.slice(0, colon);
    if (entryPort !== '' && entryPort !== port) continue;
    const dotted = entryHost.startsWith('.') || entryHost.startsWith('*.');
    const bare = entryHost.replace(/^\*?\./, '');
    if (host === bare && !dotted) return raw.trim();
    if (host.endsWith(`.${bare}`)) return raw.trim();
  }
  return undefined;
}

/** The http-proxy-env scenario: the HTTP proxy from the environment failed. */
export const httpProxyEnv: Scenario<HttpProxyEnvDetails> = {
  id: 'http-proxy-env',
  get title() {
    return t`HTTP proxy (HTTPS_PROXY) problem`;
  },
  get summary() {
    return t`The HTTP proxy from HTTPS_PROXY/HTTP_PROXY could not be used, or NO_PROXY routes a host wrongly.`;
  },
  get explanation() {
    return joinSentences(
      t`Go sends HTTPS requests through the proxy in HTTPS_PROXY (or https_proxy), HTTP requests through HTTP_PROXY, except for hosts in NO_PROXY; localhost and loopback addresses are never proxied.`,
      t`Errors that start with \`proxyconnect tcp:\` happened on the way to that proxy, not to the target.`,
      t`A \`407 Proxy Authentication Required\` means the proxy wants credentials (Go supports Basic auth in the proxy URL, not NTLM or Kerberos); a bare reason such as \`Forbidden\` after the URL is the proxy refusing to open a tunnel to that host.`,
      t`In direct (VCS) mode git does its own proxying with the same variables.`,
      t`A 401 from a public proxy, which never asks for credentials, or a reason phrase net/http would not use (\`401 authenticationrequired\`), comes from a gateway on the way that wants its own login.`,
    );
  },
  goSources: [
    'go1.23 src/vendor/golang.org/x/net/http/httpproxy/proxy.go:91-94,115-116,170-185 (ProxyFromEnvironment)',
    'go1.23 src/vendor/golang.org/x/net/http/httpproxy/proxy.go:161 (invalid proxy address)',
    'go1.23 src/net/http/transport.go:1698 (proxyconnect tcp: dial errors)',
    'go1.23 src/net/http/transport.go:1844-1851 (a non-200 CONNECT reply becomes the error text)',
    'go1.23 src/net/http/status.go (StatusText: the standard reason phrases)',
    'go1.23 src/vendor/golang.org/x/net/http/httpproxy/proxy.go:225-270,362-366 (NO_PROXY matching)',
  ],
  examples: [
    'go: example.com/x@v1.0.0: Get "https://proxy.golang.org/example.com/x/@v/v1.0.0.info": proxyconnect tcp: dial tcp 127.0.0.1:3128: connect: connection refused',
    'go: example.com/x@v1.0.0: Get "https://proxy.golang.org/example.com/x/@v/v1.0.0.info": Proxy Authentication Required',
    'go: example.com/x@v1.0.0: reading http://goproxy.internal/example.com/x/@v/v1.0.0.info: 407 Proxy Authentication Required',
  ],
  trigger: /proxyconnect|Proxy Authentication|\b407\b|invalid proxy address|\bGet "|Could not resolve proxy|reading (?:https?|file):|unexpected status/,

  match(block, context): ScenarioMatch<HttpProxyEnvDetails> | undefined {
    const facts = block.facts;
    if (!facts.fetchContext) return undefined;
    const text = facts.ownText;
    const fields = baseFields(facts);
    const env = context.env;
    // With the environment known and no proxy variable set, go made no CONNECT (it reads only these
    // variables), so a bare reason phrase was some server's answer after all.
    const proxySet = configuredProxy(env);
    const noProxyVariables = proxySet === '';
    let kind: HttpProxyEnvDetails['kind'];
    let proxy: string | undefined;
    let confidence: number;
    let evidence: RegExp;
    const badUrl = text.match(BAD_PROXY_URL);
    if (badUrl) {
      kind = 'bad-proxy-url';
      proxy = badUrl[1] as string;
      confidence = 0.95;
      evidence = BAD_PROXY_URL;
    } else if (facts.status === 407 || PROXY_AUTH.test(text)) {
      kind = 'proxy-auth';
      confidence = 0.95;
      evidence = /Proxy Authentication Required|407/;
    } else if (facts.connectReply || facts.bareReason !== undefined) {
      kind = 'connect-rejected';
      // 403 is how proxies refuse a tunnel, and a 5xx is the proxy failing to reach the target; other
      // phrases (400, 405, an unknown one) are odd from a proxy and usual from a server or a gateway in
      // front of one: proxy-server-error reads those as equals, a little ahead.
      confidence = facts.status === 403 || isServerError(facts.status) ? 0.85 : 0.6;
      if (proxySet !== undefined) confidence = noProxyVariables ? 0.3 : Math.max(confidence, 0.8);
      evidence = /Get "[^"\n]{1,512}": [A-Z]/;
    } else if (facts.publicProxy && (facts.status === 401 || (facts.status === 403 && facts.nonStandardReason))) {
      // Public proxies never ask for credentials: a gateway on the way (a corporate proxy that wants its
      // own login, a captive portal) answered. Equal with network-blocked's reading.
      kind = 'gateway-auth';
      confidence = 0.8;
      evidence = /: 40[13] /;
    } else if (facts.proxyConnect || /Could not resolve proxy/.test(text)) {
      evidence = /proxyconnect tcp|Could not resolve proxy/;
      if (DNS_FAILURE.test(text)) {
        kind = 'proxy-dns';
        confidence = 0.6;
      } else if (X509.test(text)) {
        kind = 'proxy-tls';
        confidence = 0.5;
      } else if (NOT_TLS.test(text)) {
        kind = 'proxy-scheme';
        confidence = 0.9;
      } else {
        kind = 'proxy-unreachable';
        confidence = 0.9;
      }
    } else {
      return undefined;
    }
    proxy ??= facts.proxyAddress;
    if (facts.proxyAddress !== undefined) fields.host = facts.proxyAddress;
    const target = facts.urlHost;
    const coveredByNoProxy = target !== undefined ? noProxyEntryFor(currentValue(env, 'NO_PROXY'), target) : undefined;
    const credentialsInProxyUrl = kind === 'proxy-auth' && proxySet !== undefined && /^[a-z][a-z0-9+.-]{0,20}:\/\/[^/@\s]{1,200}@/i.test(proxySet);
    const reason = facts.bareReason ?? (facts.connectReply || kind === 'gateway-auth' ? facts.statusReason : undefined);
    const details: HttpProxyEnvDetails = {
      kind,
      ...(proxy !== undefined ? { proxy } : {}),
      ...(target !== undefined ? { target } : {}),
      ...(facts.module !== undefined && looksPrivateModule(facts.module) ? { internalTarget: true } : {}),
      ...(reason !== undefined ? { reason } : {}),
      ...(coveredByNoProxy !== undefined ? { coveredByNoProxy } : {}),
      ...(credentialsInProxyUrl ? { credentialsInProxyUrl } : {}),
    };
    // NO_PROXY here already exempts the target, so here go would not have used the proxy for it: the
    // failing run had another environment (or the proxy was in the way of something else).
    if (coveredByNoProxy !== undefined && (kind === 'connect-rejected' || kind === 'proxy-auth')) confidence -= 0.2;
    return { confidence: clampConfidence(confidence), fields, evidence: evidenceLine(block, evidence), details };
  },

  fixes(diagnosis: ScenarioFacts<HttpProxyEnvDetails>, env): Fix[] {
    const kind = diagnosis.details.kind;
    const proxy = diagnosis.details.proxy;
    const current = currentValue(env, 'HTTPS_PROXY') || currentValue(env, 'HTTP_PROXY');
    const where = current ? t` (now: ${current})` : '';
    const target = diagnosis.details.target !== undefined ? hostnameOfAddress(diagnosis.details.target) : undefined;
    const fixes: Fix[] = [];
    switch (kind) {
      case 'bad-proxy-url':
        fixes.push(adviceFix('proxy-url-format', t`The proxy variable holds "${proxy ?? ''}", which is not a URL Go can use: write it as http://host:port (or http://user:password@host:port).`, 'export HTTPS_PROXY=http://<proxy-host>:<port>'));
        break;
      case 'proxy-auth': {
        const relay = adviceFix('auth-relay', t`If the proxy only accepts NTLM or Kerberos, which Go does not speak, run a local authenticating relay (cntlm, px) and point HTTPS_PROXY at it.`);
        if (diagnosis.details.credentialsInProxyUrl === true) {
          // The URL already carries credentials: they were sent (Basic) and refused.
          fixes.push(
            adviceFix(
              'proxy-credentials-rejected',
              t`The proxy URL${where} already carries a user name and password, and the proxy refused them: check them (a special character in the password must be percent-encoded in the URL), or the proxy wants another scheme than Basic.`,
            ),
            relay,
          );
          break;
        }
        fixes.push(
          adviceFix(
            'proxy-credentials',
            t`The HTTP proxy${where} wants credentials. Go sends Basic credentials from the proxy URL; keep this out of shared shell history and CI logs.`,
            'export HTTPS_PROXY=http://<user>:<password>@<proxy-host>:<port>',
          ),
          relay,
        );
        break;
      }
      case 'connect-rejected': {
        const reason = diagnosis.details.reason;
        fixes.push(
          adviceFix(
            'allow-tunnel',
            t`The HTTP proxy${where} refused to open a tunnel to ${target ?? t`the host`}${reason !== undefined ? t` ("${reason}")` : ''}: ask its administrators to allow it, or reach the host without the proxy if it is internal.`,
          ),
        );
        break;
      }
      case 'gateway-auth':
        fixes.push(
          adviceFix(
            'gateway-login',
            t`${target ?? t`The public proxy`} never asks for credentials, so the ${diagnosis.fields.status ?? 401}${diagnosis.details.reason !== undefined ? ` "${diagnosis.details.reason}"` : ''} came from a proxy or gateway on the way that wants its own login. Give go that proxy, with credentials, in HTTPS_PROXY${where}.`,
            'export HTTPS_PROXY=http://<user>:<password>@<proxy-host>:<port>',
          ),
          adviceFix('auth-relay', t`If that proxy only accepts NTLM or Kerberos, which Go does not speak, run a local authenticating relay (cntlm, px) and point HTTPS_PROXY at it.`),
        );
        break;
      case 'proxy-scheme':
        fixes.push(adviceFix('proxy-http-scheme', t`The proxy URL uses https:// but the proxy${proxy !== undefined ? t` at ${proxy}` : ''} speaks plain HTTP: write http://.`, `export HTTPS_PROXY=http://${proxy ?? '<proxy-host>:<port>'}`));
        break;
      case 'proxy-tls':
        fixes.push(adviceFix('trust-proxy-ca', t`The proxy URL uses https:// and the proxy's own certificate is not trusted: trust its CA (see tls-certificate) or use http:// if the proxy also speaks plain HTTP.`));
        break;
      case 'proxy-dns':
        fixes.push(adviceFix('proxy-host-name', t`The proxy's host name does not resolve: correct HTTPS_PROXY/HTTP_PROXY${where} (see dns-failure).`));
        break;
      default:
        fixes.push(
          adviceFix(
            'proxy-address',
            t`go could not reach the HTTP proxy${proxy !== undefined ? t` at ${proxy}` : ''} named in HTTPS_PROXY/HTTP_PROXY${where}: start it or fix the address where the variable is set (shell profile, CI variables, /etc/environment).`,
          ),
          adviceFix('unset-http-proxy', t`If this network needs no proxy, remove the variables for go.`, 'unset HTTPS_PROXY https_proxy HTTP_PROXY http_proxy'),
        );
        break;
    }
    const covered = diagnosis.details.coveredByNoProxy;
    if (target !== undefined && covered !== undefined) {
      fixes.push(
        adviceFix(
          'no-proxy-elsewhere',
          t`NO_PROXY here already covers ${target} (through "${covered}"), so go would not use the proxy for it here: the failing run had another environment (CI job, container, service): set NO_PROXY there too.`,
        ),
      );
    } else if (target !== undefined && (kind === 'connect-rejected' || diagnosis.details.internalTarget === true || /^(?:10\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.)/.test(target))) {
      fixes.push(
        extendListFix('no-proxy-add', env, 'NO_PROXY', target, t`If ${target} is inside your network, bypass the proxy for it with NO_PROXY (loopback addresses are never proxied).`, { osOnly: true }),
      );
    }
    return fixes;
  },
};
