/**
 * `npm run build`: bundles the CLI into dist/ with esbuild.
 *
 *   dist/bin.js                 everything `--version`, `--help` and the option parser need, in one file
 *   dist/<dir>/<name>.js        one file per module a command loads lazily (`await import(...)` in src/),
 *                               named after its source: dist/report/check.js, dist/check/run-check.js
 *   dist/diagnosis.js           the lazily loaded modules `explain` needs, together (GROUPS below)
 *   dist/vendor/<package>.js    a dependency a command loads lazily (ora, execa, chalk)
 *   dist/chunks/chunk-*.js      code shared by several of the above, loaded with the first that needs it
 *
 * Start-up cost is what this layout is for: one file instead of about 150 modules and commander's
 * CommonJS files, and nothing a command does not use. The dependencies are bundled (nothing is resolved
 * in node_modules at run time); their licence texts are appended to the files that contain them.
 *
 * Node's built-in modules are fetched with `process.getBuiltinModule` (Node 20.16+), not imported:
 * an ES `import` of a built-in builds its module facade at start-up, which reads every export once (for
 * node:fs that loads the whole stream library), and the heavy ones (child_process, net, tls, http,
 * crypto, ...) are only loaded when a command first uses one of their exports.
 *
 * Type checking is `npm run typecheck`; this script only transpiles.
 *
 *   node --import tsx scripts/build.ts [--metafile <path>]
 */
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'src');
const DIST = path.join(ROOT, 'dist');
const ENTRY = path.join(SRC, 'bin.ts');
const requireHere = createRequire(import.meta.url);

/**
 * Built-ins loaded on first use of an export rather than at start-up. Only modules whose exports are
 * plain functions, classes and constants: a getter hands back the real export, so a method that needs
 * `this` to be the module (process.on) or a module that is itself a function (assert) cannot be here.
 */
const DEFERRED_BUILTINS = new Set([
  'child_process',
  'crypto',
  'dns',
  'dns/promises',
  'http',
  'http2',
  'https',
  'net',
  'perf_hooks',
  'readline',
  'tls',
  'v8',
  'worker_threads',
  'zlib',
]);

/**
 * Lazily loaded modules that one command loads together: they go into one file (dist/<name>.js), so
 * `explain` reads one file for its engine, catalogue and renderers instead of a dozen small ones. Each
 * source module still exists once; a member's `await import(...)` gets the group's exports.
 */
const GROUPS: Record<string, readonly string[]> = {
  // Not the input opener or the environment reader: explain loads those first, opens its inputs and
  // starts `go env -json`, and go then runs while Node loads this file.
  diagnosis: ['explain/engine', 'explain/read-log', 'report/explain', 'scenarios/index', 'report/github'],
};

/** The built-in a specifier names: `node:x` always (a newer Node may have it), a bare `x` only if this Node has it. */
function builtinName(specifier: string): string | undefined {
  if (specifier.startsWith('node:')) return specifier.slice('node:'.length);
  return builtinModules.includes(specifier) ? specifier : undefined;
}

/** Source of the stand-in module for one built-in (CommonJS-shaped, so esbuild reads its exports by property). */
function builtinStandIn(name: string): string {
  const specifier = JSON.stringify(`node:${name}`);
  const load = `process.getBuiltinModule(${specifier})`;
  if (!builtinModules.includes(name)) {
    // One a newer Node has (undici probes for node:sqlite): fail as `require` would, with the code it checks.
    return `const found = ${load};\nif (found === undefined) throw Object.assign(new Error(\`No such built-in module: \${${specifier}}\`), { code: 'ERR_UNKNOWN_BUILTIN_MODULE' });\nmodule.exports = found;\n`;
  }
  if (name === 'tty') {
    // chalk asks tty.isatty(1) and (2) as it loads; node:tty loads node:net. A descriptor that is not a
    // character device is no terminal, and fstat tells that without loading either.
    return (
      `let loaded;\nconst load = () => (loaded ??= ${load});\n` +
      `const fs = process.getBuiltinModule('node:fs');\n` +
      `module.exports = { get ReadStream() { return load().ReadStream; }, get WriteStream() { return load().WriteStream; },\n` +
      `  isatty(fd) { try { if (!fs.fstatSync(fd).isCharacterDevice()) return false; } catch { return false; } return load().isatty(fd); } };\n`
    );
  }
  if (!DEFERRED_BUILTINS.has(name)) return `module.exports = ${load};\n`;
  const real = requireHere(`node:${name}`) as Record<string, unknown>;
  if (typeof real === 'function') throw new Error(`node:${name} is callable and cannot be deferred`);
  const getters = Object.getOwnPropertyNames(real)
    .filter((key) => key !== 'default')
    .map((key) => `  ${JSON.stringify(key)}: { enumerable: true, get: () => load()[${JSON.stringify(key)}] },`);
  return `let loaded;\nconst load = () => (loaded ??= ${load});\nmodule.exports = Object.defineProperties({}, {\n${getters.join('\n')}\n});\n`;
}

