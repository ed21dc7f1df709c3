import { ALIGN_SMOOTH, alignOffset, type AlignCrop } from '../align-crop.js';
import type { OnnxGraph } from './graph.js';

/**
 * The beat-aligned crop of `NetworkSpec.alignCrop` as `alignedCrop` computes it: squared first
 * difference of the first channel, a box Conv of `ALIGN_SMOOTH` taps, ArgMax over the
 * `search` candidates (the first maximum, as tfjs), then GatherElements of `length` samples from
 * that start on every channel. Returns the name of the `[batch, channels, length]` value.
 */
export function alignCropNodes(g: OnnxGraph, x: string, a: AlignCrop, channels: number, samples: number): string {
  const axis1 = g.int64([1], 'align_axis1');
  const axis2 = g.int64([2], 'align_axis2');
  const first = g.node('Slice', [x, g.int64([0]), g.int64([1]), axis1], {}, 'align_first');
  const cut = (from: number, to: number) => g.node('Slice', [first, g.int64([from]), g.int64([to]), axis2]);
  const diff = g.node('Sub', [cut(1, samples), cut(0, samples - 1)], {}, 'align_diff');
  const from = alignOffset(a);
  const seg = g.node('Slice', [diff, g.int64([from]), g.int64([from + a.search + ALIGN_SMOOTH - 1]), axis2]);
  const box = g.constant(new Float32Array(ALIGN_SMOOTH).fill(1 / ALIGN_SMOOTH), [1, 1, ALIGN_SMOOTH], 'align_box');
  const energy = g.node('Conv', [g.node('Mul', [seg, seg]), box], { kernel_shape: { ints: [ALIGN_SMOOTH] } }, 'qrs_energy');
  const start = g.node('ArgMax', [energy], { axis: { i: 2 }, keepdims: { i: 1 } }, 'align_start');
  const range = Array.from({ length: channels * a.length }, (_, i) => i % a.length);
  const steps = g.int64(range, 'align_range');
  const grid = g.node('Reshape', [steps, g.int64([1, channels, a.length], 'align_grid_shape')]);
  const indices = g.node('Add', [start, grid], {}, 'align_indices');
  return g.node('GatherElements', [x, indices], { axis: { i: 2 } }, 'aligned');
}
