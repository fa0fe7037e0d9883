/**
 * What the direct-fetch rules share: which direct fetches fail, the scenario call that explains each
 * (built from the probe's typed failure, never from text), the evidence lines, and the fixes in rank
 * order (the scenario's, plus the ones only a direct fetch has: a git credential helper, replacing a
 * refused credential, `http.sslCAInfo` for git when go trusts the certificate). Pure.
 */
import { adviceFix, type Fix } from '../fix.js';
import { goQuote } from '../goenv/go-text.js';
import type { GoEnvironment } from '../goenv/types.js';
import type { DirectFailure, DirectFetchResult } from '../probe/direct/types.js';
import type { WebRequestFacts } from '../probe/direct/web-get.js';
import type { GoRoots } from '../probe/tlsroots.js';
import type { TlsCertificateDetails } from '../scenarios/tls-certificate.js';
import type { ExtractedFields } from '../scenarios/types.js';
import { moduleAt } from './fetch-failures.js';
import { formatTimings } from './probe-evidence.js';
import type { DirectProbe, NetworkFacts } from './rule.js';
import { hostnameOf, predictedGoError } from './rule-kit.js';
import { fixesFor, type ScenarioCall } from './scenario-call.js';
import type { ModuleVerdict } from './types.js';
import { describeDirectFailure, directErrorText, directFailureKind } from './verdict.js';
import { t } from '../i18n/language.js';

/** A direct fetch that fails, with the module's verdict. */
export interface DirectFailureCase {
  probe: DirectProbe;
  result: Extract<DirectFetchResult, { status: 'fail' }>;
  verdict: ModuleVerdict;
}

/** The direct fetches that make their module fail (the verdict says so: go reports this error). */
export function failedDirectFetches(network: NetworkFacts): DirectFailureCase[] {
  const out: DirectFailureCase[] = [];
  for (const probe of network.direct ?? []) {
    const verdict = network.modules.find((v) => moduleAt(v) === probe.module);
    if (!verdict || verdict.result !== 'fail' || verdict.failedAt?.directStage === undefined || verdict.direct?.result !== 'fail') continue;
    if (probe.result.status !== 'fail') continue;
    out.push({ probe, result: probe.result, verdict });
  }
  return out;
}

/** The root-lookup failures that mean "no usable go-import tag" (rule direct-no-go-import). */
export const NO_GO_IMPORT_KINDS: ReadonlySet<string> = new Set(['no-go-import', 'page-unparsable', 'multiple-go-import', 'prefix-disagrees', 'invalid-subdir', 'invalid-repo-root', 'unknown-vcs']);

/** Which rule reports a failed direct fetch: GOVCS refusals, missing go-import tags, or everything else. */
export function directRuleFor(result: Extract<DirectFetchResult, { status: 'fail' }>): 'govcs-forbids' | 'direct-no-go-import' | 'direct-fetch-failed' {
  if (result.failure.kind === 'govcs') return 'govcs-forbids';
  if (result.failure.stage === 'root' && NO_GO_IMPORT_KINDS.has(result.failure.kind)) return 'direct-no-go-import';
  return 'direct-fetch-failed';
}

function hostOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const host = new URL(url.replace(/^git\+ssh:/i, 'ssh:')).host;
    return host === '' ? undefined : host;
  } catch {
    return /^(?:[^@/]+@)?([^/:]+):/.exec(url)?.[1];
  }
}

/** The request a root or `mod` failure is about (the last attempt). */
function failedRequest(failure: DirectFailure): WebRequestFacts | undefined {
  if (failure.kind === 'fetch-failed') return failure.request;
  if (failure.kind === 'mod-proxy') return failure.request;
  return undefined;
}

/** The URL a failure is about: git's repository URL, the failed request, or the discovery page. */
export function failureUrl(result: Extract<DirectFetchResult, { status: 'fail' }>): string | undefined {
  if (result.stage === 'git' || result.stage === 'version') return result.git?.url ?? result.root?.repoUrl;
  if (result.stage === 'mod') return result.mod?.url;
  return failedRequest(result.failure)?.url ?? result.requests[result.requests.length - 1]?.url;
}

/** The code host a failure is about (host[:port]). */
export function failureHost(result: Extract<DirectFetchResult, { status: 'fail' }>): string | undefined {
  const effective = result.git?.config.insteadOf?.effectiveUrl;
  return hostOf(result.stage === 'git' && effective !== undefined ? effective : failureUrl(result)) ?? result.module.split('/')[0];
}

