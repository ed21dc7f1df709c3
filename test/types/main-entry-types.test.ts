// Every named type that appears in the signatures of the main entry's values (parameters,
// results, the members of option and result interfaces and of class instances, a few levels
// deep) is exported by the main entry too, so an application can name what it passes and gets
// without reaching into `scl-wear/advanced` or the subpath entries.
import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
const src = resolve(root, 'src');
const MAX_DEPTH = 6;

/** Named types declared in src/ that the main entry's values reach, mapped to the value that reaches them. */
function reachedTypes(): { reached: Map<ts.Symbol, string>; exported: Set<ts.Symbol> } {
  const entry = resolve(src, 'index.ts');
  const config = ts.getParsedCommandLineOfConfigFile(
    resolve(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  )!;
  const program = ts.createProgram([entry], config.options);
  const checker = program.getTypeChecker();
  const original = (s: ts.Symbol) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(entry)!)!);
  const exported = new Set(exports.map(original));
  const reached = new Map<ts.Symbol, string>();
  const seen = new Set<ts.Type>();
  const inSrc = (s: ts.Symbol | undefined) => !!s?.declarations?.[0]?.getSourceFile().fileName.startsWith(src);
  const namedKinds = ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias | ts.SymbolFlags.Class | ts.SymbolFlags.Enum;

  const visit = (type: ts.Type | undefined, from: string, depth: number): void => {
    if (!type || seen.has(type) || depth > MAX_DEPTH) return;
    seen.add(type);
    for (const s of [type.aliasSymbol, type.symbol]) {
      if (s && inSrc(s) && s.flags & namedKinds && !reached.has(s)) reached.set(s, from);
    }
    const next = (t: ts.Type) => visit(t, from, depth + 1);
    type.aliasTypeArguments?.forEach(next);
    if (type.isUnionOrIntersection()) type.types.forEach(next);
    if (type.flags & ts.TypeFlags.Object && (type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference) {
      checker.getTypeArguments(type as ts.TypeReference).forEach(next);
    }
    for (const sig of [...type.getCallSignatures(), ...type.getConstructSignatures()]) {
      for (const p of sig.getParameters()) next(checker.getTypeOfSymbol(p));
      next(sig.getReturnType());
    }
    if (!inSrc(type.symbol)) return;
    for (const p of type.getProperties()) {
      const decl = p.valueDeclaration;
      if (decl && ts.getCombinedModifierFlags(decl) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
      next(checker.getTypeOfSymbol(p));
    }
  };

  for (const s of exports) {
    const o = original(s);
    if (!(o.flags & ts.SymbolFlags.Value)) continue;
    visit(checker.getTypeOfSymbol(o), s.name, 0);
    if (o.flags & ts.SymbolFlags.Class) visit(checker.getDeclaredTypeOfSymbol(o), s.name, 0);
  }
  return { reached, exported };
}

describe('the main entry names the types of its own signatures', () => {
  it('exports every named type its values reach', () => {
    const { reached, exported } = reachedTypes();
    const missing = [...reached].filter(([s]) => !exported.has(s)).map(([s, from]) => `${s.name} (reached from ${from})`);
    expect(reached.size).toBeGreaterThan(100);
    expect(missing.sort()).toEqual([]);
  }, 180_000);
});
