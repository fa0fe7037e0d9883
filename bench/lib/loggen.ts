/**
 * Generates realistic build logs for the throughput benchmark: `go: downloading` lines, compiler errors,
 * `go test` output, CI timestamps and docker steps, with real failure blocks (captured go stderr from
 * fixtures/stderr) mixed in at a steady rate. Generation is seeded, so the same size always yields the
 * same file, and it streams to disk in bounded chunks, so a 1 GB log never sits in memory.
 */
import { once } from 'node:events';
import { createWriteStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { seededRandom } from './stats.js';

/** Options for the line source. */
export interface LogOptions {
  /** Seed for the PRNG; the default keeps files identical between runs. */
  seed?: number;
  /** Failure blocks to mix in (cmd/go stderr, one block per entry). Empty: ordinary output only. */
  failures?: readonly string[];
  /** Roughly how many bytes of ordinary output separate two failure blocks. Default 64 KB. */
  failureEveryBytes?: number;
}

/** What was written. */
export interface LogStats {
  bytes: number;
  lines: number;
  failureBlocks: number;
}

const ORGS = ['acme', 'example-org', 'kube', 'hashicorp', 'grafana', 'uber-go', 'spf13', 'golang'];
const REPOS = ['app', 'zap', 'cobra', 'viper', 'client-go', 'consul', 'loki', 'errors', 'text', 'net', 'sync'];
const PKGS = ['internal/api', 'internal/store', 'pkg/config', 'cmd/server', 'pkg/auth', 'internal/cache', 'pkg/metrics', 'internal/queue'];
const FILES = ['handler', 'server', 'store', 'config', 'client', 'retry', 'cache', 'util'];
const IDENTS = ['Handler', 'NewServer', 'Config', 'ParseFlags', 'Retry', 'Open', 'Close', 'Encode', 'Decode', 'Lookup'];

/** The header lines of a fixture (`# go: ...`, `# env: ...`) that are not part of go's output. */
const FIXTURE_HEADER = /^# [a-z][a-z-]*:/;

/**
 * Failure blocks from fixtures/stderr/<scenario>/*.txt with their `# key: value` header removed.
 * Returns an empty list when the directory does not exist yet.
 */
export function loadFixtureFailures(root: string): string[] {
  const dir = path.join(root, 'fixtures', 'stderr');
  if (!existsSync(dir)) return [];
  const blocks: string[] = [];
  for (const scenario of readdirSync(dir).sort()) {
    const scenarioDir = path.join(dir, scenario);
    if (!statSync(scenarioDir).isDirectory()) continue;
    for (const file of readdirSync(scenarioDir).sort()) {
      if (!file.endsWith('.txt')) continue;
      const body = stripFixtureHeader(readFileSync(path.join(scenarioDir, file), 'utf8'));
      if (body.trim() !== '') blocks.push(body.endsWith('\n') ? body : body + '\n');
    }
  }
  return blocks;
}

/** Drops the leading `# key: value` lines of a fixture file, keeping go's output as captured. */
export function stripFixtureHeader(text: string): string {
  const lines = text.split('\n');
  let start = 0;
  while (start < lines.length && FIXTURE_HEADER.test(lines[start] ?? '')) start++;
  return lines.slice(start).join('\n');
}

/**
 * Failure blocks in cmd/go's formats (go1.23 src/cmd/go/internal/modfetch and web) used when no fixtures exist yet, with loopback and
 * `.invalid` hosts only.
 */
export const BUILTIN_FAILURES: readonly string[] = [
  'go: example.invalid/hello@v1.0.0: reading https://proxy.corp.invalid/example.invalid/hello/@v/v1.0.0.info: 404 Not Found\n\tserver response: not found\n',
  'go: example.invalid/hello@v1.0.0: Get "https://proxy.corp.invalid/example.invalid/hello/@v/v1.0.0.info": dial tcp: lookup proxy.corp.invalid on 10.0.0.53:53: no such host\n',
  'go: example.invalid/hello@v1.0.0: Get "http://127.0.0.1:1/example.invalid/hello/@v/v1.0.0.info": dial tcp 127.0.0.1:1: connect: connection refused\n',
  'go: example.invalid/hello@v1.0.0: module lookup disabled by GOPROXY=off\n',
];

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

/**
 * A deterministic source of log text: each call returns the next chunk (one or more whole lines, each
 * ending in `\n`) and whether it was a failure block.
 */
export function createLineSource(options: LogOptions = {}): () => { text: string; failure: boolean } {
  const random = seededRandom(options.seed ?? 20240501);
  const failures = options.failures ?? [];
  const every = options.failureEveryBytes ?? 64 * 1024;
  let sinceFailure = Math.floor(every / 2);
  let clock = Date.UTC(2024, 4, 1, 12, 0, 0);
  let timestamps = false;

  const modulePath = (): string => `github.com/${pick(random, ORGS)}/${pick(random, REPOS)}`;
  const version = (): string => `v${Math.floor(random() * 3)}.${Math.floor(random() * 20)}.${Math.floor(random() * 10)}`;
  const ident = (): string => pick(random, IDENTS);
  const n = (max: number): number => Math.floor(random() * max);

  const ordinary = (): string => {
    const pkg = pick(random, PKGS);
    const file = pick(random, FILES);
    switch (n(16)) {
      case 0:
      case 1:
      case 2:
        return `go: downloading ${modulePath()} ${version()}`;
      case 3:
        return `go: finding module for package ${modulePath()}/${pkg}`;
      case 4:
        return `go: found ${modulePath()}/${pkg} in ${modulePath()} ${version()}`;
      case 5:
        return `# github.com/acme/app/${pkg}`;
      case 6:
        return `${pkg}/${file}.go:${n(400) + 1}:${n(40) + 1}: undefined: ${ident()}`;
      case 7:
        return `${pkg}/${file}.go:${n(400) + 1}:${n(40) + 1}: cannot use v (variable of type int) as string value in argument to ${ident()}`;
      case 8:
        return `=== RUN   Test${ident()}${n(50)}`;
      case 9:
        return `--- PASS: Test${ident()}${n(50)} (0.${String(n(100)).padStart(2, '0')}s)`;
      case 10:
        return `ok  \tgithub.com/acme/app/${pkg}\t${n(3)}.${String(n(1000)).padStart(3, '0')}s\tcoverage: ${n(100)}.${n(10)}% of statements`;
      case 11:
        return `?   \tgithub.com/acme/app/${pkg}\t[no test files]`;
      case 12:
        // Test output that mentions network trouble without being a download failure.
        return n(4) === 0 ? `    ${file}_test.go:${n(300) + 1}: retrying after error: connection reset by peer` : `    ${file}_test.go:${n(300) + 1}: got ${n(100)}, want ${n(100)}`;
      case 13:
        return n(3) === 0 ? `--- FAIL: Test${ident()}${n(50)} (0.${String(n(100)).padStart(2, '0')}s)` : 'PASS';
      case 14:
        return `Step ${n(12) + 1}/12 : RUN go build -trimpath -o /out/server ./cmd/server`;
      default:
        return `go build -o bin/${file} ./cmd/${file}`;
    }
  };

  return () => {
    let text: string;
    let failure = false;
    if (failures.length > 0 && sinceFailure >= every) {
      text = pick(random, failures);
      failure = true;
      sinceFailure = 0;
    } else {
      // Some CI logs put a timestamp before every line; switch that on and off in stretches.
      if (n(2000) === 0) timestamps = !timestamps;
      text = ordinary() + '\n';
    }
    if (timestamps) {
      clock += n(900);
      const stamp = new Date(clock).toISOString().replace('Z', '0000Z');
      text = text.replace(/^(?=.)/gm, `${stamp} `);
    }
    if (!failure) sinceFailure += text.length;
    return { text, failure };
  };
}

/** Writes about `size` bytes of log to `file` (it stops after the line that reaches the size). */
export async function writeLog(file: string, size: number, options: LogOptions = {}): Promise<LogStats> {
  const next = createLineSource(options);
  const out = createWriteStream(file);
  const stats: LogStats = { bytes: 0, lines: 0, failureBlocks: 0 };
  const CHUNK = 1024 * 1024;
  try {
    while (stats.bytes < size) {
      let chunk = '';
      let chunkBytes = 0;
      while (chunkBytes < CHUNK && stats.bytes + chunkBytes < size) {
        const piece = next();
        chunk += piece.text;
        chunkBytes += Buffer.byteLength(piece.text);
        if (piece.failure) stats.failureBlocks++;
      }
      const buffer = Buffer.from(chunk, 'utf8');
      stats.bytes += buffer.length;
      for (let i = 0; i < buffer.length; i++) if (buffer[i] === 0x0a) stats.lines++;
      if (!out.write(buffer)) await once(out, 'drain');
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return stats;
}
