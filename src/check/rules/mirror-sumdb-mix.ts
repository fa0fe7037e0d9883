/**
 * mirror-sumdb-mix: GOPROXY lists public mirrors whose downloads agree with different checksum databases
 * (goproxy.io's gosum.io next to goproxy.cn's sum.golang.org), or a mirror that agrees with another database
 * than the one GOSUMDB names. One version can then carry two hashes: a mirror caches what it first fetched,
 * and after the author moves the tag the other side records the new content (goproxy/goproxy.cn#183). go
 * checks every new download against GOSUMDB's database (go1.26 src/cmd/go/internal/modfetch/fetch.go,
 * checkModSum), so the mismatch stops the build with SECURITY ERROR, and a go.sum written with one mirror
 * fails on a machine that uses the other. The mirror facts, with their sources, are in src/mirrors/.
 */
import { joinSentences, setVariableFix, unsetVariableFix, type Fix } from '../../fix.js';
import { canonicalDatabase, checksumDatabaseByName, type KnownMirror } from '../../mirrors/known-mirrors.js';
import { goproxyWithout, proxyEntries, type ProxyEntry } from '../mirror-entries.js';
import type { CheckRule } from '../rule.js';
import { makeFinding, valueEvidence } from '../rule-kit.js';
import { t } from '../../i18n/language.js';

const RETAG_SOURCE = 'https://github.com/goproxy/goproxy.cn/issues/183';

export const mirrorSumdbMix: CheckRule = {
  id: 'mirror-sumdb-mix',
  group: 'config',
  severity: 'warning',
  get summary() {
    return t`GOPROXY mixes mirrors (or a mirror and GOSUMDB) that agree with different checksum databases.`;
  },
  detect(input) {
    const { env, settings, sumdb } = input;
    if (!sumdb.ok || sumdb.config.kind !== 'db') return [];
    const verifying = canonicalDatabase(sumdb.config.name);
    const vouched = proxyEntries(settings.GOPROXY).filter((e): e is ProxyEntry & { mirror: KnownMirror & { agreesWith: NonNullable<KnownMirror['agreesWith']> } } => e.mirror?.agreesWith !== undefined);
    const databases = new Set<string>([verifying, ...vouched.map((e) => canonicalDatabase(e.mirror.agreesWith.database))]);
    if (databases.size < 2) return [];

    const describe = (e: (typeof vouched)[number]): string => `${e.host} (${e.mirror.agreesWith.database})`;
    const others = vouched.filter((e) => canonicalDatabase(e.mirror.agreesWith.database) !== verifying);
    const agreeing = vouched.filter((e) => canonicalDatabase(e.mirror.agreesWith.database) === verifying);
    const gosumdbText = sumdb.config.rewrittenFrom !== undefined ? `${sumdb.config.rewrittenFrom} (${verifying})` : verifying;
    const message =
      agreeing.length > 0
        ? t`GOPROXY mixes mirrors whose downloads agree with different checksum databases: ${vouched.map(describe).join(', ')}, while GOSUMDB verifies against ${gosumdbText}.`
        : others.length === 1
          ? t`GOPROXY uses ${others.map(describe).join(', ')}, whose downloads agree with another checksum database than the one GOSUMDB verifies against: ${gosumdbText}.`
          : t`GOPROXY uses ${others.map(describe).join(', ')}, whose downloads agree with other checksum databases than the one GOSUMDB verifies against: ${gosumdbText}.`;
    const consequence = t`After a module author moves a version tag, one side keeps the old content and the other records the new, so go can stop with a checksum mismatch (SECURITY ERROR) for that version, and a go.sum written through one mirror fails where the other is used.`;

    const fixes: Fix[] = [];
    const withoutOthers = goproxyWithout(settings.GOPROXY, new Set(others.map((e) => e.position)));
    if (withoutOthers !== undefined) {
      fixes.push(
        setVariableFix(
          'goproxy-drop-mirror',
          env,
          'GOPROXY',
          withoutOthers,
          t`Keep only mirrors that agree with ${verifying}, the database go verifies against: drop ${others.map((e) => e.host).join(', ')}.`,
        ),
      );
    }
    // GOSUMDB names a database no listed mirror agrees with: the default database matches the mirrors.
    const mirrorDatabases = new Set(vouched.map((e) => canonicalDatabase(e.mirror.agreesWith.database)));
    if (!mirrorDatabases.has(verifying) && mirrorDatabases.size === 1 && mirrorDatabases.has('sum.golang.org')) {
      const hosts = vouched.map((e) => e.host).join(', ');
      const text = vouched.length === 1 ? t`Verify against sum.golang.org, the database ${hosts} agrees with (go's default).` : t`Verify against sum.golang.org, the database ${hosts} agree with (go's default).`;
      fixes.push(unsetVariableFix('gosumdb-default', env, 'GOSUMDB', text));
    }
    const dbFacts = [...databases].map((d) => checksumDatabaseByName(d)).filter((d) => d !== undefined);
    return [
      makeFinding({
        id: 'mirror-sumdb-mix',
        rule: 'mirror-sumdb-mix',
        severity: 'warning',
        group: 'config',
        message: joinSentences(message, consequence),
        evidence: [
          valueEvidence(env, 'GOPROXY'),
          valueEvidence(env, 'GOSUMDB'),
          ...vouched.map((e) => `${e.host}: ${e.mirror.agreesWith.because.text} (${e.mirror.agreesWith.because.source})`),
          ...dbFacts.filter((d) => d.name === 'gosum.io').map((d) => `${d.name}: ${d.facts.map((f) => `${f.text} (${f.source})`).join('; ')}`),
          t`one version with two hashes through two mirrors, after its tag was moved: ${RETAG_SOURCE}`,
        ],
        fixes,
      }),
    ];
  },
};
