// withStore: how IndexedDB failures become coded StorageErrors naming the step.
import { describe, expect, it } from 'vitest';
import { StorageError } from '../../src/errors.js';
import { withStore } from '../../src/storage/with-store.js';
import { listLabels } from '../../src/storage/labels.js';
import { freshDb } from './helpers.js';

const failWith = (err: unknown) => () => Promise.reject(err);

describe('withStore', () => {
  it('returns what the step resolves to', async () => {
    await expect(withStore('read', () => Promise.resolve(42))).resolves.toBe(42);
  });

  it('maps QuotaExceededError to E_QUOTA naming the step', async () => {
    const err = await withStore('write chunks', failWith(new DOMException('full', 'QuotaExceededError'))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect(err).toMatchObject({ code: 'E_QUOTA', details: { step: 'write chunks' } });
    expect((err as Error).message).toContain('write chunks');
    expect((err as Error).cause).toBeInstanceOf(DOMException);
  });

  it('maps other idb failures to E_STORAGE with the original message', async () => {
    const err = await withStore('list labels', failWith(new DOMException('the transaction was aborted', 'AbortError'))).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'E_STORAGE', details: { step: 'list labels' } });
    expect((err as Error).message).toMatch(/list labels: the transaction was aborted/);
  });

  it('lets SDK errors thrown inside the step through unchanged', async () => {
    const inner = new StorageError('E_STATE', 'already exists');
    await expect(withStore('create session', failWith(inner))).rejects.toBe(inner);
  });

  it('is what the store functions fail through: a closed database gives E_STORAGE with the step', async () => {
    const db = await freshDb();
    db.close();
    const err = await listLabels(db, 'nope').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_STORAGE', details: { step: 'list labels' } });
  });
});
