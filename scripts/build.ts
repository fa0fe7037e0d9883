/**
 * `npm run build`: bundles the CLI into dist/ with esbuild.
 *
 *   dist/bin.js                 the process entry: answers a lone `--version` itself and loads the program
 *   dist/program.js             the program: commander, every command's options, and what `explain` runs
 *                               (see WITH_PROGRAM), re-exported from the one chunk that holds them
 *   dist/<dir>/<name>.js        one file per module a command loads lazily (`await import(...)` in src/),
 *                               named after its source: dist/report/check.js, dist/check/run-check.js
 *   dist/vendor/<package>.js    a dependency a command loads lazily (ora, execa, chalk, undici)
 *   dist/chunks/chunk-*.js      code shared by several of the above, loaded with the first that needs it
 *   dist/program-script.js      the program's chunk as a classic script, and its V8 code cache, named
 *   dist/program-script-<h>.cache  after the script's SHA-256; the chunk itself loads them (writeProgramScript)
 *
 * Start-up cost is what this layout is for. Node's cost per file is small, its cost per byte is not (it
 * reads, decodes and compiles every byte of a file it loads): `--version` reads one small file, `explain`
 * three, and nothing a command does not use is loaded. The output is minified and pure ASCII, which
 * Node reads and compiles fastest (a single other character makes the whole file a two-byte string).
 * The dependencies are bundled (nothing is resolved in node_modules at run time); their licence texts
 * are appended to the files that contain them.
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
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'src');
const DIST = path.join(ROOT, 'dist');
const ENTRY = path.join(SRC, 'bin.ts');
/** The program, which src/bin.ts imports lazily: what every command line but a lone `--version` loads. */
const PROGRAM = path.join(SRC, 'process-main.ts');
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
 * Lazily imported modules that are built into the program's chunk, because `explain` (the command that
 * sits in every failing pipeline) needs them on every run: one file to read instead of a dozen. The
 * source still imports them lazily (explain starts `go env -json` before it needs the engine, and the
 * tests load the sources module by module); here their `await import(...)` resolves to dist/program.js.
 */
const WITH_PROGRAM = ['explain/input', 'goenv/resolve', 'explain/engine', 'explain/read-log', 'report/explain', 'scenarios/index', 'report/wrap'];

/** The built-in a specifier names: `node:x` always (a newer Node may have it), a bare `x` only if this Node has it. */
function builtinName(specifier: string): string | undefined {
  if (specifier.startsWith('node:')) return specifier.slice('node:'.length);
  return builtinModules.includes(specifier) ? specifier : undefined;
}

/**
 * Source of the stand-in module for one built-in (CommonJS-shaped, so esbuild reads its exports by
 * property). Its exports object has no properties of its own and the module (or, when deferred, a
 * proxy that loads it) as its prototype: esbuild's ES-module view of a CommonJS module copies every own
 * property, once per importing file, which for node:fs, node:crypto and their like cost milliseconds
 * at start-up; through the prototype, `fs.readFileSync` reads the module's own. node:process is left as
 * it is, since its methods keep state on the object they are called on, and so is a module that is a
 * class or a function itself.
 */
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
  const real = requireHere(`node:${name}`) as unknown;
  // A module that is itself a class or function (node:events, node:stream, node:assert) is extended
  // and called: it has to be the export itself.
  if (name === 'process' || typeof real === 'function') {
    if (DEFERRED_BUILTINS.has(name)) throw new Error(`node:${name} is callable and cannot be deferred`);
    return `module.exports = ${load};\n`;
  }
  if (!DEFERRED_BUILTINS.has(name)) return `module.exports = Object.create(${load});\n`;
  return `let loaded;\nconst load = () => (loaded ??= ${load});\nmodule.exports = Object.create(new Proxy({}, { get: (_, key) => load()[key] }));\n`;
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
  /** The program's modules (absolute paths): PROGRAM, what it imports statically, and WITH_PROGRAM. */
  programModules: string[];
  /** The lazily imported modules whose `await import(...)` resolves to dist/program.js. */
  programMembers: string[];
}

function outputName(input: string): string {
  const packageDir = packageDirOf(input);
  const name = packageDir
    ? `vendor/${path.relative(path.join(ROOT, 'node_modules'), packageDir).split(path.sep).join('-').replace(/^@/, '')}`
    : path.relative(SRC, path.join(ROOT, input)).replace(/\.ts$/, '');
  if (name.startsWith('..')) throw new Error(`lazily imported module outside src/ and node_modules/: ${input}`);
  return name;
}

const inputKey = (file: string): string => path.relative(ROOT, file).split(path.sep).join('/');

/**
 * Every module in src/ or node_modules/ that is loaded with `await import(...)` gets a file of its own,
 * named after its source, so a command loads only what it uses and a name says what a file holds;
 * the program and WITH_PROGRAM share one.
 */
