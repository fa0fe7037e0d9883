/**
 * Benchmark for `explain`: top-1 accuracy over the fixture corpus (does the first diagnosis name the
 * scenario the fixture's header expects?) and streaming throughput on a generated ~10 MB CI log in
 * which real fixture output is buried among build noise, timestamps and docker prefixes.
 *
 *   node --import tsx bench/explain.ts
 */
import { fileURLToPath } from 'node:url';
import { DiagnosisCollector, explainBlocks } from '../src/explain/engine.js';
import { blocksFromText, readBlocks } from '../src/explain/read-log.js';
import { loadFixtures } from '../__tests__/explain/corpus.js';

/** What the benchmark measured. */
export interface ExplainBenchResult {
  fixtures: number;
  top1Correct: number;
  /** top1Correct / fixtures, 0..1. */
  top1Accuracy: number;
  /** Fixtures whose top diagnosis was wrong: `id: expected -> actual`. */
  misses: string[];
  /** Size of the generated log. */
  bytes: number;
  seconds: number;
  mbPerSecond: number;
  /** Main diagnoses found in the generated log (distinct failures). */
  diagnosesInLog: number;
}

const NOISE = [
  'ok  \texample.com/service/internal/handler\t0.412s',
  '# example.com/service/cmd/server',
  './main.go:42:2: declared and not used: unused',
  '=== RUN   TestHandler/returns_404_for_missing_user',
  '--- PASS: TestHandler (0.01s)',
  'go: downloading github.com/stretchr/testify v1.9.0',
  'go: finding module for package example.com/util',
  '#12 [builder 3/6] COPY go.mod go.sum ./',
  '#12 DONE 0.1s',
  'Step 5/9 : RUN go build -o /out/server ./cmd/server',
  ' ---> Running in 4f2a9c1b7d3e',
  'PASS',
];

/** A deterministic log of about `targetBytes`, with fixture bodies every `every` lines. */
export function generateLog(targetBytes: number, every = 40): string {
  const bodies = loadFixtures().map((fixture) => fixture.body.replace(/\r/g, '').trimEnd());
  const parts: string[] = [];
  let size = 0;
  let line = 0;
  let body = 0;
  while (size < targetBytes) {
    const stamp = `2024-05-01T12:${String(Math.floor(line / 600) % 60).padStart(2, '0')}:${String(Math.floor(line / 10) % 60).padStart(2, '0')}.${String(line % 10_000_000).padStart(7, '0')}Z `;
    let text: string;
    if (line % every === every - 1) {
      text = (bodies[body++ % bodies.length] ?? '').split('\n').map((l) => stamp + l).join('\n');
    } else {
      text = stamp + (NOISE[line % NOISE.length] ?? '');
    }
    parts.push(text);
    size += text.length + 1;
    line += 1;
  }
  return `${parts.join('\n')}\n`;
}

async function* chunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}

/** Runs the benchmark. `logBytes` defaults to 10 MB. */
export async function benchExplain(logBytes = 10 * 1024 * 1024): Promise<ExplainBenchResult> {
  const fixtures = loadFixtures();
  const misses: string[] = [];
  let correct = 0;
  for (const fixture of fixtures) {
    const expected = fixture.expectations[0]?.scenario;
    const actual = explainBlocks(blocksFromText(fixture.body)).diagnoses[0]?.scenario;
    if (expected !== undefined && actual === expected) correct += 1;
    else misses.push(`${fixture.id}: ${expected ?? '?'} -> ${actual ?? 'nothing'}`);
  }

  const log = new TextEncoder().encode(generateLog(logBytes));
  const start = process.hrtime.bigint();
  const collector = new DiagnosisCollector();
  for await (const block of readBlocks(chunks(log, 64 * 1024))) collector.add(block);
  const result = collector.result();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;

  return {
    fixtures: fixtures.length,
    top1Correct: correct,
    top1Accuracy: fixtures.length === 0 ? 0 : correct / fixtures.length,
    misses,
    bytes: log.length,
    seconds,
    mbPerSecond: log.length / (1024 * 1024) / seconds,
    diagnosesInLog: result.diagnoses.filter((diagnosis) => !diagnosis.alternative).length,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await benchExplain();
  process.stdout.write(
    `explain: top-1 accuracy ${(result.top1Accuracy * 100).toFixed(1)}% (${result.top1Correct}/${result.fixtures} fixtures); ` +
      `throughput ${result.mbPerSecond.toFixed(1)} MB/s (${(result.bytes / 1024 / 1024).toFixed(1)} MB in ${result.seconds.toFixed(2)} s, ${result.diagnosesInLog} distinct failures)\n`,
  );
  for (const miss of result.misses) process.stdout.write(`  miss: ${miss}\n`);
}
