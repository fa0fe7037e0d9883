/**
 * Cross-match: every fixture runs through every scenario (not just the engine's winner), and the set
 * of scenarios that claim it must equal this matrix. Overlapping patterns show up here first: a new
 * pattern that starts matching other scenarios' fixtures changes a row. Rows list the scenarios most
 * confident first; the comparison is by set. A new fixture needs a row.
 */
import { matchBlock } from '../../src/explain/engine.js';
import { blocksFromText } from '../../src/explain/read-log.js';
import { SCENARIOS } from '../../src/scenarios/index.js';
import { loadFixtures } from './corpus.js';

const EXPECTED: Record<string, readonly string[]> = {
  'auth-required/git-https-prompt-synthetic.txt': ['auth-required', 'module-not-found'],
  'auth-required/git-ssh-publickey-synthetic.txt': ['auth-required', 'module-not-found'],
  'auth-required/proxy-401-go1.19.txt': ['auth-required'],
  'auth-required/proxy-401-go1.21.txt': ['auth-required'],
  'auth-required/proxy-401-go1.22.txt': ['auth-required'],
  'auth-required/proxy-401-go1.23.txt': ['auth-required'],
  'auth-required/proxy-403-go1.19.txt': ['auth-required'],
  'auth-required/proxy-403-go1.23.txt': ['auth-required'],
  'checksum-mismatch/docker-build-synthetic.txt': ['checksum-mismatch'],
  'checksum-mismatch/gosum-edited-go1.19.txt': ['checksum-mismatch'],
  'checksum-mismatch/gosum-edited-go1.21.txt': ['checksum-mismatch'],
  'checksum-mismatch/gosum-edited-go1.22.txt': ['checksum-mismatch'],
  'checksum-mismatch/gosum-edited-go1.23.txt': ['checksum-mismatch'],
  'checksum-mismatch/missing-gosum-entry-go1.21.txt': ['checksum-mismatch'],
  'checksum-mismatch/missing-gosum-entry-go1.23.txt': ['checksum-mismatch'],
  'checksum-mismatch/sumdb-wrong-hash-go1.19.txt': ['checksum-mismatch'],
  'checksum-mismatch/sumdb-wrong-hash-go1.23.txt': ['checksum-mismatch'],
  'dns-failure/direct-origin-go1.22.txt': ['dns-failure'],
  'dns-failure/git-could-not-resolve-synthetic.txt': ['dns-failure'],
  'dns-failure/goproxy-host-go1.19.txt': ['dns-failure'],
  'dns-failure/goproxy-host-go1.21.txt': ['dns-failure'],
  'dns-failure/goproxy-host-go1.22.txt': ['dns-failure'],
  'dns-failure/goproxy-host-go1.23.txt': ['dns-failure'],
  'dns-failure/https-proxy-host-go1.19.txt': ['dns-failure', 'http-proxy-env'],
  'dns-failure/https-proxy-host-go1.23.txt': ['dns-failure', 'http-proxy-env'],
  'dns-failure/server-misbehaving-synthetic.txt': ['dns-failure'],
  'http-proxy-env/connect-407-go1.19.txt': ['http-proxy-env'],
  'http-proxy-env/connect-407-go1.23.txt': ['http-proxy-env'],
  'http-proxy-env/connect-forbidden-go1.22.txt': ['http-proxy-env'],
  'http-proxy-env/connect-forbidden-go1.23.txt': ['http-proxy-env'],
  'http-proxy-env/http-407-go1.21.txt': ['http-proxy-env'],
  'http-proxy-env/proxyconnect-refused-go1.19.txt': ['http-proxy-env', 'network-blocked'],
  'http-proxy-env/proxyconnect-refused-go1.21.txt': ['http-proxy-env', 'network-blocked'],
  'http-proxy-env/proxyconnect-refused-go1.22.txt': ['http-proxy-env', 'network-blocked'],
  'http-proxy-env/proxyconnect-refused-go1.23.txt': ['http-proxy-env', 'network-blocked'],
  'module-not-found/declared-path-mismatch-go1.21.txt': ['module-not-found'],
  'module-not-found/declared-path-mismatch-go1.23.txt': ['module-not-found'],
  'module-not-found/major-version-suffix-go1.21.txt': ['module-not-found'],
  'module-not-found/major-version-suffix-go1.23.txt': ['module-not-found'],
  'module-not-found/no-matching-version-go1.21.txt': ['module-not-found'],
  'module-not-found/no-matching-version-go1.23.txt': ['module-not-found'],
  'module-not-found/text-body-404-go1.19.txt': ['module-not-found', 'private-module-proxied'],
  'module-not-found/text-body-404-go1.23.txt': ['module-not-found', 'private-module-proxied'],
  'module-not-found/unknown-revision-direct-synthetic.txt': ['module-not-found'],
  'module-not-found/unknown-version-go1.19.txt': ['module-not-found', 'private-module-proxied'],
  'module-not-found/unknown-version-go1.21.txt': ['module-not-found', 'private-module-proxied'],
  'module-not-found/unknown-version-go1.22.txt': ['module-not-found', 'private-module-proxied'],
  'module-not-found/unknown-version-go1.23.txt': ['module-not-found', 'private-module-proxied'],
  'network-blocked/dial-io-timeout-synthetic.txt': ['network-blocked'],
  'network-blocked/public-proxy-403-synthetic.txt': ['network-blocked', 'auth-required'],
  'network-blocked/refused-go1.19.txt': ['network-blocked'],
  'network-blocked/refused-go1.21.txt': ['network-blocked'],
  'network-blocked/refused-go1.22.txt': ['network-blocked'],
  'network-blocked/refused-go1.23.txt': ['network-blocked'],
  'network-blocked/reset-mid-body-go1.22.txt': ['network-blocked'],
  'network-blocked/reset-mid-body-go1.23.txt': ['network-blocked'],
  'network-blocked/tls-handshake-timeout-synthetic.txt': ['network-blocked'],
  'private-module-proxied/corp-host-410-go1.22.txt': ['private-module-proxied', 'module-not-found'],
  'private-module-proxied/credential-404-go1.19.txt': ['private-module-proxied', 'auth-required', 'module-not-found'],
  'private-module-proxied/credential-404-go1.21.txt': ['private-module-proxied', 'auth-required', 'module-not-found'],
  'private-module-proxied/credential-404-go1.22.txt': ['private-module-proxied', 'auth-required', 'module-not-found'],
  'private-module-proxied/credential-404-go1.23.txt': ['private-module-proxied', 'auth-required', 'module-not-found'],
  'private-module-proxied/credential-410-list-go1.19.txt': ['private-module-proxied', 'auth-required', 'module-not-found'],
  'private-module-proxied/credential-410-list-go1.23.txt': ['private-module-proxied', 'auth-required', 'module-not-found'],
  'private-module-proxied/github-actions-log-synthetic.txt': ['dns-failure', 'private-module-proxied', 'auth-required', 'module-not-found'],
  'private-module-proxied/proxy-golang-org-410-synthetic.txt': ['private-module-proxied', 'auth-required', 'module-not-found'],
  'proxy-config-invalid/bad-scheme-go1.22.txt': ['proxy-config-invalid'],
  'proxy-config-invalid/credentials-over-http-go1.22.txt': ['proxy-config-invalid'],
  'proxy-config-invalid/empty-list-go1.23.txt': ['proxy-config-invalid'],
  'proxy-config-invalid/go-env-w-shadowed-go1.21.txt': ['proxy-config-invalid'],
  'proxy-config-invalid/go-env-w-shadowed-go1.23.txt': ['proxy-config-invalid'],
  'proxy-config-invalid/go111module-off-go1.21.txt': ['proxy-config-invalid'],
  'proxy-config-invalid/goproxy-off-go1.19.txt': ['proxy-config-invalid'],
  'proxy-config-invalid/goproxy-off-go1.23.txt': ['proxy-config-invalid'],
  'proxy-config-invalid/http-proxy-without-scheme-go1.19.txt': ['proxy-config-invalid'],
  'proxy-config-invalid/http-proxy-without-scheme-go1.23.txt': ['proxy-config-invalid'],
  'proxy-config-invalid/insecure-flag-go1.19.txt': ['proxy-config-invalid'],
  'proxy-config-invalid/insecure-flag-go1.23.txt': ['proxy-config-invalid'],
  'proxy-config-invalid/missing-scheme-go1.21.txt': ['proxy-config-invalid'],
  'proxy-server-error/artifactory-503-synthetic.txt': ['proxy-server-error'],
  'proxy-server-error/html-login-page-go1.19.txt': ['proxy-server-error', 'auth-required'],
  'proxy-server-error/html-login-page-go1.23.txt': ['proxy-server-error', 'auth-required'],
  'proxy-server-error/login-redirect-go1.21.txt': ['proxy-server-error', 'auth-required'],
  'proxy-server-error/redirect-loop-go1.23.txt': ['proxy-server-error'],
  'proxy-server-error/status-500-long-body-go1.19.txt': ['proxy-server-error'],
  'proxy-server-error/status-500-long-body-go1.21.txt': ['proxy-server-error'],
  'proxy-server-error/status-500-long-body-go1.22.txt': ['proxy-server-error'],
  'proxy-server-error/status-500-long-body-go1.23.txt': ['proxy-server-error'],
  'proxy-server-error/status-502-go1.21.txt': ['proxy-server-error'],
  'sumdb-lookup-failed/gone-410-via-proxy-go1.21.txt': ['sumdb-lookup-failed'],
  'sumdb-lookup-failed/gone-410-via-proxy-go1.23.txt': ['sumdb-lookup-failed'],
  'sumdb-lookup-failed/invalid-gosumdb-go1.21.txt': ['sumdb-lookup-failed'],
  'sumdb-lookup-failed/private-404-go1.19.txt': ['sumdb-lookup-failed'],
  'sumdb-lookup-failed/private-404-go1.21.txt': ['sumdb-lookup-failed'],
  'sumdb-lookup-failed/private-404-go1.22.txt': ['sumdb-lookup-failed'],
  'sumdb-lookup-failed/private-404-go1.23.txt': ['sumdb-lookup-failed'],
  'sumdb-lookup-failed/sum-golang-org-410-synthetic.txt': ['sumdb-lookup-failed'],
  'sumdb-lookup-failed/sum-golang-org-blocked-synthetic.txt': ['sumdb-lookup-failed', 'network-blocked'],
  'sumdb-lookup-failed/unreachable-go1.19.txt': ['sumdb-lookup-failed', 'network-blocked'],
  'sumdb-lookup-failed/unreachable-go1.23.txt': ['sumdb-lookup-failed', 'network-blocked'],
  'tls-certificate/corporate-interception-synthetic.txt': ['tls-certificate'],
  'tls-certificate/dns-name-mismatch-synthetic.txt': ['tls-certificate'],
  'tls-certificate/expired-go1.19.txt': ['tls-certificate'],
  'tls-certificate/expired-go1.23.txt': ['tls-certificate'],
  'tls-certificate/unknown-authority-go1.19.txt': ['tls-certificate'],
  'tls-certificate/unknown-authority-go1.21.txt': ['tls-certificate'],
  'tls-certificate/unknown-authority-go1.22.txt': ['tls-certificate'],
  'tls-certificate/unknown-authority-go1.23.txt': ['tls-certificate'],
  'tls-certificate/wrong-name-go1.21.txt': ['tls-certificate'],
  'tls-certificate/wrong-name-go1.23.txt': ['tls-certificate'],
  'toolchain-download/gosumdb-off-go1.22.txt': ['toolchain-download', 'sumdb-lookup-failed'],
  'toolchain-download/gosumdb-off-go1.23.txt': ['toolchain-download', 'sumdb-lookup-failed'],
  'toolchain-download/not-available-go1.21.txt': ['toolchain-download'],
  'toolchain-download/not-available-go1.23.txt': ['toolchain-download'],
  'toolchain-download/proxy-refused-go1.21.txt': ['toolchain-download', 'network-blocked'],
  'toolchain-download/switching-failed-synthetic.txt': ['toolchain-download'],
  'toolchain-download/too-new-local-go1.19.txt': ['toolchain-download'],
  'toolchain-download/too-new-local-go1.21.txt': ['toolchain-download'],
  'toolchain-download/too-new-local-go1.22.txt': ['toolchain-download'],
  'toolchain-download/too-new-local-go1.23.txt': ['toolchain-download'],
};

const fixtures = loadFixtures();

function claimedBy(body: string): string[] {
  const claimed = new Set<string>();
  for (const block of blocksFromText(body)) {
    // Every scenario, each on its own, so a scenario that loses the ranking still shows up.
    for (const scenario of SCENARIOS) {
      for (const verdict of matchBlock(block, {}, [scenario])) claimed.add(verdict.scenario);
    }
  }
  return [...claimed].sort();
}

describe('cross-match matrix', () => {
  test('every fixture has a row and every row a fixture', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(fixtures.map((fixture) => fixture.id).sort());
  });

  test.each(fixtures.map((fixture) => [fixture.id, fixture] as const))('%s', (id, fixture) => {
    expect(claimedBy(fixture.body)).toEqual([...(EXPECTED[id] ?? [])].sort());
  });

  test('each row includes the scenario of its directory', () => {
    for (const fixture of fixtures) expect(EXPECTED[fixture.id]).toContain(fixture.dir);
  });
});
