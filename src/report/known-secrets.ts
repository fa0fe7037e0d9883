/**
 * The credentials a shareable document must not carry: `.netrc` passwords and the passwords in proxy
 * URLs (GOPROXY, GOSUMDB, HTTPS_PROXY and friends), in every form a server or a log might echo them
 * (raw, percent-encoded, base64, `login:password` base64). Used only to scrub untrusted text such as a
 * pasted build log, where a secret can sit anywhere; the tool's own text is redacted by position.
 */
import type { GoEnvironment } from '../goenv/types.js';
import type { NetrcEntry } from '../probe/netrc.js';
import { echoForms } from '../redact.js';

/** Echo forms of every known credential, longest first so a form that contains another is masked whole. */
export function knownSecretForms(env: GoEnvironment | undefined, netrc: readonly NetrcEntry[], osEnv: Readonly<Record<string, string | undefined>>): string[] {
  const forms = new Set<string>();
  const add = (login: string, password: string): void => {
    if (password === '') return;
    for (const form of echoForms(password, login)) forms.add(form);
  };
  for (const entry of netrc) add(entry.login, entry.password);
  const urls: string[] = [];
  for (const name of ['GOPROXY', 'GOSUMDB', 'GONOPROXY', 'GOPRIVATE']) urls.push(...(env?.goEnvJson[name] ?? '').split(/[,|\s]+/));
  for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy']) {
    const value = osEnv[name];
    if (value !== undefined && value !== '') urls.push(value.includes('://') ? value : `http://${value}`);
  }
  for (const raw of urls) {
    const userinfo = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/@?#]*)@/.exec(raw.trim())?.[1];
    if (userinfo === undefined) continue;
    const colon = userinfo.indexOf(':');
    if (colon < 0) add('', userinfo);
    else add(userinfo.slice(0, colon), userinfo.slice(colon + 1));
  }
  return [...forms].sort((a, b) => b.length - a.length);
}
