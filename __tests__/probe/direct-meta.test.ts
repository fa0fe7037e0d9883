/**
 * go-import tag parsing and matching (src/probe/direct/meta.ts) against the rules of
 * go1.26 src/cmd/go/internal/vcs/discovery.go and vcs.go matchGoImport. The same pages are served to
 * the real go in direct-vs-go.test.ts.
 */
import { matchGoImport, parseMetaGoImports, type MetaImport } from '../../src/probe/direct/meta.js';

const page = (head: string, body = ''): Buffer => Buffer.from(`<!DOCTYPE html>\n<html><head>\n${head}\n</head><body>${body}</body></html>\n`);
const tag = (content: string): string => `<meta name="go-import" content="${content}">`;

describe('parseMetaGoImports', () => {
  test('reads prefix, vcs and repository root', () => {
    const result = parseMetaGoImports(page(tag('example.com/a git https://code.example/a')), 'go1.23');
    expect(result).toEqual({ imports: [{ prefix: 'example.com/a', vcs: 'git', repoRoot: 'https://code.example/a', subDir: '' }] });
  });

  test('a fourth field (subdirectory) counts from Go 1.25 on; before, the tag is ignored', () => {
    const html = page(tag('example.com/a git https://code.example/mono sub/dir'));
    expect(parseMetaGoImports(html, 'go1.24.3').imports).toEqual([]);
    expect(parseMetaGoImports(html, 'go1.23').imports).toEqual([]);
    expect(parseMetaGoImports(html, 'go1.25.0').imports).toEqual([{ prefix: 'example.com/a', vcs: 'git', repoRoot: 'https://code.example/mono', subDir: 'sub/dir' }]);
    expect(parseMetaGoImports(html, 'go1.26.8').imports[0]?.subDir).toBe('sub/dir');
  });

  test('tags with two or five fields are skipped, not errors', () => {
    const html = page([tag('example.com/a git'), tag('example.com/a git https://x/a b c'), tag('example.com/a git https://x/a')].join('\n'));
    expect(parseMetaGoImports(html, 'go1.26').imports.map((m) => m.repoRoot)).toEqual(['https://x/a']);
  });

  test('mod entries come first and hide VCS entries with the same prefix', () => {
    const html = page([tag('example.com/a git https://x/a'), tag('example.com/b git https://x/b'), tag('example.com/a mod https://proxy.example')].join('\n'));
    const prefer = parseMetaGoImports(html, 'go1.23', 'prefer-mod').imports;
    expect(prefer.map((m: MetaImport) => `${m.prefix} ${m.vcs}`)).toEqual(['example.com/a mod', 'example.com/b git']);
    const ignore = parseMetaGoImports(html, 'go1.23', 'ignore-mod').imports;
    expect(ignore.map((m: MetaImport) => `${m.prefix} ${m.vcs}`)).toEqual(['example.com/a git', 'example.com/b git']);
  });

  test('parsing ends at <body> or </head>', () => {
    const inBody = Buffer.from(`<html><head></head><body>${tag('example.com/a git https://x/a')}</body></html>`);
    expect(parseMetaGoImports(inBody, 'go1.23').imports).toEqual([]);
    const afterHead = Buffer.from(`<html><head><title>t</title></head>${tag('example.com/a git https://x/a')}`);
    expect(parseMetaGoImports(afterHead, 'go1.23').imports).toEqual([]);
    const noHead = Buffer.from(tag('example.com/a git https://x/a'));
    expect(parseMetaGoImports(noHead, 'go1.23').imports).toHaveLength(1);
  });

  test('HTML leniency of the non-strict decoder: case, unquoted values, bare attributes, entities, whitespace', () => {
    const html = Buffer.from(
      '<HTML><HEAD><META NAME=go-import CONTENT="example.com/a\n\tgit   https://x/a?b=1&amp;c=2" data-flag>\n<meta name="GO-IMPORT" content="example.com/b git https://x/b"></HEAD>',
    );
    // The name attribute's value is compared exactly: GO-IMPORT is not go-import.
    expect(parseMetaGoImports(html, 'go1.23').imports).toEqual([{ prefix: 'example.com/a', vcs: 'git', repoRoot: 'https://x/a?b=1&c=2', subDir: '' }]);
  });

  test('comments, CDATA, processing instructions and the doctype are skipped, tags inside them too', () => {
    const html = Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE html PUBLIC "-//x" "<x>"><html><head><!-- ${tag('example.com/c git https://x/c')} --><![CDATA[ ${tag('example.com/d git https://x/d')} ]]>${tag('example.com/a git https://x/a')}</head>`,
    );
    expect(parseMetaGoImports(html, 'go1.23').imports.map((m) => m.prefix)).toEqual(['example.com/a']);
  });

  test('a syntax error before any tag is reported with its line, as encoding/xml words it', () => {
    const html = Buffer.from('<html>\n<head>\n<script>if (a < b) {}</script>\n' + tag('example.com/a git https://x/a') + '</head>');
    expect(parseMetaGoImports(html, 'go1.23')).toEqual({ imports: [], error: 'XML syntax error on line 3: expected element name after <' });
  });

  test('a syntax error after a tag was found is ignored', () => {
    const html = Buffer.from(`<html><head>${tag('example.com/a git https://x/a')}\n<script>if (a < b) {}</script></head>`);
    expect(parseMetaGoImports(html, 'go1.23')).toEqual({ imports: [{ prefix: 'example.com/a', vcs: 'git', repoRoot: 'https://x/a', subDir: '' }] });
  });

  test('a declared charset other than UTF-8 or ASCII is refused by cmd/go\'s charset reader', () => {
    const latin = Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?><html><head>${tag('example.com/a git https://x/a')}</head>`);
    expect(parseMetaGoImports(latin, 'go1.23').error).toBe('xml: opening charset "ISO-8859-1": can\'t decode XML document using charset "ISO-8859-1"');
    for (const enc of ['utf-8', 'UTF-8', 'ascii']) {
      const ok = Buffer.from(`<?xml version="1.0" encoding="${enc}"?><html><head>${tag('example.com/a git https://x/a')}</head>`);
      expect(parseMetaGoImports(ok, 'go1.23').imports).toHaveLength(1);
    }
  });

  test('invalid UTF-8 and illegal characters in text are errors; unknown entities are kept', () => {
    const bad = Buffer.concat([Buffer.from('<html><head><title>'), Buffer.from([0xff, 0xfe]), Buffer.from('</title></head>')]);
    expect(parseMetaGoImports(bad, 'go1.23').error).toBe('XML syntax error on line 1: invalid UTF-8');
    const control = Buffer.from('<html><head><title>a\u0001b</title></head>');
    expect(parseMetaGoImports(control, 'go1.23').error).toBe('XML syntax error on line 1: illegal character code U+0001');
    const entity = Buffer.from(`<html><head><title>&nbsp;&copy</title>${tag('example.com/a git https://x/a')}</head>`);
    expect(parseMetaGoImports(entity, 'go1.23').imports).toHaveLength(1);
  });

  test('an unterminated page after a tag keeps the tag; before any tag it is an unexpected EOF', () => {
    expect(parseMetaGoImports(Buffer.from(`<head>${tag('example.com/a git https://x/a')}<meta name="x`), 'go1.23').imports).toHaveLength(1);
    expect(parseMetaGoImports(Buffer.from('<head><meta name="x'), 'go1.23').error).toBe('XML syntax error on line 1: unexpected EOF');
  });

  test('an empty page has no tags and no error', () => {
    expect(parseMetaGoImports(Buffer.alloc(0), 'go1.23')).toEqual({ imports: [] });
  });
});

