/**
 * proxy-config-invalid: go's own configuration stopped the fetch — GOPROXY=off, an empty or invalid
 * GOPROXY list, a `go env -w` value shadowed by the OS environment, GO111MODULE=off, removed flags such as
 * -insecure, an http proxy written without its scheme, or credentials on an http:// proxy URL.
 */
import { adviceFix, extendListFix, joinSentences, setVariableFix, unsetVariableFix, type Fix } from '../fix.js';
import { privatePatternFor } from '../goenv/private-hints.js';
import { currentValue, defaultFor, fromOsEnvironment } from '../goenv/query.js';
import { SHADOWED_NOTE_PREFIX, type GoEnvironment } from '../goenv/types.js';
import { t } from '../i18n/language.js';
import { baseFields, clampConfidence, evidenceLine, type BlockFacts } from './facts.js';
import type { Scenario, ScenarioFacts, ScenarioMatch } from './types.js';

/** What proxy-config-invalid extracts: which setting stopped the fetch, and the offending value. */
export type ProxyConfigInvalidDetails =
  | { readonly kind: 'goproxy-off' | 'mod-vendor' | 'empty-list' | 'modules-off' | 'insecure-flag' | 'http-to-https' | 'noproxy' | 'gopath-mode' }
  | { readonly kind: 'missing-scheme' | 'bad-scheme' | 'bad-file-url' | 'quoted-value'; readonly entry?: string }
  | { readonly kind: 'shadowed'; readonly variable: string }
  | { readonly kind: 'goflags'; readonly error?: string }
  | { readonly kind: 'insecure-credentials'; readonly url?: string }
  | { readonly kind: 'insecure-redirect'; readonly from?: string; readonly to?: string };

type ProxyConfigInvalidKind = ProxyConfigInvalidDetails['kind'];

/** The kinds whose details name one GOPROXY entry. */
type EntryKind = Extract<ProxyConfigInvalidDetails, { readonly entry?: string }>['kind'];

interface Rule {
  kind: ProxyConfigInvalidKind;
  pattern: RegExp;
  confidence: number;
}

