/**
 * module-not-found: the module or version does not exist where go looked — a proxy's 404/410, an
 * unknown revision, an invalid or non-matching version, a +incompatible or major-version mismatch, or
 * a module whose go.mod declares a different path than the one required.
 */
import { adviceFix, extendListFix, joinSentences, type Fix } from '../fix.js';
import { looksPrivateModule, privatePatternFor } from '../goenv/private-hints.js';
import { coveringEntry } from '../goenv/query.js';
import { t } from '../i18n/language.js';
import { baseFields, clampConfidence, evidenceLine, privateProxyUnknownModule, type BlockFacts } from './facts.js';
import { isNotFound, NON_NOT_FOUND_CAUSE } from './signals.js';
import type { Scenario, ScenarioFacts, ScenarioMatch } from './types.js';

/** What module-not-found extracts: which kind of "does not exist" this is. */
export type ModuleNotFoundDetails =
  | { readonly kind: 'path-mismatch'; readonly declared: string; readonly required: string }
  | { readonly kind: 'major-version'; readonly suggestedPath?: string }
  | { readonly kind: 'unknown-revision'; readonly revision: string }
  | { readonly kind: 'no-matching-version'; readonly query: string }
  | { readonly kind: 'malformed-path'; readonly path: string; readonly reason: string }
  | { readonly kind: 'http-not-found' | 'repository-not-found' | 'invalid-version' | 'no-module-for-package' | 'repository-unreadable' };

// go1.23 src/cmd/go/internal/modload/modfile.go:606-610
const PATH_MISMATCH = /module declares its path as: (\S{1,300})\n\s{0,40}but was required as: (\S{1,300})/;
// go1.23 src/cmd/go/internal/modfetch/coderepo.go:478-484
const MAJOR_VERSION =
  /module contains a go\.mod file, so module path must match major version \("([^"\n]{1,300})"\)|\+incompatible suffix not allowed[^\n]{0,200}|module path includes a major version suffix, so major version must match|should be v0 or v1, not (v\d{1,9})|should be (v\d{1,9}), not (v\d{1,9})/;
// go1.23 src/cmd/go/internal/modfetch/codehost/codehost.go:171-173 (UnknownRevisionError)
const UNKNOWN_REVISION = /unknown revision (\S{1,300})/;
// go1.23 src/cmd/go/internal/modload/query.go:998
const NO_MATCHING = /no matching versions for query "([^"\n]{1,300})"/;
// go1.23 src/cmd/vendor/golang.org/x/mod/module/module.go:157-160 (InvalidVersionError)
const INVALID_VERSION = /invalid (?:pseudo-)?version: /;
// go1.23 src/cmd/go/internal/modload/import.go (ImportMissingError)
const NO_MODULE_FOR_PACKAGE = /cannot find module providing package (\S{1,300})/;
const MALFORMED_PATH = /malformed module path "([^"\n]{1,300})": ([^\n]{1,300})/;
const GIT_NOT_FOUND = /fatal: repository '[^'\n]{0,512}' not found|remote: Not Found|Repository not found|does not appear to be a git repository/;
// git could not read a repository without a prompt: missing credentials, or no such repository (a
// misspelt or deleted path looks private to a code host). auth-required reads it too, as an equal.
const GIT_PROMPT = /could not read (?:Username|Password)|terminal prompts disabled/;
// A major version of 2 or more (go1.23 src/cmd/vendor/golang.org/x/mod/module/module.go CheckPathMajor).
const MAJOR_2_PLUS = /^v([2-9]|[1-9]\d{1,8})\./;

interface Classified {
  details: ModuleNotFoundDetails;
  confidence: number;
  evidence: RegExp;
}

/**
 * `@v2.0.1` asked of a path without `/v2`: go1.23 src/cmd/go/internal/modfetch/coderepo.go:478-484 refuses
 * such a version, and a proxy answers 404/410 for it. The suggested path is the module path with the suffix.
 */
