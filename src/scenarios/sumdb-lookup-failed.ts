/**
 * sumdb-lookup-failed: the checksum database could not vouch for a module. Either the module is
 * private (sum.golang.org answers 404/410 because it cannot fetch it), the database is unreachable or
 * blocked, or GOSUMDB itself is malformed.
 */
import { adviceFix, extendListFix, joinSentences, setVariableFix, shellQuote, unsetVariableFix, type Fix } from '../fix.js';
import { parseGoSumDb, type GoSumDbConfig } from '../goenv/sumdbconfig.js';
import type { GoEnvironment } from '../goenv/types.js';
import { looksPrivateModule, privatePatternFor } from '../goenv/private-hints.js';
import { coveringEntry, currentValue } from '../goenv/query.js';
import { t } from '../i18n/language.js';
import { baseFields, clampConfidence, evidenceLine, hostnameOfAddress } from './facts.js';
import { BARE_EOF, DNS_FAILURE, isNotFound, isServerError, REFUSED, RESET, TIMEOUT, TLS_HANDSHAKE_TIMEOUT, UNREACHABLE, X509 } from './signals.js';
import type { Scenario, ScenarioFacts, ScenarioMatch } from './types.js';

/** Why a lookup in a reachable-or-not checksum database failed. */
/**
 * `broken`: the database answers "not found" to what every checksum database serves (its signed tree
 * head, or every module asked, public ones included): it is not the database GOSUMDB names, or it is
 * broken; that says nothing about whether a module is private.
 */
export type SumdbFailureKind = 'not-found' | 'broken' | 'tls' | 'http-proxy' | 'auth' | 'blocked' | 'server-error' | 'dns' | 'unreachable' | 'http-error' | 'other';

/** What sumdb-lookup-failed extracts: a malformed GOSUMDB, verification turned off, or a failed lookup. */
export type SumdbLookupFailedDetails =
  | { readonly kind: 'config'; readonly error: string }
  | { readonly kind: 'disabled' }
  | {
      readonly kind: SumdbFailureKind;
      /** The GONOSUMDB/GOPRIVATE pattern to propose for the module. */
      readonly pattern?: string;
      readonly coveredByGonosumdb?: string;
      /** The database's host name. */
      readonly database?: string;
    };

// go1.23 src/cmd/go/internal/modfetch/sumdb.go:104-138
const CONFIG = /invalid GOSUMDB[^\n]{0,300}|missing GOSUMDB|invalid sumdb name[^\n]{0,300}/;
const DISABLED = /checksum database disabled by GOSUMDB=off/;

/** The database GOSUMDB configures, when it names one. */
function sumdbConfigured(env: GoEnvironment | undefined): Extract<GoSumDbConfig, { kind: 'db' }> | undefined {
  const configured = parseGoSumDb(currentValue(env, 'GOSUMDB') ?? '');
  return configured.ok && configured.config.kind === 'db' ? configured.config : undefined;
}

/** GOSUMDB's URL for `database`, when it gives one (without a trailing slash). */
function explicitDatabaseUrl(configured: Extract<GoSumDbConfig, { kind: 'db' }> | undefined, database: string): string | undefined {
  if (configured?.url === undefined || configured.name !== database) return undefined;
  let url = configured.url;
  while (url.endsWith('/')) url = url.slice(0, -1);
  return url;
}

/**
 * Where go sends the database's requests: GOSUMDB's URL (scheme, port and path kept) when it gives one,
 * else https://<name> (go1.26 src/cmd/go/internal/modfetch/sumdb.go dbDial).
 */
function databaseBase(configured: Extract<GoSumDbConfig, { kind: 'db' }> | undefined, database: string): string {
  return explicitDatabaseUrl(configured, database) ?? `https://${database}`;
}