function baseFields(result: Extract<DirectFetchResult, { status: 'fail' }>): ExtractedFields {
  const url = failureUrl(result);
  const host = failureHost(result);
  const status = result.failure.kind === 'http-status' ? result.failure.status : result.failure.kind === 'mod-proxy' ? result.failure.status : undefined;
  return {
    module: result.module,
    ...(result.version !== undefined ? { version: result.version } : {}),
    ...(url !== undefined ? { url } : {}),
    ...(host !== undefined ? { host } : {}),
    ...(status !== undefined ? { status } : {}),
  };
}

function defaultAddress(url: string | undefined, host: string | undefined): string | undefined {
  if (url !== undefined) {
    try {
      const u = new URL(url);
      return u.port !== '' ? u.host : `${u.host}:${u.protocol === 'http:' ? 80 : 443}`;
    } catch {
      // fall back to the host
    }
  }
  return host;
}

// The resolver's words for a failed lookup, from the error code (go1.23 src/net/net.go DNSError).
function lookupWords(code: string | undefined): string {
  if (code === 'EAI_AGAIN') return 'server misbehaving';
  if (code === 'ETIMEDOUT') return 'i/o timeout';
  return 'no such host';
}

function tlsKindFromCertificate(problem: string | undefined): TlsCertificateDetails['kind'] {
  if (problem === 'expired') return 'expired';
  if (problem === 'wrong-name' || problem === 'no-ip-san' || problem === 'legacy-common-name' || problem === 'no-names') return 'wrong-name';
  return 'unknown-authority';
}

// git's (curl's) reason for refusing a certificate, as a kind: the detail is git's own text.
function tlsKindFromGit(detail: string): TlsCertificateDetails['kind'] {
  if (/expired|not yet valid/i.test(detail)) return 'expired';
  if (/subject name|alternative certificate subject|does not match target host/i.test(detail)) return 'wrong-name';
  if (/certificate|issuer|self[- ]signed|verification failed/i.test(detail)) return 'unknown-authority';
  return 'handshake';
}

/**
 * The catalogue scenario for a failed direct fetch, with that scenario's details built from the probe's
 * facts. The scenario is the probe's own (`result.scenario`: the one explain gives go's text of the same
 * failure); undefined when none describes it or the facts do not fit one of its variants.
 */
