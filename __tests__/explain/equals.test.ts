/**
 * Causes the text alone cannot tell apart are shown as equals: the main diagnosis lists them (with the
 * command that separates them), each is listed as an alternative marked `equalTo`, in the engine, the
 * JSON document and the human report. The environment, when known, breaks the tie where it can.
 */
import { Chalk } from 'chalk';
import { DiagnosisCollector, EQUAL_MARGIN, explainBlocks, type RankedDiagnosis } from '../../src/explain/engine.js';
import { blocksFromText } from '../../src/explain/read-log.js';
import { hasTellApart } from '../../src/explain/tell-apart.js';
import { buildExplainJson, EXPLAIN_SCHEMA_VERSION, renderExplainHuman } from '../../src/report/explain.js';
import { findScenario } from '../../src/scenarios/index.js';
import { loadRealworldCorpus } from '../../bench/realworld-accuracy.js';
import { goEnv } from '../scenarios/support.js';
import { loadFixtures } from './corpus.js';

// git's disabled prompt and go's help text, as a page quoted them without go's head
// (go1.23 src/cmd/go/internal/modfetch/codehost/git.go:254-256).
const PROMPT_ALONE = [
  "\tfatal: could not read Username for 'https://github.com': terminal prompts disabled",
  'Confirm the import path was entered correctly.',
  'If this is a private repository, see https://golang.org/doc/faq#git_https for additional information.',
].join('\n');

const PROMPT_WITH_MODULE = [
  'go: github.com/acme/lib@v1.2.0: invalid version: git ls-remote -q origin in /home/u/go/pkg/mod/cache/vcs/0123: exit status 128:',
  PROMPT_ALONE,
].join('\n');

const METHOD_NOT_ALLOWED = 'go: example.com/x@master: invalid version: Get "https://goproxy.example/example.com/x/@v/master.info": Method Not Allowed';

function explain(text: string, env?: Parameters<typeof goEnv>[0]): RankedDiagnosis[] {
  return explainBlocks(blocksFromText(text), env ? { env: goEnv(env) } : {}).diagnoses;
}

describe('equals in the engine', () => {
  test('a disabled git prompt: auth-required and module-not-found are equals, with the command that tells them apart', () => {
    for (const text of [PROMPT_ALONE, PROMPT_WITH_MODULE]) {
      const [main, ...rest] = explain(text);
      expect(main).toMatchObject({ scenario: 'auth-required', alternative: false, equals: ['module-not-found'] });
      expect(main?.tellApart?.command).toMatch(/^GIT_TERMINAL_PROMPT=1 go list -m -versions /);
      const equal = rest.find((diagnosis) => diagnosis.scenario === 'module-not-found');
      expect(equal).toMatchObject({ alternative: true, equalTo: 'auth-required' });
      expect((main?.confidence ?? 0) - (equal?.confidence ?? 0)).toBeLessThanOrEqual(EQUAL_MARGIN);
    }
    expect(explain(PROMPT_WITH_MODULE)[0]?.tellApart?.command).toBe('GIT_TERMINAL_PROMPT=1 go list -m -versions github.com/acme/lib');
  });

  test('git saying the repository does not exist names the cause: module-not-found first, no equals', () => {
    const text = [
      'go: module github.com/acme/typo: git ls-remote -q origin in /home/u/go/pkg/mod/cache/vcs/0123: exit status 128:',
      '\tremote: Repository not found.',
      "\tfatal: repository 'https://github.com/acme/typo/' not found",
    ].join('\n');
    const [main] = explain(text);
    expect(main?.scenario).toBe('module-not-found');
    expect(main?.equals).toBeUndefined();
  });

  test('a failure with one clear cause has no equals and no equalTo anywhere', () => {
    const diagnoses = explain('go: example.com/x@v1.0.0: Get "https://proxy.golang.org/example.com/x/@v/v1.0.0.info": dial tcp: lookup proxy.golang.org on 127.0.0.53:53: no such host');
    expect(diagnoses[0]?.scenario).toBe('dns-failure');
    expect(diagnoses.every((diagnosis) => diagnosis.equals === undefined && diagnosis.equalTo === undefined && diagnosis.tellApart === undefined)).toBe(true);
  });

  test('equals are kept whatever the limits on runners-up', () => {
    const collector = new DiagnosisCollector({ maxAlternatives: 0, minAlternativeConfidence: 0.99 });
    for (const block of blocksFromText(PROMPT_WITH_MODULE)) collector.add(block);
    const diagnoses = collector.result().diagnoses;
    expect(diagnoses.map((diagnosis) => [diagnosis.scenario, diagnosis.equalTo])).toEqual([
      ['auth-required', undefined],
      ['module-not-found', 'auth-required'],
    ]);
  });

  test('every pair of equals the real-world corpus and the fixtures produce has its own way to tell them apart', async () => {
    const texts = [...loadRealworldCorpus().map((sample) => sample.text), ...loadFixtures().map((fixture) => fixture.body)];
    const pairs = new Set<string>();
    for (const text of texts) {
      const collector = new DiagnosisCollector();
      await collector.addStream(
        (async function* () {
          yield new TextEncoder().encode(text);
        })(),
      );
      for (const diagnosis of collector.result().diagnoses) {
        for (const other of diagnosis.equals ?? []) pairs.add([diagnosis.scenario, other].sort().join('|'));
      }
    }
    expect(pairs.size).toBeGreaterThan(4);
    for (const pair of pairs) {
      const [a, b] = pair.split('|') as [Parameters<typeof hasTellApart>[0], Parameters<typeof hasTellApart>[1]];
      expect({ pair, specific: hasTellApart(a, b) }).toEqual({ pair, specific: true });
    }
  });
});

