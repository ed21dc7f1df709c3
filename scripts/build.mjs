#!/usr/bin/env node
// Builds dist/: ESM for `.`, `./dsp`, `./scl`, `./advanced` (browser-safe), `./node`, `./train`
// and the CLI in one code-split build (shared modules live once, in chunks beside the entries, so
// `instanceof SdkError` holds across entries and training code loads only when used), the workers
// as separate bundles, then the esbuild plugin, then type declarations with tsc. Dependencies stay
// external (the user's bundler resolves them).
import { build } from 'esbuild';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = [
  ...Object.keys(pkg.dependencies ?? {}),
  ...Object.keys(pkg.peerDependencies ?? {}),
  ...Object.keys(pkg.devDependencies ?? {}),
  'node:*',
];
rmSync('dist', { recursive: true, force: true });

const common = { bundle: true, format: 'esm', target: 'es2022', sourcemap: true, logLevel: 'warning', external };
await build({
  ...common,
  entryPoints: {
    index: 'src/index.ts',
    dsp: 'src/dsp.ts',
    scl: 'src/scl.ts',
    advanced: 'src/advanced.ts',
    node: 'src/node.ts',
    train: 'src/train.ts',
    cli: 'src/cli/main.ts',
  },
  outdir: 'dist',
  splitting: true,
  // Chunks stay beside the entries: `new URL('../models/…', import.meta.url)` must hold in all.
  chunkNames: 'chunk-[hash]',
  platform: 'neutral',
});
// Only the CLI starts with a shebang (esbuild's banner would reach every chunk).
writeFileSync('dist/cli.js', `#!/usr/bin/env node\n${readFileSync('dist/cli.js', 'utf8')}`, { mode: 0o755 });
for (const [entry, out] of [
  ['workers/encoder.worker.ts', 'dist/worker.js'],
  ['workers/finetune.worker.ts', 'dist/finetune-worker.js'],
]) {
  if (existsSync(entry)) await build({ ...common, entryPoints: [entry], outfile: out, platform: 'browser' });
}
// The esbuild plugin runs inside the user's build, in Node.
await build({ ...common, entryPoints: ['src/esbuild-plugin.ts'], outfile: 'dist/esbuild.js', platform: 'node' });
if (existsSync('workers/encoder.node-worker.ts')) {
  await build({ ...common, entryPoints: ['workers/encoder.node-worker.ts'], outfile: 'dist/node-worker.js', platform: 'node' });
}
const tsc = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
console.log('built dist/');
