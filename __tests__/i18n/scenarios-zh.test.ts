/**
 * The scenarios in Simplified Chinese. Every scenario's title, summary and explanation, every fix the engine
 * proposes for the scenarios' examples, for every fixture in fixtures/stderr (captured from real go runs or
 * built from cmd/go's formats) and for the real-world pastes, each under environments that steer the fixes
 * into their env-aware branches, and the hint that tells equally likely causes apart: in Chinese each one
 * carries Chinese and keeps the code spans, URLs and quoted go words of its English text, while fix ids,
 * commands and the security flag stay the same; in English each is exactly what it was before a Chinese
 * dictionary was ever loaded, and the documents match their snapshot. The scenarios are module constants,
 * built before any language is chosen: `explain --list` and `--scenario` under `--lang zh` still speak Chinese.
 */
import { Chalk } from 'chalk';
import { loadRealworldCorpus } from '../../bench/realworld-accuracy.js';
import { explainBlocks } from '../../src/explain/engine.js';
import { blocksFromText } from '../../src/explain/read-log.js';
import type { Fix } from '../../src/fix.js';
import type { GoEnvironment } from '../../src/goenv/types.js';
import { currentLanguage } from '../../src/i18n/language.js';
import { useChinese } from '../helpers/chinese.js';
import { renderScenarioDoc } from '../../src/report/explain.js';
import { visibleWidth } from '../../src/report/wrap.js';
import { SCENARIOS } from '../../src/scenarios/index.js';
import { loadFixtures } from '../explain/corpus.js';
import { runCli } from '../helpers/test-io.js';
import { goEnv } from '../scenarios/support.js';

const CHINESE = /[\u4e00-\u9fff]/;

/** Environments that take the fixes into their branches: none known, `go env -w` values, OS values of another Go. */
const ENVIRONMENTS: readonly (GoEnvironment | undefined)[] = [
  undefined,
  goEnv(
    { GOPRIVATE: 'a.com', GOPROXY: 'https://goproxy.corp.example.com,https://proxy.golang.org,direct', GOTOOLCHAIN: 'local', GOSUMDB: 'off', GOFLAGS: '-insecure', GO111MODULE: 'off' },
    'go1.24.1',
  ),
  goEnv(
    {
      GOPRIVATE: ['github.com/acme', 'environment'],
      GONOPROXY: 'none',
      GOPROXY: ['https://goproxy.cn,direct', 'environment'],
      HTTPS_PROXY: ['http://127.0.0.1:3128', 'environment'],
      NO_PROXY: ['localhost', 'environment'],
      SSL_CERT_FILE: ['/etc/ssl/corp.pem', 'environment'],
      GOTOOLCHAIN: ['local', 'environment'],
    },
    'go1.19.8',
  ),
];

/** Every text the fixes need to cover: examples, fixtures, pastes. */
const INPUTS: readonly { name: string; text: string }[] = [
  ...SCENARIOS.flatMap((scenario) => scenario.examples.map((text, i) => ({ name: `${scenario.id} example ${i + 1}`, text }))),
  ...loadFixtures().map((fixture) => ({ name: fixture.id, text: fixture.body })),
  ...loadRealworldCorpus().map((sample) => ({ name: `paste ${sample.id}`, text: sample.text })),
];

interface Document {
  id: string;
  title: string;
  summary: string;
  explanation: string;
}

/** One diagnosis' words: its scenario, its fixes and the tell-apart hint when it has one. */
interface Worded {
  where: string;
  scenario: string;
  fixes: Fix[];
  tellApart?: Fix;
}

function documents(): Document[] {
  return SCENARIOS.map(({ id, title, summary, explanation }) => ({ id, title, summary, explanation }));
}

function worded(): Worded[] {
  return INPUTS.flatMap((input) =>
    ENVIRONMENTS.flatMap((env, k) =>
      explainBlocks(blocksFromText(input.text), env ? { env } : {}).diagnoses.map((diagnosis) => ({
        where: `${input.name} (environment ${k})`,
        scenario: diagnosis.scenario,
        fixes: diagnosis.fixes,
        ...(diagnosis.tellApart !== undefined ? { tellApart: diagnosis.tellApart } : {}),
      })),
    ),
  );
}

/** The fixes of a run, with their hints, in order. */
const allFixes = (run: readonly Worded[]): Fix[] => run.flatMap((entry) => [...entry.fixes, ...(entry.tellApart ? [entry.tellApart] : [])]);

