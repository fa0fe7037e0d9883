/**
 * Secret redaction and terminal safety: the one home of both. Every renderer passes user- or
 * server-supplied text through these before printing, JSON included.
 *
 * Secrets are removed where they sit, found by the syntax that holds them: the userinfo of a URL, the
 * value of an `Authorization` header, a query parameter named like a credential. Nothing here replaces
 * every occurrence of a secret's text: a password `e` must not touch the letter e elsewhere, and text
 * that holds no secret comes out byte-identical. The one exception is text a server sent back
 * ({@link scrubEchoedSecrets}): there a known credential may appear anywhere, in any encoding.
 */

/** What a redacted secret is replaced with. */
export const REDACTED = 'xxxxx';

// A URL's scheme and authority up to the last `@` before the path: `scheme://userinfo@`.
// The userinfo class excludes `/`, whitespace and quotes, so the scan stops at the path and is linear.
const URL_USERINFO = /\b([a-zA-Z][a-zA-Z0-9+.-]{0,30}:\/\/)([^/\s"'<>@]{1,2048}(?:@[^/\s"'<>@]{0,2048})*)@/g;

/**
 * Hides URL userinfo secrets: the password (`user:xxxxx@`, as cmd/go's `URL.Redacted` does) and a
 * user name that stands alone (`https://TOKEN@host`, where code hosts take a token as the user name).
 */
export function redactUrl(raw: string): string {
  if (!raw.includes('@')) return raw;
  return raw.replace(URL_USERINFO, (_match, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    // A lone user name is kept where it is conventionally not a secret (`ssh://git@host`).
    if (colon < 0) return /^(?:ssh|git\+ssh|ssh\+git):\/\/$/i.test(scheme) || userinfo === 'git' ? `${scheme}${userinfo}@` : `${scheme}${REDACTED}@`;
    return `${scheme}${userinfo.slice(0, colon)}:${REDACTED}@`;
  });
}

/**
 * Hides the userinfo secret of a value that names a host the way HTTPS_PROXY and friends may, with or
 * without a scheme (`user:pass@proxy:3128`; Go reads a scheme-less proxy value as http://, go1.26
 * src/vendor/golang.org/x/net/http/httpproxy/proxy.go parseProxy). The userinfo is what comes before the
 * last `@` of the authority.
 */
export function redactProxyValue(raw: string): string {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]{0,30}:\/\//.test(raw)) return redactUrl(raw);
  const slash = raw.indexOf('/');
  const authority = slash < 0 ? raw : raw.slice(0, slash);
  const at = authority.lastIndexOf('@');
  if (at < 0) return raw;
  const userinfo = authority.slice(0, at);
  const colon = userinfo.indexOf(':');
  const shown = colon < 0 ? REDACTED : `${userinfo.slice(0, colon)}:${REDACTED}`;
  return `${shown}${raw.slice(at)}`;
}

// Query parameters whose values are credentials in practice (GOPROXY URLs with ?token=…).
// The value ends at the next separator; a `:`, `.`, `,` or `;` right before whitespace or the end is the
// punctuation of the text around the URL (`reading https://h/x?token=t: 500`), not part of the value.
const SECRET_QUERY = /([?&](?:token|access_token|auth|key|apikey|api_key|password|passwd|pass|secret|sig|signature|private_token|client_secret|jwt)=)[^&\s"'#<>]{1,4096}?(?=[:.,;]?(?:[&\s"'#<>]|$))/gi;

/** Hides the values of query parameters named like credentials. cmd/go itself does not redact query strings. */
export function redactSecretQuery(text: string): string {
  if (!text.includes('=')) return text;
  return text.replace(SECRET_QUERY, `$1${REDACTED}`);
}

const AUTHORIZATION = /\b((?:Proxy-)?Authorization[ \t]{0,16}[:=][ \t]{0,16})([^\s]{1,4096})(?:[ \t]{1,16}([^\s]{1,4096}))?/gi;

/** Hides the credential of an `Authorization` / `Proxy-Authorization` header wherever one appears in text. */
export function redactAuthorizationHeaders(text: string): string {
  if (!/authorization/i.test(text)) return text;
  return text.replace(AUTHORIZATION, (_m, name: string, scheme: string, credential: string | undefined) =>
    /^(basic|bearer|digest|token|negotiate)$/i.test(scheme) && credential !== undefined ? `${name}${scheme} ${REDACTED}` : `${name}${REDACTED}`,
  );
}

// `user:password@host[:port]` written without a scheme, as proxy variables may be (Go reads them as
// http://). Bounded, so linear; a `user@host` without a password (an ssh address) is left alone.
const SCHEMELESS_USERINFO = /(^|[\s"'(=,])([A-Za-z0-9._~%!$&*+;-]{1,256}):([^@\s/"']{1,1024})@(?=[A-Za-z0-9[][A-Za-z0-9.:\]-]{0,255}(?:[\s/"')]|$))/g;

