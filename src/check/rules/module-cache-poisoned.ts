/**
 * module-cache-poisoned: a checked module version's files in the module cache are not what go will take
 * them for — a .mod without a module line, a .zip archive/zip cannot open, a .info that is not JSON —
 * typically a page a proxy or portal answered with status 200 while checksums were off for the module.
 * go keeps a downloaded .mod without parsing it (go1.26 src/cmd/go/internal/modfetch/cache.go
 * writeDiskGoMod) and reads the cached one from then on, so it fails with `parsing go.mod: missing module
 * line` (go1.26 src/cmd/go/internal/modload/modfile.go:626) or `zip: not a valid zip file` whatever the
 * proxy answers later. A .info go cannot parse is treated as not cached and fetched again (go1.26
 * src/cmd/go/internal/modfetch/cache.go readDiskStat), so on its own it only matters when go cannot fetch.
 */
import { coveringEntry, currentValue } from '../../goenv/query.js';
import type { CachedFileProblem, DamagedCacheFile } from '../module-cache.js';
import { damagedFiles } from '../module-cache.js';
import type { CheckRule } from '../rule.js';
import { makeFinding, moduleLabel, predictedGoError } from '../rule-kit.js';
import { fixesFor } from '../scenario-call.js';
import { t } from '../../i18n/language.js';

function problemEvidence(file: DamagedCacheFile): string {
  const problems: Record<CachedFileProblem, () => string> = {
    'info-not-json': () => t`${file.path} starts with ${file.startsWith}: not the JSON object with a Version go expects.`,
    'mod-no-module-line': () => t`${file.path} starts with ${file.startsWith} and has no module line: not a go.mod file.`,
    'zip-no-signature': () => t`${file.path} starts with ${file.startsWith}: not a zip archive.`,
    'zip-no-end-record': () => t`${file.path} starts like a zip archive but has no end record: it was cut off.`,
  };
  return problems[file.problem]();
}

export const moduleCachePoisoned: CheckRule = {
  id: 'module-cache-poisoned',
  group: 'proxy',
  severity: 'error',
  get summary() {
    return t`A checked module's files in the module cache are not what go expects (a page kept in place of its go.mod or zip).`;
  },
  detect(input) {
    const { env } = input;
    const sumdbOff = currentValue(env, 'GOSUMDB') === 'off';
    return (input.moduleCache ?? []).flatMap((cached) => {
      const damaged = damagedFiles(cached);
      const worst = damaged[0];
      if (worst === undefined) return [];
      const label = moduleLabel({ path: cached.module, version: cached.version });
      const nosumdb = coveringEntry(env, 'GONOSUMDB', cached.module);
      const unverified = sumdbOff ? 'GOSUMDB=off' : nosumdb !== undefined ? `GONOSUMDB=${nosumdb}` : undefined;
      const file = worst.kind === 'mod' ? 'go.mod' : worst.kind;
      const message =
        worst.kind === 'mod'
          ? t`The module cache holds something other than a go.mod for ${label}: go cannot parse it ("missing module line" or a syntax error) and keeps failing until the cached files are removed, whatever the proxy answers now.`
          : worst.kind === 'zip'
            ? t`The module cache holds something other than a zip archive for ${label}: go fails with "zip: not a valid zip file" until the cached files are removed.`
            : t`The module cache holds a .info for ${label} that is not JSON: go ignores it and asks the proxy again, so it fails only where it cannot (GOPROXY=off, no network).`;
      const evidence = damaged.map(problemEvidence);
      if (worst.kind === 'zip') evidence.push(predictedGoError(`${label}: zip: not a valid zip file`));
      return [
        makeFinding({
          id: 'proxy-server-error',
          rule: 'module-cache-poisoned',
          severity: worst.kind === 'info' ? 'warning' : 'error',
          group: 'proxy',
          message,
          evidence,
          fixes: fixesFor(
            {
              scenario: 'proxy-server-error',
              fields: { module: cached.module, version: cached.version },
              details: { kind: 'poisoned-cache', file, cacheDir: cached.gomodcache, ...(unverified !== undefined ? { unverified } : {}) },
            },
            env,
          ),
          modules: [label],
        }),
      ];
    });
  },
};
