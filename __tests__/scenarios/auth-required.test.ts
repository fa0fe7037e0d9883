import { authRequired } from '../../src/scenarios/auth-required.js';
import { diagnose, fixIds, goEnv, matchText } from './support.js';

const GIT_PROMPT = [
  'go: github.com/acme/private@v1.2.0: invalid version: git ls-remote -q origin in /home/u/go/pkg/mod/cache/vcs/0123: exit status 128:',
  "\tfatal: could not read Username for 'https://github.com': terminal prompts disabled",
  'Confirm the import path was entered correctly.',
  'If this is a private repository, see https://golang.org/doc/faq#git_https for additional information.',
].join('\n');

describe('auth-required', () => {
  test.each([
    ['go: x@v1.0.0: reading https://goproxy.corp.example.com/x/@v/v1.0.0.info: 401 Unauthorized', 'http-401', 'goproxy.corp.example.com'],
    ['go: x@v1.0.0: reading https://goproxy.corp.example.com:8443/x/@v/v1.0.0.info: 403 Forbidden', 'http-403', 'goproxy.corp.example.com:8443'],
    [GIT_PROMPT, 'git-https', 'github.com'],
    ['go: g.example.com/x@v1.0.0: invalid version: git ls-remote -q origin in /x: exit status 128:\n\tgit@g.example.com: Permission denied (publickey).\n\tfatal: Could not read from remote repository.', 'git-ssh', 'g.example.com'],
    ["go: g.example.com/x@v1.0.0: invalid version: git ls-remote -q origin in /x: exit status 128:\n\tremote: HTTP Basic: Access denied\n\tfatal: Authentication failed for 'https://g.example.com/x.git/'", 'git-auth', 'g.example.com'],
  ])('matches %s', (text, kind, host) => {
    const match = matchText(authRequired, text);
    expect(match?.details.kind).toBe(kind);
    expect(match?.fields.host).toBe(host);
  });

  test('a 403 from a public proxy is barely an auth problem', () => {
    expect(matchText(authRequired, 'go: x@v1.0.0: reading https://proxy.golang.org/x/@v/v1.0.0.info: 403 Forbidden')?.confidence).toBeLessThanOrEqual(0.3);
  });

  test.each([
    'go: x@v1.0.0: Get "https://proxy.golang.org/x": Proxy Authentication Required',
    'go: x@v1.0.0: reading http://goproxy.internal/x/@v/v1.0.0.info: 407 Proxy Authentication Required',
    'go: x@v1.0.0: Get "https://proxy.golang.org/x/@v/v1.0.0.info": Forbidden',
    'go: x@v1.0.0: reading https://proxy.golang.org/x/@v/v1.0.0.info: 404 Not Found',
  ])('does not match %s', (text) => {
    expect(matchText(authRequired, text)).toBeUndefined();
  });

  test('git prompts: a netrc token for the host, then SSH', () => {
    const fixes = authRequired.fixes(diagnose(authRequired, GIT_PROMPT));
    expect(fixIds(fixes)).toEqual(['netrc-entry', 'git-insteadof-ssh', 'check-import-path', 'goprivate-add']);
    expect(fixes[0]?.command).toBe("printf 'machine github.com\\nlogin <user>\\npassword <token>\\n' >> ~/.netrc && chmod 600 ~/.netrc");
    expect(fixes[1]?.command).toBe('git config --global url."git@github.com:".insteadOf "https://github.com/"');
  });

  test('netrc machine follows the Go version: host:port on 1.21+, host on 1.19', () => {
    const text = 'go: x@v1.0.0: reading https://goproxy.corp.example.com:8443/x/@v/v1.0.0.info: 401 Unauthorized';
    const modern = authRequired.fixes(diagnose(authRequired, text), goEnv({}, 'go1.23.5'));
    expect(modern[0]?.command).toContain("machine goproxy.corp.example.com:8443\\n");
    const old = authRequired.fixes(diagnose(authRequired, text), goEnv({}, 'go1.19.8'));
    expect(old[0]?.command).toContain("machine goproxy.corp.example.com\\n");
    const unknown = authRequired.fixes(diagnose(authRequired, text));
    expect(unknown[0]?.id).toBe('netrc-entry');
    expect(unknown[0]?.text).toMatch(/Go 1\.21 and later match "machine goproxy\.corp\.example\.com:8443"/);
  });

  test('credentials are never sent over http: the fixes say so', () => {
    const fixes = authRequired.fixes(diagnose(authRequired, 'go: x@v1.0.0: reading http://127.0.0.1:4000/x/@v/v1.0.0.info: 401 Unauthorized'));
    expect(fixIds(fixes)).toEqual(['netrc-entry', 'goproxy-https']);
  });
});

describe('auth-required with GOPRIVATE', () => {
  test('a git credential failure for a path GOPRIVATE does not cover also proposes GOPRIVATE, after the credentials', () => {
    const text = "go: github.com/acme/private@v1.2.0: invalid version: git ls-remote -q origin in /x: exit status 128:\n\tfatal: could not read Username for 'https://github.com': terminal prompts disabled";
    const fixes = authRequired.fixes(diagnose(authRequired, text), goEnv({ GOPRIVATE: 'a.com' }));
    expect(fixes[fixes.length - 1]?.id).toBe('goprivate-add');
    expect(fixes[fixes.length - 1]?.command).toBe("go env -w GOPRIVATE='a.com,github.com/acme/*'");
    const covered = authRequired.fixes(diagnose(authRequired, text), goEnv({ GOPRIVATE: 'github.com/acme' }));
    expect(fixIds(covered)).not.toContain('goprivate-add');
    expect(covered.some((fix) => fix.command?.includes('GOPRIVATE'))).toBe(false);
  });
});