const builtins: Plugin = {
  name: 'builtins',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^(node:)?[a-z_/0-9]+$/ }, (args) => {
      const name = builtinName(args.path);
      return name === undefined ? undefined : { path: name, namespace: 'builtin' };
    });
    pluginBuild.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({ contents: builtinStandIn(args.path), loader: 'js' }));
  },
};

/** The package directory (…/node_modules/name or …/node_modules/@scope/name) an input path belongs to. */
function packageDirOf(input: string): string | undefined {
  // Stand-ins this script makes (`builtin:fs`, `lazy-entry:/…`) belong to no package.
  if (/^[a-z-]+:/.test(input)) return undefined;
  const parts = input.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  const length = parts[at + 1]?.startsWith('@') ? 3 : 2;
  return path.join(ROOT, ...parts.slice(0, at + length));
}

/** What the first look at the module graph tells the build. */
interface Graph {
  /** Modules loaded with `await import(...)`, by output name (dist/<name>.js). */
  lazy: Map<string, { file: string; exports: string[] }>;
  /** The modules the entry imports statically (absolute paths). */
  entryImports: string[];
}

function outputName(input: string): string {
  const packageDir = packageDirOf(input);
  const name = packageDir
    ? `vendor/${path.relative(path.join(ROOT, 'node_modules'), packageDir).split(path.sep).join('-').replace(/^@/, '')}`
    : path.relative(SRC, path.join(ROOT, input)).replace(/\.ts$/, '');
  if (name.startsWith('..')) throw new Error(`lazily imported module outside src/ and node_modules/: ${input}`);
  return name;
}

/**
 * Every module in src/ or node_modules/ that is loaded with `await import(...)` gets a file of its own,
 * named after its source, so a command loads only what it uses and a name says what a file holds.
 */
async function readGraph(): Promise<Graph> {
  const common: BuildOptions & { metafile: true } = { bundle: true, write: false, metafile: true, absWorkingDir: ROOT, platform: 'node', format: 'esm', logLevel: 'silent', plugins: [builtins] };
  const scan = await build({ ...common, entryPoints: [ENTRY] });
  const lazyInputs = new Set<string>();
  for (const input of Object.values(scan.metafile.inputs)) {
    for (const imported of input.imports) if (imported.kind === 'dynamic-import' && !imported.external) lazyInputs.add(imported.path);
  }
  const entryKey = path.relative(ROOT, ENTRY).split(path.sep).join('/');
  const entryImports = (scan.metafile.inputs[entryKey]?.imports ?? [])
    .filter((imported) => imported.kind === 'import-statement' && !imported.external && !imported.path.startsWith('builtin:'))
    .map((imported) => path.join(ROOT, imported.path));
  // Which of them have a default export (`const { default: ora } = await import('ora')`).
  const exportsScan = await build({ ...common, splitting: true, outdir: DIST, entryPoints: [...lazyInputs].map((input) => path.join(ROOT, input)) });
  const exportsOf = new Map(
    Object.values(exportsScan.metafile.outputs)
      .filter((output) => output.entryPoint !== undefined)
      .map((output) => [output.entryPoint as string, output.exports]),
  );
  const lazy = new Map<string, { file: string; exports: string[] }>();
  for (const input of lazyInputs) {
    const name = outputName(input);
    const previous = lazy.get(name);
    if (previous !== undefined) throw new Error(`two lazily imported modules map to dist/${name}.js: ${previous.file}, ${input}`);
    lazy.set(name, { file: path.join(ROOT, input), exports: exportsOf.get(input) ?? [] });
  }
  return { lazy, entryImports };
}

/**
 * Each lazily imported module is reached through a stand-in that also imports everything the entry
 * imports. Every module the start-up path loads is then reachable from every entry point alike, and
 * esbuild's code splitting puts all of them in one chunk, instead of one chunk for each combination of
 * lazy modules that happens to share them: `--version` loads two files, not a dozen.
 */
