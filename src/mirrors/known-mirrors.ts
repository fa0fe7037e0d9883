/**
 * What the tool knows about public module mirrors and checksum databases, as data: each fact carries the
 * place it was read (Go's own source, or the mirror's own documentation and its maintainers' statements).
 * The check rules and the `mirrors` command read it; nothing here is measured. What is not documented is
 * left unset (`undefined`), never guessed: `goproxy-doctor mirrors` measures it instead.
 *
 * Not encoded, because the sources say otherwise: that a mirror makes the checksum database unnecessary
 * (go verifies whatever served the module), that `GOSUMDB=off` is a mirror setting, or that a mirror's
 * IP address can replace its host name in GOPROXY (the IP becomes the host go talks TLS to).
 */

/** A fact and where it was read: a URL, or a path in Go's source tree with line numbers. */
export interface SourcedFact {
  text: string;
  source: string;
}

/** A public module proxy. */
export interface KnownMirror {
  /** Stable id: the host and, where the host serves other things too, the path (`mirrors.aliyun.com/goproxy`). */
  readonly id: string;
  /** The GOPROXY entry that reaches it. */
  readonly url: string;
  /** Its host name, lower case. */
  readonly host: string;
  /** Who runs it, as its documentation says. */
  readonly operator: string;
  /** True when it is run in and for mainland China (ICP filing, a mainland cloud, or its operator says so). */
  readonly mainlandChina: boolean;
  /** Checksum databases its documentation says it proxies under `/sumdb/<name>/`, each with where it says so. */
  readonly proxiesChecksumDatabases: ReadonlyArray<{ readonly database: string; readonly source: string }>;
  /**
   * The checksum database whose records its downloads are documented to agree with, when that is
   * documented. Mirrors that agree with different databases can serve one version with different
   * hashes after the version's tag was moved.
   */
  readonly agreesWith?: { readonly database: string; readonly because: SourcedFact };
  readonly facts: readonly SourcedFact[];
}

/** A checksum database, or a name cmd/go accepts for one. */
export interface KnownChecksumDatabase {
  /** The value written in GOSUMDB. */
  readonly name: string;
  /** The database it is: equal to `name` except for an alias. */
  readonly database: string;
  /** Where go reaches it when no GOPROXY entry proxies it. */
  readonly url: string;
  /** The verifier key, when documented. */
  readonly key?: string;
  readonly mainlandChina: boolean;
  readonly facts: readonly SourcedFact[];
}

const GO_SUMDB_SOURCE = 'go1.26 src/cmd/go/internal/modfetch/sumdb.go:94-101';
const GO_KEY_SOURCE = 'go1.26 src/cmd/go/internal/modfetch/key.go:8';
const GOPROXY_CN_README = 'https://github.com/goproxy/goproxy.cn/blob/master/README.zh-CN.md';
const GOPROXY_CN_ISSUE_183 = 'https://github.com/goproxy/goproxy.cn/issues/183';
const GOPROXY_IO_GOSUMDB_DOC = 'https://github.com/goproxyio/goproxy.io/blob/69477f42dad38c83e73723303d865b030fd2d28a/content/zh/docs/GOSUMDB-env.md';
const GOPROXY_IO_GOSUMDB_DOC_NOW = 'https://github.com/goproxyio/goproxy.io/blob/15789f71e02c3fa6ebb25f7268f8e7cc224943e1/content/zh/docs/GOSUMDB-env.md';
const GOPROXY_IO_MAINLAND_DOC = 'https://github.com/goproxyio/goproxy.io/blob/9e882b18353e417c2292e8579c7dcec74c276c89/content/zh/docs/introduction.md';

