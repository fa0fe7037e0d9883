/**
 * Credentials written into GOPROXY URLs, and the `.netrc` entry that carries them instead. Shared by the
 * goproxy-credentials, goproxy-credentials-http and netrc-machine-mismatch rules. Pure.
 */
import { parseGoUrl, type GoUrl } from '../goenv/go-url.js';
import type { CheckInput } from './rule.js';

/** A GOPROXY proxy entry whose URL has userinfo. */
export interface CredentialEntry {
  /** The entry as written (after cmd/go adds a missing `https://`). */
  url: string;
  parsed: GoUrl & { user: NonNullable<GoUrl['user']> };
}

/** The GOPROXY proxy entries that carry userinfo, in list order; none when GOPROXY is invalid. */
export function goproxyEntriesWithCredentials(input: CheckInput): CredentialEntry[] {
  if (!input.proxyList.ok) return [];
  const out: CredentialEntry[] = [];
  for (const spec of input.proxyList.specs) {
    if (spec.kind !== 'proxy' || spec.url === undefined) continue;
    const parsed = parseGoUrl(spec.url);
    if (!parsed.ok) continue;
    const user = parsed.url.user;
    if (user === undefined) continue;
    out.push({ url: spec.url, parsed: { ...parsed.url, user } });
  }
  return out;
}

/**
 * The shell command that appends a `.netrc` entry for `machine` with a placeholder password: the
 * password is never written into a suggestion.
 */
export function netrcEntryCommand(machine: string, login: string): string {
  return `printf 'machine ${machine}\\nlogin ${login}\\npassword <token>\\n' >> ~/.netrc && chmod 600 ~/.netrc`;
}
