/**
 * gosumdb-not-proxied: no GOPROXY entry proxies the checksum database GOSUMDB names (each answered 404/410 to
 * `/sumdb/<name>/supported`, or the list reaches `direct`/`off` first), so go contacts `https://<name>` itself
 * (go1.26 src/cmd/go/internal/modfetch/sumdb.go:177-227, initBase), and that address cannot be reached from
 * here: the `/latest` probe stopped before any HTTP answer. sumdb-unreachable reports the failure; this rule
 * says why go went there and which routes avoid it: cmd/go's built-in alias sum.golang.google.cn for
 * sum.golang.org (go1.26 src/cmd/go/internal/modfetch/sumdb.go:94-101), or a known mirror that proxies the
 * database (src/mirrors/known-mirrors.ts).
 */
import { setVariableFix, type Fix } from '../../fix.js';
import { checksumDatabaseByName, mirrorsProxying } from '../../mirrors/known-mirrors.js';
import { goproxyAdding } from '../mirror-entries.js';
import { classifyProbe } from '../probe-cause.js';
import { probeEvidence } from '../probe-evidence.js';
import type { CheckRule } from '../rule.js';
import { makeFinding, valueEvidence } from '../rule-kit.js';
import { t } from '../../i18n/language.js';

export const gosumdbNotProxied: CheckRule = {
  id: 'gosumdb-not-proxied',
  group: 'sumdb',
  severity: 'warning',
  get summary() {
    return t`No GOPROXY entry proxies the checksum database, and it cannot be reached directly from here.`;
  },
  detect(input) {
    const { env, settings, sumdb, network } = input;
    const state = network?.sumdb;
    if (!network || !state || !sumdb.ok || sumdb.config.kind !== 'db' || sumdb.config.url !== undefined) return [];
    if (state.report.via !== 'direct') return [];
    const latest = state.latest;
    // Unreachable means no HTTP answer at all: a database that answers with an error is reachable.
    if (!latest || latest.outcome.kind !== 'error' || latest.result.status !== undefined) return [];
    const name = sumdb.config.name;
    const cause = classifyProbe(latest, network.timeoutMs);
    const databaseUrl = latest.result.url.replace(/\/latest$/, '');
    const asked = state.supported.map((r) => `${network.chain[r.entry ?? -1]?.label ?? r.result.url}: /sumdb/${name}/supported → ${r.result.status ?? r.result.phase}`);
    const fixes: Fix[] = [];
    if (name === 'sum.golang.org') {
      const alias = checksumDatabaseByName('sum.golang.google.cn');
      fixes.push(
        setVariableFix(
          'gosumdb-alias-cn',
          env,
          'GOSUMDB',
          'sum.golang.google.cn',
          t`Reach sum.golang.org at ${alias?.url ?? 'https://sum.golang.google.cn'}: cmd/go knows this name as an alias of sum.golang.org with the same key, so verification stays as strict (go1.26 src/cmd/go/internal/modfetch/sumdb.go:94-101, where go describes it as reachable inside mainland China).`,
        ),
      );
    }
    const proxying = mirrorsProxying(name).filter((m) => !settings.GOPROXY.includes(m.host));
    const mirror = proxying.find((m) => m.mainlandChina) ?? proxying[0];
    if (mirror) {
      fixes.push(
        setVariableFix(
          'goproxy-add-sumdb-mirror',
          env,
          'GOPROXY',
          goproxyAdding(settings.GOPROXY, mirror.url),
          t`Or add ${mirror.url}, which proxies ${name} (${mirror.proxiesChecksumDatabases.find((p) => p.database === name)?.source ?? mirror.url}), before direct: go asks each entry in order whether it proxies the database, so checksum lookups then go through it; modules the entries before it serve still come from them.`,
        ),
      );
    }
    return [
      makeFinding({
        id: 'gosumdb-not-proxied',
        rule: 'gosumdb-not-proxied',
        cause: cause.cause,
        severity: state.report.needed ? 'warning' : 'info',
        group: 'sumdb',
        message:
          state.supported.length === 0
            ? t`No GOPROXY entry proxies the checksum database ${name} (the list reaches direct or off before any proxy), so go contacts ${databaseUrl} itself; from here, it ${cause.headline}.`
            : t`No GOPROXY entry proxies the checksum database ${name}, so go contacts ${databaseUrl} itself; from here, it ${cause.headline}.`,
        evidence: [valueEvidence(env, 'GOPROXY'), valueEvidence(env, 'GOSUMDB'), ...asked, ...probeEvidence(latest, network.chain)],
        fixes,
      }),
    ];
  },
};
