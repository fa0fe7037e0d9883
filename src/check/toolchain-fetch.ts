/**
 * The toolchain download as `check` probed it: the switch go would make, the verdict for the
 * golang.org/toolchain module and the probe that decided it. Shared by the toolchain-download rules. Pure.
 */
import { recordFinder } from './fetch-failures.js';
import type { CheckInput, NetworkFacts } from './rule.js';
import { TOOLCHAIN_MODULE } from './toolchain.js';
import type { ModuleVerdict } from './types.js';
import type { ProbeRecord } from './verdict.js';

export interface ToolchainFetch {
  network: NetworkFacts;
  /** The Go version go would switch to (`go1.25.0`). */
  version: string;
  /** `golang.org/toolchain@v0.0.1-go1.25.0.linux-amd64`. */
  module: string;
  /** `linux/amd64`. */
  platform: string;
  verdict: ModuleVerdict;
  /** The probe at the entry where the walk ended or erred. */
  record?: ProbeRecord;
  entry: number;
}

export function toolchainFetch(input: CheckInput): ToolchainFetch | undefined {
  const network = input.network;
  const tc = input.toolchain;
  const verdict = network?.modules.find((m) => m.source === 'toolchain');
  if (!network || !verdict || tc.switchTo === undefined) return undefined;
  const module = `${TOOLCHAIN_MODULE}@${tc.moduleVersion ?? ''}`;
  const entry = verdict.fetch.errorFrom ?? verdict.fetch.stoppedAt;
  const record = recordFinder(network)(module, entry);
  return {
    network,
    version: tc.switchTo,
    module,
    platform: ((tc.moduleVersion ?? '').split('.').pop() ?? '').replace('-', '/'),
    verdict,
    ...(record ? { record } : {}),
    entry,
  };
}

/** Every entry go asked said "not found" (or served nothing at all). */
export function toolchainNotFoundAnywhere(fetch: ToolchainFetch): boolean {
  const steps = fetch.verdict.fetch.steps;
  return fetch.verdict.result === 'fail' && fetch.verdict.failedAt?.stage !== 'verify' && steps.length > 0 && steps.every((s) => s.outcome === 'not-found' || s.outcome === 'ok');
}
