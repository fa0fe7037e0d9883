/**
 * direct-no-go-import: go asked `https://<path>?go-get=1` where a module's repository is and got no usable
 * go-import tag (none for the path, an unparsable page, several tags, a tag the shorter prefix's page
 * does not confirm, an invalid repository URL, subdirectory or VCS), so the direct fetch stops before git
 * (`unrecognized import path "…": … no go-import meta tags`, go1.26 src/cmd/go/internal/vcs/vcs.go
 * repoRootForImportDynamic). A code host often serves the tag to signed-in users only, and go sends
 * ~/.netrc credentials (GOAUTH on Go 1.24+) with that request.
 */
import { adviceFix, type Fix } from '../../fix.js';
import { looksPrivateModule } from '../../goenv/private-hints.js';
import { moduleAt } from '../fetch-failures.js';
import { directHeadline, directRuleFor, failedDirectEvidence, failedDirectFetches, failureHost, type DirectFailureCase } from '../direct-findings.js';
import type { CheckRule } from '../rule.js';
import { hostnameOf, makeFinding } from '../rule-kit.js';
import type { Finding } from '../types.js';
import { t } from '../../i18n/language.js';

function fixesFor(c: DirectFailureCase): Fix[] {
  const module = c.result.module;
  const host = failureHost(c.result) ?? module.split('/')[0] ?? module;
  const hostname = hostnameOf(host);
  const sentCredentials = c.result.requests.some((r) => r.credentials !== undefined);
  const repoGuess = `https://${module.split('/').slice(0, 3).join('/')}`;
  const fixes: Fix[] = [];
  if (!sentCredentials && (looksPrivateModule(module) || c.result.route?.reason === 'noproxy')) {
    fixes.push(
      adviceFix(
        'netrc-entry',
        /^go1\.(?:2[4-9]|[3-9]\d)/.test(c.result.goVersion)
          ? t`Code hosts (GitLab, Gitea, Bitbucket Server and others) serve the go-import tag of a private repository only to a signed-in user, and go sent no credentials to ${hostname}: give go a token in ~/.netrc, which it sends with the ?go-get=1 request (GOAUTH=netrc, the default), and git uses too.`
          : t`Code hosts (GitLab, Gitea, Bitbucket Server and others) serve the go-import tag of a private repository only to a signed-in user, and go sent no credentials to ${hostname}: give go a token in ~/.netrc, which it sends with the ?go-get=1 request, and git uses too.`,
        `printf 'machine ${hostname}\\nlogin <user>\\npassword <token>\\n' >> ~/.netrc && chmod 600 ~/.netrc`,
      ),
    );
  }
  fixes.push(
    adviceFix(
      'serve-go-import',
      t`${hostname} must answer https://${module}?go-get=1 with a page holding ${'<meta name="go-import" content="<repository root path> git <repository URL>">'} for this path (a vanity import server, or the code host's own support). See what it serves now:`,
      `curl -sS 'https://${module}?go-get=1' | grep -i go-import`,
    ),
    adviceFix(
      'check-import-path',
      t`Check the module path for a typo: a page for a path the host does not know has no tag either. A path that names the VCS (${repoGuess}.git/…) is looked up without the page, but then it is a different module path, which the module's go.mod must declare.`,
    ),
  );
  return fixes;
}

export const directNoGoImport: CheckRule = {
  id: 'direct-no-go-import',
  group: 'proxy',
  severity: 'error',
  get summary() {
    return t`A directly fetched module's ?go-get=1 page has no usable go-import tag, so go cannot find its repository.`;
  },
  detect(input) {
    const network = input.network;
    if (!network) return [];
    const out: Finding[] = [];
    for (const c of failedDirectFetches(network)) {
      if (directRuleFor(c.result) !== 'direct-no-go-import') continue;
      const module = moduleAt(c.verdict);
      const entry = c.verdict.fetch.errorFrom ?? c.verdict.fetch.stoppedAt;
      out.push(
        makeFinding({
          id: c.result.scenario ?? 'direct-no-go-import',
          rule: 'direct-no-go-import',
          cause: c.result.failure.kind,
          severity: c.probe.source === 'default' ? 'warning' : 'error',
          group: 'proxy',
          message: t`${module} ${directHeadline(c, network.chain[entry]?.label ?? 'direct')}.`,
          evidence: failedDirectEvidence(c.result),
          fixes: fixesFor(c),
          modules: [module],
        }),
      );
    }
    return out;
  },
};