export function directScenarioCall(result: Extract<DirectFetchResult, { status: 'fail' }>): ScenarioCall | undefined {
  const scenario = result.scenario;
  if (scenario === undefined) return undefined;
  const fields = baseFields(result);
  const failure = result.failure;
  const request = failedRequest(failure);
  const git = failure.kind === 'git' ? failure.outcome : undefined;
  const url = fields.url;
  const host = fields.host;
  switch (scenario) {
    case 'auth-required': {
      if (git !== undefined) {
        const kind = git.kind === 'ssh-auth-failed' || git.kind === 'ssh-host-key' ? 'git-ssh' : git.kind === 'credentials-missing' || (git.kind === 'credentials-rejected' && git.source === 'netrc') ? 'git-https' : 'git-auth';
        return { scenario, fields, details: { kind } };
      }
      const status = fields.status;
      if (status === 401 || status === 403) return { scenario, fields, details: { kind: status === 401 ? 'http-401' : 'http-403', ...(request?.credentials !== undefined ? { credentialsSent: true } : {}) } };
      return undefined;
    }
    case 'tls-certificate': {
      if (git?.kind === 'tls') return { scenario, fields, details: { kind: tlsKindFromGit(git.detail), client: 'git', error: git.detail } };
      const certificate = request?.failure?.certificate;
      const kind = certificate !== undefined ? tlsKindFromCertificate(certificate) : request?.failure?.phase === 'tls' ? 'handshake' : 'unknown-authority';
      return { scenario, fields, details: { kind, client: 'go', direct: true, ...(request?.tls?.verifyError !== undefined ? { error: request.tls.verifyError } : {}) } };
    }
    case 'dns-failure': {
      if (git?.kind === 'dns') return { scenario, fields: { ...fields, host: git.host }, details: { kind: git.viaProxy ? 'http-proxy' : 'target', name: git.host, error: 'Could not resolve host' } };
      const name = hostnameOf(hostOf(request?.url) ?? host ?? '');
      if (name === '') return undefined;
      return { scenario, fields: { ...fields, host: name }, details: { kind: 'target', name, error: lookupWords(request?.failure?.code) } };
    }
    case 'network-blocked': {
      const address = defaultAddress(request?.url ?? url, host);
      if (git !== undefined) {
        const gitAddress = git.kind === 'refused' && git.host !== undefined ? `${git.host}${git.port !== undefined ? `:${git.port}` : ''}` : address;
        return { scenario, fields, details: { kind: git.kind === 'timed-out' ? 'timeout' : 'git-connect', ...(gitAddress !== undefined ? { address: gitAddress } : {}) } };
      }
      const code = request?.failure?.code;
      const kind =
        request?.failure?.phase === 'tls'
          ? 'tls-handshake'
          : code === 'ECONNRESET' || code === 'EPIPE'
            ? 'reset'
            : code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL'
              ? 'unreachable'
              : code === 'ETIMEDOUT' || request?.limit === 'timeout'
                ? 'timeout'
                : request?.failure?.phase === 'connect'
                  ? 'refused'
                  : 'eof';
      return { scenario, fields, details: { kind, ...(address !== undefined ? { address } : {}) } };
    }
    case 'http-proxy-env': {
      const proxy = hostOf(request?.proxy);
      const common = { ...(proxy !== undefined ? { proxy } : {}), ...(host !== undefined ? { target: host } : {}) };
      const connectStatus = git?.kind === 'proxy' ? git.status : request?.failure?.connectStatus;
      if (connectStatus === 407) return { scenario, fields, details: { kind: 'proxy-auth', ...common } };
      if (connectStatus !== undefined) return { scenario, fields, details: { kind: 'connect-rejected', ...common } };
      const code = request?.failure?.code;
      const kind = code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'proxy-dns' : request?.failure?.certificate !== undefined ? 'proxy-tls' : request?.failure?.plainHttpReply === true ? 'proxy-scheme' : 'proxy-unreachable';
      return { scenario, fields, details: { kind, ...common } };
    }
    case 'module-not-found': {
      if (failure.kind === 'unknown-revision') return { scenario, fields, details: { kind: 'unknown-revision', revision: failure.tag } };
      if (failure.kind === 'http-status' || failure.kind === 'mod-proxy') return { scenario, fields, details: { kind: 'http-not-found' } };
      if (git?.kind === 'repository-not-found') return { scenario, fields, details: { kind: 'repository-not-found' } };
      // go prints other git failures as `invalid version: git ls-remote …` (codehost.RunError inside an InvalidVersionError).
      return { scenario, fields, details: { kind: 'invalid-version' } };
    }
    case 'proxy-server-error': {
      if (request?.limit === 'redirects') return { scenario, fields, details: { kind: 'redirect-loop' } };
      const status = fields.status ?? (git?.kind === 'server-error' ? git.status : undefined);
      if (status !== undefined && status >= 500) return { scenario, fields: { ...fields, status }, details: { kind: 'http-5xx' } };
      return { scenario, fields, details: { kind: 'http-error' } };
    }
    case 'proxy-config-invalid': {
      if (failure.kind === 'proxy-off') return { scenario, fields, details: { kind: 'goproxy-off' } };
      if (request?.insecureRedirect === true) return { scenario, fields, details: { kind: 'insecure-redirect' } };
      if (request?.failure?.plainHttpReply === true || request?.failure?.nonTlsReply === true) return { scenario, fields, details: { kind: 'http-to-https' } };
      return undefined;
    }
    default:
      return undefined;
  }
}

// Fixes about GOPROXY entries: they do not apply to a fetch that goes to the repository itself.
const PROXY_ONLY_FIXES = new Set(['goproxy-pipe-fallback', 'goproxy-pipe-after-entry', 'goproxy-mirror', 'try-other-proxy', 'check-proxy-url', 'fetch-direct-once', 'goproxy-https']);

/** A `printf … | git credential approve` that stores a token for `https://host` with the helper just configured. */
function credentialHelperCommand(host: string): string {
  return `git config --global credential.https://${host}.helper store && printf 'protocol=https\\nhost=${host}\\nusername=<user>\\npassword=<token>\\n' | git credential approve`;
}

/**
 * The fixes for a failed direct fetch, safest and most specific first: what only a direct fetch needs
 * (replacing a refused credential, a credential helper, `http.sslCAInfo` for git when go trusts the
 * certificate, retrying a code host's server error), then the scenario's own fixes minus the ones about
 * GOPROXY entries. A direct fix replaces the scenario's fix with the same id.
 */
