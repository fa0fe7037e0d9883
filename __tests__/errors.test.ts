/** The exit-code table is the one source of the help text, and the README documents the same codes. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExitCode, exitCodeTable } from '../src/errors.js';

const README = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../README.md'), 'utf8');

describe('exit codes', () => {
  test('the table lists every exit code once, in order', () => {
    const codes = exitCodeTable().map((row) => row.code);
    expect(codes).toEqual([...new Set(Object.values(ExitCode))].sort((a, b) => a - b));
  });

  test("the README's exit-code table documents exactly these codes", () => {
    const section = README.slice(README.indexOf('## Exit codes'), README.indexOf('\n## ', README.indexOf('## Exit codes') + 5));
    const documented = [...section.matchAll(/^\| (\d+) \|/gm)].map((m) => Number(m[1]));
    expect(documented).toEqual(exitCodeTable().map((row) => row.code));
  });
});
