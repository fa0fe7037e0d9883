/** gomod-unreadable: go.mod exists but could not be read. */
import { gomodUnreadable } from '../../../src/check/rules/gomod-unreadable.js';
import { oneFinding, syntheticInput } from './support.js';

describe('gomod-unreadable', () => {
  test('an unreadable go.mod is a warning that points at --module', () => {
    const f = oneFinding(gomodUnreadable, syntheticInput('go1.23.5', {}, { goModError: 'EACCES' }));
    expect(f.message).toBe('go.mod could not be read (EACCES): its requirements were not checked.');
    expect(f.fixes[0]).toMatchObject({ id: 'check-named-module', command: 'goproxy-doctor check --module example.com/mod@v1.2.3' });
    expect(gomodUnreadable.detect(syntheticInput('go1.23.5', {}))).toEqual([]);
  });
});
