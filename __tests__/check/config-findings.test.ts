/**
 * Configuration findings, read through the real `go env` of go 1.23 (so origins are real: OS
 * environment vs the `go env -w` file), with `check --offline` semantics: no request is made.
 * Where go itself has an error for a configuration, the real go is run to confirm it.
 */
import path from 'node:path';
import { configFindings, overBroadReason, type ConfigInput } from '../../src/check/config-findings.js';
import { analyzeToolchain } from '../../src/check/toolchain.js';
import { proxyList } from '../../src/goenv/proxylist.js';
import { parseGoSumDb } from '../../src/goenv/sumdbconfig.js';
import type { GoEnvironment } from '../../src/goenv/types.js';
import { parseGoAuth } from '../../src/probe/goauth.js';
import { proxyConfigFromEnvironment } from '../../src/probe/httpproxy.js';
import type { CheckReport, Finding } from '../../src/check/types.js';
import { availableGoVersions, runGo } from '../helpers/go-toolchains.js';
import { byRule, check, oneByRule, prepareCase, removeSandbox, type CheckCase } from './harness.js';

const haveGo = availableGoVersions(['1.23']).length > 0;
const describeGo = haveGo ? describe : describe.skip;

const PRIVATE_GO_MOD = 'module example.com/app\n\ngo 1.21\n\nrequire (\n\tgit.corp.example.com/team/lib v0.1.0\n\texample.com/hello v1.0.0\n)\n';

const seen: Finding[] = [];
async function offline(c: CheckCase): Promise<CheckReport> {
  const report = await check({ ...c, options: { offline: true, ...c.options } });
  seen.push(...report.findings);
  expect(report.probes).toEqual([]);
  return report;
}

/** A case whose go env file (GOENV) holds `lines`. */
function withGoEnvFile(lines: Record<string, string>, c: CheckCase = {}): CheckCase {
  const text = Object.entries(lines)
    .map(([k, v]) => `${k}=${v}\n`)
    .join('');
  return { ...c, files: { ...(c.files ?? {}), goenv: text } };
}

async function goError(c: CheckCase): Promise<string> {
  const { sandbox, env } = prepareCase(c);
  try {
    const run = await runGo('1.23', ['mod', 'download', 'example.com/hello@v1.0.0'], env, { cwd: sandbox.work, timeoutMs: 20_000 });
    return run.stderr;
  } finally {
    removeSandbox(sandbox);
  }
}

describe('overBroadReason', () => {
  test.each([
    ['*', true],
    ['*.com', true],
    ['*/*', true],
    ['github.com', true],
    ['github.com/*', true],
    ['github.com/', true],
    ['golang.org', true],
    ['*.corp.example.com', false],
    ['*.example.com', false],
    ['github.com/acme', false],
    ['github.com/acme/*', false],
    ['git.corp.example.com', false],
  ])('%s → broad %s', (pattern, broad) => {
    expect(overBroadReason(pattern) !== undefined).toBe(broad);
  });
});

/** A pure ConfigInput for a Go version we do not have installed (GOAUTH needs 1.24). */
function syntheticInput(goVersion: string, values: Record<string, string>): ConfigInput {
  const all: Record<string, string> = { GOPROXY: 'https://proxy.golang.org,direct', GOSUMDB: 'sum.golang.org', GONOPROXY: '', GONOSUMDB: '', GOPRIVATE: '', GOINSECURE: '', GOVCS: '', GOFLAGS: '', ...values };
  const variables: GoEnvironment['variables'] = {};
  for (const [name, value] of Object.entries(all)) variables[name] = { name, value, origin: 'environment', notes: [] };
  const env: GoEnvironment = { goVersion, goBinary: 'go', variables, goEnvJson: all };
  return {
    env,
    settings: { ...all, GOOS: 'linux' } as ConfigInput['settings'],
    proxyList: proxyList(all.GOPROXY ?? '', all.GONOPROXY ?? ''),
    sumdb: parseGoSumDb(all.GOSUMDB ?? ''),
    canaries: [],
    toolchain: analyzeToolchain({ goVersion, gotoolchain: 'auto', goos: 'linux', goarch: 'amd64' }),
    httpProxy: proxyConfigFromEnvironment({}),
    goauth: parseGoAuth(all.GOAUTH, goVersion),
    netrc: [],
    platform: 'linux',
  };
}

