/**
 * How `check` asks the catalogue for fixes: with facts it measured, typed by the scenario that explains
 * them, never with text. A call names its scenario and carries that scenario's own details type, so a
 * check rule cannot hand a scenario details it does not understand. Pure.
 */
import type { Fix } from '../fix.js';
import { orderFixes } from '../fix.js';
import type { GoEnvironment } from '../goenv/types.js';
import { authRequired, type AuthRequiredDetails } from '../scenarios/auth-required.js';
import { checksumMismatch, type ChecksumMismatchDetails } from '../scenarios/checksum-mismatch.js';
import { dnsFailure, type DnsFailureDetails } from '../scenarios/dns-failure.js';
import { httpProxyEnv, type HttpProxyEnvDetails } from '../scenarios/http-proxy-env.js';
import { moduleNotFound, type ModuleNotFoundDetails } from '../scenarios/module-not-found.js';
import { networkBlocked, type NetworkBlockedDetails } from '../scenarios/network-blocked.js';
import { privateModuleProxied, type PrivateModuleProxiedDetails } from '../scenarios/private-module-proxied.js';
import { proxyConfigInvalid, type ProxyConfigInvalidDetails } from '../scenarios/proxy-config-invalid.js';
import { proxyServerError, type ProxyServerErrorDetails } from '../scenarios/proxy-server-error.js';
import { sumdbLookupFailed, type SumdbLookupFailedDetails } from '../scenarios/sumdb-lookup-failed.js';
import { tlsCertificate, type TlsCertificateDetails } from '../scenarios/tls-certificate.js';
import { toolchainDownload, type ToolchainDownloadDetails } from '../scenarios/toolchain-download.js';
import type { ExtractedFields, ScenarioId } from '../scenarios/types.js';

/** One scenario, with facts in its own details type. */
export type ScenarioCall =
  | { scenario: 'auth-required'; fields: ExtractedFields; details: AuthRequiredDetails }
  | { scenario: 'checksum-mismatch'; fields: ExtractedFields; details: ChecksumMismatchDetails }
  | { scenario: 'dns-failure'; fields: ExtractedFields; details: DnsFailureDetails }
  | { scenario: 'http-proxy-env'; fields: ExtractedFields; details: HttpProxyEnvDetails }
  | { scenario: 'module-not-found'; fields: ExtractedFields; details: ModuleNotFoundDetails }
  | { scenario: 'network-blocked'; fields: ExtractedFields; details: NetworkBlockedDetails }
  | { scenario: 'private-module-proxied'; fields: ExtractedFields; details: PrivateModuleProxiedDetails }
  | { scenario: 'proxy-config-invalid'; fields: ExtractedFields; details: ProxyConfigInvalidDetails }
  | { scenario: 'proxy-server-error'; fields: ExtractedFields; details: ProxyServerErrorDetails }
  | { scenario: 'sumdb-lookup-failed'; fields: ExtractedFields; details: SumdbLookupFailedDetails }
  | { scenario: 'tls-certificate'; fields: ExtractedFields; details: TlsCertificateDetails }
  | { scenario: 'toolchain-download'; fields: ExtractedFields; details: ToolchainDownloadDetails };

// Each branch hands the scenario exactly its own details type; the switch is what lets the compiler check it.
function callScenario(call: ScenarioCall, env: GoEnvironment | undefined): Fix[] {
  switch (call.scenario) {
    case 'auth-required':
      return authRequired.fixes(call, env);
    case 'checksum-mismatch':
      return checksumMismatch.fixes(call, env);
    case 'dns-failure':
      return dnsFailure.fixes(call, env);
    case 'http-proxy-env':
      return httpProxyEnv.fixes(call, env);
    case 'module-not-found':
      return moduleNotFound.fixes(call, env);
    case 'network-blocked':
      return networkBlocked.fixes(call, env);
    case 'private-module-proxied':
      return privateModuleProxied.fixes(call, env);
    case 'proxy-config-invalid':
      return proxyConfigInvalid.fixes(call, env);
    case 'proxy-server-error':
      return proxyServerError.fixes(call, env);
    case 'sumdb-lookup-failed':
      return sumdbLookupFailed.fixes(call, env);
    case 'tls-certificate':
      return tlsCertificate.fixes(call, env);
    case 'toolchain-download':
      return toolchainDownload.fixes(call, env);
  }
}

/** The fixes the scenario proposes for these facts, safest first. A scenario that throws yields none: one broken scenario never sinks a report. */
export function fixesFor(call: ScenarioCall, env: GoEnvironment | undefined): Fix[] {
  try {
    return orderFixes(callScenario(call, env));
  } catch {
    return [];
  }
}

/** The scenario id of a call, for the finding that carries it. */
export function scenarioOf(call: ScenarioCall): ScenarioId {
  return call.scenario;
}
