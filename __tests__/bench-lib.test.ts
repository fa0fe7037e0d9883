/**
 * The benchmark's pure helpers: statistics, sizes, the seeded log source, the table, and the JS-regex →
 * ERE translation, which is checked against GNU grep itself over real fixture lines and generated logs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkUnavailableReason } from '../bench/check-network.js';
import type { ChildResult } from '../bench/lib/child.js';
import { createLineSource, loadFixtureFailures, stripFixtureHeader, writeLog } from '../bench/lib/loggen.js';
import {
  figureRow,
  formatBytes,
  median,
  megabytesPerSecond,
  parseSize,
  parseSizeList,
  percentile,
  renderTable,
  seededRandom,
} from '../bench/lib/stats.js';
import { smallLog } from '../bench/startup.js';
import { SCENARIOS } from '../src/scenarios/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('statistics and sizes', () => {
  it('takes medians and nearest-rank percentiles', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 90)).toBe(90);
    expect(percentile([5, 1, 3], 10)).toBe(1);
    expect(() => median([])).toThrow('empty');
  });

  it('parses and formats binary sizes', () => {
    expect(parseSize('1MB')).toBe(1024 * 1024);
    expect(parseSize(' 100 mb ')).toBe(100 * 1024 * 1024);
    expect(parseSize('2KB')).toBe(2048);
    expect(parseSize('1GB')).toBe(1024 ** 3);
    expect(parseSize('512')).toBe(512);
    expect(() => parseSize('ten MB')).toThrow('not a size');
    expect(parseSizeList('1MB, 100MB,,1GB')).toEqual([1024 ** 2, 100 * 1024 ** 2, 1024 ** 3]);
    expect(formatBytes(1024 ** 3)).toBe('1 GB');
    expect(formatBytes(1536 * 1024)).toBe('1.5 MB');
    expect(formatBytes(100)).toBe('100 B');
    expect(megabytesPerSecond(100 * 1024 * 1024, 2000)).toBe(50);
  });

  it('renders a figure table whose columns line up', () => {
    const table = renderTable([
      figureRow({ figure: 'startup: --version', value: 75.25, unit: 'ms', target: '≤ 1.5× node -e 0', ratio: 1.4, met: true }),
      figureRow({ figure: 'grep', value: 385.2, unit: 'MB/s' }),
      figureRow({ figure: 'false positives', value: 3, unit: 'diagnoses' }),
    ]);
    const lines = table.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[2]).toMatch(/^startup: --version\s+75\.3 ms\s+≤ 1\.5× node -e 0\s+1\.40×\s+yes$/);
    expect(lines[3]).toMatch(/^grep\s+385 MB\/s\s+-\s+-\s+-$/);
    expect(lines[4]).toMatch(/^false positives\s+3 diagnoses\s+-/);
    // Every row starts its value column at the same offset.
    const valueColumn = (lines[0] ?? '').indexOf('value');
    expect(lines[2]?.slice(valueColumn).startsWith('75.3 ms')).toBe(true);
    expect(lines[3]?.slice(valueColumn).startsWith('385 MB/s')).toBe(true);
  });
});

describe('generated logs', () => {
  it('are reproducible from the seed and differ between seeds', () => {
    const take = (seed: number): string => {
      const next = createLineSource({ seed });
      return Array.from({ length: 200 }, () => next().text).join('');
    };
    expect(take(1)).toBe(take(1));
    expect(take(1)).not.toBe(take(2));
    const random = seededRandom(42);
    const values = Array.from({ length: 1000 }, random);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(990);
  });

  it('mix failure blocks in at the requested rate, as whole lines', () => {
    const failure = 'go: example.invalid/m@v1.0.0: module lookup disabled by GOPROXY=off\n';
    const next = createLineSource({ failures: [failure], failureEveryBytes: 4096 });
    let bytes = 0;
    let failures = 0;
    while (bytes < 400 * 1024) {
      const piece = next();
      expect(piece.text.endsWith('\n')).toBe(true);
      bytes += piece.text.length;
      if (piece.failure) {
        failures++;
        expect(piece.text).toContain('module lookup disabled by GOPROXY=off');
      }
    }
    expect(failures).toBeGreaterThan(80);
    expect(failures).toBeLessThan(110);
  });

  it('strips fixture headers and nothing else', () => {
    const text = '# go: go1.23.5\n# command: go mod download\n# expect: dns-failure\ngo: x@v1: boom\n# github.com/acme/app\nmore\n';
    expect(stripFixtureHeader(text)).toBe('go: x@v1: boom\n# github.com/acme/app\nmore\n');
    for (const block of loadFixtureFailures(ROOT)) expect(block).not.toMatch(/^# (go|command|env|exit|source|expect):/m);
  });

  it('builds a small log that holds a failure', () => {
    const failure = 'go: example.invalid/m@v1.0.0: reading https://proxy.invalid/x: 404 Not Found\n';
    const text = smallLog(2048, { failures: [failure] });
    expect(text.length).toBeGreaterThanOrEqual(2048);
    expect(text.length).toBeLessThan(4096);
    expect(text).toContain('404 Not Found');
  });

  it('writes about the requested size to disk', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gpd-bench-lib-'));
    try {
      const file = path.join(dir, 'log.txt');
      const stats = await writeLog(file, 300 * 1024, { failures: ['go: failure line\n'], failureEveryBytes: 10_000 });
      const text = readFileSync(file, 'utf8');
      expect(stats.bytes).toBe(Buffer.byteLength(text));
      expect(stats.bytes).toBeGreaterThanOrEqual(300 * 1024);
      expect(stats.bytes).toBeLessThan(300 * 1024 + 1024);
      expect(stats.lines).toBe(text.split('\n').length - 1);
      expect(stats.failureBlocks).toBe(text.split('go: failure line\n').length - 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('check availability', () => {
  const result = (stdout: string, exitCode = 0): ChildResult => ({ exitCode, signal: null, timedOut: false, wallMs: 1, stdout, stderr: '' });

  it('skips a stub or a check without --timeout, and accepts the real one', () => {
    expect(checkUnavailableReason(result('Usage: goproxy-doctor check [options]\n\n(not built yet)\n'))).toMatch(/stub/);
    expect(checkUnavailableReason(result('Usage: check\n  --json\n'))).toMatch(/no --timeout/);
    expect(checkUnavailableReason(result('', 2))).toMatch(/exit 2/);
    expect(checkUnavailableReason(result('Options:\n  --timeout <ms>  one deadline for all probes\n'))).toBeUndefined();
  });
});
