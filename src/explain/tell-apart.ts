/**
 * When two scenarios explain one failure equally well, the text alone cannot say which cause is the
 * real one; what can is one more observation. For each pair of scenarios that the catalogue reads as
 * equals, this says which command to run and how to read its answer. Pure.
 */
import { adviceFix, type Fix } from '../fix.js';
import { privatePatternFor } from '../goenv/private-hints.js';
import { t } from '../i18n/language.js';
import type { Diagnosis, ScenarioId } from '../scenarios/types.js';

type TellApart = (main: Diagnosis, other: Diagnosis) => Fix;

function pairKey(a: ScenarioId, b: ScenarioId): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** A shell-quoted URL for curl, or a placeholder. */
function urlArgument(diagnosis: Diagnosis, other: Diagnosis): string {
  const url = diagnosis.fields.url ?? other.fields.url;
  return url !== undefined ? `'${url.replace(/'/g, `'\\''`)}'` : "'<url>'";
}

function moduleOf(main: Diagnosis, other: Diagnosis): string | undefined {
  return main.fields.module ?? other.fields.module;
}

const TABLE: ReadonlyMap<string, TellApart> = new Map<string, TellApart>([
  [
    pairKey('auth-required', 'module-not-found'),
    (main, other) => {
      const module = moduleOf(main, other);
      return adviceFix(
        'tell-apart-let-git-ask',
        t`go runs git without prompts, and git answers the same for a repository you may not read and one that does not exist. Let git ask for credentials once: if it then lists versions, go only lacks stored credentials (auth-required); if the repository is still not found after you log in, the path is wrong (module-not-found).`,
        `GIT_TERMINAL_PROMPT=1 go list -m -versions ${module ?? '<module>'}`,
      );
    },
  ],
  [
    pairKey('module-not-found', 'private-module-proxied'),
    (main, other) => {
      const module = moduleOf(main, other);
      const pattern = module !== undefined ? privatePatternFor(module) : '<module path pattern>';
      return adviceFix(
        'tell-apart-fetch-direct',
        t`Fetch the module from its origin once, past the proxy: versions coming back mean the proxy cannot read it (private-module-proxied); the origin not knowing it either means the path or version is wrong (module-not-found).`,
        `GOPRIVATE='${pattern}' GOPROXY=direct go list -m -versions ${module ?? '<module>'}`,
      );
    },
  ],
  [
    pairKey('http-proxy-env', 'network-blocked'),
    (main, other) =>
      adviceFix(
        'tell-apart-who-answers',
        t`See who answers the request, with the proxy variables go sees: a Via or Proxy-Authenticate header, a login page or a proxy's name in Server is a proxy or gateway on the way (http-proxy-env); no answer at all, or a reset, is a network block (network-blocked).`,
        `env | grep -i '_proxy='; curl -sS -D - -o /dev/null ${urlArgument(main, other)}`,
      ),
  ],
  [
    pairKey('http-proxy-env', 'proxy-server-error'),
    (main, other) =>
      adviceFix(
        'tell-apart-connect-or-server',
        t`go prints a reason phrase alone when an HTTP proxy refused its CONNECT. With a proxy variable set, curl -v shows whether the refusal came from the proxy (in the CONNECT reply: http-proxy-env) or from the server behind it (proxy-server-error); with none set, it was the server.`,
        `env | grep -i '_proxy='; curl -sSv -o /dev/null ${urlArgument(main, other)}`,
      ),
  ],
  [
    pairKey('network-blocked', 'proxy-server-error'),
    (main, other) =>
      adviceFix(
        'tell-apart-other-network',
        t`The server closed the connection without an answer. Ask for the same URL from another network (a phone hotspot, a CI runner): an answer there means this network cuts the connection (network-blocked); the same failure everywhere means the server does (proxy-server-error).`,
        `curl -sS -o /dev/null -w '%{http_code}\\n' --max-time 30 ${urlArgument(main, other)}`,
      ),
  ],
  [
    pairKey('network-blocked', 'proxy-config-invalid'),
    () =>
      adviceFix(
        'tell-apart-module-mode',
        t`GOPATH mode never uses GOPROXY. An empty GOMOD (or /dev/null) with GO111MODULE=off, or auto on Go 1.15 or older, means go ran in GOPATH mode and fetched from the origin (proxy-config-invalid); in module mode the connection to GOPROXY itself failed (network-blocked).`,
        'go version && go env GO111MODULE GOMOD GOPROXY',
      ),
  ],
  [
    pairKey('sumdb-lookup-failed', 'toolchain-download'),
    () =>
      adviceFix(
        'tell-apart-gosumdb',
        t`A toolchain download is verified against the checksum database whatever GOSUMDB says, so a GOSUMDB problem stops it. An empty or odd GOSUMDB here means this Go lacks its $GOROOT/go.env defaults or has a broken setting (sumdb-lookup-failed); a valid one points at the download itself (toolchain-download).`,
        'go env GOSUMDB GOPROXY GOTOOLCHAIN GOROOT',
      ),
  ],
  [
    pairKey('dns-failure', 'network-blocked'),
    (main, other) => {
      const host = main.fields.host ?? other.fields.host;
      return adviceFix(
        'tell-apart-resolve',
        t`Resolve the name alone: no address back means DNS (dns-failure); an address that then does not answer means the connection is blocked (network-blocked).`,
        `getent hosts ${host !== undefined ? host.replace(/:\d{1,5}$/, '') : '<host>'}`,
      );
    },
  ],
]);

/** How to tell `main` from its equal `other`: a command and how to read its answer. */
export function tellApart(main: Diagnosis, other: Diagnosis): Fix {
  const entry = TABLE.get(pairKey(main.scenario, other.scenario));
  if (entry !== undefined) return entry(main, other);
  return adviceFix(
    'tell-apart-check',
    t`The text alone fits ${main.scenario} and ${other.scenario} equally. goproxy-doctor check asks the proxies, the checksum database and the origin directly and says which layer fails.`,
    'goproxy-doctor check',
  );
}

/** Whether the catalogue has a specific way to tell these two scenarios apart. */
export function hasTellApart(a: ScenarioId, b: ScenarioId): boolean {
  return TABLE.has(pairKey(a, b));
}
