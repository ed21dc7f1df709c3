import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

type ErrorsModule = typeof import('../src/errors.js');

/** Bundles src/errors.ts into a standalone module file, as each dist entry does. */
async function bundledCopy(dir: string, name: string): Promise<ErrorsModule> {
  const out = await build({
    entryPoints: [join(__dirname, '../src/errors.ts')],
    bundle: true,
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, out.outputFiles[0]!.text);
  return (await import(pathToFileURL(file).href)) as ErrorsModule;
}

describe('error identity across bundles', () => {
  it('an error of one bundle is an instance of the classes of another, subclass by subclass', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scl-errors-'));
    const a = await bundledCopy(dir, 'a');
    const b = await bundledCopy(dir, 'b');
    expect(a.SdkError).not.toBe(b.SdkError);
    const err = new a.ModelError('E_MODEL_LOAD', 'bad file');
    expect(err instanceof b.SdkError).toBe(true);
    expect(err instanceof b.ModelError).toBe(true);
    expect(err instanceof b.InputError).toBe(false);
    expect(err instanceof b.StorageError).toBe(false);
    expect(new a.SdkError('E_IO', 'x') instanceof b.ModelError).toBe(false);
    for (const name of ['InputError', 'FormatError', 'ModelError', 'StorageError', 'SourceError', 'TrainingError'] as const) {
      const e = new a[name]('E_ARGUMENT' as never, 'm');
      for (const other of ['InputError', 'FormatError', 'ModelError', 'StorageError', 'SourceError', 'TrainingError'] as const) {
        expect(e instanceof b[other]).toBe(name === other);
      }
      expect(e instanceof b.SdkError && e instanceof a.SdkError && e instanceof Error).toBe(true);
    }
  });

  it('a bundle that keeps only SdkError (tree-shaken) still recognises the errors of another bundle', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scl-errors-'));
    const out = await build({
      stdin: { contents: "export { SdkError } from './src/errors.ts';", resolveDir: join(__dirname, '..'), loader: 'ts' },
      bundle: true,
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    expect(out.outputFiles[0]!.text).not.toContain('class ModelError');
    const file = join(dir, 'only-base.mjs');
    writeFileSync(file, out.outputFiles[0]!.text);
    const onlyBase = (await import(pathToFileURL(file).href)) as Pick<ErrorsModule, 'SdkError'>;
    const full = await bundledCopy(dir, 'full');
    expect(new full.ModelError('E_MODEL_LOAD', 'bad file') instanceof onlyBase.SdkError).toBe(true);
    expect(new onlyBase.SdkError('E_IO', 'x') instanceof full.SdkError).toBe(true);
    expect(new onlyBase.SdkError('E_IO', 'x') instanceof full.ModelError).toBe(false);
  });

  it('plain values and look-alikes are not SDK errors', async () => {
    const { SdkError, ModelError } = await import('../src/errors.js');
    for (const v of [null, undefined, 0, 'E_IO', {}, { code: 'E_IO' }, new Error('x'), Object.create(null)]) {
      expect(v instanceof SdkError).toBe(false);
      expect(v instanceof ModelError).toBe(false);
    }
  });

  it('a user subclass still works with instanceof', async () => {
    const { ModelError, SdkError, StorageError } = await import('../src/errors.js');
    class MyError extends ModelError {}
    const e = new MyError('E_CLOSED', 'closed');
    expect(e instanceof MyError && e instanceof ModelError && e instanceof SdkError).toBe(true);
    expect(new ModelError('E_CLOSED', 'x') instanceof MyError).toBe(false);
    expect(e instanceof StorageError).toBe(false);
  });
});
