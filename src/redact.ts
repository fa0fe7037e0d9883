/**
 * Secret redaction and terminal safety. Every renderer passes user- or server-supplied text
 * through these before printing, JSON included.
 */

/** Replaces the password in URL userinfo with `xxxxx`, the way cmd/go's `URL.Redacted` does. */
export function redactUrl(raw: string): string {
  return raw.replace(/\b([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)([^/\s"'<>]*)@/g, (_match, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    if (colon < 0) return `${scheme}${userinfo}@`;
    return `${scheme}${userinfo.slice(0, colon)}:xxxxx@`;
  });
}

/** Hides the credential of an `Authorization` / `Proxy-Authorization` header wherever it appears in text. */
export function redactAuthorizationHeaders(text: string): string {
  return text.replace(/\b((?:Proxy-)?Authorization\s*[:=]\s*)(\S+)(?:\s+\S+)?/gi, (_m, name: string, scheme: string) =>
    /^(basic|bearer|digest|token|negotiate)$/i.test(scheme) ? `${name}${scheme} xxxxx` : `${name}xxxxx`,
  );
}

/** Replaces each known secret (a `.netrc` password, a token) with `xxxxx`. */
export function redactKnownSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length < 1) continue;
    result = result.split(secret).join('xxxxx');
  }
  return result;
}

/** Applies every redaction rule to a piece of text. */
export function redactSecrets(text: string, knownSecrets: readonly string[] = []): string {
  return redactKnownSecrets(redactAuthorizationHeaders(redactUrl(text)), knownSecrets);
}

// C0 controls except tab and newline, DEL, and C1 controls: any of them can move the cursor,
// rewrite the terminal title (OSC) or worse when echoed.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const ESCAPE_SEQUENCES = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[PX^_][^\u001b]*(?:\u001b\\)?|[@-Z\\-_])/g;

/** Removes terminal escape sequences and control characters, keeping tabs and newlines. */
export function stripControlCharacters(text: string): string {
  return text.replace(ESCAPE_SEQUENCES, '').replace(/\r\n/g, '\n').replace(CONTROL_CHARACTERS, '');
}

/** Makes untrusted text safe to print: no secrets, no control characters. */
export function safeText(text: string, knownSecrets: readonly string[] = []): string {
  return redactSecrets(stripControlCharacters(text), knownSecrets);
}

/**
 * Redacts every string inside a JSON-able value (keys untouched), so a whole `--json` document
 * can be made safe in one call whatever field a URL or header ended up in.
 */
export function redactDeep<T>(value: T, knownSecrets: readonly string[] = []): T {
  if (typeof value === 'string') return redactSecrets(value, knownSecrets) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactDeep(item, knownSecrets)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) out[key] = redactDeep(item, knownSecrets);
    return out as T;
  }
  return value;
}