async function readGraph(): Promise<Graph> {
  const common: BuildOptions & { metafile: true } = { bundle: true, write: false, metafile: true, absWorkingDir: ROOT, platform: 'node', format: 'esm', logLevel: 'silent', plugins: [builtins] };
  const scan = await build({ ...common, entryPoints: [ENTRY] });
  const lazyInputs = new Set<string>();
  for (const input of Object.values(scan.metafile.inputs)) {
    for (const imported of input.imports) if (imported.kind === 'dynamic-import' && !imported.external) lazyInputs.add(imported.path);
  }
  // bin.js must share no module with the program, or `--version` would read a second file.
  const entryImports = (scan.metafile.inputs[inputKey(ENTRY)]?.imports ?? []).filter((imported) => imported.kind === 'import-statement');
  for (const imported of entryImports) {
    if (imported.path.startsWith('builtin:')) throw new Error(`src/bin.ts imports ${imported.path}; use process.getBuiltinModule there`);
    if ((scan.metafile.inputs[imported.path]?.imports ?? []).some((inner) => inner.kind === 'import-statement')) {
      throw new Error(`src/bin.ts imports ${imported.path}, which imports other modules; bin.js can only carry a copy of a module that imports nothing`);
    }
  }
  if (!lazyInputs.has(inputKey(PROGRAM))) throw new Error('src/bin.ts does not import the program (src/process-main.ts) lazily');
  const programImports = (scan.metafile.inputs[inputKey(PROGRAM)]?.imports ?? [])
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
  const programMembers = [PROGRAM];
  const seen = new Map<string, string>();
  for (const name of [outputName(inputKey(PROGRAM)), ...WITH_PROGRAM]) {
    const entry = lazy.get(name);
    if (entry === undefined) throw new Error(`WITH_PROGRAM names ${name}, which nothing imports lazily`);
    for (const exported of entry.exports) {
      const other = seen.get(exported);
      if (exported === 'default' || other !== undefined) throw new Error(`dist/program.js: ${name} exports ${exported}${other ? `, as ${other} does` : ''}; one file cannot hold both`);
      seen.set(exported, name);
    }
    if (entry.file !== PROGRAM) programMembers.push(entry.file);
  }
  return { lazy, programModules: [...new Set([PROGRAM, ...programImports, ...programMembers])], programMembers };
}

/**
 * Each lazily imported module is reached through a stand-in that also imports every module of the
 * program. Those are then reachable from every entry point alike, and esbuild's code splitting puts
 * all of them in one chunk, instead of one chunk for each combination of lazy modules that happens to
 * share them.
 */