describe('matchGoImport', () => {
  const im = (prefix: string, vcs = 'git'): MetaImport => ({ prefix, vcs, repoRoot: `https://x/${prefix}`, subDir: '' });

  test('the tag whose prefix is a path prefix of the import path', () => {
    expect(matchGoImport([im('example.com/other'), im('example.com/a')], 'example.com/a/sub')).toEqual({ ok: true, match: im('example.com/a') });
  });

  test('a string prefix that is not a path prefix does not match', () => {
    const result = matchGoImport([im('example.com/ab')], 'example.com/a');
    expect(result).toEqual({ ok: false, kind: 'mismatch', mismatches: ['example.com/ab'], error: 'meta tag example.com/ab did not match import path example.com/a' });
  });

  test('no tags: an empty mismatch list, as in "no go-import meta tags ()"', () => {
    expect(matchGoImport([], 'example.com/a')).toEqual({ ok: false, kind: 'mismatch', mismatches: [], error: '' });
  });

  test('two matching VCS tags are an error', () => {
    expect(matchGoImport([im('example.com/a'), im('example.com/a/b')], 'example.com/a/b/c')).toEqual({ ok: false, kind: 'multiple', error: 'multiple meta tags match import path "example.com/a/b/c"' });
  });

  test('a mod tag wins over VCS tags after it', () => {
    expect(matchGoImport([im('example.com/a', 'mod'), im('example.com/a')], 'example.com/a')).toEqual({ ok: true, match: im('example.com/a', 'mod') });
  });
});
