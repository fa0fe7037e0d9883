/**
 * auth-required: credentials were missing or rejected — 401/403 from a private proxy, or git failing to
 * authenticate on a direct fetch (prompts are disabled, no SSH key, wrong token).
 */
import { adviceFix, extendListFix, joinSentences, unsetVariableFix, type Fix } from '../fix.js';
import { privatePatternFor } from '../goenv/private-hints.js';
import { coveringEntry, currentValue } from '../goenv/query.js';
import type { GoEnvironment } from '../goenv/types.js';
import { t } from '../i18n/language.js';
import { baseFields, clampConfidence, CREDENTIAL_FAILURE, evidenceLine, hostnameOfAddress } from './facts.js';
import type { Scenario, ScenarioFacts, ScenarioMatch } from './types.js';

/** What auth-required extracts: who wanted credentials and how it said so. */
export type AuthRequiredDetails =
  | { readonly kind: 'git-ssh' | 'git-https' | 'git-auth'; readonly credentialFailure?: string }
  | { readonly kind: 'http-401' | 'http-403'; readonly credentialFailure?: string; readonly credentialsSent?: boolean }
  | { readonly kind: 'upstream'; readonly credentialFailure?: string }
  | { readonly kind: 'login-page' }
  | { readonly kind: 'goauth-invalid'; readonly error: string }
  | { readonly kind: 'goauth-command'; readonly command?: string; readonly error?: string };

