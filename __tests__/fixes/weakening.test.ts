/**
 * Every fix, from `check` and from `explain`, that turns a protection off says so: a command that skips
 * checksum verification (GONOSUMDB, GOSUMDB=off, GONOSUMCHECK, GOFLAGS=-insecure), fetches without TLS or
 * without verifying certificates (GOINSECURE, GIT_SSL_NO_VERIFY, http.sslVerify=false, an http:// GOPROXY
 * entry) is marked `weakensSecurity`, and never comes first while a fix that keeps the protections exists.
 * Over every check rule's inputs and every explain text (examples, fixtures, real-world pastes) under
 * environments that steer the fixes into their branches.
 */
import { loadRealworldCorpus } from '../../bench/realworld-accuracy.js';
import { CHECK_RULES } from '../../src/check/rules/index.js';
import { explainBlocks } from '../../src/explain/engine.js';
import { blocksFromText } from '../../src/explain/read-log.js';
import type { Fix } from '../../src/fix.js';
import type { GoEnvironment } from '../../src/goenv/types.js';
import { SCENARIOS } from '../../src/scenarios/index.js';
import { loadFixtures } from '../explain/corpus.js';
import { RULE_INPUTS } from '../i18n/check-rule-inputs.js';
import { goEnv } from '../scenarios/support.js';

/**
 * Commands that turn off checksum verification, TLS or certificate checks: setting (not unsetting)
 * GONOSUMDB, GONOSUMCHECK, GOINSECURE or GIT_SSL_NO_VERIFY, GOSUMDB=off, -insecure, sslVerify false, or a
 * GOPROXY entry over plain http to another machine.
 */
const WEAKENING_COMMAND =
  /^(?!unset |go env -u )[^\n]*(?:\b(?:GONOSUMDB|GONOSUMCHECK|GOINSECURE|GIT_SSL_NO_VERIFY)=|\bGOSUMDB=(?:'off'|"off"|off\b)|-insecure\b|sslVerify\s*=?\s*false|\bGOPROXY=['"]?(?:[^'"\s]*[,|])?http:\/\/(?!127\.|localhost[:/]|\[::1\]))/;

const ENVIRONMENTS: readonly (GoEnvironment | undefined)[] = [
  undefined,
  goEnv({ GOPRIVATE: 'a.com', GOPROXY: 'https://goproxy.corp.example.com,https://proxy.golang.org,direct', GOSUMDB: 'off', GOFLAGS: '-insecure' }, 'go1.24.1'),
  goEnv({ GOPRIVATE: ['github.com/acme', 'environment'], GOPROXY: ['https://goproxy.cn,direct', 'environment'], HTTPS_PROXY: ['http://127.0.0.1:3128', 'environment'] }, 'go1.26.0'),
];

interface FixSet {
  where: string;
  fixes: readonly Fix[];
}

function checkFixSets(): FixSet[] {
  return CHECK_RULES.flatMap((rule) =>
    (RULE_INPUTS[rule.id]?.() ?? []).flatMap((input, i) => rule.detect(input).map((finding) => ({ where: `check ${rule.id} input ${i + 1}`, fixes: finding.fixes }))),
  );
}

function explainFixSets(): FixSet[] {
  const inputs = [
    ...SCENARIOS.flatMap((scenario) => scenario.examples.map((text, i) => ({ name: `${scenario.id} example ${i + 1}`, text }))),
    ...loadFixtures().map((fixture) => ({ name: fixture.id, text: fixture.body })),
    ...loadRealworldCorpus().map((sample) => ({ name: `paste ${sample.id}`, text: sample.text })),
  ];
  return inputs.flatMap((input) =>
    ENVIRONMENTS.flatMap((env, k) =>
      explainBlocks(blocksFromText(input.text), env ? { env } : {}).diagnoses.map((d) => ({ where: `explain ${input.name} (environment ${k}) → ${d.scenario}`, fixes: d.fixes })),
    ),
  );
}

describe.each([
  ['check', checkFixSets],
  ['explain', explainFixSets],
])('%s: fixes that turn a protection off', (_name, collect) => {
  const sets = collect();

  test('some fixes are collected, and some of them weaken security (the test sees what it checks)', () => {
    expect(sets.length).toBeGreaterThan(20);
    expect(sets.some((s) => s.fixes.some((f) => f.command !== undefined && WEAKENING_COMMAND.test(f.command)))).toBe(true);
  });

  test('every command that turns a protection off, and every GONOSUMDB suggestion, is marked as weakening security', () => {
    const weakening = (f: Fix): boolean => (f.command !== undefined && WEAKENING_COMMAND.test(f.command)) || /^gonosumdb-(?!unset)/.test(f.id);
    const unmarked = sets.flatMap((s) => s.fixes.filter((f) => weakening(f) && !f.weakensSecurity).map((f) => `${s.where}: ${f.id}: ${f.command ?? ''}`));
    expect([...new Set(unmarked)]).toEqual([]);
  });

  test('a weakening fix never comes first while one that keeps the protections is offered', () => {
    const first = sets.filter((s) => s.fixes[0]?.weakensSecurity === true && s.fixes.some((f) => !f.weakensSecurity)).map((s) => `${s.where}: ${s.fixes.map((f) => f.id).join(', ')}`);
    expect([...new Set(first)]).toEqual([]);
  });
});
