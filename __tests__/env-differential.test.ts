/**
 * Differential test: for each configuration and each installed Go toolchain, runs the real
 * `go env -json` and our `env --json` in the same sealed sandbox, and checks that every value agrees,
 * that our replay of cmd/go's layering explains it (no "cannot account" note), and that the origin
 * is the layer the configuration set.
 */
import { mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../src/cli/main.js';
import { UNEXPLAINED_NOTE_PREFIX } from '../src/goenv/origin.js';
import { DIAGNOSIS_VARIABLES, resolveGoEnvironment } from '../src/goenv/resolve.js';
import type { Origin } from '../src/goenv/types.js';
import { redactUrl } from '../src/redact.js';
import { atLeast, availableGoVersions, createGoSandbox, goBinary, goroot, runGo, type GoSandbox, type GoVersion } from './helpers/go-toolchains.js';
import { createTestIo } from './helpers/test-io.js';
import { limiter } from '../src/concurrency.js';
import { proxyList } from '../src/goenv/proxylist.js';
import { parseGoSumDb } from '../src/goenv/sumdbconfig.js';
import { goUrlRules } from '../src/goenv/go-url.js';

const versions = availableGoVersions();
const modern = (v: GoVersion): boolean => v !== '1.19';
/** Where GOPROXY/GOSUMDB come from when nothing sets them: compiled in (1.19) or $GOROOT/go.env (1.21+). */
const builtin = (v: GoVersion): Origin => (modern(v) ? 'goroot-go.env' : 'default');
/** GOTOOLCHAIN on 1.19 does not exist: reported as '' / default. */
const toolchain = (v: GoVersion, origin: Origin): Origin => (modern(v) ? origin : 'default');
/** GOAUTH and GOFIPS140 exist from 1.24 on; before that they are reported as '' / default. */
const since24 = (v: GoVersion, origin: Origin): Origin => (atLeast(v, 24) ? origin : 'default');
/** GOTELEMETRY (the `go telemetry` mode) exists from 1.23 on. */
const since23 = (v: GoVersion, origin: Origin): Origin => (atLeast(v, 23) ? origin : 'default');

/** Writes the telemetry mode file under a config directory, as `go telemetry <mode>` does. */
function writeTelemetryMode(configDir: string, content: string): string {
  const file = path.join(configDir, 'go', 'telemetry', 'mode');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

interface Prepared {
  /** Overrides on the sandbox environment; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  /** Expected `file` for some variables. */
  files?: Record<string, string>;
}

interface Config {
  name: string;
  env?: Record<string, string | undefined>;
  /** Content of the sandbox's GOENV file (not created when absent). */
  goenv?: string;
  prepare?: (sandbox: GoSandbox, v: GoVersion) => Prepared;
  origins: (v: GoVersion) => Record<string, Origin>;
}

/** The sandbox minus the module-fetching variables, so the file layers show through. */
const BARE = { GOPROXY: undefined, GOSUMDB: undefined, GOFLAGS: undefined, GOTOOLCHAIN: 'local' };

/** A GOROOT made of symlinks into the real one, with our own go.env (or none). */
function fakeGoroot(sandbox: GoSandbox, v: GoVersion, goEnv: string | null): string {
  const dir = path.join(sandbox.root, 'fakeroot');
  mkdirSync(dir);
  const real = goroot(v);
  for (const entry of readdirSync(real)) {
    if (entry !== 'go.env') symlinkSync(path.join(real, entry), path.join(dir, entry));
  }
  if (goEnv !== null) writeFileSync(path.join(dir, 'go.env'), goEnv);
  return dir;
}

const DISTRO_GO_ENV = 'GOPROXY=https://distro.invalid/mod\nGOTOOLCHAIN=local\nGOFLAGS=-mod=mod\n';

const CONFIGS: Config[] = [
  {
    name: 'the sandbox as is',
    origins: (v) => ({
      GOPROXY: 'environment',
      GOSUMDB: 'environment',
      GOFLAGS: 'environment',
      GOTOOLCHAIN: toolchain(v, 'environment'),
      GOENV: 'environment',
      GOAUTH: 'default',
      GOFIPS140: 'default',
      GOTELEMETRY: since23(v, 'telemetry-mode-file'),
    }),
  },
  { name: 'nothing set', env: BARE, origins: (v) => ({ GOPROXY: builtin(v), GOSUMDB: builtin(v), GOFLAGS: 'default', GOPRIVATE: 'default' }) },
  { name: 'empty OS variables count as unset', env: { GOPROXY: '', GOSUMDB: '', GOFLAGS: '', GOPRIVATE: '' }, origins: (v) => ({ GOPROXY: builtin(v), GOSUMDB: builtin(v), GOFLAGS: 'default' }) },
  { name: 'user file GOPROXY', env: BARE, goenv: 'GOPROXY=https://file.invalid\n', origins: (v) => ({ GOPROXY: 'goenv-file', GOSUMDB: builtin(v) }) },
  { name: 'OS GOPROXY shadows the user file', goenv: 'GOPROXY=https://file.invalid\nGOSUMDB=sum.golang.org\n', origins: () => ({ GOPROXY: 'environment', GOSUMDB: 'environment' }) },
  { name: 'empty OS GOPROXY lets the user file through', env: { GOPROXY: '' }, goenv: 'GOPROXY=https://file.invalid\n', origins: () => ({ GOPROXY: 'goenv-file' }) },
  { name: 'empty GOPROXY line in the user file', env: BARE, goenv: 'GOPROXY=\n', origins: (v) => ({ GOPROXY: modern(v) ? 'goenv-file' : 'default', GOSUMDB: builtin(v) }) },
  { name: 'empty GOSUMDB line in the user file', env: BARE, goenv: 'GOSUMDB=\n', origins: (v) => ({ GOSUMDB: modern(v) ? 'goenv-file' : 'default' }) },
  { name: 'duplicate lines: the last wins', env: BARE, goenv: 'GOPROXY=https://first.invalid\nGOPROXY=https://second.invalid\n', origins: () => ({ GOPROXY: 'goenv-file' }) },
  { name: 'quoted value keeps its quotes', env: BARE, goenv: 'GOPROXY="https://quoted.invalid"\nGOSUMDB=\'off\'\n', origins: () => ({ GOPROXY: 'goenv-file', GOSUMDB: 'goenv-file' }) },
  { name: 'CRLF line endings', env: BARE, goenv: 'GOPROXY=https://crlf.invalid\r\nGOSUMDB=off\r\n', origins: () => ({ GOPROXY: 'goenv-file', GOSUMDB: 'goenv-file' }) },
  {
    name: 'comments and lines go ignores',
    env: BARE,
    goenv: '# written by hand\nexport GOPROXY=https://x.invalid\n goprivate=y.invalid\nGOSUMDB\n\n=z\n',
    origins: (v) => ({ GOPROXY: builtin(v), GOSUMDB: builtin(v), GOPRIVATE: 'default' }),
  },
  { name: 'a space before = makes another key', env: BARE, goenv: 'GOPROXY =https://space.invalid\n', origins: (v) => ({ GOPROXY: builtin(v) }) },
  { name: 'a BOM hides the first line', env: BARE, goenv: '\ufeffGOPROXY=https://bom.invalid\nGOSUMDB=off\n', origins: (v) => ({ GOPROXY: builtin(v), GOSUMDB: 'goenv-file' }) },
  { name: 'leading and trailing spaces in a file value', env: BARE, goenv: 'GOPROXY= https://sp.invalid \n', origins: () => ({ GOPROXY: 'goenv-file' }) },
  { name: 'a NUL byte in a file value', env: BARE, goenv: 'GOPROXY=https://a.invalid\u0000x\n', origins: () => ({ GOPROXY: 'goenv-file' }) },
  {
    name: 'GOENV=off skips the default user file',
    prepare: (sb) => {
      const file = path.join(sb.home, '.config', 'go', 'env');
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, 'GOPROXY=https://xdg.invalid\n');
      return { env: { ...BARE, GOENV: 'off' } };
    },
    origins: (v) => ({ GOPROXY: builtin(v), GOENV: 'environment' }),
  },
  {
    name: 'default location under XDG_CONFIG_HOME',
    prepare: (sb) => {
      const xdg = path.join(sb.root, 'xdg');
      mkdirSync(path.join(xdg, 'go'), { recursive: true });
      writeFileSync(path.join(xdg, 'go', 'env'), 'GOPROXY=https://xdg.invalid\n');
      return { env: { ...BARE, GOENV: undefined, XDG_CONFIG_HOME: xdg }, files: { GOPROXY: path.join(xdg, 'go', 'env') } };
    },
    origins: () => ({ GOPROXY: 'goenv-file', GOENV: 'default' }),
  },
  {
    name: 'default location under HOME/.config',
    prepare: (sb) => {
      const file = path.join(sb.home, '.config', 'go', 'env');
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, 'GOSUMDB=off\n');
      return { env: { ...BARE, GOENV: undefined, XDG_CONFIG_HOME: undefined }, files: { GOSUMDB: file } };
    },
    origins: (v) => ({ GOSUMDB: 'goenv-file', GOPROXY: builtin(v), GOENV: 'default' }),
  },
  {
    name: 'empty GOENV means the default location',
    prepare: (sb) => {
      const file = path.join(sb.home, '.config', 'go', 'env');
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, 'GOPRIVATE=home.invalid\n');
      return { env: { GOENV: '' } };
    },
    origins: () => ({ GOPRIVATE: 'goenv-file', GONOPROXY: 'derived', GOENV: 'default' }),
  },
  { name: 'no HOME, no XDG_CONFIG_HOME, no GOENV', env: { ...BARE, GOENV: undefined, HOME: undefined, XDG_CONFIG_HOME: undefined }, origins: (v) => ({ GOPROXY: builtin(v), GOENV: 'default' }) },
  {
    name: 'relative GOENV',
    prepare: (sb) => {
      mkdirSync(path.join(sb.root, 'rel'));
      writeFileSync(path.join(sb.root, 'rel', 'env'), 'GOPROXY=https://relative.invalid\n');
      return { env: { ...BARE, GOENV: 'rel/env' }, files: { GOPROXY: 'rel/env' } };
    },
    origins: () => ({ GOPROXY: 'goenv-file', GOENV: 'environment' }),
  },
  { name: 'OS GOPRIVATE feeds GONOPROXY and GONOSUMDB', env: { GOPRIVATE: '*.corp.invalid,example.invalid/private' }, origins: () => ({ GOPRIVATE: 'environment', GONOPROXY: 'derived', GONOSUMDB: 'derived' }) },
  { name: 'file GOPRIVATE feeds them too', goenv: 'GOPRIVATE=git.corp.invalid\n', origins: () => ({ GOPRIVATE: 'goenv-file', GONOPROXY: 'derived', GONOSUMDB: 'derived' }) },
  { name: 'explicit GONOPROXY beats GOPRIVATE', env: { GOPRIVATE: 'a.invalid', GONOPROXY: 'b.invalid' }, origins: () => ({ GONOPROXY: 'environment', GONOSUMDB: 'derived' }) },
  { name: 'file GONOSUMDB with OS GOPRIVATE', env: { GOPRIVATE: 'a.invalid' }, goenv: 'GONOSUMDB=c.invalid\n', origins: () => ({ GONOSUMDB: 'goenv-file', GONOPROXY: 'derived' }) },
  { name: 'empty OS GONOPROXY still derives', env: { GONOPROXY: '' }, goenv: 'GOPRIVATE=d.invalid\n', origins: () => ({ GONOPROXY: 'derived', GONOSUMDB: 'derived' }) },
  { name: 'empty file GONOPROXY still derives', goenv: 'GOPRIVATE=e.invalid\nGONOPROXY=\n', origins: () => ({ GONOPROXY: 'derived' }) },
  { name: 'GONOPROXY without GOPRIVATE', env: { GONOPROXY: 'only.invalid' }, origins: () => ({ GONOPROXY: 'environment', GONOSUMDB: 'default', GOPRIVATE: 'default' }) },
  { name: 'empty OS GOPRIVATE lets the file through', env: { GOPRIVATE: '' }, goenv: 'GOPRIVATE=f.invalid\n', origins: () => ({ GOPRIVATE: 'goenv-file', GONOSUMDB: 'derived' }) },
  { name: 'GOINSECURE and GOVCS', env: { GOINSECURE: 'insecure.invalid' }, goenv: 'GOVCS=private:all,public:git|hg\n', origins: () => ({ GOINSECURE: 'environment', GOVCS: 'goenv-file' }) },
  { name: 'GO111MODULE shadowed', env: { GO111MODULE: 'off' }, goenv: 'GO111MODULE=on\n', origins: () => ({ GO111MODULE: 'environment' }) },
  { name: 'GOFLAGS from the file', env: BARE, goenv: 'GOFLAGS=-mod=mod -modcacherw\n', origins: () => ({ GOFLAGS: 'goenv-file' }) },
  { name: 'unknown GOFLAGS are reported, not fatal, for go env', env: { GOFLAGS: '-bogus' }, origins: () => ({ GOFLAGS: 'environment' }) },
  { name: 'GOTOOLCHAIN from the file', env: { GOTOOLCHAIN: undefined }, goenv: 'GOTOOLCHAIN=local\n', origins: (v) => ({ GOTOOLCHAIN: toolchain(v, 'goenv-file') }) },
  { name: 'GOTOOLCHAIN from go.env', env: { GOTOOLCHAIN: undefined }, origins: (v) => ({ GOTOOLCHAIN: toolchain(v, 'goroot-go.env') }) },
  { name: 'GOPROXY=direct', env: { GOPROXY: 'direct' }, origins: () => ({ GOPROXY: 'environment' }) },
  { name: 'GOPROXY with | and ,', env: { GOPROXY: 'https://a.invalid|https://b.invalid,direct' }, origins: () => ({ GOPROXY: 'environment' }) },
  { name: 'GOPROXY with a password', env: { GOPROXY: 'https://user:s3cret@p.invalid/mod' }, origins: () => ({ GOPROXY: 'environment' }) },
  { name: 'GOPROXY with an odd scheme', goenv: 'GOPROXY=ftp://weird.invalid\n', env: { GOPROXY: undefined }, origins: () => ({ GOPROXY: 'goenv-file' }) },
  { name: 'GOPROXY with a leading space', env: { GOPROXY: ' https://lead.invalid' }, origins: () => ({ GOPROXY: 'environment' }) },
  { name: 'GOPROXY with empty elements', env: { GOPROXY: 'https://x.invalid,,direct' }, origins: () => ({ GOPROXY: 'environment' }) },
  { name: 'GOSUMDB with a key and URL', env: { GOSUMDB: 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8 https://sum.invalid' }, origins: () => ({ GOSUMDB: 'environment' }) },
  { name: 'GOSUMDB=sum.golang.google.cn', env: { GOSUMDB: 'sum.golang.google.cn' }, origins: () => ({ GOSUMDB: 'environment' }) },
  { name: 'lower-case https_proxy only', env: { HTTPS_PROXY: undefined, https_proxy: 'http://127.0.0.1:9' }, origins: () => ({ HTTPS_PROXY: 'environment' }) },
  { name: 'no proxy variables at all', env: { HTTPS_PROXY: undefined, HTTP_PROXY: undefined }, origins: () => ({ HTTPS_PROXY: 'default', HTTP_PROXY: 'default', NO_PROXY: 'default' }) },
  { name: 'proxy with a password, NO_PROXY in both cases', env: { HTTPS_PROXY: 'http://u:pw@127.0.0.1:9', NO_PROXY: 'a.invalid', no_proxy: 'b.invalid' }, origins: () => ({ HTTPS_PROXY: 'environment', NO_PROXY: 'environment' }) },
  { name: 'NETRC and certificates', env: { NETRC: '/nonexistent/netrc', SSL_CERT_FILE: '/nonexistent/ca.pem', SSL_CERT_DIR: '/a:/b' }, origins: () => ({ NETRC: 'environment', SSL_CERT_FILE: 'environment', SSL_CERT_DIR: 'environment' }) },
  { name: 'file lines for OS-only and GOENV variables are ignored', goenv: 'HTTPS_PROXY=http://f.invalid\nGOENV=/elsewhere\n', env: { HTTPS_PROXY: undefined }, origins: () => ({ HTTPS_PROXY: 'default', GOENV: 'environment' }) },
  {
    name: "a distribution's go.env (OS GOROOT)",
    prepare: (sb, v) => {
      const root = fakeGoroot(sb, v, DISTRO_GO_ENV);
      const files: Record<string, string> = modern(v) ? { GOPROXY: path.join(root, 'go.env') } : {};
      return { env: { ...BARE, GOTOOLCHAIN: undefined, GOROOT: root }, files };
    },
    origins: (v) => ({ GOPROXY: builtin(v), GOSUMDB: 'default', GOTOOLCHAIN: toolchain(v, 'goroot-go.env'), GOFLAGS: modern(v) ? 'goroot-go.env' : 'default' }),
  },
  {
    name: 'a GOROOT without go.env',
    prepare: (sb, v) => ({ env: { ...BARE, GOTOOLCHAIN: 'local', GOROOT: fakeGoroot(sb, v, null) } }),
    origins: () => ({ GOPROXY: 'default', GOSUMDB: 'default' }),
  },
  {
    name: 'GOROOT from the user file picks go.env',
    prepare: (sb, v) => {
      const root = fakeGoroot(sb, v, DISTRO_GO_ENV);
      writeFileSync(sb.goenvFile, `GOROOT=${root}/\n`);
      return { env: { ...BARE, GOTOOLCHAIN: 'local' } };
    },
    origins: (v) => ({ GOPROXY: builtin(v), GOFLAGS: modern(v) ? 'goroot-go.env' : 'default' }),
  },
  {
    name: 'user-file GOROOT picks go.env even when the OS GOROOT wins',
    prepare: (sb, v) => {
      const root = fakeGoroot(sb, v, 'GOPROXY=https://first.invalid\nGOPROXY=https://second.invalid\n');
      writeFileSync(sb.goenvFile, `GOROOT=${root}\n`);
      const files: Record<string, string> = modern(v) ? { GOPROXY: path.join(root, 'go.env') } : {};
      return { env: { ...BARE, GOROOT: goroot(v) }, files };
    },
    origins: (v) => ({ GOPROXY: builtin(v), GOSUMDB: 'default' }),
  },
  { name: 'GOAUTH from the environment', env: { GOAUTH: 'off' }, origins: (v) => ({ GOAUTH: since24(v, 'environment') }) },
  { name: 'GOAUTH from the user file', goenv: 'GOAUTH=git /tmp;netrc\n', origins: (v) => ({ GOAUTH: since24(v, 'goenv-file') }) },
  { name: 'empty OS GOAUTH lets the user file through', env: { GOAUTH: '' }, goenv: 'GOAUTH=off\n', origins: (v) => ({ GOAUTH: since24(v, 'goenv-file') }) },
  { name: 'empty GOAUTH line in the user file: netrc by default', goenv: 'GOAUTH=\n', origins: (v) => ({ GOAUTH: 'default' }) },
  { name: 'an invalid GOAUTH is reported as it is', env: { GOAUTH: 'off;netrc' }, origins: (v) => ({ GOAUTH: since24(v, 'environment') }) },
  {
    name: 'GOAUTH and GOFIPS140 from go.env',
    prepare: (sb, v) => ({ env: { ...BARE, GOROOT: fakeGoroot(sb, v, 'GOAUTH=off\nGOFIPS140=latest\n') } }),
    origins: (v) => ({ GOAUTH: since24(v, 'goroot-go.env'), GOFIPS140: since24(v, 'goroot-go.env'), GOPROXY: 'default' }),
  },
  { name: 'GOFIPS140 from the environment', env: { GOFIPS140: 'latest' }, origins: (v) => ({ GOFIPS140: since24(v, 'environment') }) },
  { name: 'GOFIPS140 from the user file', goenv: 'GOFIPS140=off\n', origins: (v) => ({ GOFIPS140: since24(v, 'goenv-file') }) },
  {
    name: 'no telemetry mode file: local',
    prepare: (sb) => {
      rmSync(path.join(sb.home, '.config', 'go', 'telemetry'), { recursive: true, force: true });
      return {};
    },
    origins: (v) => ({ GOTELEMETRY: 'default' }),
  },
  {
    name: 'telemetry mode file with a date, under XDG_CONFIG_HOME',
    prepare: (sb) => {
      const xdg = path.join(sb.root, 'xdg');
      const file = writeTelemetryMode(xdg, 'on 2025-01-02\n');
      return { env: { XDG_CONFIG_HOME: xdg }, files: { GOTELEMETRY: file } };
    },
    origins: (v) => ({ GOTELEMETRY: since23(v, 'telemetry-mode-file') }),
  },
  {
    name: 'an odd telemetry mode is reported as written',
    prepare: (sb) => ({ files: { GOTELEMETRY: writeTelemetryMode(path.join(sb.home, '.config'), '  weird\t\n') } }),
    origins: (v) => ({ GOTELEMETRY: since23(v, 'telemetry-mode-file') }),
  },
  { name: 'GOTELEMETRY in the OS environment or the user file is ignored', env: { GOTELEMETRY: 'on' }, goenv: 'GOTELEMETRY=on\n', origins: (v) => ({ GOTELEMETRY: since23(v, 'telemetry-mode-file') }) },
  {
    name: 'relative XDG_CONFIG_HOME (ignored from 1.24 on)',
    prepare: (sb, v) => {
      mkdirSync(path.join(sb.root, 'relxdg', 'go'), { recursive: true });
      writeFileSync(path.join(sb.root, 'relxdg', 'go', 'env'), 'GOPROXY=https://relxdg.invalid\n');
      writeTelemetryMode(path.join(sb.root, 'relxdg'), 'local\n');
      const files: Record<string, string> = atLeast(v, 24) ? {} : { GOPROXY: 'relxdg/go/env', GOTELEMETRY: 'relxdg/go/telemetry/mode' };
      return { env: { ...BARE, GOENV: undefined, XDG_CONFIG_HOME: 'relxdg' }, files };
    },
    origins: (v) => ({
      GOPROXY: atLeast(v, 24) ? 'goroot-go.env' : 'goenv-file',
      GOENV: 'default',
      GOTELEMETRY: atLeast(v, 24) ? 'default' : since23(v, 'telemetry-mode-file'),
    }),
  },
  { name: 'GODEBUG from the environment', env: { GODEBUG: 'urlstrictcolons=0,x509negativeserial=1' }, origins: () => ({ GODEBUG: 'environment' }) },
  { name: 'go1.19 and GOTOOLCHAIN in the file', env: { GOTOOLCHAIN: undefined }, goenv: 'GOTOOLCHAIN=local\nGOSUMDB=off\n', origins: (v) => ({ GOTOOLCHAIN: toolchain(v, 'goenv-file'), GOSUMDB: 'environment' }) },
];

const limit = limiter(4);

interface OurVariable {
  value: string;
  origin: Origin;
  file?: string;
  notes: string[];
}

/** Runs one configuration against one toolchain; throws (via expect) on the first disagreement. */
async function checkConfiguration(v: GoVersion, config: Config): Promise<void> {
  const sandbox = createGoSandbox('gpd-envdiff-');
  try {
    if (config.goenv !== undefined) writeFileSync(sandbox.goenvFile, config.goenv);
    const prepared = config.prepare?.(sandbox, v) ?? {};
    const env: Record<string, string | undefined> = { ...sandbox.env, ...config.env, ...prepared.env };
    for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];

    const go = await runGo(v, ['env', '-json'], env, { cwd: sandbox.root, timeoutMs: 30_000 });
    expect(go.exitCode).toBe(0);
    const goEnv = JSON.parse(go.stdout) as Record<string, string>;

    const io = createTestIo({ env, cwd: sandbox.root, homedir: sandbox.home });
    const code = await main(['--go', goBinary(v), 'env', '--json'], io);
    // A GOPROXY or GOSUMDB that cmd/go rejects (per the ported parsers, fuzzed against go) prints the
    // table and then fails with exit 4 and cmd/go's error; anything else prints cleanly.
    const godebug = env.GODEBUG ?? '';
    const list = proxyList(goEnv.GOPROXY ?? '', goEnv.GONOPROXY ?? '', { goos: goEnv.GOOS ?? 'linux', goVersion: goEnv.GOVERSION ?? `go${v}`, godebug });
    const sumdb = parseGoSumDb(goEnv.GOSUMDB ?? '', goUrlRules(goEnv.GOVERSION ?? `go${v}`, godebug));
    const rejected = !list.ok ? list.error : !sumdb.ok ? sumdb.error : undefined;
    if (rejected === undefined) {
      expect(io.stderr.text()).toBe('');
      expect(code).toBe(0);
    } else {
      expect(code).toBe(4);
      expect(io.stderr.text().trim().split('\n')).toHaveLength(1);
      expect(io.stderr.text()).toContain(rejected.slice(0, 40));
    }
    const ours = JSON.parse(io.stdout.text()) as { schemaVersion: number; goVersion: string; variables: Record<string, OurVariable> };
    expect(ours.schemaVersion).toBe(1);
    expect(ours.goVersion).toBe(goEnv.GOVERSION);

    for (const [name, info] of Object.entries(ours.variables)) {
      // Values agree with go's own (secrets redacted on our side); go has no GOAUTH before 1.24 nor GOTOOLCHAIN in 1.19.
      if (name in goEnv) expect({ name, value: info.value }).toEqual({ name, value: redactUrl(goEnv[name] ?? '') });
      expect({ name, unexplained: info.notes.filter((n) => n.startsWith(UNEXPLAINED_NOTE_PREFIX)) }).toEqual({ name, unexplained: [] });
      const fromFile = info.origin === 'goenv-file' || info.origin === 'goroot-go.env' || info.origin === 'telemetry-mode-file';
      expect({ name, hasFile: info.file !== undefined }).toEqual({ name, hasFile: fromFile });
      if (info.origin === 'goenv-file') expect({ name, file: info.file }).toEqual({ name, file: prepared.files?.[name] ?? goEnv.GOENV });
      if (info.origin === 'goroot-go.env') {
        expect({ name, file: info.file }).toEqual({ name, file: prepared.files?.[name] ?? path.join(goEnv.GOROOT ?? '', 'go.env') });
      }
      if (info.origin === 'telemetry-mode-file') {
        expect({ name, file: info.file }).toEqual({ name, file: prepared.files?.[name] ?? path.join(goEnv.GOTELEMETRYDIR ?? '', 'mode') });
      }
    }
    // OS-only variables are compared with the environment go was given.
    for (const name of ['HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY']) {
      const raw = env[name] || env[name.toLowerCase()] || '';
      expect({ name, value: ours.variables[name]?.value }).toEqual({ name, value: redactUrl(raw) });
    }
    for (const name of ['NETRC', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'GODEBUG']) {
      expect({ name, value: ours.variables[name]?.value }).toEqual({ name, value: env[name] ?? '' });
    }
    if (!modern(v)) expect(ours.variables.GOTOOLCHAIN?.value).toBe('');
    // Variables a release lacks are shown empty; from their release on, go's own value (compared above) is shown.
    if (!atLeast(v, 24)) expect({ GOAUTH: ours.variables.GOAUTH?.value, GOFIPS140: ours.variables.GOFIPS140?.value }).toEqual({ GOAUTH: '', GOFIPS140: '' });
    if (!atLeast(v, 23)) expect(ours.variables.GOTELEMETRY?.value).toBe('');
    for (const name of ['GOAUTH', 'GOFIPS140', 'GOTELEMETRY']) {
      if (name in goEnv) expect({ name, value: ours.variables[name]?.value }).toEqual({ name, value: goEnv[name] });
    }

    // explain and run ask go for DIAGNOSIS_VARIABLES by name, which spares go the C compiler: what they
    // get is what the full listing gives for those names (values, origins, notes; unknown names left out).
    const full = await resolveGoEnvironment(io, goBinary(v));
    const named = await resolveGoEnvironment(io, goBinary(v), { only: DIAGNOSIS_VARIABLES });
    expect(named.goVersion).toBe(full.goVersion);
    expect(named.variables).toEqual(full.variables);
    expect(named.goEnvJson).toEqual(Object.fromEntries(Object.entries(full.goEnvJson).filter(([name]) => DIAGNOSIS_VARIABLES.includes(name))));

    const wanted = config.origins(v);
    const actual: Record<string, Origin | undefined> = {};
    for (const name of Object.keys(wanted)) actual[name] = ours.variables[name]?.origin;
    expect(actual).toEqual(wanted);
  } finally {
    sandbox.cleanup();
  }
}

(versions.length === 0 ? describe.skip : describe)('env --json agrees with the real go env -json', () => {
  test('at least 40 configurations', () => {
    expect(CONFIGS.length).toBeGreaterThanOrEqual(40);
  });

  // One test per toolchain running its configurations 4 at a time (test.concurrent would let one test's
  // end close Jest's import scope while another still loads execa).
  test.each(versions)(
    'go%s: every configuration',
    async (v) => {
      const failures: string[] = [];
      await Promise.all(
        CONFIGS.map((config) =>
          limit(async () => {
            try {
              await checkConfiguration(v, config);
            } catch (error) {
              failures.push(`${config.name}: ${error instanceof Error ? error.message : String(error)}`);
            }
          }),
        ),
      );
      expect(failures).toEqual([]);
    },
    300_000,
  );
});
