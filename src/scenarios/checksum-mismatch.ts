/**
 * checksum-mismatch: go.sum verification failed. The downloaded bits differ from go.sum or from the
 * checksum database (SECURITY ERROR), or go.sum lacks an entry a read-only build needs. A re-tagged
 * upstream version is the usual cause; tampering is rare but is exactly what the check exists for.
 * Deleting go.sum is never the fix: go would re-record whatever it downloads.
 */
import { adviceFix, joinSentences, type Fix } from '../fix.js';
import { currentValue } from '../goenv/query.js';
import { t } from '../i18n/language.js';
import { baseFields, clampConfidence, evidenceLine } from './facts.js';
import type { Scenario, ScenarioFacts, ScenarioMatch } from './types.js';

/** What checksum-mismatch extracts: which record disagreed, and the hashes when go printed them. */
export type ChecksumMismatchDetails =
  | { readonly kind: 'go-sum'; readonly sumFile?: string; readonly recorded?: string; readonly downloaded?: string }
  | { readonly kind: 'sumdb'; readonly database?: string; readonly recorded?: string; readonly downloaded?: string }
  | { readonly kind: 'unknown'; readonly downloaded?: string }
  | { readonly kind: 'missing'; readonly suggestion?: string };

// go1.23 src/cmd/go/internal/modfetch/fetch.go:728,740 (go.sum) and :781 (checksum database)
const MISMATCH = /checksum mismatch/;
const DOWNLOADED = /downloaded: (h1:\S{1,100})/;
const RECORDED = /(go\.(?:work\.)?sum): {1,16}(h1:\S{1,100})/;
const DATABASE = /\t(?!downloaded:)([A-Za-z0-9.-]{1,253}(?:\/\S{1,200})?): (h1:\S{1,100})/;
// go1.23 src/cmd/go/internal/modload/import.go:186-213 and modfile.go:578
const MISSING = /missing go\.sum entry[^\n]{0,300}/;
const SUGGESTION = /to add(?: it)?:\n\t(go [^\n]{1,300})/;

