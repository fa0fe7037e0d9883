/**
 * Repository root discovery (src/probe/direct/discovery.ts) with the requests answered in memory:
 * the order of cmd/go's steps (known hosts, the `.vcs` form and its pings, the go-get page, the
 * prefix check, launchpad after the dynamic lookup) and cmd/go's error texts
 * (go1.26 src/cmd/go/internal/vcs/vcs.go:825-1216).
 */
import { discoverRepoRoot, type DiscoveryDeps } from '../../src/probe/direct/discovery.js';
import type { SecurityMode, WebGetResult } from '../../src/probe/direct/web-get.js';

interface Page {
  status?: number;
  body: string;
}

type Answer = Page | { error: string };

function deps(pages: Record<string, Answer>, options: { goVersion?: string; security?: SecurityMode; GOVCS?: string; GOPRIVATE?: string; pingOk?: string[] } = {}) {
  const asked: string[] = [];
  const pinged: string[] = [];
  const d: DiscoveryDeps<string> = {
    goVersion: options.goVersion ?? 'go1.26.0',
    security: options.security ?? 'secure-only',
    govcs: { GOVCS: options.GOVCS ?? '', GOPRIVATE: options.GOPRIVATE ?? '' },
    webGet: async (target, security): Promise<WebGetResult> => {
      const key = `${target.host}${target.path}`;
      asked.push(`${key} ${security}`);
      const answer = pages[key];
      const url = `https://${target.host}${target.path}?${target.rawQuery}`;
      const attempt = { url, answered: answer !== undefined && !('error' in answer), phase: 'done', redirects: [], timings: { total: 0 } };
      if (answer === undefined) return { ok: false, error: `Get "${url}": dial tcp: lookup ${target.host}: no such host`, attempts: [{ ...attempt, phase: 'dns', failure: { phase: 'dns' } }] };
      if ('error' in answer) return { ok: false, error: answer.error, attempts: [attempt] };
      const status = answer.status ?? 200;
      const result: WebGetResult = { ok: true, url, status, body: Buffer.from(answer.body), attempts: [attempt] };
      if (status !== 200) result.statusError = `reading ${url}: ${status} ${status === 404 ? 'Not Found' : 'Internal Server Error'}`;
      return result;
    },
    ping: async (vcs, url) => {
      pinged.push(url);
      if (vcs !== 'git') return undefined;
      const ok = (options.pingOk ?? []).includes(url);
      return { ok, run: ok ? 'listed' : 'failed' };
    },
  };
  return { deps: d, asked, pinged };
}

const meta = (content: string): Page => ({ body: `<html><head><meta name="go-import" content="${content}"></head></html>` });

