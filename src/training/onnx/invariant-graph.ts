import { FEATURE_EPS, FRAME_SQUARINGS } from '../invariant-features.js';
import type { OnnxGraph } from './graph.js';

/** Values of the physics features that the invariant channels build on (`[batch, 3, time]` unless noted). */
export interface PhysicsValues {
  /** Body acceleration b = a − mean(a). */
  readonly body: string;
  /** Gravity direction ĝ `[batch, 3, 1]`. */
  readonly gHat: string;
  /** Vertical body acceleration b·ĝ `[batch, 1, time]`. */
  readonly vertical: string;
  /** Rotation rate ω, when there is a gyroscope. */
  readonly gyro?: string;
}

/**
 * The invariant channels after the physics features, as `invariantFeatures` computes them: with
 * a gyroscope b·ω and (b × ω)·ĝ; with `frame`, then b (and ω) along the window's horizontal frame
 * (e₁, e₂). Returns the names of `[batch, 1, time]` values.
 */
export function invariantNodes(g: OnnxGraph, p: PhysicsValues, frame: boolean): string[] {
  if (!p.gyro && !frame) return [];
  const axis1 = g.int64([1], 'frame_axis1');
  const dot = (a: string, b: string) => g.node('ReduceSum', [g.node('Mul', [a, b]), axis1], { keepdims: { i: 1 } });
  const [next, after] = [g.int64([1, 2, 0], 'next_axis'), g.int64([2, 0, 1], 'after_axis')];
  const pick = (v: string, order: string) => g.node('Gather', [v, order], { axis: { i: 1 } });
  const cross = (a: string, b: string) =>
    g.node('Sub', [g.node('Mul', [pick(a, next), pick(b, after)]), g.node('Mul', [pick(a, after), pick(b, next)])]);
  const couplings = p.gyro ? [dot(p.body, p.gyro), dot(cross(p.body, p.gyro), p.gHat)] : [];
  if (!frame) return couplings;
  const eps = g.constant(new Float32Array([FEATURE_EPS]), [1], 'frame_eps');
  // The window's main horizontal axis, signed by Σ v·h (see horizontalAxis in invariant-features.ts).
  const h = g.node('Sub', [p.body, g.node('Mul', [p.vertical, p.gHat])], {}, 'horizontal_acc');
  const eye = g.constant(Float32Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]), [1, 3, 3], 'eye3');
  const axes12 = g.int64([1, 2], 'axes12');
  let m = g.node('MatMul', [h, g.node('Transpose', [h], { perm: { ints: [0, 2, 1] } })], {}, 'horizontal_cov');
  for (let i = 0; i < FRAME_SQUARINGS; i++) {
    const trace = g.node('ReduceSum', [g.node('Mul', [m, eye]), axes12], { keepdims: { i: 1 } });
    m = g.node('Div', [m, g.node('Add', [trace, eps])]);
    m = g.node('MatMul', [m, m]);
  }
  const axis2 = g.int64([2], 'axis2');
  const u = g.node('MatMul', [m, g.node('ReduceSum', [g.node('Mul', [h, p.vertical]), axis2], { keepdims: { i: 1 } })]);
  const e1 = g.node('Div', [u, g.node('Sqrt', [g.node('Add', [dot(u, u), eps])])], {}, 'frame_e1');
  const e2 = cross(p.gHat, e1);
  const inFrame = (v: string) => [dot(v, e1), dot(v, e2)];
  return [...couplings, ...inFrame(p.body), ...(p.gyro ? inFrame(p.gyro) : [])];
}
