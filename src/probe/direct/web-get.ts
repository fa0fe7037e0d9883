/**
 * cmd/go's `web.Get` for a scheme-less URL, the request behind `?go-get=1` discovery
 * (mirrors go1.26 src/cmd/go/internal/web/http.go:75-275; go1.23's is the same apart from the
 * GOAUTH retry): https first; under GOINSECURE (web.Insecure) a client that skips certificate
 * verification and gives up after 5 seconds, then plain http if https failed. Any status is a
 * response: a discovery page may be served with a 404. Each attempt is one probe of the existing
 * layered endpoint probe, so HTTP proxies, Go's roots and `.netrc`/GOAUTH credentials apply as go
 * applies them.
 */
import type { EndpointProbeOptions, EndpointResult, LimitHit, ProbeFailure } from '../endpoint.js';
import { certificateVerdict, goVerifyErrorPrefix } from '../endpoint.js';
import type { Network, PeerCertificate, TlsHandshake } from '../network.js';
import { createNodeNetwork } from '../network.js';

/** cmd/go's web.SecurityMode as used for module lookups: GOINSECURE selects `insecure`. */
export type SecurityMode = 'secure-only' | 'insecure';

/** Probes one URL; the real one is probe/endpoint.ts probeEndpoint. */
export type EndpointProber = (url: string, options: EndpointProbeOptions) => Promise<EndpointResult>;

/** One request made while emulating web.Get. */
export interface WebRequestFacts {
  /** The URL requested (no userinfo). */
  url: string;
  /** A complete response arrived (any status). */
  answered: boolean;
  status?: number;
  /** Where a failed request stopped: dns, connect, proxy, tls, http. */
  phase: string;
  /** go's text for the failed request (`Get "…": dial tcp …`). */
  error?: string;
  failure?: ProbeFailure;
  /** A limit the exchange ran into (10 redirects, the probe's timeout, ...). */
  limit?: LimitHit;
  /** A redirect from https to http, which go refuses. */
  insecureRedirect?: boolean;
  /** The certificate check; under GOINSECURE go skips it, and `skipped` says so. */
  tls?: { verified: boolean; verifyError?: string; skipped?: boolean };
  /** The HTTP proxy used (redacted), when one was. */
  proxy?: string;
  /** Where the credentials sent came from (never the secret). */
  credentials?: string;
  redirects: string[];
  timings: EndpointResult['timings'];
}

/** The outcome of web.Get: a response (any status) or go's error. */
export type WebGetResult =
  | {
      ok: true;
      /** The URL that answered, as go names it in messages (the first URL of the redirect chain). */
      url: string;
      status: number;
      body: Uint8Array;
      /** resp.Err() for a non-200 answer: `reading <url>: 404 Not Found` plus go's `server response:` detail. */
      statusError?: string;
      attempts: WebRequestFacts[];
    }
  | { ok: false; error: string; attempts: WebRequestFacts[] };

/** What webGet needs besides the URL. */
export interface WebGetOptions {
  probe: EndpointProber;
  /** The probe options of the environment (proxy, roots, credentials, Go version, network). */
  endpoint: Omit<EndpointProbeOptions, 'timeoutMs' | 'onBody'>;
  /** Time left for the whole lookup. */
  timeoutMs: number;
  /** Bytes of the page kept for parsing (go reads to `</head>`). */
  maxBodyBytes?: number;
}

/** cmd/go's impatientInsecureHTTPClient gives up after 5 s (web/http.go:36-46). */
export const INSECURE_CLIENT_TIMEOUT_MS = 5_000;
const DEFAULT_PAGE_BYTES = 1024 * 1024;

const FAR_PAST = new Date(0);
const FAR_FUTURE = new Date(Date.UTC(9999, 0, 1));

/**
 * A Network whose TLS handshakes are accepted whatever the certificate (tls.Config
 * InsecureSkipVerify), recording what verification would have said. The endpoint probe checks
 * certificates itself, so the handshake it sees carries a leaf that passes for the names it may ask
 * about; the real verdict is kept in `verdicts`.
 */
function skipVerifyNetwork(base: Network, names: readonly string[]): { network: Network; handshakes: TlsHandshake[] } {
  const handshakes: TlsHandshake[] = [];
  const network: Network = {
    ...base,
    async tlsHandshake(socket, options) {
      const real = await base.tlsHandshake(socket, options);
      handshakes.push(real);
      const peer = real.socket.remoteAddress;
      const ips = [...names, ...(peer !== undefined ? [peer] : [])];
      const template: PeerCertificate = real.chain[0] ?? {
        subject: '',
        issuer: '',
        validFrom: FAR_PAST,
        validTo: FAR_FUTURE,
        dnsNames: [],
        ipAddresses: [],
        hasSan: true,
        commonName: '',
      };
      const leaf: PeerCertificate = {
        ...template,
        validFrom: FAR_PAST,
        validTo: FAR_FUTURE,
        dnsNames: [...(options.servername !== undefined ? [options.servername] : []), ...names],
        ipAddresses: ips,
        hasSan: true,
      };
      return { socket: real.socket, chainVerified: true, chain: [leaf, ...real.chain.slice(1).map((c) => ({ ...c, validFrom: FAR_PAST, validTo: FAR_FUTURE }))] };
    },
  };
  return { network, handshakes };
}

