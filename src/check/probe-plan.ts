/**
 * The pure half of `check`'s network run: which modules are checked, which requests go could send for
 * each and in which order, and which modules make go ask the checksum database. The scheduler in
 * run-check.ts decides when each request goes out (hedging, one deadline); nothing here does I/O.
 */
import type { ProxySpec } from '../goenv/proxylist.js';
import { escapeVersion, proxyRequestUrl, queryStatsDirectly } from '../goenv/modulepath.js';
import { matchPrefixPatterns } from '../goenv/patterns.js';
import { checksumDatabaseRoute, type RouteSettings } from '../goenv/route.js';
import type { GoSumDbConfig } from '../goenv/sumdbconfig.js';
import { TOOLCHAIN_MODULE, type ToolchainAnalysis } from './toolchain.js';
import type { CanaryModule, FindingGroup } from './types.js';
import { contentError, type ProbeRecord } from './verdict.js';

/** One request go could send: its chain entry, URL, record fields and the check of a 200 body. */
export interface PlannedRequest {
  index: number;
  url: string;
  meta: Pick<ProbeRecord, 'target' | 'entry' | 'module'>;
  validate?: (body: Buffer | undefined, contentType: string | undefined) => string | undefined;
}

/** The modules to check: the canaries (when a group needs them) plus the toolchain go would download. */
export function modulesToCheck(canaries: readonly CanaryModule[], toolchain: ToolchainAnalysis, groups: ReadonlySet<FindingGroup>): CanaryModule[] {
  const all = [...canaries];
  if (toolchain.action === 'download' && toolchain.moduleVersion !== undefined && groups.has('toolchain')) {
    all.push({ path: TOOLCHAIN_MODULE, version: toolchain.moduleVersion, source: 'toolchain' });
  }
  const wantModules = groups.has('proxy') || groups.has('credentials') || groups.has('sumdb');
  return all.filter((c) => c.source === 'toolchain' || wantModules);
}

/**
 * The module requests go could send for `canary`, in chain order: none for a GONOPROXY match, and
 * nothing after `direct` or `off` (mirrors go1.23 src/cmd/go/internal/modfetch/repo.go:229-252). A
 * version go can look up directly is asked for with `.info`, anything else with `@v/list`.
 */
export function moduleRequests(canary: CanaryModule, specs: readonly ProxySpec[], settings: Pick<RouteSettings, 'GONOPROXY'>): PlannedRequest[] {
  const requests: PlannedRequest[] = [];
  if (matchPrefixPatterns(settings.GONOPROXY, canary.path)) return requests;
  const label = canary.version !== undefined ? `${canary.path}@${canary.version}` : canary.path;
  const direct = canary.version !== undefined && queryStatsDirectly(canary.version);
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i] as ProxySpec;
    if (spec.kind === 'direct' || spec.kind === 'off') break;
    if (spec.kind !== 'proxy') continue;
    let url: string;
    try {
      url = proxyRequestUrl(spec.url ?? '', canary.path, direct ? { kind: 'info', version: canary.version as string } : { kind: 'list' });
    } catch {
      // The walk stops here unprobed; nothing later can be reached.
      break;
    }
    const base = spec.url ?? '';
    requests.push({
      index: i,
      url,
      meta: { target: canary.source === 'toolchain' ? 'toolchain' : 'module', entry: i, module: label },
      validate: (body, type) => contentError(direct ? 'info' : 'list', base, body, type, direct ? canary.version : undefined),
    });
  }
  return requests;
}

/**
 * The checked modules (`path@version`) that make go ask the checksum database: no GONOSUMDB match and
 * hashes missing from go.sum (go1.23 src/cmd/go/internal/modfetch/fetch.go:669-713); golang.org/toolchain always.
 */
export function sumdbNeededBy(
  checked: readonly CanaryModule[],
  settings: RouteSettings,
  specs: readonly ProxySpec[],
  config: GoSumDbConfig,
  goSum: ReadonlySet<string>,
): string[] {
  const neededBy: string[] = [];
  for (const canary of checked) {
    const route = checksumDatabaseRoute(settings, specs, config, canary.path);
    if (!route.consulted || route.error !== undefined) continue;
    if (canary.version !== undefined && goSum.has(`${canary.path} ${canary.version}`)) continue;
    neededBy.push(canary.version !== undefined ? `${canary.path}@${canary.version}` : canary.path);
  }
  return neededBy;
}

/** Whether a version string can be escaped for a proxy URL at all (go.mod requirements that cannot are skipped). */
export function escapableVersion(version: string): boolean {
  try {
    escapeVersion(version);
    return true;
  } catch {
    return false;
  }
}