/** The public mirrors `check` recognises and `mirrors` probes by default, in no particular order. */
export const KNOWN_MIRRORS: readonly KnownMirror[] = [
  {
    id: 'proxy.golang.org',
    url: 'https://proxy.golang.org',
    host: 'proxy.golang.org',
    operator: 'the Go team (Google)',
    mainlandChina: false,
    proxiesChecksumDatabases: [],
    agreesWith: { database: 'sum.golang.org', because: { text: 'the Go team runs proxy.golang.org together with sum.golang.org, and they are go\'s defaults', source: 'https://proxy.golang.org/' } },
    facts: [
      { text: "go's default GOPROXY is https://proxy.golang.org,direct, with GOSUMDB=sum.golang.org", source: 'go1.26 go.env:7-8' },
      { text: 'the Go team runs the module mirror proxy.golang.org together with the checksum database sum.golang.org', source: 'https://proxy.golang.org/' },
      { text: 'proxy.golang.org is blocked in mainland China', source: GOPROXY_CN_README },
    ],
  },
  {
    id: 'goproxy.cn',
    url: 'https://goproxy.cn',
    host: 'goproxy.cn',
    operator: 'Qiniu Cloud (七牛云)',
    mainlandChina: true,
    proxiesChecksumDatabases: [{ database: 'sum.golang.org', source: GOPROXY_CN_README }],
    agreesWith: { database: 'sum.golang.org', because: { text: "goproxy.cn's maintainer: goproxy.cn is compatible with the default GOSUMDB sum.golang.org", source: GOPROXY_CN_ISSUE_183 } },
    facts: [
      { text: 'goproxy.cn is a non-profit mirror backed by Qiniu Cloud, with an ICP filing in mainland China', source: GOPROXY_CN_README },
      { text: 'goproxy.cn proxies the checksum database sum.golang.org', source: GOPROXY_CN_README },
      { text: "goproxy.cn's maintainer: goproxy.cn is compatible with the default GOSUMDB sum.golang.org, goproxy.io is not", source: GOPROXY_CN_ISSUE_183 },
    ],
  },
  {
    id: 'goproxy.io',
    url: 'https://goproxy.io',
    host: 'goproxy.io',
    operator: 'the goproxy.io team (goproxyio)',
    mainlandChina: false,
    proxiesChecksumDatabases: [{ database: 'sum.golang.org', source: GOPROXY_IO_GOSUMDB_DOC_NOW }],
    agreesWith: { database: 'gosum.io', because: { text: 'goproxy.io told its users to verify with its own database gosum.io (until December 2023); goproxy.cn\'s maintainer calls it incompatible with sum.golang.org', source: GOPROXY_IO_GOSUMDB_DOC } },
    facts: [
      { text: 'goproxy.io ran its own checksum database gosum.io and told its users to set GOSUMDB to its key (documented until December 2023)', source: GOPROXY_IO_GOSUMDB_DOC },
      { text: 'goproxy.io says it proxies sum.golang.org', source: GOPROXY_IO_GOSUMDB_DOC_NOW },
      { text: 'one module version downloaded with different hashes through goproxy.io and through goproxy.cn/proxy.golang.org: a tag moved after one of them cached it', source: GOPROXY_CN_ISSUE_183 },
    ],
  },
  {
    id: 'proxy.golang.com.cn',
    url: 'https://proxy.golang.com.cn',
    host: 'proxy.golang.com.cn',
    operator: 'the goproxy.io team (goproxyio)',
    mainlandChina: true,
    proxiesChecksumDatabases: [{ database: 'sum.golang.org', source: GOPROXY_IO_GOSUMDB_DOC_NOW }],
    facts: [
      { text: "goproxy.io's documentation recommended proxy.golang.com.cn to users in mainland China (2022-2023)", source: GOPROXY_IO_MAINLAND_DOC },
      { text: 'the goproxy.io service says it proxies sum.golang.org', source: GOPROXY_IO_GOSUMDB_DOC_NOW },
    ],
  },
  {
    id: 'mirrors.aliyun.com/goproxy',
    url: 'https://mirrors.aliyun.com/goproxy/',
    host: 'mirrors.aliyun.com',
    operator: 'Alibaba Cloud (阿里云)',
    mainlandChina: true,
    proxiesChecksumDatabases: [],
    facts: [
      { text: "Alibaba Cloud's open-source mirror site serves a module proxy at https://mirrors.aliyun.com/goproxy/, with CDN nodes in and outside mainland China", source: 'https://github.com/ustclug/mirrorrequest/issues/225' },
    ],
  },
];

