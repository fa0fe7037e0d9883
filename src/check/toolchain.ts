/**
 * Toolchain switching (Go 1.21+), worked out without running anything: which toolchain go.mod's
 * `go`/`toolchain` lines make `go` select under the effective GOTOOLCHAIN, whether it would download
 * it as the module golang.org/toolchain through GOPROXY, and which lines are invalid. Pure.
 */
import type { ToolchainReport } from './types.js';

/** A Go version split the way cmd/go's gover package splits it (`1.21rc1` → 1, 21, '', rc, 1). */
export interface GoVersionParts {
  major: string;
  minor: string;
  patch: string;
  kind: string;
  pre: string;
}

// mirrors go1.23 src/internal/gover/gover.go:199-210 (cutInt): digits without a needless leading zero.
function cutInt(x: string): { n: string; rest: string } | undefined {
  const m = /^[0-9]+/.exec(x);
  if (!m) return undefined;
  const n = m[0];
  if (n.length > 1 && n.startsWith('0')) return undefined;
  return { n, rest: x.slice(n.length) };
}

/**
 * Parses a Go version (`1.21`, `1.21.3`, `1.22rc1`), or undefined when it is not one. Missing patch means
 * `.0` before 1.21 and "the language version" from 1.21 on.
 * mirrors go1.23 src/internal/gover/gover.go:127-196 (parse)
 */
export function parseGover(x: string): GoVersionParts | undefined {
  const major = cutInt(x);
  if (!major) return undefined;
  const v: GoVersionParts = { major: major.n, minor: '', patch: '', kind: '', pre: '' };
  let rest = major.rest;
  if (rest === '') return { ...v, minor: '0', patch: '0' };
  if (!rest.startsWith('.')) return undefined;
  const minor = cutInt(rest.slice(1));
  if (!minor) return undefined;
  v.minor = minor.n;
  rest = minor.rest;
  if (rest === '') {
    if (compareInt(v.minor, '21') < 0) v.patch = '0';
    return v;
  }
  if (rest.startsWith('.')) {
    const patch = cutInt(rest.slice(1));
    if (!patch || patch.rest !== '') return undefined;
    v.patch = patch.n;
    return v;
  }
  const kind = /^[a-z]+/.exec(rest);
  if (!kind) return undefined;
  v.kind = kind[0];
  rest = rest.slice(kind[0].length);
  if (rest === '') return v;
  const pre = cutInt(rest);
  if (!pre || pre.rest !== '') return undefined;
  v.pre = pre.n;
  return v;
}

// mirrors go1.23 src/internal/gover/gover.go:213-231 (CmpInt): decimal strings compared by length, then text.
function compareInt(x: string, y: string): number {
  if (x === y) return 0;
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : 1;
}

/**
 * Go's `gover.Compare`: -1, 0 or +1. Invalid versions compare as the smallest; `1.21` < `1.21rc1` < `1.21.0`.
 * mirrors go1.23 src/internal/gover/gover.go:35-57
 */
export function compareGoVersions(x: string, y: string): number {
  const vx = parseGover(x) ?? { major: '', minor: '', patch: '', kind: '', pre: '' };
  const vy = parseGover(y) ?? { major: '', minor: '', patch: '', kind: '', pre: '' };
  for (const key of ['major', 'minor', 'patch'] as const) {
    const c = compareInt(vx[key], vy[key]);
    if (c !== 0) return c;
  }
  if (vx.kind !== vy.kind) return vx.kind < vy.kind ? -1 : 1;
  return compareInt(vx.pre, vy.pre);
}

/** `gover.IsLang`: a language version such as `1.22` (no patch, no prerelease). mirrors go1.23 src/internal/gover/gover.go:80-84 */
export function isLangVersion(x: string): boolean {
  const v = parseGover(x);
  return v !== undefined && v.patch === '' && v.kind === '' && v.pre === '';
}

/**
 * `gover.FromToolchain`: the version in a toolchain name (`go1.22.0`, `go1.22.0-bigcorp`), or ''.
 * mirrors go1.23 src/cmd/go/internal/gover/toolchain.go:23-44
 */
export function versionFromToolchain(name: string): string {
  if (/[\\/]/.test(name) || !name.startsWith('go')) return '';
  let v = name.slice(2);
  const cut = v.search(/[ \t-]/);
  if (cut >= 0) v = v.slice(0, cut);
  return parseGover(v) ? v : '';
}

