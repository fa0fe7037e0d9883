/**
 * The check-rule catalogue: every rule, listed explicitly and in report order (configuration first,
 * then what the probes measured). A test checks that each file name equals its rule's id and that each
 * rule has a test and a README row.
 */
import { canaryNotServed } from './canary-not-served.js';
import { directFetchFailed } from './direct-fetch-failed.js';
import { directNoGoImport } from './direct-no-go-import.js';
import { directNotProbed } from './direct-not-probed.js';
import { entryFailedFallthrough } from './entry-failed-fallthrough.js';
import { goCrossCheck } from './go-cross-check.js';
import { goTooNew } from './go-too-new.js';
import { go111moduleOff } from './go111module-off.js';
import { goauthEntryFailed } from './goauth-entry-failed.js';
import { goauthIgnored } from './goauth-ignored.js';
import { goauthInvalid } from './goauth-invalid.js';
import { goauthOff } from './goauth-off.js';
import { goenvShadowed } from './goenv-shadowed.js';
import { goflagsInsecure } from './goflags-insecure.js';
import { goinsecureTooBroad } from './goinsecure-too-broad.js';
import { gomodUnreadable } from './gomod-unreadable.js';
import { gonoproxyWithoutDirect } from './gonoproxy-without-direct.js';
import { gonosumdbTooBroad } from './gonosumdb-too-broad.js';
import { goprivateTooBroad } from './goprivate-too-broad.js';
import { goproxyCredentials } from './goproxy-credentials.js';
import { goproxyCredentialsHttp } from './goproxy-credentials-http.js';
import { goproxyEmpty } from './goproxy-empty.js';
import { goproxyInvalid } from './goproxy-invalid.js';
import { goproxyOff } from './goproxy-off.js';
import { goproxySemicolon } from './goproxy-semicolon.js';
import { goproxyUnreachableEntries } from './goproxy-unreachable-entries.js';
import { gosumdbInvalid } from './gosumdb-invalid.js';
import { gosumdbNotProxied } from './gosumdb-not-proxied.js';
import { gosumdbOff } from './gosumdb-off.js';
import { gotoolchainInvalid } from './gotoolchain-invalid.js';
import { govcsForbids } from './govcs-forbids.js';
import { httpProxyFailed } from './http-proxy-failed.js';
import { httpProxyDomesticMirror } from './http-proxy-domestic-mirror.js';
import { httpProxyUnparseable } from './http-proxy-unparseable.js';
import { invalidGoLine } from './invalid-go-line.js';
import { invalidToolchainLine } from './invalid-toolchain-line.js';
import { mirrorHostMisspelt } from './mirror-host-misspelt.js';
import { mirrorSumdbMix } from './mirror-sumdb-mix.js';
import { moduleCachePoisoned } from './module-cache-poisoned.js';
import { moduleFetchFailed } from './module-fetch-failed.js';
import { modulesSampled } from './modules-sampled.js';
import { netrcMachineMismatch } from './netrc-machine-mismatch.js';
import { patternIgnored } from './pattern-ignored.js';
import { privateModulePublicProxy } from './private-module-public-proxy.js';
import { sslCertFileUnreadable } from './ssl-cert-file-unreadable.js';
import { sslCertIgnored } from './ssl-cert-ignored.js';
import { sumdbBadTreeHead } from './sumdb-bad-tree-head.js';
import { sumdbKeyMismatch } from './sumdb-key-mismatch.js';
import { sumdbLookupError } from './sumdb-lookup-error.js';
import { sumdbNotFound } from './sumdb-not-found.js';
import { sumdbProxyFailed } from './sumdb-proxy-failed.js';
import { sumdbUnreachable } from './sumdb-unreachable.js';
import { toolchainDownloadFailed } from './toolchain-download-failed.js';
import { toolchainGoproxyOff } from './toolchain-goproxy-off.js';
import { toolchainLanguageVersion } from './toolchain-language-version.js';
import { toolchainNotAvailable } from './toolchain-not-available.js';
import { toolchainNotProbed } from './toolchain-not-probed.js';
import { toolchainNotReleased } from './toolchain-not-released.js';
import { toolchainOldGo } from './toolchain-old-go.js';
import { toolchainPathOnly } from './toolchain-path-only.js';
import { toolchainSumdbOff } from './toolchain-sumdb-off.js';
import { tlsRootsSkipped } from './tls-roots-skipped.js';
import { toolchainVerifyFailed } from './toolchain-verify-failed.js';
import { unknownGoVariable } from './unknown-go-variable.js';
import type { CheckRule } from '../rule.js';

/** Rules that need only the configuration (they also run with --offline). */
export const CONFIG_RULES: readonly CheckRule[] = [
  gomodUnreadable,
  go111moduleOff,
  goflagsInsecure,
  goproxyEmpty,
  goproxyInvalid,
  goproxySemicolon,
  goproxyUnreachableEntries,
  mirrorHostMisspelt,
  goproxyOff,
  goproxyCredentialsHttp,
  goproxyCredentials,
  gonoproxyWithoutDirect,
  unknownGoVariable,
  privateModulePublicProxy,
  gosumdbInvalid,
  gosumdbOff,
  mirrorSumdbMix,
  goprivateTooBroad,
  gonosumdbTooBroad,
  goinsecureTooBroad,
  patternIgnored,
  goenvShadowed,
  httpProxyUnparseable,
  httpProxyDomesticMirror,
  goauthInvalid,
  goauthOff,
  goauthIgnored,
  netrcMachineMismatch,
  sslCertIgnored,
  sslCertFileUnreadable,
  tlsRootsSkipped,
  gotoolchainInvalid,
  invalidGoLine,
  invalidToolchainLine,
  goTooNew,
  toolchainLanguageVersion,
  toolchainPathOnly,
  toolchainOldGo,
  toolchainSumdbOff,
  toolchainGoproxyOff,
  modulesSampled,
  moduleCachePoisoned,
];

/** Rules about what the network probes measured (they find nothing with --offline). */
export const NETWORK_RULES: readonly CheckRule[] = [
  httpProxyFailed,
  moduleFetchFailed,
  canaryNotServed,
  entryFailedFallthrough,
  directFetchFailed,
  govcsForbids,
  directNoGoImport,
  directNotProbed,
  goauthEntryFailed,
  sumdbProxyFailed,
  sumdbUnreachable,
  gosumdbNotProxied,
  sumdbKeyMismatch,
  sumdbBadTreeHead,
  sumdbNotFound,
  sumdbLookupError,
  toolchainNotProbed,
  toolchainVerifyFailed,
  toolchainNotReleased,
  toolchainNotAvailable,
  toolchainDownloadFailed,
  goCrossCheck,
];

/** Every rule, in report order. */
export const CHECK_RULES: readonly CheckRule[] = [...CONFIG_RULES, ...NETWORK_RULES];
