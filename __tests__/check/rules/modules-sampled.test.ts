/** modules-sampled: go.mod has more requirements than `check` probes. */
import { modulesSampled } from '../../../src/check/rules/modules-sampled.js';
import type { CanaryModule } from '../../../src/check/types.js';
import { oneFinding, syntheticInput } from './support.js';

describe('modules-sampled', () => {
  const canaries: CanaryModule[] = Array.from({ length: 25 }, (_, i) => ({ path: `example.com/m${i}`, version: 'v1.0.0', source: 'go.mod' }));
  test('more requirements than were checked: a note with the count', () => {
    const f = oneFinding(modulesSampled, syntheticInput('go1.23.5', {}, { canaries, canariesOmitted: 7 }));
    expect(f).toMatchObject({ id: 'modules-sampled', severity: 'info', group: 'proxy' });
    expect(f.message).toBe('go.mod has 32 requirements; the first 25 (direct ones first) were checked.');
    expect(f.fixes[0]).toMatchObject({ id: 'check-named-module', command: 'goproxy-doctor check --module <path>@<version>' });
  });
  test('every requirement checked: nothing to say', () => {
    expect(modulesSampled.detect(syntheticInput('go1.23.5', {}, { canaries, canariesOmitted: 0 }))).toEqual([]);
  });
});
