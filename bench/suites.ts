import type { BenchSuite } from './suite.js';
import { pipeline } from './pipeline.js';
import { sclSuite } from './scl.js';
import { storage } from './storage.js';
import { rpeaksSuite } from './rpeaks.js';
import { inference } from './inference.js';
import { endToEnd } from './end-to-end.js';
import { inferenceVariants } from './inference-variants.js';
import { exportSuite } from './export.js';
import { workerMemory } from './worker-memory.js';
import { coldStart } from './cold-start.js';
import { shippedModels } from './shipped-models.js';

/** Every benchmark suite, in the order `npm run bench` runs them. Add new suites here. */
export const suites: readonly BenchSuite[] = [
  pipeline,
  sclSuite,
  storage,
  rpeaksSuite,
  inference,
  inferenceVariants,
  shippedModels,
  endToEnd,
  exportSuite,
  workerMemory,
  coldStart,
];
