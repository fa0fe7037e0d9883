/**
 * Pure helpers for the benchmarks: statistics, sizes, a seeded random source, the JS-regex → grep ERE
 * translation and the result table. Nothing here touches the process, the file system or the clock,
 * so __tests__/bench-lib.test.ts can check it directly.
 */

/** The median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The p-th percentile (0..100) by nearest rank, for spread figures next to a median. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

const UNITS: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };

/** Parses `1MB`, `100 MB`, `2KB`, `1GB`, `512` (bytes) into bytes; binary units, as `ls -h` and `free` use. */
export function parseSize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB)?\s*$/i.exec(text);
  if (!match) throw new Error(`not a size: ${JSON.stringify(text)} (use e.g. 1MB, 100MB, 1GB)`);
  const unit = (match[2] ?? 'B').toUpperCase();
  return Math.round(Number(match[1]) * (UNITS[unit] as number));
}

/** Parses a comma-separated size list such as `1MB,100MB` (BENCH_SIZES). */
export function parseSizeList(text: string): number[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map(parseSize);
}

/** A size in the largest binary unit that keeps it at least 1, e.g. `100 MB`, `2 KB`. */
export function formatBytes(bytes: number): string {
  for (const unit of ['GB', 'MB', 'KB'] as const) {
    const size = UNITS[unit] as number;
    if (bytes >= size) {
      const value = bytes / size;
      return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
    }
  }
  return `${bytes} B`;
}

/** Milliseconds for a table cell: `12.3 ms` below 10 s, `12.3 s` above. */
export function formatMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(1)} ms`;
}

/** Throughput in MB/s (binary megabytes, like the sizes). */
export function megabytesPerSecond(bytes: number, ms: number): number {
  return ms <= 0 ? Number.POSITIVE_INFINITY : bytes / (1024 * 1024) / (ms / 1000);
}

/**
 * A small seeded PRNG (mulberry32): the generated logs must be the same from run to run so figures are
 * comparable. Returns floats in [0, 1).
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One measured figure, as printed in the table and written to the JSON summary. */
export interface Figure {
  /** What was measured, e.g. `startup: explain on a 2 KB log`. */
  figure: string;
  value: number;
  /** `ms`, `MB/s`, `MB`, `×`... */
  unit: string;
  /** The target in words, e.g. `≤ 1.5× node -e 0`; absent for informational figures. */
  target?: string;
  /** The ratio the target is about (value ÷ baseline), when there is one. */
  ratio?: number;
  /** Whether the target was met; absent without a target. */
  met?: boolean;
}

/** The table row for a figure. */
export function figureRow(figure: Figure): FigureRow {
  const digits = Number.isInteger(figure.value) || figure.value >= 100 ? 0 : 1;
  const value = figure.unit === 'ms' ? formatMs(figure.value) : `${figure.value.toFixed(digits)} ${figure.unit}`;
  return {
    figure: figure.figure,
    value,
    target: figure.target ?? '-',
    ratio: figure.ratio === undefined ? '-' : formatRatio(figure.ratio),
    met: figure.met === undefined ? '-' : figure.met ? 'yes' : 'no',
  };
}

/** One row of the benchmark table. */
export interface FigureRow {
  figure: string;
  value: string;
  target: string;
  /** The measured ratio against the baseline the target names, e.g. `1.42×`, or `-`. */
  ratio: string;
  /** yes / no, or `-` when the figure has no target. */
  met: 'yes' | 'no' | '-';
}

/** Renders rows as a fixed-width text table with a header and a rule. */
export function renderTable(rows: readonly FigureRow[]): string {
  const header: FigureRow = { figure: 'figure', value: 'value', target: 'target', ratio: 'ratio', met: '-' };
  const all = [header, ...rows];
  const cells = all.map((row) => [row.figure, row.value, row.target, row.ratio, row === header ? 'met' : row.met]);
  const widths = [0, 1, 2, 3, 4].map((c) => Math.max(...cells.map((line) => (line[c] ?? '').length)));
  const line = (values: string[]): string =>
    values
      .map((value, c) => value.padEnd(widths[c] ?? 0))
      .join('  ')
      .trimEnd();
  const [head, ...body] = cells;
  return [line(head ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n') + '\n';
}

/** `1.42×` for a ratio; `-` when it cannot be computed. */
export function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '-';
}