/** The checksum-mismatch scenario: go.sum or checksum-database verification failed. */
export const checksumMismatch: Scenario<ChecksumMismatchDetails> = {
  id: 'checksum-mismatch',
  get title() {
    return t`go.sum verification failed`;
  },
  get summary() {
    return t`A downloaded module does not match go.sum or the checksum database, or go.sum lacks a needed entry.`;
  },
  get explanation() {
    return joinSentences(
      t`go.sum records the hash of every module version a build uses.`,
      t`When a download hashes differently, cmd/go stops with "checksum mismatch" and a SECURITY ERROR: the version's content changed since it was recorded (go.sum) or differs from what the public checksum database recorded for everyone.`,
      t`The common cause is an upstream that moved a tag (re-tagged a version); a corrupted module cache or a proxy serving altered content are others, and tampering is the rare case the check exists for.`,
      t`Deleting go.sum does not fix anything: go re-records the hash of whatever it downloads or has cached, and for private modules nothing then checks it.`,
      t`"missing go.sum entry" is the read-only build asking for an entry that was never recorded.`,
    );
  },
  goSources: [
    'go1.23 src/cmd/go/internal/modfetch/fetch.go:715-748 (go.sum checksum mismatch)',
    'go1.23 src/cmd/go/internal/modfetch/fetch.go:763-783 (checksum database mismatch)',
    'go1.23 src/cmd/go/internal/modfetch/fetch.go:975-993 (SECURITY ERROR texts)',
    'go1.23 src/cmd/go/internal/modload/import.go:186-213 (missing go.sum entry; to add:)',
    'go1.23 src/cmd/go/internal/modload/modfile.go:578 (missing go.sum entry for go.mod file)',
  ],
  examples: [
    [
      'verifying example.com/x@v1.0.0: checksum mismatch',
      '\tdownloaded: h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      '\tgo.sum:     h1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=',
      '',
      'SECURITY ERROR',
      'This download does NOT match an earlier download recorded in go.sum.',
      'The bits may have been replaced on the origin server, or an attacker may',
      'have intercepted the download attempt.',
      '',
      "For more information, see 'go help module-auth'.",
    ].join('\n'),
    'main.go:3:8: missing go.sum entry for module providing package example.com/x (imported by example.com/main); to add:\n\tgo get example.com/main',
  ],
  trigger: /checksum mismatch|SECURITY ERROR|missing go\.sum entry/,

  match(block): ScenarioMatch<ChecksumMismatchDetails> | undefined {
    const facts = block.facts;
    const text = facts.ownText;
    const fields = baseFields(facts);
    if (MISMATCH.test(text) || /SECURITY ERROR/.test(text)) {
      const found = text.match(DOWNLOADED);
      const downloaded = found ? { downloaded: found[1] as string } : {};
      let details: ChecksumMismatchDetails;
      const recorded = text.match(RECORDED);
      if (recorded || /recorded in go\.sum/.test(text)) {
        details = { kind: 'go-sum', ...(recorded ? { sumFile: recorded[1] as string, recorded: recorded[2] as string } : {}), ...downloaded };
      } else if (/reported by the checksum server|verifying (?:module|go\.mod): checksum mismatch/.test(text)) {
        const database = text.match(DATABASE);
        details = { kind: 'sumdb', ...(database ? { database: database[1] as string, recorded: database[2] as string } : {}), ...downloaded };
      } else {
        details = { kind: 'unknown', ...downloaded };
      }
      if (fields.version?.endsWith('/go.mod')) fields.version = fields.version.slice(0, -'/go.mod'.length);
      return { confidence: MISMATCH.test(text) ? 0.95 : 0.9, fields, evidence: evidenceLine(block, /checksum mismatch|SECURITY ERROR/), details };
    }
    const missing = text.match(MISSING);
    if (missing) {
      const suggestion = text.match(SUGGESTION);
      const details: ChecksumMismatchDetails = { kind: 'missing', ...(suggestion ? { suggestion: (suggestion[1] as string).trim() } : {}) };
      return { confidence: clampConfidence(0.9), fields, evidence: evidenceLine(block, MISSING), details };
    }
    return undefined;
  },

  fixes(diagnosis: ScenarioFacts<ChecksumMismatchDetails>, env): Fix[] {
    const { module, version } = diagnosis.fields;
    const details = diagnosis.details;
    const at = module !== undefined && version !== undefined ? `${module}@${version}` : module;
    const fixes: Fix[] = [];
    if (details.kind === 'missing') {
      const suggestion = details.suggestion;
      if (suggestion !== undefined) fixes.push(adviceFix('go-sum-record', t`Record the missing hash with the command go suggested, then commit go.sum.`, suggestion));
      fixes.push(
        adviceFix(
          'go-mod-tidy',
          t`Or bring go.mod and go.sum up to date for the whole module and commit both; read-only builds (CI, -mod=readonly) never add entries themselves.`,
          'go mod tidy',
        ),
      );
      return fixes;
    }
    fixes.push(
      adviceFix(
        'keep-go-sum',
        t`Do not delete go.sum: go would re-record whatever it downloads next, and for private modules nothing would check it. First find out which side changed.`,
      ),
    );
    if (details.kind === 'sumdb') {
      fixes.push(
        adviceFix(
          'clean-modcache',
          t`The content you downloaded differs from what the checksum database recorded for everyone. Clear the module cache and download again; if it still differs, the proxy or origin serving ${at ?? t`the module`} altered it.`,
          at !== undefined ? `go clean -modcache && go mod download ${at}` : 'go clean -modcache',
        ),
      );
      const proxy = currentValue(env, 'GOPROXY');
      fixes.push(
        adviceFix(
          'report-mirror',
          proxy !== undefined
            ? t`Find out which GOPROXY entry served it (GOPROXY=${proxy}): a caching mirror that fetched a moved tag keeps serving the new bits. Report it to the mirror's operator, or to the module's author if the tag was moved at the origin.`
            : t`Find out which GOPROXY entry served it: a caching mirror that fetched a moved tag keeps serving the new bits. Report it to the mirror's operator, or to the module's author if the tag was moved at the origin.`,
        ),
        adviceFix(
          'require-new-version',
          t`If the author re-tagged ${version ?? t`the version`}, the public record keeps the original forever: require a new version instead of the moved tag.`,
          module !== undefined ? `go get ${module}@latest` : undefined,
        ),
      );
      return fixes;
    }
    fixes.push(
      adviceFix('go-mod-verify', t`Check whether your module cache still matches what go.sum recorded (it reports modified or corrupted downloads).`, 'go mod verify'),
    );
    if (module !== undefined && version !== undefined) {
      const sumFile = (details.kind === 'go-sum' ? details.sumFile : undefined) ?? 'go.sum';
      fixes.push(
        adviceFix(
          'compare-sumdb',
          t`For a public module, compare go.sum with the checksum database's record: if they agree, your download (cache or proxy) is what changed, so clear the cache and download again.`,
          `curl -sS https://sum.golang.org/lookup/${module}@${version}`,
        ),
        adviceFix(
          'require-new-version',
          t`If the upstream re-tagged ${version} (common with private modules), ask for a new version rather than a moved tag, then require it.`,
          `go get ${module}@latest`,
        ),
        adviceFix(
          'drop-go-sum-lines',
          t`Only after the module's maintainer confirms the re-tag and you have reviewed the new content: drop just the ${module} ${version} lines from ${sumFile} and record the new hash. This accepts the new content without any check against what you had.`,
          `awk '!($1 == "${module}" && ($2 == "${version}" || $2 == "${version}/go.mod"))' ${sumFile} > go.sum.tmp && mv go.sum.tmp ${sumFile} && go mod download ${module}@${version}`,
          true,
        ),
      );
    }
    return fixes;
  },
};
