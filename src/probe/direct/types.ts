/**
 * The shapes of a direct-fetch probe: what cmd/go would do for a module it fetches straight from its
 * repository (GOPRIVATE/GONOPROXY matches, or a `direct` GOPROXY entry), stage by stage.
 */
import type { PatternMatch } from '../../goenv/route.js';
import type { ScenarioId } from '../../scenarios/types.js';
import type { GitConfigFacts, GitOutcome, CredentialSources } from './git.js';
import type { GovcsDecision } from './govcs.js';
import type { RootFailure, RootSource } from './discovery.js';
import type { MetaImport } from './meta.js';
import type { SecurityMode, WebRequestFacts } from './web-get.js';

/** How far the probe got: the route, the repository root, GOVCS, git, the version's tag, or a `mod` proxy. */
export type DirectStage = 'route' | 'root' | 'govcs' | 'git' | 'version' | 'mod';

/** Why cmd/go reaches the repository directly at all. */
export interface DirectRouteFacts {
  /** `noproxy`: GONOPROXY/GOPRIVATE matched; `goproxy`: the `direct` entry of GOPROXY. */
  reason: 'noproxy' | 'goproxy';
  matchedBy?: PatternMatch;
  /** Proxies go asks first; the direct fetch happens only if they answer 404/410 (or fail after `|`). */
  proxiesBefore: number;
}

/** The repository, as found (URLs redacted). */
export interface DirectRootFacts {
  root: string;
  vcs: string;
  repoUrl: string;
  subDir?: string;
  via: RootSource;
  page?: string;
  meta?: MetaImport;
}

/** Whether the version's tag exists among the refs git listed. */
export type TagCheck =
  | { checked: true; tag: string; found: boolean }
  /** Pseudo-versions and queries (`latest`, a branch) are resolved by go in ways a ref list cannot settle. */
  | { checked: false; reason: string };

/** The git step: the run, its classification and the configuration that shaped it. */
export interface DirectGitFacts {
  /** The URL git was given (redacted); `config.insteadOf` says where git really went. */
  url: string;
  /** cmd/go's command line for it, as its error message shows it. */
  command: string;
  outcome: GitOutcome;
  exitCode: number | null;
  /** git's stderr, redacted and without control characters. */
  stderr: string;
  durationMs: number;
  config: GitConfigFacts;
  credentials: CredentialSources;
  environment: {
    setByGo: Record<string, string>;
    probeOverrides: string[];
    goWouldPrompt: boolean;
    askpassNotRun?: string;
  };
  /** For an https repository git failed on: go's own verdict on the same URL (its roots, its credentials). */
  goView?: { status?: number; tlsVerified?: boolean; tlsError?: string };
  tag?: TagCheck;
  /** Other schemes pinged first for a `.git`-suffixed path. */
  pings?: Array<{ url: string; outcome: GitOutcome['kind'] }>;
}

/** A `mod` go-import tag: the module is served by a module proxy at the announced URL. */
export interface DirectModFacts {
  url: string;
  status?: number;
  error?: string;
}

/** Why a direct fetch fails, as facts. */
export type DirectFailure =
  | { stage: 'route'; kind: 'proxy-off' }
  | ({ stage: 'root' } & Exclude<RootFailure, { kind: 'govcs' }>)
  | { stage: 'govcs'; kind: 'govcs'; decision: GovcsDecision }
  | { stage: 'git'; kind: 'git'; outcome: Exclude<GitOutcome, { kind: 'ok' }> }
  | { stage: 'version'; kind: 'unknown-revision'; tag: string }
  | { stage: 'mod'; kind: 'mod-proxy'; status?: number; request?: WebRequestFacts };

/** What every result carries. */
export interface DirectFetchFacts {
  module: string;
  version?: string;
  goVersion: string;
  route?: DirectRouteFacts;
  /** GOINSECURE matched the module: https without certificate checks, then plain http. */
  security: SecurityMode;
  /** The discovery requests, in order. */
  requests: WebRequestFacts[];
  root?: DirectRootFacts;
  govcs?: GovcsDecision;
  git?: DirectGitFacts;
  mod?: DirectModFacts;
  /** What the probe could not evaluate the way go would (GOAUTH commands, askpass programs, other VCSs). */
  notes: string[];
  durationMs: number;
}

/** The outcome of probing one module's direct fetch. */
export type DirectFetchResult =
  /** go would fetch it: the repository answered (and, with a version, its tag exists). */
  | (DirectFetchFacts & { status: 'ok'; stage: 'git' | 'mod' })
  | (DirectFetchFacts & {
      status: 'fail';
      stage: DirectStage;
      failure: DirectFailure;
      /** What go prints for it (`go: <module>@<version>: …`), when the probe knows; redacted. */
      goError?: string;
      /** The catalogue scenario `explain` gives for go's text of this failure; absent when none does. */
      scenario?: ScenarioId;
      /**
       * cmd/go treats the failure as "not found" (notExistError, a 404/410 of the repository URL, an
       * unknown revision): after `,` in GOPROXY the next entry is tried.
       */
      notExist: boolean;
    })
  /** The route never reaches the repository (proxies only). */
  | (DirectFetchFacts & { status: 'not-direct'; stage: 'route'; reason: string })
  /** Something go would run that the probe does not (hg, svn, bzr, fossil; a scheme outside git's usual ones). */
  | (DirectFetchFacts & { status: 'not-evaluated'; stage: DirectStage; reason: string });
