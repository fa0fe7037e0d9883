/**
 * The `<meta name="go-import">` tags of a `?go-get=1` page, read the way cmd/go reads them: with
 * encoding/xml in non-strict mode, token by token, stopping at `<body>` or `</head>`
 * (go1.26 src/cmd/go/internal/vcs/discovery.go:30-89). The tokenizer below re-expresses the parts of
 * encoding/xml's rawToken that such a page exercises (go1.26 src/encoding/xml/xml.go:558-1240), so a
 * page that go rejects (`XML syntax error on line 12: expected element name after <`, a declared
 * charset other than UTF-8) is rejected here with the same words, and a page go accepts yields the
 * same imports.
 */
import { goQuote } from '../../goenv/go-text.js';
import { goAtLeast } from '../netrc.js';

/** One go-import tag: `<prefix> <vcs> <repo-root> [<subdir>]`. */
export interface MetaImport {
  prefix: string;
  /** `git`, `hg`, `svn`, `bzr`, `fossil`, or `mod` for a module proxy. */
  vcs: string;
  repoRoot: string;
  /** Go 1.25+: the module's directory inside the repository ('' when not given). */
  subDir: string;
}

/** The imports found on a page, and the parse error when go would report one. */
export interface MetaParseResult {
  imports: MetaImport[];
  /** encoding/xml's error; cmd/go reports it only when no import was found before it. */
  error?: string;
}

/** Whether `mod` entries win over VCS entries (cmd/go's vcs.PreferMod, which module mode uses). */
export type ModuleMode = 'prefer-mod' | 'ignore-mod';

class XmlSyntaxError extends Error {}

// The XML name tables of encoding/xml, approximated with Unicode classes: a name starts with a
// letter, `_` or `:` and goes on with letters, digits, marks, `.`, `-`, `_`, `:` and `·`.
const NAME_FIRST = /^[\p{L}\p{Nl}_:]$/u;
const NAME_REST = /^[\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}_:.\-\u00b7]$/u;

function isName(s: string): boolean {
  const chars = [...s];
  if (chars.length === 0 || chars.includes('\ufffd')) return false;
  return chars.every((c, i) => (i === 0 ? NAME_FIRST.test(c) : NAME_FIRST.test(c) || NAME_REST.test(c)));
}

function isNameByte(b: number): boolean {
  return (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39) || b === 0x5f || b === 0x3a || b === 0x2e || b === 0x2d;
}

