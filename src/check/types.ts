/** The shapes `check` produces: findings (what is wrong and what to do) and probes (what was measured). */
import type { Fix, Severity } from '../fix.js';

/** Which part of the report a finding belongs to; `--only`/`--skip` select by group. */
export type FindingGroup = 'config' | 'proxy' | 'sumdb' | 'toolchain' | 'credentials';

/** One thing `check` wants the user to know, with the evidence and the fixes in rank order. */
export interface Finding {
  /** An explain-catalogue scenario id where one applies, else a check-specific id. */
  id: string;
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

/** The timed phases of one probe. */
export interface ProbeTimings {
  dns?: number;
  connect?: number;
  proxy?: number;
  tls?: number;
  http?: number;
  total: number;
}

/** One probed URL as it appears in the report and in `--json`. */
export interface ProbeSummary {
  /** The URL requested, userinfo redacted. */
  url: string;
  /** What was being probed: a GOPROXY entry, the checksum database, a toolchain download. */
  target: string;
  ok: boolean;
  /** The last phase reached: dns, connect, proxy, tls, http or done. */
  phase: string;
  status?: number;
  error?: string;
  timings: ProbeTimings;
}
