#!/usr/bin/env node
// Builds the browser examples (sdk-examples/) with esbuild into .cache/examples and serves them on
// 127.0.0.1 with cross-origin isolation (COOP/COEP), as WASM threads need:
//
//   npm run examples [-- --port 8080] [-- --package]
//
// In this repository `scl-wear` resolves to the TypeScript sources; with `--package` it resolves
// like in an application (node_modules, or the built dist/ through the package's own exports).
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The package's entries in this repository, for in-repo builds. */
const SOURCE_ENTRIES = {
  'scl-wear': join(root, 'src/index.ts'),
  'scl-wear/dsp': join(root, 'src/dsp.ts'),
  'scl-wear/scl': join(root, 'src/scl.ts'),
  'scl-wear/advanced': join(root, 'src/advanced.ts'),
  'scl-wear/node': join(root, 'src/node.ts'),
  'scl-wear/worker': join(root, 'workers/encoder.worker.ts'),
};

/** esbuild plugin: `scl-wear[/sub]` imports go to the given files (the repository's sources). */
const packageFrom = (entries) => ({
  name: 'scl-wear-sources',
  setup(b) {
    b.onResolve({ filter: /^scl-wear(\/.*)?$/ }, (args) => {
      const path = entries[args.path];
      return path ? { path } : { errors: [{ text: `${args.path} is not an entry of scl-wear` }] };
    });
  },
});

/** The pages: each folder gets its bundle, the encoder worker beside it, and its static files. */
const PAGES = {
  dashboard: { entries: { main: 'sdk-examples/dashboard/main.ts' }, files: ['index.html', 'style.css'] },
  field: {
    entries: { main: 'sdk-examples/field/main.ts', 'finetune-worker': 'sdk-examples/field/finetune-worker.ts' },
    files: ['index.html', 'style.css', 'app.webmanifest'],
  },
};
/** Service workers: classic scripts (module service workers are not supported everywhere). */
const SERVICE_WORKERS = { 'field/sw': 'sdk-examples/field/sw.ts' };

/**
 * Builds every example page into `outDir`.
 *
 * @param {{ outDir?: string, usePackage?: boolean, minify?: boolean, entries?: Record<string, string> }} options
 *   `entries` maps package entries to files (default: the repository's sources)
 * @returns {Promise<string>} the output directory
 */
export async function buildExamples({
  outDir = join(root, '.cache/examples'),
  usePackage = false,
  minify = false,
  entries = SOURCE_ENTRIES,
} = {}) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const entryPoints = {};
  for (const [page, { entries: pageEntries }] of Object.entries(PAGES)) {
    for (const [name, src] of Object.entries(pageEntries)) entryPoints[`${page}/${name}`] = join(root, src);
    // createEncoder starts `worker.js` beside the page's bundle by default.
    entryPoints[`${page}/worker`] = 'scl-wear/worker';
  }
  const common = {
    outdir: outDir,
    absWorkingDir: root,
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    minify,
    sourcemap: true,
    logLevel: 'warning',
  };
  // With --package, tsconfig.json's paths (which map scl-wear to src/) are ignored, so the name
  // resolves through node_modules or the package's own exports (dist/, after `npm run build`).
  const resolution = usePackage ? { tsconfigRaw: '{}' } : { plugins: [packageFrom(entries)] };
  // Code splitting keeps what is loaded on demand (onnxruntime for in-process inference) out of
  // the pages' bundles; shared chunks go to /chunks/.
  const { metafile } = await build({
    ...common,
    entryPoints,
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    ...resolution,
  });
  writeChunkLists(metafile, outDir);
  const workers = Object.fromEntries(Object.entries(SERVICE_WORKERS).map(([out, src]) => [out, join(root, src)]));
  await build({ ...common, entryPoints: workers, format: 'iife' });
  for (const [page, { files }] of Object.entries(PAGES)) {
    for (const f of files) cpSync(join(root, 'sdk-examples', page, f), join(outDir, page, f));
  }
  cpSync(join(root, 'sdk-examples/index.html'), join(outDir, 'index.html'));
  cpSync(join(root, 'sdk-examples/data'), join(outDir, 'data'), { recursive: true });
  // onnxruntime-web's .wasm files are linked, not copied (tens of MB).
  mkdirSync(join(outDir, 'models'));
  if (existsSync(join(root, 'models'))) cpSync(join(root, 'models'), join(outDir, 'models'), { recursive: true });
  symlinkSync(join(root, 'node_modules/onnxruntime-web/dist'), join(outDir, 'ort'), 'dir');
  return outDir;
}

/**
 * Writes `<page>/chunks.json` for pages with a service worker: the shared chunks the page's
 * bundles import statically (paths relative to the page), which the worker caches on install. On-demand chunks (the
 * in-process onnxruntime) are left out.
 */
function writeChunkLists(metafile, outDir) {
  const rel = (p) => relative(outDir, resolve(root, p)).split(sep).join('/');
  const outputs = new Map(Object.entries(metafile.outputs).map(([p, o]) => [rel(p), o]));
  for (const page of Object.keys(SERVICE_WORKERS).map((sw) => dirname(sw))) {
    const found = new Set();
    const visit = (path) => {
      for (const imp of outputs.get(path)?.imports ?? []) {
        const target = rel(imp.path);
        if (imp.kind !== 'import-statement' || found.has(target)) continue;
        found.add(target);
        visit(target);
      }
    };
    for (const out of outputs.keys()) if (out.startsWith(`${page}/`) && out.endsWith('.js')) visit(out);
    writeFileSync(join(outDir, page, 'chunks.json'), JSON.stringify([...found].map((p) => `../${p}`)));
  }
}

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.csv': 'text/csv; charset=utf-8',
  '.map': 'application/json',
};

/**
 * Serves a built examples directory on 127.0.0.1 with COOP/COEP headers.
 *
 * @param {{ dir?: string, port?: number }} options - `port` 0 picks a free port
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export async function serveExamples({ dir = join(root, '.cache/examples'), port = 0 } = {}) {
  dir = resolve(dir);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(dir, path));
    const headers = {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cache-Control': 'no-cache',
    };
    if (!file.startsWith(dir)) {
      res.writeHead(403, headers).end('forbidden');
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!path.endsWith('/')) {
        res.writeHead(301, { ...headers, Location: `${path}/` }).end();
        return;
      }
      file = join(file, 'index.html');
    }
    if (!existsSync(file)) {
      res.writeHead(404, headers).end('not found');
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise((ok, fail) => server.once('error', fail).listen(port, '127.0.0.1', ok));
  const { port: bound } = server.address();
  return { url: `http://127.0.0.1:${bound}`, close: () => new Promise((ok) => server.close(() => ok())) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--port');
  const port = at >= 0 ? Number(args[at + 1]) : 8080;
  const dir = await buildExamples({ usePackage: args.includes('--package') });
  const { url } = await serveExamples({ dir, port });
  console.log(`scl-wear examples built into ${dir}`);
  console.log(`  dashboard: ${url}/dashboard/`);
  console.log(`  field:     ${url}/field/`);
  console.log('Ctrl+C stops the server.');
}
