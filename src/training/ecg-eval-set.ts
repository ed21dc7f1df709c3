import type { EcgRecord } from './ecg-data.js';

/** Test windows of the ECG evaluation: evenly spaced in every record, each with its cycle. */
export interface EcgEvalSet {
  readonly records: readonly EcgRecord[];
  readonly length: number;
  readonly record: Uint16Array;
  readonly start: Int32Array;
  /** Local cardiac cycle of each window in samples. */
  readonly cycle: Float64Array;
}