export function directFixes(result: Extract<DirectFetchResult, { status: 'fail' }>, call: ScenarioCall | undefined, env: GoEnvironment, roots: GoRoots | undefined): Fix[] {
  const scenarioFixes = call ? fixesFor(call, env) : [];
  const first: Fix[] = [];
  const failure = result.failure;
  const host = failureHost(result);
  const hostname = host !== undefined ? hostnameOf(host) : '<host>';
  const git = failure.kind === 'git' ? failure.outcome : undefined;
  const drop = new Set(PROXY_ONLY_FIXES);
  if (git?.kind === 'credentials-rejected') {
    first.push(
      adviceFix(
        'replace-rejected-credential',
        git.source === 'netrc'
          ? t`git sent the ~/.netrc entry for ${hostname} and ${hostname} refused it: the token is wrong, expired or lacks read access to the repository. Replace the password of that entry (git reads only the first matching machine line).`
          : t`git sent stored credentials for ${hostname} (a credential helper or the URL) and ${hostname} refused them: the token is wrong, expired or lacks read access. Erase the stored one, then store a valid token.`,
        git.source === 'netrc' ? undefined : `printf 'protocol=https\\nhost=${hostname}\\n' | git credential reject`,
      ),
    );
    // A second machine line for the same host is never read.
    if (git.source === 'netrc') drop.add('netrc-entry');
  }
  if (git?.kind === 'credentials-missing' && result.root !== undefined && /^https:/i.test(result.git?.config.insteadOf?.effectiveUrl ?? result.git?.url ?? '')) {
    const netrc = scenarioFixes.find((f) => f.id === 'netrc-entry');
    if (netrc) first.push(netrc);
    first.push(
      adviceFix(
        'git-credential-helper',
        /^go1\.(?:2[4-9]|[3-9]\d)/.test(result.goVersion)
          ? t`Or keep the token in a git credential helper for https://${hostname} (git asks it before prompting; go's own ?go-get=1 request still reads ~/.netrc, or GOAUTH=git). "store" keeps it in ~/.git-credentials unencrypted; a keychain helper is safer where one exists.`
          : t`Or keep the token in a git credential helper for https://${hostname} (git asks it before prompting; go's own ?go-get=1 request still reads ~/.netrc). "store" keeps it in ~/.git-credentials unencrypted; a keychain helper is safer where one exists.`,
        credentialHelperCommand(hostname),
      ),
    );
  }
  if (git?.kind === 'tls') {
    const goTrusts = result.git?.goView?.tlsVerified === true;
    const bundle = roots?.fileUsed;
    const url = result.git?.url;
    const base = url !== undefined && /^https:\/\//i.test(url) ? `https://${hostOf(url) ?? hostname}/` : undefined;
    first.push(
      adviceFix(
        'git-ssl-cainfo',
        goTrusts
          ? base !== undefined
            ? t`go's roots trust ${hostname}'s certificate but git's do not (git uses its own CA bundle, not Go's). Give git the bundle go verified it with, for ${base} only.`
            : t`go's roots trust ${hostname}'s certificate but git's do not (git uses its own CA bundle, not Go's). Give git the bundle go verified it with.`
          : base !== undefined
            ? t`git verifies certificates with its own CA bundle, not Go's: give it the CA that signed ${hostname}'s certificate, for ${base} only.`
            : t`git verifies certificates with its own CA bundle, not Go's: give it the CA that signed ${hostname}'s certificate.`,
        `git config --global ${base !== undefined ? `http.${base}.sslCAInfo` : 'http.sslCAInfo'} ${goTrusts && bundle !== undefined ? bundle : '/path/to/ca-bundle-with-that-root.pem'}`,
      ),
    );
  }
  if (git !== undefined && (git.kind === 'server-error' || git.kind === 'http-error')) {
    first.push(
      adviceFix(
        'retry',
        host !== undefined
          ? t`${host} answered git with ${git.status}: a server error is usually temporary. Retry, and if it keeps failing, check the code host's logs.`
          : t`The code host answered git with ${git.status}: a server error is usually temporary. Retry, and if it keeps failing, check the code host's logs.`,
        `git ls-remote ${result.git?.url ?? ''}`.trim(),
      ),
    );
  }
  if (git?.kind === 'repository-not-found' && result.root !== undefined) {
    first.push(
      adviceFix(
        'check-repository-url',
        result.root.via !== 'go-import'
          ? t`go looks for the repository at ${result.root.repoUrl}, and git finds none there: check the module path for a typo. Code hosts also answer "not found" for a private repository when the credentials sent cannot see it.`
          : result.root.page !== undefined
            ? t`The go-import tag on ${result.root.page} names ${result.root.repoUrl}, and git finds none there: check the module path for a typo. Code hosts also answer "not found" for a private repository when the credentials sent cannot see it.`
            : t`The go-import tag on the ?go-get=1 page names ${result.root.repoUrl}, and git finds none there: check the module path for a typo. Code hosts also answer "not found" for a private repository when the credentials sent cannot see it.`,
      ),
    );
  }
  if (failure.kind === 'http-status' && failure.status >= 500) {
    const text =
      host !== undefined
        ? t`${host} answered the ?go-get=1 request with ${failure.status}: usually temporary. Retry, and check the code host's logs if it persists.`
        : t`The code host answered the ?go-get=1 request with ${failure.status}: usually temporary. Retry, and check the code host's logs if it persists.`;
    first.push(adviceFix('retry', text, `curl -sS -o /dev/null -w '%{http_code}\\n' 'https://${result.module}?go-get=1'`));
  }
  const ids = new Set(first.map((f) => f.id));
  return [...first, ...scenarioFixes.filter((f) => !ids.has(f.id) && !drop.has(f.id))];
}

