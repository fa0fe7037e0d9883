/**
 * private-module-proxied: a private module path went to a proxy that cannot see it. Public proxies
 * answer 404/410; their own fetch of the repository fails on credentials, which they quote in the
 * `server response:`. The fix is GOPRIVATE (or GONOPROXY), so go fetches the module directly.
 */
import { adviceFix, extendListFix, joinSentences, shellQuote, type Fix } from '../fix.js';
import { looksPrivateModule, privatePatternFor } from '../goenv/private-hints.js';
import { coveringEntry, currentValue, originOf } from '../goenv/query.js';
import { t } from '../i18n/language.js';
import { baseFields, clampConfidence, evidenceLine, privateProxyUnknownModule } from './facts.js';
import { isNotFound } from './signals.js';
import type { Scenario, ScenarioFacts, ScenarioMatch } from './types.js';

/** What private-module-proxied extracts: how the proxy showed it cannot read the module, and what already covers it. */
export interface PrivateModuleProxiedDetails {
  /** `not-found`: a 404/410 for a private-looking path; `credential-failure`: the proxy's own fetch failed on credentials. */
  readonly kind: 'not-found' | 'credential-failure';
  /** The GOPRIVATE pattern to propose. */
  readonly pattern?: string;
  /** The GOPRIVATE entry that already covers the module here, if any. */
  readonly coveredByGoprivate?: string;
  readonly coveredByGonoproxy?: string;
  readonly credentialFailure?: string;
}

