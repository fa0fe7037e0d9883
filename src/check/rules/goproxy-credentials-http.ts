/**
 * goproxy-credentials-http: a GOPROXY entry with userinfo over plain http://. go refuses to send
 * credentials there, so every request to it fails (go1.26 src/cmd/go/internal/web/http.go:248).
 */
import { goUrlRedacted } from '../../goenv/go-url.js';
import { goproxyEntriesWithCredentials } from '../credential-urls.js';
import type { CheckRule } from '../rule.js';
import { makeFinding, predictedGoError, valueEvidence } from '../rule-kit.js';
import { fixesFor } from '../scenario-call.js';
import type { Finding } from '../types.js';
import { t } from '../../i18n/language.js';

export const goproxyCredentialsHttp: CheckRule = {
  id: 'goproxy-credentials-http',
  group: 'credentials',
  severity: 'error',
  get summary() {
    return t`A GOPROXY entry carries credentials over plain http://, which go refuses.`;
  },
  detect(input) {
    const { env } = input;
    const out: Finding[] = [];
    for (const entry of goproxyEntriesWithCredentials(input)) {
      if (entry.parsed.scheme !== 'http') continue;
      // go prints the URL with the password masked (URL.Redacted), and so does this prediction.
      const redacted = goUrlRedacted(entry.parsed);
      out.push(
        makeFinding({
          id: 'proxy-config-invalid',
          rule: 'goproxy-credentials-http',
          severity: 'error',
          group: 'credentials',
          message: t`A GOPROXY entry carries credentials over plain http://, which go refuses: every request to ${entry.parsed.host} fails.`,
          evidence: [valueEvidence(env, 'GOPROXY'), predictedGoError(`refusing to pass credentials to insecure URL: ${redacted}`)],
          fixes: fixesFor({ scenario: 'proxy-config-invalid', fields: {}, details: { kind: 'insecure-credentials', url: redacted } }, env),
        }),
      );
    }
    return out;
  },
};