function requestLine(r: WebRequestFacts): string {
  const answer = r.answered ? `${r.status ?? ''}`.trim() || t`answered` : r.error !== undefined ? t`failed at the ${r.phase} phase` : t`no answer (${r.phase} phase)`;
  const tls = r.tls ? (r.tls.skipped === true ? t`; certificate not checked (GOINSECURE)` : r.tls.verified ? t`; certificate trusted by go's roots` : t`; certificate not trusted by go's roots`) : '';
  const via = r.proxy !== undefined ? t`; through the HTTP proxy ${r.proxy}` : '';
  const credentials = r.credentials !== undefined ? t`; sent credentials from ${r.credentials}` : '';
  return `GET ${r.url} → ${answer}${tls}${via}${credentials} (${formatTimings(r.timings)})`;
}

/** GOVCS's decision for the repository root, in words. */
function govcsLine(g: NonNullable<DirectFetchResult['govcs']>): string {
  const rule = g.rule !== undefined ? `${g.rule}:${g.ruleAllows.join('|')}` : t`no rule`;
  const which = g.defaultRule ? t`go's default rule ${rule}` : t`rule ${rule}`;
  if (g.allowed) return g.private ? t`GOVCS allows ${g.vcs} for private ${g.root} (${which})` : t`GOVCS allows ${g.vcs} for public ${g.root} (${which})`;
  return g.private ? t`GOVCS forbids ${g.vcs} for private ${g.root} (${which})` : t`GOVCS forbids ${g.vcs} for public ${g.root} (${which})`;
}

