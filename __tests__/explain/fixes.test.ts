import { adviceFix, extendCommaList, extendListFix, setVariableFix, shellQuote, unsetVariableFix } from '../../src/fix.js';
import { looksPrivateModule, privatePatternFor } from '../../src/goenv/private-hints.js';
import { goEnv } from '../scenarios/support.js';

describe('fix builders', () => {
  test('shellQuote leaves plain words alone and quotes globs, pipes and spaces', () => {
    expect(shellQuote('https://proxy.golang.org,direct')).toBe('https://proxy.golang.org,direct');
    expect(shellQuote('github.com/acme/*')).toBe("'github.com/acme/*'");
    expect(shellQuote('a|b')).toBe("'a|b'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('')).toBe("''");
  });

  test('extendCommaList keeps order, skips duplicates and empty entries, trims spaces go would not', () => {
    expect(extendCommaList('a.com', ['github.com/acme/*'])).toEqual({ value: 'a.com,github.com/acme/*', trimmed: [], unchanged: false });
    expect(extendCommaList('a.com,,b.com', ['a.com'])).toEqual({ value: 'a.com,b.com', trimmed: [], unchanged: true });
    expect(extendCommaList('a.com, b.com', ['c.com'])).toEqual({ value: 'a.com,b.com,c.com', trimmed: [' b.com'], unchanged: false });
    expect(extendCommaList('', ['c.com']).value).toBe('c.com');
  });

  test('a list variable from go env -w is extended with go env -w', () => {
    const fix = extendListFix('goprivate-add', goEnv({ GOPRIVATE: 'a.com' }), 'GOPRIVATE', 'github.com/acme/*', 'Mark it private.');
    expect(fix).toEqual({ id: 'goprivate-add', command: "go env -w GOPRIVATE='a.com,github.com/acme/*'", text: 'Mark it private.', weakensSecurity: false });
  });

  test('a list variable from the OS environment is extended with export, and says why', () => {
    const fix = extendListFix('goprivate-add', goEnv({ GOPRIVATE: ['a.com', 'environment'] }), 'GOPRIVATE', 'b.com', 'Mark it private.');
    expect(fix.command).toBe('export GOPRIVATE=a.com,b.com');
    expect(fix.text).toMatch(/OS environment, which overrides `go env -w`/);
  });

  test('spaces that made entries useless are reported', () => {
    const fix = extendListFix('goprivate-add', goEnv({ GOPRIVATE: 'a.com, b.com' }), 'GOPRIVATE', 'c.com', 'Mark it private.');
    expect(fix.command).toBe('go env -w GOPRIVATE=a.com,b.com,c.com');
    expect(fix.text).toMatch(/go does not trim them/);
  });

  test('without an environment the command reads the current value at run time', () => {
    expect(extendListFix('gonosumdb-add', undefined, 'GONOSUMDB', 'x.com', 't').command).toBe('go env -w "GONOSUMDB=$(go env GONOSUMDB),x.com"');
    expect(extendListFix('no-proxy-add', undefined, 'NO_PROXY', 'x.com', 't', { osOnly: true }).command).toBe('export NO_PROXY="${NO_PROXY:+$NO_PROXY,}x.com"');
  });

  test('set and unset follow the origin', () => {
    expect(setVariableFix('goproxy-default', goEnv({ GOPROXY: ['off', 'environment'] }), 'GOPROXY', 'https://proxy.golang.org,direct', 't').command).toBe('export GOPROXY=https://proxy.golang.org,direct');
    expect(setVariableFix('goproxy-pipe', goEnv({ GOPROXY: 'off' }), 'GOPROXY', 'a|b', 't').command).toBe("go env -w GOPROXY='a|b'");
    expect(unsetVariableFix('goproxy-unset', goEnv({ GOPROXY: ['off', 'environment'] }), 'GOPROXY', 't').command).toBe('unset GOPROXY');
    expect(unsetVariableFix('goproxy-unset', goEnv({ GOPROXY: 'off' }), 'GOPROXY', 't').command).toBe('go env -u GOPROXY');
    expect(unsetVariableFix('gotoolchain-unset', goEnv({ GOTOOLCHAIN: ['local', 'goroot-go.env'] }), 'GOTOOLCHAIN', 't').command).toBe('go env -w GOTOOLCHAIN=auto');
    expect(unsetVariableFix('goproxy-unset', undefined, 'GOPROXY', 't').text).toMatch(/OS environment overrides/);
  });

  test('every builder keeps the id it was given, whichever way the value is set', () => {
    const environments = [undefined, goEnv({ GOPROXY: 'off' }), goEnv({ GOPROXY: ['off', 'environment'] }), goEnv({ GOPROXY: ['off', 'goroot-go.env'] })];
    const fixes = [
      adviceFix('advice', 't'),
      adviceFix('advice', 't', 'true'),
      ...environments.flatMap((env) => [
        setVariableFix('advice', env, 'GOPROXY', 'direct', 't'),
        unsetVariableFix('advice', env, 'GOPROXY', 't'),
        extendListFix('advice', env, 'GOPROXY', 'direct', 't'),
        extendListFix('advice', env, 'NO_PROXY', 'x.com', 't', { osOnly: true }),
      ]),
    ];
    expect(fixes.map((fix) => fix.id)).toEqual(fixes.map(() => 'advice'));
  });

  test('private patterns: owner on multi-tenant hosts, host elsewhere', () => {
    expect(privatePatternFor('github.com/acme/private/sub')).toBe('github.com/acme/*');
    expect(privatePatternFor('gitlab.com/group/project')).toBe('gitlab.com/group/*');
    expect(privatePatternFor('git.corp.example.com/team/lib')).toBe('git.corp.example.com');
    expect(privatePatternFor('go.acme.dev/lib')).toBe('go.acme.dev');
  });

  test.each([
    ['git.corp.example.com/team/lib', true],
    ['gitlab.internal/x', true],
    ['dev.azure.com/org/project/_git/repo', true],
    ['github.com/acme/x', false],
    ['gitlab.com/acme/x', false],
    ['example.com/x', false],
    ['golang.org/x/sys', false],
  ])('looksPrivateModule(%s) = %s', (module, expected) => {
    expect(looksPrivateModule(module)).toBe(expected);
  });
});
