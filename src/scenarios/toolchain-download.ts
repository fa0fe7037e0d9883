/**
 * toolchain-download: Go 1.21+ toolchain switching failed — the go.mod needs a newer Go than the one
 * running and switching is off (GOTOOLCHAIN=local), or the toolchain module could not be downloaded
 * through GOPROXY, or GOTOOLCHAIN is malformed. Older Go (1.19/1.20) fails on the new go.mod syntax.
 */
import { adviceFix, joinSentences, setVariableFix, unsetVariableFix, type Fix } from '../fix.js';
import { currentValue, originOf } from '../goenv/query.js';
import { t } from '../i18n/language.js';
import { baseFields, clampConfidence, evidenceLine } from './facts.js';
import type { Scenario, ScenarioFacts, ScenarioMatch } from './types.js';

/** Why fetching the toolchain module failed, when go said so. */
export type ToolchainFetchCause = 'gosumdb-off' | 'goproxy-off' | 'not-found';

/** What toolchain-download extracts: which step of toolchain selection failed. `fields.version` is the Go version involved. */
export type ToolchainDownloadDetails =
  | { readonly kind: 'too-new'; readonly required: string; readonly running?: string; readonly gotoolchain?: string }
  | { readonly kind: 'not-available'; readonly platform?: string; readonly cause?: ToolchainFetchCause }
  | { readonly kind: 'download-failed' | 'switch-failed'; readonly cause?: ToolchainFetchCause }
  | { readonly kind: 'language-version' | 'not-in-path' | 'old-go' }
  | { readonly kind: 'invalid-gotoolchain'; readonly value: string };

interface Rule {
  kind: ToolchainDownloadDetails['kind'];
  pattern: RegExp;
  confidence: number;
}

const RULES: readonly Rule[] = [
  // go1.23 src/cmd/go/internal/toolchain/select.go:341
  { kind: 'not-available', pattern: /download (go[^\s:]{1,40}) for (\S{1,60}): toolchain not available/, confidence: 0.95 },
  // go1.23 src/cmd/go/internal/toolchain/select.go:339
  { kind: 'language-version', pattern: /invalid toolchain: (go\S{1,40}) is a language version but not a toolchain version/, confidence: 0.95 },
  // go1.23 src/cmd/go/internal/gover/toolchain.go:81-95 (`; GOTOOLCHAIN=…`, then `; go.work sets go …`)
  { kind: 'too-new', pattern: /requires go >= ([^\s()]{1,40}) \(running go ([^;)\s]{1,40})(?:; GOTOOLCHAIN=([^;)\n]{1,100}))?(?:; [^;)\n]{1,200})?\)/, confidence: 0.95 },
  // Before toolchain switching, `go mod tidy` refused a newer go line (golang.org/issue/46142):
  // go1.17 src/cmd/go/internal/modload/load.go (`maximum supported version is`, backported to 1.15 and 1.16),
  // go1.19 src/cmd/go/internal/modload/load.go:1011 (`maximum version supported by tidy is`).
  { kind: 'too-new', pattern: /go\.mod file indicates go ([\d.]{1,20}), but maximum (?:supported version|version supported by tidy) is ([\d.]{1,20})/, confidence: 0.9 },
  // go1.23 src/cmd/go/internal/toolchain/select.go:149-157,249
  { kind: 'invalid-gotoolchain', pattern: /invalid GOTOOLCHAIN "([^"\n]{0,200})"[^\n]{0,200}/, confidence: 0.95 },
  // go1.23 src/cmd/go/internal/toolchain/select.go:318
  { kind: 'not-in-path', pattern: /cannot find "(go[^"\n]{1,40})" in PATH/, confidence: 0.9 },
  // go1.23 src/cmd/go/internal/toolchain/switch.go:97
  { kind: 'switch-failed', pattern: /switching to go >= (\S{1,40}): [^\n]{0,300}/, confidence: 0.9 },
  // go1.23 src/cmd/go/internal/toolchain/select.go:343
  { kind: 'download-failed', pattern: /download (go\d[^\s:]{0,40}): [^\n]{0,300}/, confidence: 0.9 },
  { kind: 'download-failed', pattern: /golang\.org\/toolchain@(v0\.0\.1-go[^\s:]{1,60})[^\n]{0,300}/, confidence: 0.85 },
  // go1.19/1.20 reading a go.mod written for 1.21+ (go1.19 src/cmd/go/internal/modload/modfile.go)
  { kind: 'old-go', pattern: /invalid go version '([^'\n]{1,40})': must match format[^\n]{0,100}|unknown directive: toolchain/, confidence: 0.85 },
];

