import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { certificatesFromPem, diskRootsReader, LINUX_CERT_DIRECTORIES, LINUX_CERT_FILES, loadGoRoots, rootSourcesFor } from '../../src/probe/tlsroots.js';
import { createTestCa, type TestCa } from '../helpers/test-ca.js';

describe('rootSourcesFor (root_unix.go / root_linux.go)', () => {
  test('defaults on Linux', () => {
    const s = rootSourcesFor({}, 'linux');
    expect(s).toMatchObject({ kind: 'files', files: LINUX_CERT_FILES, dirs: LINUX_CERT_DIRECTORIES, fileFromEnv: false, dirsFromEnv: false });
    expect(s.files[0]).toBe('/etc/ssl/certs/ca-certificates.crt');
  });

  test('SSL_CERT_FILE replaces only the file list; SSL_CERT_DIR (colon-separated) only the directories', () => {
    const f = rootSourcesFor({ SSL_CERT_FILE: '/x/ca.pem' }, 'linux');
    expect(f.files).toEqual(['/x/ca.pem']);
    expect(f.dirs).toEqual(LINUX_CERT_DIRECTORIES);
    const d = rootSourcesFor({ SSL_CERT_DIR: '/a:/b' }, 'linux');
    expect(d.files).toEqual(LINUX_CERT_FILES);
    expect(d.dirs).toEqual(['/a', '/b']);
  });

  test('macOS and Windows use the platform verifier and ignore both variables', () => {
    expect(rootSourcesFor({ SSL_CERT_FILE: '/x' }, 'darwin')).toMatchObject({ kind: 'platform', ignoredVariables: ['SSL_CERT_FILE'] });
    expect(rootSourcesFor({ SSL_CERT_DIR: '/x' }, 'win32').ignoredVariables).toEqual(['SSL_CERT_DIR']);
  });
});

describe('loadGoRoots', () => {
  let ca: TestCa;
  let other: TestCa;
  let dir: string;

  beforeAll(async () => {
    [ca, other] = await Promise.all([createTestCa(), createTestCa()]);
    dir = mkdtempSync(path.join(tmpdir(), 'gpd-roots-'));
  }, 30_000);

  afterAll(() => {
    ca?.cleanup();
    other?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  test('reads the first existing file only, then every directory entry', async () => {
    const bundle = path.join(dir, 'bundle.pem');
    const second = path.join(dir, 'second.pem');
    writeFileSync(bundle, ca.caCert);
    writeFileSync(second, other.caCert);
    const certDir = path.join(dir, 'certs');
    mkdirSync(certDir);
    writeFileSync(path.join(certDir, 'other.pem'), other.caCert);
    const roots = await loadGoRoots(
      { kind: 'files', files: [path.join(dir, 'missing.pem'), bundle, second], dirs: [certDir, path.join(dir, 'nodir')], fileFromEnv: false, dirsFromEnv: false, ignoredVariables: [] },
      diskRootsReader,
    );
    expect(roots.fileUsed).toBe(bundle);
    expect(roots.dirsRead).toEqual([certDir]);
    expect(roots.pems).toHaveLength(2);
    expect(roots.loadError).toBeUndefined();
  });

  test('same-directory symlinks are skipped (no duplicates), bad PEM blocks are ignored', async () => {
    const certDir = path.join(dir, 'linked');
    mkdirSync(certDir);
    writeFileSync(path.join(certDir, 'ca.pem'), `${ca.caCert}\n-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n`);
    symlinkSync('ca.pem', path.join(certDir, 'abcd1234.0'));
    const seen: string[] = [];
    const roots = await loadGoRoots(
      { kind: 'files', files: [], dirs: [certDir], fileFromEnv: false, dirsFromEnv: false, ignoredVariables: [] },
      { ...diskRootsReader, readFile: async (p) => (seen.push(path.basename(p)), diskRootsReader.readFile(p)) },
    );
    expect(seen).toEqual(['ca.pem']);
    expect(roots.pems).toHaveLength(1);
    expect(certificatesFromPem('garbage')).toEqual([]);
  });

  test('an unreadable source with no certificate found is a load error', async () => {
    const roots = await loadGoRoots(
      { kind: 'files', files: ['/f'], dirs: [], fileFromEnv: true, dirsFromEnv: false, ignoredVariables: [] },
      {
        readFile: async () => ({ ok: false, code: 'EACCES', message: 'permission denied' }),
        readDir: async () => ({ ok: false, code: 'ENOENT', message: 'no such file' }),
        readLink: async () => undefined,
      },
    );
    expect(roots.pems).toEqual([]);
    expect(roots.loadError).toBe('open /f: permission denied');
  });

  test('the system defaults load real roots on this machine', async () => {
    const roots = await loadGoRoots(rootSourcesFor({}, 'linux'), diskRootsReader);
    // Not every CI image has a CA bundle; when it has one, Go would read it.
    if (roots.fileUsed !== undefined) expect(roots.pems.length).toBeGreaterThan(10);
    expect(roots.pems.some((p) => p === ca.caCert || p === `${ca.caCert.trim()}\n`)).toBe(false);
  });
});