function kindOf(text: string, status: number | undefined, proxyConnect: boolean): { kind: SumdbFailureKind; confidence: number } | undefined {
  if (X509.test(text)) return { kind: 'tls', confidence: 0.5 };
  if (proxyConnect || status === 407) return { kind: 'http-proxy', confidence: 0.5 };
  if (isNotFound(status)) return { kind: 'not-found', confidence: 0.9 };
  if (status === 401) return { kind: 'auth', confidence: 0.6 };
  if (status === 403) return { kind: 'blocked', confidence: 0.85 };
  if (isServerError(status)) return { kind: 'server-error', confidence: 0.8 };
  if (DNS_FAILURE.test(text)) return { kind: 'dns', confidence: 0.85 };
  if ([TIMEOUT, TLS_HANDSHAKE_TIMEOUT, REFUSED, RESET, UNREACHABLE, BARE_EOF].some((pattern) => pattern.test(text))) return { kind: 'unreachable', confidence: 0.85 };
  if (status !== undefined) return { kind: 'http-error', confidence: 0.7 };
  return { kind: 'other', confidence: 0.6 };
}

/** The sumdb-lookup-failed scenario: the checksum database could not vouch for a module. */
export const sumdbLookupFailed: Scenario<SumdbLookupFailedDetails> = {
  id: 'sumdb-lookup-failed',
  get title() {
    return t`Checksum database lookup failed`;
  },
  get summary() {
    return t`The checksum database (GOSUMDB) could not vouch for a module.`;
  },
  get explanation() {
    return joinSentences(
      t`Before go records the hash of a module that is not yet in go.sum, it asks the checksum database (sum.golang.org by default, through GOPROXY when the proxy supports it) for the module's hash.`,
      t`sum.golang.org answers 404/410 for modules it cannot fetch itself, which means private modules: list them in GONOSUMDB or GOPRIVATE.`,
      t`When the database is unreachable (DNS, firewall, timeouts, 403 from a regional block), verification fails for every new module; sum.golang.google.cn serves the same database with the same key.`,
      t`A malformed GOSUMDB value fails before any request.`,
    );
  },
  goSources: [
    'go1.23 src/cmd/go/internal/modfetch/fetch.go:763-783 (checkSumDB: verifying module / verifying go.mod)',
    'go1.23 src/cmd/go/internal/modfetch/fetch.go:655-661 (verifying go.mod)',
    'go1.23 src/cmd/go/internal/modfetch/sumdb.go:89-144 (GOSUMDB grammar and errors)',
    'go1.23 src/cmd/go/internal/modfetch/sumdb.go:172-215 (proxying the database through GOPROXY)',
    'go1.23 src/cmd/vendor/golang.org/x/mod/sumdb/client.go:216-219 (lookup errors)',
  ],
  examples: [
    'go: git.corp.example.com/team/lib@v0.3.1: verifying module: git.corp.example.com/team/lib@v0.3.1: reading https://sum.golang.org/lookup/git.corp.example.com/team/lib@v0.3.1: 410 Gone\n\tserver response: not found: git.corp.example.com/team/lib@v0.3.1: unrecognized import path "git.corp.example.com/team/lib": https fetch: Get "https://git.corp.example.com/team/lib?go-get=1": dial tcp: lookup git.corp.example.com: no such host',
    'go: example.com/x@v1.0.0: verifying go.mod: example.com/x@v1.0.0/go.mod: Get "https://sum.golang.org/lookup/example.com/x@v1.0.0": dial tcp 142.250.0.1:443: i/o timeout',
    'go: example.com/x@v1.0.0: verifying module: invalid GOSUMDB: malformed verifier id',
  ],
  trigger: /verifying (?:module|go\.mod)|GOSUMDB|\/lookup\/|sum\.golang|\/sumdb\/|\/tile\//,

  match(block, context): ScenarioMatch<SumdbLookupFailedDetails> | undefined {
    const facts = block.facts;
    const text = facts.ownText;
    if (/checksum mismatch/.test(text)) return undefined;
    const fields = baseFields(facts);
    const config = text.match(CONFIG);
    if (config) return { confidence: 0.9, fields, evidence: evidenceLine(block, CONFIG), details: { kind: 'config', error: config[0] } };
    if (DISABLED.test(text)) {
      return { confidence: facts.toolchain ? 0.5 : 0.8, fields, evidence: evidenceLine(block, DISABLED), details: { kind: 'disabled' } };
    }
    if (!facts.sumdb) return undefined;
    const kind = kindOf(text, facts.status, facts.proxyConnect);
    if (!kind) return undefined;
    let confidence = kind.confidence;
    if (facts.toolchain) confidence -= 0.2;
    const covered = facts.module !== undefined ? coveringEntry(context.env, 'GONOSUMDB', facts.module) : undefined;
    const details: SumdbLookupFailedDetails = {
      kind: kind.kind,
      ...(facts.module !== undefined ? { pattern: privatePatternFor(facts.module) } : {}),
      ...(covered !== undefined ? { coveredByGonosumdb: covered } : {}),
      ...(facts.urlHost !== undefined ? { database: hostnameOfAddress(facts.urlHost) } : {}),
    };
    return {
      confidence: clampConfidence(confidence),
      fields,
      evidence: evidenceLine(block, /verifying (?:module|go\.mod)|\/lookup\//),
      details,
    };
  },

  fixes(diagnosis: ScenarioFacts<SumdbLookupFailedDetails>, env): Fix[] {
    const { module, version } = diagnosis.fields;
    const details = diagnosis.details;
    const fixes: Fix[] = [];
    if (details.kind === 'config') {
      fixes.push(
        unsetVariableFix('gosumdb-unset', env, 'GOSUMDB', t`GOSUMDB is malformed (${details.error}): remove the setting to get the default, sum.golang.org.`),
        adviceFix(
          'gosumdb-forms',
          t`Valid forms are \`off\`, a database name (\`sum.golang.org\`), \`<name>+<hash>+<key>\`, each optionally followed by a space and a URL. There is no \`+insecure\` mode: use GONOSUMDB or GOPRIVATE for modules the database cannot see.`,
        ),
      );
      return fixes;
    }
    if (details.kind === 'disabled') {
      fixes.push(
        unsetVariableFix('gosumdb-unset', env, 'GOSUMDB', t`Go toolchain downloads are always verified against the checksum database, even with GOSUMDB=off: turn it back on.`),
        adviceFix('install-toolchain', t`Or install the required Go version yourself and keep GOTOOLCHAIN=local.`),
      );
      return fixes;
    }
    const { kind, pattern } = details;
    if (kind === 'broken') {
      const configuredDb = sumdbConfigured(env);
      const database = details.database ?? configuredDb?.name ?? 'sum.golang.org';
      const base = databaseBase(configuredDb, database);
      fixes.push(
        adviceFix(
          'gosumdb-check-database',
          t`The checksum database at ${base} answers "not found" even for what every checksum database has: GOSUMDB must name a working database and, when it is not reached through a module proxy, its real URL. See what it serves:`,
          `curl -sS ${shellQuote(`${base}/latest`)}`,
        ),
      );
      return fixes;
    }
    if (kind === 'not-found') {
      if (module !== undefined && pattern !== undefined) {
        if (details.coveredByGonosumdb !== undefined) {
          fixes.push(
            adviceFix(
              'gonosumdb-elsewhere',
              t`GONOSUMDB here already covers ${module} (through "${details.coveredByGonosumdb}"), so the failing run did not have it: set GONOSUMDB or GOPRIVATE where that run gets its environment (CI variables, Dockerfile ENV).`,
            ),
          );
        }
        fixes.push(
          extendListFix(
            'gonosumdb-add',
            env,
            'GONOSUMDB',
            pattern,
            t`The public checksum database cannot see ${module}, which means it is private: exclude ${pattern} from checksum-database lookups. Its hashes are still recorded in and checked against go.sum.`,
            { inheritFrom: 'GOPRIVATE' },
          ),
          extendListFix(
            'goprivate-add',
            env,
            'GOPRIVATE',
            pattern,
            t`If ${pattern} should also bypass module proxies and be fetched directly with your git credentials, list it in GOPRIVATE instead (it sets both GONOPROXY and GONOSUMDB).`,
          ),
        );
      } else {
        // Skipping verification for a path is a weakening, whichever variable names it.
        fixes.push(adviceFix('gonosumdb-add', t`The checksum database does not know this module, so it is private: add its path pattern to GONOSUMDB or GOPRIVATE.`, undefined, true));
      }
      return fixes;
    }
    if (kind === 'tls' || kind === 'http-proxy') {
      fixes.push(
        adviceFix(
          kind === 'tls' ? 'fix-certificate' : 'fix-http-proxy',
          kind === 'tls'
            ? t`The checksum database's certificate was not trusted: fix the certificate problem (see tls-certificate), usually by trusting your network's interception CA.`
            : t`The request to the checksum database went through the HTTP proxy from HTTPS_PROXY, which failed: fix the proxy settings (see http-proxy-env).`,
        ),
      );
      return fixes;
    }
    if (kind === 'auth') {
      fixes.push(adviceFix('netrc-entry', t`${diagnosis.fields.host ?? t`The server`} proxies the checksum database and wants credentials: add them to ~/.netrc for that host (see auth-required).`));
      return fixes;
    }
    // The database go asks: GOSUMDB's name and, when GOSUMDB gives one, its URL (scheme, port, path:
    // go1.26 src/cmd/go/internal/modfetch/sumdb.go dbDial uses it as the base of every request).
    const configuredDb = sumdbConfigured(env);
    const database = details.database ?? configuredDb?.name ?? 'sum.golang.org';
    const explicitUrl = explicitDatabaseUrl(configuredDb, database);
    const base = databaseBase(configuredDb, database);
    if (module !== undefined && version !== undefined) {
      fixes.push(
        adviceFix(
          'check-reachability',
          t`Check whether this machine can reach the checksum database at all.`,
          `curl -sS -o /dev/null -w '%{http_code}\\n' ${shellQuote(`${base}/lookup/${module}@${version}`)}`,
        ),
      );
    }
    if (database === 'sum.golang.org' && explicitUrl === undefined) {
      fixes.push(
        setVariableFix(
          'gosumdb-mirror',
          env,
          'GOSUMDB',
          'sum.golang.google.cn',
          t`Where sum.golang.org is blocked (mainland China), use its official mirror: same database, same signing key, so verification stays as strong.`,
        ),
      );
    }
    const proxy = currentValue(env, 'GOPROXY');
    fixes.push(
      adviceFix(
        'sumdb-through-proxy',
        proxy !== undefined
          ? t`A module proxy that also proxies the checksum database (/sumdb/${database}/supported) carries these lookups for you when it is first in GOPROXY (now: ${proxy}).`
          : t`A module proxy that also proxies the checksum database (/sumdb/${database}/supported) carries these lookups for you when it is first in GOPROXY.`,
      ),
    );
    if (module !== undefined && pattern !== undefined && looksPrivateModule(module)) {
      fixes.push(extendListFix('gonosumdb-add', env, 'GONOSUMDB', pattern, t`If ${module} is private, the public database cannot vouch for it anyway: exclude ${pattern}.`, { inheritFrom: 'GOPRIVATE' }));
    }
    fixes.push(
      setVariableFix('gosumdb-off', env, 'GOSUMDB', 'off', t`Last resort on an isolated network: turn verification off. New modules are then trusted on first download, whatever served them.`, {
        weakensSecurity: true,
      }),
    );
    return fixes;
  },
};
