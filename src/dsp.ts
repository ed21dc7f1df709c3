/**
 * scl-wear/dsp: the signal-processing building blocks behind the stream operators, for code
 * that processes typed arrays directly. Filter design and biquad cascades, resampling, gravity
 * separation, running statistics, the R-peak detector and its rules, RR classification, heart
 * rate and HRV, ECG quality, the seeded RNG, 3-D rotations, batch and window helpers, and the
 * posture reference. Each processor plans once and then processes into caller-owned arrays.
 *
 * Browser-safe and free of side effects, like `scl-wear`; the operators that wrap these blocks
 * live in `scl-wear`.
 *
 * @packageDocumentation
 */
export { designLowpass, designHighpass, designBandpass, designNotch, designFilter, chainDesigns } from './dsp/biquad-design.js';
export type { BiquadDesign, FilterSpec } from './dsp/biquad-design.js';
export { BiquadCascade } from './dsp/biquad-cascade.js';
export { Resampler } from './dsp/resampler.js';
export type { ResamplerOptions } from './dsp/resample-kernel.js';
export { GravitySeparator } from './dsp/gravity.js';
export type { GravityOptions } from './dsp/gravity.js';
export { RunningStats, standardize } from './dsp/running-stats.js';
export { FrameRing } from './dsp/frame-ring.js';
export { RPeakDetector } from './dsp/rpeak-detector.js';
export { RPEAK_CONSTANTS } from './dsp/rpeak-plan.js';
export { RRClassifier, RR_RULES } from './dsp/rr-intervals.js';
export type { RRKind } from './dsp/rr-intervals.js';
export { HeartRateSmoother } from './dsp/heart-rate.js';
export { LombScargle } from './dsp/lomb-scargle.js';
export { HrvCalculator, HRV_BANDS } from './dsp/hrv.js';
export { HrvWindow } from './dsp/hrv-window.js';
export type { HrvWindowOptions } from './dsp/hrv-window.js';
export { EcgQualityMeter } from './dsp/ecg-quality-meter.js';
export { ECG_QUALITY_RULES } from './dsp/ecg-quality.js';
export type { EcgQuality, EcgQualityFlag } from './dsp/ecg-quality.js';
export { createRng } from './core/random.js';
export type { Rng } from './core/random.js';
export {
  quaternionToMatrix,
  randomQuaternion,
  randomRotation,
  randomRotationAbout,
  axisAngleRotation,
  rotationAngle,
  rotationBetween,
  composeRotations,
  invertRotation,
} from './core/rotation.js';
export type { Mat3 } from './core/rotation.js';
export { orbitRotations } from './core/orbit-rotations.js';
export { rotateTriads } from './model/rotate-triads.js';
export { frameTime, batchEnd, channelOf } from './core/batch.js';
export { windowEnd } from './core/window.js';
export { POSTURE_TILT, POSTURES, postureFromTilt, WalkingVertical } from './model/self-calibration.js';
export { PLACEMENT_RULE, PlacementDetector } from './model/placement.js';