function majorVersionMismatch(module: string | undefined, version: string | undefined): string | undefined {
  if (module === undefined || version === undefined || version.endsWith('+incompatible')) return undefined;
  const major = MAJOR_2_PLUS.exec(version);
  if (!major) return undefined;
  if (/\/v\d{1,9}$/.test(module) || module.startsWith('gopkg.in/')) return undefined;
  return `${module}/v${major[1] as string}`;
}

function classify(facts: BlockFacts): Classified | undefined {
  const text = facts.ownText;
  const status = facts.status;
  // go's own words about a module's identity: no other context needed (a pasted pair of lines is enough).
  const mismatch = text.match(PATH_MISMATCH);
  if (mismatch) return { details: { kind: 'path-mismatch', declared: mismatch[1] as string, required: mismatch[2] as string }, confidence: 0.9, evidence: /module declares its path as/ };
  if (!facts.fetchContext) return undefined;
  const major = text.match(MAJOR_VERSION);
  if (major) {
    return { details: { kind: 'major-version', ...(major[1] !== undefined ? { suggestedPath: major[1] } : {}) }, confidence: 0.85, evidence: MAJOR_VERSION };
  }
  if (isNotFound(status) && !facts.sumdb) {
    const suggestedPath = majorVersionMismatch(facts.module, facts.version);
    if (suggestedPath !== undefined) return { details: { kind: 'major-version', suggestedPath }, confidence: 0.85, evidence: /: (?:404|410) / };
    return { details: { kind: 'http-not-found' }, confidence: 0.8, evidence: /: (?:404|410) / };
  }
  const unknown = text.match(UNKNOWN_REVISION);
  if (unknown) return { details: { kind: 'unknown-revision', revision: unknown[1] as string }, confidence: 0.85, evidence: UNKNOWN_REVISION };
  const noMatch = text.match(NO_MATCHING);
  if (noMatch) return { details: { kind: 'no-matching-version', query: noMatch[1] as string }, confidence: 0.85, evidence: NO_MATCHING };
  const malformed = text.match(MALFORMED_PATH);
  if (malformed) return { details: { kind: 'malformed-path', path: malformed[1] as string, reason: malformed[2] as string }, confidence: 0.75, evidence: MALFORMED_PATH };
  // git saying the repository does not exist names the cause.
  if (GIT_NOT_FOUND.test(text) && status === undefined) return { details: { kind: 'repository-not-found' }, confidence: 0.85, evidence: GIT_NOT_FOUND };
  if (GIT_PROMPT.test(text) && status === undefined) return { details: { kind: 'repository-unreadable' }, confidence: 0.8, evidence: GIT_PROMPT };
  // The remaining texts wrap whatever went wrong underneath; only claim them when nothing more specific shows.
  if (NON_NOT_FOUND_CAUSE.test(text) || status !== undefined) return undefined;
  if (INVALID_VERSION.test(text)) return { details: { kind: 'invalid-version' }, confidence: 0.7, evidence: INVALID_VERSION };
  if (NO_MODULE_FOR_PACKAGE.test(text)) return { details: { kind: 'no-module-for-package' }, confidence: 0.6, evidence: NO_MODULE_FOR_PACKAGE };
  return undefined;
}