// Ordered: the first rule that matches names the kind.
const RULES: readonly Rule[] = [
  // go1.23 src/cmd/go/internal/modfetch/repo.go:267
  { kind: 'goproxy-off', pattern: /module lookup disabled by GOPROXY=off/, confidence: 0.95 },
  // go1.23 src/cmd/go/internal/modfetch/repo.go:257-262
  { kind: 'mod-vendor', pattern: /module lookup disabled by -mod=vendor/, confidence: 0.9 },
  // go1.23 src/cmd/go/internal/modfetch/proxy.go:118-124
  { kind: 'empty-list', pattern: /GOPROXY list is not the empty string, but contains no entries/, confidence: 0.95 },
  // go1.23 src/cmd/go/internal/modfetch/proxy.go:207-215
  { kind: 'missing-scheme', pattern: /invalid proxy URL missing scheme: (\S{1,512})/, confidence: 0.95 },
  { kind: 'bad-scheme', pattern: /invalid proxy URL scheme \(must be https, http, file\): (\S{1,512})/, confidence: 0.95 },
  { kind: 'bad-file-url', pattern: /invalid file:\/\/ proxy URL with non-path elements: (\S{1,512})/, confidence: 0.95 },
  // A quoted value in the go env file keeps its quotes (go1.23 src/cmd/go/internal/cfg/cfg.go:339-369).
  { kind: 'quoted-value', pattern: /parse "\\"[^\n]{0,300}?first path segment in URL cannot contain colon|parse "[^"\n]{0,512}": first path segment in URL cannot contain colon/, confidence: 0.85 },
  // go1.23 src/cmd/go/internal/envcmd/env.go:402-404
  { kind: 'shadowed', pattern: /warning: go env -w (\w{1,64})=[^\n]{0,300}?does not override conflicting OS environment variable/, confidence: 0.9 },
  { kind: 'modules-off', pattern: /modules disabled by GO111MODULE=off[^\n]{0,200}|cannot find package "[^"\n]{1,300}" in any of:/, confidence: 0.9 },
  // GOPATH-mode `go get` (GO111MODULE=off, or auto outside a module before Go 1.16) fetches every import
  // from its origin and never reads GOPROXY: `package P: unrecognized import path "P" (https fetch: …)`
  // (go1.12 src/cmd/go/internal/get/vcs.go repoRootForImportPath, reported through load.PackageError).
  // The fetch's own failure is the other, equal, reading (network-blocked, dns-failure, tls-certificate).
  { kind: 'gopath-mode', pattern: /^package [^\s:]{1,300}: unrecognized import path "[^"\n]{1,300}" \((?:https fetch|https fetch failed)/m, confidence: 0.85 },
  // go1.23 src/cmd/go/internal/modget/get.go:299-300
  { kind: 'insecure-flag', pattern: /-insecure flag is no longer supported[^\n]{0,200}/, confidence: 0.95 },
  // go1.23 src/cmd/go/internal/base/goflags.go:78
  { kind: 'goflags', pattern: /parsing \$GOFLAGS: [^\n]{0,300}/, confidence: 0.85 },
  // go1.23 src/cmd/go/internal/web/http.go:282-287
  { kind: 'insecure-credentials', pattern: /refusing to pass credentials to insecure URL: (\S{1,512})/, confidence: 0.9 },
  { kind: 'http-to-https', pattern: /server gave HTTP response to HTTPS client/, confidence: 0.8 },
  // go1.23 src/cmd/go/internal/web/http.go:54-58
  { kind: 'insecure-redirect', pattern: /redirected from secure URL (\S{1,512}) to insecure URL (\S{1,512})/, confidence: 0.7 },
  // go1.23 src/cmd/go/internal/modfetch/repo.go:268-269
  { kind: 'noproxy', pattern: /disabled by GOPRIVATE\/GONOPROXY|path does not match GOPRIVATE\/GONOPROXY/, confidence: 0.7 },
];

/** The variables whose `go env -w` value the OS environment overrides here (go1.23 src/cmd/go/internal/cfg/cfg.go:388-393). */
function shadowedVariables(env: GoEnvironment | undefined): Set<string> {
  const names = new Set<string>();
  for (const info of Object.values(env?.variables ?? {})) {
    if (info.origin === 'environment' && info.notes.some((note) => note.startsWith(SHADOWED_NOTE_PREFIX))) names.add(info.name);
  }
  return names;
}

/** The hosts of GOPROXY's URL entries. */
function goproxyHosts(goproxy: string | undefined): string[] {
  return (goproxy ?? '').split(/[,|]/).flatMap((entry) => {
    try {
      return [new URL(entry.trim()).host];
    } catch {
      return [];
    }
  });
}

/**
 * A failure that a `go env -w` setting shadowed by the OS environment explains (env-aware): someone set
 * the file's value, go kept using the OS one. The failing request went to a GOPROXY host of the OS
 * value while the file says otherwise: that is the cause to fix first. For the private-module and
 * checksum-database settings the file's value may or may not have covered the module: a runner-up.
 */
function shadowedSetting(facts: BlockFacts, env: GoEnvironment | undefined): { variable: string; confidence: number } | undefined {
  if (!facts.fetchContext || env === undefined) return undefined;
  const shadowed = shadowedVariables(env);
  if (shadowed.size === 0) return undefined;
  if (shadowed.has('GOPROXY') && facts.urlHost !== undefined && !facts.sumdb && !facts.direct && goproxyHosts(currentValue(env, 'GOPROXY')).includes(facts.urlHost)) {
    return { variable: 'GOPROXY', confidence: 0.92 };
  }
  const proxied = facts.urlHost !== undefined && !facts.sumdb && !facts.direct && (facts.status === 404 || facts.status === 410 || facts.credentialFailureInResponse);
  for (const name of ['GOPRIVATE', 'GONOPROXY']) if (proxied && shadowed.has(name)) return { variable: name, confidence: 0.6 };
  for (const name of ['GONOSUMDB', 'GOPRIVATE', 'GOSUMDB']) if (facts.sumdb && shadowed.has(name)) return { variable: name, confidence: 0.6 };
  if (facts.toolchain && shadowed.has('GOTOOLCHAIN')) return { variable: 'GOTOOLCHAIN', confidence: 0.6 };
  return undefined;
}

