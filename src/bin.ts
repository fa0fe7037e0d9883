/** Process entry: real I/O in, exit code out. Nothing else lives here. */
import { createNodeIo } from './io.js';
import { main } from './cli/main.js';

const code = await main(process.argv.slice(2), createNodeIo());
process.exitCode = code;
