/**
 * The shape of one `check` rule: the unit `check` is built from, as a scenario is the unit of `explain`.
 * A rule is one file in src/check/rules/ whose name is its id; it looks at what `check` gathered and
 * measured and returns findings. It never performs I/O and never reads text the tool itself wrote.
 */
import type { Severity } from '../fix.js';
import type { ProxyListResult, ProxySpec } from '../goenv/proxylist.js';
import type { RouteSettings } from '../goenv/route.js';
import type { GoSumDbConfig } from '../goenv/sumdbconfig.js';
import type { GoEnvironment } from '../goenv/types.js';
import type { GoAuthEvent, GoAuthPlan } from '../probe/goauth.js';
import type { ProxyConfig } from '../probe/httpproxy.js';
import type { NetrcEntry } from '../probe/netrc.js';
import type { GoRoots } from '../probe/tlsroots.js';
import type { TreeHeadVerdict } from '../probe/sumdb-verify.js';
import type { DirectFetchResult } from '../probe/direct/types.js';
import type { WithGoFacts } from './go-trace.js';
import type { CachedVersion } from './module-cache.js';
import type { ToolchainAnalysis } from './toolchain.js';
import type { CanaryModule, ChainEntry, Finding, FindingGroup, ModuleVerdict, SumDbReport } from './types.js';
import type { ProbeRecord } from './verdict.js';

/** What the checksum-database probes found. */
export interface SumdbState {
  report: SumDbReport;
  /** `/sumdb/<name>/supported` probes, one per proxy entry reached. */
  supported: ProbeRecord[];
  /** The `/latest` probe at the base the database is reached through. */
  latest?: ProbeRecord;
  /** The signed tree head checked against the GOSUMDB key. */
  treeHead?: TreeHeadVerdict;
  /** `/lookup/<module>@<version>` probes. */
  lookups: ProbeRecord[];
}

/** One module's direct fetch as the probe returned it (every string already redacted). */
export interface DirectProbe {
  /** `path@version` (or `path`), as verdicts name modules. */
  module: string;
  source: CanaryModule['source'];
  result: DirectFetchResult;
}

/** What the network probes measured; absent with `--offline`. */
export interface NetworkFacts {
  chain: readonly ChainEntry[];
  specs: readonly ProxySpec[];
  records: readonly ProbeRecord[];
  /** Verdicts for every checked module, the toolchain module included. */
  modules: readonly ModuleVerdict[];
  sumdb?: SumdbState;
  /** The direct fetches probed (modules whose walk reached `direct` or the hidden `noproxy` entry). */
  direct?: readonly DirectProbe[];
  /** What GOAUTH's entries did while the probes ran (Go 1.24+), in order; printable. */
  goAuthRuns?: readonly GoAuthEvent[];
  timeoutMs: number;
}

/** Everything a rule may look at. */
export interface CheckInput {
  env: GoEnvironment;
  /** The effective values `go env -json` printed. */
  settings: RouteSettings;
  /** GOPROXY parsed with cmd/go's rules. */
  proxyList: ProxyListResult;
  /** GOSUMDB parsed with cmd/go's rules. */
  sumdb: { ok: true; config: GoSumDbConfig } | { ok: false; error: string };
  /** The modules a build needs (go.mod requirements or --module), plus the default canary. */
  canaries: readonly CanaryModule[];
  /** go.mod requirements left out of the check because of the cap. */
  canariesOmitted: number;
  toolchain: ToolchainAnalysis;
  /** HTTPS_PROXY/HTTP_PROXY/NO_PROXY as Go reads them. */
  httpProxy: ProxyConfig;
  goauth: GoAuthPlan;
  /** `.netrc` entries (passwords are never printed; only machine names are compared). */
  netrc: readonly NetrcEntry[];
  /** The trusted roots as Go loads them, when they were loaded. */
  roots?: GoRoots;
  platform: NodeJS.Platform;
  /** Why ./go.mod could not be read, when it exists but could not be. */
  goModError?: string;
  /** The names of every variable in the OS environment (values are not needed, and may be secret). */
  osEnvironmentNames?: readonly string[];
  /**
   * The names on the lines of the `go env -w` file (the text before each line's first `=`), the lines
   * cmd/go skips included (go1.26 src/cmd/go/internal/cfg/cfg.go:399 skips a line not starting with A-Z).
   */
  goenvFileNames?: readonly string[];
  /** The module-cache download entries of the checked module versions that are cached (read in bounded amounts). */
  moduleCache?: readonly CachedVersion[];
  network?: NetworkFacts;
  /** What the real `go mod download -x -json` did with the same settings (`check --with-go`). */
  withGo?: WithGoFacts;
}

/** One check rule. */
export interface CheckRule {
  /** Stable id, equal to the file name and to the `rule` of every finding it produces. */
  readonly id: string;
  readonly group: FindingGroup;
  /** The most severe finding it can produce (a finding may be milder, never more severe). */
  readonly severity: Severity;
  /** One sentence: what the rule looks for. */
  readonly summary: string;
  /** Pure: the findings for this input, none when all is well. */
  detect(input: CheckInput): Finding[];
}
