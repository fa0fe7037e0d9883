/**
 * proxy-server-error: the proxy answered, but badly — a 5xx status, a connection cut mid-body
 * (unexpected EOF), a corrupt zip, or a response that is not what the module proxy protocol promises.
 */
import { adviceFix, setVariableFix, type Fix } from '../fix.js';
import { currentValue } from '../goenv/query.js';
import { baseFields, clampConfidence, evidenceLine } from './facts.js';
import { isServerError } from './signals.js';
import type { Scenario, ScenarioFacts, ScenarioMatch } from './types.js';

/** What proxy-server-error extracts: how the proxy's answer was broken. */
export type ProxyServerErrorDetails =
  | { readonly kind: 'http-5xx'; readonly serverResponse?: string }
  | { readonly kind: 'html-response' | 'invalid-response' | 'zip-too-large' | 'corrupt-zip' | 'truncated' | 'redirect-loop' | 'http2' | 'http-error' };

interface Rule {
  kind: Exclude<ProxyServerErrorDetails['kind'], 'http-5xx' | 'http-error'>;
  pattern: RegExp;
  confidence: number;
}

const RULES: readonly Rule[] = [
  // go1.23 src/cmd/go/internal/modfetch/proxy.go:377,398
  { kind: 'html-response', pattern: /invalid response from proxy "[^"\n]{0,2048}": invalid character '<'[^\n]{0,200}/, confidence: 0.7 },
  { kind: 'invalid-response', pattern: /invalid response from proxy[^\n]{0,300}/, confidence: 0.85 },
  // go1.23 src/cmd/go/internal/modfetch/proxy.go:383
  { kind: 'invalid-response', pattern: /proxy returned info for version [^\n]{0,300}/, confidence: 0.85 },
  // go1.23 src/cmd/go/internal/modfetch/proxy.go:443
  { kind: 'zip-too-large', pattern: /downloaded zip file too large/, confidence: 0.8 },
  // archive/zip: ErrFormat and friends, seen when a truncated or non-zip body was saved.
  { kind: 'corrupt-zip', pattern: /zip: not a valid zip file|zip: checksum error|zip: unsupported|zip: [^\n]{0,100}?(?:corrupt|truncated)|malformed zip/, confidence: 0.85 },
  { kind: 'truncated', pattern: /unexpected EOF/, confidence: 0.8 },
  // go1.23 src/cmd/go/internal/web/http.go:64-73
  { kind: 'redirect-loop', pattern: /stopped after 10 redirects/, confidence: 0.8 },
  { kind: 'http2', pattern: /stream error: [^\n]{0,200}|http2: server sent GOAWAY[^\n]{0,200}|INTERNAL_ERROR/, confidence: 0.6 },
];

/** The proxy-server-error scenario: the proxy answered with an error or a broken body. */
export const proxyServerError: Scenario<ProxyServerErrorDetails> = {
  id: 'proxy-server-error',
  title: 'Module proxy failed',
  summary: 'The module proxy answered with a server error, a truncated or corrupt download, or an invalid response.',
  explanation: [
    'A 5xx status means the proxy itself failed (outage, overload, an upstream it could not reach). cmd/go',
    'quotes up to a few lines of a text/plain body after `server response:`. After a comma in GOPROXY a 5xx',
    'stops the walk; with `|` go falls back to the next entry on any error. "unexpected EOF" and "not a valid',
    'zip file" mean the body was cut off or corrupted (a partial download can stay in the module cache);',
    '"invalid response from proxy" means the URL does not serve the module proxy protocol, for example a',
    'login page or the web UI of a repository manager.',
  ].join(' '),
  goSources: [
    'go1.23 src/cmd/go/internal/web/api.go:130-168 (status errors and server response excerpt)',
    'go1.23 src/cmd/go/internal/modfetch/proxy.go:139-185 (TryProxies: `|` falls back on any error)',
    'go1.23 src/cmd/go/internal/modfetch/proxy.go:377-443 (invalid response, wrong version, zip too large)',
  ],
  examples: [
    'go: example.com/x@v1.0.0: reading https://goproxy.corp.example.com/example.com/x/@v/v1.0.0.info: 502 Bad Gateway',
    'go: example.com/x@v1.0.0: read "https://goproxy.corp.example.com/example.com/x/@v/v1.0.0.zip": unexpected EOF',
    'go: example.com/x@v1.0.0: invalid response from proxy "https://goproxy.corp.example.com": invalid character \'<\' looking for beginning of value',
  ],
  trigger: /\b5\d\d\b|unexpected EOF|zip|invalid response from proxy|proxy returned info|stream error|GOAWAY|INTERNAL_ERROR|stopped after 10 redirects/,

  match(block): ScenarioMatch<ProxyServerErrorDetails> | undefined {
    const facts = block.facts;
    if (!facts.fromGoCommand) return undefined;
    const text = facts.ownText;
    const fields = baseFields(facts);
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
        fixes.push(adviceFix('check-redirects', `${host ?? 'The proxy'} keeps redirecting (go stops after 10 redirects): the GOPROXY URL is probably wrong, or a login gateway loops. Check where it redirects to.`, diagnosis.fields.url !== undefined ? `curl -sS -o /dev/null -w '%{http_code} %{redirect_url}\\n' '${diagnosis.fields.url}'` : undefined));
        return fixes;
      case 'html-response':
      case 'invalid-response':
        fixes.push(
          adviceFix(
            'check-proxy-url',
            `${host ?? 'The GOPROXY URL'} does not speak the module proxy protocol (GET <base>/<module>/@v/<version>.info must return JSON). Check the base URL: repository managers use an API path, and a login page means go needs credentials (see auth-required).`,
            at !== undefined && diagnosis.fields.url !== undefined ? `curl -sS '${diagnosis.fields.url}'` : undefined,
          ),
        );
        return fixes;
      case 'corrupt-zip':
      case 'truncated':
      case 'zip-too-large':
      case 'http2':
        fixes.push(
          adviceFix('clean-modcache', 'The download was cut off or corrupted; a partial copy may sit in the module cache. Clear it and retry.', at !== undefined ? `go clean -modcache && go mod download ${at}` : 'go clean -modcache'),
          adviceFix('try-other-proxy', `If it keeps failing for the same module, the proxy${host !== undefined ? ` ${host}` : ''} serves a broken file or something between you and it cuts large downloads: tell its operator, or try another proxy for one command.`, at !== undefined ? `GOPROXY=https://proxy.golang.org go mod download ${at}` : undefined),
        );
        return fixes;
      default:
        break;
    }
    fixes.push(
      adviceFix(
        'retry',
        `${host ?? 'The proxy'} failed with ${diagnosis.fields.status ?? 'a server error'}${details.kind === 'http-5xx' && details.serverResponse ? ` ("${details.serverResponse}")` : ''}: usually temporary. Retry, and if it is your organisation's proxy, check its logs.`,
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
          `After a comma, go tries the next GOPROXY entry only on 404/410; "|" after ${first} makes it fall back on server errors too.`,
        ),
      );
    } else if (goproxy === undefined) {
      fixes.push(
        adviceFix(
          'goproxy-pipe-fallback',
          'Separate GOPROXY entries with "|" instead of "," where you want go to fall back to the next one on server errors too (a comma falls back only on 404/410).',
          "go env -w 'GOPROXY=https://<your-proxy>|https://proxy.golang.org,direct'",
        ),
      );
    }
    return fixes;
  },
};
