/**
 * Which catalogue scenario explains a direct-fetch failure: the one `explain` picks for the text go
 * prints for the same failure. The differential tests hold this table against `explain` run on real
 * go's stderr; callers that have the explain engine at hand may classify `goError` with it instead
 * (see probeDirectFetch's `scenarioForGoError`).
 */
import type { ScenarioId } from '../../scenarios/types.js';
import type { DirectFailure } from './types.js';
import type { WebRequestFacts } from './web-get.js';

/** A failed request's scenario, from the probe's failure facts (`Get "…": dial tcp …` and friends). */
export function scenarioForRequestFailure(request: WebRequestFacts | undefined): ScenarioId | undefined {
  if (request === undefined) return undefined;
  const { failure, error } = request;
  if (request.limit === 'redirects') return 'proxy-server-error';
  if (request.insecureRedirect) return 'proxy-config-invalid';
  if (failure === undefined) return error === undefined ? undefined : 'network-blocked';
  if (failure.phase === 'proxy') return 'http-proxy-env';
  if (failure.phase === 'dns') return 'dns-failure';
  if (failure.phase === 'tls' && failure.certificate !== undefined) return 'tls-certificate';
  if (failure.phase === 'tls' && error !== undefined && /server gave HTTP response to HTTPS client/.test(error)) return 'proxy-config-invalid';
  if (failure.refusedBeforeRequest) return 'proxy-config-invalid';
  if (failure.phase === 'tls') return 'tls-certificate';
  return 'network-blocked';
}

function scenarioForStatus(status: number | undefined): ScenarioId | undefined {
  if (status === undefined) return undefined;
  if (status === 404 || status === 410) return 'module-not-found';
  if (status === 401 || status === 403) return 'auth-required';
  if (status === 407) return 'http-proxy-env';
  // Any other error status is an unexpected answer from the server (`reading <url>: 418 I'm a teapot`),
  // which explain files under proxy-server-error.
  if (status >= 400) return 'proxy-server-error';
  return undefined;
}

/** The scenario for a failure; undefined where no catalogue scenario describes it (explain stays silent). */
export function scenarioForFailure(failure: DirectFailure): ScenarioId | undefined {
  switch (failure.kind) {
    case 'proxy-off':
      return 'proxy-config-invalid';
    case 'fetch-failed':
      return scenarioForRequestFailure(failure.request);
    case 'http-status':
      return scenarioForStatus(failure.status);
    case 'mod-proxy':
      return failure.status !== undefined ? scenarioForStatus(failure.status) : scenarioForRequestFailure(failure.request);
    case 'unknown-revision':
      return 'module-not-found';
    case 'git':
      switch (failure.outcome.kind) {
        case 'credentials-missing':
        case 'credentials-rejected':
        case 'forbidden':
        case 'ssh-auth-failed':
        case 'ssh-host-key':
          return 'auth-required';
        case 'tls':
          return 'tls-certificate';
        case 'dns':
          return 'dns-failure';
        case 'refused':
        case 'timed-out':
          return 'network-blocked';
        case 'proxy':
          return 'http-proxy-env';
        // go prints these as `invalid version: git ls-remote …`, which explain reads as a version problem.
        case 'repository-not-found':
        case 'server-error':
        case 'http-error':
        case 'failed':
          return 'module-not-found';
        case 'git-missing':
        case 'not-run':
        case 'cancelled':
          return undefined;
      }
      return undefined;
    default:
      return undefined;
  }
}