/** The private-module-proxied scenario: a private module was sent to a proxy. */
export const privateModuleProxied: Scenario<PrivateModuleProxiedDetails> = {
  id: 'private-module-proxied',
  get title() {
    return t`Private module sent to a proxy`;
  },
  get summary() {
    return t`A private module was requested from a module proxy that cannot read it.`;
  },
  get explanation() {
    return joinSentences(
      t`cmd/go sends every module to the GOPROXY list unless its path matches GONOPROXY, which defaults to GOPRIVATE.`,
      t`A public proxy such as proxy.golang.org cannot read private repositories: it answers 404 Not Found or 410 Gone, and its \`server response:\` often quotes its own failed git fetch ("could not read Username", "terminal prompts disabled").`,
      t`Listing the path in GOPRIVATE makes go fetch it directly from its origin (with your git credentials) and skip the public checksum database.`,
      t`If GOPRIVATE on this machine already covers the path, the failing run (CI, a container) did not have it.`,
    );
  },
  goSources: [
    'go1.23 src/cmd/go/internal/modfetch/proxy.go:62-66 (noproxy entry for GONOPROXY matches)',
    'go1.23 src/cmd/go/internal/cfg/cfg.go:430-432 (GONOPROXY and GONOSUMDB default to GOPRIVATE)',
    'go1.23 src/cmd/go/internal/web/api.go:48-55 (server response text)',
    'go1.23 src/cmd/go/internal/modfetch/codehost/git.go:254-256 (could not read Username help text)',
    'go1.23 src/cmd/vendor/golang.org/x/mod/module/module.go:802-841 (MatchPrefixPatterns)',
    'go1.23 src/cmd/go/internal/modfetch/proxy.go:139-185 (TryProxies: a 404/410 from a private proxy ends the walk unless another entry follows)',
  ],
  examples: [
    [
      'go: github.com/acme/private@v1.2.0: reading https://proxy.golang.org/github.com/acme/private/@v/v1.2.0.info: 404 Not Found',
      '\tserver response:',
      "\tnot found: github.com/acme/private@v1.2.0: invalid version: git ls-remote -q origin in /tmp/gopath/pkg/mod/cache/vcs/0123: exit status 128:",
      "\t\tfatal: could not read Username for 'https://github.com': terminal prompts disabled",
      '\tConfirm the import path was entered correctly.',
      '\tIf this is a private repository, see https://golang.org/doc/faq#git_https for additional information.',
    ].join('\n'),
    'go: git.corp.example.com/team/lib@v0.3.1: reading https://proxy.golang.org/git.corp.example.com/team/lib/@v/v0.3.1.info: 410 Gone',
  ],
  trigger: /\b(?:404|410)\b|server response|could not read|terminal prompts|Authentication failed|publickey|Repository not found/,

  match(block, context): ScenarioMatch<PrivateModuleProxiedDetails> | undefined {
    const facts = block.facts;
    if (!facts.fetchContext) return undefined;
    if (facts.sumdb || facts.toolchain || facts.connectReply) return undefined;
    const credentialInResponse = facts.credentialFailureInResponse;
    // A proxy's body quoted on its own (`not found: module M: git ls-remote … could not read Username`)
    // is the proxy's own fetch failing on credentials, whatever URL it came from.
    const bodyOnly = facts.proxyBody && credentialInResponse;
    if (!bodyOnly && (facts.url === undefined || facts.status === undefined)) return undefined;
    // A `?go-get=1` lookup is a direct fetch: no proxy was involved.
    if (facts.url !== undefined && /\?go-get=1/.test(facts.url)) return undefined;
    if (!bodyOnly && !isNotFound(facts.status) && !credentialInResponse) return undefined;
    const module = facts.module;
    const coveredPrivate = module !== undefined ? coveringEntry(context.env, 'GOPRIVATE', module) : undefined;
    const coveredNoProxy = module !== undefined ? coveringEntry(context.env, 'GONOPROXY', module) : undefined;
    let confidence: number;
    if (credentialInResponse) confidence = coveredPrivate === undefined ? 0.9 : 0.8;
    else if (looksPrivateModule(module)) confidence = 0.85;
    // This environment declares the module private: the run that asked a proxy for it did not have that.
    else if (coveredPrivate !== undefined || coveredNoProxy !== undefined) confidence = 0.85;
    // The organisation's own proxy does not know the module at all: it cannot read it, or it does not
    // exist. Equal with module-not-found, and the likelier reading where a company runs its own proxy.
    else if (privateProxyUnknownModule(facts)) confidence = 0.8;
    else if (module !== undefined) confidence = 0.35;
    else confidence = 0.25;
    const details: PrivateModuleProxiedDetails = {
      kind: credentialInResponse ? 'credential-failure' : 'not-found',
      ...(module !== undefined ? { pattern: privatePatternFor(module) } : {}),
      ...(coveredPrivate !== undefined ? { coveredByGoprivate: coveredPrivate } : {}),
      ...(coveredNoProxy !== undefined ? { coveredByGonoproxy: coveredNoProxy } : {}),
      ...(facts.credentialFailure !== undefined ? { credentialFailure: facts.credentialFailure } : {}),
    };
    return {
      confidence: clampConfidence(confidence),
      fields: baseFields(facts),
      evidence: evidenceLine(block, bodyOnly ? /could not read|terminal prompts|not found: / : /: (?:404|410|\d{3}) /),
      details,
    };
  },

  fixes(diagnosis: ScenarioFacts<PrivateModuleProxiedDetails>, env): Fix[] {
    const module = diagnosis.fields.module;
    const pattern = diagnosis.details.pattern;
    const fixes: Fix[] = [];
    if (module === undefined || pattern === undefined) {
      fixes.push(
        adviceFix(
          'goprivate-add',
          t`If the module is private, list its path in GOPRIVATE (for example github.com/acme/* or git.corp.example.com) so go fetches it directly instead of through the proxy.`,
          'go env -w "GOPRIVATE=$(go env GOPRIVATE),<module path pattern>"',
        ),
      );
      return fixes;
    }
    const noproxyOrigin = originOf(env, 'GONOPROXY');
    const explicitNoProxy = env !== undefined && noproxyOrigin !== undefined && noproxyOrigin !== 'derived' && (currentValue(env, 'GONOPROXY') ?? '') !== '';
    const noProxyFix = (): Fix =>
      extendListFix(
        'gonoproxy-add',
        env,
        'GONOPROXY',
        pattern,
        t`GONOPROXY is set explicitly (${currentValue(env, 'GONOPROXY') ?? ''}), so it does not inherit GOPRIVATE and ${module} still goes to the proxy: add the pattern to GONOPROXY too.`,
      );
    const coveredPrivate = diagnosis.details.coveredByGoprivate;
    if (coveredPrivate !== undefined) {
      if (explicitNoProxy && diagnosis.details.coveredByGonoproxy === undefined) fixes.push(noProxyFix());
      const value = currentValue(env, 'GOPRIVATE') ?? coveredPrivate;
      fixes.push(
        adviceFix(
          'goprivate-elsewhere',
          t`GOPRIVATE here (${value}) covers ${module} through "${coveredPrivate}"; if the failing run was elsewhere (CI job, container, another user), it did not have GOPRIVATE: set it there.`,
          `export GOPRIVATE=${shellQuote(value)}`,
        ),
      );
    } else {
      fixes.push(
        extendListFix(
          'goprivate-add',
          env,
          'GOPRIVATE',
          pattern,
          t`Mark ${pattern} as private: go then fetches it directly from its repository and does not ask the public checksum database about it.`,
        ),
      );
      if (explicitNoProxy) fixes.push(noProxyFix());
    }
    const host = module.split('/')[0] ?? module;
    fixes.push(
      adviceFix(
        'git-insteadof-ssh',
        t`A direct fetch runs git without prompts (GIT_TERMINAL_PROMPT=0), so git must find credentials for ${host} on its own: a credential helper, a token in ~/.netrc, or SSH instead of HTTPS.`,
        `git config --global url."git@${host}:".insteadOf "https://${host}/"`,
      ),
      adviceFix(
        'private-proxy',
        t`If your organisation runs its own module proxy that can read ${module} (Athens, Artifactory, Nexus), list it first in GOPROXY instead and exclude the module from the public checksum database with GONOSUMDB=${pattern}.`,
      ),
    );
    return fixes;
  },
};
