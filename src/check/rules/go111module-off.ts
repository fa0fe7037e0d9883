/**
 * go111module-off: GO111MODULE=off puts go in GOPATH mode, where go.mod, GOPROXY and the checksum
 * database play no part (go1.26 src/cmd/go/internal/modload/init.go:482-495).
 */
import type { CheckRule } from '../rule.js';
import { makeFinding, valueEvidence } from '../rule-kit.js';
import { fixesFor } from '../scenario-call.js';
import { t } from '../../i18n/language.js';

export const go111moduleOff: CheckRule = {
  id: 'go111module-off',
  group: 'config',
  severity: 'error',
  get summary() {
    return t`GO111MODULE=off: go ignores go.mod, GOPROXY and the checksum database.`;
  },
  detect(input) {
    const { env } = input;
    const value = env.variables.GO111MODULE?.value ?? env.goEnvJson.GO111MODULE ?? '';
    if (value !== 'off') return [];
    return [
      makeFinding({
        id: 'proxy-config-invalid',
        rule: 'go111module-off',
        severity: 'error',
        group: 'config',
        message: t`GO111MODULE=off: go runs in GOPATH mode and ignores go.mod, GOPROXY and the checksum database.`,
        evidence: [valueEvidence(env, 'GO111MODULE')],
        fixes: fixesFor({ scenario: 'proxy-config-invalid', fields: {}, details: { kind: 'modules-off' } }, env),
      }),
    ];
  },
};
