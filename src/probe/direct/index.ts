/**
 * The direct-fetch probe: repository discovery, GOVCS and git with go's environment, for modules go
 * fetches straight from their repository. `probeDirectFetch` is the entry point.
 */
export { probeDirectFetch, goGitWorkDir, tagForVersion, type DirectFetchContext, type DirectFetchDeps, type TextFileRead } from './probe.js';
export type { DirectFailure, DirectFetchFacts, DirectFetchResult, DirectGitFacts, DirectModFacts, DirectRootFacts, DirectRouteFacts, DirectStage, TagCheck } from './types.js';
export type { GitConfigFacts, GitOutcome, CredentialSources } from './git.js';
export type { GovcsDecision } from './govcs.js';
export type { RootFailure, RootSource } from './discovery.js';
export type { MetaImport } from './meta.js';
export type { SecurityMode, WebRequestFacts } from './web-get.js';
export { scenarioForFailure } from './scenario.js';
export { runProcess, type ProcessRunner, type ProcessRequest, type ProcessOutcome } from './process.js';