describe('GOAUTH (Go 1.24+), from the rules in golang/go master auth.go', () => {
  const rules = (goVersion: string, goauth: string): string[] => configFindings(syntheticInput(goVersion, { GOAUTH: goauth })).map((f) => `${f.rule}:${f.severity}`);
  test('off combined with another command is fatal', () => {
    expect(rules('go1.24.0', 'off;netrc')).toContain('goauth-invalid:error');
  });
  test('off alone: no credentials are sent', () => {
    expect(rules('go1.24.0', 'off')).toContain('goauth-off:info');
  });
  test('commands are reported as not evaluated', () => {
    expect(rules('go1.24.0', 'netrc;git /home/me/src')).toContain('goauth-not-evaluated:info');
  });
  test('before 1.24 GOAUTH is ignored', () => {
    expect(rules('go1.23.5', 'off')).toEqual(['goauth-ignored:info']);
  });
});

describeGo('configuration findings', () => {
  test('GOPROXY=off from the OS environment: error for go.mod modules, fixed with unset', async () => {
    const report = await offline({ env: { GOPROXY: 'off' } });
    const f = oneByRule(report, 'goproxy-off');
    expect(f).toMatchObject({ id: 'proxy-config-invalid', severity: 'error', group: 'config', modules: ['example.com/hello@v1.0.0'] });
    expect(f.fixes[0]?.command).toBe('unset GOPROXY');
    expect(await goError({ env: { GOPROXY: 'off' } })).toContain(f.evidence[1]?.replace(/^go: /, '') ?? '<missing>');
  });

  test('GOPROXY=off from the go env file: fixed with go env -u', async () => {
    const report = await offline(withGoEnvFile({ GOPROXY: 'off' }, { env: { GOPROXY: undefined } }));
    const f = oneByRule(report, 'goproxy-off');
    expect(f.evidence[0]).toMatch(/set with go env -w/);
    expect(f.fixes[0]?.command).toBe('go env -u GOPROXY');
  });

  test('GOPROXY=off but GOPRIVATE covers every module: only a warning', async () => {
    const report = await offline({ env: { GOPROXY: 'off', GOPRIVATE: 'example.com/hello' } });
    expect(oneByRule(report, 'goproxy-off').severity).toBe('warning');
  });

  test('an empty GOPROXY list is an error with the default as the fix', async () => {
    const report = await offline({ env: { GOPROXY: ' , ' } });
    const f = oneByRule(report, 'goproxy-empty');
    expect(f.severity).toBe('error');
    expect(f.fixes[0]?.command).toBe('export GOPROXY=https://proxy.golang.org,direct');
    expect(report.chain).toEqual([]);
  });

  test('an invalid GOPROXY entry is reported with go\'s own error text', async () => {
    const report = await offline({ env: { GOPROXY: 'ftp://mirror.invalid' } });
    const f = oneByRule(report, 'goproxy-invalid');
    const text = f.evidence.find((e) => e.startsWith('go: '))?.slice(4) ?? '<missing>';
    expect(text).toBe('invalid proxy URL scheme (must be https, http, file): ftp://mirror.invalid');
    expect(await goError({ env: { GOPROXY: 'ftp://mirror.invalid' } })).toContain(text);
  });

  test('a private-looking module that would go to proxy.golang.org; the fix extends GOPRIVATE where it was set', async () => {
    const report = await offline(withGoEnvFile({ GOPRIVATE: 'github.com/acme/*' }, { env: { GOPROXY: 'https://proxy.golang.org,direct' }, goMod: PRIVATE_GO_MOD }));
    const f = oneByRule(report, 'private-module-public-proxy');
    expect(f).toMatchObject({ id: 'private-module-proxied', severity: 'warning', modules: ['git.corp.example.com/team/lib@v0.1.0'] });
    expect(f.fixes[0]?.command).toBe("go env -w GOPRIVATE='github.com/acme/*,git.corp.example.com'");
  });

  test('no private-module finding once GOPRIVATE covers it, or when the first proxy is not public', async () => {
    expect(byRule(await offline({ env: { GOPROXY: 'https://proxy.golang.org,direct', GOPRIVATE: 'git.corp.example.com' }, goMod: PRIVATE_GO_MOD }), 'private-module-public-proxy')).toEqual([]);
    expect(byRule(await offline({ env: { GOPROXY: 'https://athens.corp.example.com' }, goMod: PRIVATE_GO_MOD }), 'private-module-public-proxy')).toEqual([]);
  });

  test('GONOPROXY without direct is explained, not alarmed about', async () => {
    const report = await offline({ env: { GOPROXY: 'http://127.0.0.1:9', GONOPROXY: 'git.corp.example.com' } });
    const f = oneByRule(report, 'gonoproxy-without-direct');
    expect(f.severity).toBe('info');
    expect(f.message).toMatch(/still fetched directly/);
    expect(byRule(await offline({ env: { GOPROXY: 'http://127.0.0.1:9,direct', GONOPROXY: 'git.corp.example.com' } }), 'gonoproxy-without-direct')).toEqual([]);
  });

  test('GOSUMDB=off: the first fix narrows to the private paths, and no fix weakens security', async () => {
    const report = await offline({ env: { GOSUMDB: 'off', GONOSUMDB: 'github.com/acme/*' }, goMod: PRIVATE_GO_MOD });
    const f = oneByRule(report, 'gosumdb-off');
    expect(f.severity).toBe('warning');
    expect(f.fixes[0]?.command).toBe("export GONOSUMDB='github.com/acme/*,git.corp.example.com'");
    expect(f.fixes.some((x) => x.command === 'unset GOSUMDB')).toBe(true);
    expect(f.fixes.every((x) => !x.weakensSecurity)).toBe(true);
  });

  test('over-broad GONOSUMDB, GOINSECURE and GOPRIVATE', async () => {
    const report = await offline({ env: { GONOSUMDB: '*', GOINSECURE: 'github.com', GOPRIVATE: 'github.com/*,git.corp.example.com' }, goMod: PRIVATE_GO_MOD });
    expect(oneByRule(report, 'gonosumdb-too-broad').fixes[0]?.command).toBe('export GONOSUMDB=git.corp.example.com');
    expect(oneByRule(report, 'goinsecure-too-broad').fixes[0]?.command).toBe('unset GOINSECURE');
    expect(oneByRule(report, 'goprivate-too-broad').fixes[0]?.command).toBe('export GOPRIVATE=git.corp.example.com');
    expect(byRule(await offline({ env: { GOPRIVATE: '*.corp.example.com,github.com/acme' } }), 'goprivate-too-broad')).toEqual([]);
  });

  test('credentials in an https GOPROXY URL: a warning whose fixes move them to .netrc', async () => {
    const report = await offline({ env: { GOPROXY: 'https://alice:s3cret-t0ken@proxy.corp.invalid/go' } });
    const f = oneByRule(report, 'goproxy-credentials');
    expect(f.group).toBe('credentials');
    expect(f.fixes[0]?.command).toContain("machine proxy.corp.invalid\\nlogin alice\\npassword <token>");
    expect(f.fixes[1]?.command).toBe('export GOPROXY=https://proxy.corp.invalid/go');
    expect(JSON.stringify(report)).not.toContain('s3cret-t0ken');
  });

  test('credentials in an http GOPROXY URL: an error, as go refuses to send them', async () => {
    const env = { GOPROXY: 'http://alice:s3cret-t0ken@127.0.0.1:9/go' };
    const f = oneByRule(await offline({ env }), 'goproxy-credentials-http');
    expect(f.severity).toBe('error');
    const stderr = await goError({ env });
    expect(stderr).toContain('refusing to pass credentials to insecure URL');
    expect(f.evidence.join('\n')).toContain('refusing to pass credentials to insecure URL');
  });

  test('GO111MODULE=off and GOFLAGS=-insecure', async () => {
    const report = await offline({ env: { GO111MODULE: 'off', GOFLAGS: '-insecure -modcacherw' }, goMod: PRIVATE_GO_MOD });
    expect(oneByRule(report, 'go111module-off')).toMatchObject({ severity: 'error', id: 'proxy-config-invalid' });
    const f = oneByRule(report, 'goflags-insecure');
    expect(f.fixes[0]).toMatchObject({ command: 'export GOFLAGS=-modcacherw', weakensSecurity: false });
    const weakening = f.fixes.filter((x) => x.weakensSecurity);
    expect(weakening.length).toBeGreaterThan(0);
    expect(f.fixes.slice(-weakening.length)).toEqual(weakening);
  });

  test('a go env -w value shadowed by the OS environment', async () => {
    const report = await offline(withGoEnvFile({ GOPROXY: 'https://athens.corp.invalid' }, { env: { GOPROXY: 'http://127.0.0.1:9' } }));
    const f = oneByRule(report, 'goenv-shadowed');
    expect(f.message).toMatch(/GOPROXY/);
    expect(f.evidence.join('\n')).toContain('https://athens.corp.invalid');
  });

  test('pattern entries go never matches (spaces, URLs)', async () => {
    const report = await offline({ env: { GOPRIVATE: 'git.corp.example.com, https://github.com/acme' } });
    const f = oneByRule(report, 'pattern-ignored');
    expect(f.fixes[0]?.command).toBe('export GOPRIVATE=git.corp.example.com,github.com/acme');
  });

  test('an unparseable HTTPS_PROXY is silently ignored by go: a warning', async () => {
    const env = { HTTPS_PROXY: '%zz', GOPROXY: 'https://nothing.goproxy-doctor.invalid' };
    const report = await offline({ env });
    expect(oneByRule(report, 'http-proxy-unparseable').group).toBe('credentials');
    // go really connects directly: the error is its own DNS lookup, not proxyconnect.
    const stderr = await goError({ env });
    expect(stderr).toMatch(/lookup nothing\.goproxy-doctor\.invalid/);
    expect(stderr).not.toMatch(/proxyconnect/);
  });

  test('GOAUTH on a Go before 1.24 is ignored: a note', async () => {
    const report = await offline({ env: { GOAUTH: 'git /tmp' } });
    expect(oneByRule(report, 'goauth-ignored').severity).toBe('info');
  });

  test('a toolchain switch with GOSUMDB=off or GOPROXY=off cannot work', async () => {
    const goMod = 'module example.com/app\n\ngo 1.99.0\n';
    const off = await offline({ env: { GOTOOLCHAIN: 'auto', GOSUMDB: 'off' }, goMod });
    expect(oneByRule(off, 'toolchain-sumdb-off').severity).toBe('error');
    const noProxy = await offline({ env: { GOTOOLCHAIN: 'auto', GOPROXY: 'off', GOSUMDB: 'sum.golang.org' }, goMod });
    expect(oneByRule(noProxy, 'toolchain-goproxy-off').severity).toBe('error');
    const local = await offline({ env: { GOTOOLCHAIN: 'local' }, goMod });
    expect(oneByRule(local, 'go-too-new').fixes[0]?.command).toBe('unset GOTOOLCHAIN');
  });

  test('SSL_CERT_FILE naming a missing file', async () => {
    const report = await offline({ env: { SSL_CERT_FILE: path.join('/nonexistent', 'ca.pem') } });
    expect(oneByRule(report, 'ssl-cert-file-unreadable').severity).toBe('warning');
  });

  test('across every case above, a fix that weakens security never comes first while a safer one exists', () => {
    expect(seen.length).toBeGreaterThan(15);
    for (const f of seen) {
      if (f.fixes.some((x) => !x.weakensSecurity)) expect([f.rule, f.fixes[0]?.weakensSecurity]).toEqual([f.rule, false]);
      for (const fix of f.fixes) {
        expect(fix.text.length).toBeGreaterThan(0);
        expect(fix.command ?? '').not.toMatch(/undefined/);
      }
    }
  });
});
