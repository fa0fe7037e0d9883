import type { Command } from 'commander';
import type { CliContext } from './context.js';
import { DoctorError } from '../errors.js';

export function registerRouteCommand(program: Command, _context: CliContext): void {
  program
    .command('route')
    .description('(not built yet)')
    .action(() => {
      throw new DoctorError('internal', 'route is not built yet');
    });
}
