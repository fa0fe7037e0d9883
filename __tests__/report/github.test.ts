/** GitHub Actions output: workflow-command escaping, annotations, the step summary Markdown and its file. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import type { Finding } from '../../src/check/types.js';
import { explainBlocks } from '../../src/explain/engine.js';
import { blocksFromText } from '../../src/explain/read-log.js';
import {
  escapeWorkflowData,
  escapeWorkflowProperty,
  formatAnnotation,
  githubAnnotationsForDiagnoses,
  githubAnnotationsForFindings,
  markdownCode,
  markdownCodeBlock,
  MAX_STEP_SUMMARY_CHARS,
  stepSummaryMarkdown,
  writeStepSummary,
} from '../../src/report/github.js';
import { findScenario } from '../../src/scenarios/index.js';
import { shouldUseGithubFormat } from '../../src/report/github-format.js';

/** The runner's unescaping (actions/runner ActionCommand.cs): the inverse the escaping must satisfy. */
function unescapeProperty(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}
function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

/** Splits one `::cmd k=v,k=v::message` line the way the runner does: properties end at the first `::`. */
function parseCommand(line: string): { command: string; properties: Record<string, string>; message: string } {
  const match = /^::([a-z]+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!match) throw new Error(`not a workflow command: ${line}`);
  const properties: Record<string, string> = {};
  for (const pair of (match[2] ?? '').split(',').filter((p) => p !== '')) {
    const eq = pair.indexOf('=');
    properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
  }
  return { command: match[1] ?? '', properties, message: unescapeData(match[3] ?? '') };
}

function finding(overrides: Partial<Finding>): Finding {
  return {
    id: 'private-module-proxied',
    rule: 'private-not-excluded',
    severity: 'error',
    group: 'config',
    message: 'corp.invalid/app is fetched through proxy.golang.org',
    evidence: ['GOPRIVATE is empty (the default)'],
    fixes: [{ id: 'goprivate-add', text: 'Mark corp.invalid as private.', command: 'go env -w GOPRIVATE=corp.invalid', weakensSecurity: false }],
    ...overrides,
  };
}

const NOT_FOUND = 'go: example.com/missing@v1.0.0: reading https://proxy.golang.org/example.com/missing/@v/v1.0.0.info: 404 Not Found';

describe('workflow command escaping', () => {
  test('properties escape %, CR, LF, colon and comma; messages escape only %, CR and LF', () => {
    expect(escapeWorkflowProperty('50%: a,b\r\nc')).toBe('50%25%3A a%2Cb%0D%0Ac');
    expect(escapeWorkflowData('50%: a,b\r\nc')).toBe('50%25: a,b%0D%0Ac');
    // `%` first: an existing escape in the text must not be decoded by the runner.
    expect(escapeWorkflowProperty('%0A')).toBe('%250A');
  });

  test('any text survives the round trip through the runner and never breaks the command line', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (title, message) => {
        const line = formatAnnotation({ level: 'warning', title, message, file: 'go.mod', line: 3 });
        expect(line).not.toMatch(/[\r\n]/);
        const parsed = parseCommand(line);
        expect(parsed.command).toBe('warning');
        if (title !== '') expect(parsed.properties.title).toBe(title);
        expect(parsed.properties.file).toBe('go.mod');
        expect(parsed.properties.line).toBe('3');
        expect(parsed.message).toBe(message);
      }),
      { numRuns: 300 },
    );
  });
});

