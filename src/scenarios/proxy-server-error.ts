/**
 * proxy-server-error: the proxy answered, but badly — a 5xx status, a connection cut mid-body
 * (unexpected EOF), a corrupt zip, or a response that is not what the module proxy protocol promises.
 */
import { adviceFix, joinSentences, setVariableFix, shellQuote, type Fix } from '../fix.js';
import { coveringEntry, currentValue } from '../goenv/query.js';
import { t } from '../i18n/language.js';
import { baseFields, clampConfidence, evidenceLine } from './facts.js';
import { BARE_EOF, isServerError } from './signals.js';
import type { Scenario, ScenarioFacts, ScenarioMatch } from './types.js';

/** What proxy-server-error extracts: how the proxy's answer was broken. */
export type ProxyServerErrorDetails =
  | { readonly kind: 'http-5xx'; readonly serverResponse?: string }
  | { readonly kind: 'http-error'; readonly reason?: string }
  | {
      readonly kind: 'poisoned-cache';
      /** Which cached file is not what it claims to be: a go.mod without a module line, a zip that is not one, or a .info that is not JSON. */
      readonly file: 'go.mod' | 'zip' | 'info';
      /**
       * GOMODCACHE as go reports it, when the damaged files were found there (by `check`): the fix then names
       * those files, not `$(go env GOMODCACHE)`.
       */
      readonly cacheDir?: string;
      /** The module whose file imports from the damaged one, when go named only that (see BlockFacts.importer). */
      readonly importer?: string;
      /** The environment turned checksum verification off for the module, which let the bad file in (env-aware). */
      readonly unverified?: string;
    }
  | { readonly kind: 'html-response' | 'invalid-response' | 'zip-too-large' | 'corrupt-zip' | 'truncated' | 'redirect-loop' | 'http2' | 'eof' };

type RuleKind = Exclude<ProxyServerErrorDetails['kind'], 'http-5xx' | 'http-error' | 'poisoned-cache'>;

interface Rule {
  kind: RuleKind;
  pattern: RegExp;
  confidence: number;
  /** go's own words: diagnosed without other signs of a module fetch. */
  selfEvident?: boolean;
}

const RULES: readonly Rule[] = [
  // go1.23 src/cmd/go/internal/modfetch/proxy.go:377,398
  { kind: 'html-response', pattern: /invalid response from proxy "[^"\n]{0,512}": invalid character '<'[^\n]{0,200}/, confidence: 0.7, selfEvident: true },
  { kind: 'invalid-response', pattern: /invalid response from proxy[^\n]{0,300}/, confidence: 0.85, selfEvident: true },
  // go1.23 src/cmd/go/internal/modfetch/proxy.go:383
  { kind: 'invalid-response', pattern: /proxy returned info for version [^\n]{0,300}/, confidence: 0.85, selfEvident: true },
  // go1.23 src/cmd/go/internal/modfetch/proxy.go:443
  { kind: 'zip-too-large', pattern: /downloaded zip file too large/, confidence: 0.8, selfEvident: true },
  // archive/zip: ErrChecksum, ErrAlgorithm and friends, seen when a truncated body was saved.
  { kind: 'corrupt-zip', pattern: /zip: checksum error|zip: unsupported|zip: [^\n]{0,100}?(?:corrupt|truncated)|malformed zip/, confidence: 0.85 },
  { kind: 'truncated', pattern: /unexpected EOF/, confidence: 0.8 },
  // go1.23 src/cmd/go/internal/web/http.go:64-73
  { kind: 'redirect-loop', pattern: /stopped after 10 redirects/, confidence: 0.8 },
  { kind: 'http2', pattern: /stream error: [^\n]{0,200}|http2: server sent GOAWAY[^\n]{0,200}|INTERNAL_ERROR/, confidence: 0.6 },
  // The server closed the connection before answering; network-blocked reads it as an equal.
  { kind: 'eof', pattern: BARE_EOF, confidence: 0.55 },
];

// A module cache entry that is not what it claims (go1.23 src/cmd/go/internal/modload/modfile.go:626 for
// the go.mod; archive/zip ErrFormat, src/archive/zip/reader.go, for the zip): the download was replaced,
// typically by an HTML page a proxy or portal answered with 200 while checksums were not verified.
const MISSING_MODULE_LINE = /parsing go\.mod: missing module line/;
const NOT_A_ZIP = /zip: not a valid zip file/;
// go reports a failed import at the importing file's position, with a column (`file.go:6:8: …`,
// go1.23 src/cmd/go/internal/load/pkg.go setLoadPackageDataError); a test's own log line has no column.
const IMPORT_POSITION = /(?:^|\s)[^\s:]{1,300}\.go:\d{1,6}:\d{1,6}: zip: /m;

