/**
 * A throw-away certificate authority for TLS tests, built with the `openssl` CLI in a temp dir.
 *
 * Go's verifier is strict, so leaf certificates carry what crypto/x509 checks: subjectAltName
 * entries (Go ignores the CN, go1.23 src/crypto/x509/verify.go VerifyHostname), the serverAuth
 * extended key usage, and a CA with basicConstraints CA:TRUE. Point `SSL_CERT_FILE` at
 * `ca.caCertPath` to make `go` trust it (go1.23 src/crypto/x509/root_unix.go).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';

/** A certificate and its private key, as PEM text and as files. */
export interface IssuedCert {
  cert: string;
  key: string;
  certPath: string;
  keyPath: string;
}

/** Options for {@link TestCa.issue}. */
export interface IssueOptions {
  /** Names and IPs the certificate is valid for; IPs become `IP:` SANs, the rest `DNS:`. Default `127.0.0.1`, `localhost`. */
  hosts?: string[];
  /** Validity ended in 2021 (Go: `x509: certificate has expired or is not yet valid`). */
  expired?: boolean;
  /** Validity starts in 2099 (same Go error, "is before"). */
  notYetValid?: boolean;
}

/** A throw-away CA; call `cleanup()` in afterAll. */
export interface TestCa {
  /** The temp directory holding every file. */
  dir: string;
  /** PEM of the CA certificate. */
  caCert: string;
  /** Path of the CA certificate: the value for `SSL_CERT_FILE`. */
  caCertPath: string;
  /** Issues a leaf certificate signed by this CA. Calls are serialised internally. */
  issue(options?: IssueOptions): Promise<IssuedCert>;
  /** A self-signed leaf for `hosts` that no CA vouches for (Go: `certificate signed by unknown authority`). */
  selfSigned(hosts?: string[]): Promise<IssuedCert>;
  /** A leaf signed by this CA but only for `wrong-name.invalid` (Go: `x509: cannot validate certificate for 127.0.0.1…` / `…is valid for wrong-name.invalid, not localhost`). */
  wrongName(): Promise<IssuedCert>;
  /** Removes the temp directory. */
  cleanup(): void;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function sanList(hosts: readonly string[]): string {
  return hosts.map((h) => (IPV4.test(h) || h.includes(':') ? `IP:${h}` : `DNS:${h}`)).join(',');
}

function leafExtensions(hosts: readonly string[], withAuthorityKeyId: boolean): string {
  return [
    'basicConstraints = critical, CA:FALSE',
    'keyUsage = critical, digitalSignature, keyEncipherment',
    'extendedKeyUsage = serverAuth',
    `subjectAltName = ${sanList(hosts)}`,
    'subjectKeyIdentifier = hash',
    ...(withAuthorityKeyId ? ['authorityKeyIdentifier = keyid'] : []),
  ].join('\n');
}

/** `openssl` with a clean environment so a user's OPENSSL_CONF cannot change the result. */
async function openssl(dir: string, args: readonly string[]): Promise<void> {
  const result = await execa('openssl', [...args], {
    cwd: dir,
    reject: false,
    timeout: 30_000,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    extendEnv: false,
    stdin: 'ignore',
  });
  if (result.exitCode !== 0) {
    throw new Error(`openssl ${args.slice(0, 2).join(' ')} failed (${String(result.exitCode)}): ${String(result.stderr)}`);
  }
}

const EC_KEY_ARGS = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/**
 * Creates the CA (an EC P-256 key, valid ten years). `openssl ca` signs the leaves because it,
 * unlike `openssl x509 -req` in OpenSSL 3.0, accepts explicit start and end dates.
 */
export async function createTestCa(): Promise<TestCa> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gpd-ca-'));
  mkdirSync(path.join(dir, 'newcerts'));
  writeFileSync(path.join(dir, 'index.txt'), '');
  writeFileSync(path.join(dir, 'serial'), '1000\n');
  const caKeyPath = path.join(dir, 'ca.key');
  const caCertPath = path.join(dir, 'ca.pem');

