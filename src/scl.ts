/**
 * scl-wear/scl: the math of Structured Contrastive Learning (SCL) over typed arrays, for
 * research and evaluation code. The SCL loss, the rotation and cycle-shift transforms that make
 * the training pairs, the similarity and retrieval metrics of the embedding's invariant,
 * variant and free parts, classification metrics and linear probes.
 *
 * Browser-safe and free of side effects, like `scl-wear`; training itself lives in
 * `scl-wear/train`.
 *
 * @packageDocumentation
 */
export { sclLoss } from './scl/loss.js';
export type { SclDims, SclLossOptions, SclLossResult } from './scl/loss.js';
export { rotateWindow, rotateWindows, randomRotations, cutShifted } from './scl/transforms.js';
export type { WindowShape } from './scl/transforms.js';
export { cycleLength, drawCycleShift, shiftGrid } from './scl/cycle.js';
export { cosineSimilarity, latentSlice, phaseSimilarity, retrievalTop1 } from './scl/metrics.js';
export type { DimSlice, PhaseSimilarity } from './scl/metrics.js';
export { accuracy, confusionMatrix, toActivityGroups, rotationConsistency, ACTIVITY_GROUPS } from './scl/classification.js';
export type { RotationConsistency } from './scl/classification.js';
export { linearProbe, linearProbeAccuracy, pairFeatures } from './scl/probe.js';
export type { ProbeData, ProbeResult } from './scl/probe.js';
