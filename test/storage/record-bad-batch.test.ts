// Recording refuses what is not a well-formed batch with a typed error, keeping what came before.
import { describe, expect, it } from 'vitest';
import { from } from 'rxjs';
import { createSession, getSession } from '../../src/storage/sessions.js';
import { recordSession } from '../../src/storage/record-session.js';
import { replaySession } from '../../src/storage/replay-session.js';
import { SdkError } from '../../src/errors.js';
import { all, concatData, freshDb, imuBatches } from './helpers.js';

describe('recordSession and bad batches', () => {
  it('fails with E_SHAPE on a non-batch or a misshapen batch and stores exactly the batches before it', async () => {
    const db = await freshDb();
    const good = imuBatches(3, 40);
    const next = imuBatches(1, 40, 50, 120)[0]!;
    const bads: [string, unknown][] = [
      ['null', null],
      ['a string', 'imu'],
      ['data shorter than length', { ...next, data: next.data.subarray(0, 100) }],
      ['data as a plain array', { ...next, data: [...next.data] }],
      ['timestamps of the wrong length', { ...next, timestamps: new Float64Array(5) }],
      ['no channels', { ...next, channels: undefined }],
    ];
    let typed = 0;
    for (const [what, bad] of bads) {
      const { id } = await createSession(db);
      const err = await all(from([...good, bad as never]).pipe(recordSession(db, id))).catch((e: unknown) => e);
      expect(err, what).toBeInstanceOf(SdkError);
      expect((err as SdkError).code, what).toBe('E_SHAPE');
      const s = await getSession(db, id);
      expect(s.status, what).toBe('failed');
      expect(concatData(await all(replaySession(db, id))), what).toEqual(concatData(good));
      typed++;
    }
    expect(typed).toBe(bads.length);
  });
});
