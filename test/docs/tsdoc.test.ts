// Every name a package entry exports carries TSDoc: a summary and an `@example` holding a
// TypeScript block that imports from that entry (`scl-wear`, `scl-wear/dsp`...), so the API
// reference never shows a bare name and no example points at an entry that lacks the name.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');

/** The source file of each entry of package.json `exports` that has types (`./dist/types/X.d.ts` → `src/X.ts`). */
function entrySources(): { entry: string; file: string }[] {
  const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
  return Object.entries(pkg.exports).flatMap(([entry, target]) => {
    const types = typeof target === 'object' && target !== null ? (target as { types?: unknown }).types : undefined;
    const m = typeof types === 'string' ? /^\.\/dist\/types\/(.+)\.d\.ts$/.exec(types) : null;
    return m ? [{ entry, file: resolve(root, 'src', `${m[1]}.ts`) }] : [];
  });
}

/** A fenced TypeScript block importing from the package name (`scl-wear` or one of its subpaths). */
const USABLE_EXAMPLE = /```ts[\s\S]*from\s+['"]scl-wear(\/[\w-]+)?['"][\s\S]*```/;

/** The import specifier of an entry: `.` → `scl-wear`, `./dsp` → `scl-wear/dsp`. */
const specifierOf = (entry: string) => `scl-wear${entry.slice(1)}`;

/** Whether an example imports from the entry itself (`from 'scl-wear'` is not met by `from 'scl-wear/dsp'`). */
const importsFrom = (example: string, entry: string) => new RegExp(`from\\s+['"]${specifierOf(entry)}['"]`).test(example);

/** What is missing from the TSDoc of a symbol exported by `entry`, empty when nothing is. */
function gaps(symbol: ts.Symbol, checker: ts.TypeChecker, entry: string): string[] {
  const summary = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
  const examples = symbol
    .getJsDocTags(checker)
    .filter((t) => t.name === 'example')
    .map((t) => ts.displayPartsToString(t.text));
  const missing: string[] = [];
  if (!summary) missing.push('summary');
  if (!examples.length) missing.push('@example');
  else if (!examples.some((e) => USABLE_EXAMPLE.test(e))) missing.push("@example with a ```ts block importing from 'scl-wear'");
  else if (!examples.some((e) => importsFrom(e, entry))) missing.push(`@example importing from '${specifierOf(entry)}'`);
  return missing;
}

const entries = entrySources();
const { config } = ts.readConfigFile(resolve(root, 'tsconfig.json'), ts.sys.readFile);
const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, root);

describe('TSDoc of the public API', () => {
  const program = ts.createProgram(
    entries.map((e) => e.file),
    { ...options, noEmit: true },
  );
  const checker = program.getTypeChecker();

  it('finds every typed entry of package.json', () => {
    expect(entries.map((e) => e.entry)).toEqual(expect.arrayContaining(['.', './node', './train']));
    for (const { file } of entries) expect(program.getSourceFile(file), file).toBeDefined();
  });

  it.each(entries)('every name exported by $entry has a summary and an @example importing from it', ({ entry, file }) => {
    const module = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
    const exported = checker.getExportsOfModule(module);
    expect(exported.length).toBeGreaterThan(0);
    const lacking = exported.flatMap((e) => {
      const symbol = e.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(e) : e;
      const missing = gaps(symbol, checker, entry);
      const where = symbol.declarations?.[0]?.getSourceFile().fileName.replace(`${root}/`, '') ?? '?';
      return missing.length ? [`${e.name} (${where}): no ${missing.join(', no ')}`] : [];
    });
    expect(lacking).toEqual([]);
  });
});