function isInCharacterRange(cp: number): boolean {
  return cp === 0x09 || cp === 0x0a || cp === 0x0d || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

type Token =
  | { kind: 'start'; name: string; attrs: Array<{ name: string; value: string }> }
  | { kind: 'end'; name: string }
  | { kind: 'other' };

/** A byte reader with encoding/xml's getc/ungetc/line bookkeeping. */
class Reader {
  private pos = 0;
  line = 1;
  constructor(private readonly data: Uint8Array) {}

  getc(): number | undefined {
    if (this.pos >= this.data.length) return undefined;
    const b = this.data[this.pos++] as number;
    if (b === 0x0a) this.line++;
    return b;
  }

  mustgetc(): number {
    const b = this.getc();
    if (b === undefined) throw this.syntax('unexpected EOF');
    return b;
  }

  ungetc(b: number): void {
    if (b === 0x0a) this.line--;
    this.pos--;
  }

  atEnd(): boolean {
    return this.pos >= this.data.length;
  }

  syntax(msg: string): XmlSyntaxError {
    return new XmlSyntaxError(`XML syntax error on line ${this.line}: ${msg}`);
  }

  space(): void {
    for (;;) {
      const b = this.getc();
      if (b === undefined) return;
      if (b !== 0x20 && b !== 0x0d && b !== 0x0a && b !== 0x09) {
        this.ungetc(b);
        return;
      }
    }
  }

  /** readName: bytes up to the first single-byte non-name character; multi-byte characters are kept. */
  readName(): number[] | undefined {
    const out: number[] = [];
    let b = this.mustgetc();
    if (b < 0x80 && !isNameByte(b)) {
      this.ungetc(b);
      return undefined;
    }
    out.push(b);
    for (;;) {
      b = this.mustgetc();
      if (b < 0x80 && !isNameByte(b)) {
        this.ungetc(b);
        return out;
      }
      out.push(b);
    }
  }

  name(): string | undefined {
    const bytes = this.readName();
    if (bytes === undefined) return undefined;
    const s = Buffer.from(bytes).toString('utf8');
    if (!isName(s)) throw this.syntax(`invalid XML name: ${s}`);
    return s;
  }

  /** nsname: a name with at most one colon; the local part is what go-import matching looks at. */
  nsname(): string | undefined {
    const s = this.name();
    if (s === undefined) return undefined;
    const parts = s.split(':');
    if (parts.length > 2) return undefined;
    if (parts.length === 2 && parts[0] !== '' && parts[1] !== '') return parts[1];
    return s;
  }

  /** Character data up to `<` (or the closing quote), with the five XML entities decoded. */
  text(quote: number | undefined, cdata: boolean): string {
    const out: number[] = [];
    let b0 = 0;
    let b1 = 0;
    let trunc = 0;
    for (;;) {
      const b = this.getc();
      if (b === undefined) {
        if (cdata) throw this.syntax('unexpected EOF in CDATA section');
        break;
      }
      if (quote === undefined && b0 === 0x5d && b1 === 0x5d && b === 0x3e) {
        if (cdata) {
          trunc = 2;
          break;
        }
        throw this.syntax('unescaped ]]> not in CDATA section');
      }
      if (b === 0x3c && !cdata) {
        if (quote !== undefined) throw this.syntax('unescaped < inside quoted string');
        this.ungetc(b);
        break;
      }
      if (quote !== undefined && b === quote) break;
      if (b === 0x26 && !cdata) {
        this.entity(out);
        b0 = 0;
        b1 = 0;
        continue;
      }
      if (b === 0x0d) out.push(0x0a);
      else if (!(b1 === 0x0d && b === 0x0a)) out.push(b);
      b0 = b1;
      b1 = b;
    }
    const bytes = Buffer.from(out.slice(0, out.length - trunc));
    const s = bytes.toString('utf8');
    if (!Buffer.from(s, 'utf8').equals(bytes)) throw this.syntax('invalid UTF-8');
    for (const ch of s) {
      const cp = ch.codePointAt(0) ?? 0;
      if (!isInCharacterRange(cp)) throw this.syntax(`illegal character code U+${cp.toString(16).toUpperCase().padStart(4, '0')}`);
    }
    return s;
  }

  // An `&...;` reference; unknown names stay as written (non-strict mode).
  private entity(out: number[]): void {
    const before = out.length;
    out.push(0x26);
    let b = this.mustgetc();
    let replacement: string | undefined;
    if (b === 0x23) {
      out.push(b);
      b = this.mustgetc();
      let base = 10;
      if (b === 0x78) {
        base = 16;
        out.push(b);
        b = this.mustgetc();
      }
      const digits: number[] = [];
      const isDigit = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (base === 16 && ((c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)));
      while (isDigit(b)) {
        digits.push(b);
        out.push(b);
        b = this.mustgetc();
      }
      if (b !== 0x3b) this.ungetc(b);
      else {
        out.push(b);
        const n = digits.length === 0 ? Number.NaN : parseInt(Buffer.from(digits).toString('latin1'), base);
        if (Number.isFinite(n) && n <= 0x10ffff) replacement = n >= 0xd800 && n <= 0xdfff ? '\ufffd' : String.fromCodePoint(n);
      }
    } else {
      this.ungetc(b);
      const name = this.readName() ?? [];
      out.push(...name);
      b = this.mustgetc();
      if (b !== 0x3b) this.ungetc(b);
      else {
        out.push(b);
        const text = Buffer.from(name).toString('utf8');
        if (isName(text)) replacement = ENTITIES[text];
      }
    }
    if (replacement !== undefined) {
      out.length = before;
      out.push(...Buffer.from(replacement, 'utf8'));
    }
  }

  /** An attribute value: quoted, or (non-strict) a run of `[A-Za-z0-9_:-]`. */
  attrValue(): string {
    const b = this.mustgetc();
    if (b === 0x22 || b === 0x27) return this.text(b, false);
    this.ungetc(b);
    const out: number[] = [];
    for (;;) {
      const c = this.mustgetc();
      if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x3a || c === 0x2d) out.push(c);
      else {
        this.ungetc(c);
        break;
      }
    }
    return Buffer.from(out).toString('latin1');
  }
}

// procInst: the value of `param="..."` in a processing instruction (xml.go procInst).
function procInst(param: string, s: string): string {
  const key = `${param}=`;
  let i = 0;
  let sep = '';
  while (i < s.length) {
    const sub = s.slice(i);
    const k = sub.indexOf(key);
    if (k < 0 || key.length + k >= sub.length) return '';
    i += key.length + k + 1;
    const c = sub[key.length + k];
    if (c === "'" || c === '"') {
      sep = c;
      break;
    }
  }
  if (sep === '') return '';
  const j = s.indexOf(sep, i);
  return j < 0 ? '' : s.slice(i, j);
}

