/**
 * `npm run bundle` (and `npm ci`, through package.json's `prepare`): bundles the CLI and every worker
 * thread's body with esbuild into dist/, npm packages left external, with a manifest of the content hash of
 * every source it was built from. A thread then loads one file instead of tsx compiling ~180 modules one by
 * one (about a second and 1.3 CPU-s per thread); bin/bundle-status.js runs the bundle only while those
 * hashes match the sources on disk.
 *
 * Layout: dist/cli.js and dist/<name>-worker-entry.js, flat, so the bundled main thread finds each
 * worker's bundle where the sources name its entry (`new URL('./build-worker-entry.js', import.meta.url)`),
 * and dist/ is one folder below the repository, as src/ is (src/repo-root.ts relies on that).
 */
import { chmod, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { build, type Plugin, version } from 'esbuild';
import { BUNDLE_DIR, CLI_BUNDLE, MANIFEST_FILE, REPO_ROOT, sourceHashes } from './bundle-status.js';

// Besides src/: what else decides the bundle's bytes (this file's options, the compiler options).
const TRACKED = ['bin/bundle.ts', 'tsconfig.json'];

/**
 * Marks every module of ours as free of side effects on import (STYLE.md rules them out), so that a module
 * a thread imports but never uses is left out with the npm packages it imports: the search index thread
 * reaches the publish and search stages through their index.ts, which would otherwise load handlebars,
 * d3, feed and lunr into it for nothing (~0.35 CPU-s of its start-up). Entry points always run.
 */
const withoutSideEffects: Plugin = {
  name: 'without-side-effects',
  setup(bundler) {
    bundler.onResolve({ filter: /^\.\.?\// }, async ({ path, pluginData, ...options }) => {
      if (pluginData === withoutSideEffects) return undefined; // the resolve() call below
      const resolved = await bundler.resolve(path, { ...options, pluginData: withoutSideEffects });
      return resolved.errors.length > 0 ? { errors: resolved.errors } : { ...resolved, sideEffects: false };
    });
  },
};

const started = performance.now();
const entryPoints = { [CLI_BUNDLE.replace(/\.js$/, '')]: 'src/cli.ts', ...(await workerBodies()) };
const before = sourceHashes(REPO_ROOT, TRACKED);
const staging = await mkdtemp(join(REPO_ROOT, `.${BUNDLE_DIR}-`));
try {
  const result = await build({
    absWorkingDir: REPO_ROOT,
    entryPoints,
    outdir: staging,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    packages: 'external',
    // `node --enable-source-maps bin/evidence-digest.js ...` then shows src/ lines in stack traces.
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    logLevel: 'warning',
    plugins: [withoutSideEffects],
  });
  const inputs = Object.keys(result.metafile.inputs);
  const outside = inputs.filter((input) => !input.startsWith('src/'));
  const sources = sourceHashes(REPO_ROOT, [...new Set([...TRACKED, ...outside])]);
  const missing = inputs.filter((input) => !(input in sources));
  if (missing.length > 0) throw new Error(`bundled inputs with no recorded hash: ${missing.join(', ')}`);
  const changed = [...new Set([...Object.keys(before), ...Object.keys(sources)])].filter(
    (path) => !outside.includes(path) && before[path] !== sources[path],
  );
  if (changed.length > 0) throw new Error(`${changed.join(', ')} changed while bundling: bundle again`);
  const outputs = (await readdir(staging)).sort();
  const manifest = { esbuild: version, entryPoints, outputs, sources };
  await writeFile(join(staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  await chmod(staging, 0o755); // mkdtemp's 0700 would hide the bundle from other users of the checkout
  await swapIn(staging, join(REPO_ROOT, BUNDLE_DIR));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(
    `bundle: ${BUNDLE_DIR}/ (${Object.keys(entryPoints).length} entries from ${inputs.length} sources) in ${seconds} s\n`,
  );
} catch (error) {
  await rm(staging, { recursive: true, force: true });
  throw error;
}

/**
 * Every worker entry in src/ (`<name>-worker-entry.js`, which runs `<name>-worker.ts` beside it through
 * bin/bundle-status.js's startWorker) becomes dist/<name>-worker-entry.js, bundled from its body.
 */
async function workerBodies(): Promise<Record<string, string>> {
  const bodies: Record<string, string> = {};
  for (const file of (await readdir(join(REPO_ROOT, 'src'), { recursive: true })).sort()) {
    if (!file.endsWith('-worker-entry.js')) continue;
    const entry = relative(REPO_ROOT, join(REPO_ROOT, 'src', file));
    const name = basename(entry, '.js');
    const body = join(dirname(entry), `${basename(entry, '-entry.js')}.ts`);
    if (name in bodies) throw new Error(`two worker entries are named ${name}.js; dist/ is flat`);
    if (!(await readFile(join(REPO_ROOT, entry), 'utf8')).includes(`'./${basename(body)}'`))
      throw new Error(`${entry} does not start ./${basename(body)}, the body this bundles for it`);
    bodies[name] = body;
  }
  return bodies;
}

/**
 * Replaces dist/ by the staging folder: in between, there is no bundle (a run then takes the sources),
 * never a half-written one.
 */
async function swapIn(staging: string, dir: string): Promise<void> {
  const old = `${staging}-old`;
  await rename(dir, old).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rename(staging, dir);
  await rm(old, { recursive: true, force: true });
}
