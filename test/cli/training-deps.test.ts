import { describe, expect, it } from 'vitest';
import { isMissingTrainingPackage, loadTraining, TRAINING_HINT } from '../../src/cli/training-deps.js';

/** An import failure as Node reports a package that is not installed. */
const notFound = (pkg: string) =>
  Object.assign(new Error(`Cannot find package '${pkg}' imported from /app/node_modules/scl-wear/dist/chunk-X.js`), {
    code: 'ERR_MODULE_NOT_FOUND',
  });

describe('training commands without the training packages', () => {
  it('prints one install line and no stack when tfjs or protobufjs is missing', async () => {
    const lines: string[] = [];
    const io = { out: (t: string) => lines.push(`out ${t}`), err: (t: string) => lines.push(`err ${t}`) };
    for (const pkg of ['@tensorflow/tfjs', 'protobufjs']) {
      // eslint-disable-next-line @typescript-eslint/no-confusing-void-expression -- nothing comes back when the packages are missing
      const got = await loadTraining('train', io, () => Promise.reject(notFound(pkg)));
      expect(got).toBeUndefined();
    }
    expect(lines).toEqual([`err scl-wear train: ${TRAINING_HINT}`, `err scl-wear train: ${TRAINING_HINT}`]);
    expect(TRAINING_HINT).toBe(
      'this command needs the training packages: npm install @tensorflow/tfjs @tensorflow/tfjs-backend-wasm protobufjs',
    );
  });

  it('lets other failures through (another missing package, a broken module)', async () => {
    const io = { out: () => {}, err: () => {} };
    expect(isMissingTrainingPackage(notFound('left-pad'))).toBe(false);
    await expect(loadTraining('ship', io, () => Promise.reject(notFound('left-pad')))).rejects.toThrow(/left-pad/);
    await expect(loadTraining('ship', io, () => Promise.reject(new SyntaxError('bad')))).rejects.toThrow('bad');
    expect(await loadTraining('ship', io, async () => ({ ok: 1 }))).toEqual({ ok: 1 });
  });
});
