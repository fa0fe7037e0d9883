/** The program as a process: real I/O in, exit code out, and Ctrl-C turned into a prompt, quiet exit. */
import { ExitCode } from './errors.js';
import { createNodeIo } from './io.js';
import { main } from './cli/main.js';
import { execInProcessGroup } from './process-group.js';

/**
 * Ctrl-C (or SIGTERM) stops at once: one line on stderr, exit 130 (143 for SIGTERM), no stack trace.
 * Exiting closes every open socket, so no probed server is left waiting on us. While `run` forwards
 * signals to its child it has its own listener, and the child's exit decides the outcome instead.
 */
function stopOnSignal(signal: NodeJS.Signals, exitCode: number): void {
  process.on(signal, () => {
    if (process.listenerCount(signal) > 1) return;
    process.stderr.write('\ngoproxy-doctor: interrupted\n');
    process.exit(exitCode);
  });
}

/** Runs one command line (the arguments after the script) and returns the process's exit code. */
export async function runProcess(argv: readonly string[]): Promise<number> {
  stopOnSignal('SIGINT', ExitCode.interrupted);
  stopOnSignal('SIGTERM', 143);
  // `go env` runs in a process group of its own, so a `--go` wrapper's leftovers cannot hold us.
  return main(argv, { ...createNodeIo(), exec: execInProcessGroup });
}
