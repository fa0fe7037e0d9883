/**
 * Whether a command writes GitHub workflow annotations. Apart from report/github.ts, which builds them,
 * so that a run outside GitHub Actions decides it without loading that.
 */

/** Whether to emit GitHub annotations: `--format github`, or no explicit format while `GITHUB_ACTIONS=true`. */
export function shouldUseGithubFormat(env: Readonly<Record<string, string | undefined>>, formatFlag?: string): boolean {
  if (formatFlag === 'github') return true;
  if (formatFlag !== undefined && formatFlag !== 'auto') return false;
  return env.GITHUB_ACTIONS === 'true';
}
