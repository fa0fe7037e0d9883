/**
 * The environment variable names Go reads, and the one a name Go does not know was probably meant to be
 * (`GO_PROXY`, `goproxy`, `GOPROXYS` → GOPROXY; `GONOSUMCHECK` → GONOSUMDB). Pure.
 */

/**
 * The names cmd/go accepts: its `KnownEnv` list (go1.26 src/internal/cfg/cfg.go:12-74), which
 * `CanGetenv` consults (go1.26 src/cmd/go/internal/cfg/cfg.go:446-453) and `go env -w` enforces with
 * "unknown go command variable" (go1.26 src/cmd/go/internal/envcmd/env.go:613-617).
 */
const CMD_GO_KNOWN = [
  'AR', 'CC', 'CGO_CFLAGS', 'CGO_CFLAGS_ALLOW', 'CGO_CFLAGS_DISALLOW', 'CGO_CPPFLAGS', 'CGO_CPPFLAGS_ALLOW',
  'CGO_CPPFLAGS_DISALLOW', 'CGO_CXXFLAGS', 'CGO_CXXFLAGS_ALLOW', 'CGO_CXXFLAGS_DISALLOW', 'CGO_ENABLED',
  'CGO_FFLAGS', 'CGO_FFLAGS_ALLOW', 'CGO_FFLAGS_DISALLOW', 'CGO_LDFLAGS', 'CGO_LDFLAGS_ALLOW',
  'CGO_LDFLAGS_DISALLOW', 'CXX', 'FC', 'GCCGO', 'GO111MODULE', 'GO386', 'GOAMD64', 'GOARCH', 'GOARM', 'GOARM64',
  'GOAUTH', 'GOBIN', 'GOCACHE', 'GOCACHEPROG', 'GOENV', 'GOEXE', 'GOEXPERIMENT', 'GOFIPS140', 'GOFLAGS',
  'GOGCCFLAGS', 'GOHOSTARCH', 'GOHOSTOS', 'GOINSECURE', 'GOMIPS', 'GOMIPS64', 'GOMODCACHE', 'GONOPROXY',
  'GONOSUMDB', 'GOOS', 'GOPATH', 'GOPPC64', 'GOPRIVATE', 'GOPROXY', 'GORISCV64', 'GOROOT', 'GOSUMDB', 'GOTMPDIR',
  'GOTOOLCHAIN', 'GOTOOLDIR', 'GOVCS', 'GOWASM', 'GOWORK', 'GO_EXTLINK_ENABLED', 'PKG_CONFIG',
] as const;

/**
 * Names Go reads or reports that a user does not set for cmd/go: `go env` output beyond KnownEnv
 * (go1.26 src/cmd/go/internal/envcmd/env.go:79-177), the runtime's variables (go1.26 src/runtime/extern.go:17-27,
 * 237-253), GOCOVERDIR (go1.26 src/cmd/go/internal/help/helpdoc.go:680) and the bootstrap build's
 * (go1.26 src/cmd/dist/buildtool.go:135; go1.22 src/cmd/dist/build.go:129).
 */
const OTHER_GO_NAMES = [
  'GOMOD', 'GOVERSION', 'GOTELEMETRY', 'GOTELEMETRYDIR', 'GODEBUG',
  'GOGC', 'GOMEMLIMIT', 'GOMAXPROCS', 'GORACE', 'GOTRACEBACK', 'GOCOVERDIR',
  'GOROOT_BOOTSTRAP', 'GOROOT_FINAL',
] as const;

/**
 * Known names nobody means when misspelling one: values only go computes, which `go env -w` refuses to set
 * (go1.26 src/cmd/go/internal/envcmd/env.go:605-611). `GO_VERSION` is a common CI variable of its own, not a
 * misspelt GOVERSION.
 */
const COMPUTED = new Set(['GOEXE', 'GOGCCFLAGS', 'GOHOSTARCH', 'GOHOSTOS', 'GOMOD', 'GOVERSION', 'GOTOOLDIR', 'GOTELEMETRY', 'GOTELEMETRYDIR']);

const KNOWN: ReadonlySet<string> = new Set<string>([...CMD_GO_KNOWN, ...OTHER_GO_NAMES]);

/** The names a misspelling may be resolved to: the `GO*` names a user sets. */
const CANDIDATES: readonly string[] = [...KNOWN].filter((n) => n.startsWith('GO') && !COMPUTED.has(n));

/** Longer names are not looked at: no Go variable comes near, and the distance stays cheap. */
const MAX_NAME_LENGTH = 64;

/**
 * Whether Go reads a variable of this name: exactly as spelt, or in any case where names are
 * case-insensitive (the OS environment on Windows; never the go env file, whose names go matches exactly).
 */
export function isKnownGoName(name: string, options: { caseInsensitive?: boolean } = {}): boolean {
  return KNOWN.has(options.caseInsensitive === true ? name.toUpperCase() : name);
}

// Upper-case, without `_` and `-`: `GO_PROXY`, `go-proxy` and `goproxy` all read GOPROXY.
function normalized(name: string): string {
  return name.toUpperCase().replace(/[_-]/g, '');
}

/** Optimal-string-alignment distance (insertions, deletions, substitutions, adjacent swaps), O(|a|·|b|). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const previous = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (rows[i - 2] as number[])[j - 2] as number + 1);
      row.push(best);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}

function commonPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** How far a name may be from a known one and still count as a misspelling of it. */
function allowedDistance(known: string): number {
  if (known.length >= 8) return 2;
  return known.length >= 5 ? 1 : 0;
}

/**
 * The Go variable an unknown `GO*` name was probably meant to be, or undefined when none is close: the same
 * name in another case or with `_`/`-` added (`goproxy`, `GO_PROXY`), a small edit away (`GOPROXYS`,
 * `GOSUMBD`), or the same stem with a different ending (`GONOSUMCHECK` → GONOSUMDB). A known name followed
 * by `_` and more (`GOPROXY_URL`, `GOPRIVATE_TOKEN`) is taken to be a script's own variable, not a mistake.
 */
export function probablyMeant(name: string): string | undefined {
  if (name.length < 3 || name.length > MAX_NAME_LENGTH || !/^go/i.test(name) || KNOWN.has(name)) return undefined;
  const upper = name.toUpperCase();
  const plain = normalized(name);
  let best: { name: string; score: number } | undefined;
  for (const known of CANDIDATES) {
    if (upper.startsWith(`${known}_`) || upper.startsWith(`${known}-`)) continue;
    const target = normalized(known);
    let score: number | undefined;
    if (plain === target) score = 0;
    else {
      const distance = editDistance(plain, target);
      if (distance <= allowedDistance(target)) score = distance;
      else {
        const prefix = commonPrefixLength(plain, target);
        if (prefix >= 7 && prefix >= target.length - 2) score = 10 + (target.length - prefix);
      }
    }
    if (score !== undefined && (best === undefined || score < best.score)) best = { name: known, score };
  }
  return best?.name;
}
