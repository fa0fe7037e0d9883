/**
 * The GOAUTH session without a real go: its parsers, and its behaviour with a scripted runner (what
 * runs when, with which arguments and input, which credentials come out, what stays printable).
 * goauth-vs-go.test.ts holds the same behaviour up against real go.
 */
import {
  createGoAuthSession,
  goAuthStdin,
  parseGitCredentialOutput,
  parseGoAuthCommandOutput,
  splitQuoted,
  type GoAuthProgram,
  type GoAuthProgramResult,
} from '../../src/probe/goauth.js';
import { parseNetrc } from '../../src/probe/netrc.js';

describe('GOAUTH parsers (ports of cmd/go/internal/auth)', () => {
  test('splitQuoted is quoted.Split: quotes group, no escapes', () => {
    expect(splitQuoted(`helper --name 'a b' "c d"e`)).toEqual({ words: ['helper', '--name', 'a b', 'c d', 'e'] });
    expect(splitQuoted(`'open`)).toEqual({ error: "unterminated ' string" });
  });

  test('command output: URL lines, an empty line, header lines, an empty line', () => {
    const parsed = parseGoAuthCommandOutput('https://a.invalid/x\nhttps://b.invalid\n\nAuthorization: Bearer t\nX-Extra:  v \n\n');
    expect('credentials' in parsed && [...parsed.credentials.entries()]).toEqual([
      ['a.invalid/x', [['Authorization', 'Bearer t'], ['X-Extra', 'v']]],
      ['b.invalid', [['Authorization', 'Bearer t'], ['X-Extra', 'v']]],
    ]);
    expect(parseGoAuthCommandOutput('')).toEqual({ credentials: new Map() });
    expect(parseGoAuthCommandOutput('https://a.invalid\n')).toEqual({ error: 'invalid format: missing empty line after URLs' });
    expect(parseGoAuthCommandOutput('https://a.invalid\n\nAuthorization: x\n')).toEqual({ error: 'invalid format: missing empty line after headers' });
    expect(parseGoAuthCommandOutput('https://a.invalid\n\nNo colon here\n\n')).toEqual({ error: 'invalid format: invalid header line' });
    expect(parseGoAuthCommandOutput('a.invalid\n\n')).toEqual({ error: 'could not parse URL a.invalid: invalid URI for request', shown: 'could not parse URL <a line of its output>: invalid URI for request' });
  });

  test('git credential fill output: protocol/host/path, or url=', () => {
    expect(parseGitCredentialOutput('protocol=https\nhost=h.invalid:8443\nusername=u\npassword=p\n')).toEqual({ prefix: 'https://h.invalid:8443', username: 'u', password: 'p' });
    expect(parseGitCredentialOutput('protocol=https\nhost=h.invalid\npath=a/b\nusername=u\npassword=p\n').prefix).toBe('https://h.invalid/a/b');
    expect(parseGitCredentialOutput('url=https://h.invalid/r\nusername=u\n').prefix).toBe('https://h.invalid/r');
    expect(parseGitCredentialOutput('nothing useful\n').prefix).toBe('');
  });

  test('the 4xx answer a command reads: status line, one line per header, an empty line', () => {
    expect(goAuthStdin({ proto: 'HTTP/1.1', status: '401 Unauthorized', headers: [['Www-Authenticate', 'Basic'], ['Www-Authenticate', 'Bearer'], ['Content-Length', '0']] })).toBe(
      'HTTP/1.1 401 Unauthorized\nWww-Authenticate: Basic, Bearer\nContent-Length: 0\n\n',
    );
  });
});

/** A runner that records every program and answers from a script. */
function scriptedRunner(answer: (p: GoAuthProgram) => GoAuthProgramResult): { calls: GoAuthProgram[]; run: (p: GoAuthProgram) => Promise<GoAuthProgramResult> } {
  const calls: GoAuthProgram[] = [];
  return {
    calls,
    run: async (p) => {
      calls.push(p);
      return answer(p);
    },
  };
}

const isDir = async (): Promise<{ kind: 'directory' }> => ({ kind: 'directory' });
const URL1 = 'https://proxy.invalid:8443/mod/example.com/m/@v/v1.0.0.info';
const DENIED = { proto: 'HTTP/1.1', status: '401 Unauthorized', headers: [['Www-Authenticate', 'Basic realm="x"']] as const };

