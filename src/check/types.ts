/** The shapes `check` produces: findings (what is wrong and what to do) and probes (what was measured). */
import type { Fix, Severity } from '../fix.js';
import type { PhaseTimings } from '../probe/endpoint.js';
import type { DirectStage } from '../probe/direct/types.js';
import type { ScenarioId } from '../scenarios/types.js';

/** Which part of the report a finding belongs to; `--only`/`--skip` select by group. */
export type FindingGroup = 'config' | 'proxy' | 'sumdb' | 'toolchain' | 'credentials';

/** `--timeout` default: long enough for a slow proxy, short enough to notice a hang. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** Every group, in report order. */
export const FINDING_GROUPS: readonly FindingGroup[] = ['config', 'proxy', 'sumdb', 'toolchain', 'credentials'];

/** One thing `check` wants the user to know, with the evidence and the fixes in rank order. */
export interface Finding {
  /** An explain-catalogue scenario id where one applies, else a check-specific id. */
  id: string;
  /**
   * The specific check that produced it (`goproxy-off`, `entry-failed`, `sumdb-key-mismatch`, ...): stable,
   * so tests and scripts can tell apart several findings that share a scenario id.
   */
  rule: string;
  /**
   * For findings about a failed probe: what went wrong (`dns`, `connect`, `http-401`, `not-found`,
   * `tls-verify`, …), so several failures found by one rule can be told apart.
   */
  cause?: string;
  severity: Severity;
  group: FindingGroup;
  /** One sentence saying what is wrong. */
  message: string;
  /** Facts that support the finding: values and where they came from, probe results. */
  evidence: string[];
  fixes: Fix[];
  /** Modules the finding affects, when it is about specific modules. */
  modules?: string[];
}

/** The timed phases of one probe, in milliseconds: the probe layer's own record. */
export type ProbeTimings = PhaseTimings;

/** What a probe was for. */
export type ProbeTarget = 'module' | 'toolchain' | 'sumdb-supported' | 'sumdb-latest' | 'sumdb-lookup';

/** The server certificate a probe saw. */
export interface ProbeTls {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  /** Whether it verifies against the roots Go would use, for the host in the URL. */
  verified: boolean;
  verifyError?: string;
}

/** One probed URL as it appears in the report and in `--json`. */
export interface ProbeSummary {
  /** The URL requested, userinfo redacted. */
  url: string;
  /** What was being probed: a GOPROXY entry, the checksum database, a toolchain download. */
  target: ProbeTarget;
  /** The chain entry (index into {@link CheckReport.chain}) the request went to, when it went to one. */
  entry?: number;
  /** The module (path@version) the request was for. */
  module?: string;
  ok: boolean;
  /** The last phase reached: config, dns, connect, proxy, tls, http or done. */
  phase: string;
  status?: number;
  /** What went wrong, in Go's words where Go has words for it. */
  error?: string;
  timedOut?: boolean;
  timings: ProbeTimings;
  tls?: ProbeTls;
  /** The HTTP proxy the request went through (HTTPS_PROXY/HTTP_PROXY by Go's rules). */
  via?: string;
  /** Where the credentials sent came from (`.netrc machine h:443`, `URL userinfo`), never the secret. */
  credentials?: string;
}

/** One entry of the resolved GOPROXY chain, as the report names it. */
export interface ChainEntry {
  /** Position in the list cmd/go walks (the hidden `noproxy` entry included). */
  index: number;
  /** 1-based position among the entries written in GOPROXY; absent for the hidden `noproxy` entry. */
  number?: number;
  kind: 'proxy' | 'direct' | 'off' | 'noproxy';
  /** The proxy URL, password redacted. */
  url?: string;
  /** What follows the entry: `,` (only 404/410 fall through), `|` (any error falls through), or nothing. */
  separator: ',' | '|' | '';
  /** `#2 https://proxy.example`, `direct`, `noproxy (GONOPROXY)`: how messages refer to it. */
  label: string;
}

/** What one entry did for one module. */
export interface ChainStepSummary {
  entry: number;
  outcome: 'ok' | 'not-found' | 'error' | 'unknown';
  error?: string;
  /** cmd/go moved on to the next entry after this one. */
  fellThrough: boolean;
}

