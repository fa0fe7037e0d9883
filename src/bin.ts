/**
 * Process entry. `goproxy-doctor --version` on its own is answered here, from this one file: scripts,
 * package managers and CI steps run it more than anything else, and it needs neither commander nor a
 * command. Everything else loads the program (process-main.ts) and runs it.
 *
 * Node's modules are fetched with `process.getBuiltinModule`, not imported, so that the built bin.js
 * shares no module with the program and `--version` reads no other file (see scripts/build.ts).
 */
import { VERSION } from './version.js';

/** Writes the version as commander's `.version()` does (`0.1.0` and a newline, on stdout). */
function printVersion(): void {
  const text = `${VERSION}\n`;
  try {
    process.getBuiltinModule('node:fs').writeSync(1, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A reader that has gone (`--version | true`) is not our failure; a full non-blocking pipe is
    // left to Node's stream, which waits for room.
    if (code === 'EAGAIN') process.stdout.write(text);
    else if (code !== 'EPIPE') throw error;
  }
}

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  printVersion();
} else {
  const { runProcess } = await import('./process-main.js');
  process.exitCode = await runProcess(argv);
}
