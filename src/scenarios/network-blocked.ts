/**
 * network-blocked: the connection itself failed — timed out, was refused or reset, had no route —
 * or a public proxy that never asks for credentials answered 403, which means a regional or
 * network-policy block rather than missing credentials.
 */
import { adviceFix, joinSentences, setVariableFix, type Fix } from '../fix.js';
import { currentValue } from '../goenv/query.js';
import { t } from '../i18n/language.js';
import { baseFields, clampConfidence, evidenceLine, hostnameOfAddress, type BlockFacts } from './facts.js';
import { BARE_EOF, DNS_FAILURE, GIT_CONNECT, REFUSED, RESET, TIMEOUT, TLS_HANDSHAKE_TIMEOUT, UNREACHABLE, WINDOWS_SOCKET } from './signals.js';
import type { Scenario, ScenarioFacts, ScenarioMatch } from './types.js';

/** What network-blocked extracts: how the connection failed, and to which address. */
export interface NetworkBlockedDetails {
  readonly kind:
    | 'tls-handshake-timeout'
    | 'tls-handshake'
    | 'refused'
    | 'reset'
    | 'unreachable'
    | 'timeout'
    | 'public-proxy-403'
    | 'public-proxy-401'
    | 'git-connect'
    | 'eof'
    | 'connect-failed';
  /** `host:port` that was dialled, when the error names it. */
  readonly address?: string;
}

const DIAL = /dial tcp (\[[^\]\s]{1,64}\]:\d{1,5}|[^\s:]{1,253}:\d{1,5}): /;

interface Kind {
  kind: NetworkBlockedDetails['kind'];
  confidence: number;
  evidence: RegExp;
}

function classify(facts: BlockFacts): Kind | undefined {
  // A transport error inside a DNS exchange (`lookup H on R: read udp …: i/o timeout`) is the resolver's,
  // not the connection's: dns-failure explains it.
  const text = facts.ownText.replace(new RegExp(DNS_FAILURE.source, 'g'), '');
  if (TLS_HANDSHAKE_TIMEOUT.test(text)) return { kind: 'tls-handshake-timeout', confidence: 0.85, evidence: TLS_HANDSHAKE_TIMEOUT };
  if (REFUSED.test(text)) return { kind: 'refused', confidence: 0.85, evidence: REFUSED };
  if (RESET.test(text)) return { kind: 'reset', confidence: 0.85, evidence: RESET };
  if (UNREACHABLE.test(text)) return { kind: 'unreachable', confidence: 0.85, evidence: UNREACHABLE };
  if (TIMEOUT.test(text)) return { kind: 'timeout', confidence: 0.85, evidence: TIMEOUT };
  if (facts.publicProxy && !facts.connectReply) {
    if (facts.status === 403) return { kind: 'public-proxy-403', confidence: 0.85, evidence: /: 403 / };
    // A public proxy never asks for credentials: whatever answered 401 sits between you and it.
    // Equal with http-proxy-env's gateway reading; the text cannot tell a firewall from an intercepting proxy.
    if (facts.status === 401) return { kind: 'public-proxy-401', confidence: 0.78, evidence: /: 401 / };
  }
  if (GIT_CONNECT.test(text)) return { kind: 'git-connect', confidence: 0.8, evidence: GIT_CONNECT };
  // A Windows socket error in another language than English: the call name says a connection failed.
  if (WINDOWS_SOCKET.test(text)) return { kind: 'connect-failed', confidence: 0.75, evidence: WINDOWS_SOCKET };
  // The server closed the connection before answering: a middlebox cutting it, or the server failing
  // (proxy-server-error gives the same confidence: equals).
  if (BARE_EOF.test(text)) return { kind: 'eof', confidence: 0.55, evidence: BARE_EOF };
  return undefined;
}

