/**
 * `check` in Simplified Chinese: every check rule runs over inputs that make it fire (check-rule-inputs.ts),
 * once in English and once with the language set to zh. In Chinese every finding's message, every fix the
 * check side writes and every evidence line it words are Chinese, while ids, severities, commands, modules
 * and go's own quoted words stay as they are; in English the findings are exactly what they were (set
 * against the existing expectations of the rule tests). The dictionary itself keeps every command, variable
 * name, code span, URL and Go source reference of the English text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatTimings } from '../../src/check/probe-evidence.js';
import { predictedGoError } from '../../src/check/rule-kit.js';
import { CHECK_RULES } from '../../src/check/rules/index.js';
import type { Finding } from '../../src/check/types.js';
import { currentLanguage } from '../../src/i18n/language.js';
import { useChinese } from '../helpers/chinese.js';
import { ZH as CHECK_ZH } from '../../src/i18n/zh/check.js';
import { RULE_INPUTS } from './check-rule-inputs.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHINESE = /[\u4e00-\u9fff]/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

/** The fix ids a set of source files builds with the fix builders or as fix literals. */
function fixIds(dir: string): Set<string> {
  const ids = new Set<string>();
  const pattern = /(?:adviceFix|setVariableFix|unsetVariableFix|extendListFix)\(\s*'([a-z0-9-]+)'|\bid: '([a-z0-9-]+)',\s*(?:command: [^\n]*\n\s*)?text:/g;
  for (const file of sources(dir)) for (const m of readFileSync(file, 'utf8').matchAll(pattern)) ids.add((m[1] ?? m[2]) as string);
  return ids;
}

/** Fixes the explain scenarios build (their words are translated with the scenarios), and fixes only check builds. */
const SCENARIO_FIX_IDS = fixIds(path.join(ROOT, 'src/scenarios'));
const CHECK_ONLY_FIX_IDS = new Set([...fixIds(path.join(ROOT, 'src/check'))].filter((id) => !SCENARIO_FIX_IDS.has(id)));

/** Everything about a finding that no language changes. */
function languageFree(f: Finding) {
  return { id: f.id, rule: f.rule, cause: f.cause, severity: f.severity, group: f.group, modules: f.modules, evidence: f.evidence.length, fixes: f.fixes.map((x) => [x.id, x.command, x.weakensSecurity]) };
}

/** The English label of a predicted go error. */
const LABEL = predictedGoError('');

const chinese = useChinese();
const inChinese = <T>(f: () => T): T => chinese.run(f);

describe('check rules in Simplified Chinese', () => {
  test('every check rule has inputs here that make it fire', () => {
    expect(CHECK_RULES.map((rule) => rule.id).filter((id) => RULE_INPUTS[id] === undefined)).toEqual([]);
  });

  test.each(CHECK_RULES.filter((rule) => RULE_INPUTS[rule.id] !== undefined).map((rule) => [rule.id, rule] as const))('%s', (_id, rule) => {
    const inputs = (RULE_INPUTS[rule.id] as () => ReturnType<NonNullable<(typeof RULE_INPUTS)[string]>>)();
    for (const [n, input] of inputs.entries()) {
      const english = rule.detect(input);
      expect([n, english.length > 0]).toEqual([n, true]);
      const chinese = inChinese(() => rule.detect(input));
      expect(currentLanguage()).toBe('en');
      // Same findings, same fixes, same commands: only the words change.
      expect(chinese.map(languageFree)).toEqual(english.map(languageFree));
      chinese.forEach((f, i) => {
        const en = english[i] as Finding;
        expect([f.rule, f.message]).toEqual([f.rule, expect.stringMatching(CHINESE)]);
        f.fixes.forEach((fix, j) => {
          const enText = en.fixes[j]?.text ?? '';
          if (CHECK_ONLY_FIX_IDS.has(fix.id) || fix.text !== enText) expect([fix.id, fix.text]).toEqual([fix.id, expect.stringMatching(CHINESE)]);
          // A fix nothing translated comes from an explain scenario, which translates its own words.
          else expect([fix.id, SCENARIO_FIX_IDS.has(fix.id)]).toEqual([fix.id, true]);
        });
        f.evidence.forEach((line, j) => {
          const enLine = en.evidence[j] ?? '';
          // A prediction keeps go's words as they are; only the label is translated.
          if (enLine.startsWith(LABEL)) expect(line).toBe(inChinese(() => predictedGoError(enLine.slice(LABEL.length))));
          else if (line !== enLine) expect([enLine, line]).toEqual([enLine, expect.stringMatching(CHINESE)]);
        });
      });
      // Back in English, the findings are the English ones again.
      expect(rule.detect(input)).toEqual(english);
    }
  });

  test('every rule summary is Chinese in Chinese and unchanged in English', () => {
    const english = CHECK_RULES.map((rule) => rule.summary);
    const chinese = inChinese(() => CHECK_RULES.map((rule) => rule.summary));
    for (const [i, text] of chinese.entries()) expect([english[i], text]).toEqual([english[i], expect.stringMatching(CHINESE)]);
    expect(CHECK_RULES.map((rule) => rule.summary)).toEqual(english);
    for (const text of english) expect(text).toMatch(/^[\x20-\x7e]+$/);
  });
});

describe('English output is unchanged', () => {
  const only = (id: string, n = 0): Finding[] => {
    const rule = CHECK_RULES.find((r) => r.id === id);
    const input = RULE_INPUTS[id]?.()[n];
    if (!rule || !input) throw new Error(`no rule or input for ${id}`);
    return rule.detect(input);
  };

  // The texts the rules wrote before the messages were tagged, as the rule tests expect them.
  test.each([
    ['pattern-ignored', 0, 'Some GOPRIVATE entries can never match a module path, so go ignores them.'],
    ['ssl-cert-ignored', 1, "SSL_CERT_FILE and SSL_CERT_DIR are ignored on Windows: Go uses the platform's certificate verifier there."],
    ['goproxy-credentials-http', 0, 'A GOPROXY entry carries credentials over plain http://, which go refuses: every request to b.example fails.'],
    ['gosumdb-off', 0, 'GOSUMDB=off: new modules are trusted on first download, whoever served them; a tampered proxy or mirror goes unnoticed.'],
    ['netrc-machine-mismatch', 0, '.netrc has "machine proxy.corp.invalid", but go1.23.5 looks up "machine proxy.corp.invalid:8443" for https://proxy.corp.invalid:8443/go, so no credentials are sent.'],
    [
      'module-fetch-failed',
      0,
      'example.com/hello@v1.0.0 would fail at #1 https://a.example.invalid, which answered 500 Internal Server Error; "," after it falls through only on 404/410, so go never tries the next entry.',
    ],
    ['goproxy-unreachable-entries', 0, 'GOPROXY lists 1 entry after "direct", which go never reaches: "direct" ends the list.'],
    [
      'toolchain-path-only',
      0,
      'go would switch to go1.99.0 but GOTOOLCHAIN only allows looking in PATH: without a go1.99.0 binary there, go fails with "cannot find \\"go1.99.0\\" in PATH".',
    ],
  ] as const)('%s (input %i)', (id, n, message) => {
    expect(only(id, n)[0]?.message).toBe(message);
  });

  test('evidence and fixes keep their English words', () => {
    expect(only('toolchain-not-released')[0]?.evidence[0]).toBe('go would report: download go1.99.0 for linux/amd64: toolchain not available');
    expect(only('sumdb-key-mismatch')[0]?.evidence).toContain('signed by sum.example.invalid+01234567 instead');
    expect(only('tls-roots-skipped')[0]?.evidence).toEqual(['/tmp/fifo: not a regular file']);
    expect(only('goproxy-credentials')[0]?.fixes.map((x) => x.text)).toEqual([
      'Keep the credentials in ~/.netrc instead (go sends them to a.example over https; Go 1.21+ matches host:port exactly).',
      'Then remove the credentials from GOPROXY. GOPROXY comes from the OS environment, which overrides `go env -w`: change it where it is set (shell profile, CI variables, Dockerfile ENV).',
    ]);
    expect(formatTimings({ dns: 1.234, connect: 0.5, tls: 12, http: 150.4, total: 164.1 })).toBe('dns 1.2 ms · connect 0.5 ms · tls 12.0 ms · http 150 ms · total 164 ms');
  });

  test('in Chinese the same values stay in place', () => {
    const [f] = inChinese(() => only('goproxy-credentials'));
    expect(f?.fixes.map((x) => x.text)).toEqual([
      '改为把凭据保存在 ~/.netrc 中（go 会通过 https 把它们发送给 a.example；Go 1.21+ 按 host:port 精确匹配）。',
      '然后从 GOPROXY 中删除凭据。GOPROXY 来自操作系统环境变量，它会覆盖 `go env -w` 的设置：请在设置它的地方修改（shell 配置文件、CI 变量、Dockerfile ENV）。',
    ]);
    expect(inChinese(() => formatTimings({ dns: 1.234, total: 2 }))).toBe('dns 1.2 ms · 总计 2.0 ms');
  });
});

describe('the check dictionary', () => {
  // What is never translated: code spans, variable names, go's SECURITY ERROR, URLs, Go source references,
  // file names, quoted values, HTTP statuses, flags and placeholders. Each must appear in the translation as
  // often as in the English text.
  const UNTRANSLATED = [
    /`[^`]+`/g,
    /\bGO[A-Z0-9_]*\b/g,
    /\b[A-Z]+_[A-Z_]+\b/g,
    /SECURITY ERROR/g,
    /https?:\/\/[^\s)）,，;]+/g,
    /go1\.\d+ src\/\S+?:\d+(?:-\d+)?/g,
    /\bgo\.(?:mod|sum)\b/g,
    /\.netrc\b/g,
    /"[^"]*"/g,
    /\b\d{3}\b/g,
    /\{\d+\}/g,
    /--[a-z-]+/g,
  ];

  test('every translation keeps the untranslatable parts of its English text', () => {
    const count = (text: string, token: string): number => text.split(token).length - 1;
    const lost: string[] = [];
    for (const [id, translation] of Object.entries(CHECK_ZH)) {
      const english = id.replace(/\\`/g, '`');
      for (const pattern of UNTRANSLATED) {
        for (const token of english.match(pattern) ?? []) if (count(translation, token) < count(english, token)) lost.push(`${token} in ${id}`);
      }
    }
    expect(lost).toEqual([]);
  });

  test('every translation is Chinese (unless its message has no words) and escapes nothing', () => {
    for (const [id, translation] of Object.entries(CHECK_ZH)) {
      if (/[A-Za-z]{3}/.test(id.replace(/\{\d+\}/g, ''))) expect([id, CHINESE.test(translation)]).toEqual([id, true]);
      expect([id, translation.includes('\\')]).toEqual([id, false]);
    }
  });
});