const SSH = /Permission denied \((?:publickey|keyboard-interactive)[^)\n]{0,100}\)|Host key verification failed/;
const HTTPS_PROMPT = /could not read (?:Username|Password)|terminal prompts disabled/;
const GIT_HOST = /for '(https?:\/\/[^'\n]{1,512})'|unable to access '(https?:\/\/[^'\n]{1,512})'|git@([^:\s]{1,253}):|ssh:\/\/(?:[^@/\s]{1,100}@)?([^/:\s]{1,253})/;
// An HTML page where JSON was expected: typically a single-sign-on login page.
const LOGIN_PAGE = /invalid character '<' looking for beginning of value/;
// git's own word that a repository does not exist: with credentials that work, the path is wrong (module-not-found).
const REPOSITORY_NOT_FOUND = /Repository not found|repository '[^'\n]{0,512}' not found/i;
// GOAUTH (Go 1.24+) refused at the first https request: go1.24 src/cmd/go/internal/auth/auth.go:62-99.
const GOAUTH_INVALID = /GOAUTH encountered an empty command[^\n]{0,300}|GOAUTH=off cannot be combined with other authentication commands[^\n]{0,300}|GOAUTH=git dir method requires an absolute path to the git working directory[^\n]{0,100}|GOAUTH=git encountered an error; cannot stat [^\n]{0,300}/;
// A GOAUTH command that failed, as `go -x` logs it: go1.24 src/cmd/go/internal/auth/auth.go:73,111,120,133-135,
// userauth.go:36-44, gitauth.go:49-57.
const GOAUTH_COMMAND = /GOAUTH=([^\n:]{1,200}): ((?:could not run command|cannot parse output of GOAUTH command|cannot parse GOAUTH command|invalid format|could not parse URL|'git credential fill' failed|requested a credential for)[^\n]{0,300})/;

/** Whether a GOPROXY entry for `host` carries credentials in its URL, so go sent them (env-aware). */
function credentialsInGoproxy(env: GoEnvironment | undefined, host: string | undefined): boolean {
  const goproxy = currentValue(env, 'GOPROXY');
  if (goproxy === undefined || host === undefined) return false;
  return goproxy.split(/[,|]/).some((entry) => {
    try {
      const url = new URL(entry.trim());
      return (url.username !== '' || url.password !== '') && url.host === host;
    } catch {
      return false;
    }
  });
}

/** Go minor version from `go1.23.5`, or undefined. */
function goMinor(version: string | undefined): number | undefined {
  const found = version?.match(/^go1\.(\d{1,4})/);
  return found ? Number(found[1]) : undefined;
}

/** The auth-required scenario: missing or rejected credentials. */
export const authRequired: Scenario<AuthRequiredDetails> = {
  id: 'auth-required',
  get title() {
    return t`Credentials missing or rejected`;
  },
  get summary() {
    return t`A private proxy answered 401/403, or git could not authenticate a direct fetch.`;
  },
  get explanation() {
    return joinSentences(
      t`For HTTPS requests to a proxy, cmd/go sends credentials from ~/.netrc (or $NETRC) up front, and only over https.`,
      t`Go 1.19 matches the netrc \`machine\` against the host name alone; Go 1.21 to 1.23 match host:port when the URL has an explicit port.`,
      t`Go 1.24 adds GOAUTH.`,
      t`Direct fetches run git with GIT_TERMINAL_PROMPT=0 and ssh in BatchMode, so git cannot ask for a password: it needs a credential helper, a token in ~/.netrc, or an SSH key it can use unattended.`,
      t`A 403 from a public proxy is a network block (see network-blocked), not a credential problem.`,
    );
  },
  goSources: [
    'go1.23 src/cmd/go/internal/auth/auth.go:13-16 and auth/netrc.go:55-120 (.netrc lookup)',
    'go1.19 src/cmd/go/internal/auth/auth.go:13 (host name without port)',
    'go1.23 src/cmd/go/internal/web/http.go:189-191 (credentials only on https)',
    'go1.23 src/cmd/go/internal/modload/init.go:436-459 (GIT_TERMINAL_PROMPT=0, ssh BatchMode)',
    'go1.23 src/cmd/go/internal/modfetch/codehost/git.go:254-256 (could not read Username help text)',
    'go1.23 src/cmd/go/internal/modfetch/codehost/codehost.go:285-295 (git failures quote git\'s stderr)',
    'go1.24 src/cmd/go/internal/auth/auth.go:62-99,133-135 (GOAUTH errors) and userauth.go:36-44, gitauth.go:49-57 (command failures)',
  ],
  examples: [
    'go: git.corp.example.com/team/lib@v0.3.1: reading https://goproxy.corp.example.com/git.corp.example.com/team/lib/@v/v0.3.1.info: 401 Unauthorized',
    [
      'go: github.com/acme/private@v1.2.0: invalid version: git ls-remote -q origin in /home/u/go/pkg/mod/cache/vcs/0123: exit status 128:',
      "\tfatal: could not read Username for 'https://github.com': terminal prompts disabled",
      'Confirm the import path was entered correctly.',
      'If this is a private repository, see https://golang.org/doc/faq#git_https for additional information.',
    ].join('\n'),
    'go: github.com/acme/private@v1.2.0: invalid version: git ls-remote -q origin in /home/u/go/pkg/mod/cache/vcs/0123: exit status 128:\n\tgit@github.com: Permission denied (publickey).\n\tfatal: Could not read from remote repository.',
  ],
  trigger: /\b40[13]\b|could not read|terminal prompts|Authentication failed|publickey|Host key verification|Access denied|Invalid username|Repository not found|Bad credentials|authentication required|invalid character '<'|GOAUTH/i,

  match(block, context): ScenarioMatch<AuthRequiredDetails> | undefined {
    const facts = block.facts;
    const text = facts.ownText;
    const fields = baseFields(facts);
    // GOAUTH's own errors name themselves: no other context needed.
    const goauth = text.match(GOAUTH_INVALID);
    if (goauth) return { confidence: 0.95, fields, evidence: evidenceLine(block, GOAUTH_INVALID), details: { kind: 'goauth-invalid', error: goauth[0] } };
    const command = text.match(GOAUTH_COMMAND);
    if (command) {
      return {
        confidence: 0.8,
        fields,
        evidence: evidenceLine(block, GOAUTH_COMMAND),
        details: { kind: 'goauth-command', command: (command[1] as string).trim(), error: (command[2] as string).trim() },
      };
    }
    if (!facts.fetchContext) return undefined;
    let kind: AuthRequiredDetails['kind'];
    let confidence: number;
    let evidence: RegExp;
    if (facts.connectReply) return undefined;
    if (facts.credentialFailure !== undefined && !facts.credentialFailureInResponse && (facts.status === undefined || facts.direct)) {
      kind = SSH.test(text) ? 'git-ssh' : HTTPS_PROMPT.test(text) ? 'git-https' : 'git-auth';
      confidence = 0.9;
      // A disabled prompt is what git says for a repository it cannot read, which is also what a
      // misspelt or deleted one looks like: module-not-found is its equal. git saying the repository
      // does not exist names the cause.
      if (kind === 'git-https') confidence = 0.85;
      else if (kind === 'git-auth' && REPOSITORY_NOT_FOUND.test(facts.credentialFailure)) confidence = 0.55;
      evidence = CREDENTIAL_FAILURE;
      const gitHost = text.match(GIT_HOST);
      if (gitHost) {
        const raw = gitHost[1] ?? gitHost[2];
        if (raw !== undefined) {
          try {
            fields.host = new URL(raw).host;
          } catch {
            // leave the host unset
          }
        } else {
          fields.host = (gitHost[3] ?? gitHost[4]) as string;
        }
      }
    } else if (facts.status === 401) {
      kind = 'http-401';
      // Public proxies never ask for credentials: a gateway on the way did (http-proxy-env, network-blocked).
      confidence = facts.publicProxy ? 0.3 : facts.sumdb ? 0.85 : 0.9;
      evidence = /: 401 /;
    } else if (facts.status === 403) {
      kind = 'http-403';
      confidence = facts.publicProxy ? 0.3 : facts.sumdb ? 0.55 : 0.8;
      evidence = /: 403 /;
    } else if (facts.credentialFailure !== undefined) {
      kind = 'upstream';
      confidence = 0.5;
      evidence = /server response|: \d{3} |not found: /;
    } else if (LOGIN_PAGE.test(text)) {
      kind = 'login-page';
      confidence = 0.45;
      evidence = LOGIN_PAGE;
    } else {
      return undefined;
    }
    const credential = facts.credentialFailure !== undefined ? { credentialFailure: facts.credentialFailure } : {};
    let details: AuthRequiredDetails;
    if (kind === 'login-page') details = { kind };
    else if (kind === 'http-401' || kind === 'http-403') {
      // Credentials already in the GOPROXY URL were sent (go1.23 src/cmd/go/internal/web/http.go:189-191): refused, not missing.
      details = { kind, ...credential, ...(credentialsInGoproxy(context.env, facts.urlHost) ? { credentialsSent: true } : {}) };
    } else details = { kind, ...credential };
    return { confidence: clampConfidence(confidence), fields, evidence: evidenceLine(block, evidence), details };
  },

  fixes(diagnosis: ScenarioFacts<AuthRequiredDetails>, env): Fix[] {
    const details = diagnosis.details;
    const kind = details.kind;
    const hostWithPort = diagnosis.fields.host;
    const host = hostWithPort !== undefined ? hostnameOfAddress(hostWithPort) : '<host>';
    const fixes: Fix[] = [];
    if (kind === 'git-https' || kind === 'git-auth' || kind === 'git-ssh') {
      if (kind === 'git-ssh') {
        fixes.push(
          adviceFix('ssh-key-check', t`git used SSH and ${host} rejected the key (or its host key is unknown). Check that the key is loaded and accepted:`, `ssh -T git@${host}`),
          adviceFix('ssh-known-hosts', t`If the host key is unknown, verify its fingerprint with your administrators, then record it.`, `ssh-keyscan ${host} >> ~/.ssh/known_hosts`),
        );
        return fixes;
      }
      fixes.push(
        adviceFix(
          'netrc-entry',
          t`go runs git with prompts disabled, so git needs stored credentials for ${host}. A personal access token in ~/.netrc works for git and go alike (chmod 600 the file).`,
          `printf 'machine ${host}\\nlogin <user>\\npassword <token>\\n' >> ~/.netrc && chmod 600 ~/.netrc`,
        ),
        adviceFix('git-insteadof-ssh', t`Or make git use SSH for ${host}, with a key that is loaded in ssh-agent.`, `git config --global url."git@${host}:".insteadOf "https://${host}/"`),
        adviceFix('check-import-path', t`If the import path has a typo, git asks for credentials too (the repository seems private because it does not exist): check the path.`),
      );
      const module = diagnosis.fields.module;
      if (module !== undefined && coveringEntry(env, 'GOPRIVATE', module) === undefined) {
        fixes.push(
          extendListFix(
            'goprivate-add',
            env,
            'GOPRIVATE',
            privatePatternFor(module),
            t`Once git can authenticate, mark the module private too, or the public checksum database lookup for ${module} fails next.`,
          ),
        );
      }
      return fixes;
    }
    if (kind === 'login-page') {
      fixes.push(
        adviceFix(
          'proxy-api-url',
          t`${hostWithPort ?? t`The proxy`} answered with an HTML page where JSON was expected, typically a single-sign-on login page: use the proxy's API URL in GOPROXY and give go credentials for it in ~/.netrc.`,
        ),
      );
      return fixes;
    }
    if (kind === 'upstream') {
      fixes.push(adviceFix('proxy-upstream-access', t`The proxy's own fetch failed on credentials (${details.credentialFailure ?? t`see the server response`}): the proxy needs access to that repository, or the module should bypass it (see private-module-proxied).`));
      return fixes;
    }
    if (kind === 'goauth-invalid') {
      fixes.push(
        unsetVariableFix('goauth-unset', env, 'GOAUTH', t`GOAUTH is invalid (${details.error}): remove it to get the default (netrc); \`off\` must stand alone, and \`git\` needs one absolute directory.`),
      );
      return fixes;
    }
    if (kind === 'goauth-command') {
      const command = details.command ?? '<command>';
      fixes.push(
        adviceFix(
          'goauth-command-run',
          t`The GOAUTH command "${command}" failed (${details.error ?? t`see the log`}). Run it by hand with the URL go asked for: it must print the URL prefixes, an empty line, then the headers to send (go help goauth).`,
          `${command} <url>`,
        ),
        unsetVariableFix('goauth-unset', env, 'GOAUTH', t`Or go back to the default (netrc) while the command is fixed.`),
      );
      return fixes;
    }
    if ((kind === 'http-401' || kind === 'http-403') && details.credentialsSent === true) {
      // Credentials were sent (in the GOPROXY URL or .netrc) and refused: adding them again changes nothing.
      fixes.push(
        adviceFix(
          'credentials-rejected',
          t`go sent credentials to ${hostWithPort ?? t`the proxy`} and it refused them (${diagnosis.fields.status ?? ''}): the token is wrong or expired, or the account lacks access to this module. Check them against the proxy, for example with curl.`,
          diagnosis.fields.url !== undefined ? `curl -sS -o /dev/null -w '%{http_code}\\n' --netrc '${diagnosis.fields.url}'` : undefined,
        ),
      );
    }
    const minor = goMinor(env?.goVersion);
    const hasPort = hostWithPort !== undefined && hostWithPort.includes(':') && !hostWithPort.startsWith('[');
    let machine = host;
    let portNote = '';
    if (hasPort) {
      if (minor !== undefined && minor >= 21) machine = hostWithPort;
      else if (minor === undefined) portNote = t`Go 1.21 and later match "machine ${hostWithPort}" (with the port); Go 1.19 matches "machine ${host}".`;
    }
    fixes.push(
      adviceFix(
        'netrc-entry',
        joinSentences(t`${hostWithPort ?? t`The proxy`} wants credentials (${diagnosis.fields.status ?? ''}). go reads them from ~/.netrc (or $NETRC) and sends them only over https.`, portNote),
        `printf 'machine ${machine}\\nlogin <user>\\npassword <token>\\n' >> ~/.netrc && chmod 600 ~/.netrc`,
      ),
    );
    if (minor !== undefined && minor >= 24) {
      fixes.push(adviceFix('goauth', t`Go 1.24+ can also get credentials from a command or git credential helpers through GOAUTH (default: netrc).`));
    }
    if (diagnosis.fields.url?.startsWith('http://')) {
      fixes.push(adviceFix('goproxy-https', t`The proxy URL is plain http://, and go never sends credentials over http: switch GOPROXY to the https:// URL.`));
    }
    if (kind === 'http-403') {
      fixes.push(adviceFix('request-access', t`If credentials are already set up, the account lacks access to this module or repository: ask the proxy's administrators.`));
    }
    return fixes;
  },
};
