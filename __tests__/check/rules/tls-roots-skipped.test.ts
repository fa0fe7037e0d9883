/** tls-roots-skipped, from the roots as the loader reports them: skipped files become one error finding. */
import { tlsRootsSkipped } from '../../../src/check/rules/tls-roots-skipped.js';
import type { GoRoots } from '../../../src/probe/tlsroots.js';
import { checkInput, envWith } from '../network-support.js';

function roots(skipped: GoRoots['skipped'], ignoredVariables: string[] = []): GoRoots {
  return {
    kind: 'files',
    pems: [],
    dirsRead: [],
    ...(skipped ? { skipped } : {}),
    sources: { kind: 'files', files: ['/etc/ssl/certs/ca-certificates.crt'], dirs: [], fileFromEnv: true, dirsFromEnv: false, ignoredVariables },
  } as GoRoots;
}

describe("'tls-roots-skipped'", () => {
  const env = envWith({ GOPROXY: 'https://a.invalid', SSL_CERT_FILE: '/tmp/fifo' });
  const input = (r: GoRoots) => checkInput(env, { chain: [], specs: [], records: [], modules: [], timeoutMs: 1000 }, { roots: r });

  test('a FIFO as SSL_CERT_FILE is an error naming the file and why', () => {
    const [f, ...rest] = tlsRootsSkipped.detect(input(roots([{ path: '/tmp/fifo', reason: 'not-regular-file' }])));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: 'tls-roots-skipped', severity: 'error', group: 'credentials', evidence: ['/tmp/fifo: not a regular file'] });
    expect(f?.fixes.map((x) => x.id)).toEqual(['tls-roots-regular-file']);
  });

  test('nothing skipped, or the variables ignored on this platform: nothing to say', () => {
    expect(tlsRootsSkipped.detect(input(roots(undefined)))).toEqual([]);
    expect(tlsRootsSkipped.detect(input(roots([{ path: '/tmp/fifo', reason: 'too-large' }], ['SSL_CERT_FILE'])))).toEqual([]);
  });
});
