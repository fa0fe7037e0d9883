/**
 * GOVCS for direct fetches (src/probe/direct/govcs.ts), following go1.26
 * src/cmd/go/internal/vcs/vcs.go parseGOVCS/allow/checkGOVCS: the user's rules first, then
 * `private:all,public:git|hg`; public or private is decided by GOPRIVATE alone.
 */
import { checkGovcs } from '../../src/probe/direct/govcs.js';

const check = (vcs: string, root: string, GOVCS: string, GOPRIVATE = ''): ReturnType<typeof checkGovcs> => checkGovcs(vcs, root, { GOVCS, GOPRIVATE });

describe('checkGovcs', () => {
  test('defaults: git and hg for public paths, anything for private ones', () => {
    expect(check('git', 'example.com/a', '')).toMatchObject({ allowed: true, private: false, rule: 'public', defaultRule: true, ruleAllows: ['git', 'hg'] });
    expect(check('svn', 'example.com/a', '')).toMatchObject({
      allowed: false,
      rule: 'public',
      defaultRule: true,
      error: "GOVCS disallows using svn for public example.com/a; see 'go help vcs'",
    });
    expect(check('svn', 'corp.example/a', '', 'corp.example')).toMatchObject({ allowed: true, private: true, rule: 'private', defaultRule: true, ruleAllows: ['all'] });
  });

  test('a user rule comes before the defaults and decides alone', () => {
    expect(check('git', 'example.com/a', 'public:hg')).toMatchObject({
      allowed: false,
      rule: 'public',
      defaultRule: false,
      error: "GOVCS disallows using git for public example.com/a; see 'go help vcs'",
    });
    expect(check('git', 'corp.example/a', 'private:hg', 'corp.example')).toMatchObject({
      allowed: false,
      private: true,
      error: "GOVCS disallows using git for private corp.example/a; see 'go help vcs'",
    });
  });

  test('path patterns match by prefix glob; the first matching rule wins even if it allows nothing useful', () => {
    expect(check('git', 'example.com/a/b', 'example.com/*:off,public:git')).toMatchObject({ allowed: false, rule: 'example.com/*' });
    expect(check('git', 'example.com/a/b', 'other.example:off,public:git')).toMatchObject({ allowed: true, rule: 'public', defaultRule: false });
    expect(check('fossil', 'example.com/a', 'example.com:all')).toMatchObject({ allowed: true, rule: 'example.com' });
  });

  test('private/public is GOPRIVATE\'s verdict, not GONOPROXY\'s', () => {
    // GONOPROXY is not an input: only GOPRIVATE makes a path private for GOVCS.
    expect(check('svn', 'corp.example/a', '', '')).toMatchObject({ private: false, allowed: false });
  });

  test('an invalid GOVCS fails every direct fetch with cmd/go\'s parse error', () => {
    expect(check('git', 'example.com/a', 'public')).toMatchObject({ allowed: false, invalid: 'malformed entry in GOVCS (missing colon): "public"' });
    expect(check('git', 'example.com/a', 'public:git,public:hg')).toMatchObject({ allowed: false, invalid: 'unreachable pattern in GOVCS: "public:hg" after "public:git"' });
    expect(check('git', 'example.com/a', 'public:git,')).toMatchObject({ allowed: false, invalid: 'empty entry in GOVCS' });
  });

  test('a mod tag needs no VCS and is always allowed', () => {
    expect(check('mod', 'example.com/a', 'public:off')).toMatchObject({ allowed: true });
  });
});