/** The module cache path of a module or version: upper case escaped as `!` + lower case (go1.23 src/cmd/vendor/golang.org/x/mod/module/module.go EscapePath). */
function escapeCasePath(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => `!${letter.toLowerCase()}`);
}

/** The proxy-server-error scenario: the proxy answered with an error or a broken body. */
export const proxyServerError: Scenario<ProxyServerErrorDetails> = {
  id: 'proxy-server-error',
  get title() {
    return t`Module proxy failed`;
  },
  get summary() {
    return t`The module proxy answered with a server error, a truncated or corrupt download, or an invalid response.`;
  },
  get explanation() {
    return joinSentences(
      t`A 5xx status means the proxy itself failed (outage, overload, an upstream it could not reach).`,
      t`cmd/go quotes up to a few lines of a text/plain body after \`server response:\`.`,
      t`After a comma in GOPROXY a 5xx stops the walk; with \`|\` go falls back to the next entry on any error.`,
      t`"unexpected EOF" and "not a valid zip file" mean the body was cut off or corrupted (a partial download can stay in the module cache); "invalid response from proxy" means the URL does not serve the module proxy protocol, for example a login page or the web UI of a repository manager.`,
      t`A poisoned module cache is the lasting form of that: with checksums off for a module (GOSUMDB=off, GONOSUMDB or GOPRIVATE), a page served with status 200 is kept as its .mod or .zip, and later builds fail with "parsing go.mod: missing module line" or "zip: not a valid zip file" even against a good proxy, until the cached files are removed.`,
    );
  },
  goSources: [
    'go1.23 src/cmd/go/internal/web/api.go:130-168 (status errors and server response excerpt)',
    'go1.23 src/cmd/go/internal/modfetch/proxy.go:139-185 (TryProxies: `|` falls back on any error)',
    'go1.23 src/cmd/go/internal/modfetch/proxy.go:377-443 (invalid response, wrong version, zip too large)',
    'go1.23 src/cmd/go/internal/modload/modfile.go:626 (parsing go.mod: missing module line) and src/archive/zip/reader.go (zip: not a valid zip file)',
    'go1.23 src/cmd/go/internal/modfetch/cache.go CachePath (the cached .info, .mod and .zip of a version)',
    'go1.12 src/cmd/go/internal/web2/web.go Get (unexpected status (<URL>): <status>, before Go 1.13)',
  ],
  examples: [
    'go: example.com/x@v1.0.0: reading https://goproxy.corp.example.com/example.com/x/@v/v1.0.0.info: 502 Bad Gateway',
    'go: example.com/x@v1.0.0: read "https://goproxy.corp.example.com/example.com/x/@v/v1.0.0.zip": unexpected EOF',
    'go: example.com/x@v1.0.0: invalid response from proxy "https://goproxy.corp.example.com": invalid character \'<\' looking for beginning of value',
  ],
  trigger: /\b5\d\d\b|reading (?:https?|file):|unexpected status|unexpected EOF|zip|invalid response from proxy|proxy returned info|stream error|GOAWAY|INTERNAL_ERROR|stopped after 10 redirects|missing module line|EOF|\bGet "/,

  match(block, context): ScenarioMatch<ProxyServerErrorDetails> | undefined {
    const facts = block.facts;
    const text = facts.ownText;
    const fields = baseFields(facts);
    const poisonedFile = MISSING_MODULE_LINE.test(text) ? 'go.mod' : NOT_A_ZIP.test(text) && (facts.fetchContext || IMPORT_POSITION.test(text)) ? 'zip' : undefined;
    if (poisonedFile !== undefined) {
      const module = facts.module;
      const nosumdb = module !== undefined ? coveringEntry(context.env, 'GONOSUMDB', module) : undefined;
      const unverified = currentValue(context.env, 'GOSUMDB') === 'off' ? 'GOSUMDB=off' : nosumdb !== undefined ? `GONOSUMDB=${nosumdb}` : undefined;
      const details: ProxyServerErrorDetails = {
        kind: 'poisoned-cache',
        file: poisonedFile,
        ...(facts.importer !== undefined ? { importer: facts.importer } : {}),
        ...(unverified !== undefined ? { unverified } : {}),
      };
      return { confidence: 0.85, fields, evidence: evidenceLine(block, poisonedFile === 'go.mod' ? MISSING_MODULE_LINE : NOT_A_ZIP), details };
    }
    if (!facts.fetchContext) {
      const evident = RULES.find((rule) => rule.selfEvident === true && rule.pattern.test(text));
      if (evident === undefined) return undefined;
      return { confidence: clampConfidence(evident.confidence), fields, evidence: evidenceLine(block, evident.pattern), details: { kind: evident.kind } };
    }
    if (isServerError(facts.status) && !facts.connectReply) {
      let confidence = 0.85;
      if (facts.sumdb) confidence = 0.45;
      else if (facts.credentialFailureInResponse) confidence = 0.5;
      else if (facts.toolchain) confidence = 0.5;
      const details: ProxyServerErrorDetails = {
        kind: 'http-5xx',
        ...(facts.serverResponse !== undefined ? { serverResponse: facts.serverResponse.split('\n')[0] ?? '' } : {}),
      };
      return { confidence: clampConfidence(confidence), fields, evidence: evidenceLine(block, /: 5\d\d /), details };
    }
    const status = facts.status;
    // A 4xx that is not about existence (404/410), credentials (401/403) or the HTTP proxy (407): the
    // proxy refused a request it should serve (`400 Bad Request`, `405 Method Not Allowed`).
    const otherClientError = status !== undefined && status >= 400 && status < 500 && ![401, 403, 404, 407, 410].includes(status);
    if ((otherClientError || facts.bareReason !== undefined) && !facts.sumdb && !facts.toolchain) {
      // `Get "<URL>": <reason>` is how net/http reports a refused CONNECT (http-proxy-env reads it as an
      // equal); with the environment known and no proxy variable set, it cannot be one.
      const viaConnect = facts.connectReply || facts.bareReason !== undefined;
      const proxyVariable = context.env === undefined ? undefined : currentValue(context.env, 'HTTPS_PROXY') || currentValue(context.env, 'HTTP_PROXY') || '';
      let confidence = viaConnect ? 0.62 : 0.75;
      if (viaConnect && proxyVariable !== undefined) confidence = proxyVariable === '' ? 0.7 : 0.4;
      const reason = facts.statusReason ?? facts.bareReason;
      return { confidence, fields, evidence: evidenceLine(block, viaConnect ? /Get "[^"\n]{1,512}": [A-Z]/ : /: 4\d\d /), details: { kind: 'http-error', ...(reason !== undefined ? { reason } : {}) } };
    }
    for (const rule of RULES) {
      if (!rule.pattern.test(text)) continue;
      let confidence = rule.confidence;
      if (facts.toolchain) confidence = Math.min(confidence, 0.5);
      if (facts.proxyConnect) confidence = Math.min(confidence, 0.4);
      return { confidence: clampConfidence(confidence), fields, evidence: evidenceLine(block, rule.pattern), details: { kind: rule.kind } };
    }
    return undefined;
  },

  fixes(diagnosis: ScenarioFacts<ProxyServerErrorDetails>, env): Fix[] {
    const details = diagnosis.details;
    const { module, version } = diagnosis.fields;
    const host = diagnosis.fields.host;
    const goproxy = currentValue(env, 'GOPROXY');
    const fixes: Fix[] = [];
    const at = module !== undefined && version !== undefined ? `${module}@${version}` : module;
    switch (details.kind) {
      case 'redirect-loop':
        fixes.push(adviceFix('check-redirects', t`${host ?? t`The proxy`} keeps redirecting (go stops after 10 redirects): the GOPROXY URL is probably wrong, or a login gateway loops. Check where it redirects to.`, diagnosis.fields.url !== undefined ? `curl -sS -o /dev/null -w '%{http_code} %{redirect_url}\\n' '${diagnosis.fields.url}'` : undefined));
        return fixes;
      case 'html-response':
      case 'invalid-response':
        fixes.push(
          adviceFix(
            'check-proxy-url',
            t`${host ?? t`The GOPROXY URL`} does not speak the module proxy protocol (GET <base>/<module>/@v/<version>.info must return JSON). Check the base URL: repository managers use an API path, and a login page means go needs credentials (see auth-required).`,
            at !== undefined && diagnosis.fields.url !== undefined ? `curl -sS '${diagnosis.fields.url}'` : undefined,
          ),
        );
        return fixes;
      case 'poisoned-cache': {
        const cached = details.file === 'go.mod' ? 'go.mod' : details.file === 'info' ? '.info' : 'zip';
        if (module !== undefined && version !== undefined && details.importer === undefined) {
          // The one version's files in the download cache (go1.23 src/cmd/go/internal/modfetch/cache.go CachePath):
          // go fetches them again on the next build, from whatever GOPROXY says now.
          const stem = `/cache/download/${escapeCasePath(module)}/@v/${escapeCasePath(version)}`;
          const files = details.cacheDir !== undefined ? `${shellQuote(details.cacheDir + stem)}.*` : `"$(go env GOMODCACHE)${stem}".*`;
          fixes.push(
            adviceFix(
              'remove-cached-version',
              t`The ${cached} of ${module}@${version} in the module cache is not one (a proxy or portal once answered with an HTML page, and go kept it). go does not fetch it again by itself: delete that version's cached files, then retry.`,
              `rm -f ${files} && go mod download ${module}@${version}`,
            ),
            adviceFix('clean-modcache', t`Or clear the whole module cache (everything is downloaded again).`, 'go clean -modcache'),
          );
        } else {
          fixes.push(
            adviceFix(
              'clean-modcache',
              details.importer !== undefined
                ? t`A module in the cache is damaged (its ${cached} is not one); go names the file that imports from it, in ${details.importer}, not the damaged module itself. Clear the module cache and build again.`
                : t`A ${cached} in the module cache is not one (a proxy or portal once answered with an HTML page, and go kept it). Clear the module cache and build again.`,
              'go clean -modcache',
            ),
            adviceFix('find-damaged-module', t`To find the damaged module first (to report the proxy that served it), let go check every cached module against go.sum.`, 'go mod verify'),
          );
        }
        if (details.unverified !== undefined) {
          fixes.push(
            adviceFix(
              'keep-verification',
              t`Checksums were not verified for this module (${details.unverified}), which is how a page in place of the module got into the cache. Keep GOSUMDB on for public modules, and point GOPROXY at a proxy that answers with modules, not pages.`,
            ),
          );
        }
        return fixes;
      }
      case 'corrupt-zip':
      case 'truncated':
      case 'zip-too-large':
      case 'http2':
        fixes.push(
          adviceFix('clean-modcache', t`The download was cut off or corrupted; a partial copy may sit in the module cache. Clear it and retry.`, at !== undefined ? `go clean -modcache && go mod download ${at}` : 'go clean -modcache'),
          adviceFix('try-other-proxy', host !== undefined ? t`If it keeps failing for the same module, the proxy ${host} serves a broken file or something between you and it cuts large downloads: tell its operator, or try another proxy for one command.` : t`If it keeps failing for the same module, the proxy serves a broken file or something between you and it cuts large downloads: tell its operator, or try another proxy for one command.`, at !== undefined ? `GOPROXY=https://proxy.golang.org go mod download ${at}` : undefined),
        );
        return fixes;
      case 'eof':
        fixes.push(
          adviceFix('retry', t`${host ?? t`The server`} closed the connection without answering: if it is your organisation's proxy, check its logs; a firewall cutting connections looks the same (see network-blocked).`, at !== undefined ? `go mod download ${at}` : undefined),
        );
        return fixes;
      default:
        break;
    }
    fixes.push(
      adviceFix(
        'retry',
        t`${host ?? t`The proxy`} failed with ${diagnosis.fields.status ?? t`a server error`}${details.kind === 'http-5xx' && details.serverResponse ? t` ("${details.serverResponse}")` : ''}: usually temporary. Retry, and if it is your organisation's proxy, check its logs.`,
        at !== undefined ? `go mod download ${at}` : undefined,
      ),
    );
    if (goproxy !== undefined && goproxy.includes(',') && !goproxy.includes('|')) {
      const first = goproxy.split(',')[0] ?? goproxy;
      fixes.push(
        setVariableFix(
          'goproxy-pipe-fallback',
          env,
          'GOPROXY',
          `${first}|${goproxy.slice(first.length + 1)}`,
          t`After a comma, go tries the next GOPROXY entry only on 404/410; "|" after ${first} makes it fall back on server errors too.`,
        ),
      );
    } else if (goproxy === undefined) {
      fixes.push(
        adviceFix(
          'goproxy-pipe-fallback',
          t`Separate GOPROXY entries with "|" instead of "," where you want go to fall back to the next one on server errors too (a comma falls back only on 404/410).`,
          "go env -w 'GOPROXY=https://<your-proxy>|https://proxy.golang.org,direct'",
        ),
      );
    }
    return fixes;
  },
};
