// The esbuild plugin in process, on a scratch project: `new URL('<literal>', import.meta.url)` in
// scl-wear's dist is pointed at an emitted copy, the same expression in the application is left
// as esbuild leaves it, and a URL naming no file stays untouched.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { sclWear } from '../src/esbuild-plugin.js';

const root = mkdtempSync(join(tmpdir(), 'scl-wear-esbuild-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function file(path: string, text: string): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

describe('sclWear() esbuild plugin', () => {
  it("emits the files scl-wear's dist names and leaves other code alone", async () => {
    file('node_modules/scl-wear/models/m.onnx', 'model bytes');
    file(
      'node_modules/scl-wear/dist/index.js',
      [
        "export const model = () => new URL('../models/m.onnx', import.meta.url);",
        "export const missing = () => new URL('../models/none.onnx', import.meta.url);",
      ].join('\n'),
    );
    file('app/data.txt', 'app data');
    file(
      'app/main.js',
      "import { model, missing } from '../node_modules/scl-wear/dist/index.js';\nglobalThis.out = [model(), missing(), new URL('./data.txt', import.meta.url)];",
    );
    const result = await build({
      absWorkingDir: root,
      entryPoints: ['app/main.js'],
      bundle: true,
      format: 'esm',
      outdir: 'out',
      write: false,
      logLevel: 'silent',
      plugins: [sclWear()],
    });
    const names = result.outputFiles.map((f) => basename(f.path)).sort();
    expect(names).toEqual([expect.stringMatching(/^m-\w+\.onnx$/), 'main.js']);
    expect(result.outputFiles.find((f) => f.path.endsWith('.onnx'))!.text).toBe('model bytes');
    const main = result.outputFiles.find((f) => f.path.endsWith('main.js'))!.text;
    expect(main).toContain(`"./${names[0]}"`);
    expect(main).toContain('new URL("../models/none.onnx", import.meta.url)');
    expect(main).toContain('new URL("./data.txt", import.meta.url)');
  });
});
