import type { Command } from 'commander';
import type { CliContext } from './context.js';
import { DoctorError } from '../errors.js';

export function registerExplainCommand(program: Command, _context: CliContext): void {
  program
    .command('explain')
    .description('(not built yet)')
    .action(() => {
      throw new DoctorError('internal', 'explain is not built yet');
    });
}
