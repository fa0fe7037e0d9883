/**
 * Loads the fixture corpus under fixtures/stderr: each file's header (`# key: value` lines) and the
 * verbatim go output after it. Shared by the fixture, cross-match and catalogue tests and the bench.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/stderr');

/** One expected diagnosis: `# expect: <scenario> key=value ...`. */
export interface Expectation {
  scenario: string;
  fields: Record<string, string>;
}

export interface Fixture {
  /** `<scenario dir>/<file name>`. */
  id: string;
  dir: string;
  file: string;
  header: Record<string, string[]>;
  expectations: Expectation[];
  /** The go output, byte for byte as stored after the header. */
  body: string;
  captured: boolean;
}

const HEADER_LINE = /^# ([a-z-]+): ?(.*?)\r?$/;

/** Splits a fixture file into header and body. The header ends at the first line that is not `# key: value`. */
export function parseFixture(dir: string, file: string, text: string): Fixture {
  const header: Record<string, string[]> = {};
  let offset = 0;
  for (;;) {
    const end = text.indexOf('\n', offset);
    const line = text.slice(offset, end < 0 ? undefined : end);
    const found = HEADER_LINE.exec(line);
    if (!found || end < 0) break;
    (header[found[1] as string] ??= []).push(found[2] as string);
    offset = end + 1;
  }
  const expectations = (header.expect ?? []).map((line): Expectation => {
    const [scenario, ...pairs] = line.trim().split(/\s+/);
    const fields: Record<string, string> = {};
    for (const pair of pairs) {
      const eq = pair.indexOf('=');
      if (eq > 0) fields[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
    return { scenario: scenario ?? '', fields };
  });
  return {
    id: `${dir}/${file}`,
    dir,
    file,
    header,
    expectations,
    body: text.slice(offset),
    captured: (header.source ?? []).some((source) => source.startsWith('captured')),
  };
}

/** Reads one fixture, e.g. `loadFixture('dns-failure/goproxy-host-go1.23.txt')`. */
export function loadFixture(id: string): Fixture {
  const [dir, file] = id.split('/') as [string, string];
  return parseFixture(dir, file, readFileSync(path.join(FIXTURE_ROOT, dir, file), 'utf8'));
}

/** Every fixture, sorted by id. */
export function loadFixtures(): Fixture[] {
  const fixtures: Fixture[] = [];
  for (const dir of readdirSync(FIXTURE_ROOT, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const file of readdirSync(path.join(FIXTURE_ROOT, dir.name))) {
      if (!file.endsWith('.txt')) continue;
      fixtures.push(loadFixture(`${dir.name}/${file}`));
    }
  }
  return fixtures.sort((a, b) => a.id.localeCompare(b.id));
}

/** Compares an extracted value with an expectation in which `PORT` stands for any port number. */
export function matchesExpected(actual: string | number | undefined, expected: string): boolean {
  if (actual === undefined) return false;
  const pattern = expected
    .split('PORT')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\d+');
  return new RegExp(`^${pattern}$`).test(String(actual));
}

/** A byte stream of the text in chunks of `size` bytes, as a pipe would deliver it. */
export async function* chunked(text: string | Uint8Array, size = 4096): AsyncGenerator<Uint8Array> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}
