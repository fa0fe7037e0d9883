import type { Command } from 'commander';
import type { CliContext } from './context.js';
import { DoctorError } from '../errors.js';

export function registerEnvCommand(program: Command, _context: CliContext): void {
  program
    .command('env')
    .description('(not built yet)')
    .action(() => {
      throw new DoctorError('internal', 'env is not built yet');
    });
}