  writeFileSync(
    path.join(dir, 'req.cnf'),
    [
      '[req]',
      'distinguished_name = dn',
      'prompt = no',
      '[dn]',
      'CN = goproxy-doctor test CA',
      '[v3_ca]',
      'basicConstraints = critical, CA:TRUE',
      'keyUsage = critical, keyCertSign, cRLSign, digitalSignature',
      'subjectKeyIdentifier = hash',
      '',
    ].join('\n'),
  );
  writeFileSync(
    path.join(dir, 'ca.cnf'),
    [
      '[ca]',
      'default_ca = testca',
      '[testca]',
      `dir = ${dir}`,
      'database = $dir/index.txt',
      'new_certs_dir = $dir/newcerts',
      'serial = $dir/serial',
      'certificate = $dir/ca.pem',
      'private_key = $dir/ca.key',
      'default_md = sha256',
      'policy = policy_any',
      'unique_subject = no',
      'copy_extensions = none',
      'email_in_dn = no',
      'default_days = 825',
      '[policy_any]',
      'commonName = supplied',
      '',
    ].join('\n'),
  );
  await openssl(dir, [
    'req', '-x509', ...EC_KEY_ARGS, '-keyout', caKeyPath, '-out', caCertPath,
    '-days', '3650', '-config', 'req.cnf', '-extensions', 'v3_ca',
  ]);

  let counter = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const serialise = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  const issueNow = async (options: IssueOptions): Promise<IssuedCert> => {
    const hosts = options.hosts ?? ['127.0.0.1', 'localhost'];
    const base = path.join(dir, `leaf-${++counter}`);
    const keyPath = `${base}.key`;
    const csrPath = `${base}.csr`;
    const certPath = `${base}.pem`;
    const extPath = `${base}.ext`;
    const leafReq = `${base}.req.cnf`;
    writeFileSync(leafReq, ['[req]', 'distinguished_name = dn', 'prompt = no', '[dn]', `CN = ${hosts[0] ?? 'leaf'}`, ''].join('\n'));
    writeFileSync(extPath, `${leafExtensions(hosts, true)}\n`);
    await openssl(dir, ['req', '-new', ...EC_KEY_ARGS, '-keyout', keyPath, '-out', csrPath, '-config', leafReq]);
    const dates = options.expired
      ? ['-startdate', '20200101000000Z', '-enddate', '20210101000000Z']
      : options.notYetValid
        ? ['-startdate', '20990101000000Z', '-enddate', '20991231000000Z']
        : ['-days', '825'];
    await openssl(dir, [
      'ca', '-batch', '-notext', '-config', 'ca.cnf', '-in', csrPath, '-out', certPath, '-extfile', extPath, ...dates,
    ]);
    return { cert: readFileSync(certPath, 'utf8'), key: readFileSync(keyPath, 'utf8'), certPath, keyPath };
  };

  const selfSignedNow = async (hosts: string[]): Promise<IssuedCert> => {
    const base = path.join(dir, `self-${++counter}`);
    const keyPath = `${base}.key`;
    const certPath = `${base}.pem`;
    const cnf = `${base}.cnf`;
    writeFileSync(
      cnf,
      ['[req]', 'distinguished_name = dn', 'prompt = no', '[dn]', `CN = ${hosts[0] ?? 'self'}`, '[leaf]', leafExtensions(hosts, false), ''].join('\n'),
    );
    await openssl(dir, ['req', '-x509', ...EC_KEY_ARGS, '-keyout', keyPath, '-out', certPath, '-days', '825', '-config', cnf, '-extensions', 'leaf']);
    return { cert: readFileSync(certPath, 'utf8'), key: readFileSync(keyPath, 'utf8'), certPath, keyPath };
  };

  return {
    dir,
    caCert: readFileSync(caCertPath, 'utf8'),
    caCertPath,
    issue: (options = {}) => serialise(() => issueNow(options)),
    selfSigned: (hosts = ['127.0.0.1', 'localhost']) => serialise(() => selfSignedNow(hosts)),
    wrongName: () => serialise(() => issueNow({ hosts: ['wrong-name.invalid'] })),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