function rawToken(r: Reader): Token | undefined {
  const first = r.getc();
  if (first === undefined) return undefined;
  if (first !== 0x3c) {
    r.ungetc(first);
    r.text(undefined, false);
    return { kind: 'other' };
  }
  let b = r.mustgetc();
  if (b === 0x2f) {
    const name = r.nsname();
    if (name === undefined) throw r.syntax('expected element name after </');
    r.space();
    if (r.mustgetc() !== 0x3e) throw r.syntax(`invalid characters between </${name} and >`);
    return { kind: 'end', name };
  }
  if (b === 0x3f) {
    const target = r.name();
    if (target === undefined) throw r.syntax('expected target name after <?');
    r.space();
    const data: number[] = [];
    let b0 = 0;
    for (;;) {
      b = r.mustgetc();
      data.push(b);
      if (b0 === 0x3f && b === 0x3e) break;
      b0 = b;
    }
    if (target === 'xml') {
      const content = Buffer.from(data.slice(0, -2)).toString('utf8');
      const ver = procInst('version', content);
      if (ver !== '' && ver !== '1.0') throw new XmlSyntaxError(`xml: unsupported version ${goQuote(ver)}; only version 1.0 is supported`);
      const enc = procInst('encoding', content);
      // cmd/go's charsetReader accepts only utf-8 and ascii (discovery.go:20-27).
      if (enc !== '' && enc.toLowerCase() !== 'utf-8' && enc.toLowerCase() !== 'ascii') {
        throw new XmlSyntaxError(`xml: opening charset ${goQuote(enc)}: can't decode XML document using charset ${goQuote(enc)}`);
      }
    }
    return { kind: 'other' };
  }
  if (b === 0x21) {
    b = r.mustgetc();
    if (b === 0x2d) {
      if (r.mustgetc() !== 0x2d) throw r.syntax('invalid sequence <!- not part of <!--');
      let b0 = 0;
      let b1 = 0;
      for (;;) {
        b = r.mustgetc();
        if (b0 === 0x2d && b1 === 0x2d) {
          if (b !== 0x3e) throw r.syntax('invalid sequence "--" not allowed in comments');
          break;
        }
        b0 = b1;
        b1 = b;
      }
      return { kind: 'other' };
    }
    if (b === 0x5b) {
      for (const expected of Buffer.from('CDATA[')) {
        if (r.mustgetc() !== expected) throw r.syntax('invalid <![ sequence');
      }
      r.text(undefined, true);
      return { kind: 'other' };
    }
    // A directive (<!DOCTYPE ...>): quoted `>` and nested `<...>` do not end it.
    let inquote = 0;
    let depth = 0;
    for (;;) {
      b = r.mustgetc();
      if (inquote === 0 && b === 0x3e && depth === 0) break;
      for (;;) {
        if (b === inquote) inquote = 0;
        else if (inquote !== 0) {
          // inside quotes
        } else if (b === 0x27 || b === 0x22) inquote = b;
        else if (b === 0x3e) depth--;
        else if (b === 0x3c) {
          const opener = [0x21, 0x2d, 0x2d];
          let matched = true;
          for (const expected of opener) {
            b = r.mustgetc();
            if (b !== expected) {
              matched = false;
              break;
            }
          }
          if (!matched) {
            depth++;
            continue; // handle b again (goto HandleB)
          }
          let c0 = 0;
          let c1 = 0;
          for (;;) {
            b = r.mustgetc();
            if (c0 === 0x2d && c1 === 0x2d && b === 0x3e) break;
            c0 = c1;
            c1 = b;
          }
        }
        break;
      }
    }
    return { kind: 'other' };
  }
  r.ungetc(b);
  const name = r.nsname();
  if (name === undefined) throw r.syntax('expected element name after <');
  const attrs: Array<{ name: string; value: string }> = [];
  for (;;) {
    r.space();
    b = r.mustgetc();
    if (b === 0x2f) {
      if (r.mustgetc() !== 0x3e) throw r.syntax('expected /> in element');
      break;
    }
    if (b === 0x3e) break;
    r.ungetc(b);
    const attrName = r.nsname();
    if (attrName === undefined) throw r.syntax('expected attribute name in element');
    r.space();
    b = r.mustgetc();
    if (b !== 0x3d) {
      r.ungetc(b);
      attrs.push({ name: attrName, value: attrName });
    } else {
      r.space();
      attrs.push({ name: attrName, value: r.attrValue() });
    }
  }
  return { kind: 'start', name, attrs };
}