function lazyEntries(graph: Graph): Plugin {
  const byFile = new Map([...graph.lazy.values()].map((entry) => [entry.file, entry]));
  const members = new Set(graph.programMembers);
  const imports = graph.programModules.map((file) => `import ${JSON.stringify(file)};`);
  return {
    name: 'lazy-entries',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^lazy-(entry|program):/ }, (args) => {
        const [namespace, ...rest] = args.path.split(':');
        return { path: rest.join(':'), namespace };
      });
      pluginBuild.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind !== 'dynamic-import' || args.pluginData === 'inner') return undefined;
        const resolved = await pluginBuild.resolve(args.path, { kind: 'import-statement', resolveDir: args.resolveDir, importer: args.importer, pluginData: 'inner' });
        if (resolved.errors.length > 0 || !byFile.has(resolved.path)) return undefined;
        return members.has(resolved.path) ? { path: 'program', namespace: 'lazy-program' } : { path: resolved.path, namespace: 'lazy-entry' };
      });
      pluginBuild.onLoad({ filter: /.*/, namespace: 'lazy-program' }, () => {
        const reexports = graph.programMembers.map((file) => `export * from ${JSON.stringify(file)};`);
        return { contents: `${[...imports, ...reexports].join('\n')}\n`, loader: 'js', resolveDir: ROOT };
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

/**
 * Writes every character outside ASCII as a `\uXXXX` escape (one per UTF-16 unit). Node decodes and
 * V8 compiles a one-byte source faster, and one other character anywhere makes a file a two-byte string.
 * esbuild already escapes strings; what is left sits in regular expressions (an escape there matches
 * the same character), in comments, and in the raw text of tagged templates, which only `t` reads in
 * src/ (its message id reads the escapes back: decodeUnicodeEscapes in src/i18n/language.ts).
 */
function writeAscii(metafile: Metafile): void {
  for (const output of Object.keys(metafile.outputs)) {
    if (!output.endsWith('.js')) continue;
    const file = path.join(ROOT, output);
    const text = readFileSync(file, 'utf8');
    const ascii = text.replace(/[^\x00-\x7f]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
    if (ascii !== text) writeFileSync(file, ascii);
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

/** Where the program's code goes as a classic script (see writeProgramScript). */
const PROGRAM_SCRIPT = path.join(DIST, 'program-script.js');

/**
 * Where V8's code cache of a script goes: named after the script's SHA-256, because V8 checks a cache
 * against its source by length only, and a cache must never meet a script it was not made from.
 */
function codeCacheFile(script: string): string {
  return path.join(DIST, `program-script-${createHash('sha256').update(script).digest('hex').slice(0, 16)}.cache`);
}

/** The chunk dist/program.js re-exports the program from: the one file it imports. */
function programChunk(metafile: Metafile): string {
  const program = Object.entries(metafile.outputs).find(([, output]) => output.entryPoint === 'lazy-program:program');
  const imports = program?.[1].imports.filter((imported) => imported.kind === 'import-statement') ?? [];
  if (imports.length !== 1 || imports[0] === undefined) throw new Error(`dist/program.js should import one chunk, not ${imports.length}`);
  const chunk = imports[0].path;
  if ((metafile.outputs[chunk]?.imports ?? []).some((imported) => imported.kind === 'import-statement')) throw new Error(`${chunk} imports other files; it cannot become a script`);
  return chunk;
}

/**
 * The program's chunk, minified, imports nothing and ends in one `export{local as name,…}`. It is
 * rewritten as a classic script, a function that takes the dynamic `import` and returns the exports,
 * and the chunk itself becomes a small module that compiles that script with V8's code cache and
 * exports what it returns. Node 20 keeps no code cache for ES modules; compiling the program (a
 * quarter of a megabyte) and the functions a command calls is most of the start-up a command adds to
 * Node's own, and with the cache V8 reads the compiled code instead. A cache that does not fit this
 * Node (another V8 or other V8 flags) is rejected by V8, which then compiles the source as usual.
 *
 * The exports are read once, after the script has run: right for the functions, classes and constants
 * a chunk exports, wrong for a binding that is assigned later, which esbuild makes only for a module it
 * initialises lazily (`__esm`); assertNoLazyModules keeps those out of the chunk.
 */
function writeProgramScript(chunk: string): string {
  const file = path.join(ROOT, chunk);
  const code = readFileSync(file, 'utf8');
  const exportStatements = [...code.matchAll(/export\{([^}]*)\};?/g)];
  if (exportStatements.length !== 1 || exportStatements[0] === undefined) throw new Error(`${chunk}: expected one export statement, found ${exportStatements.length}`);
  const statement = exportStatements[0];
  const exported = (statement[1] ?? '').split(',').map((item) => {
    const [local, name = local] = item.trim().split(' as ');
    return { local: local ?? '', name: name ?? '' };
  });
  // The chunk's dynamic imports name files relative to it; the module passes its own `import` in.
  let body = `${code.slice(0, statement.index)}return{${exported.map(({ local, name }) => `${name}:${local}`).join(',')}};${code.slice(statement.index + statement[0].length)}`;
  body = body.replace(/\bimport\("(\.\.?\/[^"]+)"\)/g, (_, specifier: string) => `__programImport(${JSON.stringify(specifier)})`);
  // Static imports there are none (programChunk); a script has no import.meta, and a dynamic import
  // left in it would be resolved against the wrong file.
  if (/\bimport\s*\(|\bimport\.meta\b/.test(body)) throw new Error(`${chunk}: a dynamic import or import.meta the script cannot keep is left`);
  const script = `(function(__programImport){"use strict";${body}\n})`;
  writeFileSync(PROGRAM_SCRIPT, script);
  const cacheFile = codeCacheFile(script);
  writeFileSync(
    file,
    [
      `// The program, compiled from ../${path.basename(PROGRAM_SCRIPT)} with V8's code cache: see writeProgramScript in scripts/build.ts.`,
      `const __program=(()=>{const fs=process.getBuiltinModule("node:fs"),vm=process.getBuiltinModule("node:vm"),{fileURLToPath}=process.getBuiltinModule("node:url");`,
      `const script=new URL(${JSON.stringify(`../${path.basename(PROGRAM_SCRIPT)}`)},import.meta.url),cache=fileURLToPath(new URL(${JSON.stringify(`../${path.basename(cacheFile)}`)},import.meta.url));`,
      `let cachedData;try{cachedData=fs.readFileSync(cache)}catch{}`,
      `const compiled=new vm.Script(fs.readFileSync(fileURLToPath(script),"latin1"),{filename:script.href,cachedData});`,
      // Only the build asks for the cache, by naming the file it wants written.
      `if(process.env.GPD_WRITE_CODE_CACHE===cache)process.once("exit",()=>fs.writeFileSync(cache,compiled.createCachedData()));`,
      `return compiled.runInThisContext()((specifier)=>import(new URL(specifier,import.meta.url).href))})();`,
      `export const{${exported.map(({ name }) => name).join(',')}}=__program;`,
      '',
    ].join('\n'),
  );
  return cacheFile;
}

/**
 * Fails when the program's chunk holds a module esbuild initialises lazily (its `__esm` wrapper), whose
 * exported bindings are assigned after the chunk has run (see writeProgramScript). Checked on an
 * unminified build, where the wrapper keeps its name.
 */
async function assertNoLazyModules(options: BuildOptions): Promise<void> {
  const result = await build({ ...options, minify: false, write: false, metafile: true });
  const chunk = programChunk(result.metafile);
  const text = result.outputFiles?.find((output) => output.path === path.join(ROOT, chunk))?.text ?? '';
  if (text === '') throw new Error(`the unminified build has no ${chunk}`);
  if (/\b__esm\(/.test(text)) throw new Error('the program chunk initialises a module lazily (__esm); its exports cannot be read once');
}

/**
 * Runs the built CLI once on go output of every scenario, so that the code V8 compiles on the way
 * (the program's top level, commander, the catalogue, the reader, the renderer) is in the cache.
 */
function writeCodeCache(cacheFile: string): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'gpd-build-'));
  try {
    const fixtures = path.join(ROOT, 'fixtures', 'stderr');
    const log = readdirSync(fixtures, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => {
        const first = readdirSync(path.join(fixtures, entry.name)).filter((name) => name.endsWith('.txt')).sort()[0];
        return first === undefined ? '' : readFileSync(path.join(fixtures, entry.name, first), 'utf8');
      })
      .join('\n');
    const input = path.join(dir, 'go-output.log');
    writeFileSync(input, log);
    const run = spawnSync(process.execPath, [path.join(DIST, 'bin.js'), 'explain', '--no-env', input], {
      env: { PATH: process.env.PATH ?? '', HOME: dir, NO_COLOR: '1', LANG: 'C', GPD_WRITE_CODE_CACHE: cacheFile },
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (run.status !== 1 || !existsSync(cacheFile)) throw new Error(`writing the code cache: explain exited ${run.status}: ${run.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * dist/bin.js is built on its own, without code splitting: it shares nothing with the program (not even
 * esbuild's helpers), so a lone `--version` reads this one file. Its one lazy import is the program.
 */
async function buildEntry(): Promise<Metafile> {
  const toProgram: Plugin = {
    name: 'entry-to-program',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind !== 'dynamic-import') return undefined;
        const resolved = await pluginBuild.resolve(args.path, { kind: 'import-statement', resolveDir: args.resolveDir, importer: args.importer });
        if (resolved.path !== PROGRAM) throw new Error(`src/bin.ts may import only the program lazily, not ${args.path}`);
        return { path: './program.js', external: true };
      });
    },
  };
  const result = await build({ ...OUTPUT_OPTIONS, entryPoints: { bin: ENTRY }, outdir: DIST, metafile: true, plugins: [toProgram] });
  return result.metafile;
}

/** What every output file is built with. */
const OUTPUT_OPTIONS = {
  absWorkingDir: ROOT,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.18',
  legalComments: 'none',
  minify: true,
  logLevel: 'warning',
} satisfies BuildOptions;

async function main(): Promise<void> {
  const metafileArg = process.argv.indexOf('--metafile');
  const metafilePath = metafileArg > 0 ? process.argv[metafileArg + 1] : undefined;
  rmSync(DIST, { recursive: true, force: true });
  const graph = await readGraph();
  const options: BuildOptions = {
    ...OUTPUT_OPTIONS,
    entryPoints: {
      ...Object.fromEntries([...graph.lazy].filter(([, entry]) => !graph.programMembers.includes(entry.file)).map(([name, entry]) => [name, `lazy-entry:${entry.file}`])),
      program: 'lazy-program:program',
    },
    outdir: DIST,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    plugins: [lazyEntries(graph), builtins],
  };
  await assertNoLazyModules(options);
  const result = await build(options);
  if (result.metafile === undefined) throw new Error('esbuild returned no metafile');
  const entry = await buildEntry();
  for (const metafile of [result.metafile, entry]) {
    assertNoRequire(metafile);
    appendLicences(metafile);
    writeAscii(metafile);
  }
  const cacheFile = writeProgramScript(programChunk(result.metafile));
  if (!existsSync(path.join(DIST, 'bin.js'))) throw new Error('dist/bin.js was not written');
  writeCodeCache(cacheFile);
  if (metafilePath) writeFileSync(metafilePath, `${JSON.stringify({ inputs: { ...entry.inputs, ...result.metafile.inputs }, outputs: { ...entry.outputs, ...result.metafile.outputs } })}\n`);
}

await main();