/** The `go` line syntax Go 1.21+ accepts. mirrors go1.23 src/cmd/vendor/golang.org/x/mod/modfile/rule.go:314 (GoVersionRE) */
export const GO_LINE_RE = /^([1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?$/;
/** The `toolchain` line syntax. mirrors go1.23 src/cmd/vendor/golang.org/x/mod/modfile/rule.go:322 (ToolchainRE) */
export const TOOLCHAIN_LINE_RE = /^default$|^go1($|\.)/;
/** The `go` line syntax of go1.19/go1.20's x/mod: two parts only. */
const OLD_GO_LINE_RE = /^([1-9][0-9]*)\.(0|[1-9][0-9]*)$/;

/** What the analysis needs: the local Go, GOTOOLCHAIN, go.mod's lines and the host platform. */
export interface ToolchainInput {
  /** `go env GOVERSION`, e.g. `go1.23.5`. */
  goVersion: string;
  /** The effective GOTOOLCHAIN ('' when go.env has no line, or on Go before 1.21). */
  gotoolchain: string;
  goLine?: string;
  toolchainLine?: string;
  /** The platform of the running go (GOHOSTOS/GOHOSTARCH), which names the toolchain zip. */
  goos: string;
  goarch: string;
}

/** Something about the toolchain lines or GOTOOLCHAIN that makes go fail or surprises. */
export type ToolchainProblem =
  /** cmd/go's fatal error text for GOTOOLCHAIN. */
  | { kind: 'invalid-gotoolchain'; error: string }
  | { kind: 'invalid-go-line'; error: string }
  | { kind: 'invalid-toolchain-line'; error: string }
  /** The selected toolchain is older than the go line and switching is not allowed. */
  | { kind: 'too-new'; required: string; running: string; error: string }
  /** The selected toolchain name is a language version, which has no download. */
  | { kind: 'language-version'; toolchain: string; error: string }
  /** GOTOOLCHAIN=path/+path: go looks only in PATH. */
  | { kind: 'path-only'; toolchain: string }
  /** Go before 1.21 cannot read a go.mod written for 1.21+ (a three-part go line or a toolchain line). */
  | { kind: 'old-go'; error: string };

/** The outcome: the report part plus the problems found. */
export interface ToolchainAnalysis extends ToolchainReport {
  problems: ToolchainProblem[];
}

/** `go1.23.5` → `1.23.5`; a development build counts as newer than any release. */
export function localGoVersion(goVersion: string): string {
  const trimmed = goVersion.trim();
  if (trimmed.startsWith('devel')) return '9999.0.0';
  const m = /^go([0-9][0-9a-z.]*)/.exec(trimmed);
  return m?.[1] ?? trimmed;
}

/**
 * The golang.org/toolchain module version a download fetches: `v0.0.1-go1.22.0.linux-amd64`.
 * mirrors go1.23 src/cmd/go/internal/toolchain/select.go:42-43, 330-334
 */
export function toolchainModuleVersion(toolchain: string, goos: string, goarch: string): string {
  return `v0.0.1-${toolchain}.${goos}-${goarch}`;
}

/** The module path toolchains are downloaded as. mirrors go1.23 src/cmd/go/internal/toolchain/select.go:42 */
export const TOOLCHAIN_MODULE = 'golang.org/toolchain';

/**
 * Works out what `go` does at startup with go.mod's `go`/`toolchain` lines under GOTOOLCHAIN.
 * mirrors go1.23 src/cmd/go/internal/toolchain/select.go:92-260 (Select) and :300-345 (Exec);
 * Go before 1.21 has no switching (GOTOOLCHAIN arrived in go1.21: src/cmd/go/internal/toolchain/select.go).
 */
export function analyzeToolchain(input: ToolchainInput): ToolchainAnalysis {
  const local = localGoVersion(input.goVersion);
  const report: ToolchainAnalysis = { local, gotoolchain: input.gotoolchain, action: 'none', problems: [] };
  if (input.goLine !== undefined) report.goLine = input.goLine;
  if (input.toolchainLine !== undefined) report.toolchainLine = input.toolchainLine;

  // Go before 1.21: no GOTOOLCHAIN, and its x/mod refuses three-part go lines.
  if (compareGoVersions(local, '1.21') < 0) {
    if (input.goLine !== undefined && !OLD_GO_LINE_RE.test(input.goLine)) {
      report.problems.push({ kind: 'old-go', error: `go.mod: invalid go version '${input.goLine}': must match format 1.23` });
    } else if (input.toolchainLine !== undefined) {
      report.problems.push({ kind: 'old-go', error: `go.mod: unknown directive: toolchain` });
    }
    return report;
  }

  if (input.goLine !== undefined && !GO_LINE_RE.test(input.goLine)) {
    report.problems.push({ kind: 'invalid-go-line', error: `go.mod: invalid go version '${input.goLine}': must match format 1.23.0` });
  }
  if (input.toolchainLine !== undefined && !TOOLCHAIN_LINE_RE.test(input.toolchainLine)) {
    report.problems.push({ kind: 'invalid-toolchain-line', error: `go.mod: invalid toolchain version '${input.toolchainLine}': must match format go1.23.0 or default` });
  }

  const gotoolchain = input.gotoolchain;
  // An empty GOTOOLCHAIN (go.env without the line) lets the local go run.
  if (gotoolchain === '') return report;

  const localToolchain = `go${local}`;
  let minToolchain = localToolchain;
  let minVers = local;
  let mode: string;
  if (gotoolchain === 'auto' || gotoolchain === 'path') {
    mode = gotoolchain;
  } else {
    const plus = gotoolchain.indexOf('+');
    const min = plus < 0 ? gotoolchain : gotoolchain.slice(0, plus);
    const suffix = plus < 0 ? '' : gotoolchain.slice(plus + 1);
    if (min !== 'local') {
      const v = versionFromToolchain(min);
      if (v === '') {
        const error = plus >= 0 ? `invalid GOTOOLCHAIN "${gotoolchain}": invalid minimum toolchain "${min}"` : `invalid GOTOOLCHAIN "${gotoolchain}"`;
        report.problems.push({ kind: 'invalid-gotoolchain', error });
        report.action = 'invalid';
        return report;
      }
      minToolchain = min;
      minVers = v;
    }
    if (plus >= 0 && suffix !== 'auto' && suffix !== 'path') {
      report.problems.push({ kind: 'invalid-gotoolchain', error: `invalid GOTOOLCHAIN "${gotoolchain}": only version suffixes are +auto and +path` });
      report.action = 'invalid';
      return report;
    }
    mode = suffix;
  }

  let selected = minToolchain;
  if (mode === 'auto' || mode === 'path') {
    const toolchain = input.toolchainLine;
    if (toolchain !== 'default') {
      if (toolchain !== undefined && TOOLCHAIN_LINE_RE.test(toolchain)) {
        const toolVers = versionFromToolchain(toolchain);
        if (toolVers === '' || (!toolchain.startsWith('go') && !toolchain.includes('-go'))) {
          report.problems.push({ kind: 'invalid-toolchain-line', error: `invalid toolchain "${toolchain}" in go.mod` });
          report.action = 'invalid';
          return report;
        }
        if (compareGoVersions(toolVers, minVers) > 0) {
          selected = toolchain;
          minVers = toolVers;
        }
      }
      const goVers = input.goLine;
      if (goVers !== undefined && GO_LINE_RE.test(goVers) && compareGoVersions(goVers, minVers) > 0) {
        // From 1.21 on, the first release of a language version is 1.N.0: never download `go1.N`.
        selected = `go${goVers}` + (isLangVersion(goVers) && compareGoVersions(goVers, '1.21') >= 0 ? '.0' : '');
        minVers = goVers;
      }
    }
  }

  if (selected === 'local' || selected === localToolchain) {
    // The local go runs; it refuses a go line newer than itself (gover/toolchain.go:81-95).
    const goVers = input.goLine;
    if (goVers !== undefined && GO_LINE_RE.test(goVers) && compareGoVersions(goVers, local) > 0) {
      report.action = 'refused';
      report.problems.push({
        kind: 'too-new',
        required: goVers,
        running: local,
        error: `go: go.mod requires go >= ${goVers} (running go ${local}; GOTOOLCHAIN=${gotoolchain})`,
      });
    }
    return report;
  }
  if (!selected.startsWith('go1') && !selected.includes('-go1')) {
    report.problems.push({ kind: 'invalid-gotoolchain', error: `invalid GOTOOLCHAIN "${selected}"` });
    report.action = 'invalid';
    return report;
  }
  report.switchTo = selected;
  // A selected toolchain older than the go line would itself refuse the module.
  const selectedVers = versionFromToolchain(selected);
  if (input.goLine !== undefined && GO_LINE_RE.test(input.goLine) && compareGoVersions(input.goLine, selectedVers) > 0) {
    report.problems.push({
      kind: 'too-new',
      required: input.goLine,
      running: selectedVers,
      error: `go: go.mod requires go >= ${input.goLine} (running go ${selectedVers}; GOTOOLCHAIN=${gotoolchain})`,
    });
  }
  if (mode === 'path') {
    report.action = 'path';
    report.problems.push({ kind: 'path-only', toolchain: selected });
    return report;
  }
  report.action = 'download';
  report.moduleVersion = toolchainModuleVersion(selected, input.goos, input.goarch);
  if (isLangVersion(selectedVers) && compareGoVersions(selectedVers, '1.21') >= 0) {
    report.problems.push({
      kind: 'language-version',
      toolchain: selected,
      error: `go: invalid toolchain: ${selected} is a language version but not a toolchain version (${selected}.x)`,
    });
  }
  return report;
}