/** The checksum databases (and names for them) cmd/go users set in GOSUMDB. */
export const KNOWN_CHECKSUM_DATABASES: readonly KnownChecksumDatabase[] = [
  {
    name: 'sum.golang.org',
    database: 'sum.golang.org',
    url: 'https://sum.golang.org',
    key: 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8',
    mainlandChina: false,
    facts: [{ text: 'cmd/go knows the key of sum.golang.org', source: GO_KEY_SOURCE }],
  },
  {
    name: 'sum.golang.google.cn',
    database: 'sum.golang.org',
    url: 'https://sum.golang.google.cn',
    key: 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8',
    mainlandChina: true,
    facts: [
      {
        text: 'GOSUMDB=sum.golang.google.cn is rewritten to "sum.golang.org https://sum.golang.google.cn": the same database and key, reached at another URL, "reachable inside mainland China"; with that explicit URL go never asks GOPROXY for it',
        source: GO_SUMDB_SOURCE,
      },
    ],
  },
  {
    name: 'gosum.io',
    database: 'gosum.io',
    url: 'https://gosum.io',
    key: 'gosum.io+ce6e7565+AY5qEHUk/qmHc5btzW45JVoENfazw8LielDsaI+lEbq6',
    mainlandChina: false,
    facts: [
      { text: 'gosum.io is the checksum database the goproxy.io team ran, with this verifier key', source: GOPROXY_IO_GOSUMDB_DOC },
      { text: 'its records can differ from sum.golang.org for a version whose tag was moved', source: GOPROXY_CN_ISSUE_183 },
    ],
  },
];

/**
 * Modules whose `@latest` `goproxy-doctor mirrors` compares across mirrors: maintained by the Go team and
 * tagged often, so a mirror that lags behind shows it within weeks.
 */
export const FRESHNESS_MODULES: readonly string[] = ['golang.org/x/text', 'golang.org/x/net', 'golang.org/x/sys'];

/** The mirror whose host this is (lower case, no port), if any. */
export function mirrorByHost(host: string): KnownMirror | undefined {
  const h = host.toLowerCase();
  return KNOWN_MIRRORS.find((m) => m.host === h);
}

/** The known checksum database (or alias) with this GOSUMDB name, if any. */
export function checksumDatabaseByName(name: string): KnownChecksumDatabase | undefined {
  return KNOWN_CHECKSUM_DATABASES.find((d) => d.name === name);
}

/** The database a name stands for: `sum.golang.google.cn` is sum.golang.org; other names stand for themselves. */
export function canonicalDatabase(name: string): string {
  return checksumDatabaseByName(name)?.database ?? name;
}

/** The checksum database a verifier key names (`gosum.io+ce6e7565+…` → `gosum.io`), or the text itself when it is a bare name. */
export function databaseOfKey(key: string): string {
  const plus = key.indexOf('+');
  return plus > 0 ? key.slice(0, plus) : key;
}

/** Known mirrors that proxy a database, in list order. */
export function mirrorsProxying(database: string): KnownMirror[] {
  return KNOWN_MIRRORS.filter((m) => m.proxiesChecksumDatabases.some((p) => p.database === database));
}

/** Every host the tool knows a mirror or checksum database by. */
export function knownHosts(): string[] {
  const hosts = new Set<string>();
  for (const m of KNOWN_MIRRORS) hosts.add(m.host);
  for (const d of KNOWN_CHECKSUM_DATABASES) hosts.add(d.name);
  return [...hosts];
}
