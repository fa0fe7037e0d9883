/**
 * Redaction works by position: a password of one common letter in HTTPS_PROXY, in GOPROXY userinfo or
 * in .netrc changes nothing in `check --json` but the redacted fields. Each configuration runs twice,
 * with the password `e` and with a long password; after the timings are set aside the two documents
 * are identical, so the letter e was touched nowhere, and the long password appears nowhere.
 */
import { main } from '../../src/cli/main.js';
import { startConnectProxy, type ConnectProxy } from '../helpers/connect-proxy.js';
import { availableGoVersions, goBinary } from '../helpers/go-toolchains.js';
import { prepareCase, removeSandbox, type CheckCase } from './harness.js';

const haveGo = availableGoVersions(['1.23']).length > 0;
const describeGo = haveGo ? describe : describe.skip;

const LONG_PASSWORD = 'Long-S3cret-Passw0rd';

async function checkJson(c: CheckCase): Promise<{ text: string; doc: unknown }> {
  const { sandbox, io } = prepareCase(c);
  try {
    await main(['--go', goBinary('1.23'), 'check', '--json', '--timeout', '15000'], io);
    // Each run has its own throw-away sandbox; its path is not part of what is compared.
    const text = io.stdout.text().split(sandbox.root).join('<sandbox>');
    return { text, doc: JSON.parse(text) as unknown };
  } finally {
    removeSandbox(sandbox);
  }
}

// Timings differ from run to run; everything else must not.
function withoutTimings(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\d+(?:\.\d+)? ms\b/g, 'N ms');
  if (Array.isArray(value)) return value.map(withoutTimings);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'durationMs' || key === 'timings') continue;
      out[key] = withoutTimings(item);
    }
    return out;
  }
  return value;
}

describeGo('a one-letter password changes nothing but the redacted fields', () => {
  let refusing: ConnectProxy;

  beforeAll(async () => {
    // A CONNECT proxy that wants other credentials than either run sends: both runs get 407.
    refusing = await startConnectProxy({ requireAuth: { user: 'bob', password: 'not-what-is-sent' } });
  });

  afterAll(async () => {
    await refusing?.close();
  });

  const configurations: Array<[string, (password: string) => CheckCase]> = [
    ['HTTPS_PROXY userinfo, proxy down', (password) => ({ env: { GOPROXY: 'https://proxy.golang.org', HTTPS_PROXY: `http://proxy:${password}@127.0.0.1:9` } })],
    ['HTTPS_PROXY userinfo, proxy answering 407', (password) => ({ env: { GOPROXY: 'https://proxy.golang.org', HTTPS_PROXY: refusing.urlWithAuth('bob', password) } })],
    ['GOPROXY userinfo', (password) => ({ env: { GOPROXY: `https://alice:${password}@127.0.0.1:9`, HTTPS_PROXY: undefined, HTTP_PROXY: undefined } })],
    [
      '.netrc password',
      (password) => ({ env: { GOPROXY: 'https://127.0.0.1:9', HTTPS_PROXY: undefined, HTTP_PROXY: undefined }, files: { 'home/.netrc': `machine 127.0.0.1:9\nlogin alice\npassword ${password}\n` } }),
    ],
  ];

  test.each(configurations)('%s', async (_name, configure) => {
    const short = await checkJson(configure('e'));
    const long = await checkJson(configure(LONG_PASSWORD));
    expect(long.text).not.toContain(LONG_PASSWORD);
    expect(withoutTimings(short.doc)).toEqual(withoutTimings(long.doc));
    // The letter survives wherever it belongs: rule ids and go's own words are intact.
    expect(short.text).not.toMatch(/xxxxx(?:nv|ction|rror|ct\b)/);
  }, 60_000);

  test('against a proxy answering 407 the cause is proxy authentication, with a one-letter password too', async () => {
    const { doc } = await checkJson({ env: { GOPROXY: 'https://proxy.golang.org', HTTPS_PROXY: refusing.urlWithAuth('bob', 'e') } });
    const findings = (doc as { findings: Array<{ id: string; cause?: string }> }).findings;
    expect(findings).toContainEqual(expect.objectContaining({ id: 'http-proxy-env', cause: 'http-proxy-auth' }));
  }, 60_000);
});
