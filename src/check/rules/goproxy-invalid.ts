/**
 * goproxy-invalid: a GOPROXY entry that cmd/go rejects before any request (no scheme, a scheme other than
 * https/http/file, a file URL with a host, quotes kept from the go env file, a URL go cannot parse).
 * mirrors go1.26 src/cmd/go/internal/modfetch/proxy.go:104-109 (the list is checked first) and :196-215 (newProxyRepo).
 */
import { adviceFix, type Fix } from '../../fix.js';
import { EMPTY_PROXY_LIST_ERROR } from '../../goenv/proxylist.js';
import type { ProxyConfigInvalidDetails } from '../../scenarios/proxy-config-invalid.js';
import { semicolonEntries } from '../goproxy-corrections.js';
import type { CheckRule } from '../rule.js';
import { makeFinding, predictedGoError, valueEvidence } from '../rule-kit.js';
import { fixesFor } from '../scenario-call.js';
import { t } from '../../i18n/language.js';

type EntryKind = Extract<ProxyConfigInvalidDetails, { readonly entry?: string }>['kind'];

/** Which of the scenario's bad-entry kinds cmd/go's error is, or undefined for an error it has no kind for. */
function entryKind(error: string, goproxy: string): EntryKind | undefined {
  if (/missing scheme/.test(error)) return 'missing-scheme';
  if (/invalid proxy URL scheme/.test(error)) return 'bad-scheme';
  if (/non-path elements/.test(error)) return 'bad-file-url';
  // The go env file keeps quotes, so a quoted URL fails to parse (go1.26 src/cmd/go/internal/cfg/cfg.go:379-419, readEnvFile).
  if (/first path segment in URL cannot contain colon/.test(error) && /^["']/.test(goproxy)) return 'quoted-value';
  return undefined;
}

export const goproxyInvalid: CheckRule = {
  id: 'goproxy-invalid',
  group: 'config',
  severity: 'error',
  get summary() {
    return t`A GOPROXY entry is invalid, so every module download fails.`;
  },
  detect(input) {
    const { env, proxyList: list, settings } = input;
    if (list.ok || list.error === EMPTY_PROXY_LIST_ERROR) return [];
    const error = list.error;
    // `https://a;direct` that fails to parse is goproxy-semicolon's finding, which has the corrected value.
    if (error.includes(';') && semicolonEntries(settings.GOPROXY) !== undefined) return [];
    const kind = entryKind(error, settings.GOPROXY);
    const entry = /: (\S+)$/.exec(error)?.[1];
    const fixes: Fix[] =
      kind !== undefined
        ? fixesFor({ scenario: 'proxy-config-invalid', fields: {}, details: { kind, ...(entry !== undefined ? { entry } : {}) } }, env)
        : [
            adviceFix(
              'goproxy-fix-entry',
              t`go cannot parse a GOPROXY entry as a URL: write each entry as https://host[/path] (or direct, off), separated by "," or "|".`,
              'go env GOPROXY',
            ),
          ];
    return [
      makeFinding({
        id: 'proxy-config-invalid',
        rule: 'goproxy-invalid',
        severity: 'error',
        group: 'config',
        message: t`GOPROXY is invalid, so every module download fails before any request.`,
        evidence: [valueEvidence(env, 'GOPROXY'), predictedGoError(error)],
        fixes,
      }),
    ];
  },
};