/** The network-blocked scenario: connections time out, are refused, reset or blocked. */
export const networkBlocked: Scenario<NetworkBlockedDetails> = {
  id: 'network-blocked',
  get title() {
    return t`Connection blocked or failing`;
  },
  get summary() {
    return t`The connection to the proxy, checksum database or origin timed out, was refused or reset, or was blocked.`;
  },
  get explanation() {
    return joinSentences(
      t`cmd/go uses Go's default HTTP client: 30 s to connect, 10 s for the TLS handshake, and no overall timeout.`,
      t`\`i/o timeout\` and \`TLS handshake timeout\` usually mean a firewall silently dropping packets; \`connection refused\` means nothing listens at that address (a local proxy that is not running); \`connection reset by peer\` often means a middlebox cutting the connection.`,
      t`A 403 from a public proxy such as proxy.golang.org is a regional or network-policy block, and a 401 from one comes from a gateway on the way: public proxies never ask for credentials.`,
      t`On Windows the same failures read \`connectex: A connection attempt failed …\` (timeout), \`… actively refused it\` or \`wsarecv: An existing connection was forcibly closed\`.`,
      t`A lookup that fails (\`lookup <name> on <server>: …\`) is DNS, whatever the transport error after it (see dns-failure).`,
      t`After a comma in GOPROXY, any of these stops the walk; only \`|\` falls back to the next entry on errors.`,
    );
  },
  goSources: [
    'go1.23 src/net/http/transport.go:44-55 (DefaultTransport: 30 s dial, 10 s TLS handshake)',
    'go1.23 src/net/http/client.go:109 (DefaultClient has no timeout)',
    'go1.23 src/cmd/go/internal/modfetch/proxy.go:139-185 (TryProxies: only "not found" or `|` falls back)',
    'go1.23 src/cmd/go/internal/web/api.go:48-55 (reading <URL>: 403 Forbidden)',
    'go1.23 src/net/fd_windows.go:18-21,155 (Windows: connectex, wsarecv, wsasend) and src/syscall/syscall_windows.go:141-160 (FormatMessage text)',
    'go1.13 src/net/url/url.go Error (`Get <URL>: EOF` before Go 1.14 quoted the URL)',
  ],
  examples: [
    'go: example.com/x@v1.0.0: Get "https://proxy.golang.org/example.com/x/@v/v1.0.0.info": dial tcp 142.250.0.1:443: i/o timeout',
    'go: example.com/x@v1.0.0: Get "http://127.0.0.1:3000/example.com/x/@v/v1.0.0.info": dial tcp 127.0.0.1:3000: connect: connection refused',
    'go: example.com/x@v1.0.0: reading https://proxy.golang.org/example.com/x/@v/v1.0.0.info: 403 Forbidden',
  ],
  trigger: /timeout|timed out|refused|reset|unreachable|no route|deadline|EOF|\b403\b|reading (?:https?|file):|unexpected status|Failed to connect|Could not connect|forcibly closed|broken pipe|connectex|wsarecv|wsasend|properly respond|connection was aborted/i,

  match(block): ScenarioMatch<NetworkBlockedDetails> | undefined {
    const facts = block.facts;
    if (!facts.fetchContext) return undefined;
    const kind = classify(facts);
    if (!kind) return undefined;
    let confidence = kind.confidence;
    if (facts.proxyConnect) confidence = 0.45;
    else if (facts.sumdb) confidence = Math.min(confidence, 0.6);
    else if (facts.toolchain) confidence = Math.min(confidence, 0.55);
    const fields = baseFields(facts);
    const dial = facts.ownText.match(DIAL);
    const details: NetworkBlockedDetails = { kind: kind.kind, ...(dial ? { address: dial[1] as string } : {}) };
    if (fields.host === undefined && dial) fields.host = dial[1] as string;
    return { confidence: clampConfidence(confidence), fields, evidence: evidenceLine(block, kind.evidence), details };
  },

  fixes(diagnosis: ScenarioFacts<NetworkBlockedDetails>, env): Fix[] {
    const kind = diagnosis.details.kind;
    const url = diagnosis.fields.url;
    const host = diagnosis.fields.host;
    const address = diagnosis.details.address ?? host;
    const goproxy = currentValue(env, 'GOPROXY');
    const fixes: Fix[] = [];
    const loopback = address !== undefined && /^(?:127\.|::1$|localhost$)/.test(hostnameOfAddress(address));
    if (kind === 'refused') {
      fixes.push(
        adviceFix(
          'start-or-fix-server',
          loopback
            ? goproxy !== undefined
              ? t`Nothing listens at ${address}. If GOPROXY points at a local proxy (GOPROXY=${goproxy}), start it; otherwise fix the address.`
              : t`Nothing listens at ${address}. If GOPROXY points at a local proxy, start it; otherwise fix the address.`
            : goproxy !== undefined
              ? t`${address ?? t`The server`} refused the connection: the service is down or the port is wrong. Check the URL in GOPROXY (${goproxy}).`
              : t`${address ?? t`The server`} refused the connection: the service is down or the port is wrong. Check the URL.`,
        ),
      );
    }
    if (url !== undefined) {
      fixes.push(adviceFix('reproduce-with-curl', t`Reproduce the request outside go to see whether the network or the server is at fault.`, `curl -sS -o /dev/null -w '%{http_code}\\n' --max-time 30 '${url}'`));
    }
    if (kind === 'public-proxy-403') {
      fixes.push(
        adviceFix(
          'public-proxy-blocked',
          t`${host ?? t`The public proxy`} never asks for credentials, so 403 means this network or region is blocked. Use a proxy you can reach; go still verifies public modules against the checksum database.`,
        ),
        setVariableFix('goproxy-mirror', env, 'GOPROXY', 'https://goproxy.cn,direct', t`In mainland China, for example, goproxy.cn mirrors public modules.`),
      );
      return fixes;
    }
    if (kind === 'public-proxy-401') {
      fixes.push(
        adviceFix(
          'public-proxy-intercepted',
          t`${host ?? t`The public proxy`} never asks for credentials, so the 401 came from something between you and it: a corporate proxy or firewall that wants its own login. If your network requires an HTTP proxy, give go its address and credentials (see http-proxy-env); otherwise ask the network team to let the proxy and checksum database through.`,
          'export HTTPS_PROXY=http://<user>:<password>@<proxy-host>:<port>',
        ),
      );
      return fixes;
    }
    if (kind !== 'refused') {
      fixes.push(
        adviceFix(
          'use-http-proxy',
          t`If this network only lets traffic out through an HTTP proxy, tell go about it (Go reads HTTPS_PROXY/HTTP_PROXY/NO_PROXY).`,
          'export HTTPS_PROXY=http://<proxy-host>:<port>',
        ),
      );
      if (goproxy !== undefined && goproxy.includes(',') && !goproxy.includes('|')) {
        const first = goproxy.split(',')[0] ?? goproxy;
        const rest = goproxy.slice(first.length + 1);
        fixes.push(
          setVariableFix(
            'goproxy-pipe-fallback',
            env,
            'GOPROXY',
            `${first}|${rest}`,
            t`After a comma, go moves to the next GOPROXY entry only on 404/410; a "|" after ${first} makes it fall back on connection errors too.`,
          ),
        );
      }
      fixes.push(
        adviceFix(
          'allow-hosts',
          kind === 'reset' || kind === 'eof'
            ? t`Resets and abrupt EOFs usually come from a firewall or TLS-inspecting middlebox: ask the network team to allow the proxy and checksum database hosts.`
            : t`If a firewall drops the traffic, ask for the proxy and checksum database hosts (proxy.golang.org, sum.golang.org by default) to be allowed, or use a proxy inside your network.`,
        ),
      );
    }
    return fixes;
  },
};