/** Whether and how a module would be fetched and verified. */
export interface ModuleVerdict {
  module: string;
  version?: string;
  /** Where the module came from: `--module`, go.mod, the default public canary, or a toolchain switch. */
  source: 'flag' | 'go.mod' | 'default' | 'toolchain';
  /** `ok`: go would get it; `fail`: go would fail; `unknown`: it depends on something not probed (a VCS other than git, the deadline). */
  result: 'ok' | 'fail' | 'unknown';
  fetch: {
    result: 'served' | 'failed' | 'unknown';
    servedBy?: number;
    stoppedAt: number;
    /** The error go would print for the fetch (its "most helpful" one). */
    error?: string;
    errorFrom?: number;
    steps: ChainStepSummary[];
    notReached: number[];
  };
  /** The checksum-database step, after a successful fetch. */
  verify?: {
    consulted: boolean;
    /** Why the database is not asked: `GOSUMDB=off`, a GONOSUMDB/GOPRIVATE pattern, or go.sum already has the hashes. */
    skippedBecause?: string;
    ok?: boolean;
    error?: string;
  };
  /**
   * Where it fails: the fetch at an entry, or the checksum verification. For a fetch that fails at the
   * `direct` (or hidden `noproxy`) entry, `directStage` says which step of the direct fetch fails.
   */
  failedAt?: { stage: 'fetch' | 'verify'; entry?: number; directStage?: DirectStage };
  /** The direct (version-control) fetch, when the walk reaches `direct` or the hidden `noproxy` entry. */
  direct?: DirectFetchReport;
  /** One sentence, e.g. `fails at entry #1 (500 Internal Server Error; "," does not fall through)`. */
  summary: string;
}

/**
 * A module's direct fetch as `check` probed it (URLs redacted, git's text cleaned): why go goes there,
 * the repository it finds, whether GOVCS allows its VCS, what git said, and where it fails.
 */
export interface DirectFetchReport {
  /**
   * `ok`: go would fetch it; `fail`: go would fail; `not-evaluated`: go would run something the probe does
   * not (hg, svn, an unusual URL scheme); `not-probed`: the deadline came first or the run was cancelled.
   */
  result: 'ok' | 'fail' | 'not-evaluated' | 'not-probed';
  /** The chain entry the direct fetch belongs to: `direct`, or the hidden `noproxy` entry. */
  entry: number;
  /** `noproxy`: GONOPROXY/GOPRIVATE matched; `goproxy`: GOPROXY's `direct` entry. */
  reason?: 'noproxy' | 'goproxy';
  /** The variable and pattern that matched, for `noproxy`. */
  matchedBy?: { variable: string; pattern: string };
  /** The last step reached: `route`, `root` (repository lookup), `govcs`, `git`, `version` (the tag) or `mod`. */
  stage: DirectStage;
  /** What failed, for `fail`: git's outcome at the git step (`credentials-missing`, `tls`, ...), else the failure kind. */
  failure?: string;
  /** The explain scenario for go's text of this failure, when one describes it. */
  scenario?: ScenarioId;
  /** What go would print after `<module>@<version>: ` (a prediction). */
  error?: string;
  /** go treats the failure as "not found". */
  notExist?: boolean;
  /** Why nothing was concluded, for `not-evaluated` and `not-probed`. */
  why?: string;
  /** `insecure` when GOINSECURE matches: discovery skips certificate checks and may use plain http. */
  security: 'secure-only' | 'insecure';
  /** The `?go-get=1` requests, in order. */
  discovery: DirectRequestSummary[];
  /** The repository found. */
  repository?: { root: string; vcs: string; url: string; subDir?: string; via: string; page?: string };
  /** GOVCS's decision for the repository root. */
  govcs?: { vcs: string; root: string; allowed: boolean; private: boolean; rule?: string; defaultRule: boolean; allows: string[]; error?: string };
  /** The `git ls-remote` go runs, with the user's git configuration that shaped it. */
  git?: {
    url: string;
    /** Where git really went after a `url.<base>.insteadOf` rewrite. */
    effectiveUrl?: string;
    command: string;
    outcome: string;
    exitCode: number | null;
    /** git's stderr, secrets removed by position, control characters dropped. */
    stderr?: string;
    durationMs: number;
    /** Where credentials would come from: a ~/.netrc entry for the host, a credential helper (its name), the URL. */
    credentials: { netrc: boolean; helper?: string; userinfo: boolean };
    sslCAInfo?: string;
    sslVerifyOff?: boolean;
    /** go's own request to the same https URL: its status and whether go's roots trust the certificate. */
    goView?: { status?: number; tlsVerified?: boolean; tlsError?: string };
    /** The version's tag among the refs git listed. */
    tag?: { tag: string; found: boolean } | { unchecked: string };
    /** What cmd/go of this version sets in git's environment. */
    setByGo: Record<string, string>;
  };
  /** A module proxy announced by a `mod` go-import tag. */
  mod?: { url: string; status?: number; error?: string };
  /** What the probe could not evaluate the way go would. */
  notes: string[];
  durationMs: number;
}

