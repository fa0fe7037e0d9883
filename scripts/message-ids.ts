/**
 * Lists every human message in src/: the ids of all `t\`…\`` tagged templates, read from the source
 * text the way `messageId` builds them at run time (literal parts, raw but for `\uXXXX` escapes,
 * joined with `{0}`, `{1}` …).
 * The i18n catalogue test uses it to make sure every message has every translation; run it directly
 * to print the ids missing from a language: `node --import tsx scripts/message-ids.ts zh`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeUnicodeEscapes } from '../src/i18n/language.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** One message site. */
export interface MessageSite {
  id: string;
  file: string;
  line: number;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

// Keywords after which a `/` starts a regular expression rather than a division.
const REGEX_KEYWORDS = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'yield', 'await']);

/** The messages found so far in one source text. */
interface Scan {
  text: string;
  file: string;
  found: { at: number; site: MessageSite }[];
}

// Whether a `/` after the code ending at `last` (the index of its last non-blank character) starts a
// regular expression literal: after an operator, an opening bracket or a keyword, not after a value.
function startsRegex(text: string, last: number): boolean {
  if (last < 0) return true;
  const c = text[last] ?? '';
  if (c === ')' || c === ']') return false;
  if (!/[\w$]/.test(c)) return true;
  let start = last;
  while (start > 0 && /[\w$]/.test(text[start - 1] ?? '')) start--;
  return REGEX_KEYWORDS.has(text.slice(start, last + 1));
}

// Skips a regular expression literal starting at `i` (its opening slash); returns the index after its flags.
function skipRegex(text: string, i: number): number {
  let inClass = false;
  i++;
  while (i < text.length && text[i] !== '\n') {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '[') (inClass = true), i++;
    else if (c === ']') (inClass = false), i++;
    else if (c === '/' && !inClass) break;
    else i++;
  }
  i++;
  while (i < text.length && /[a-z]/.test(text[i] ?? '')) i++;
  return i;
}

// Reads a template literal whose body starts at `i` (after the backtick), recording the messages in its
// `${ … }` expressions, and, when `tagAt` is not undefined, the template itself as a message.
function scanTemplate(scan: Scan, i: number, tagAt: number | undefined): number {
  const { text } = scan;
  const parts: string[] = [];
  let part = '';
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      part += text.slice(i, i + 2);
      i += 2;
    } else if (c === '`') {
      i++;
      break;
    } else if (c === '$' && text[i + 1] === '{') {
      parts.push(part);
      part = '';
      i = scanCode(scan, i + 2, true);
    } else {
      part += c;
      i++;
    }
  }
  parts.push(part);
  if (tagAt !== undefined) {
    const id = parts.map((p, k) => (k === 0 ? decodeUnicodeEscapes(p) : `{${k - 1}}${decodeUnicodeEscapes(p)}`)).join('');
    scan.found.push({ at: tagAt, site: { id, file: scan.file, line: text.slice(0, tagAt).split('\n').length } });
  }
  return i;
}

// Scans code from `i`: comments, quoted strings and regular expressions are stepped over, and every
// template literal is read, tagged or not, at any depth. Inside a `${ … }` (`inExpression`) it stops
// after the brace that closes the expression and returns the index after it.
function scanCode(scan: Scan, i: number, inExpression: boolean): number {
  const { text } = scan;
  let depth = 0;
  let last = -1;
  while (i < text.length) {
    const c = text[i] ?? '';
    const next = text[i + 1];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (c === "'" || c === '"') {
      i++;
      while (i < text.length && text[i] !== c && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      last = i;
      i++;
    } else if (c === '`') {
      const tagged = text[i - 1] === 't' && !/[\w$.]/.test(text[i - 2] ?? '');
      i = scanTemplate(scan, i + 1, tagged ? i : undefined);
      last = i - 1;
    } else if (c === '/' && startsRegex(text, last)) {
      i = skipRegex(text, i);
      last = i - 1;
    } else {
      if (c === '{') depth++;
      else if (c === '}') {
        if (inExpression && depth === 0) return i + 1;
        depth--;
      }
      last = i;
      i++;
    }
  }
  return i;
}

/**
 * Every `t\`…\`` message in one source text, at any depth: inside another template's `${ … }` (a
 * message in an untagged help text, or one message inside another's value) as well as at the top.
 * Comments, quoted strings and regular expression literals are stepped over, so a backtick or a quote
 * in them is never taken for the start of a message.
 */
export function messagesIn(text: string, file = ''): MessageSite[] {
  const scan: Scan = { text, file, found: [] };
  scanCode(scan, 0, false);
  return scan.found.sort((a, b) => a.at - b.at).map((entry) => entry.site);
}

/** Every message site under src/. */
export function allMessages(): MessageSite[] {
  return sourceFiles(path.join(ROOT, 'src')).flatMap((file) => messagesIn(readFileSync(file, 'utf8'), path.relative(ROOT, file)));
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const language = process.argv[2] ?? 'zh';
  const { dictionaryFor } = await import('../src/i18n/dictionaries.js');
  const dictionary = await dictionaryFor(language === 'zh' ? 'zh' : 'en');
  const missing = [...new Set(allMessages().filter((site) => dictionary?.[site.id] === undefined).map((site) => site.id))];
  for (const id of missing) console.log(JSON.stringify(id));
  console.error(`${missing.length} message(s) without a ${language} translation`);
}
