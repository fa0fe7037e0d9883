/**
 * Lists every human message in src/: the ids of all `t\`…\`` tagged templates, read from the source
 * text the way `messageId` builds them at run time (literal parts, raw, joined with `{0}`, `{1}` …).
 * The i18n catalogue test uses it to make sure every message has every translation; run it directly
 * to print the ids missing from a language: `node --import tsx scripts/message-ids.ts zh`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

// Skips a `${ … }` expression starting after `${` at `i`; returns the index after its closing brace.
// Strings, nested template literals and braces inside it are stepped over.
function skipExpression(text: string, i: number): number {
  let depth = 1;
  while (i < text.length && depth > 0) {
    const c = text[i];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === "'" || c === '"') {
      i++;
      while (i < text.length && text[i] !== c) i += text[i] === '\\' ? 2 : 1;
    } else if (c === '`') {
      i = skipTemplate(text, i + 1).end;
      continue;
    }
    i++;
  }
  return i;
}

// Reads a template literal whose body starts at `i` (after the backtick): its raw literal parts and the index after it.
function skipTemplate(text: string, i: number): { parts: string[]; end: number } {
  const parts: string[] = [];
  let part = '';
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      part += text.slice(i, i + 2);
      i += 2;
    } else if (c === '`') {
      parts.push(part);
      return { parts, end: i + 1 };
    } else if (c === '$' && text[i + 1] === '{') {
      parts.push(part);
      part = '';
      i = skipExpression(text, i + 2);
    } else {
      part += c;
      i++;
    }
  }
  parts.push(part);
  return { parts, end: i };
}

/**
 * Every `t\`…\`` message in one source text. Comments, quoted strings and untagged template literals
 * are stepped over, so a backtick in a comment or a string is never taken for a message.
 */
export function messagesIn(text: string, file = ''): MessageSite[] {
  const sites: MessageSite[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (c === "'" || c === '"') {
      i++;
      while (i < text.length && text[i] !== c && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '`') {
      const before = text[i - 1] ?? '';
      const tagged = before === 't' && !/[\w$.]/.test(text[i - 2] ?? '');
      const { parts, end } = skipTemplate(text, i + 1);
      if (tagged) {
        const id = parts.map((p, k) => (k === 0 ? p : `{${k - 1}}${p}`)).join('');
        sites.push({ id, file, line: text.slice(0, i).split('\n').length });
      }
      i = end;
    } else {
      i++;
    }
  }
  return sites;
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
