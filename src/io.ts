/**
 * The I/O seam. Everything that touches the process, the file system or child processes
 * arrives through an `Io` object, so the core stays pure and tests pass buffers and
 * fake environments instead of mocking modules.
 */
import { FILE_LIMITS, readBoundedTextFile } from './bounded-file.js';
import { fstatSync, writeSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import os from 'node:os';
import { isErrnoException } from './errors.js';

/** The outcome of running a child process to completion. */
export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  /** The complete environment of the child (not merged with ours). */
  env?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
  timeoutMs?: number;
}

/**
 * Runs a program and waits for it. Resolves with its exit code and output whatever the code;
 * rejects with an ENOENT `ErrnoException` when the program does not exist.
 */
export type Exec = (file: string, args: readonly string[], options?: ExecOptions) => Promise<ExecResult>;

/** The result of reading a text file: its text, or the errno code that stopped us. */
export type FileRead = { ok: true; text: string } | { ok: false; code: string; message: string };

/** Somewhere text is written: stdout or stderr, or a buffer in tests. */
export interface OutputStream {
  write(text: string): void;
  readonly isTTY: boolean;
  /** Terminal width, when known. */
  readonly columns?: number;
}

/** Everything a command may touch outside its own memory. */
export interface Io {
  /** The process environment, as the user's shell set it. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly platform: NodeJS.Platform;
  readonly homedir: string;
  readonly exec: Exec;
  readTextFile(path: string): Promise<FileRead>;
  /** Appends UTF-8 text to a file, creating it if needed (GitHub's step summary). */
  appendTextFile(path: string, text: string): Promise<void>;
  readonly stdin: AsyncIterable<Uint8Array> & { readonly isTTY?: boolean };
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** Milliseconds since the epoch; injected so timings are testable. */
  now(): number;
}

/** Reads a file as UTF-8, turning errno failures into a value. */
export async function readTextFileFromDisk(path: string): Promise<FileRead> {
  // Bounded and regular files only: a FIFO, a device or a huge file named by NETRC, GOENV or a
  // go.mod must never block the tool or fill its memory.
  return readBoundedTextFile(path, FILE_LIMITS.text);
}

/** Runs a program with execa, loaded lazily so commands that never run `go` start faster. */
export const execWithExeca: Exec = async (file, args, options = {}) => {
  const { execa } = await import('execa');
  const result = await execa(file, [...args], {
    env: options.env as Record<string, string> | undefined,
    extendEnv: options.env === undefined,
    cwd: options.cwd,
    timeout: options.timeoutMs,
    reject: false,
    stripFinalNewline: false,
    stdin: 'ignore',
  });
  if (result.failed && result.exitCode === undefined) {
    const cause = result.cause;
    // Not `instanceof Error`: errors from child_process may come from another realm (Jest's VM context).
    if (isErrnoException(cause) && cause.code === 'ENOENT') throw cause;
    if (result.timedOut) return { exitCode: 124, stdout: String(result.stdout ?? ''), stderr: `timed out after ${options.timeoutMs} ms` };
    throw cause instanceof Error ? cause : new Error(result.shortMessage);
  }
  return { exitCode: result.exitCode ?? 1, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? '') };
};

/**
 * `process.stdout`, `process.stderr` and `process.stdin` are built on first use (a pipe's socket, a
 * file's stream classes), which costs Node several milliseconds each; they are touched only when a
 * command writes, asks for the terminal or reads, so `--version` and the commands that never read
 * stdin do not pay for them.
 *
 * Into a pipe, a socket or a regular file, text is written with `writeSync` on the descriptor: Node
 * writes there synchronously too, and building `process.stdout` for a pipe loads the whole net module.
 * A terminal (or any other device) gets Node's stream, which knows its width. Should the descriptor
 * not take the text at once (EAGAIN: a non-blocking pipe that is full), the rest and everything after
 * it goes through Node's stream, in order; when the reader has gone (EPIPE), Node's stream is ended
 * with that error, so its listeners learn it as they would have.
 */
function streamOf(fd: number, open: () => NodeJS.WriteStream): OutputStream {
  // A reader that goes away (`goproxy-doctor --help | head`) makes writes fail with EPIPE; that is the
  // reader's choice, not our failure, so further output is dropped instead of crashing with a trace.
  let closed = false;
  let opened: NodeJS.WriteStream | undefined;
  let direct: boolean | undefined;
  const stream = (): NodeJS.WriteStream => {
    if (opened) return opened;
    opened = open();
    opened.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
        closed = true;
        return;
      }
      throw error;
    });
    return opened;
  };
  const writesDirectly = (): boolean => {
    if (direct === undefined) {
      try {
        const stats = fstatSync(fd);
        direct = stats.isFIFO() || stats.isSocket() || stats.isFile();
      } catch {
        direct = false;
      }
    }
    return direct;
  };
  return {
    write: (text) => {
      if (closed) return;
      if (opened === undefined && writesDirectly()) {
        const bytes = Buffer.from(text, 'utf8');
        let offset = 0;
        try {
          while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
          return;
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'EPIPE') {
            closed = true;
            // Whoever listens for the reader going away on Node's stream (`run` does) hears it as if
            // Node had written: the stream ends with the same error.
            stream().destroy(error as Error);
            return;
          }
          if (code !== 'EAGAIN') throw error;
        }
        stream().write(bytes.subarray(offset));
        return;
      }
      stream().write(text);
    },
    get isTTY() {
      return writesDirectly() ? false : stream().isTTY === true;
    },
    get columns() {
      return writesDirectly() ? undefined : stream().columns;
    },
  };
}

/** `process.stdin`, opened when it is first read or asked whether it is a terminal. */
function lazyStdin(): Io['stdin'] {
  return {
    get isTTY() {
      return process.stdin.isTTY;
    },
    [Symbol.asyncIterator]: () => process.stdin[Symbol.asyncIterator](),
  };
}

/** The real process's I/O. Only `bin/` and the CLI entry point call this. */
export function createNodeIo(): Io {
  return {
    env: process.env,
    cwd: process.cwd(),
    platform: process.platform,
    homedir: os.homedir(),
    exec: execWithExeca,
    readTextFile: readTextFileFromDisk,
    appendTextFile: (path, text) => appendFile(path, text, 'utf8'),
    stdin: lazyStdin(),
    stdout: streamOf(1, () => process.stdout),
    stderr: streamOf(2, () => process.stderr),
    now: () => Date.now(),
  };
}