/** Evidence for a direct fetch: the route, the discovery requests, the repository, GOVCS, git and its configuration, the tag. */
export function directEvidence(result: DirectFetchResult): string[] {
  const lines: string[] = [];
  const route = result.route;
  if (route) {
    lines.push(
      route.reason === 'noproxy'
        ? route.matchedBy
          ? t`fetched directly because ${route.matchedBy.variable} matches ${goQuote(route.matchedBy.pattern)}`
          : t`fetched directly because GONOPROXY/GOPRIVATE matches`
        : route.proxiesBefore === 1
          ? t`fetched directly through GOPROXY's direct entry once the ${route.proxiesBefore} proxy before it answer 404/410`
          : route.proxiesBefore > 1
            ? t`fetched directly through GOPROXY's direct entry once the ${route.proxiesBefore} proxies before it answer 404/410`
            : t`fetched directly through GOPROXY's direct entry`,
    );
  }
  if (result.security === 'insecure') lines.push(t`GOINSECURE matches: discovery skips certificate checks and may fall back to plain http`);
  for (const r of result.requests.slice(0, 4)) lines.push(requestLine(r));
  if (result.requests.length > 4) lines.push(t`… and ${result.requests.length - 4} more requests`);
  if (result.root) {
    const r = result.root;
    const tag = goQuote(`${r.meta?.prefix ?? r.root} ${r.vcs} ${r.repoUrl}${r.subDir !== undefined ? ` ${r.subDir}` : ''}`);
    const how =
      r.via === 'go-import' ? (r.page !== undefined ? t`go-import tag ${tag} on ${r.page}` : t`go-import tag ${tag}`) : r.via === 'known-host' ? t`a host go knows` : t`the VCS suffix in the path`;
    lines.push(t`repository: ${r.repoUrl} (${r.vcs}, root ${r.root}, from ${how})`);
  }
  if (result.govcs) {
    const g = result.govcs;
    lines.push(g.invalid !== undefined ? t`GOVCS cannot be parsed: ${g.invalid}` : govcsLine(g));
  }
  const git = result.git;
  if (git) {
    const config: string[] = [];
    if (git.config.insteadOf) config.push(t`insteadOf rewrites it to ${git.config.insteadOf.effectiveUrl}`);
    if (git.config.sslCAInfo !== undefined) config.push(`http.sslCAInfo ${git.config.sslCAInfo}`);
    if (git.config.sslVerifyOff === true) config.push(t`certificate checks off (http.sslVerify=false or GIT_SSL_NO_VERIFY)`);
    const credentials = [
      ...(git.credentials.netrc ? [t`a ~/.netrc entry for the host`] : []),
      ...(git.credentials.helper !== undefined ? [t`credential helper ${git.credentials.helper}`] : []),
      ...(git.credentials.userinfo ? [t`a user name in the URL`] : []),
    ];
    const outcome = git.outcome.kind === 'ok' ? t`answered` : git.exitCode !== null ? t`exit status ${git.exitCode} (${git.outcome.kind})` : t`exit status none (${git.outcome.kind})`;
    const sent = credentials.length > 0 ? credentials.join(', ') : t`none`;
    const run = t`${git.command}: ${outcome}, ${Math.round(git.durationMs)} ms; credentials: ${sent}`;
    lines.push(config.length > 0 ? t`${run}; git config: ${config.join('; ')}` : run);
    if (git.outcome.kind !== 'ok' && git.stderr !== '') {
      const shown = git.stderr.split('\n').filter((l) => l.trim() !== '').slice(0, 4);
      for (const l of shown) lines.push(t`git said: ${l}`);
    }
    const view = git.goView;
    if (view && (view.status !== undefined || view.tlsVerified !== undefined)) {
      const answer = view.status !== undefined ? t`answered ${view.status}` : t`no answer`;
      const trust =
        view.tlsVerified === undefined
          ? ''
          : view.tlsVerified
            ? t`; certificate trusted by go's roots`
            : view.tlsError !== undefined
              ? t`; certificate not trusted by go's roots (${view.tlsError})`
              : t`; certificate not trusted by go's roots`;
      lines.push(t`go's own request to ${git.url}: ${answer}${trust}`);
    }
    if (git.tag) lines.push(git.tag.checked ? (git.tag.found ? t`tag ${git.tag.tag}: listed` : t`tag ${git.tag.tag}: not listed`) : t`tag not checked: ${git.tag.reason}`);
  }
  if (result.mod) {
    const answer = result.mod.status ?? result.mod.error ?? t`failed`;
    lines.push(t`module proxy from the go-import tag: GET ${result.mod.url} → ${answer}`);
  }
  for (const note of result.notes) lines.push(t`note: ${note}`);
  return lines;
}

/** The evidence of a failed direct fetch: what go would print, then the facts. */
export function failedDirectEvidence(result: Extract<DirectFetchResult, { status: 'fail' }>): string[] {
  return [predictedGoError(`${result.module}@${result.version ?? 'latest'}: ${directErrorText(result)}`), ...directEvidence(result)];
}

/** How several failed direct fetches are grouped into one finding: same scenario, same failure, same host. */
export function directGroupKey(c: DirectFailureCase): string {
  return `${c.result.scenario ?? ''}|${directFailureKind(c.result) ?? ''}|${failureHost(c.result) ?? ''}`;
}

/** `would fail at direct (fetched directly from …): <what failed>`, for messages. */
export function directHeadline(c: DirectFailureCase, label: string): string {
  const repo = c.result.root?.repoUrl;
  const what = describeDirectFailure(c.result);
  return repo !== undefined ? t`would fail at ${label}, where go fetches it directly from ${repo}: ${what}` : t`would fail at ${label}, where go fetches it directly: ${what}`;
}
