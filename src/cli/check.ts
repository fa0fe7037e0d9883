import type { Command } from 'commander';
import type { CliContext } from './context.js';
import { DoctorError } from '../errors.js';

export function registerCheckCommand(program: Command, _context: CliContext): void {
  program
    .command('check')
    .description('(not built yet)')
    .action(() => {
      throw new DoctorError('internal', 'check is not built yet');
    });
}
