/**
 * toolchain-sumdb-off: go would download a toolchain, but GOSUMDB=off, and golang.org/toolchain is verified
 * against the checksum database whatever GOSUMDB says, so the switch fails. Exempt only when GOPROXY is a
 * single file:// URL (go1.26 src/cmd/go/internal/modfetch/sumdb.go:36-65, :104).
 */
import type { CheckRule } from '../rule.js';
import { makeFinding, predictedGoError, valueEvidence } from '../rule-kit.js';
import { fixesFor } from '../scenario-call.js';
import { TOOLCHAIN_MODULE } from '../toolchain.js';
import { toolchainEvidence } from '../toolchain-evidence.js';
import { t } from '../../i18n/language.js';

export const toolchainSumdbOff: CheckRule = {
  id: 'toolchain-sumdb-off',
  group: 'toolchain',
  severity: 'error',
  get summary() {
    return t`A toolchain download cannot be verified with GOSUMDB=off.`;
  },
  detect(input) {
    const { env, toolchain, sumdb } = input;
    if (toolchain.action !== 'download' || toolchain.switchTo === undefined) return [];
    if (!sumdb.ok || sumdb.config.kind !== 'off') return [];
    const goproxy = env.goEnvJson.GOPROXY ?? '';
    if (/^file:\/\//.test(goproxy) && !/[,|]/.test(goproxy)) return [];
    const version = toolchain.switchTo;
    return [
      makeFinding({
        id: 'toolchain-download',
        rule: 'toolchain-sumdb-off',
        severity: 'error',
        group: 'toolchain',
        message: t`go would download ${version}, but toolchains are always verified against the checksum database and GOSUMDB=off: the switch fails.`,
        evidence: [
          ...toolchainEvidence(input),
          valueEvidence(env, 'GOSUMDB'),
          predictedGoError(`download ${version}: ${TOOLCHAIN_MODULE}@${toolchain.moduleVersion ?? ''}: verifying module: checksum database disabled by GOSUMDB=off`),
        ],
        fixes: fixesFor({ scenario: 'toolchain-download', fields: { version }, details: { kind: 'download-failed', cause: 'gosumdb-off' } }, env),
      }),
    ];
  },
};
