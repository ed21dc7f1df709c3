// Smoke page: imports SDK code through the bundler and reports what it sees.
import { createBatch } from '../../../src/core/batch.js';
import { InputError } from '../../../src/errors.js';

let code = 'none';
try {
  createBatch({
    kind: 'ecg',
    channels: [
      { name: 'a', unit: 'mV' },
      { name: 'b', unit: 'mV' },
    ],
    rate: 1,
    t0: 0,
    seq: 0,
    data: new Float32Array(3),
  });
} catch (err) {
  if (err instanceof InputError) code = err.code;
}
(globalThis as { smoke?: unknown }).smoke = { isolated: globalThis.crossOriginIsolated, code };