/** What no language may change in a text: inline code, URLs, double-quoted words (go's own, values). */
function invariants(text: string): string[] {
  return [...text.matchAll(/`[^`\n]{1,300}`|(?:https?|file):\/\/[^\s)'",]{0,300}[^\s)'",.:]|"[^"\n]{1,300}"/g)].map((m) => m[0]);
}

const chinese = useChinese();
const inChinese = <T>(f: () => T): T => chinese.run(f);
// English, computed before any Chinese dictionary was loaded.
const englishDocuments = documents();
const englishRun = worded();

describe('scenario documents', () => {
  test('the English documents are as they were', () => {
    expect(englishDocuments).toMatchSnapshot();
    for (const document of englishDocuments) expect(`${document.title} ${document.summary} ${document.explanation}`).not.toMatch(CHINESE);
  });

  test.each(SCENARIOS.map((scenario) => [scenario.id] as const))('%s: title, summary and explanation in Chinese, keeping the code, URLs and go\'s words', (id) => {
    const english = englishDocuments.find((document) => document.id === id) as Document;
    const chinese = inChinese(documents).find((document) => document.id === id) as Document;
    expect(currentLanguage()).toBe('en');
    for (const field of ['title', 'summary', 'explanation'] as const) {
      expect({ field, text: chinese[field] }).toEqual({ field, text: expect.stringMatching(CHINESE) });
      for (const kept of invariants(english[field])) expect({ field, kept, text: chinese[field] }).toEqual({ field, kept, text: expect.stringContaining(kept) });
    }
    // A Chinese sentence is not followed by a space.
    expect(chinese.explanation).not.toMatch(/[。；：] /);
    // Back in English, the document is what it was.
    expect(documents().find((document) => document.id === id)).toEqual(english);
  });
});

describe('fixes in Chinese', () => {
  test('the inputs reach every scenario and produce fixes and tell-apart hints', () => {
    expect(new Set(englishRun.map((entry) => entry.scenario))).toEqual(new Set(SCENARIOS.map((scenario) => scenario.id)));
    expect(allFixes(englishRun).length).toBeGreaterThan(1000);
    expect(englishRun.filter((entry) => entry.tellApart !== undefined).length).toBeGreaterThan(0);
  });

  test('every fix text is Chinese, with the same ids, commands and security flag, and the code, URLs and quoted words of the English', () => {
    const chineseRun = inChinese(worded);
    expect(chineseRun.map((entry) => [entry.where, entry.scenario])).toEqual(englishRun.map((entry) => [entry.where, entry.scenario]));
    const english = allFixes(englishRun);
    const chinese = allFixes(chineseRun);
    expect(chinese.map((fix) => [fix.id, fix.command, fix.weakensSecurity])).toEqual(english.map((fix) => [fix.id, fix.command, fix.weakensSecurity]));
    const notChinese = new Set<string>();
    const lost = new Set<string>();
    english.forEach((fix, i) => {
      const text = (chinese[i] as Fix).text;
      if (!CHINESE.test(text)) notChinese.add(`${fix.id}: ${text}`);
      for (const kept of invariants(fix.text)) if (!text.includes(kept)) lost.add(`${fix.id}: ${kept} missing from ${text}`);
    });
    expect([...notChinese]).toEqual([]);
    expect([...lost]).toEqual([]);
  });

  test('in English every fix is exactly what it was before Chinese was loaded', () => {
    inChinese(worded);
    const again = worded();
    expect(again).toEqual(englishRun);
    for (const fix of allFixes(again)) expect(fix.text).not.toMatch(CHINESE);
  });
});

describe('explain --list and --scenario', () => {
  test('under --lang zh they speak Chinese; in English and under --json they do not', async () => {
    const chineseDocuments = inChinese(documents);
    const list = await runCli(['--lang', 'zh', 'explain', '--list']);
    expect(list.code).toBe(0);
    for (const document of chineseDocuments) {
      expect(list.stdout.replace(/\s/g, '')).toContain(`${document.id}${document.title}—${document.summary}`.replace(/\s/g, ''));
    }
    const english = await runCli(['--lang', 'en', 'explain', '--list']);
    expect(english.stdout).not.toMatch(CHINESE);
    for (const document of englishDocuments) expect(english.stdout).toContain(document.title);

    for (const document of chineseDocuments) {
      const doc = await runCli(['--lang', 'zh', 'explain', '--scenario', document.id]);
      expect(doc.code).toBe(0);
      const flat = doc.stdout.replace(/\s/g, '');
      expect(doc.stdout.split('\n')[0]).toContain(document.title);
      expect(flat).toContain(document.summary.replace(/\s/g, ''));
      expect(flat).toContain(document.explanation.replace(/\s/g, ''));
      // The worked example's fixes are Chinese too; the example itself is go's text, unchanged.
      const fixesHeading = chinese.dictionary()['Fixes for this example, best first:'] as string;
      expect(doc.stdout).toContain(fixesHeading);
      expect(doc.stdout.slice(doc.stdout.indexOf(fixesHeading))).toMatch(/^ {2}1\. .*[\u4e00-\u9fff]/m);
      const scenario = SCENARIOS.find((s) => s.id === document.id);
      expect(doc.stdout).toContain(`  ${(scenario?.examples[0] ?? '').split('\n')[0]?.replace(/\t/g, '    ')}`);
      const json = await runCli(['--lang', 'zh', 'explain', '--scenario', document.id, '--json']);
      expect(json.stdout).not.toMatch(CHINESE);
    }
    expect(currentLanguage()).toBe('en');
  });

  test('on a wide terminal the Chinese explanation is set to the 88-column measure like the English, broken between characters, losing nothing', () => {
    for (const scenario of SCENARIOS) {
      for (const language of ['en', 'zh'] as const) {
        const render = () => renderScenarioDoc(scenario, undefined, new Chalk({ level: 0 }), { width: 120 });
        const text = language === 'zh' ? inChinese(render) : render();
        const explanation = language === 'zh' ? inChinese(() => scenario.explanation) : scenario.explanation;
        // The explanation is the third paragraph: title, summary, explanation.
        const lines = text.split('\n\n')[2]?.split('\n') ?? [];
        expect(lines.length).toBeGreaterThan(2);
        for (const line of lines) expect({ language, line, width: visibleWidth(line) <= 88 }).toEqual({ language, line, width: true });
        expect(lines.join('').replace(/\s/g, '')).toBe(explanation.replace(/\s/g, ''));
      }
    }
  });
});