/** The module-not-found scenario: the module or version does not exist where go looked. */
export const moduleNotFound: Scenario<ModuleNotFoundDetails> = {
  id: 'module-not-found',
  get title() {
    return t`Module or version not found`;
  },
  get summary() {
    return t`The module path or version does not exist where go looked for it.`;
  },
  get explanation() {
    return joinSentences(
      t`A module proxy answers 404 Not Found or 410 Gone when it has no such module or version; cmd/go then tries the next GOPROXY entry after a comma, and reports the 404 only when every entry failed the same way.`,
      t`The same scenario covers versions a repository does not have (unknown revision), queries no version satisfies, major-version mistakes (a v2+ module must be required as path/v2; +incompatible is only for modules without a go.mod) and a go.mod whose module line declares a different path than the one required.`,
      t`When the module is private, a public proxy answers 404/410 too: see private-module-proxied.`,
    );
  },
  goSources: [
    'go1.23 src/cmd/go/internal/web/api.go:48-55 (reading <URL>: 404 Not Found, server response)',
    'go1.23 src/cmd/go/internal/web/api.go:72-74 (404 and 410 mean "not exist")',
    'go1.23 src/cmd/vendor/golang.org/x/mod/module/module.go:157-165 (M@V: / module M: prefixes)',
    'go1.23 src/cmd/go/internal/modfetch/codehost/codehost.go:171-173 (unknown revision)',
    'go1.23 src/cmd/go/internal/modload/query.go:998 (no matching versions for query)',
    'go1.23 src/cmd/go/internal/modfetch/coderepo.go:478-484 (+incompatible and major version)',
    'go1.23 src/cmd/go/internal/modload/modfile.go:606-610 (module declares its path as)',
    'go1.23 src/cmd/go/internal/modload/init.go:436-459 (git runs without prompts: a missing repository and a private one read alike)',
    'go1.23 src/cmd/vendor/golang.org/x/mod/module/module.go CheckPathMajor (v2+ needs the /vN suffix)',
  ],
  examples: [
    'go: example.com/x@v1.0.0: reading https://proxy.golang.org/example.com/x/@v/v1.0.0.info: 404 Not Found\n\tserver response: not found: example.com/x@v1.0.0: invalid version: unknown revision v1.0.0',
    'go: example.com/x@v1.9: no matching versions for query "v1.9"',
    'go: example.com/x@v1.0.0: parsing go.mod:\n\tmodule declares its path as: example.com/y\n\t        but was required as: example.com/x',
  ],
  trigger: /\b(?:404|410)\b|unknown revision|invalid (?:pseudo-)?version|no matching versions|declares its path|incompatible|major version|cannot find module providing|malformed module path|not found|git repository|could not read|terminal prompts/,

  match(block, context): ScenarioMatch<ModuleNotFoundDetails> | undefined {
    const facts = block.facts;
    if (facts.toolchain) return undefined;
    const classified = classify(facts);
    if (!classified) return undefined;
    const details = classified.details;
    let confidence = classified.confidence;
    if (details.kind === 'http-not-found' || details.kind === 'unknown-revision' || details.kind === 'invalid-version') {
      // A credential failure behind the 404, or a company-looking host that GOPRIVATE does not cover,
      // points at a private module rather than a missing one.
      // This environment declares the module private (GOPRIVATE, or GONOPROXY): a proxy was asked for it
      // anyway, so the failing run lacked that setting (private-module-proxied ranks first).
      const declaredPrivate =
        facts.module !== undefined && (coveringEntry(context.env, 'GOPRIVATE', facts.module) !== undefined || coveringEntry(context.env, 'GONOPROXY', facts.module) !== undefined);
      if (facts.credentialFailure !== undefined) confidence = 0.4;
      else if (declaredPrivate && facts.status !== undefined) confidence = 0.45;
      else if (looksPrivateModule(facts.module)) confidence = 0.5;
      // A company's own proxy that does not know the module at all (its list or latest is 404) cannot
      // tell a missing module from one it may not read: private-module-proxied is an equal, ahead.
      else if (details.kind === 'http-not-found' && privateProxyUnknownModule(facts)) confidence = 0.75;
    }
    const fields = baseFields(facts);
    // `module M: no matching versions for query "Q"` names no version; the query is what was asked for.
    if (fields.version === undefined && details.kind === 'no-matching-version') fields.version = details.query;
    return { confidence: clampConfidence(confidence), fields, evidence: evidenceLine(block, classified.evidence), details };
  },

  fixes(diagnosis: ScenarioFacts<ModuleNotFoundDetails>, env): Fix[] {
    const { module, version } = diagnosis.fields;
    const details = diagnosis.details;
    const fixes: Fix[] = [];
    const versionsCommand = module !== undefined ? `go list -m -versions ${module}` : undefined;
    switch (details.kind) {
      case 'path-mismatch': {
        const { declared, required } = details;
        fixes.push(
          adviceFix(
            'require-declared-path',
            t`The module's go.mod says its path is ${declared}, but your code requires it as ${required}. Require and import it by its declared path.`,
            `go get ${declared}@${version ?? 'latest'}`,
          ),
          adviceFix(
            'replace-fork',
            t`If you deliberately use a fork under another path, keep the original path in imports and redirect it with a replace directive instead.`,
            `go mod edit -replace=${declared}=${required}@${version ?? 'latest'}`,
          ),
        );
        return fixes;
      }
      case 'major-version': {
        const suggested = details.suggestedPath;
        fixes.push(
          adviceFix(
            'major-version-path',
            suggested !== undefined
              ? t`Version ${version ?? ''} of this module has a go.mod, so v2 and later must be required with the major-version suffix: ${suggested}. Update the require line and the imports.`
              : t`The version and the module path disagree on the major version: v2+ modules with a go.mod are required as <path>/vN, and +incompatible is only for v2+ tags of modules without a go.mod.`,
            suggested !== undefined ? `go get ${suggested}@${version?.replace(/\+incompatible$/, '') ?? 'latest'}` : undefined,
          ),
        );
        if (versionsCommand) fixes.push(adviceFix('list-versions', t`List the versions that exist for this path.`, versionsCommand));
        return fixes;
      }
      case 'malformed-path':
        fixes.push(adviceFix('fix-module-path', t`"${details.path}" is not a valid module path (${details.reason}). Fix the import path or the require line; module paths start with a host name containing a dot.`));
        return fixes;
      case 'repository-not-found':
      case 'repository-unreadable':
        if (module !== undefined) {
          fixes.push(
            adviceFix(
              'check-repository',
              details.kind === 'repository-not-found'
                ? t`git says the repository behind ${module} does not exist: check the import path for a typo, a renamed or deleted repository. If it is private, git would say the same to an account without access.`
                : t`git could not read the repository behind ${module} without asking for credentials: either it is private, or it does not exist (a misspelt path looks private to a code host). Let git ask once: a repository that is still "not found" after you log in does not exist.`,
              `GIT_TERMINAL_PROMPT=1 go list -m -versions ${module}`,
            ),
          );
        }
        break;
      default:
        break;
    }
    if (versionsCommand) {
      fixes.push(adviceFix('list-versions', t`Check which versions of ${module} exist; a typo in the path or a version that was never tagged gives the same 404.`, versionsCommand));
    }
    if (module !== undefined && version !== undefined) {
      fixes.push(
        adviceFix(
          'require-existing-version',
          t`Require a version that exists (latest shown here); if ${version} was tagged minutes ago, the proxy may not have it yet.`,
          `go get ${module}@latest`,
        ),
        adviceFix(
          'fetch-direct-once',
          t`To fetch a freshly pushed tag from its origin once, bypass the proxy for one command; the checksum database still verifies it.`,
          `GOPROXY=direct go get ${module}@${version}`,
        ),
      );
    } else if (module !== undefined) {
      fixes.push(adviceFix('add-module', t`If the import path is right, add the module that provides it.`, `go get ${module}`));
    }
    if (module !== undefined && coveringEntry(env, 'GOPRIVATE', module) === undefined) {
      fixes.push(
        extendListFix(
          'goprivate-add',
          env,
          'GOPRIVATE',
          privatePatternFor(module),
          t`If ${module} is a private module, public proxies cannot see it: mark it private so go fetches it directly (see private-module-proxied).`,
        ),
      );
    }
    return fixes;
  },
};
