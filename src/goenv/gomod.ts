/**
 * A forgiving reader for go.mod: just the module path, go/toolchain lines and requirements, so that
 * `route` can list what a build would fetch without running `go` (which could start a download).
 * Unlike x/mod/modfile it never fails: lines it cannot understand are skipped.
 */

/** One `require` entry. */
export interface GoModRequire {
  path: string;
  version: string;
  /** Marked `// indirect`. */
  indirect: boolean;
}

/** What {@link parseGoMod} extracts from a go.mod file. */
export interface GoModSummary {
  module?: string;
  go?: string;
  toolchain?: string;
  requires: GoModRequire[];
}

interface Token {
  text: string;
  quoted: boolean;
}

interface LexedLine {
  tokens: Token[];
  /** The `//` comment at the end of the line, without the slashes. */
  comment?: string;
}

// Splits one line into tokens the way modfile's lexer does: spaces separate, `//` starts a comment,
// "..." and `...` are strings, and ( ) are tokens of their own.
// mirrors go1.23 src/cmd/vendor/golang.org/x/mod/modfile/read.go:510-620 (readToken), per line.
function lexLine(line: string): LexedLine {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i] as string;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (line.startsWith('//', i)) return { tokens, comment: line.slice(i + 2) };
    if (c === '(' || c === ')') {
      tokens.push({ text: c, quoted: false });
      i++;
      continue;
    }
    if (c === '"' || c === '`') {
      let j = i + 1;
      let closed = false;
      while (j < line.length) {
        const d = line[j] as string;
        if (d === c) {
          closed = true;
          break;
        }
        j += d === '\\' && c === '"' ? 2 : 1;
      }
      if (!closed) return { tokens }; // an unterminated string: drop the rest of the line
      const body = line.slice(i + 1, j);
      const text = c === '`' ? body : unquoteGo(body);
      if (text !== undefined) tokens.push({ text, quoted: true });
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < line.length && !' \t\r()"`'.includes(line[j] as string) && !line.startsWith('//', j)) j++;
    tokens.push({ text: line.slice(i, j), quoted: false });
    i = j;
  }
  return { tokens };
}

// The body of a Go "..." string literal (strconv.Unquote), or undefined when an escape is invalid.
function unquoteGo(body: string): string | undefined {
  const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"' };
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const e = body[i + 1] ?? '';
    if (simple[e] !== undefined) {
      out += simple[e];
      i++;
      continue;
    }
    const hexLength = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (hexLength > 0) {
      const hex = body.slice(i + 2, i + 2 + hexLength);
      if (!new RegExp(`^[0-9A-Fa-f]{${hexLength}}$`).test(hex)) return undefined;
      const cp = Number.parseInt(hex, 16);
      if (cp > 0x10ffff) return undefined;
      out += String.fromCodePoint(cp);
      i += 1 + hexLength;
      continue;
    }
    const octal = body.slice(i + 1, i + 4);
    if (/^[0-7]{3}$/.test(octal)) {
      out += String.fromCharCode(Number.parseInt(octal, 8));
      i += 3;
      continue;
    }
    return undefined;
  }
  return out;
}

// mirrors go1.23 src/cmd/vendor/golang.org/x/mod/modfile/rule.go:183-189 (isIndirect)
function isIndirectComment(comment: string | undefined): boolean {
  if (comment === undefined) return false;
  const fields = comment.trim().split(/\s+/).filter((f) => f !== '');
  return (fields.length === 1 && fields[0] === 'indirect') || (fields.length > 1 && fields[0] === 'indirect;');
}

function plainWord(token: Token | undefined): string | undefined {
  return token !== undefined && !token.quoted ? token.text : undefined;
}

/**
 * Extracts module, go, toolchain and require lines from go.mod text. Handles `require ( ... )` blocks,
 * `//` comments, `// indirect` markers and quoted paths; anything else (replace, exclude, retract,
 * malformed lines) is ignored rather than reported.
 */
export function parseGoMod(text: string): GoModSummary {
  const summary: GoModSummary = { requires: [] };
  let block: string | undefined;
  for (const rawLine of text.replace(/^\uFEFF/, '').split('\n')) {
    const { tokens, comment } = lexLine(rawLine);
    if (tokens.length === 0) continue;
    if (block !== undefined) {
      if (plainWord(tokens[0]) === ')') {
        block = undefined;
        continue;
      }
      handleDirective(summary, block, tokens, comment);
      continue;
    }
    const verb = plainWord(tokens[0]);
    if (verb === undefined) continue;
    const args = tokens.slice(1);
    if (plainWord(args[0]) === '(') {
      // `require (` opens a block; `require ()` on one line is an empty block.
      if (plainWord(args[1]) !== ')') block = verb;
      continue;
    }
    handleDirective(summary, verb, args, comment);
  }
  return summary;
}

function handleDirective(summary: GoModSummary, verb: string, args: Token[], comment: string | undefined): void {
  const first = args[0];
  switch (verb) {
    case 'module':
      if (first !== undefined && args.length === 1) summary.module = first.text;
      break;
    case 'go':
      if (first !== undefined && !first.quoted && args.length === 1) summary.go = first.text;
      break;
    case 'toolchain':
      if (first !== undefined && !first.quoted && args.length === 1) summary.toolchain = first.text;
      break;
    case 'require': {
      const version = plainWord(args[1]);
      if (first === undefined || version === undefined || args.length !== 2 || first.text === '') break;
      summary.requires.push({ path: first.text, version, indirect: isIndirectComment(comment) });
      break;
    }
    default:
      break;
  }
}
