/**
 * mirror-host-misspelt: a GOPROXY entry or the GOSUMDB name is one or two keystrokes away from a known
 * public mirror or checksum database (`goproxy.cm`, `goproxy.oi`, `sum.golang.ogr`). go takes the host as
 * written (go1.26 src/cmd/go/internal/modfetch/proxy.go:97-103 only adds `https://`), so the requests go to
 * a name that does not resolve, or to whoever owns the misspelt name. The known names and the distance are
 * in src/mirrors/.
 */
import { setVariableFix } from '../../fix.js';
import { goQuote } from '../../goenv/go-text.js';
import { editDistance, probablyMeantHosts } from '../../mirrors/edit-distance.js';
import { checksumDatabaseByName, databaseOfKey, KNOWN_CHECKSUM_DATABASES, KNOWN_MIRRORS, mirrorByHost } from '../../mirrors/known-mirrors.js';
import { goproxyReplacing, proxyEntries } from '../mirror-entries.js';
import type { CheckRule } from '../rule.js';
import { makeFinding, valueEvidence } from '../rule-kit.js';
import type { Finding } from '../types.js';
import { t } from '../../i18n/language.js';

const MIRROR_HOSTS = KNOWN_MIRRORS.map((m) => m.host);
const DATABASE_NAMES = KNOWN_CHECKSUM_DATABASES.map((d) => d.name);

/** `a`, `a or b`, `a, b or c`. */
function either(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : t`${names.slice(0, -1).join(', ')} or ${names[names.length - 1] ?? ''}`;
}

/** Who runs a known host, for the message. */
function whose(host: string): string {
  const mirror = mirrorByHost(host);
  if (mirror) return t`the mirror run by ${mirror.operator}`;
  const db = checksumDatabaseByName(host);
  return db && db.database !== db.name ? t`cmd/go's name for ${db.database}` : t`the checksum database`;
}

export const mirrorHostMisspelt: CheckRule = {
  id: 'mirror-host-misspelt',
  group: 'config',
  severity: 'warning',
  get summary() {
    return t`A GOPROXY or GOSUMDB host is a near-miss of a known mirror or checksum database.`;
  },
  detect(input) {
    const { env, settings } = input;
    const out: Finding[] = [];
    for (const entry of proxyEntries(settings.GOPROXY)) {
      const meant = probablyMeantHosts(entry.host, MIRROR_HOSTS);
      if (meant.length === 0) continue;
      const first = meant[0] as string;
      const at = entry.text.toLowerCase().indexOf(entry.host);
      const corrected = at < 0 ? first : `${entry.text.slice(0, at)}${first}${entry.text.slice(at + entry.host.length)}`;
      const distance = editDistance(entry.host, first);
      out.push(
        makeFinding({
          id: 'mirror-host-misspelt',
          rule: 'mirror-host-misspelt',
          severity: 'warning',
          group: 'config',
          message: t`The GOPROXY entry ${goQuote(entry.text)} names the host ${entry.host}, which looks like a misspelling of ${either(meant)} (${whose(first)}): go sends every request for it to ${entry.host} as written, a name that may not resolve or may belong to someone else.`,
          evidence: [
            valueEvidence(env, 'GOPROXY'),
            distance === 1
              ? t`${entry.host} is ${distance} edit (a letter added, dropped, changed or swapped) away from ${either(meant)}; go adds only "https://" to a bare host and changes nothing else (go1.26 src/cmd/go/internal/modfetch/proxy.go:97-103)`
              : t`${entry.host} is ${distance} edits (a letter added, dropped, changed or swapped) away from ${either(meant)}; go adds only "https://" to a bare host and changes nothing else (go1.26 src/cmd/go/internal/modfetch/proxy.go:97-103)`,
          ],
          fixes: [
            setVariableFix(
              'goproxy-fix-host',
              env,
              'GOPROXY',
              goproxyReplacing(settings.GOPROXY, entry.position, corrected),
              meant.length > 1 ? t`Spell the mirror's host ${first} (or ${either(meant.slice(1))}, whichever you meant).` : t`Spell the mirror's host ${first}.`,
            ),
          ],
        }),
      );
    }
    // GOSUMDB: the name (first field, or the name part of a key) against the known databases.
    const [written = '', ...rest] = settings.GOSUMDB.trim().split(/\s+/);
    const name = databaseOfKey(written);
    const meantDb = name === '' || name === 'off' ? [] : probablyMeantHosts(name, DATABASE_NAMES);
    const known = meantDb[0] !== undefined ? checksumDatabaseByName(meantDb[0]) : undefined;
    if (known) {
      // cmd/go completes only its own names with a key (go1.26 src/cmd/go/internal/modfetch/key.go:8, sumdb.go:94-101); any other database needs its full key.
      const value = [known.database === 'sum.golang.org' ? known.name : (known.key ?? known.name), ...rest].join(' ');
      out.push(
        makeFinding({
          id: 'mirror-host-misspelt',
          rule: 'mirror-host-misspelt',
          severity: 'warning',
          group: 'config',
          message: t`GOSUMDB names ${name}, which looks like a misspelling of ${either(meantDb)} (${whose(known.name)}): go completes only the exact names sum.golang.org and sum.golang.google.cn with their key, so with this name it cannot verify new modules.`,
          evidence: [valueEvidence(env, 'GOSUMDB'), t`cmd/go's built-in names: sum.golang.org (go1.26 src/cmd/go/internal/modfetch/key.go:8) and its alias sum.golang.google.cn (go1.26 src/cmd/go/internal/modfetch/sumdb.go:94-101)`],
          fixes: [
            setVariableFix(
              'gosumdb-fix-name',
              env,
              'GOSUMDB',
              value,
              known.database === 'sum.golang.org' ? t`Name the checksum database ${known.name}.` : t`Name the checksum database ${known.name}, with its full key.`,
            ),
          ],
        }),
      );
    }
    return out;
  },
};