/** One discovery request of a direct fetch. */
export interface DirectRequestSummary {
  url: string;
  status?: number;
  /** The last phase reached: dns, connect, proxy, tls, http, done. */
  phase: string;
  error?: string;
  tls?: { verified: boolean; verifyError?: string; skipped?: boolean };
  via?: string;
  credentials?: string;
  timings: ProbeTimings;
}

/** How the checksum database is reached and whether its signed tree head checks out. */
export interface SumDbReport {
  /** The database name from GOSUMDB, e.g. `sum.golang.org`. */
  name: string;
  /**
   * `proxy`: through a GOPROXY entry's /sumdb/<name>/; `direct`: https://<name>; `explicit`: the URL in GOSUMDB;
   * `error`: every lookup fails; `off`: GOSUMDB=off; `not-probed`: offline, or the deadline came first.
   */
  via: 'proxy' | 'direct' | 'explicit' | 'error' | 'off' | 'not-probed';
  /** The chain entry whose /sumdb/<name>/supported answered 200. */
  proxyEntry?: number;
  /** The database base URL used (redacted). */
  url?: string;
  /** Why lookups fail, when they do. */
  error?: string;
  /** The signed tree head verified against the GOSUMDB key. */
  treeHead?: { ok: boolean; size?: number; error?: string; signedByOthers?: string[] };
  /** Whether any checked module needs the database (a hash missing from go.sum, not excluded by GONOSUMDB). */
  needed: boolean;
  /** The checked modules (path@version) that need it. */
  neededBy?: string[];
}

/** The toolchain go.mod asks for and what go would do about it. */
export interface ToolchainReport {
  /** The local toolchain's version, e.g. `1.21.13`. */
  local: string;
  /** The effective GOTOOLCHAIN. */
  gotoolchain: string;
  /** go.mod's `go` and `toolchain` lines. */
  goLine?: string;
  toolchainLine?: string;
  /** The toolchain go would switch to (`go1.22.0`), when it would. */
  switchTo?: string;
  /** `download` through GOPROXY, `path` (look in PATH only), `none` (no switch), `refused` (GOTOOLCHAIN=local, too old). */
  action: 'none' | 'download' | 'path' | 'refused' | 'invalid';
  /** The golang.org/toolchain module version fetched for a download. */
  moduleVersion?: string;
}

/** How requests leave this machine, as Go would send them: HTTP proxies, credentials and trusted roots. */
export interface NetworkSetup {
  /** HTTPS_PROXY/https_proxy (userinfo redacted), with the variable it came from. */
  httpsProxy?: string;
  httpProxy?: string;
  noProxy?: string;
  /** The .netrc go reads, and how many usable machine entries it has (0 when missing). */
  netrc: { path: string; found: boolean; machines: number };
  /** GOAUTH as this Go understands it (Go 1.24+), or why it does not apply. */
  goauth: string;
  /** The roots certificates are verified against. */
  roots: { kind: 'files' | 'platform'; file?: string; dirs: string[]; certificates: number; fromEnv: string[] };
}

/** Everything one `check` run found, before rendering. */
export interface CheckReport {
  goVersion: string;
  goBinary: string;
  offline: boolean;
  timeoutMs: number;
  /** Where the canary modules came from. */
  canarySource: 'flag' | 'go.mod' | 'default' | 'none';
  /** The resolved GOPROXY chain (empty when GOPROXY is invalid). */
  chain: ChainEntry[];
  probes: ProbeSummary[];
  modules: ModuleVerdict[];
  sumdb?: SumDbReport;
  toolchain?: ToolchainReport;
  network?: NetworkSetup;
  /** Findings in report order: by group, then severity. Filtered by --only/--skip. */
  findings: Finding[];
  /** The groups the report covers (all unless --only/--skip narrowed them). */
  groups: FindingGroup[];
  /** Wall-clock milliseconds the run took. */
  durationMs: number;
}

/** A module `check` asks the proxies about, and why. */
export interface CanaryModule {
  path: string;
  version?: string;
  source: 'flag' | 'go.mod' | 'default' | 'toolchain';
}
