/**
 * The shape of one failure scenario: the unit `explain` is built from. Like an ESLint rule, a scenario
 * is one file whose name is its id; it documents itself, matches log blocks and proposes fixes, and
 * never prints.
 */
import type { Fix } from '../fix.js';
import type { GoEnvironment } from '../goenv/types.js';
import type { BlockFacts } from './facts.js';

/** The twelve scenario ids. They are a public contract: JSON output, docs and tests use them. */
export const SCENARIO_IDS = [
  'module-not-found',
  'private-module-proxied',
  'sumdb-lookup-failed',
  'checksum-mismatch',
  'dns-failure',
  'network-blocked',
  'tls-certificate',
  'http-proxy-env',
  'auth-required',
  'proxy-config-invalid',
  'proxy-server-error',
  'toolchain-download',
] as const;

/** One of the public scenario ids. */
export type ScenarioId = (typeof SCENARIO_IDS)[number];

/** What a scenario pulls out of the error text. Every field is optional: not every message names them. */
export interface ExtractedFields {
  /** The module path (or, failing that, the import path) the failure is about. */
  module?: string;
  /** The version (or query, or Go version for toolchain failures). */
  version?: string;
  /** The URL that failed, with any userinfo password redacted. */
  url?: string;
  /** The host the failure is about: the URL's host, the unresolvable name, the HTTP proxy. */
  host?: string;
  /** The HTTP status code, when the failure was an HTTP response. */
  status?: number;
}

/**
 * A group of log lines that cmd/go printed as one error: the head line plus its continuation lines
 * (tab-indented detail, `server response:` bodies, the SECURITY ERROR paragraph).
 */
export interface LogBlock {
  /** The cleaned lines (no ANSI, no CI prefixes, no control characters). */
  readonly lines: readonly string[];
  /** The lines joined with `\n`. */
  readonly text: string;
  /** 1-based line number of the first line in the input. */
  readonly firstLine: number;
}

/** A block plus the facts every scenario reads, computed once per block. */
export interface AnalyzedBlock extends LogBlock {
  readonly facts: BlockFacts;
}

/** What a scenario's matcher sees besides the block. */
export interface MatchContext {
  /** The effective Go environment, when `go env -json` could be read (and `--no-env` was not given). */
  readonly env?: GoEnvironment;
}

/**
 * What every scenario's details have in common: a `kind` that says which variant of the scenario this
 * is. Each scenario declares its details as a discriminated union on `kind` in its own file; its
 * `match` produces them from text and `check` builds them from measured facts.
 */
export interface ScenarioDetails {
  readonly kind: string;
}

/** The facts a scenario's fixes are computed from, whoever established them (`explain` from text, `check` from probes). */
export interface ScenarioFacts<D extends ScenarioDetails = ScenarioDetails> {
  fields: ExtractedFields;
  details: D;
}

/** A scenario's verdict on one block. */
export interface ScenarioMatch<D extends ScenarioDetails = ScenarioDetails> extends ScenarioFacts<D> {
  /** 0..1. The engine ranks scenarios for the same block by it. */
  confidence: number;
  /** The single line that best shows the failure, quoted in the report. */
  evidence: string;
}

/** A scenario's match attached to its scenario and position: what `explain` reports. */
export interface Diagnosis<D extends ScenarioDetails = ScenarioDetails> extends ScenarioMatch<D> {
  scenario: ScenarioId;
  /** 1-based line number where the failure's block starts. */
  line: number;
}

/** One catalogued failure scenario, with the details type `D` its match produces and its fixes consume. */
export interface Scenario<D extends ScenarioDetails = ScenarioDetails> {
  readonly id: ScenarioId;
  /** A short title, shown as the heading of a diagnosis. */
  readonly title: string;
  /** One sentence: what went wrong. */
  readonly summary: string;
  /** A paragraph or two: why cmd/go fails this way and how to tell the causes apart. */
  readonly explanation: string;
  /** Citations of the Go source the message formats come from, e.g. `go1.23 src/cmd/go/internal/web/api.go:48-55`. */
  readonly goSources: readonly string[];
  /** Example error text in cmd/go's format; `--scenario` shows it and the tests require it to match. */
  readonly examples: readonly string[];
  /**
   * A cheap pre-filter: a block whose text does not match it is never given to `match`.
   * It keeps long build logs fast.
   */
  readonly trigger: RegExp;
  /** Decides whether the block shows this scenario; undefined when it does not. Pure. */
  match(block: AnalyzedBlock, context: MatchContext): ScenarioMatch<D> | undefined;
  /**
   * The fixes for these facts, best first. Pure: the environment arrives as data. Declared as a method
   * so a catalogue of scenarios with different details can be held in one list.
   */
  fixes(facts: ScenarioFacts<D>, env?: GoEnvironment): Fix[];
}