describe('annotations', () => {
  test('findings: errors and warnings become ::error and ::warning with title, evidence and the first fix; info is left out', () => {
    const text = githubAnnotationsForFindings([
      finding({}),
      finding({ id: 'sumdb-lookup-failed', rule: 'sumdb-slow', severity: 'warning', message: 'sum.golang.org answered slowly', evidence: [], fixes: [] }),
      finding({ id: 'note', rule: 'note', severity: 'info', message: 'just so you know' }),
    ]);
    const lines = text.trimEnd().split('\n');
    expect(text.endsWith('\n')).toBe(true);
    expect(lines).toHaveLength(2);
    const first = parseCommand(lines[0] ?? '');
    expect(first.command).toBe('error');
    expect(first.properties.title).toBe('goproxy-doctor check: private-module-proxied');
    expect(first.message).toBe(
      'corp.invalid/app is fetched through proxy.golang.org\n- GOPRIVATE is empty (the default)\nFix: Mark corp.invalid as private.\n  $ go env -w GOPRIVATE=corp.invalid',
    );
    expect(parseCommand(lines[1] ?? '')).toMatchObject({ command: 'warning', message: 'sum.golang.org answered slowly' });
    expect(githubAnnotationsForFindings([finding({ severity: 'info' })])).toBe('');
  });

  test('secrets in findings are masked before they reach the log', () => {
    const text = githubAnnotationsForFindings(
      [
        finding({
          message: 'https://alice:hunter2pw@proxy.corp.invalid/ answered 401',
          evidence: ['Authorization: Bearer tok-abc-123', 'GOPROXY=https://proxy.corp.invalid/?token=qwerty123', 'netrc password nEtRcSeCrEt'],
        }),
      ],
      { knownSecrets: ['nEtRcSeCrEt'] },
    );
    for (const secret of ['hunter2pw', 'tok-abc-123', 'qwerty123', 'nEtRcSeCrEt']) expect(text).not.toContain(secret);
    expect(unescapeData(text)).toContain('https://alice:xxxxx@proxy.corp.invalid/');
  });

  test('log text cannot inject a second workflow command', () => {
    const evil = `${NOT_FOUND}\n::add-mask::x\r\n::error title=fake::pwned %0A::warning::also`;
    const text = githubAnnotationsForFindings([finding({ message: evil })]);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(parseCommand(lines[0] ?? '').properties.title).toBe('goproxy-doctor check: private-module-proxied');
    expect(lines[0]).toContain('%250A');
  });

  test('at most maxPerLevel per level, then one notice with the count', () => {
    const many = Array.from({ length: 13 }, (_, i) => finding({ message: `problem ${i}` }));
    const lines = githubAnnotationsForFindings([...many, finding({ severity: 'warning' })], { maxPerLevel: 10 }).trimEnd().split('\n');
    expect(lines.filter((line) => line.startsWith('::error '))).toHaveLength(10);
    expect(lines.filter((line) => line.startsWith('::warning '))).toHaveLength(1);
    const notice = parseCommand(lines[lines.length - 1] ?? '');
    expect(notice.command).toBe('notice');
    expect(notice.message).toContain('3 more problems are not annotated');
  });

  test('diagnoses from the real engine: one ::error per main diagnosis, titled by the scenario', () => {
    const result = explainBlocks(blocksFromText(`${NOT_FOUND}\n${NOT_FOUND}\n`));
    expect(result.diagnoses.some((d) => d.alternative)).toBe(true);
    const lines = githubAnnotationsForDiagnoses(result.diagnoses, { scenario: findScenario }).trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const parsed = parseCommand(lines[0] ?? '');
    expect(parsed.command).toBe('error');
    expect(parsed.properties.title).toBe(`goproxy-doctor: ${findScenario('module-not-found')?.title} (example.com/missing@v1.0.0)`);
    expect(parsed.message.split('\n')[0]).toBe(NOT_FOUND);
    expect(parsed.message).toContain('(seen 2 times)');
    expect(parsed.message).toContain('$ go list -m -versions example.com/missing');
    // Without a lookup the scenario id is the title.
    expect(parseCommand(githubAnnotationsForDiagnoses(result.diagnoses).split('\n')[0] ?? '').properties.title).toBe('goproxy-doctor: module-not-found (example.com/missing@v1.0.0)');
    expect(githubAnnotationsForDiagnoses([])).toBe('');
  });
});

describe('shouldUseGithubFormat', () => {
  test.each([
    [{ GITHUB_ACTIONS: 'true' }, undefined, true],
    [{ GITHUB_ACTIONS: 'true' }, 'auto', true],
    [{ GITHUB_ACTIONS: 'true' }, 'human', false],
    [{}, 'github', true],
    [{}, undefined, false],
    [{ GITHUB_ACTIONS: 'false' }, undefined, false],
    [{ GITHUB_ACTIONS: '1' }, undefined, false],
  ] as const)('%j with --format %s -> %s', (env, flag, expected) => {
    expect(shouldUseGithubFormat(env, flag)).toBe(expected);
  });
});

