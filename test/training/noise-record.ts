import { createRng } from '../../src/core/random.js';
import type { EcgRecord } from '../../src/training/ecg-data.js';

/** A synthetic record at 100 Hz: white noise (so every offset is recognisable) with beats every 100 samples. */
export function noiseRecord(name: string, seed: number, samples = 4000): EcgRecord {
  const rng = createRng(seed);
  const beats = Int32Array.from({ length: samples / 100 }, (_, k) => 50 + 100 * k);
  return {
    name,
    rate: 100,
    signal: Float32Array.from({ length: samples }, () => rng.normal()),
    beats,
    beatClass: new Uint8Array(beats.length),
  };
}
