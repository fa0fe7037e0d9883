/** ssl-cert-ignored and ssl-cert-file-unreadable: SSL_CERT_FILE where Go ignores it, and where it names a file Go cannot read. */
import { sslCertFileUnreadable } from '../../../src/check/rules/ssl-cert-file-unreadable.js';
import { sslCertIgnored } from '../../../src/check/rules/ssl-cert-ignored.js';
import { diskRootsReader, loadGoRoots, rootSourcesFor } from '../../../src/probe/tlsroots.js';
import path from 'node:path';
import { HAVE_GO_123, oneFinding, realInput, syntheticInput } from '../rules/support.js';

const describeGo = HAVE_GO_123 ? describe : describe.skip;

describeGo('ssl-cert-file-unreadable', () => {
  test('SSL_CERT_FILE naming a missing file', async () => {
    const input = await realInput({ env: { SSL_CERT_FILE: path.join('/nonexistent', 'ca.pem') } });
    const f = oneFinding(sslCertFileUnreadable, input);
    expect(f.severity).toBe('warning');
    expect(f.fixes[0]).toMatchObject({ id: 'ssl-cert-file-fix', command: 'unset SSL_CERT_FILE' });
    expect(sslCertIgnored.detect(input)).toEqual([]);
  });
});

describe('ssl-cert-ignored', () => {
  test.each([
    ['darwin', { SSL_CERT_FILE: '/etc/corp-ca.pem' }, 'SSL_CERT_FILE is ignored on macOS'],
    ['win32', { SSL_CERT_FILE: 'C:\\ca.pem', SSL_CERT_DIR: 'C:\\certs' }, 'SSL_CERT_FILE and SSL_CERT_DIR are ignored on Windows'],
  ] as const)('%s: a note, never the unreadable-file warning', async (platform, vars, message) => {
    const roots = await loadGoRoots(rootSourcesFor(vars, platform), diskRootsReader);
    const input = syntheticInput('go1.23.5', vars, { roots, platform });
    const f = oneFinding(sslCertIgnored, input);
    expect(f.message).toContain(message);
    expect(f.fixes.map((x) => x.id)).toEqual(['system-trust-store']);
    expect(sslCertFileUnreadable.detect(input)).toEqual([]);
  });
});
