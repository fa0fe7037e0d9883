import { limiter, mapWithConcurrency } from '../src/concurrency.js';

const tick = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('limiter', () => {
  test('never runs more than the limit at once, and runs every task', async () => {
    const limit = limiter(3);
    let running = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limit(async () => {
          running++;
          peak = Math.max(peak, running);
          await tick(i % 4);
          running--;
          return i;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  test('a failing task frees its slot', async () => {
    const limit = limiter(1);
    await expect(limit(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limit(async () => 'next')).resolves.toBe('next');
  });
});

describe('mapWithConcurrency', () => {
  test('keeps input order whatever the completion order', async () => {
    const out = await mapWithConcurrency([30, 5, 20, 1], 2, async (ms, index) => {
      await tick(ms);
      return `${index}:${ms}`;
    });
    expect(out).toEqual(['0:30', '1:5', '2:20', '3:1']);
  });
});
