/**
 * The real-world corpus in fixtures/realworld is data the accuracy bench and future tests rely on: its
 * format is checked here (every paste has metadata and every metadata entry a paste, ids are unique,
 * labels are catalogue ids, sources are URLs, every scenario and some negatives are present). Accuracy
 * itself is measured by bench/realworld-accuracy.ts, not asserted here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadRealworldCorpus, REALWORLD_ROOT, score, type RealworldEntry } from '../../bench/realworld-accuracy.js';
import { SCENARIO_IDS } from '../../src/scenarios/types.js';

const index = JSON.parse(readFileSync(path.join(REALWORLD_ROOT, 'index.json'), 'utf8')) as RealworldEntry[];
const pasteFiles = readdirSync(path.join(REALWORLD_ROOT, 'pastes')).sort();
const catalogue: readonly string[] = SCENARIO_IDS;
const ID = /^[a-z0-9]+(?:-[a-z0-9.]+)*$/;
const KIND = /^[a-z0-9-]+(?::[a-z0-9-]+)?$/;
// Things that must never be committed from a public paste: tokens and passwords in any common form.
const SECRETS = [
  /gh[pousr]_[A-Za-z0-9]{20,}/,
  /github_pat_[A-Za-z0-9_]{20,}/,
  /glpat-[A-Za-z0-9_-]{20,}/,
  /AKIA[0-9A-Z]{16}/,
  /https?:\/\/[^\s/:@]+:[^\s/@]+@/,
  /authorization:\s*\S+/i,
  /password\s*[:=]\s*\S+/i,
];

describe('fixtures/realworld/index.json', () => {
  test('has at least 150 entries', () => {
    expect(index.length).toBeGreaterThanOrEqual(150);
  });

  test('ids are unique and name their paste file', () => {
    const ids = index.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of index) {
      expect(entry.id).toMatch(ID);
      expect(entry.file).toBe(`pastes/${entry.id}.txt`);
    }
  });

  test('every paste has an entry and every entry a paste', () => {
    expect(pasteFiles).toEqual(index.map((entry) => `${entry.id}.txt`).sort());
  });

  test.each(index.map((entry) => [entry.id, entry] as const))('%s has complete metadata', (_id, entry) => {
    const url = new URL(entry.source);
    expect(['https:', 'http:']).toContain(url.protocol);
    expect(entry.title.trim()).not.toBe('');
    expect(Number.isInteger(entry.year)).toBe(true);
    expect(entry.year).toBeGreaterThanOrEqual(2019);
    expect(entry.year).toBeLessThanOrEqual(2026);
    if (entry.goVersion !== null) expect(entry.goVersion).toMatch(/^(?:1\.\d+(?:\.\d+)?|devel\b.*)/);
    expect(entry.rootCause.trim().length).toBeGreaterThan(20);
    expect(typeof entry.causeConfirmed).toBe('boolean');
    expect(Array.isArray(entry.expected)).toBe(true);
    for (const id of entry.expected) expect(catalogue).toContain(id);
    expect(new Set(entry.expected).size).toBe(entry.expected.length);
    expect(entry.kinds.length).toBeGreaterThan(0);
    for (const kind of entry.kinds) expect(kind).toMatch(KIND);
  });
});

describe('fixtures/realworld pastes', () => {
  const samples = loadRealworldCorpus();

  test.each(samples.map((sample) => [sample.id, sample] as const))('%s is a non-empty paste without secrets', (_id, sample) => {
    expect(sample.text.trim()).not.toBe('');
    for (const secret of SECRETS) expect(sample.text).not.toMatch(secret);
  });

  test('every catalogue scenario is the expected diagnosis of at least one paste', () => {
    const labelled = new Set(samples.flatMap((sample) => sample.expected));
    for (const id of catalogue) expect(labelled).toContain(id);
  });

  test('negative samples (nothing to diagnose) are present', () => {
    expect(samples.filter((sample) => sample.expected.length === 0).length).toBeGreaterThanOrEqual(10);
  });

  test('the pastes span 2019 to 2026', () => {
    const years = new Set(samples.map((sample) => sample.year));
    for (let year = 2019; year <= 2026; year++) expect(years).toContain(year);
  });
});

describe('accuracy scoring', () => {
  test('a negative sample is right only when nothing is diagnosed', () => {
    expect(score([], [])).toEqual({ top1: true, top2: true });
    expect(score([], ['network-blocked'])).toEqual({ top1: false, top2: false });
  });

  test('top-1 takes the first ranked id, top-2 the first two, against any of the equals', () => {
    expect(score(['dns-failure'], ['dns-failure', 'network-blocked'])).toEqual({ top1: true, top2: true });
    expect(score(['dns-failure'], ['network-blocked', 'dns-failure'])).toEqual({ top1: false, top2: true });
    expect(score(['dns-failure'], ['network-blocked', 'tls-certificate', 'dns-failure'])).toEqual({ top1: false, top2: false });
    expect(score(['module-not-found', 'auth-required'], ['auth-required'])).toEqual({ top1: true, top2: true });
    expect(score(['dns-failure'], [])).toEqual({ top1: false, top2: false });
  });
});
