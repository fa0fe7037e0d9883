/**
 * What several check rules share: how a value and its origin are quoted as evidence, which modules the
 * user asked about, the shape of a finding, and how the tool labels what it predicts `go` would print.
 * Pure.
 */
import { orderFixes, type Fix } from '../fix.js';
import { t } from '../i18n/language.js';
import { goQuote } from '../goenv/go-text.js';
import { parseGoUrl } from '../goenv/go-url.js';
import { type ProxySpec } from '../goenv/proxylist.js';
import type { GoEnvironment } from '../goenv/types.js';
import { PUBLIC_PROXY_HOSTS } from '../scenarios/facts.js';
import type { CanaryModule, Finding } from './types.js';

/** Where a value came from, in words. */
export function describeOrigin(env: GoEnvironment, name: string): string {
  const info = env.variables[name];
  switch (info?.origin) {
    case 'environment':
      return t`set in the OS environment`;
    case 'goenv-file':
      return info.file !== undefined ? t`set with go env -w (${info.file})` : t`set with go env -w (the go env file)`;
    case 'goroot-go.env':
      return t`from ${info.file ?? '$GOROOT/go.env'}`;
    case 'derived':
      return t`inherited from GOPRIVATE`;
    case 'default':
      return t`the default`;
    default:
      return t`from go env`;
  }
}

/** `NAME="value" (set in the OS environment)`: a value and its origin, for evidence. */
export function valueEvidence(env: GoEnvironment, name: string, value?: string): string {
  const v = value ?? env.variables[name]?.value ?? env.goEnvJson[name] ?? '';
  return t`${name}=${goQuote(v)} (${describeOrigin(env, name)})`;
}

/**
 * An evidence line with the error `go` would print, labelled as the tool's prediction: `check` never
 * presents text it wrote as go's own output.
 */
export function predictedGoError(text: string): string {
  return t`go would report: ${text}`;
}

/** A finding with its fixes in rank order (never a security-weakening one first). */
export function makeFinding(partial: Omit<Finding, 'fixes' | 'evidence'> & { evidence?: string[]; fixes?: Fix[] }): Finding {
  return { ...partial, evidence: partial.evidence ?? [], fixes: orderFixes(partial.fixes ?? []) };
}

/** Modules whose fetch the user cares about (not the default canary). */
export function neededModules(canaries: readonly CanaryModule[]): CanaryModule[] {
  return canaries.filter((c) => c.source === 'flag' || c.source === 'go.mod');
}

/** `path@version`, or the path alone. */
export function moduleLabel(c: { path: string; version?: string }): string {
  return c.version !== undefined ? `${c.path}@${c.version}` : c.path;
}

/** The host (with port) of a URL as Go parses it. */
export function hostOfUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const parsed = parseGoUrl(url);
  return parsed.ok ? parsed.url.host : undefined;
}

/** The host name of `host[:port]`, IPv6 brackets removed. */
export function hostnameOf(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  return colon > 0 && /^\d+$/.test(host.slice(colon + 1)) ? host.slice(0, colon) : host;
}

/** Whether a URL is one of the well-known public module proxies. */
export function isPublicProxyUrl(url: string | undefined): boolean {
  const host = hostOfUrl(url);
  return host !== undefined && PUBLIC_PROXY_HOSTS.includes(hostnameOf(host).toLowerCase());
}

/** The first entry a non-GONOPROXY module reaches: the hidden `noproxy` entry defers to the next one. */
export function firstRealEntry(specs: readonly ProxySpec[]): ProxySpec | undefined {
  return specs.find((s) => s.kind !== 'noproxy');
}

/** `n` with the singular or plural noun. */
export function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
