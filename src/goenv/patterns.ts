/**
 * Module-path prefix patterns, as cmd/go matches GOPRIVATE, GONOPROXY, GONOSUMDB, GOINSECURE and GOVCS
 * entries against a module path. Both the glob matcher (`path.Match`) and the prefix walk
 * (`module.MatchPrefixPatterns`) work on UTF-8 bytes in Go, so this port does too.
 */

const encoder = new TextEncoder();

/** The error `path.Match` returns for a malformed pattern (go1.23 src/path/match.go:14). */
export const ERR_BAD_PATTERN = 'syntax error in pattern';

/** The result of {@link goPathMatch}: Go's `(matched bool, err error)` pair. */
export interface PathMatchResult {
  matched: boolean;
  /** `syntax error in pattern` when Go would return ErrBadPattern. */
  error?: string;
}

const RUNE_ERROR = 0xfffd;

// Decodes one UTF-8 sequence the way utf8.DecodeRune does for the inputs we can meet:
// invalid or truncated sequences yield (RuneError, 1).
function decodeRune(bytes: Uint8Array, start: number): { rune: number; size: number } {
  const b0 = bytes[start];
  if (b0 === undefined) return { rune: RUNE_ERROR, size: 0 };
  if (b0 < 0x80) return { rune: b0, size: 1 };
  let size: number;
  let rune: number;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    size = 2;
    rune = b0 & 0x1f;
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    size = 3;
    rune = b0 & 0x0f;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    size = 4;
    rune = b0 & 0x07;
  } else {
    return { rune: RUNE_ERROR, size: 1 };
  }
  if (start + size > bytes.length) return { rune: RUNE_ERROR, size: 1 };
  for (let i = 1; i < size; i++) {
    const b = bytes[start + i] as number;
    if ((b & 0xc0) !== 0x80) return { rune: RUNE_ERROR, size: 1 };
    rune = (rune << 6) | (b & 0x3f);
  }
  // Overlong forms and surrogates are invalid in Go too.
  if ((size === 3 && (rune < 0x800 || (rune >= 0xd800 && rune <= 0xdfff))) || (size === 4 && (rune < 0x10000 || rune > 0x10ffff))) {
    return { rune: RUNE_ERROR, size: 1 };
  }
  return { rune, size };
}

const STAR = 0x2a; // *
const QUESTION = 0x3f; // ?
const BACKSLASH = 0x5c; // \
const LBRACKET = 0x5b; // [
const RBRACKET = 0x5d; // ]
const CARET = 0x5e; // ^
const DASH = 0x2d; // -
const SLASH = 0x2f; // /

class BadPattern extends Error {}

// mirrors go1.23 src/path/match.go:92-118 (scanChunk): the next run of non-star pattern, possibly after stars.
function scanChunk(pattern: Uint8Array): { star: boolean; chunk: Uint8Array; rest: Uint8Array } {
  let p = pattern;
  let star = false;
  while (p.length > 0 && p[0] === STAR) {
    p = p.subarray(1);
    star = true;
  }
  let inrange = false;
  let i = 0;
  scan: for (; i < p.length; i++) {
    switch (p[i]) {
      case BACKSLASH:
        // A trailing backslash is reported by matchChunk.
        if (i + 1 < p.length) i++;
        break;
      case LBRACKET:
        inrange = true;
        break;
      case RBRACKET:
        inrange = false;
        break;
      case STAR:
        if (!inrange) break scan;
        break;
    }
  }
  return { star, chunk: p.subarray(0, i), rest: p.subarray(i) };
}

// mirrors go1.23 src/path/match.go:209-230 (getEsc): one possibly escaped character of a class.
function getEsc(chunk: Uint8Array): { rune: number; rest: Uint8Array } {
  if (chunk.length === 0 || chunk[0] === DASH || chunk[0] === RBRACKET) throw new BadPattern();
  let c = chunk;
  if (c[0] === BACKSLASH) {
    c = c.subarray(1);
    if (c.length === 0) throw new BadPattern();
  }
  const { rune, size } = decodeRune(c, 0);
  if (rune === RUNE_ERROR && size === 1) throw new BadPattern();
  const rest = c.subarray(size);
  if (rest.length === 0) throw new BadPattern();
  return { rune, rest };
}

// mirrors go1.23 src/path/match.go:123-206 (matchChunk). After a mismatch it keeps walking the
// chunk so that a malformed pattern is still reported as an error.
function matchChunk(chunkIn: Uint8Array, sIn: Uint8Array): { rest: Uint8Array; ok: boolean } {
  let chunk = chunkIn;
  let s = sIn;
  let failed = false;
  while (chunk.length > 0) {
    if (!failed && s.length === 0) failed = true;
    const c0 = chunk[0];
    if (c0 === LBRACKET) {
      let r = 0;
      if (!failed) {
        const d = decodeRune(s, 0);
        r = d.rune;
        s = s.subarray(d.size);
      }
      chunk = chunk.subarray(1);
      let negated = false;
      if (chunk.length > 0 && chunk[0] === CARET) {
        negated = true;
        chunk = chunk.subarray(1);
      }
      let match = false;
      let nrange = 0;
      for (;;) {
        if (chunk.length > 0 && chunk[0] === RBRACKET && nrange > 0) {
          chunk = chunk.subarray(1);
          break;
        }
        const lo = getEsc(chunk);
        chunk = lo.rest;
        let hi = lo.rune;
        if (chunk[0] === DASH) {
          const h = getEsc(chunk.subarray(1));
          hi = h.rune;
          chunk = h.rest;
        }
        if (lo.rune <= r && r <= hi) match = true;
        nrange++;
      }
      if (match === negated) failed = true;
    } else if (c0 === QUESTION) {
      if (!failed) {
        if (s[0] === SLASH) failed = true;
        s = s.subarray(decodeRune(s, 0).size);
      }
      chunk = chunk.subarray(1);
    } else {
      if (c0 === BACKSLASH) {
        chunk = chunk.subarray(1);
        if (chunk.length === 0) throw new BadPattern();
      }
      if (!failed) {
        if (chunk[0] !== s[0]) failed = true;
        s = s.subarray(1);
      }
      chunk = chunk.subarray(1);
    }
  }
  if (failed) return { rest: new Uint8Array(0), ok: false };
  return { rest: s, ok: true };
}

