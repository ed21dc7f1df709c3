// Enforces the dependency direction between the folders of src/ (see CONTRIBUTING in README):
// a folder may import only from the folders listed for it, and the browser entry never
// reaches Node-only code.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = resolve(import.meta.dirname, '..', 'src');

/** The browser-safe entries (`scl-wear`, `scl-wear/dsp`, `scl-wear/scl`, `scl-wear/advanced`). */
const browserEntries = ['index.ts', 'dsp.ts', 'scl.ts', 'advanced.ts'];
/** What a browser-safe entry may re-export. */
const browserEntry = ['errors.ts', 'core', 'dsp', 'streams', 'sources', 'model', 'scl', 'formats', 'storage', 'finetune'];

/** Which top-level parts of src/ each part may import. */
const allowed: Record<string, string[]> = {
  'errors.ts': ['errors'], // re-exports the modules of src/errors/
  errors: [],
  'package-assets.ts': [],
  'esbuild-plugin.ts': [], // Node only: runs inside the application's esbuild build
  core: ['errors.ts'],
  dsp: ['errors.ts', 'core'],
  streams: ['errors.ts', 'core', 'dsp'],
  sources: ['errors.ts', 'core', 'dsp', 'streams'],
  model: ['errors.ts', 'core', 'dsp', 'streams', 'package-assets.ts'],
  scl: ['errors.ts', 'core', 'dsp'],
  formats: ['errors.ts', 'core'],
  storage: ['errors.ts', 'core', 'formats'],
  finetune: ['errors.ts', 'core', 'dsp', 'model', 'storage'],
  io: ['errors.ts', 'core', 'dsp', 'streams', 'sources', 'formats', 'storage'],
  training: ['errors.ts', 'core', 'dsp', 'streams', 'scl', 'model', 'io'],
  cli: ['errors.ts', 'core', 'dsp', 'streams', 'sources', 'model', 'scl', 'formats', 'storage', 'io', 'training', 'finetune'],
  'index.ts': browserEntry,
  'dsp.ts': browserEntry,
  'scl.ts': browserEntry,
  'advanced.ts': browserEntry,
  'node.ts': ['errors.ts', 'core', 'dsp', 'streams', 'sources', 'model', 'scl', 'formats', 'storage', 'io', 'finetune'],
  'train.ts': ['errors.ts', 'core', 'dsp', 'streams', 'sources', 'model', 'scl', 'formats', 'storage', 'io', 'training', 'finetune'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const partOf = (file: string) => relative(src, file).split('/')[0]!;
const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => (m[1] ?? m[2])!,
  );
const resolveLocal = (from: string, spec: string) => resolve(dirname(from), spec.replace(/\.js$/, '.ts'));

describe('architecture', () => {
  it('every file of src/, test/, workers/, bench/ and scripts/ has a kebab-case name', () => {
    const root = resolve(src, '..');
    const named = ['src', 'test', 'workers', 'bench', 'scripts'].flatMap((dir) => files(join(root, dir)));
    const bad = named.map((f) => relative(root, f)).filter((f) => !/^[a-z0-9]+([-.][a-z0-9]+)*\.ts$/.test(f.split('/').pop()!));
    expect(bad).toEqual([]);
  });

  it('every part of src/ imports only from the parts it may depend on', () => {
    const violations: string[] = [];
    for (const file of files(src)) {
      const part = partOf(file);
      const rules = allowed[part];
      if (!rules) {
        violations.push(`${relative(src, file)}: part "${part}" has no dependency rule`);
        continue;
      }
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const target = partOf(resolveLocal(file, spec));
        if (target !== part && !rules.includes(target)) violations.push(`${relative(src, file)} -> ${spec}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('no file of src/ imports itself back through a circle of imports, type-only ones included', () => {
    const all = new Set(files(src));
    const state = new Map<string, 'open' | 'done'>();
    const circles: string[] = [];
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        circles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(src, f)).join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const spec of importsOf(file)) {
        const target = spec.startsWith('.') ? resolveLocal(file, spec) : '';
        if (all.has(target)) visit(target, [...path, file]);
      }
      state.set(file, 'done');
    };
    for (const file of all) visit(file, []);
    expect(circles).toEqual([]);
  });

  /** Imports (static or literal dynamic) reachable from an entry that `forbidden` rejects. */
  const reach = (entry: string, forbidden: (spec: string) => boolean) => {
    const seen = new Set<string>();
    const bad: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const spec of importsOf(file)) {
        if (forbidden(spec)) bad.push(`${relative(src, file)} imports ${spec}`);
        else if (spec.startsWith('.')) visit(resolveLocal(file, spec));
      }
    };
    visit(join(src, entry));
    return bad;
  };
  const trainingOnly = (spec: string) => spec.startsWith('@tensorflow/') || spec === 'protobufjs' || spec === 'onnxruntime-node';

  it.each(browserEntries)('the browser entry %s never reaches node: modules or Node-only parts', (entry) => {
    expect(reach(entry, (spec) => spec.startsWith('node:') || trainingOnly(spec))).toEqual([]);
  });

  it('the Node entry reaches neither training dependencies nor onnxruntime-node by name', () => {
    expect(reach('node.ts', (spec) => trainingOnly(spec) || spec.includes('/training/'))).toEqual([]);
  });
});