// URI schemes whose opaque part is an address holding `@` (RFC 6068 mailto, RFC 3261 sip/sips,
// RFC 5122 xmpp, RFC 3860 im, RFC 3859 pres): `mailto:admin@example.com` is such a URI, not a user and
// password. Go's url.Parse reads it as scheme and opaque, and go prints it as it is (a redirect to it
// fails with `unsupported protocol scheme "mailto"`).
const OPAQUE_ADDRESS_SCHEMES = new Set(['mailto', 'sip', 'sips', 'xmpp', 'im', 'pres']);

/** Applies every positional redaction: URL userinfo (with or without a scheme), credential query parameters, Authorization values. */
export function redactSecrets(text: string): string {
  const urls = redactUrl(text);
  const schemeless = urls.includes('@')
    ? urls.replace(SCHEMELESS_USERINFO, (match, before: string, user: string) =>
        OPAQUE_ADDRESS_SCHEMES.has(user.toLowerCase()) ? match : `${before}${user}:${REDACTED}@`)
    : urls;
  return redactAuthorizationHeaders(redactSecretQuery(schemeless));
}

/** Secrets shorter than this are not searched for in server text: matching one or two characters would garble it. */
export const MIN_ECHO_LENGTH = 4;

/** The forms a credential can take when a server echoes it: raw, percent-encoded, base64 (alone or as `login:password`). */
export function echoForms(secret: string, login?: string): string[] {
  const forms = new Set<string>([secret]);
  try {
    forms.add(decodeURIComponent(secret));
  } catch {
    // not percent-encoded
  }
  forms.add(encodeURIComponent(secret));
  forms.add(Buffer.from(secret, 'utf8').toString('base64').replace(/=+$/, ''));
  if (login !== undefined) forms.add(Buffer.from(`${login}:${secret}`, 'utf8').toString('base64').replace(/=+$/, ''));
  return [...forms].filter((form) => form.length >= MIN_ECHO_LENGTH);
}

/**
 * Removes known credentials from text a server sent (a body, a reason phrase, a redirect target), in
 * the forms of {@link echoForms}. Only for server-supplied text: the tool's own text is never searched.
 */
export function scrubEchoedSecrets(text: string, forms: readonly string[]): string {
  let result = text;
  for (const form of forms) {
    if (form.length < MIN_ECHO_LENGTH || !result.includes(form)) continue;
    result = result.split(form).join(REDACTED);
  }
  return result;
}

// C0 controls except tab and newline, DEL, and C1 controls: any of them can move the cursor,
// rewrite the terminal title (OSC) or worse when echoed.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const ESCAPE_SEQUENCES = /\u001b(?:\[[0-?]{0,64}[ -/]{0,16}[@-~]|\][^\u0007\u001b]{0,4096}(?:\u0007|\u001b\\)?|[PX^_][^\u001b]{0,4096}(?:\u001b\\)?|[@-Z\\-_])/g;
// Invisible format characters that reorder or hide text: bidirectional overrides and isolates
// (U+202A–U+202E, U+2066–U+2069), zero-width characters (U+200B–U+200F, U+2060–U+2064, U+FEFF),
// the soft hyphen and the Arabic letter mark. Shown escaped, never passed through.
const INVISIBLE_FORMAT = /[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/**
 * Removes terminal escape sequences and control characters, keeping tabs and newlines. For reading
 * logs: the text is matched, not shown; invisible format characters are left for the renderers.
 */
export function removeControlCharacters(text: string): string {
  return text.replace(ESCAPE_SEQUENCES, '').replace(/\r\n/g, '\n').replace(CONTROL_CHARACTERS, '');
}

/** Shows invisible format characters (bidirectional overrides, zero-width characters) as `\u{202E}`. */
export function escapeInvisibleCharacters(text: string): string {
  return text.replace(INVISIBLE_FORMAT, (c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}}`);
}

/** Makes untrusted text safe for a terminal: no escape sequences or control characters, invisible characters shown escaped. */
export function stripControlCharacters(text: string): string {
  return escapeInvisibleCharacters(removeControlCharacters(text));
}

/** Makes untrusted text safe to print: no secrets in URL, header or query positions, no control or invisible characters. */
export function safeText(text: string): string {
  return redactSecrets(stripControlCharacters(text));
}

/**
 * Makes every string inside a JSON-able value safe (keys untouched), so a whole `--json` document can be
 * cleaned in one call whatever field a URL or header ended up in.
 */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return safeText(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactDeep(item)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) out[key] = redactDeep(item);
    return out as T;
  }
  return value;
}