function lazyEntries(graph: Graph): Plugin {
  const byFile = new Map([...graph.lazy.values()].map((entry) => [entry.file, entry]));
  const groupOf = new Map<string, string>();
  for (const [group, members] of Object.entries(GROUPS)) {
    const seen = new Map<string, string>();
    for (const member of members) {
      const entry = graph.lazy.get(member);
      if (entry === undefined) continue;
      for (const name of entry.exports) {
        const other = seen.get(name);
        if (name === 'default' || other !== undefined) throw new Error(`group ${group}: ${member} exports ${name}${other ? `, as ${other} does` : ''}; one file cannot hold both`);
        seen.set(name, member);
      }
      groupOf.set(entry.file, group);
    }
  }
  const imports = graph.entryImports.map((file) => `import ${JSON.stringify(file)};`);
  return {
    name: 'lazy-entries',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^lazy-(entry|group):/ }, (args) => {
        const [namespace, ...rest] = args.path.split(':');
        return { path: rest.join(':'), namespace };
      });
      pluginBuild.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind !== 'dynamic-import' || args.pluginData === 'inner') return undefined;
        const resolved = await pluginBuild.resolve(args.path, { kind: 'import-statement', resolveDir: args.resolveDir, importer: args.importer, pluginData: 'inner' });
        if (resolved.errors.length > 0 || !byFile.has(resolved.path)) return undefined;
        const group = groupOf.get(resolved.path);
        return group === undefined ? { path: resolved.path, namespace: 'lazy-entry' } : { path: group, namespace: 'lazy-group' };
      });
      pluginBuild.onLoad({ filter: /.*/, namespace: 'lazy-group' }, (args) => {
        const members = [...groupOf].filter(([, group]) => group === args.path).map(([file]) => `export * from ${JSON.stringify(file)};`);
        return { contents: `${[...imports, ...members].join('\n')}\n`, loader: 'js', resolveDir: ROOT };
      });
      pluginBuild.onLoad({ filter: /.*/, namespace: 'lazy-entry' }, (args) => {
        const entry = byFile.get(args.path);
        if (entry === undefined) throw new Error(`no lazily imported module ${args.path}`);
        const target = JSON.stringify(entry.file);
        const lines = [...imports, `export * from ${target};`];
        if (entry.exports.includes('default')) lines.push(`export { default } from ${target};`);
        return { contents: `${lines.join('\n')}\n`, loader: 'js', resolveDir: path.dirname(entry.file) };
      });
    },
  };
}

function licenceText(packageDir: string): string {
  const file = readdirSync(packageDir).find((name) => /^licen[cs]e(\.md|\.txt)?$/i.test(name));
  return file === undefined ? '' : readFileSync(path.join(packageDir, file), 'utf8').trim();
}

/** Appends the licence of every bundled package to the output files that contain its code. */
function appendLicences(metafile: Metafile): void {
  for (const [output, info] of Object.entries(metafile.outputs)) {
    if (!output.endsWith('.js')) continue;
    const packageDirs = [...new Set(Object.keys(info.inputs).map(packageDirOf).filter((dir): dir is string => dir !== undefined))].sort();
    if (packageDirs.length === 0) continue;
    const notices = packageDirs.map((dir) => {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name: string; version: string; license?: string };
      return `${pkg.name}@${pkg.version} (${pkg.license ?? 'see its package'})\n\n${licenceText(dir)}`;
    });
    const comment = `\n/*\n * Bundled third-party code and its licences:\n *\n${notices.join('\n\n')
      .split('\n')
      .map((line) => ` * ${line.replace(/\*\//g, '* /')}`.trimEnd())
      .join('\n')}\n */\n`;
    writeFileSync(path.join(ROOT, output), readFileSync(path.join(ROOT, output), 'utf8') + comment);
  }
}

/** Fails when an output still calls `require`, which an ES module does not have. */
function assertNoRequire(metafile: Metafile): void {
  for (const output of Object.keys(metafile.outputs)) {
    if (!output.endsWith('.js')) continue;
    if (/(?<!function )\b__require\(/.test(readFileSync(path.join(ROOT, output), 'utf8'))) {
      throw new Error(`${output} calls require() for a module the bundle does not contain; bundle it or add it to the builtins plugin`);
    }
  }
}

async function main(): Promise<void> {
  const metafileArg = process.argv.indexOf('--metafile');
  const metafilePath = metafileArg > 0 ? process.argv[metafileArg + 1] : undefined;
  rmSync(DIST, { recursive: true, force: true });
  const graph = await readGraph();
  const result = await build({
    entryPoints: {
      bin: ENTRY,
      ...Object.fromEntries([...graph.lazy].filter(([name]) => !Object.values(GROUPS).some((members) => members.includes(name))).map(([name, entry]) => [name, `lazy-entry:${entry.file}`])),
      ...Object.fromEntries(Object.keys(GROUPS).map((group) => [group, `lazy-group:${group}`])),
    },
    absWorkingDir: ROOT,
    outdir: DIST,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.18',
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    legalComments: 'none',
    minify: process.env.GPD_MINIFY === '1',
    logLevel: 'warning',
    plugins: [lazyEntries(graph), builtins],
  });
  assertNoRequire(result.metafile);
  appendLicences(result.metafile);
  if (!existsSync(path.join(DIST, 'bin.js'))) throw new Error('dist/bin.js was not written');
  if (metafilePath) writeFileSync(metafilePath, `${JSON.stringify(result.metafile)}\n`);
}

await main();