// mirrors go1.23 src/path/match.go:37-88 (Match), on bytes.
function matchBytes(patternIn: Uint8Array, nameIn: Uint8Array): boolean {
  let pattern = patternIn;
  let name = nameIn;
  outer: while (pattern.length > 0) {
    const scanned = scanChunk(pattern);
    const { star, chunk } = scanned;
    pattern = scanned.rest;
    if (star && chunk.length === 0) {
      // A trailing * matches the rest of the name unless it has a /.
      return !name.includes(SLASH);
    }
    let first: { rest: Uint8Array; ok: boolean } | undefined;
    let firstError: BadPattern | undefined;
    try {
      first = matchChunk(chunk, name);
    } catch (error) {
      if (!(error instanceof BadPattern)) throw error;
      firstError = error;
    }
    // As the last chunk we must have consumed the whole name; otherwise a star may still match.
    if (first?.ok && (first.rest.length === 0 || pattern.length > 0)) {
      name = first.rest;
      continue;
    }
    if (firstError) throw firstError;
    if (star) {
      // Skip i+1 bytes, but never a /.
      for (let i = 0; i < name.length && name[i] !== SLASH; i++) {
        const t = matchChunk(chunk, name.subarray(i + 1));
        if (t.ok) {
          if (pattern.length === 0 && t.rest.length > 0) continue;
          name = t.rest;
          continue outer;
        }
      }
    }
    // Before answering "no match", make sure the rest of the pattern is well-formed.
    while (pattern.length > 0) {
      const next = scanChunk(pattern);
      pattern = next.rest;
      matchChunk(next.chunk, new Uint8Array(0));
    }
    return false;
  }
  return name.length === 0;
}

/**
 * Go's `path.Match(pattern, name)`: shell-style globbing where `*` and `?` never cross a `/`.
 * mirrors go1.23 src/path/match.go:37-88 (unchanged since go1.19).
 */
export function goPathMatch(pattern: string, name: string): PathMatchResult {
  try {
    return { matched: matchBytes(encoder.encode(pattern), encoder.encode(name)) };
  } catch (error) {
    if (error instanceof BadPattern) return { matched: false, error: ERR_BAD_PATTERN };
    throw error;
  }
}

/** One entry of a comma-separated pattern list, as MatchPrefixPatterns sees it. */
export interface PrefixPattern {
  /** The entry exactly as written between commas (spaces included: Go does not trim them). */
  raw: string;
  /** The glob actually matched: `raw` without one trailing slash. */
  glob: string;
}

/**
 * Splits a GOPRIVATE-style list the way MatchPrefixPatterns does: at commas, dropping one trailing
 * slash per entry and skipping entries that end up empty. Spaces are kept.
 */
export function splitPrefixPatterns(globs: string): PrefixPattern[] {
  const patterns: PrefixPattern[] = [];
  for (const raw of globs.split(',')) {
    const glob = raw.endsWith('/') ? raw.slice(0, -1) : raw;
    if (glob !== '') patterns.push({ raw, glob });
  }
  return patterns;
}

// mirrors go1.23 src/cmd/vendor/golang.org/x/mod/module/module.go:816-838: cut the target to as many
// path elements as the glob has, and give up when the target has fewer.
function matchOnePrefixPattern(glob: string, target: string): boolean {
  let n = 0;
  for (const ch of glob) if (ch === '/') n++;
  let prefix = target;
  for (let i = 0; i < target.length; i++) {
    if (target[i] === '/') {
      if (n === 0) {
        prefix = target.slice(0, i);
        break;
      }
      n--;
    }
  }
  if (n > 0) return false;
  return goPathMatch(glob, prefix).matched;
}

/**
 * Which entry of `globs` (the entry as written) matches some path prefix of `target`, or undefined.
 * Malformed globs are skipped silently, as cmd/go does.
 * mirrors go1.23 src/cmd/vendor/golang.org/x/mod/module/module.go:802-841 (MatchPrefixPatterns).
 */
export function matchingPrefixPattern(globs: string, target: string): string | undefined {
  for (const pattern of splitPrefixPatterns(globs)) {
    if (matchOnePrefixPattern(pattern.glob, target)) return pattern.raw;
  }
  return undefined;
}

/**
 * Go's `module.MatchPrefixPatterns(globs, target)`: whether any path prefix of target matches one of the
 * comma-separated globs. mirrors go1.23 src/cmd/vendor/golang.org/x/mod/module/module.go:802-841.
 */
export function matchPrefixPatterns(globs: string, target: string): boolean {
  return matchingPrefixPattern(globs, target) !== undefined;
}

/**
 * The entries of a pattern list that cmd/go would silently ignore because `path.Match` rejects them,
 * so a diagnosis can point them out.
 */
export function malformedPrefixPatterns(globs: string): string[] {
  return splitPrefixPatterns(globs)
    .filter((pattern) => goPathMatch(pattern.glob, '').error !== undefined)
    .map((pattern) => pattern.raw);
}
