// The recipe in docs/export.md: exported Parquet, the manifest's preprocessing done by hand and
// the ONNX model run directly in another ONNX engine binding (onnxruntime-web's session API,
// without the SDK's encoder, packing or operators) give the embeddings the SDK computes.
import { readFileSync } from 'node:fs';
import { parquetReadObjects } from 'hyparquet';
import * as ort from 'onnxruntime-web';
import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createNodeEncoder } from '../../src/model/node-encoder.js';
import { embed } from '../../src/model/embed.js';
import { simulateImu } from '../../src/sources/imu-sim.js';
import { recordingBatches } from '../../src/sources/recording.js';
import { recordingSource } from '../../src/io/frame-files.js';
import { parquetBytes } from '../../src/formats/parquet-write.js';
import { bytesFrom } from './helpers.js';

const manifest = JSON.parse(readFileSync(new URL('../../models/manifest.json', import.meta.url), 'utf8'));

describe('reproducing embeddings from an exported file', () => {
  it('the IMU model on Parquet rows, preprocessed as the manifest says, matches the SDK', async () => {
    const { recording } = simulateImu({
      activities: [
        { activity: 'walking', seconds: 8 },
        { activity: 'sitting', seconds: 4 },
      ],
      rate: 50,
      accUnit: 'm/s^2',
      seed: 4,
    });
    const { bytes } = await bytesFrom(parquetBytes(recordingSource(recording)));

    // What an analyst does elsewhere: read the rows, convert units, cut windows, run the model.
    const entry = manifest.models.imu;
    const rows = (await parquetReadObjects({ file: bytes.buffer })) as Record<string, number>[];
    const n = entry.windowSamples as number;
    const g = 9.80665;
    const count = Math.floor(rows.length / n);
    const x = new Float32Array(count * 6 * n);
    const cols = ['ax', 'ay', 'az', 'gx', 'gy', 'gz'];
    for (let w = 0; w < count; w++) {
      for (let c = 0; c < 6; c++) for (let t = 0; t < n; t++) x[(w * 6 + c) * n + t] = rows[w * n + t]![cols[c]!]! / (c < 3 ? g : 1); // NCT, acc in g
    }
    ort.env.wasm.numThreads = 1;
    const session = await ort.InferenceSession.create(new Uint8Array(readFileSync(new URL(`../../models/${entry.file}`, import.meta.url))));
    const out = await session.run({ [entry.input.name]: new ort.Tensor('float32', x, [count, 6, n]) });
    const z = out[entry.outputs.embedding]!.data as Float32Array;

    // The SDK on the same recording.
    const encoder = await createNodeEncoder({ model: 'imu', device: 'wasm', worker: false });
    try {
      const results = await lastValueFrom(from(recordingBatches(recording, 0, { batchSeconds: 1 })).pipe(embed(encoder), toArray()));
      expect(results).toHaveLength(count);
      const dim = entry.embedding.dim as number;
      let worst = 0;
      results.forEach((r, w) => r.embedding.forEach((v, k) => (worst = Math.max(worst, Math.abs(v - z[w * dim + k]!)))));
      expect(worst).toBeLessThan(1e-4);
    } finally {
      await encoder.close();
    }
  }, 60_000);
});
