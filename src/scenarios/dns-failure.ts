/**
 * dns-failure: a host name did not resolve. The name may be the proxy in GOPROXY, the checksum
 * database, a module's origin, or the HTTP proxy from HTTPS_PROXY (`proxyconnect tcp: dial tcp:
 * lookup <proxy>`), in which case no request ever left the machine.
 */
import { adviceFix, joinSentences, type Fix } from '../fix.js';
import { currentValue } from '../goenv/query.js';
import { t } from '../i18n/language.js';
import { baseFields, clampConfidence, hostnameOfAddress } from './facts.js';
import { findDnsFailure } from './signals.js';
import type { Scenario, ScenarioFacts, ScenarioMatch } from './types.js';

/** What dns-failure extracts: the name that did not resolve and whether it was the HTTP proxy's. */
export interface DnsFailureDetails {
  /** `http-proxy`: the unresolvable name is the proxy from HTTPS_PROXY/HTTP_PROXY; `target`: any other host. */
  readonly kind: 'target' | 'http-proxy';
  readonly name: string;
  /** The resolver's words (`no such host`, `server misbehaving`, `i/o timeout`). */
  readonly error: string;
  readonly resolver?: string;
}

/** The dns-failure scenario: a host name did not resolve. */
export const dnsFailure: Scenario<DnsFailureDetails> = {
  id: 'dns-failure',
  get title() {
    return t`Host name did not resolve`;
  },
  get summary() {
    return t`A host name go needed (proxy, checksum database, module origin or HTTP proxy) could not be resolved.`;
  },
  get explanation() {
    return joinSentences(
      t`Go's resolver reports \`lookup <name> on <resolver>: no such host\` when the name does not exist, \`server misbehaving\` when the DNS server failed (SERVFAIL), and \`Temporary failure in name resolution\` or an i/o timeout when no DNS server answered.`,
      t`Typical causes: a typo in GOPROXY or HTTPS_PROXY, a VPN that is off (internal names), or a network where only the HTTP proxy may resolve outside names.`,
      t`When the unresolvable name is the proxy from HTTPS_PROXY, fix the proxy setting; go never reached the target.`,
    );
  },
  goSources: [
    'go1.23 src/net/net.go:707-717 (DNSError: lookup <name> on <server>: <err>; with a server named, any error after it is the DNS exchange\'s)',
    'go1.23 src/net/dnsclient_unix.go (no such host, server misbehaving)',
    'go1.23 src/net/http/transport.go:1698 (proxyconnect tcp: wraps dial errors to the HTTP proxy)',
    'go1.23 src/cmd/go/internal/vcs/vcs.go:1080,1288 (unrecognized import path: https fetch)',
  ],
  examples: [
    'go: example.com/x@v1.0.0: Get "https://proxy.example.invalid/example.com/x/@v/v1.0.0.info": dial tcp: lookup proxy.example.invalid on 127.0.0.53:53: no such host',
    'go: example.com/x@v1.0.0: Get "https://proxy.golang.org/example.com/x/@v/v1.0.0.info": proxyconnect tcp: dial tcp: lookup badproxy.invalid on 127.0.0.53:53: no such host',
    'go: example.com/x@v1.0.0: Get "https://proxy.golang.org/example.com/x/@v/v1.0.0.info": dial tcp: lookup proxy.golang.org: Temporary failure in name resolution',
  ],
  trigger: /lookup |Could not resolve|getaddrinfo/,

  match(block): ScenarioMatch<DnsFailureDetails> | undefined {
    const facts = block.facts;
    if (!facts.fetchContext) return undefined;
    const found = findDnsFailure(facts.ownText);
    if (!found) return undefined;
    const name = found.name;
    const viaProxy = facts.proxyConnect && facts.proxyAddress !== undefined && hostnameOfAddress(facts.proxyAddress) === hostnameOfAddress(name);
    const details: DnsFailureDetails = {
      kind: viaProxy || found.proxyWord ? 'http-proxy' : 'target',
      name,
      error: found.error,
      ...(found.resolver !== undefined ? { resolver: found.resolver } : {}),
    };
    let confidence = 0.9;
    if (facts.sumdb && !viaProxy) confidence = 0.75;
    if (facts.toolchain && !viaProxy) confidence = 0.6;
    const fields = baseFields(facts);
    fields.host = hostnameOfAddress(name);
    const evidence = (block.lines.find((line) => line.includes(found.text)) ?? block.lines.find((line) => line.includes(`lookup ${name}`)) ?? facts.head).trim();
    return { confidence: clampConfidence(confidence), fields, evidence, details };
  },

  fixes(diagnosis: ScenarioFacts<DnsFailureDetails>, env): Fix[] {
    const details = diagnosis.details;
    const host = hostnameOfAddress(details.name);
    const fixes: Fix[] = [];
    if (details.kind === 'http-proxy') {
      const proxy = currentValue(env, 'HTTPS_PROXY');
      fixes.push(
        adviceFix(
          'https-proxy-host',
          t`${host} is the HTTP proxy from HTTPS_PROXY/HTTP_PROXY${proxy ? t` (now: ${proxy})` : ''}, and it does not resolve: correct the proxy's host name where the variable is set (shell profile, CI variables, /etc/environment).`,
        ),
        adviceFix('unset-http-proxy', t`If this network needs no proxy, remove the proxy variables for go.`, 'unset HTTPS_PROXY https_proxy HTTP_PROXY http_proxy'),
        adviceFix('check-resolution', t`Check whether the name resolves at all (it may exist only on a VPN).`, `getent hosts ${host}`),
      );
      return fixes;
    }
    fixes.push(adviceFix('check-resolution', t`Check whether ${host} resolves from this machine.`, `getent hosts ${host}`));
    const goproxy = currentValue(env, 'GOPROXY');
    if (goproxy !== undefined && goproxy.includes(host)) {
      fixes.push(adviceFix('goproxy-typo', t`${host} comes from GOPROXY (${goproxy}): check it for a typo.`));
    }
    const gosumdb = currentValue(env, 'GOSUMDB');
    if (gosumdb !== undefined && gosumdb.includes(host)) {
      fixes.push(adviceFix('gosumdb-typo', t`${host} comes from GOSUMDB (${gosumdb}): check it for a typo.`));
    }
    // Anything but "this name does not exist" is the resolver or the way to it failing.
    if (!/no such host|Name or service not known|nodename nor servname/i.test(details.error)) {
      fixes.push(
        adviceFix(
          'check-resolver',
          t`The DNS server${details.resolver ? t` at ${details.resolver}` : ''} failed or could not be reached (${details.error}) rather than saying "no such host": check the resolver configuration (/etc/resolv.conf, a VPN or container DNS) and retry.`,
        ),
      );
    } else {
      fixes.push(adviceFix('connect-vpn', t`If ${host} is an internal name, connect to the VPN or network where it is defined.`));
    }
    fixes.push(
      adviceFix(
        'use-http-proxy',
        t`On networks where only an HTTP proxy can resolve outside names, point go at it; the proxy then resolves the name.`,
        'export HTTPS_PROXY=http://<proxy-host>:<port>',
      ),
    );
    return fixes;
  },
};
