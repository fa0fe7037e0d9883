/**
 * The `?go-get=1` page as real `go mod download` (Go 1.23 and 1.26) reads it, against the probe's
 * reading (src/probe/direct/meta.ts, discovery.ts): hand-written pages served by the loopback code
 * host, each pointing at a real git repository when go can follow it. The same agreement as in
 * direct-vs-go.test.ts is required: outcome, stage, go's exact text, explain's scenario.
 */
import { GitHostUnavailableError, startGitHost, type GitHost, type GoGetMode } from '../helpers/git-host.js';
import { startFakeGoProxy, type FakeGoProxy } from '../helpers/fake-goproxy.js';
import { availableGoVersions } from '../helpers/go-toolchains.js';
import { createTestCa, type TestCa } from '../helpers/test-ca.js';
import { expectAgreement, expectationFor, judge, type Configuration } from './direct-judge.js';

const VERSIONS = availableGoVersions(['1.23', '1.26']);

let ca: TestCa | undefined;
let host: GitHost | undefined;
let proxy: FakeGoProxy | undefined;
let skipReason: string | undefined;

const html = (head: string): GoGetMode => ({ status: 200, body: `<!DOCTYPE html>\n<html>\n<head>\n${head}\n</head>\n<body>page</body>\n</html>\n` });
const tag = (content: string): string => `<meta name="go-import" content="${content}">`;

beforeAll(async () => {
  ca = await createTestCa();
  proxy = await startFakeGoProxy();
  try {
    host = await startGitHost({
      ca,
      repos: [
        { name: 'pub', access: 'public' },
        { name: 'upper', access: 'missing', goGet: { status: 200, body: '<HTML><HEAD><META NAME=go-import CONTENT="{address}/upper git {url:pub}" data-x></HEAD></HTML>' } },
        { name: 'syntax', access: 'missing', goGet: html(`<script>if (a < b) { go(); }</script>\n${tag('{address}/syntax git {url:pub}')}`) },
        { name: 'lateerror', access: 'missing', goGet: html(`${tag('{address}/lateerror git {url:pub}')}\n<script>if (a < b) { go(); }</script>`) },
        { name: 'charset', access: 'missing', goGet: { status: 200, body: `<?xml version="1.0" encoding="ISO-8859-1"?>\n<html><head>${tag('{address}/charset git {url:pub}')}</head></html>` } },
        { name: 'entity', access: 'missing', goGet: html(`<title>a&nbsp;b &amp; c&copy</title>\n${tag('{address}/entity git {url:pub}')}`) },
        { name: 'comment', access: 'missing', goGet: html(`<!-- ${tag('{address}/comment git {url:pub}')} -->`) },
        { name: 'inbody', access: 'missing', goGet: { status: 200, body: `<html><head><title>x</title></head><body>${tag('{address}/inbody git {url:pub}')}</body></html>` } },
        { name: 'mismatch', access: 'missing', goGet: html(tag('{address}/elsewhere git {url:pub}')) },
        { name: 'multiple', access: 'missing', goGet: html(`${tag('{address}/multiple git {url:pub}')}\n${tag('{address}/multiple git {url:pub}')}`) },
        { name: 'noscheme', access: 'missing', goGet: html(tag('{address}/noscheme git {address}/pub')) },
        { name: 'cvs', access: 'missing', goGet: html(tag('{address}/cvs cvs {url:pub}')) },
        { name: 'prefix', access: 'missing', goGet: html(tag('{address}/prefix git {url:pub}')) },
        { name: 'moved', access: 'missing', goGet: { status: 302, body: '', location: '/movedhere?go-get=1' } },
        { name: 'movedhere', access: 'missing', goGet: html(tag('{address}/moved git {url:pub}')) },
        { name: 'tagged404', access: 'missing', goGet: { status: 404, body: `<html><head>${tag('{address}/tagged404 git {url:pub}')}</head></html>` } },
        { name: 'badsubdir', access: 'missing', goGet: html(tag('{address}/badsubdir git {url:pub} /abs')) },
        { name: 'st401', access: 'missing', goGet: { status: 401, body: 'sign in first\n', contentType: 'text/plain; charset=utf-8' } },
        { name: 'st403', access: 'missing', goGet: { status: 403, body: 'forbidden\n', contentType: 'text/plain; charset=utf-8' } },
        { name: 'st410', access: 'missing', goGet: { status: 410, body: '<html><body>gone</body></html>' } },
        { name: 'st418', access: 'missing', goGet: { status: 418, body: '' } },
        { name: 'st502', access: 'missing', goGet: { status: 502, body: 'upstream down\n', contentType: 'text/plain' } },
        { name: 'loop', access: 'missing', goGet: { status: 302, body: '', location: '/loop?go-get=1' } },
        { name: 'downgrade', access: 'missing', goGet: { status: 302, body: '', location: 'http://{address}/downgrade?go-get=1' } },
        { name: 'modproxy', access: 'missing', goGet: html(tag(`{address}/modproxy mod ${proxy.url}`)) },
        { name: 'modmissing', access: 'missing', goGet: html(tag(`{address}/modmissing mod ${proxy.url}`)) },
      ],
    });
    proxy.addModule({ path: host.modulePath('modproxy'), version: 'v1.0.0', files: { 'm.go': 'package modproxy\n' } });
  } catch (error) {
    if (error instanceof GitHostUnavailableError && process.env.CI !== 'true') {
      skipReason = error.message;
      return;
    }
    throw error;
  }
}, 120_000);

