/**
 * The pure half of `mirrors`: semantic-version order (x/mod semver), the ranking rules, the recommended
 * GOPROXY, and reading --add URLs and --list files as go reads GOPROXY entries. The measured half runs
 * against loopback servers in __tests__/cli/mirrors.test.ts.
 */
import { candidateFor, mirrorUrl, parseMirrorList } from '../../src/mirrors/candidates.js';
import { median, type MirrorMeasurement } from '../../src/mirrors/measure.js';
import { compareSemver, rankMirrors, recommendGoproxy } from '../../src/mirrors/rank.js';

const measured = (url: string, over: Partial<MirrorMeasurement> = {}): MirrorMeasurement => ({
  candidate: candidateFor(url, 'list'),
  versions: {},
  available: true,
  requests: [],
  ...over,
});

describe('semantic versions', () => {
  test('the precedence order of the semver specification, and go\'s shorthands', () => {
    const ordered = ['v0.9.0', 'v1.0.0-alpha', 'v1.0.0-alpha.1', 'v1.0.0-alpha.beta', 'v1.0.0-beta', 'v1.0.0-beta.2', 'v1.0.0-beta.11', 'v1.0.0-rc.1', 'v1.0.0', 'v1.0.1', 'v1.2', 'v1.10.0', 'v2.0.0+incompatible'];
    const shuffled = [...ordered].reverse();
    expect(shuffled.sort(compareSemver)).toEqual(ordered);
    expect(compareSemver('v1.2', 'v1.2.0')).toBe(0);
    expect(compareSemver('v1.0.0+build', 'v1.0.0')).toBe(0);
    expect(compareSemver('not-a-version', 'v0.0.1')).toBeLessThan(0);
  });

  test('median of an odd and an even count, and of nothing', () => {
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 20, 30])).toBe(25);
    expect(median([])).toBeUndefined();
  });
});

describe('ranking', () => {
  test('unavailable last, behind before it, then no checksum-database proxying, then latency; ties keep list order', () => {
    const ranked = rankMirrors(
      [
        measured('https://down.example', { available: false, error: 'connection refused' }),
        measured('https://old.example', { versions: { 'x.example/m': 'v1.0.0' }, latencyMs: 5, sumdb: { proxied: true } }),
        measured('https://nosum.example', { versions: { 'x.example/m': 'v1.1.0' }, latencyMs: 5, sumdb: { proxied: false, status: 404 } }),
        measured('https://slow.example', { versions: { 'x.example/m': 'v1.1.0' }, latencyMs: 300, sumdb: { proxied: true } }),
        measured('https://fast.example', { versions: { 'x.example/m': 'v1.1.0' }, latencyMs: 20, sumdb: { proxied: true } }),
        measured('https://fast2.example', { versions: { 'x.example/m': 'v1.1.0' }, latencyMs: 20, sumdb: { proxied: true } }),
      ],
      true,
    );
    expect(ranked.map((m) => [m.rank, m.candidate.url])).toEqual([
      [1, 'https://fast.example'],
      [2, 'https://fast2.example'],
      [3, 'https://slow.example'],
      [4, 'https://nosum.example'],
      [5, 'https://old.example'],
      [6, 'https://down.example'],
    ]);
    expect(ranked[4]?.behind).toEqual([{ module: 'x.example/m', version: 'v1.0.0', newest: 'v1.1.0' }]);
    expect(ranked[5]?.behind).toEqual([]);
  });

  test('when go never asks GOPROXY for the database, proxying it does not count', () => {
    const ranked = rankMirrors([measured('https://a.example', { latencyMs: 50, sumdb: { proxied: true } }), measured('https://b.example', { latencyMs: 10 })], false);
    expect(ranked.map((m) => m.candidate.url)).toEqual(['https://b.example', 'https://a.example']);
  });

  test('the recommendation: the two best current mirrors with "|", direct only when GOPROXY has it, none when nothing qualifies', () => {
    const ranked = rankMirrors([measured('https://a.example', { latencyMs: 1 }), measured('https://b.example', { latencyMs: 2 }), measured('https://c.example', { latencyMs: 3 })], false);
    expect(recommendGoproxy(ranked, true)?.value).toBe('https://a.example|https://b.example,direct');
    expect(recommendGoproxy(ranked, false)?.value).toBe('https://a.example|https://b.example');
    expect(recommendGoproxy(rankMirrors([measured('https://x.example', { available: false })], false), true)).toBeUndefined();
  });
});

describe('mirror URLs and list files', () => {
  test('entries are read as GOPROXY entries: a bare host gets https://, keywords and other schemes are refused in go\'s words', () => {
    expect(mirrorUrl('goproxy.cn')).toEqual({ ok: true, url: 'https://goproxy.cn' });
    expect(mirrorUrl('file:///srv/goproxy')).toEqual({ ok: true, url: 'file:///srv/goproxy' });
    expect(mirrorUrl('ftp://x.example')).toEqual({ ok: false, error: 'invalid proxy URL scheme (must be https, http, file): ftp://x.example' });
    expect(mirrorUrl('off').ok).toBe(false);
  });

  test('a known host keeps its id and facts; a list entry may name itself', () => {
    expect(candidateFor('https://goproxy.cn/', 'added')).toMatchObject({ id: 'goproxy.cn', known: { operator: 'Qiniu Cloud (七牛云)' } });
    const parsed = parseMirrorList(JSON.stringify({ mirrors: ['goproxy.io', { url: 'http://127.0.0.1:1', id: 'local' }], modules: ['example.com/m'] }));
    expect(parsed.ok && parsed.list.candidates.map((c) => [c.id, c.url, c.source])).toEqual([
      ['goproxy.io', 'https://goproxy.io', 'list'],
      ['local', 'http://127.0.0.1:1', 'list'],
    ]);
  });

  test.each([
    ['not json', /^not JSON/],
    ['{"mirrors": []}', /at least one mirror/],
    ['{"mirrors": [{"url": "direct"}]}', /^mirrors\[0\]: "direct" is not a proxy URL$/],
    ['{"mirrors": ["https://a.example"], "modules": ["Not A Path"]}', /"modules" must be a list of module paths/],
  ])('%s is refused', (text, error) => {
    const parsed = parseMirrorList(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(error);
  });
});
