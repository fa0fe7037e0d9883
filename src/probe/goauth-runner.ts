/**
 * The edge that runs GOAUTH programs (`git credential fill`, the user's command) and stats the
 * `git <dir>` directory for {@link createGoAuthSession}. Programs get the given environment (the
 * user's), plus GIT_TERMINAL_PROMPT=0 and no terminal on standard input, so nothing ever prompts:
 * where go would ask on the terminal, the session sees a failed program. Output is returned to be
 * parsed and is capped; it is never printed.
 */
import { stat } from 'node:fs/promises';
import type { GoAuthProgram, GoAuthProgramResult, GoAuthRunner, GoAuthStat } from './goauth.js';

/** Output kept from one program (credential helpers print a few lines). */
const MAX_OUTPUT_BYTES = 256 * 1024;

function errnoCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** A runner for the real system: execa, bounded by the program's timeout and an output cap. */
export function createGoAuthRunner(env: Readonly<Record<string, string | undefined>>): GoAuthRunner {
  return async (program: GoAuthProgram): Promise<GoAuthProgramResult> => {
    const { execa } = await import('execa');
    const childEnv: Record<string, string> = {};
    for (const [key, value] of Object.entries(env)) if (value !== undefined) childEnv[key] = value;
    childEnv.GIT_TERMINAL_PROMPT = '0';
    const result = await execa(program.file, program.args, {
      env: childEnv,
      extendEnv: false,
      cwd: program.cwd,
      input: program.stdin,
      timeout: program.timeoutMs,
      maxBuffer: MAX_OUTPUT_BYTES,
      all: program.combineStderr,
      reject: false,
      stripFinalNewline: false,
    });
    const output = program.combineStderr ? String(result.all ?? '') : String(result.stdout ?? '');
    if (result.timedOut) return { stdout: output, timedOut: true };
    if (result.failed && result.exitCode === undefined) {
      const code = errnoCode(result.cause);
      return code !== undefined ? { stdout: '', timedOut: false, spawnError: code } : { stdout: output, timedOut: false };
    }
    return { exitCode: result.exitCode ?? 1, stdout: output, timedOut: false };
  };
}

/** os.Stat as `GOAUTH=git <dir>` needs it, with Go's wording for failures (`stat <dir>: no such file or directory`). */
export const statForGoAuth: GoAuthStat = async (dir) => {
  try {
    const info = await stat(dir);
    return { kind: info.isDirectory() ? 'directory' : 'other' };
  } catch (error) {
    const code = errnoCode(error);
    const text =
      code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : code === 'ENOTDIR' ? 'not a directory' : (code ?? 'stat failed');
    return { error: `stat ${dir}: ${text}` };
  }
};