describe('step summary Markdown', () => {
  test('findings and diagnoses with evidence, ranked fixes and counts', () => {
    const result = explainBlocks(blocksFromText(`${NOT_FOUND}\n`));
    const md = stepSummaryMarkdown({
      title: 'goproxy-doctor check',
      context: 'go exited with status 1',
      findings: [finding({}), finding({ severity: 'warning', message: 'second', fixes: [] })],
      diagnoses: result.diagnoses,
      scenario: findScenario,
    });
    expect(md.startsWith('## goproxy-doctor check\n\ngo exited with status 1\n\n### Check\n\n1 error, 1 warning, 0 info.\n')).toBe(true);
    expect(md).toContain('#### ❌ corp.invalid/app is fetched through proxy.golang.org');
    expect(md).toContain('1. Mark corp.invalid as private.\n\n   ```sh\n   go env -w GOPRIVATE=corp.invalid\n   ```');
    expect(md).toContain('### Diagnosis\n\n1 problem found.');
    expect(md).toContain(`\`\`\`text\n${NOT_FOUND}\n\`\`\``);
    expect(md).toContain('`module-not-found` · confidence');
    expect(md).toContain('**Also possible:**');
    expect(stepSummaryMarkdown({ title: 't', findings: [], diagnoses: [] })).toBe('## t\n\n### Check\n\nNo problems found.\n\n### Diagnosis\n\nNo known Go module download failure found.\n\n');
  });

  test('log text cannot become links, images, HTML or close a code fence', () => {
    const evil = 'go: x@v1: [click](https://evil.invalid) ![i](https://evil.invalid/p.png) <img src=x onerror=alert(1)> # heading';
    const md = stepSummaryMarkdown({ title: 'goproxy-doctor check', findings: [finding({ message: evil, evidence: ['```\n# out of the fence'] })] });
    expect(md).not.toContain('[click](');
    expect(md).not.toContain('![i]');
    expect(md).not.toMatch(/(^|[^\\])<img/);
    expect(md).toContain('\\[click\\](https://evil.invalid)');
    expect(md).toContain('\\<img src=x onerror=alert(1)\\>');
    expect(md).not.toMatch(/^# out of the fence/m);
    expect(markdownCodeBlock('a\n````\nb')).toBe('`````\na\n````\nb\n`````');
    expect(markdownCode('a`b')).toBe('``a`b``');
    expect(markdownCode('`x`')).toBe('`` `x` ``');
  });

  test('long evidence is cut, long lists are counted, and the summary stays under GitHub’s size limit', () => {
    const long = Array.from({ length: 60 }, (_, i) => finding({ message: `m${i}`, evidence: ['e'.repeat(20_000)] }));
    const counted = stepSummaryMarkdown({ title: 'goproxy-doctor check', findings: long });
    expect(counted).toContain('…and 10 more findings');
    expect(counted).not.toContain('e'.repeat(2001));
    expect(counted).not.toContain('summary truncated');

    const huge = Array.from({ length: 50 }, (_, i) => finding({ message: `m${i}`, evidence: Array.from({ length: 30 }, () => 'e'.repeat(1500)) }));
    const md = stepSummaryMarkdown({ title: 'goproxy-doctor check', findings: huge });
    expect(md.length).toBeLessThanOrEqual(MAX_STEP_SUMMARY_CHARS);
    expect(md.endsWith('_(summary truncated; see the log)_\n\n')).toBe(true);
  });

  test('writeStepSummary appends to $GITHUB_STEP_SUMMARY and does nothing without it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gpd-summary-'));
    try {
      const file = path.join(dir, 'summary.md');
      writeFileSync(file, 'before\n');
      const append = (f: string, text: string): Promise<void> => appendFile(f, text, 'utf8');
      expect(await writeStepSummary({ GITHUB_STEP_SUMMARY: file }, '## one\n', append)).toBe(true);
      expect(await writeStepSummary({ GITHUB_STEP_SUMMARY: file }, '## two\n', append)).toBe(true);
      expect(readFileSync(file, 'utf8')).toBe('before\n## one\n## two\n');
      let called = false;
      expect(await writeStepSummary({ GITHUB_STEP_SUMMARY: '' }, 'x', async () => void (called = true))).toBe(false);
      expect(await writeStepSummary({}, 'x', async () => void (called = true))).toBe(false);
      expect(called).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
