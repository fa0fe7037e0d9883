/**
 * Asserting that something was cut off at a deadline, on a machine that may be loaded.
 *
 * The servers these tests start hang for good, so without the cut-off the run would last until the
 * test's own timeout (tens of seconds). Any bound far below that tells a cut-off from a hang, while
 * timer and scheduling delays on a busy machine (CI runs go and node side by side on two cores) cannot
 * turn a working cut-off red. How quickly the tool answers is measured by `npm run bench`, not here.
 */
import { expect } from '@jest/globals';

/** How late, at most, a cut-off may land after its deadline and still count as one. */
export const CUT_OFF_SLACK_MS = 5_000;

/** `elapsedMs` ended at `deadlineMs` (not before it, and not the hang it stopped). */
export function expectCutOffAt(elapsedMs: number, deadlineMs: number): void {
  expect(elapsedMs).toBeGreaterThanOrEqual(deadlineMs - 50);
  expect(elapsedMs).toBeLessThan(deadlineMs + CUT_OFF_SLACK_MS);
}

/** `elapsedMs` ended well before a hang would have (for work with no deadline of its own, such as a signal). */
export function expectNoHang(elapsedMs: number): void {
  expect(elapsedMs).toBeLessThan(CUT_OFF_SLACK_MS);
}
