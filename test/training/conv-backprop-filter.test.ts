import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv2dFilterGrad } from '../../src/training/tf/conv-backprop-filter.js';
import { useTrainingBackend } from '../../src/training/tf/backend.js';

function gradOn(backend: 'wasm' | 'cpu', x: number[][][][], w: number[][][][], stride: number, pad: 'same' | 'valid') {
  return tf.tidy(() => {
    const xt = tf.tensor4d(x);
    const f = (wt: tf.Tensor) =>
      tf
        .conv2d(xt, wt as tf.Tensor4D, stride, pad)
        .square()
        .sum();
    return { backend, g: tf.grad(f)(tf.tensor4d(w)).dataSync().slice() as Float32Array };
  });
}

describe('Conv2DBackpropFilter on the wasm backend', () => {
  beforeAll(async () => {
    await useTrainingBackend('wasm');
  });

  it('matches a hand-computed 1-D case', () => {
    // x = [1, 2, 3], dy = [1, 1], kernel 2, valid: dw[0] = 1·1 + 2·1 = 3, dw[1] = 2·1 + 3·1 = 5.
    const info = tf.backend_util.computeConv2DInfo([1, 1, 3, 1], [1, 2, 1, 1], 1, 1, 'valid');
    expect(Array.from(conv2dFilterGrad(new Float32Array([1, 2, 3]), new Float32Array([1, 1]), info))).toEqual([3, 5]);
  });

  it('makes conv1d trainable on wasm', () => {
    const x = tf.ones<tf.Rank.R3>([1, 4, 1]);
    // conv1d(x, w) with k = 1 is 4·w summed; d/dw of its sum is 4.
    const g = tf.grad((w: tf.Tensor) => tf.conv1d(x, w as tf.Tensor3D, 1, 'valid').sum())(tf.ones([1, 1, 1]));
    expect(tf.getBackend()).toBe('wasm');
    expect(g.dataSync()[0]).toBeCloseTo(4, 6);
  });

  it('equals the cpu backend gradient on random data (strides 1 and 2, same and valid)', async () => {
    const rand = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 1, 'float32', seed).arraySync() as number[][][][];
    const x = rand([3, 5, 23, 4], 1);
    const w = rand([3, 5, 4, 6], 2);
    for (const stride of [1, 2]) {
      for (const pad of ['same', 'valid'] as const) {
        await useTrainingBackend('wasm');
        const a = gradOn('wasm', x, w, stride, pad).g;
        await useTrainingBackend('cpu');
        const b = gradOn('cpu', x, w, stride, pad).g;
        const scale = Math.max(...Array.from(b, Math.abs));
        const diff = Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i]!)));
        expect(diff / scale).toBeLessThan(1e-5);
      }
    }
    await useTrainingBackend('wasm');
  });
});