/** Why fetching the toolchain module failed, when the error text says so. */
function fetchCause(text: string): ToolchainFetchCause | undefined {
  if (/checksum database disabled by GOSUMDB=off/.test(text)) return 'gosumdb-off';
  if (/module lookup disabled by GOPROXY=off/.test(text)) return 'goproxy-off';
  if (/: (?:404|410) /.test(text)) return 'not-found';
  return undefined;
}

/** The toolchain-download scenario: toolchain switching or download failed. */
export const toolchainDownload: Scenario<ToolchainDownloadDetails> = {
  id: 'toolchain-download',
  get title() {
    return t`Go toolchain switch or download failed`;
  },
  get summary() {
    return t`go.mod needs a different Go toolchain, and go could not switch to or download it.`;
  },
  get explanation() {
    return joinSentences(
      t`Since Go 1.21, a go or toolchain line newer than the running Go makes go switch toolchains when GOTOOLCHAIN is auto (the default from $GOROOT/go.env): it looks for go1.N.M in PATH, then downloads the module golang.org/toolchain@v0.0.1-go1.N.M.<os>-<arch> through GOPROXY and verifies it with the checksum database even when GOSUMDB=off.`,
      t`With GOTOOLCHAIN=local it refuses with "requires go >= …".`,
      t`"toolchain not available" is any not-found answer, which includes GOPROXY=off and failed direct fetches.`,
      t`Go 1.19 and 1.20 do not know toolchain switching and reject three-part go lines; from Go 1.15 on, \`go mod tidy\` refuses a newer go line outright ("go.mod file indicates go 1.17, but maximum supported version is 1.15").`,
    );
  },
  goSources: [
    'go1.19 src/cmd/go/internal/modload/load.go:1011 (go.mod file indicates go X, but maximum version supported by tidy is Y; go1.15 to 1.17 said maximum supported version)',
    'go1.23 src/cmd/go/internal/toolchain/select.go:139-160 (GOTOOLCHAIN forms)',
    'go1.23 src/cmd/go/internal/toolchain/select.go:310-343 (PATH lookup, download, errors)',
    'go1.23 src/cmd/go/internal/toolchain/switch.go:97-101 (switching to go >= …)',
    'go1.23 src/cmd/go/internal/gover/toolchain.go:81-95 (requires go >= … (running go …; GOTOOLCHAIN=…))',
    'go1.23 src/cmd/go/internal/modfetch/sumdb.go:35-50 (toolchain downloads always use the checksum database)',
  ],
  examples: [
    'go: go.mod requires go >= 1.98.0 (running go 1.23.5; GOTOOLCHAIN=local)',
    'go: download go1.98.0 for linux/amd64: toolchain not available',
    'go: download go1.99.0: golang.org/toolchain@v0.0.1-go1.99.0.linux-amd64: verifying module: checksum database disabled by GOSUMDB=off',
  ],
  trigger: /toolchain|requires go >=|GOTOOLCHAIN|invalid go version|download go\d|in PATH|maximum (?:supported )?version/,

  match(block): ScenarioMatch<ToolchainDownloadDetails> | undefined {
    const facts = block.facts;
    const text = facts.ownText;
    for (const rule of RULES) {
      const found = text.match(rule.pattern);
      if (!found) continue;
      const fields = baseFields(facts);
      let details: ToolchainDownloadDetails;
      switch (rule.kind) {
        case 'not-available':
          fields.version = found[1] as string;
          details = { kind: rule.kind, platform: found[2] as string };
          break;
        case 'too-new':
          fields.version = found[1] as string;
          details = { kind: rule.kind, required: found[1] as string, running: found[2] as string, ...(found[3] !== undefined ? { gotoolchain: found[3] } : {}) };
          break;
        case 'language-version':
        case 'not-in-path':
          fields.version = found[1] as string;
          details = { kind: rule.kind };
          break;
        case 'invalid-gotoolchain':
          details = { kind: rule.kind, value: found[1] as string };
          break;
        case 'switch-failed':
        case 'download-failed': {
          if (found[1] !== undefined) fields.version = (found[1] as string).replace(/^v0\.0\.1-/, '').replace(/\.[a-z0-9]{1,20}-[a-z0-9]{1,20}$/, '');
          const cause = fetchCause(text);
          details = { kind: rule.kind, ...(cause !== undefined ? { cause } : {}) };
          break;
        }
        case 'old-go':
          if (found[1] !== undefined) fields.version = found[1];
          details = { kind: rule.kind };
          break;
      }
      delete fields.module;
      return { confidence: clampConfidence(rule.confidence), fields, evidence: evidenceLine(block, rule.pattern), details };
    }
    return undefined;
  },

  fixes(diagnosis: ScenarioFacts<ToolchainDownloadDetails>, env): Fix[] {
    const details = diagnosis.details;
    // For too-new, the required version is part of the details (check states it without a go error to read).
    const version = details.kind === 'too-new' ? details.required : diagnosis.fields.version;
    const goVersion = version !== undefined ? (version.startsWith('go') ? version : `go${version}`) : undefined;
    const fixes: Fix[] = [];
    const install = adviceFix(
      'install-toolchain',
      t`Install ${goVersion ?? t`the required Go`} yourself (https://go.dev/dl/) and put it first in PATH; with GOTOOLCHAIN=auto go also picks up a ${goVersion ?? 'go1.N.M'} binary found in PATH.`,
      goVersion !== undefined ? `go install golang.org/dl/${goVersion}@latest && ${goVersion} download` : undefined,
    );
    switch (details.kind) {
      case 'too-new': {
        const toolchain = details.gotoolchain ?? currentValue(env, 'GOTOOLCHAIN');
        if (toolchain !== undefined && /local/.test(toolchain)) {
          const origin = originOf(env, 'GOTOOLCHAIN');
          fixes.push(
            origin === 'environment' || origin === 'goenv-file'
              ? unsetVariableFix('gotoolchain-auto', env, 'GOTOOLCHAIN', t`GOTOOLCHAIN=${toolchain} forbids switching: remove it so go downloads ${goVersion ?? t`the required toolchain`} by itself.`)
              : setVariableFix('gotoolchain-auto', env, 'GOTOOLCHAIN', 'auto', t`GOTOOLCHAIN=${toolchain} forbids switching: allow go to download ${goVersion ?? t`the required toolchain`} by itself.`),
          );
          fixes.push(install);
        } else {
          fixes.push(install, adviceFix('upgrade-go', t`Go 1.21 and later switch toolchains by themselves; upgrading the installed Go to 1.21+ makes this automatic.`));
        }
        fixes.push(
          adviceFix(
            'lower-go-line',
            t`Only if the go line was raised by mistake: lower it to the running version (${details.running ?? t`the installed Go`}). This can break code that needs the newer language features.`,
            details.running !== undefined ? `go mod edit -go=${details.running}` : undefined,
          ),
        );
        return fixes;
      }
      case 'not-available':
      case 'download-failed':
      case 'switch-failed': {
        const cause = details.cause;
        if (cause === 'gosumdb-off') {
          fixes.push(unsetVariableFix('gosumdb-unset', env, 'GOSUMDB', t`Toolchain downloads are always verified against the checksum database, even with GOSUMDB=off: turn it back on.`), install);
          return fixes;
        }
        const goproxy = currentValue(env, 'GOPROXY');
        fixes.push(
          adviceFix(
            'check-version-exists',
            t`Check that ${goVersion ?? t`the version`} is a released Go version: a typo in the go or toolchain line (such as go 1.98.0) gives the same error.`,
          ),
          adviceFix(
            'toolchain-proxy',
            goproxy !== undefined
              ? t`Toolchains are downloaded as the module golang.org/toolchain through GOPROXY (now: ${goproxy}): with GOPROXY=off, or direct on a network that cannot reach go.dev, the download fails. Use a proxy that serves golang.org/toolchain, or install the toolchain yourself.`
              : t`Toolchains are downloaded as the module golang.org/toolchain through GOPROXY: with GOPROXY=off, or direct on a network that cannot reach go.dev, the download fails. Use a proxy that serves golang.org/toolchain, or install the toolchain yourself.`,
          ),
          install,
        );
        return fixes;
      }
      case 'language-version':
        fixes.push(
          adviceFix(
            'use-release-name',
            t`${goVersion ?? t`The value`} names a language version, not a release: use a full release name such as ${goVersion ?? 'go1.N'}.0 in GOTOOLCHAIN or the toolchain line.`,
            goVersion !== undefined ? `go mod edit -toolchain=${goVersion}.0` : undefined,
          ),
        );
        return fixes;
      case 'invalid-gotoolchain':
        fixes.push(
          unsetVariableFix(
            'gotoolchain-unset',
            env,
            'GOTOOLCHAIN',
            t`GOTOOLCHAIN="${details.value}" is not valid. Valid forms: local, auto, path, go1.N.M, go1.N.M+auto, go1.N.M+path. Remove it to get the default (auto).`,
          ),
        );
        return fixes;
      case 'not-in-path':
        fixes.push(install, setVariableFix('gotoolchain-auto', env, 'GOTOOLCHAIN', 'auto', t`GOTOOLCHAIN=…+path only searches PATH; +auto (or auto) also downloads the toolchain.`));
        return fixes;
      default:
        fixes.push(
          adviceFix('upgrade-go', t`This Go is older than 1.21 and cannot read go.mod files written for newer Go (three-part go lines, toolchain lines): install Go 1.21 or later, which also switches toolchains by itself.`),
        );
        return fixes;
    }
  },
};
