/**
 * `goproxy-doctor explain` end to end through main(): stdin and files, human and JSON output, the
 * catalogue flags, exit codes, and ranking with the effective environment read from the real `go`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../src/cli/main.js';
import { SCENARIO_IDS } from '../src/scenarios/types.js';
import { loadFixture } from './explain/corpus.js';
import { availableGoVersions, createGoSandbox, goBinary, type GoSandbox } from './helpers/go-toolchains.js';
import { runCli } from './helpers/test-io.js';

function fixtureBody(id: string): string {
  return loadFixture(id).body;
}

const CREDENTIAL_404 = fixtureBody('private-module-proxied/credential-404-go1.23.txt');
const GOPROXY_OFF = fixtureBody('proxy-config-invalid/goproxy-off-go1.23.txt');
const DNS = fixtureBody('dns-failure/goproxy-host-go1.23.txt');

interface JsonDiagnosis {
  scenario: string;
  confidence: number;
  module?: string;
  version?: string;
  url?: string;
  evidence: string;
  alternative?: boolean;
  source?: string;
  fixes: { id: string; command?: string; text: string; weakensSecurity: boolean }[];
}

const run = runCli;

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'gpd-explain-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('explain: input and output', () => {
  test('stdin, human: the top diagnosis first with its evidence line quoted; exit 1', async () => {
    const { code, stdout, stderr } = await run(['explain', '--no-env'], { stdin: CREDENTIAL_404 });
    expect(code).toBe(1);
    expect(stderr).toBe('');
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('1 problem found (1 block read)');
    expect(stdout.indexOf('Private module sent to a proxy')).toBeLessThan(stdout.indexOf('Also possible'));
    expect(stdout).toContain('line 1: go: github.com/acme/private@v1.2.0: reading http://127.0.0.1:');
    expect(stdout).toContain('go env -w "GOPRIVATE=$(go env GOPRIVATE),github.com/acme/*"');
    expect(stdout).not.toMatch(/\u001b\[/);
  });

  test('--json: schema version 1, diagnoses in rank order, Fix objects', async () => {
    const { code, stdout } = await run(['explain', '--no-env', '--json'], { stdin: `${DNS}\n${CREDENTIAL_404}\n${GOPROXY_OFF}\n` });
    expect(code).toBe(1);
    const doc = JSON.parse(stdout) as { schemaVersion: number; diagnoses: JsonDiagnosis[] };
    expect(doc.schemaVersion).toBe(1);
    const main = doc.diagnoses.filter((diagnosis) => !diagnosis.alternative);
    expect(main.map((diagnosis) => diagnosis.scenario)).toEqual(['proxy-config-invalid', 'dns-failure', 'private-module-proxied']);
    const confidences = main.map((diagnosis) => diagnosis.confidence);
    expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
    for (const diagnosis of doc.diagnoses) {
      expect(SCENARIO_IDS).toContain(diagnosis.scenario);
      expect(typeof diagnosis.evidence).toBe('string');
      for (const fix of diagnosis.fixes) {
        expect(Object.keys(fix).every((key) => ['id', 'command', 'text', 'weakensSecurity'].includes(key))).toBe(true);
        expect(fix.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
        expect(typeof fix.weakensSecurity).toBe('boolean');
      }
    }
    expect(main[2]).toMatchObject({ module: 'github.com/acme/private', version: 'v1.2.0', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//) });
  });

  test('files and "-" are read in order and named in the report', async () => {
    const first = path.join(tmp, 'first.log');
    writeFileSync(first, GOPROXY_OFF);
    const { code, stdout } = await run(['explain', '--no-env', '--json', first, '-'], { stdin: DNS });
    expect(code).toBe(1);
    const doc = JSON.parse(stdout) as { diagnoses: JsonDiagnosis[] };
    expect(doc.diagnoses.map((diagnosis) => [diagnosis.scenario, diagnosis.source])).toEqual([
      ['proxy-config-invalid', first],
      ['dns-failure', '<stdin>'],
    ]);
  });

  test('nothing matched: exit 0 and a pointer to check', async () => {
    const { code, stdout } = await run(['explain', '--no-env'], { stdin: 'ok  \texample.com/pkg\t0.01s\nPASS\n' });
    expect(code).toBe(0);
    expect(stdout).toContain('No known Go module download failure found');
    expect(stdout).toContain('goproxy-doctor check');
    const json = await run(['explain', '--no-env', '--json'], { stdin: '' });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ schemaVersion: 1, diagnoses: [] });
  });

  test('an unreadable input file: input-unreadable, exit 5, one line, no report', async () => {
    const { code, stdout, stderr } = await run(['explain', '--no-env', path.join(tmp, 'missing.log')]);
    expect(code).toBe(5);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/cannot read .*missing\.log: no such file/);
    const dir = await run(['explain', '--no-env', tmp]);
    expect(dir.code).toBe(5);
    expect(dir.stderr).toMatch(/it is a directory/);
  });

  test('CI logs: GitHub Actions timestamps, ANSI and CRLF are tolerated', async () => {
    const { stdout } = await run(['explain', '--no-env', '--json'], { stdin: fixtureBody('private-module-proxied/github-actions-log-synthetic.txt') });
    const doc = JSON.parse(stdout) as { diagnoses: JsonDiagnosis[] };
    expect(doc.diagnoses.filter((diagnosis) => !diagnosis.alternative).map((diagnosis) => diagnosis.scenario)).toEqual(['private-module-proxied', 'dns-failure']);
    for (const diagnosis of doc.diagnoses) expect(diagnosis.evidence).not.toMatch(/\u001b|\r|2024-05-01T/);
  });

  test('secrets and control characters never reach the output, JSON included', async () => {
    const hostile = [
      'go: example.com/x@v1.0.0: reading https://ci:hunter2@goproxy.corp.example.com/example.com/x/@v/v1.0.0.info?token=abc123: 401 Unauthorized',
      '\tserver response: Authorization: Bearer sekret-value \u001b]0;pwned\u0007\u001b[2J',
    ].join('\n');
    for (const args of [['explain', '--no-env'], ['explain', '--no-env', '--json']]) {
      const { stdout } = await run(args, { stdin: hostile });
      expect(stdout).not.toMatch(/hunter2|abc123|sekret-value/);
      expect(stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
      expect(stdout).toContain('ci:xxxxx@goproxy.corp.example.com');
    }
  });
});

describe('explain: catalogue flags', () => {
  test('--list names all twelve scenarios', async () => {
    const { code, stdout } = await run(['explain', '--list']);
    expect(code).toBe(0);
    for (const id of SCENARIO_IDS) expect(stdout).toMatch(new RegExp(`^${id}\\s`, 'm'));
    const json = JSON.parse((await run(['explain', '--list', '--json'])).stdout) as { scenarios: { id: string }[] };
    expect(json.scenarios.map((scenario) => scenario.id).sort()).toEqual([...SCENARIO_IDS].sort());
  });

  test('--scenario prints the documentation offline, with sources and a worked example', async () => {
    const { code, stdout } = await run(['explain', '--scenario', 'sumdb-lookup-failed', '--go', '/nonexistent/go']);
    expect(code).toBe(0);
    expect(stdout).toContain('Checksum database lookup failed');
    expect(stdout).toContain('go1.23 src/cmd/go/internal/modfetch/sumdb.go');
    expect(stdout).toContain('Fixes for this example, best first:');
    expect(stdout).toContain('GONOSUMDB');
  });

  test('an unknown scenario id is a usage error listing the valid ids', async () => {
    const { code, stderr } = await run(['explain', '--scenario', 'nope']);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown scenario "nope"');
    for (const id of SCENARIO_IDS) expect(stderr).toContain(id);
  });

  test('--list with an input file is a usage error', async () => {
    expect((await run(['explain', '--list', 'x.log'])).code).toBe(2);
  });
});

const versions = availableGoVersions(['1.23']);
const describeWithGo = versions.length > 0 ? describe : describe.skip;

describeWithGo('explain: ranking with the effective environment (real go1.23)', () => {
  let sandbox: GoSandbox;
  beforeAll(() => {
    sandbox = createGoSandbox('gpd-explain-env-');
  });
  afterAll(() => sandbox.cleanup());

  async function withEnv(env: Record<string, string>, stdin: string) {
    const { code, stdout, stderr } = await run(['--go', goBinary('1.23'), 'explain', '--json'], { env: { ...sandbox.env, ...env }, stdin, cwd: sandbox.root });
    return { code, doc: JSON.parse(stdout) as { diagnoses: JsonDiagnosis[] }, stderr };
  }

  test('GOPRIVATE from the OS environment that does not cover the path: extend it with export', async () => {
    const { doc } = await withEnv({ GOPRIVATE: 'a.example.com' }, CREDENTIAL_404);
    expect(doc.diagnoses[0]?.scenario).toBe('private-module-proxied');
    expect(doc.diagnoses[0]?.fixes[0]?.command).toBe("export GOPRIVATE='a.example.com,github.com/acme/*'");
  });

  test('GOPRIVATE written with go env -w: extend it with go env -w', async () => {
    writeFileSync(sandbox.goenvFile, 'GOPRIVATE=a.example.com\n');
    try {
      const { doc } = await withEnv({}, CREDENTIAL_404);
      expect(doc.diagnoses[0]?.fixes[0]?.command).toBe("go env -w GOPRIVATE='a.example.com,github.com/acme/*'");
    } finally {
      rmSync(sandbox.goenvFile, { force: true });
    }
  });

  test('a path GOPRIVATE already covers: the failing run lacked it', async () => {
    const { doc } = await withEnv({ GOPRIVATE: 'github.com/acme' }, CREDENTIAL_404);
    expect(doc.diagnoses[0]?.scenario).toBe('private-module-proxied');
    expect(doc.diagnoses[0]?.fixes[0]?.text).toMatch(/covers github\.com\/acme\/private/);
  });

  test('GOPROXY=off from the OS environment: change it there', async () => {
    const { doc } = await withEnv({ GOPROXY: 'off' }, GOPROXY_OFF);
    expect(doc.diagnoses[0]?.scenario).toBe('proxy-config-invalid');
    expect(doc.diagnoses[0]?.fixes[0]?.command).toBe('unset GOPROXY');
  });

  test('a sumdb 404 yields the exact GONOSUMDB pattern, keeping GOPRIVATE entries', async () => {
    const { doc } = await withEnv({ GOPRIVATE: 'a.example.com' }, fixtureBody('sumdb-lookup-failed/private-404-go1.23.txt'));
    expect(doc.diagnoses[0]?.scenario).toBe('sumdb-lookup-failed');
    // GONOSUMDB turns verification off for the path, so it is marked and ranked after GOPRIVATE, go's own
    // declaration of private paths; both keep the GOPRIVATE entries.
    const fixes = (doc.diagnoses[0]?.fixes ?? []) as Array<{ id: string; command?: string; weakensSecurity: boolean }>;
    expect(fixes.map((f) => [f.id, f.command, f.weakensSecurity])).toEqual([
      ['goprivate-add', 'export GOPRIVATE=a.example.com,git.corp.example.com', false],
      ['gonosumdb-add', 'go env -w GONOSUMDB=a.example.com,git.corp.example.com', true],
    ]);
  });

  test('go unavailable: a note on stderr once in human mode, the text alone ranks', async () => {
    const human = await run(['--go', '/nonexistent/go', 'explain'], { stdin: `${CREDENTIAL_404}\n${GOPROXY_OFF}` });
    expect(human.code).toBe(1);
    expect(human.stderr.match(/note: could not read the Go environment/g)).toHaveLength(1);
    expect(human.stdout).toContain('go env -w "GOPRIVATE=$(go env GOPRIVATE),github.com/acme/*"');
    const json = await run(['--go', '/nonexistent/go', 'explain', '--json'], { stdin: CREDENTIAL_404 });
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout).diagnoses[0].scenario).toBe('private-module-proxied');
  });
});