function attrValue(attrs: ReadonlyArray<{ name: string; value: string }>, name: string): string {
  return attrs.find((a) => a.name.toLowerCase() === name.toLowerCase())?.value ?? '';
}

/**
 * The go-import tags of a page (mirrors go1.26 src/cmd/go/internal/vcs/discovery.go:30-89).
 * Go before 1.25 accepts only three fields; 1.25 adds the optional subdirectory. With `prefer-mod`,
 * `mod` entries come first and hide VCS entries with the same prefix.
 */
export function parseMetaGoImports(body: Uint8Array, goVersion: string, mode: ModuleMode = 'prefer-mod'): MetaParseResult {
  const reader = new Reader(body);
  const found: MetaImport[] = [];
  const withSubdir = goAtLeast(goVersion, 25);
  let error: string | undefined;
  for (;;) {
    let token: Token | undefined;
    try {
      token = rawToken(reader);
    } catch (e) {
      if (found.length === 0) error = e instanceof Error ? e.message : String(e);
      break;
    }
    if (token === undefined) break;
    if (token.kind === 'start' && token.name.toLowerCase() === 'body') break;
    if (token.kind === 'end' && token.name.toLowerCase() === 'head') break;
    if (token.kind !== 'start' || token.name.toLowerCase() !== 'meta') continue;
    if (attrValue(token.attrs, 'name') !== 'go-import') continue;
    // strings.Fields splits on Unicode white space.
    const f = attrValue(token.attrs, 'content').split(/\s+/u).filter((x) => x !== '');
    if (f.length === 3 || (withSubdir && f.length === 4)) {
      found.push({ prefix: f[0] as string, vcs: f[1] as string, repoRoot: f[2] as string, subDir: f[3] ?? '' });
    }
  }
  const list: MetaImport[] = [];
  const have = new Set<string>();
  if (mode === 'prefer-mod') {
    for (const m of found) {
      if (m.vcs === 'mod') {
        have.add(m.prefix);
        list.push(m);
      }
    }
  }
  for (const m of found) if (m.vcs !== 'mod' && !have.has(m.prefix)) list.push(m);
  const result: MetaParseResult = { imports: list };
  if (error !== undefined) result.error = error;
  return result;
}

/** cmd/go's str.HasPathPrefix: `s` is `prefix` or starts with `prefix/`. */
export function hasPathPrefix(s: string, prefix: string): boolean {
  if (s.length === prefix.length) return s === prefix;
  if (prefix === '') return true;
  if (s.length > prefix.length) {
    if (prefix.endsWith('/')) return s.startsWith(prefix);
    return s[prefix.length] === '/' && s.startsWith(prefix);
  }
  return false;
}

/** The outcome of choosing the tag for an import path. */
export type GoImportMatch =
  | { ok: true; match: MetaImport }
  /** No tag's prefix is a path prefix of the import path; `mismatches` lists the prefixes seen. */
  | { ok: false; kind: 'mismatch'; mismatches: string[]; error: string }
  | { ok: false; kind: 'multiple'; error: string };

/**
 * Picks the go-import tag for `importPath` (mirrors go1.26 src/cmd/go/internal/vcs/vcs.go:1248-1275):
 * exactly one prefix may match, except that a `mod` entry ends the search for VCS entries after it.
 */
export function matchGoImport(imports: readonly MetaImport[], importPath: string): GoImportMatch {
  let match = -1;
  const mismatches: string[] = [];
  for (const [i, im] of imports.entries()) {
    if (!hasPathPrefix(importPath, im.prefix)) {
      mismatches.push(im.prefix);
      continue;
    }
    if (match >= 0) {
      if (imports[match]?.vcs === 'mod' && im.vcs !== 'mod') break;
      return { ok: false, kind: 'multiple', error: `multiple meta tags match import path ${goQuote(importPath)}` };
    }
    match = i;
  }
  const found = match >= 0 ? imports[match] : undefined;
  if (found === undefined) {
    const error = mismatches.map((p) => `meta tag ${p} did not match import path ${importPath}`).join(', ');
    return { ok: false, kind: 'mismatch', mismatches, error };
  }
  return { ok: true, match: found };
}