/** The details of a rule's match: what its pattern captured, named for what it is. */
function detailsFor(kind: ProxyConfigInvalidKind, found: RegExpMatchArray): ProxyConfigInvalidDetails {
  const first = found[1];
  switch (kind) {
    case 'missing-scheme':
    case 'bad-scheme':
    case 'bad-file-url':
    case 'quoted-value':
      return { kind, ...(first !== undefined ? { entry: first } : {}) };
    case 'shadowed':
      return { kind, variable: first ?? 'GOPROXY' };
    case 'goflags':
      return { kind, ...(first !== undefined ? { error: first } : {}) };
    case 'insecure-credentials':
      return { kind, ...(first !== undefined ? { url: first } : {}) };
    case 'insecure-redirect':
      return { kind, ...(first !== undefined ? { from: first } : {}), ...(found[2] !== undefined ? { to: found[2] } : {}) };
    default:
      return { kind };
  }
}

/** The proxy-config-invalid scenario: go's own configuration stopped the fetch. */
export const proxyConfigInvalid: Scenario<ProxyConfigInvalidDetails> = {
  id: 'proxy-config-invalid',
  get title() {
    return t`Go module configuration prevents the fetch`;
  },
  get summary() {
    return t`go's own settings (GOPROXY, GO111MODULE, GOFLAGS, go env -w) stopped the download before or instead of a fetch.`;
  },
  get explanation() {
    return joinSentences(
      t`GOPROXY=off disables module lookups (modules matching GONOPROXY/GOPRIVATE are still fetched directly).`,
      t`Every GOPROXY entry is validated before any fetch: it needs an https://, http:// or file:/// scheme; \`direct\` and \`off\` are lower-case keywords; an entry without a scheme gets https:// added, so a plain HTTP proxy written as host:port fails with "server gave HTTP response to HTTPS client".`,
      t`An empty list fails with "contains no entries" (also on Go 1.21+ when $GOROOT/go.env is missing).`,
      t`Values set in the OS environment override \`go env -w\`, which only warns.`,
      t`GO111MODULE=off turns modules off altogether, and -insecure was removed in favour of GOINSECURE.`,
      t`In GOPATH mode (GO111MODULE=off, or auto outside a module before Go 1.16) \`go get\` ignores GOPROXY altogether and fetches each import from its origin.`,
    );
  },
  goSources: [
    'go1.23 src/cmd/go/internal/modfetch/proxy.go:62-128 (GOPROXY parsing)',
    'go1.23 src/cmd/go/internal/modfetch/proxy.go:197-215 (entry validation errors)',
    'go1.23 src/cmd/go/internal/modfetch/repo.go:257-269 (module lookup disabled)',
    'go1.23 src/cmd/go/internal/cfg/cfg.go:388-393 (OS environment first, empty means unset)',
    'go1.23 src/cmd/go/internal/envcmd/env.go:402-404 (go env -w does not override)',
    'go1.23 src/cmd/go/internal/modget/get.go:299-300 (-insecure removed)',
    'go1.23 src/cmd/go/internal/web/http.go:54-58,282-287 (insecure redirect and credentials)',
    'go1.12 src/cmd/go/internal/get/vcs.go repoRootForImportPath (GOPATH mode: unrecognized import path "P" (https fetch: …))',
  ],
  examples: [
    'go: example.com/x@v1.0.0: module lookup disabled by GOPROXY=off',
    'go: example.com/x@v1.0.0: invalid proxy URL missing scheme: localhost',
    'go: example.com/x@v1.0.0: GOPROXY list is not the empty string, but contains no entries',
    'warning: go env -w GOPROXY=... does not override conflicting OS environment variable',
  ],
  trigger: /GOPROXY|proxy URL|GO111MODULE|-insecure|GOFLAGS|does not override|module lookup disabled|server gave HTTP response|refusing to pass credentials|cannot contain colon|GONOPROXY|redirected from secure|cannot find package|unrecognized import path|\/@v\/|\/@latest|\/lookup\/|\?go-get=1|golang\.org\/toolchain/,

  match(block, context): ScenarioMatch<ProxyConfigInvalidDetails> | undefined {
    const facts = block.facts;
    const text = facts.ownText;
    for (const rule of RULES) {
      const found = text.match(rule.pattern);
      if (!found) continue;
      // Through an HTTP proxy, a scheme mix-up is the proxy variable's problem (http-proxy-env).
      if (rule.kind === 'http-to-https' && facts.proxyConnect) return undefined;
      const details = detailsFor(rule.kind, found);
      let confidence = rule.confidence;
      if (facts.toolchain && rule.kind === 'goproxy-off') confidence = 0.6;
      if (rule.kind === 'gopath-mode' && context.env !== undefined) {
        // This environment decides whether GOPATH mode is likely: off forces it; auto meant it outside a
        // module only before Go 1.16 (go1.16 src/cmd/go/internal/modload/init.go: modules on by default).
        const mode = currentValue(context.env, 'GO111MODULE') ?? '';
        const minor = /^go1\.(\d{1,4})/.exec(context.env.goVersion)?.[1];
        if (mode === 'off') confidence = 0.9;
        else if (mode === 'on' || (minor !== undefined && Number(minor) >= 16)) confidence = 0.5;
      }
      return { confidence: clampConfidence(confidence), fields: baseFields(facts), evidence: evidenceLine(block, rule.pattern), details };
    }
    const shadowed = shadowedSetting(facts, context.env);
    if (shadowed === undefined) return undefined;
    return { confidence: shadowed.confidence, fields: baseFields(facts), evidence: evidenceLine(block), details: { kind: 'shadowed', variable: shadowed.variable } };
  },

  fixes(diagnosis: ScenarioFacts<ProxyConfigInvalidDetails>, env): Fix[] {
    const details = diagnosis.details;
    const module = diagnosis.fields.module;
    const goproxy = currentValue(env, 'GOPROXY');
    const fixes: Fix[] = [];
    switch (details.kind) {
      case 'goproxy-off': {
        if (env && goproxy !== 'off') {
          fixes.push(
            adviceFix(
              'goproxy-off-elsewhere',
              t`The failing run had GOPROXY=off, but here GOPROXY is ${goproxy === '' ? t`empty` : goproxy}: the run came from another environment (CI, container, script). Remove GOPROXY=off there.`,
            ),
          );
        } else {
          fixes.push(unsetVariableFix('goproxy-unset', env, 'GOPROXY', t`GOPROXY=off forbids module downloads: remove it to get the default (https://proxy.golang.org,direct).`));
        }
        fixes.push(
          adviceFix('vendor-offline', t`If builds must stay offline on purpose, vendor the dependencies while online and build from vendor/.`, 'go mod vendor'),
        );
        if (module !== undefined) {
          fixes.push(
            extendListFix(
              'goprivate-add',
              env,
              'GOPRIVATE',
              privatePatternFor(module),
              t`If ${module} is private, GOPRIVATE makes go fetch it directly even with GOPROXY=off (GOPROXY=off is not fully offline for such paths).`,
            ),
          );
        }
        return fixes;
      }
      case 'mod-vendor':
        fixes.push(
          adviceFix('vendor-refresh', t`The build reads dependencies from vendor/ only, and vendor/ lacks this module: refresh it.`, 'go mod vendor'),
          adviceFix('build-mod-mod', t`Or build from the module cache for this command.`, 'go build -mod=mod ./...'),
        );
        return fixes;
      case 'empty-list': {
        const missingGoEnv = env !== undefined && goproxy === '' && !/^go1\.(?:1\d|20)(?:\.|$)/.test(env.goVersion);
        fixes.push(
          setVariableFix(
            'goproxy-default',
            env,
            'GOPROXY',
            defaultFor('GOPROXY'),
            missingGoEnv
              ? t`GOPROXY is empty: this Go (1.21+) takes its default from $GOROOT/go.env, which is missing or lacks the line in this installation. Set the value explicitly.`
              : t`GOPROXY holds only separators or spaces (for example ","): set a real list.`,
          ),
        );
        return fixes;
      }
      case 'missing-scheme':
      case 'bad-scheme':
      case 'bad-file-url':
      case 'quoted-value':
        fixes.push(...fixEntryFixes(details.kind, details.entry, env));
        return fixes;
      case 'shadowed': {
        const name = details.variable;
        fixes.push(
          adviceFix(
            'os-variable-change',
            t`${name} is set in the OS environment, which overrides the go env file, so \`go env -w\` changed nothing that go uses. Change or remove ${name} where it is set (shell profile, CI variables, Dockerfile ENV).`,
            `unset ${name}`,
          ),
          adviceFix('check-effective-value', t`Then check which value go really uses.`, `go env ${name}`),
        );
        return fixes;
      }
      case 'modules-off':
        fixes.push(unsetVariableFix('go111module-unset', env, 'GO111MODULE', t`GO111MODULE=off turns module mode off (GOPATH mode): remove it; module mode is the default.`));
        return fixes;
      case 'gopath-mode':
        fixes.push(
          setVariableFix(
            'go111module-on',
            env,
            'GO111MODULE',
            'on',
            t`go ran in GOPATH mode (GO111MODULE=off, or auto outside a module before Go 1.16), which ignores GOPROXY and fetches every import from its origin: turn module mode on so GOPROXY is used.`,
          ),
          adviceFix('check-module-mode', t`Check the mode go runs in here: GOMOD empty (or /dev/null) with GO111MODULE auto on Go 1.15 or older means GOPATH mode.`, 'go env GO111MODULE GOMOD GOPROXY'),
        );
        return fixes;
      case 'insecure-flag':
        fixes.push(
          adviceFix(
            'insecure-flag-remove',
            currentValue(env, 'GOFLAGS')
              ? t`-insecure was removed from go get. Remove it from the command line or GOFLAGS (GOFLAGS=${currentValue(env, 'GOFLAGS') ?? ''}).`
              : t`-insecure was removed from go get. Remove it from the command line or GOFLAGS.`,
            fromOsEnvironment(env, 'GOFLAGS') ? 'unset GOFLAGS' : env && (currentValue(env, 'GOFLAGS') ?? '').includes('-insecure') ? 'go env -u GOFLAGS' : undefined,
          ),
        );
        if (module !== undefined) {
          fixes.push(
            extendListFix(
              'goinsecure-add',
              env,
              'GOINSECURE',
              privatePatternFor(module),
              t`If you really must fetch ${module} from a server without valid HTTPS, GOINSECURE allows it for matching paths, for direct fetches only.`,
              { weakensSecurity: true },
            ),
          );
        }
        return fixes;
      case 'goflags':
        fixes.push(unsetVariableFix('goflags-unset', env, 'GOFLAGS', t`GOFLAGS holds a flag no go command knows (${details.error ?? t`see the error`}): remove it.`));
        return fixes;
      case 'insecure-credentials':
        fixes.push(
          adviceFix(
            'goproxy-https-netrc',
            details.url !== undefined
              ? t`go never sends credentials over plain http: use the https:// URL of the proxy instead of ${details.url}, and keep the credentials in ~/.netrc rather than in GOPROXY.`
              : t`go never sends credentials over plain http: use the https:// URL of the proxy, and keep the credentials in ~/.netrc rather than in GOPROXY.`,
          ),
        );
        return fixes;
      case 'http-to-https': {
        const url = diagnosis.fields.url;
        let origin: string | undefined;
        try {
          origin = url !== undefined ? new URL(url).host : undefined;
        } catch {
          origin = undefined;
        }
        fixes.push(
          adviceFix(
            'goproxy-scheme',
            origin !== undefined
              ? t`${origin} speaks plain HTTP, but go used https://: a GOPROXY entry without a scheme gets https:// added. Write the scheme explicitly (http://${origin}...).`
              : t`The proxy speaks plain HTTP, but go used https://: a GOPROXY entry without a scheme gets https:// added. Write the scheme explicitly.`,
          ),
        );
        if (goproxy !== undefined && origin !== undefined) {
          const fixed = goproxy
            .split(/([,|])/)
            .map((entry) => (entry.trim() !== '' && !entry.includes('://') && entry.startsWith(origin) ? `http://${entry.trim()}` : entry))
            .join('');
          if (fixed !== goproxy) fixes.push(setVariableFix('goproxy-add-http', env, 'GOPROXY', fixed, t`Add http:// to that entry.`));
        }
        return fixes;
      }
      case 'insecure-redirect':
        fixes.push(adviceFix('fix-redirect', t`The proxy redirected from https to http (${details.to ?? ''}), which go refuses: fix the proxy's redirect or use its final https URL in GOPROXY.`));
        return fixes;
      default:
        fixes.push(adviceFix('check-private-settings', t`Check GOPRIVATE, GONOPROXY and GOPROXY together: \`go env GOPRIVATE GONOPROXY GOPROXY\`.`, 'go env GOPRIVATE GONOPROXY GOPROXY'));
        return fixes;
    }
  },
};

