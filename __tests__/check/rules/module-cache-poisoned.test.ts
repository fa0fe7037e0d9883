/**
 * module-cache-poisoned: the judgement of cached .info/.mod/.zip files from bounded samples, the reader
 * that takes those samples from disk (regular files only, bounded), and the rule's findings and fixes.
 * The real go poisoning its own cache is in ../module-cache.test.ts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { damagedFiles, declaresModule, judgeCachedFile, quotedPrefix, SHOWN_PREFIX_BYTES, type CachedFileSample, type CachedVersion } from '../../../src/check/module-cache.js';
import { cacheStem, readFileEnds, readModuleCache, type FileEndsReader } from '../../../src/check/module-cache-read.js';
import { moduleCachePoisoned } from '../../../src/check/rules/module-cache-poisoned.js';
import { moduleZip } from '../../helpers/module-zip.js';
import { detect, oneFinding, syntheticInput } from './support.js';

const PAGE = '<!DOCTYPE html>\n<html><head><title>Sign in - Network Access</title></head>\n<body><form action="/login"></form></body></html>\n';
const HELLO = { path: 'example.com/hello', version: 'v1.0.0', source: 'go.mod' as const };

function sample(kind: CachedFileSample['kind'], bytes: Buffer | string, options: { head?: number; tail?: number } = {}): CachedFileSample {
  const all = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  const head = all.subarray(0, options.head ?? all.length);
  const tail = options.tail !== undefined ? all.subarray(Math.max(0, all.length - options.tail)) : undefined;
  return { kind, path: `/c/v1.0.0.${kind}`, size: all.length, head, ...(tail !== undefined ? { tail } : {}) };
}

describe('judging cached files', () => {
  test('a go.mod declares its module in any of the forms the modfile parser accepts', () => {
    for (const text of ['module example.com/x\n', '// header\n\nmodule example.com/x // trailing\n', 'go 1.21\n\nrequire (\n\tx.org/y v1.0.0\n)\nmodule "example.com/x"\n', 'module (\n\texample.com/x\n)\n', ' \tmodule\texample.com/x\r\n']) {
      expect([text, declaresModule(text)]).toEqual([text, true]);
    }
    for (const text of [PAGE, '', 'module\n', '// module example.com/x\n', 'require (\n\tmodule x\n)\n', 'go 1.21\n', '{"Version":"v1.0.0"}', '\ufeffmodule example.com/x\n']) {
      expect([text, declaresModule(text)]).toEqual([text, false]);
    }
  });

  test('.mod: a page, binary bytes or an empty file are not go.mod files; a real one is', () => {
    expect(judgeCachedFile(sample('mod', PAGE))).toBe('mod-no-module-line');
    expect(judgeCachedFile(sample('mod', Buffer.from([0xff, 0xfe, 0x00, 0x01])))).toBe('mod-no-module-line');
    expect(judgeCachedFile(sample('mod', ''))).toBe('mod-no-module-line');
    expect(judgeCachedFile(sample('mod', 'module example.com/hello\n\ngo 1.21\n'))).toBeUndefined();
    // Only the start of a large file was read: a module line there decides, markup decides, anything else is left alone.
    const long = `// ${'x'.repeat(100)}\n`.repeat(50);
    expect(judgeCachedFile(sample('mod', `${long}module example.com/hello\n`, { head: 200 }))).toBeUndefined();
    expect(judgeCachedFile(sample('mod', `module example.com/hello\n${long}`, { head: 200 }))).toBeUndefined();
    expect(judgeCachedFile(sample('mod', `${PAGE}${long}`, { head: 200 }))).toBe('mod-no-module-line');
  });

  test('.info: JSON with a Version is usable; a page, JSON without Version or a non-object is not', () => {
    expect(judgeCachedFile(sample('info', '{"Version":"v1.0.0","Time":"2020-01-01T00:00:00Z"}\n'))).toBeUndefined();
    for (const text of [PAGE, '{"Time":"2020-01-01T00:00:00Z"}', '{"Version":""}', '["v1.0.0"]', 'null', '{"Version":"v1.0.0"']) {
      expect([text, judgeCachedFile(sample('info', text))]).toEqual([text, 'info-not-json']);
    }
  });

  test('.zip: a real archive and an empty one pass; a page or a cut-off archive does not, as archive/zip decides', () => {
    const zip = moduleZip({ path: 'example.com/hello', version: 'v1.0.0', files: { 'a.go': 'package a\n' } });
    const empty = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);
    expect(judgeCachedFile(sample('zip', zip, { head: 4, tail: 65 * 1024 }))).toBeUndefined();
    expect(judgeCachedFile(sample('zip', empty, { head: 4, tail: 65 * 1024 }))).toBeUndefined();
    expect(judgeCachedFile(sample('zip', PAGE, { head: 4, tail: 65 * 1024 }))).toBe('zip-no-signature');
    expect(judgeCachedFile(sample('zip', zip.subarray(0, zip.length - 10), { head: 4, tail: 65 * 1024 }))).toBe('zip-no-end-record');
    // Bytes before the first entry are allowed by archive/zip (only the end record is required).
    expect(judgeCachedFile(sample('zip', Buffer.concat([Buffer.from('#!/bin/sh\n'), zip]), { head: 4, tail: 65 * 1024 }))).toBeUndefined();
    // Without the tail, the start decides.
    expect(judgeCachedFile(sample('zip', PAGE, { head: 4 }))).toBe('zip-no-signature');
  });

  test('what is shown of a file is a short prefix, escaped: control, invisible and invalid bytes never pass through', () => {
    const shown = quotedPrefix(Buffer.from(`\u001b[31m\u202e<html>${'A'.repeat(200)}`), 300);
    expect(shown).not.toMatch(/[\u0000-\u001f\u007f\u202e]/);
    expect(shown).toContain('\\x1b');
    expect(shown).toContain('\\u202e');
    expect(shown.endsWith('…')).toBe(true);
    expect(shown.length).toBeLessThan(SHOWN_PREFIX_BYTES * 2);
    expect(quotedPrefix(Buffer.from([0x50, 0x4b, 0xff, 0x00]), 4)).toBe('"PK\\xff\\x00"');
    // A character cut by the prefix's end is left out, not shown as invalid bytes.
    expect(quotedPrefix(Buffer.from(`${'a'.repeat(SHOWN_PREFIX_BYTES - 1)}é`), 100)).toBe(`"${'a'.repeat(SHOWN_PREFIX_BYTES - 1)}"…`);
  });
});

describe('reading cached files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'gpd-modcache-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('the files are looked for where go keeps them (case-escaped path and version); uncachable names are skipped', () => {
    expect(cacheStem('/m', 'github.com/BurntSushi/toml', 'v1.0.0-RC1', 'linux')).toBe('/m/cache/download/github.com/!burnt!sushi/toml/@v/v1.0.0-!r!c1');
    expect(cacheStem('/m', 'example.com/x', 'v1.2', 'linux')).toBeUndefined();
    expect(cacheStem('/m', 'golang.org/toolchain', 'v0.0.1-go1.25.0.linux-amd64', 'linux')).toBeUndefined();
  });

  test('reads only the head and tail asked for, and refuses a FIFO without blocking', async () => {
    const big = path.join(dir, 'big');
    writeFileSync(big, Buffer.concat([Buffer.from('HEAD'), Buffer.alloc(1024 * 1024, 0x41), Buffer.from('TAIL')]));
    const ends = await readFileEnds(big, 4, 4);
    expect(ends).toMatchObject({ ok: true, size: 1024 * 1024 + 8 });
    if (!ends.ok) throw new Error('unreachable');
    expect(Buffer.from(ends.head).toString()).toBe('HEAD');
    expect(Buffer.from(ends.tail ?? []).toString()).toBe('TAIL');
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(await readFileEnds(fifo, 4, 4)).toMatchObject({ ok: false, code: 'ENOTREG' });
  });

  test('collects the existing files of each checked version, asking for bounded amounts only', async () => {
    const stem = cacheStem(dir, 'example.com/hello', 'v1.0.0', 'linux') as string;
    mkdirSync(path.dirname(stem), { recursive: true });
    writeFileSync(`${stem}.mod`, PAGE);
    const asked: Array<[string, number, number]> = [];
    const read: FileEndsReader = (file, head, tail) => {
      asked.push([path.basename(file), head, tail]);
      return readFileEnds(file, head, tail);
    };
    const cached = await readModuleCache(dir, [HELLO, HELLO, { path: 'example.com/absent', version: 'v1.0.0', source: 'go.mod' }, { path: 'example.com/nov', source: 'flag' }], { platform: 'linux', read });
    expect(cached).toHaveLength(1);
    expect(cached[0]?.files.map((f) => f.kind)).toEqual(['mod']);
    expect(asked.every(([, head, tail]) => head + tail <= 256 * 1024 + 65 * 1024)).toBe(true);
    expect(asked.filter(([name]) => name.startsWith('v1.0.0.'))).toHaveLength(6);
  });
});

describe('module-cache-poisoned', () => {
  const stem = '/home/u/go/pkg/mod/cache/download/example.com/hello/@v/v1.0.0';
  const cached = (files: CachedFileSample[]): CachedVersion[] => [{ module: 'example.com/hello', version: 'v1.0.0', gomodcache: '/home/u/go/pkg/mod', files: files.map((f) => ({ ...f, path: `${stem}.${f.kind}` })) }];

  test('a page kept as the .mod: an error naming the file, what it starts with, and the one version to delete', () => {
    const input = syntheticInput('go1.23.5', { GOSUMDB: 'off' }, { canaries: [HELLO], moduleCache: cached([sample('mod', PAGE), sample('info', '{"Version":"v1.0.0"}')]) });
    const f = oneFinding(moduleCachePoisoned, input);
    expect(f).toMatchObject({ id: 'proxy-server-error', rule: 'module-cache-poisoned', severity: 'error', group: 'proxy', modules: ['example.com/hello@v1.0.0'] });
    expect(f.evidence).toHaveLength(1);
    expect(f.evidence[0]).toContain(`${stem}.mod`);
    expect(f.evidence[0]).toContain('"<!DOCTYPE html>\\n<html><head><tit"…');
    expect(f.fixes[0]).toMatchObject({ id: 'remove-cached-version', command: `rm -f ${stem}.* && go mod download example.com/hello@v1.0.0` });
    expect(f.fixes.map((x) => x.id)).toEqual(expect.arrayContaining(['clean-modcache', 'keep-verification']));
    expect(f.fixes.find((x) => x.id === 'keep-verification')?.text).toContain('GOSUMDB=off');
  });

  test('a zip that is a page: an error with the zip error go would print, labelled as a prediction', () => {
    const input = syntheticInput('go1.23.5', { GONOSUMDB: 'example.com' }, { moduleCache: cached([sample('zip', PAGE, { head: 4, tail: 65 * 1024 })]) });
    const f = oneFinding(moduleCachePoisoned, input);
    expect(f.severity).toBe('error');
    expect(f.evidence[0]).toContain(`${stem}.zip starts with "<!DO"…`);
    expect(f.evidence[1]).toMatch(/^go would report: example\.com\/hello@v1\.0\.0: zip: not a valid zip file$/);
    expect(f.fixes.find((x) => x.id === 'keep-verification')?.text).toContain('GONOSUMDB=example.com');
  });

  test('only the .info is damaged: a warning, since go fetches the .info again when it can', () => {
    const f = oneFinding(moduleCachePoisoned, syntheticInput('go1.23.5', {}, { moduleCache: cached([sample('info', PAGE), sample('mod', 'module example.com/hello\n')]) }));
    expect(f.severity).toBe('warning');
    expect(f.fixes.some((x) => x.id === 'keep-verification')).toBe(false);
  });

  test('healthy cached files, or none, give no finding; a path with spaces is quoted in the command', () => {
    const zip = moduleZip({ path: 'example.com/hello', version: 'v1.0.0' });
    expect(detect(moduleCachePoisoned, syntheticInput('go1.23.5', {}, { moduleCache: cached([sample('info', '{"Version":"v1.0.0"}'), sample('mod', 'module example.com/hello\n'), sample('zip', zip, { head: 4, tail: 65 * 1024 })]) }))).toEqual([]);
    expect(detect(moduleCachePoisoned, syntheticInput('go1.23.5', {}))).toEqual([]);
    const spaced: CachedVersion[] = [{ module: 'example.com/Hello', version: 'v1.0.0-RC1', gomodcache: "/home/o'neil/go mod", files: [{ ...sample('mod', PAGE), path: 'x' }] }];
    const f = oneFinding(moduleCachePoisoned, syntheticInput('go1.23.5', {}, { moduleCache: spaced }));
    expect(f.fixes[0]?.command).toBe(`rm -f '/home/o'\\''neil/go mod/cache/download/example.com/!hello/@v/v1.0.0-!r!c1'.* && go mod download example.com/Hello@v1.0.0-RC1`);
    expect(damagedFiles(spaced[0] as CachedVersion)).toHaveLength(1);
  });
});
