// The package as a user gets it: `npm pack` of a scratch copy of this repository (its `prepack`
// builds dist/), installed alone from the npm registry into an empty project. Test files of one
// vitest run share one tarball and one install: the first to arrive builds them under a
// directory named after the run, the others wait for it.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../browser/harness.js';

const run = promisify(execFile);

/** The packed and installed package. */
export interface Packed {
  /** Paths inside the tarball. */
  files: string[];
  /** The empty project the tarball was installed into. */
  consumer: string;
  /** Path of the tarball. */
  tarball: string;
}

/** Runs a command in `cwd`, niced (the machine is shared), failing with its output. */
export async function sh(cwd: string, cmd: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  try {
    const { stdout } = await run('nice', ['-n', '5', cmd, ...args], {
      cwd,
      maxBuffer: 64 << 20,
      env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...env },
    });
    return stdout;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

async function make(dir: string): Promise<Packed> {
  const staged = join(dir, 'package');
  const consumer = join(dir, 'consumer');
  mkdirSync(staged);
  // No dist/ is copied: `npm pack` must build it through `prepack`.
  for (const p of [
    'package.json',
    'README.md',
    'LICENSE',
    'CHANGELOG.md',
    'tsconfig.json',
    'tsconfig.build.json',
    'src',
    'workers',
    'models',
    'sdk-examples/data',
    'scripts/build.mjs',
  ]) {
    cpSync(join(repoRoot, p), join(staged, p), { recursive: true });
  }
  symlinkSync(join(repoRoot, 'node_modules'), join(staged, 'node_modules'), 'dir');
  // stdout carries the prepack build's lines, then the JSON report.
  const report = await sh(staged, 'npm', ['pack', '--json', '--pack-destination', dir]);
  const [packed] = JSON.parse(report.slice(report.search(/^\[/m))) as [{ filename: string; files: { path: string }[] }];
  const tarball = join(dir, packed.filename);
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  await sh(consumer, 'npm', ['install', '--no-package-lock', tarball]);
  return { files: packed.files.map((f) => f.path), consumer, tarball };
}

/** Removes the scratch directories of earlier runs whose vitest process is gone. */
function sweep(): void {
  for (const name of readdirSync(tmpdir())) {
    const m = /^scl-wear-packed-(\d+)$/.exec(name);
    if (!m || Number(m[1]) === process.ppid) continue;
    try {
      process.kill(Number(m[1]), 0);
    } catch {
      rmSync(join(tmpdir(), name), { recursive: true, force: true });
    }
  }
}

/**
 * The tarball and its install for this vitest run, made once: the first caller builds it, later
 * callers (in this or another test file's process) wait for it.
 */
export async function packed(): Promise<Packed> {
  const dir = join(tmpdir(), `scl-wear-packed-${process.ppid}`);
  const done = join(dir, 'done.json');
  const failed = join(dir, 'failed.txt');
  try {
    mkdirSync(dir);
  } catch {
    // Another test file is making it.
    for (;;) {
      if (existsSync(done)) return JSON.parse(readFileSync(done, 'utf8')) as Packed;
      if (existsSync(failed)) throw new Error(`packing failed in another test file: ${readFileSync(failed, 'utf8')}`);
      await new Promise((ok) => setTimeout(ok, 500));
    }
  }
  sweep();
  try {
    const result = await make(dir);
    writeFileSync(done, JSON.stringify(result));
    return result;
  } catch (err) {
    writeFileSync(failed, String((err as Error).stack ?? err));
    throw err;
  }
}

/** Total size in bytes of the files under a directory (what it takes on disk, less block rounding). */
export function treeBytes(dir: string): number {
  let sum = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = lstatSync(p, { throwIfNoEntry: false });
    if (!s) continue;
    sum += s.isDirectory() ? treeBytes(p) : s.isFile() ? s.size : 0;
  }
  return sum;
}

/** Median of some numbers. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