describe('the environment breaks ties the text cannot', () => {
  test('a reason phrase alone: with a proxy variable set it is the HTTP proxy refusing CONNECT; with none, the server', () => {
    expect(explain(METHOD_NOT_ALLOWED)[0]).toMatchObject({ scenario: 'proxy-server-error', equals: ['http-proxy-env'] });
    const withProxy = explain(METHOD_NOT_ALLOWED, { HTTPS_PROXY: ['http://127.0.0.1:3128', 'environment'] });
    expect(withProxy[0]?.scenario).toBe('http-proxy-env');
    expect(withProxy[0]?.equals).toBeUndefined();
    const withoutProxy = explain(METHOD_NOT_ALLOWED, { HTTPS_PROXY: ['', 'default'], HTTP_PROXY: ['', 'default'] });
    expect(withoutProxy[0]?.scenario).toBe('proxy-server-error');
    expect(withoutProxy[0]?.equals).toBeUndefined();
  });

  test('GOPRIVATE already covering the module: a proxy 404 for it means the failing run lacked GOPRIVATE', () => {
    const text = 'go: github.com/acme/lib@v1.0.0: reading https://proxy.golang.org/github.com/acme/lib/@v/v1.0.0.info: 404 Not Found';
    expect(explain(text)[0]?.scenario).toBe('module-not-found');
    const [main] = explain(text, { GOPRIVATE: 'github.com/acme/*' });
    expect(main?.scenario).toBe('private-module-proxied');
    expect(main?.fixes.map((fix) => fix.id)).toContain('goprivate-elsewhere');
  });

  test('a go env -w GOPROXY shadowed by the OS environment, and the failure is at the OS value’s proxy: the shadowing comes first', () => {
    const text = 'go: example.com/x@v1.0.0: Get "https://proxy.golang.org/example.com/x/@v/v1.0.0.info": dial tcp 142.250.0.1:443: i/o timeout';
    expect(explain(text)[0]?.scenario).toBe('network-blocked');
    const env = goEnv({ GOPROXY: ['https://proxy.golang.org,direct', 'environment'] });
    (env.variables.GOPROXY as { notes: string[] }).notes.push("shadowed: 'go env -w' set GOPROXY=https://goproxy.cn,direct, but the OS environment overrides it");
    const [main, ...rest] = explainBlocks(blocksFromText(text), { env }).diagnoses;
    expect(main).toMatchObject({ scenario: 'proxy-config-invalid', details: { kind: 'shadowed', variable: 'GOPROXY' } });
    expect(main?.fixes[0]).toMatchObject({ id: 'os-variable-change', command: 'unset GOPROXY' });
    expect(rest.map((diagnosis) => diagnosis.scenario)).toContain('network-blocked');
  });

  test('NO_PROXY already covering the target: the proxy was not in the way here, the failing run lacked NO_PROXY', () => {
    const text = 'go: git.corp.example.com/lib@v1.0.0: Get "https://git.corp.example.com/lib/@v/v1.0.0.info": Forbidden';
    const plain = explain(text, { HTTPS_PROXY: ['http://127.0.0.1:3128', 'environment'] })[0];
    expect(plain?.fixes.map((fix) => fix.id)).toContain('no-proxy-add');
    const covered = explain(text, { HTTPS_PROXY: ['http://127.0.0.1:3128', 'environment'], NO_PROXY: ['localhost,.corp.example.com', 'environment'] })[0];
    expect(covered).toMatchObject({ scenario: 'http-proxy-env', details: { coveredByNoProxy: '.corp.example.com' } });
    expect(covered?.fixes.map((fix) => fix.id)).toEqual(['allow-tunnel', 'no-proxy-elsewhere']);
    expect(covered?.confidence).toBeLessThan(plain?.confidence ?? 0);
  });

  test('credentials already in the GOPROXY URL were sent: a 401 means they were refused, not that they are missing', () => {
    const text = 'go: example.com/x@v1.0.0: reading https://goproxy.corp.example/example.com/x/@v/v1.0.0.info: 401 Unauthorized';
    expect(explain(text)[0]?.fixes[0]?.id).toBe('netrc-entry');
    const [main] = explain(text, { GOPROXY: ['https://ci:s3cr3t@goproxy.corp.example,direct', 'environment'] });
    expect(main).toMatchObject({ scenario: 'auth-required', details: { kind: 'http-401', credentialsSent: true } });
    expect(main?.fixes[0]?.id).toBe('credentials-rejected');
    expect(JSON.stringify(main?.fixes)).not.toContain('s3cr3t');
  });
});

