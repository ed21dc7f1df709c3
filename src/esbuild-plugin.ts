// An esbuild plugin that does for esbuild what Vite and webpack do unasked: follow
// `new URL('<literal>', import.meta.url)` in the files of scl-wear and onnxruntime-web, emit each
// referenced file with the application and point the expression at the copy. One mechanism, a
// regular expression over those two packages' dist files; every other file is left alone.
// Node only (it runs inside the build).
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { BuildOptions, Plugin, PluginBuild } from 'esbuild';

/** `new URL('…', import.meta.url)` with a string literal; group 2 is the relative path. */
const URL_PATTERN = /new\s+URL\(\s*(['"])([^'"\\\n]+)\1\s*,\s*import\.meta\.url\s*\)/g;
/** The dist files whose URLs are followed. */
const PACKAGE_FILES = /[\\/](scl-wear|onnxruntime-web)[\\/]dist[\\/][^\\/]+\.m?js$/;
/** Scripts of scl-wear referenced this way are workers: bundled, since they import packages by name. */
const WORKER_SCRIPT = /[\\/]scl-wear[\\/]dist[\\/][^\\/]+\.m?js$/;
const NAMESPACE = 'scl-wear-asset';

/**
 * esbuild plugin that emits the files scl-wear needs at run time (model manifest, models, the
 * encoder worker, onnxruntime-web's `.wasm`) into the build's output directory, so that
 * `createEncoder({ model: 'imu' })` works after an esbuild build with no path option and nothing
 * copied by hand. The build must write ES modules (`format: 'esm'`) with `bundle: true` and an
 * `outdir`; files are emitted under esbuild's `assetNames` (default `[name]-[hash]`).
 *
 * @returns the plugin, for esbuild's `plugins` option
 * @throws nothing itself; a referenced file that cannot be read fails the build with esbuild's error
 * @example
 * ```ts
 * import { build } from 'esbuild';
 * import { sclWear } from 'scl-wear/esbuild';
 * await build({ entryPoints: ['src/main.js'], bundle: true, format: 'esm', outdir: 'dist', plugins: [sclWear()] });
 * ```
 */
export function sclWear(): Plugin {
  return { name: 'scl-wear', setup };
}

function setup(b: PluginBuild): void {
  b.onLoad({ filter: PACKAGE_FILES }, async (args) => {
    const source = await readFile(args.path, 'utf8');
    const imports: string[] = [];
    const contents = source.replace(URL_PATTERN, (whole, _quote: string, rel: string) => {
      const file = resolve(dirname(args.path), rel);
      if (!existsSync(file)) return whole;
      const name = `__sclWearAsset${imports.length}`;
      imports.push(`import ${name} from ${JSON.stringify(`${NAMESPACE}:${file}`)};`);
      return `new URL(${name}, import.meta.url)`;
    });
    if (imports.length === 0) return undefined;
    return { contents: `${imports.join('\n')}\n${contents}`, loader: 'js', resolveDir: dirname(args.path) };
  });
  b.onResolve({ filter: new RegExp(`^${NAMESPACE}:`) }, (args) => ({ path: args.path.slice(NAMESPACE.length + 1), namespace: NAMESPACE }));
  const workers = new Map<string, Promise<Uint8Array>>();
  b.onLoad({ filter: /.*/, namespace: NAMESPACE }, async (args) => {
    if (!WORKER_SCRIPT.test(args.path)) return { contents: await readFile(args.path), loader: 'file' };
    let worker = workers.get(args.path);
    if (!worker) workers.set(args.path, (worker = bundleWorker(b, args.path)));
    return { contents: await worker, loader: 'file' };
  });
}

/**
 * Bundles a worker script with its dependencies (and, through this plugin, their files), writes
 * those files where the worker will sit and returns the worker's code, which the calling build
 * then emits as a file under the same `assetNames`.
 */
async function bundleWorker(b: PluginBuild, entry: string): Promise<Uint8Array> {
  const o: BuildOptions = b.initialOptions;
  const outdir = o.outdir ?? (o.outfile ? dirname(o.outfile) : process.cwd());
  const names = o.assetNames ?? '[name]-[hash]';
  const result = await b.esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    outdir,
    entryNames: names,
    assetNames: names,
    logLevel: 'silent',
    plugins: [sclWear()],
    ...pick(o, ['minify', 'target', 'define', 'conditions', 'absWorkingDir', 'legalComments']),
  });
  const main = Object.entries(result.metafile!.outputs).find(([, out]) => out.entryPoint !== undefined)![0];
  let code: Uint8Array | undefined;
  for (const f of result.outputFiles!) {
    if (f.path === resolve(o.absWorkingDir ?? process.cwd(), main)) code = f.contents;
    else if (o.write !== false) await mkdir(dirname(f.path), { recursive: true }).then(() => writeFile(f.path, f.contents));
  }
  return code!;
}

function pick(o: BuildOptions, keys: (keyof BuildOptions)[]): BuildOptions {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}
