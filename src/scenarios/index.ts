/**
 * The catalogue: every scenario, listed explicitly and in a fixed order. The order breaks ties between
 * equally confident scenarios for the same failure, and it is the order of `explain --list`.
 * A test checks that each file name equals its scenario's id.
 */
import { authRequired } from './auth-required.js';
import { checksumMismatch } from './checksum-mismatch.js';
import { dnsFailure } from './dns-failure.js';
import { httpProxyEnv } from './http-proxy-env.js';
import { moduleNotFound } from './module-not-found.js';
import { networkBlocked } from './network-blocked.js';
import { privateModuleProxied } from './private-module-proxied.js';
import { proxyConfigInvalid } from './proxy-config-invalid.js';
import { proxyServerError } from './proxy-server-error.js';
import { sumdbLookupFailed } from './sumdb-lookup-failed.js';
import { tlsCertificate } from './tls-certificate.js';
import { toolchainDownload } from './toolchain-download.js';
import type { Scenario, ScenarioId } from './types.js';

/** All scenarios, in catalogue order (configuration first, then the network layers, then the server). */
export const SCENARIOS: readonly Scenario[] = [
  proxyConfigInvalid,
  toolchainDownload,
  checksumMismatch,
  privateModuleProxied,
  moduleNotFound,
  sumdbLookupFailed,
  httpProxyEnv,
  dnsFailure,
  tlsCertificate,
  authRequired,
  networkBlocked,
  proxyServerError,
];

/** The scenario with this id, or undefined. */
export function findScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((scenario) => scenario.id === id);
}

/** Narrows a string to a scenario id. */
export function isScenarioId(id: string): id is ScenarioId {
  return findScenario(id) !== undefined;
}