describe('equals in the output', () => {
  test('--json: `equals` and `tellApart` on the main diagnosis, `equalTo` on its equal; schema version unchanged', () => {
    const document = buildExplainJson({ diagnoses: explain(PROMPT_WITH_MODULE), omitted: 0 });
    expect(document.schemaVersion).toBe(EXPLAIN_SCHEMA_VERSION);
    expect(EXPLAIN_SCHEMA_VERSION).toBe(1);
    const [main, equal] = document.diagnoses;
    expect(main).toMatchObject({ scenario: 'auth-required', equals: ['module-not-found'], tellApart: { id: 'tell-apart-let-git-ask', weakensSecurity: false } });
    expect(main?.equalTo).toBeUndefined();
    expect(equal).toMatchObject({ scenario: 'module-not-found', alternative: true, equalTo: 'auth-required' });
    expect(equal?.equals).toBeUndefined();
    expect(equal?.tellApart).toBeUndefined();
    // Without equals, none of the three fields appears (documents for clear failures are unchanged).
    const clear = buildExplainJson({ diagnoses: explain('go: example.com/x@v1.0.0: module lookup disabled by GOPROXY=off'), omitted: 0 });
    for (const diagnosis of clear.diagnoses) expect(Object.keys(diagnosis)).not.toEqual(expect.arrayContaining(['equals']));
    expect(JSON.stringify(clear)).not.toMatch(/"equals"|"equalTo"|"tellApart"/);
  });

  test('the human report names the equals, the command that separates them, and marks the equal alternative', () => {
    const result = explainBlocks(blocksFromText(PROMPT_WITH_MODULE));
    const text = renderExplainHuman(result, { chalk: new Chalk({ level: 0 }), scenario: findScenario });
    expect(text).toContain('Equally likely from this text: Module or version not found [module-not-found]');
    expect(text).toContain('To tell them apart:');
    expect(text).toContain('$ GIT_TERMINAL_PROMPT=1 go list -m -versions github.com/acme/lib');
    expect(text).toMatch(/\[module-not-found, confidence 0\.\d\d, as likely as auth-required\]/);
    // The separating command comes before the fixes of the first reading.
    expect(text.indexOf('To tell them apart:')).toBeLessThan(text.indexOf('Fixes, best first:'));
  });
});