afterAll(async () => {
  await host?.close();
  await proxy?.close();
  ca?.cleanup();
});

const H = (): GitHost => host as GitHost;
const mod = (name: string) => (): string => H().modulePath(name);
const plain = () => ({});

const CONFIGURATIONS: Configuration[] = [
  { name: 'upper-case HTML, unquoted and bare attributes', module: mod('upper'), client: plain, expect: { status: 'ok', stage: 'git' } },
  { name: 'a "<" in a script before the tag', module: mod('syntax'), client: plain, expect: { status: 'fail', stage: 'root', kind: 'page-unparsable' } },
  { name: 'a "<" in a script after the tag', module: mod('lateerror'), client: plain, expect: { status: 'ok', stage: 'git' } },
  { name: 'an XML declaration with a Latin-1 charset', module: mod('charset'), client: plain, expect: { status: 'fail', stage: 'root', kind: 'page-unparsable' } },
  { name: 'HTML entities known and unknown', module: mod('entity'), client: plain, expect: { status: 'ok', stage: 'git' } },
  { name: 'the tag inside a comment', module: mod('comment'), client: plain, expect: { status: 'fail', stage: 'root', kind: 'no-go-import' } },
  { name: 'the tag in the body', module: mod('inbody'), client: plain, expect: { status: 'fail', stage: 'root', kind: 'no-go-import' } },
  { name: 'a tag for another path', module: mod('mismatch'), client: plain, expect: { status: 'fail', stage: 'root', kind: 'no-go-import' } },
  { name: 'two tags for the path', module: mod('multiple'), client: plain, expect: { status: 'fail', stage: 'root', kind: 'multiple-go-import' } },
  { name: 'a repository root without scheme', module: mod('noscheme'), client: plain, expect: { status: 'fail', stage: 'root', kind: 'invalid-repo-root' } },
  { name: 'an unknown VCS', module: mod('cvs'), client: plain, expect: { status: 'fail', stage: 'root', kind: 'unknown-vcs' } },
  // The tag's prefix is shorter than the module path: the module lives in sub/ and needs the tag sub/v1.0.0.
  { name: 'a module below the tag\'s prefix', module: () => `${H().modulePath('prefix')}/sub`, client: plain, expect: { status: 'fail', stage: 'version', kind: 'unknown-revision' } },
  { name: 'a redirected discovery page', module: mod('moved'), client: plain, expect: { status: 'ok', stage: 'git' } },
  { name: 'a tag on a 404 page', module: mod('tagged404'), client: plain, expect: { status: 'ok', stage: 'git' } },
  {
    name: 'a subdirectory with a leading slash',
    module: mod('badsubdir'),
    client: plain,
    expect: (version) => (version === '1.23' ? { status: 'fail', stage: 'root', kind: 'no-go-import' } : { status: 'fail', stage: 'root', kind: 'invalid-subdir' }),
  },
  { name: '401 with a text body', module: mod('st401'), client: plain, expect: { status: 'fail', stage: 'root', kind: 'http-status' } },
  { name: '403 with a text body', module: mod('st403'), client: plain, expect: { status: 'fail', stage: 'root', kind: 'http-status' } },
  { name: '410 with an HTML body', module: mod('st410'), client: plain, expect: { status: 'fail', stage: 'root', kind: 'http-status' } },
  { name: 'an unusual status (418)', module: mod('st418'), client: plain, expect: { status: 'fail', stage: 'root', kind: 'http-status' } },
  { name: '502 with a text body', module: mod('st502'), client: plain, expect: { status: 'fail', stage: 'root', kind: 'http-status' } },
  { name: 'a redirect loop', module: mod('loop'), client: plain, expect: { status: 'fail', stage: 'root', kind: 'fetch-failed' } },
  { name: 'a redirect from https to http', module: mod('downgrade'), client: plain, expect: { status: 'fail', stage: 'root', kind: 'fetch-failed' } },
  { name: 'a mod tag: a module proxy serves it', module: mod('modproxy'), client: plain, expect: { status: 'ok', stage: 'mod' } },
  { name: 'a mod tag: the module proxy does not have it', module: mod('modmissing'), client: plain, expect: { status: 'fail', stage: 'mod', kind: 'mod-proxy' } },
];

describe.each(CONFIGURATIONS)('$name', (config) => {
  test.each(VERSIONS)('agrees with go %s', async (version) => {
    if (skipReason !== undefined) {
      process.stdout.write(`skipped: ${skipReason}\n`);
      return;
    }
    const j = await judge(version, config.module(), config.version ?? 'v1.0.0', (ca as TestCa).caCertPath, config.client());
    expectAgreement(j, expectationFor(config, version));
  }, 180_000);
});
