/** An in-memory `Io` for tests: buffers for stdout/stderr, a fixed environment, a real or fake exec. */
import { appendFile } from 'node:fs/promises';
import type { Exec, FileRead, Io, OutputStream } from '../../src/io.js';
import { execWithExeca, readTextFileFromDisk } from '../../src/io.js';

export interface BufferStream extends OutputStream {
  text(): string;
}

export function bufferStream(isTTY = false, columns?: number): BufferStream {
  let buffer = '';
  return {
    write: (text: string) => {
      buffer += text;
    },
    isTTY,
    columns,
    text: () => buffer,
  };
}

export interface TestIo extends Io {
  stdout: BufferStream;
  stderr: BufferStream;
}

export interface TestIoOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  homedir?: string;
  exec?: Exec;
  files?: Record<string, string>;
  stdin?: string | Uint8Array;
  stdoutIsTTY?: boolean;
  stderrIsTTY?: boolean;
  now?: () => number;
}

/**
 * Builds a test Io. `files` (if given) replaces the disk; otherwise real files are read,
 * since most tests write real temporary files.
 */
export function createTestIo(options: TestIoOptions = {}): TestIo {
  const files = options.files;
  const readTextFile = files
    ? async (p: string): Promise<FileRead> =>
        p in files ? { ok: true, text: files[p] as string } : { ok: false, code: 'ENOENT', message: `open ${p}: no such file or directory` }
    : readTextFileFromDisk;
  const input = options.stdin ?? '';
  const stdinBytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  return {
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    platform: 'linux',
    homedir: options.homedir ?? '/nonexistent-home',
    exec: options.exec ?? execWithExeca,
    readTextFile,
    appendTextFile: (path: string, text: string) => appendFile(path, text, 'utf8'),
    stdin: {
      isTTY: false,
      async *[Symbol.asyncIterator]() {
        if (stdinBytes.length > 0) yield stdinBytes;
      },
    },
    stdout: bufferStream(options.stdoutIsTTY ?? false),
    stderr: bufferStream(options.stderrIsTTY ?? false),
    now: options.now ?? (() => Date.now()),
  };
}

/** What one in-process CLI run produced. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with a test Io and returns its exit code and output. */
export async function runCli(args: readonly string[], options: TestIoOptions = {}): Promise<CliRun> {
  const { main } = await import('../../src/cli/main.js');
  const io = createTestIo(options);
  const code = await main(args, io);
  return { code, stdout: io.stdout.text(), stderr: io.stderr.text() };
}