describe('known hosts and the .vcs form', () => {
  test('github.com needs no request; GOVCS is checked against the repository root', async () => {
    const { deps: d, asked } = deps({});
    const result = await discoverRepoRoot('github.com/acme/lib/sub/pkg', d);
    expect(asked).toEqual([]);
    expect(result).toMatchObject({ ok: true, root: { root: 'github.com/acme/lib', vcs: 'git', repoUrl: 'https://github.com/acme/lib', via: 'known-host' }, govcs: { allowed: true, root: 'github.com/acme/lib' } });
  });

  test('a known host refuses a malformed path and a .git suffix before any request', async () => {
    const { deps: d, asked } = deps({});
    expect(await discoverRepoRoot('github.com/acme', d)).toMatchObject({ ok: false, failure: { kind: 'path-refused', reason: 'invalid-known-host' }, goError: 'invalid github.com import path "github.com/acme"' });
    expect(await discoverRepoRoot('github.com/acme/lib.git', d)).toMatchObject({ ok: false, failure: { kind: 'path-refused', reason: 'vcs-suffix' }, goError: 'invalid version control suffix in github.com/ path' });
    expect(asked).toEqual([]);
  });

  test('GOVCS refusing a known host is reported without the "unrecognized import path" wrapper', async () => {
    const { deps: d } = deps({}, { GOVCS: 'public:hg' });
    expect(await discoverRepoRoot('github.com/acme/lib', d)).toMatchObject({
      ok: false,
      failure: { kind: 'govcs' },
      goError: "GOVCS disallows using git for public github.com/acme/lib; see 'go help vcs'",
    });
  });

  test('the .git form pings the secure schemes in order and takes the first that answers', async () => {
    const { deps: d, pinged, asked } = deps({}, { pingOk: ['ssh://code.example/team/lib'] });
    const result = await discoverRepoRoot('code.example/team/lib.git/pkg', d);
    expect(asked).toEqual([]);
    expect(pinged).toEqual(['https://code.example/team/lib', 'git+ssh://code.example/team/lib', 'ssh://code.example/team/lib']);
    expect(result).toMatchObject({ ok: true, root: { root: 'code.example/team/lib.git', repoUrl: 'ssh://code.example/team/lib', via: 'vcs-suffix' } });
  });

  test('under GOINSECURE the plain git:// and http:// schemes are pinged too', async () => {
    const { deps: d, pinged } = deps({}, { security: 'insecure' });
    const result = await discoverRepoRoot('code.example/lib.git', d);
    expect(pinged).toEqual(['git://code.example/lib', 'https://code.example/lib', 'http://code.example/lib', 'git+ssh://code.example/lib', 'ssh://code.example/lib']);
    expect(result).toMatchObject({ ok: false, failure: { kind: 'no-protocol', secureOnly: false }, goError: 'no protocol found for repository' });
  });

  test('no secure scheme answering is cmd/go\'s "no secure protocol found"', async () => {
    const { deps: d } = deps({});
    expect(await discoverRepoRoot('code.example/lib.git', d)).toMatchObject({ ok: false, goError: 'no secure protocol found for repository' });
  });
});