describe('createGoAuthSession with a scripted runner', () => {
  test('before Go 1.24: .netrc by the version rule, GOAUTH ignored, never a retry', async () => {
    const runner = scriptedRunner(() => ({ exitCode: 0, stdout: '', timedOut: false }));
    const session = createGoAuthSession({ goVersion: 'go1.23.5', goauth: 'my-helper', netrc: parseNetrc('machine proxy.invalid:8443 login u password secret-pw\n'), run: runner.run, stat: isDir, commandTimeoutMs: 1000 });
    expect(session.mode).toBe('netrc-only');
    expect(session.retriesAfter4xx).toBe(false);
    const first = await session.first(URL1);
    expect(first.credentials?.source).toEqual({ kind: 'netrc', machine: 'proxy.invalid:8443' });
    expect(runner.calls).toEqual([]);
  });

  test('a command runs once at the first request without arguments, and again with the URL and the answer after a 4xx', async () => {
    const runner = scriptedRunner((p) => ({
      exitCode: 0,
      stdout: p.args.length > 1 ? 'https://proxy.invalid:8443/mod\n\nAuthorization: Bearer tok-secret\n\n' : '',
      timedOut: false,
    }));
    const session = createGoAuthSession({ goVersion: 'go1.26.8', goauth: `helper --flag`, netrc: [], run: runner.run, stat: isDir, commandTimeoutMs: 1000 });
    expect(await session.first(URL1)).toEqual({});
    expect(await session.first(URL1)).toEqual({});
    expect(runner.calls.map((c) => [c.file, c.args, c.stdin])).toEqual([['helper', ['--flag'], '']]);
    const retry = await session.retry(URL1, DENIED);
    expect(runner.calls[1]).toMatchObject({ file: 'helper', args: ['--flag', URL1], stdin: 'HTTP/1.1 401 Unauthorized\nWww-Authenticate: Basic realm="x"\n\n', combineStderr: false });
    expect(retry.credentials).toMatchObject({ source: { kind: 'command', command: 'helper --flag' }, prefix: 'proxy.invalid:8443/mod', headerNames: ['Authorization'], authScheme: 'Bearer' });
    // The secret is only behind headers(): nothing printable carries it.
    expect(JSON.stringify(retry)).not.toContain('tok-secret');
    expect(retry.credentials?.headers()).toEqual([['Authorization', 'Bearer tok-secret']]);
    // Now cached for every URL under the prefix, on the first request.
    expect((await session.first('https://proxy.invalid:8443/mod/example.com/m/@v/v1.0.0.mod')).credentials?.prefix).toBe('proxy.invalid:8443/mod');
    expect(session.events.map((e) => e.outcome)).toEqual(['nothing', 'stored']);
  });

  test('go1.24 takes a path prefix only for the exact URL; go1.25 walks up to it', async () => {
    const answer = (): GoAuthProgramResult => ({ exitCode: 0, stdout: 'https://proxy.invalid:8443/mod\n\nAuthorization: Bearer t\n\n', timedOut: false });
    for (const [goVersion, expected] of [['go1.24.13', undefined], ['go1.25.14', 'proxy.invalid:8443/mod']] as const) {
      const session = createGoAuthSession({ goVersion, goauth: 'helper', netrc: [], run: scriptedRunner(answer).run, stat: isDir, commandTimeoutMs: 1000 });
      expect({ goVersion, prefix: (await session.first(URL1)).credentials?.prefix }).toEqual({ goVersion, prefix: expected });
    }
  });

  test('git <dir>: waits for a URL, runs `git credential fill` in the directory, keeps the prefix git names', async () => {
    const runner = scriptedRunner(() => ({ exitCode: 0, stdout: 'protocol=https\nhost=proxy.invalid:8443\nusername=u\npassword=git-secret\n', timedOut: false }));
    const session = createGoAuthSession({ goVersion: 'go1.27.4', goauth: 'git /repo', netrc: [], run: runner.run, stat: isDir, commandTimeoutMs: 1000 });
    expect(await session.first(URL1)).toEqual({});
    expect(runner.calls).toEqual([]);
    const retry = await session.retry(URL1, DENIED);
    expect(runner.calls[0]).toMatchObject({ file: 'git', args: ['credential', 'fill'], cwd: '/repo', stdin: `url=${URL1}\n`, combineStderr: true });
    expect(retry.credentials).toMatchObject({ source: { kind: 'git', dir: '/repo' }, prefix: 'proxy.invalid:8443', authScheme: 'Basic' });
  });

  test('earlier entries win a shared prefix; a failing command only leaves an event', async () => {
    const netrc = parseNetrc('machine proxy.invalid:8443 login n password netrc-pw\n');
    const runner = scriptedRunner((p) =>
      p.file === 'good' ? { exitCode: 0, stdout: 'https://proxy.invalid:8443\n\nAuthorization: Bearer from-command\n\n', timedOut: false } : { exitCode: 3, stdout: '', timedOut: false },
    );
    const commandFirst = createGoAuthSession({ goVersion: 'go1.26.8', goauth: 'good;netrc', netrc, run: runner.run, stat: isDir, commandTimeoutMs: 1000 });
    expect((await commandFirst.first(URL1)).credentials?.source.kind).toBe('command');
    const netrcFirst = createGoAuthSession({ goVersion: 'go1.26.8', goauth: 'netrc;good', netrc, run: runner.run, stat: isDir, commandTimeoutMs: 1000 });
    expect((await netrcFirst.first(URL1)).credentials?.source.kind).toBe('netrc');
    const failing = createGoAuthSession({ goVersion: 'go1.26.8', goauth: 'bad', netrc, run: runner.run, stat: isDir, commandTimeoutMs: 1000 });
    expect(await failing.first(URL1)).toEqual({});
    expect(failing.events).toEqual([{ entry: 'bad', kind: 'command', outcome: 'error', prefixes: [], error: 'GOAUTH=bad: could not run command bad: exit status 3' }]);
  });

  test('fatal errors in go words: found from the last entry back, including the directory check', async () => {
    const runner = scriptedRunner(() => ({ exitCode: 0, stdout: '', timedOut: false }));
    const missing = async (dir: string): Promise<{ error: string }> => ({ error: `stat ${dir}: no such file or directory` });
    const session = createGoAuthSession({ goVersion: 'go1.24.13', goauth: 'git /nope;helper', netrc: [], run: runner.run, stat: missing, commandTimeoutMs: 1000 });
    expect(session.mode).toBe('entries');
    expect(await session.first(URL1)).toEqual({ fatal: 'go: GOAUTH=git encountered an error; cannot stat /nope: stat /nope: no such file or directory' });
    // The command after it (checked first) already ran, as in go.
    expect(runner.calls.map((c) => c.file)).toEqual(['helper']);
    const invalid = createGoAuthSession({ goVersion: 'go1.24.13', goauth: 'off;netrc', netrc: [], run: runner.run, stat: isDir, commandTimeoutMs: 1000 });
    expect(invalid.mode).toBe('invalid');
    expect((await invalid.first(URL1)).fatal).toBe('go: GOAUTH=off cannot be combined with other authentication commands (GOAUTH=off;netrc)');
    // http requests never reach GOAUTH.
    expect(await invalid.first('http://proxy.invalid/x')).toEqual({});
  });

  test('off: nothing attached, but 4xx answers are still retried (by go, without credentials)', async () => {
    const session = createGoAuthSession({ goVersion: 'go1.25.14', goauth: 'off', netrc: parseNetrc('machine proxy.invalid:8443 login n password p\n'), run: scriptedRunner(() => ({ exitCode: 0, stdout: '', timedOut: false })).run, stat: isDir, commandTimeoutMs: 1000 });
    expect(session.mode).toBe('off');
    expect(session.retriesAfter4xx).toBe(true);
    expect(await session.first(URL1)).toEqual({});
    expect(await session.retry(URL1, DENIED)).toEqual({});
  });
});

test('a GOAUTH command printing a credential where a URL belongs: the session\'s printable error leaves the line out', async () => {
  const secret = 'tok-3a9f0c21-never-shown';
  const run = async () => ({ exitCode: 0, stdout: `Bearer ${secret}\n\n`, timedOut: false });
  const session = createGoAuthSession({ goVersion: 'go1.26.0', goauth: 'helper', netrc: [], run, stat: async () => ({ kind: 'directory' as const }), commandTimeoutMs: 1000 });
  await session.first('https://proxy.corp.invalid/m/@v/list');
  const printed = JSON.stringify(session.events);
  expect(printed).toContain('cannot parse output of GOAUTH command helper');
  expect(printed).not.toContain(secret);
});