/** Fixes for one bad GOPROXY entry: rewrite it the way the user most likely meant. */
function fixEntryFixes(kind: EntryKind, value: string | undefined, env: GoEnvironment | undefined): Fix[] {
  const goproxy = currentValue(env, 'GOPROXY');
  const entry = value ?? '';
  let replacement: string | undefined;
  let why: string;
  if (kind === 'quoted-value') {
    why = t`The value is wrapped in quotes. The go env file takes everything after = literally, so the quotes became part of the URL: set it again without quotes.`;
    if (goproxy !== undefined) replacement = goproxy.replace(/^["']|["']$/g, '');
  } else if (kind === 'missing-scheme' && /^(?:direct|off)$/i.test(entry)) {
    why = t`"${entry}" is not a keyword: \`direct\` and \`off\` are lower-case and exact.`;
    replacement = entry.toLowerCase();
  } else if (kind === 'missing-scheme') {
    why = t`"${entry}" has no scheme, and go adds https:// only to entries containing ".", ":" or "/": write the scheme explicitly.`;
    replacement = entry.startsWith('/') ? `file://${entry}` : `https://${entry}`;
  } else if (kind === 'bad-scheme') {
    why = t`"${entry}" uses a scheme go does not fetch from: GOPROXY entries must be https://, http:// or file:///.`;
    replacement = entry.replace(/^[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\//, 'https://');
  } else {
    why = t`"${entry}" is not a valid file URL: only file:///absolute/path works (no host, three slashes).`;
    if (/^file:\/(?!\/)/.test(entry)) replacement = `file://${entry.slice('file:'.length)}`;
  }
  if (goproxy !== undefined && replacement !== undefined) {
    const fixed = kind === 'quoted-value' ? replacement : goproxy.split(/([,|])/).map((part) => (part.trim() === entry ? replacement : part)).join('');
    if (fixed !== goproxy) return [setVariableFix('goproxy-fix-entry', env, 'GOPROXY', fixed, why)];
  }
  return [adviceFix('goproxy-fix-entry', why, replacement !== undefined && kind !== 'quoted-value' ? `go env -w GOPROXY=${replacement},direct` : undefined)];
}
