import * as tf from '@tensorflow/tfjs';

/**
 * Weight gradient of a 2-D convolution (NHWC, no dilation) over plain typed arrays:
 * `dw[kh, kw, c, f] = Σ_{n, oh, ow} x[n, oh·sh + kh − top, ow·sw + kw − left, c] · dy[n, oh, ow, f]`.
 * The inner loop runs over the output channels `f`, contiguous in both `dy` and `dw`; sums are
 * kept in float64.
 *
 * @param x - input, `[n, h, w, c]` flattened
 * @param dy - output gradient, `[n, outH, outW, f]` flattened
 * @param info - shapes, strides and padding as computed by `backend_util.computeConv2DInfo`
 * @returns the filter gradient `[fh, fw, c, f]` flattened
 */
export function conv2dFilterGrad(x: Float32Array, dy: Float32Array, info: tf.backend_util.Conv2DInfo): Float32Array {
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, outChannels: F } = info;
  const { filterHeight: FH, filterWidth: FW, strideHeight: SH, strideWidth: SW } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const acc = new Float64Array(FH * FW * C * F);
  for (let n = 0; n < N; n++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        const dyOff = ((n * OH + oh) * OW + ow) * F;
        for (let kh = 0; kh < FH; kh++) {
          const ih = oh * SH + kh - top;
          if (ih < 0 || ih >= H) continue;
          for (let kw = 0; kw < FW; kw++) {
            const iw = ow * SW + kw - left;
            if (iw < 0 || iw >= W) continue;
            const xOff = ((n * H + ih) * W + iw) * C;
            const wOff = (kh * FW + kw) * C * F;
            for (let c = 0; c < C; c++) {
              const xv = x[xOff + c]!;
              if (xv === 0) continue;
              const row = wOff + c * F;
              for (let f = 0; f < F; f++) acc[row + f]! += xv * dy[dyOff + f]!;
            }
          }
        }
      }
    }
  }
  return Float32Array.from(acc);
}

/**
 * Writes the im2col matrix of `x` for a convolution: row `(n, oh, ow)` holds the input values
 * under the filter at that output position, in filter order `(kh, kw, c)`; zero padding.
 *
 * @param x - input `[n, h, w, c]` flattened
 * @param info - convolution shapes
 * @param out - destination of `n·outH·outW × fh·fw·c` values
 */
export function im2col(x: Float32Array, info: tf.backend_util.Conv2DInfo, out: Float32Array): void {
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = info;
  const { filterHeight: FH, filterWidth: FW, strideHeight: SH, strideWidth: SW } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const cols = FH * FW * C;
  let row = 0;
  for (let n = 0; n < N; n++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++, row++) {
        let o = row * cols;
        for (let kh = 0; kh < FH; kh++) {
          const ih = oh * SH + kh - top;
          for (let kw = 0; kw < FW; kw++, o += C) {
            const iw = ow * SW + kw - left;
            if (ih < 0 || ih >= H || iw < 0 || iw >= W) out.fill(0, o, o + C);
            else out.set(x.subarray(((n * H + ih) * W + iw) * C, ((n * H + ih) * W + iw + 1) * C), o);
          }
        }
      }
    }
  }
}

/**
 * Writes the transposed im2col matrix of `x`: row `(kh, kw, c)` holds, for every output position
 * `(n, oh, ow)`, the input value under that filter tap; zero padding. Shape `fh·fw·c × n·outH·outW`.
 *
 * @param x - input `[n, h, w, c]` flattened
 * @param info - convolution shapes
 * @param out - destination
 */
export function im2colT(x: Float32Array, info: tf.backend_util.Conv2DInfo, out: Float32Array): void {
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = info;
  const { filterHeight: FH, filterWidth: FW, strideHeight: SH, strideWidth: SW } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  let o = 0;
  for (let kh = 0; kh < FH; kh++) {
    for (let kw = 0; kw < FW; kw++) {
      for (let c = 0; c < C; c++) {
        for (let n = 0; n < N; n++) {
          for (let oh = 0; oh < OH; oh++) {
            const ih = oh * SH + kh - top;
            const inRow = ih >= 0 && ih < H;
            const rowBase = (n * H + ih) * W;
            for (let ow = 0; ow < OW; ow++, o++) {
              const iw = ow * SW + kw - left;
              out[o] = inRow && iw >= 0 && iw < W ? x[(rowBase + iw) * C + c]! : 0;
            }
          }
        }
      }
    }
  }
}

interface WasmLikeBackend {
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
  disposeData(dataId: object): void;
}

/**
 * Registers a `Conv2DBackpropFilter` kernel for the tfjs `wasm` backend, which ships without
 * one (so `conv1d`/`conv2d` layers cannot be trained there). The gradient is computed as
 * `im2col(x)ᵀ · dy`: the transposed im2col matrix is written in JS straight into the wasm heap and the
 * product runs in the backend's own (XNNPACK) `BatchMatMul`. Does nothing when a kernel is
 * already registered.
 *
 * @example
 * ```ts
 * import { registerConv2dBackpropFilterWasm } from 'scl-wear/train';
 * registerConv2dBackpropFilterWasm(); // useTrainingBackend('wasm') does this for you
 * ```
 */
export function registerConv2dBackpropFilterWasm(): void {
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm')) return;
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
      const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as {
        strides: [number, number] | number;
        pad: 'same' | 'valid' | number;
        dataFormat: 'NHWC' | 'NCHW';
        dimRoundingMode?: 'floor' | 'round' | 'ceil';
        filterShape: [number, number, number, number];
      };
      if (dataFormat === 'NCHW') throw new Error('Conv2DBackpropFilter (wasm): only NHWC is supported');
      const b = backend as unknown as WasmLikeBackend;
      const info = tf.backend_util.computeConv2DInfo(
        x.shape as [number, number, number, number],
        filterShape,
        strides,
        1,
        pad,
        dimRoundingMode,
        false,
        'channelsLast',
      );
      const rows = info.batchSize * info.outHeight * info.outWidth;
      const cols = info.filterHeight * info.filterWidth * info.inChannels;
      const col = b.makeOutput([cols, rows], 'float32');
      // Views are taken after the allocation: growing the heap detaches older views.
      im2colT(b.typedArrayFromHeap(x), info, b.typedArrayFromHeap(col));
      const dy2: tf.TensorInfo = { dataId: dy.dataId, shape: [rows, info.outChannels], dtype: 'float32' };
      const matMul = tf.getKernel('BatchMatMul', 'wasm').kernelFunc;
      const out = matMul({ inputs: { a: col, b: dy2 }, backend, attrs: { transposeA: false, transposeB: false } }) as tf.TensorInfo;
      b.disposeData(col.dataId);
      return { dataId: out.dataId, shape: filterShape, dtype: 'float32' };
    },
  });
}