/** The facts of one probed request; `answered`: a complete response arrived. */
export function requestFacts(result: EndpointResult, answered: boolean): WebRequestFacts {
  const f: WebRequestFacts = { url: result.url, answered, phase: result.phase, redirects: result.redirects, timings: result.timings };
  if (result.status !== undefined) f.status = result.status;
  if (!answered && result.goError !== undefined) f.error = result.goError;
  else if (!answered && result.errorText !== undefined) f.error = `Get ${JSON.stringify(result.url)}: ${result.errorText}`;
  if (result.failure) f.failure = result.failure;
  if (result.limitHit !== undefined) f.limit = result.limitHit;
  // The endpoint probe refuses the downgrade with go's own words (web/http.go securityPreservingHTTPClient).
  if (!answered && /redirected from secure URL \S+ to insecure URL/.test(result.goError ?? '')) f.insecureRedirect = true;
  if (result.tls) {
    f.tls = { verified: result.tls.verified };
    if (result.tls.verifyError !== undefined) f.tls.verifyError = result.tls.verifyError;
  }
  if (result.proxy?.used && result.proxy.url !== undefined) f.proxy = result.proxy.url;
  if (result.credentials) f.credentials = result.credentials.source === 'netrc' ? `.netrc machine ${result.credentials.machine ?? '?'}` : 'URL userinfo';
  return f;
}

// A response in go's sense: the exchange completed, whatever the status.
function answered(result: EndpointResult): boolean {
  return result.status !== undefined && result.failure === undefined && (result.ok || result.phase === 'http');
}

async function fetchOnce(
  url: string,
  insecureTls: boolean,
  options: WebGetOptions,
  hostNames: readonly string[],
): Promise<{ result: EndpointResult; facts: WebRequestFacts; body: Uint8Array }> {
  let body: Uint8Array = new Uint8Array(0);
  const base = options.endpoint.network ?? createNodeNetwork();
  const skipping = insecureTls ? skipVerifyNetwork(base, hostNames) : undefined;
  const timeoutMs = insecureTls ? Math.min(options.timeoutMs, INSECURE_CLIENT_TIMEOUT_MS) : options.timeoutMs;
  const result = await options.probe(url, {
    ...options.endpoint,
    ...(skipping ? { network: skipping.network } : {}),
    timeoutMs: Math.max(0, timeoutMs),
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_PAGE_BYTES,
    onBody: (b) => {
      body = b;
    },
  });
  const ok = answered(result);
  const f = requestFacts(result, ok);
  if (skipping) {
    const real = skipping.handshakes[0];
    if (real !== undefined) {
      const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
      const verdict = certificateVerdict(real, host, (options.endpoint.now ?? (() => new Date()))(), options.endpoint.roots);
      f.tls = { verified: verdict === undefined, skipped: true };
      if (verdict !== undefined) f.tls.verifyError = `${goVerifyErrorPrefix(options.endpoint.goVersion ?? 'go1.23')}${verdict.text}`;
    }
    if (!ok && result.timedOut && timeoutMs < options.timeoutMs) {
      // The 5 s client timeout, in net/http's words.
      f.error = `Get ${JSON.stringify(url)}: context deadline exceeded (Client.Timeout exceeded while awaiting headers)`;
    }
  }
  return { result, facts: f, body };
}

/**
 * Fetches `//host/path?query` as cmd/go's web.Get does with an empty scheme. `hostNames` are the
 * names a skipped certificate check must accept (the URL's host; a proxy's).
 */
export async function webGet(
  target: { host: string; path: string; rawQuery: string },
  security: SecurityMode,
  options: WebGetOptions,
  clock: () => number = () => Date.now(),
): Promise<WebGetResult> {
  const startedAt = clock();
  const remaining = (): number => Math.max(0, options.timeoutMs - (clock() - startedAt));
  const suffix = `${target.path === '' ? '/' : target.path}${target.rawQuery !== '' ? `?${target.rawQuery}` : ''}`;
  const hostname = target.host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  const attempts: WebRequestFacts[] = [];

  const secureUrl = `https://${target.host}${suffix}`;
  const secure = await fetchOnce(secureUrl, security === 'insecure', { ...options, timeoutMs: remaining() }, [hostname]);
  attempts.push(secure.facts);
  if (secure.facts.answered) return response(secureUrl, secure, attempts);
  if (security !== 'insecure') return { ok: false, error: secure.facts.error ?? `Get ${JSON.stringify(secureUrl)}: failed`, attempts };

  const insecureUrl = `http://${target.host}${suffix}`;
  const plain = await fetchOnce(insecureUrl, false, { ...options, timeoutMs: remaining() }, [hostname]);
  attempts.push(plain.facts);
  if (plain.facts.answered) return response(insecureUrl, plain, attempts);
  return { ok: false, error: plain.facts.error ?? `Get ${JSON.stringify(insecureUrl)}: failed`, attempts };
}

function response(url: string, fetched: { result: EndpointResult; body: Uint8Array }, attempts: WebRequestFacts[]): WebGetResult {
  const status = fetched.result.status ?? 0;
  const out: WebGetResult = { ok: true, url, status, body: fetched.body, attempts };
  if (status !== 200 && fetched.result.goError !== undefined) out.statusError = fetched.result.goError;
  return out;
}
