#!/usr/bin/env node
// Builds dist/: ESM bundles for `.` (browser-safe), `./node`, the CLI and the worker entry,
// then type declarations with tsc. Dependencies stay external (the user's bundler resolves them).
import { build } from 'esbuild';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = [
  ...Object.keys(pkg.dependencies ?? {}),
  ...Object.keys(pkg.optionalDependencies ?? {}),
  ...Object.keys(pkg.devDependencies ?? {}),
  'node:*',
];
rmSync('dist', { recursive: true, force: true });

const common = { bundle: true, format: 'esm', target: 'es2022', sourcemap: true, logLevel: 'warning', external };
await build({ ...common, entryPoints: ['src/index.ts'], outfile: 'dist/index.js', platform: 'neutral' });
await build({ ...common, entryPoints: ['src/node.ts'], outfile: 'dist/node.js', platform: 'node' });
await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.js',
  platform: 'node',
  banner: { js: '#!/usr/bin/env node' },
});
for (const [entry, out] of [
  ['workers/encoder.worker.ts', 'dist/worker.js'],
  ['workers/finetune.worker.ts', 'dist/finetune-worker.js'],
]) {
  if (existsSync(entry)) await build({ ...common, entryPoints: [entry], outfile: out, platform: 'browser' });
}
if (existsSync('workers/encoder.node-worker.ts')) {
  await build({ ...common, entryPoints: ['workers/encoder.node-worker.ts'], outfile: 'dist/node-worker.js', platform: 'node' });
}
const tsc = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
console.log('built dist/');
