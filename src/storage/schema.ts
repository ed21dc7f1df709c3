/**
 * The IndexedDB layout of scl-wear: the typed idb schema, and its record types (defined in
 * `session-records.ts` and `model-records.ts`) re-exported.
 *
 * Times: `t0`, `tEnd`, label `start`/`end` are signal times in seconds (the `SampleBatch` clock);
 * `createdAt`, `startedAt`, `updatedAt`, `endedAt` are wall-clock milliseconds since the Unix epoch.
 */
import type { DBSchema } from 'idb';
import type { CheckpointRecord, EmbeddingRecord, PredictionRecord, RunExamplesRecord, RunRecord, RunStatus } from './model-records.js';
import type { ChunkRecord, LabelRecord, SessionRecord, SessionStatus } from './session-records.js';

export type { SessionStatus, StreamInfo, SessionRecord, ChunkRecord, LabelRecord } from './session-records.js';
export type { EmbeddingRecord, PredictionRecord, RunStatus, RunRecord, RunExamplesRecord, CheckpointRecord } from './model-records.js';

/**
 * Key-value settings, e.g. the active checkpoint per model and its history.
 *
 * @example
 * ```ts
 * import type { MetaRecord, WearSchema } from 'scl-wear/advanced';
 * // the `meta` store holds one MetaRecord per key, e.g. `active:imu` (the active checkpoint) or `sync:<session>`
 * type Stored = WearSchema['meta']['value'];
 * const isSync = (m: MetaRecord) => m.key.startsWith('sync:');
 * ```
 */
export interface MetaRecord {
  readonly key: string;
  readonly value: unknown;
}

/**
 * The typed schema of the scl-wear database (current version).
 *
 * @example
 * ```ts
 * import type { SessionRecord } from 'scl-wear';
 * import type { WearSchema } from 'scl-wear/advanced';
 * // the record type kept in each object store
 * type Stored = WearSchema['sessions']['value']; // SessionRecord
 * const same: Stored extends SessionRecord ? true : false = true;
 * ```
 */
export interface WearSchema extends DBSchema {
  sessions: { key: string; value: SessionRecord; indexes: { byStatus: SessionStatus; byCreated: number } };
  chunks: { key: [string, string, number]; value: ChunkRecord };
  labels: { key: number; value: LabelRecord; indexes: { bySession: string } };
  embeddings: { key: [string, string, string, number]; value: EmbeddingRecord };
  predictions: { key: [string, string, string, number]; value: PredictionRecord };
  runs: { key: string; value: RunRecord; indexes: { byStatus: RunStatus } };
  examples: { key: string; value: RunExamplesRecord };
  checkpoints: { key: string; value: CheckpointRecord; indexes: { byModel: string } };
  meta: { key: string; value: MetaRecord };
}
