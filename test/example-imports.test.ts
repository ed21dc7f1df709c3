// Every import from the package in the TSDoc examples, the guides and the example apps names
// something its entry exports, so the documentation follows the API tiers when names move.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

/** Entry specifier → its source file. */
const entries: Record<string, string> = {
  'scl-wear': 'src/index.ts',
  'scl-wear/dsp': 'src/dsp.ts',
  'scl-wear/scl': 'src/scl.ts',
  'scl-wear/advanced': 'src/advanced.ts',
  'scl-wear/node': 'src/node.ts',
  'scl-wear/train': 'src/train.ts',
  'scl-wear/esbuild': 'src/esbuild-plugin.ts',
};

/** Names (values and types) an entry file exports, read from its source. */
function exportedNames(file: string): Set<string> {
  const text = readFileSync(join(root, file), 'utf8');
  const names = new Set<string>();
  for (const m of text.matchAll(/export (?:type )?\{([^}]*)\} from/g)) {
    for (const spec of m[1]!.split(','))
      if (spec.trim())
        names.add(
          spec
            .trim()
            .split(/\s+as\s+/)
            .pop()!,
        );
  }
  for (const m of text.matchAll(/export (?:async )?(?:function|class|const|interface|type) (\w+)/g)) names.add(m[1]!);
  return names;
}

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p, ext) : ext.test(p) ? [p] : [];
  });
}

/** `import { a, type B } from 'scl-wear/…'` statements, in code or in comment lines. */
const IMPORT = /import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*['"](scl-wear(?:\/[a-z-]+)?)['"]/g;

describe('package imports in examples and docs', () => {
  const exported = Object.fromEntries(Object.entries(entries).map(([spec, file]) => [spec, exportedNames(file)]));
  const sources = [
    ...files(join(root, 'src'), /\.ts$/),
    ...files(join(root, 'docs'), /\.md$/).filter((f) => !f.includes(join('docs', 'api'))),
    join(root, 'README.md'),
    ...files(join(root, 'sdk-examples'), /\.ts$/),
  ];

  it('finds the imports it checks', () => {
    const count = sources.reduce((n, f) => n + [...readFileSync(f, 'utf8').matchAll(IMPORT)].length, 0);
    expect(count).toBeGreaterThan(200);
  });

  it('names only what the imported entry exports', () => {
    const wrong: string[] = [];
    for (const file of sources) {
      for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const names = exported[m[2]!];
        if (!names) continue; // scl-wear/worker and the model files export no names
        for (const spec of m[1]!.replace(/\*/g, '').split(',')) {
          const name = spec
            .trim()
            .replace(/^type\s+/, '')
            .split(/\s+as\s+/)[0]!;
          if (name && !names.has(name)) wrong.push(`${relative(root, file)}: ${name} from '${m[2]}'`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