describe('the go-get page', () => {
  test('a matching tag gives the root; the repository URL is taken as announced', async () => {
    const { deps: d, asked } = deps({ 'corp.example/lib': meta('corp.example/lib git https://git.corp.example/team/lib.git') });
    const result = await discoverRepoRoot('corp.example/lib', d);
    expect(asked).toEqual(['corp.example/lib secure-only']);
    expect(result).toMatchObject({ ok: true, root: { root: 'corp.example/lib', vcs: 'git', repoUrl: 'https://git.corp.example/team/lib.git', via: 'go-import', page: 'https://corp.example/lib?go-get=1' } });
  });

  test('a tag for a shorter prefix is checked against the prefix\'s own page', async () => {
    const tagged = meta('corp.example/lib git https://git.corp.example/lib');
    const { deps: d, asked } = deps({ 'corp.example/lib/v2/pkg': tagged, 'corp.example/lib': tagged });
    expect(await discoverRepoRoot('corp.example/lib/v2/pkg', d)).toMatchObject({ ok: true, root: { root: 'corp.example/lib' } });
    expect(asked).toEqual(['corp.example/lib/v2/pkg secure-only', 'corp.example/lib secure-only']);
  });

  test('the prefix page disagreeing is an error naming both pages', async () => {
    const { deps: d } = deps({ 'corp.example/lib/pkg': meta('corp.example/lib git https://evil.example/lib'), 'corp.example/lib': meta('corp.example/lib git https://git.corp.example/lib') });
    expect(await discoverRepoRoot('corp.example/lib/pkg', d)).toMatchObject({
      ok: false,
      failure: { kind: 'prefix-disagrees', prefix: 'corp.example/lib' },
      goError: 'unrecognized import path "corp.example/lib/pkg": https://corp.example/lib/pkg?go-get=1 and //corp.example/lib?go-get=1 disagree about go-import for corp.example/lib',
    });
  });

  test('the prefix page failing is reported as "fetching <prefix>"', async () => {
    const { deps: d } = deps({ 'corp.example/lib/pkg': meta('corp.example/lib git https://git.corp.example/lib'), 'corp.example/lib': { body: '<html><head></head></html>' } });
    expect(await discoverRepoRoot('corp.example/lib/pkg', d)).toMatchObject({
      ok: false,
      failure: { kind: 'no-go-import', forPrefix: 'corp.example/lib' },
      goError: 'unrecognized import path "corp.example/lib/pkg": fetching corp.example/lib: no go-import meta tag found in https://corp.example/lib?go-get=1',
    });
  });

  test('a non-200 page without tags reports the status, with a tag it is used', async () => {
    const { deps: d } = deps({ 'corp.example/gone': { status: 404, body: 'nope' }, 'corp.example/tagged404': { status: 404, ...meta('corp.example/tagged404 git https://git.corp.example/x') } });
    expect(await discoverRepoRoot('corp.example/gone', d)).toMatchObject({
      ok: false,
      failure: { kind: 'http-status', status: 404 },
      goError: 'unrecognized import path "corp.example/gone": reading https://corp.example/gone?go-get=1: 404 Not Found',
    });
    expect(await discoverRepoRoot('corp.example/tagged404', d)).toMatchObject({ ok: true, root: { repoUrl: 'https://git.corp.example/x' } });
  });

  test('network failures are "https fetch", or "http/https fetch" under GOINSECURE', async () => {
    const secure = deps({});
    expect(await discoverRepoRoot('nowhere.invalid/lib', secure.deps)).toMatchObject({
      ok: false,
      failure: { kind: 'fetch-failed', request: { failure: { phase: 'dns' } } },
      goError: 'unrecognized import path "nowhere.invalid/lib": https fetch: Get "https://nowhere.invalid/lib?go-get=1": dial tcp: lookup nowhere.invalid: no such host',
    });
    const insecure = deps({}, { security: 'insecure' });
    expect((await discoverRepoRoot('nowhere.invalid/lib', insecure.deps)) as { goError: string }).toMatchObject({ goError: expect.stringMatching(/^unrecognized import path "nowhere\.invalid\/lib": http\/https fetch: /) });
  });

  test('no dot in the first element: no request at all', async () => {
    const { deps: d, asked } = deps({});
    expect(await discoverRepoRoot('localhost/lib', d)).toMatchObject({ ok: false, failure: { kind: 'not-hostname' }, goError: 'unrecognized import path "localhost/lib": import path does not begin with hostname' });
    expect(asked).toEqual([]);
  });

  test('tags that do not match, several that match, a page that does not parse', async () => {
    const { deps: d } = deps({
      'corp.example/a': meta('other.example/a git https://x/a'),
      'corp.example/b': { body: '<html><head><meta name="go-import" content="corp.example/b git https://x/b"><meta name="go-import" content="corp.example/b git https://y/b"></head></html>' },
      'corp.example/c': { body: '<html><head><script>if (a < b) {}</script></head>' },
    });
    expect(await discoverRepoRoot('corp.example/a', d)).toMatchObject({ failure: { kind: 'no-go-import', mismatches: ['other.example/a'] }, goError: 'unrecognized import path "corp.example/a": parse https://corp.example/a?go-get=1: no go-import meta tags (meta tag other.example/a did not match import path corp.example/a)' });
    expect(await discoverRepoRoot('corp.example/b', d)).toMatchObject({ failure: { kind: 'multiple-go-import' }, goError: 'unrecognized import path "corp.example/b": parse //corp.example/b?go-get=1: multiple meta tags match import path "corp.example/b"' });
    expect(await discoverRepoRoot('corp.example/c', d)).toMatchObject({ failure: { kind: 'page-unparsable' }, goError: 'unrecognized import path "corp.example/c": parsing corp.example/c: XML syntax error on line 1: expected element name after <' });
  });

  test('the announced root is validated: scheme, file scheme, VCS name, subdirectory (Go 1.25+)', async () => {
    const { deps: d } = deps({
      'corp.example/a': meta('corp.example/a git git.corp.example/a'),
      'corp.example/b': meta('corp.example/b git file:///srv/git/b'),
      'corp.example/c': meta('corp.example/c cvs https://x/c'),
      'corp.example/d': meta('corp.example/d git https://x/mono /abs'),
      'corp.example/e': meta('corp.example/e git https://x/mono sub'),
    });
    expect(await discoverRepoRoot('corp.example/a', d)).toMatchObject({ failure: { kind: 'invalid-repo-root' }, goError: 'unrecognized import path "corp.example/a": https://corp.example/a?go-get=1: invalid repo root "git.corp.example/a": no scheme' });
    expect(await discoverRepoRoot('corp.example/b', d)).toMatchObject({ goError: 'unrecognized import path "corp.example/b": https://corp.example/b?go-get=1: invalid repo root "file:///srv/git/b": file scheme disallowed' });
    expect(await discoverRepoRoot('corp.example/c', d)).toMatchObject({ failure: { kind: 'unknown-vcs', vcs: 'cvs' }, goError: 'unrecognized import path "corp.example/c": https://corp.example/c?go-get=1: unknown vcs "cvs"' });
    expect(await discoverRepoRoot('corp.example/d', d)).toMatchObject({ failure: { kind: 'invalid-subdir' }, goError: 'unrecognized import path "corp.example/d": https://corp.example/d?go-get=1: invalid subdirectory "/abs": leading slash' });
    expect(await discoverRepoRoot('corp.example/e', d)).toMatchObject({ ok: true, root: { repoUrl: 'https://x/mono', subDir: 'sub' } });
    const old = deps({ 'corp.example/e': meta('corp.example/e git https://x/mono sub') }, { goVersion: 'go1.23.5' });
    expect(await discoverRepoRoot('corp.example/e', old.deps)).toMatchObject({ ok: false, failure: { kind: 'no-go-import', mismatches: [] } });
  });

  test('GOVCS for a dynamic root is checked against the tag\'s prefix and wrapped', async () => {
    const { deps: d } = deps({ 'corp.example/lib/pkg': meta('corp.example/lib hg https://x/lib'), 'corp.example/lib': meta('corp.example/lib hg https://x/lib') }, { GOVCS: 'corp.example:git' });
    expect(await discoverRepoRoot('corp.example/lib/pkg', d)).toMatchObject({
      ok: false,
      failure: { kind: 'govcs', decision: { vcs: 'hg', root: 'corp.example/lib', rule: 'corp.example' } },
      goError: 'unrecognized import path "corp.example/lib/pkg": GOVCS disallows using hg for public corp.example/lib; see \'go help vcs\'',
    });
  });

  test('a mod tag resolves to a module proxy, whatever GOVCS says', async () => {
    const { deps: d } = deps({ 'corp.example/lib': meta('corp.example/lib mod https://modproxy.corp.example') }, { GOVCS: 'public:off' });
    expect(await discoverRepoRoot('corp.example/lib', d)).toMatchObject({ ok: true, root: { vcs: 'mod', repoUrl: 'https://modproxy.corp.example' } });
  });
});

describe('launchpad.net after the dynamic lookup', () => {
  test('the pattern applies only once the go-get lookup failed, and GOVCS still has its say', async () => {
    const allowed = deps({}, { GOVCS: 'launchpad.net:bzr' });
    expect(await discoverRepoRoot('launchpad.net/~user/proj/branch', allowed.deps)).toMatchObject({ ok: true, root: { root: 'launchpad.net/~user/proj/branch', vcs: 'bzr', repoUrl: 'https://launchpad.net/~user/proj/branch', via: 'after-dynamic' } });
    expect(allowed.asked).toEqual(['launchpad.net/~user/proj/branch secure-only']);
    // Public bzr is refused by default: the dynamic lookup's error stands.
    const refused = deps({});
    expect(await discoverRepoRoot('launchpad.net/proj', refused.deps)).toMatchObject({ ok: false, failure: { kind: 'fetch-failed' } });
  });
});
