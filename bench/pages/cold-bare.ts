// Cold-start page, baseline (built and driven by bench/cold-start.ts): bare onnxruntime-web loading the same
// model file and running one window on the page's thread; reports ms since navigation start.
import * as ort from 'onnxruntime-web/wasm';

async function main(): Promise<number> {
  ort.env.wasm.wasmPaths = '/node_modules/onnxruntime-web/dist/';
  ort.env.wasm.numThreads = 1;
  const model = new Uint8Array(await (await fetch('/models/imu.onnx')).arrayBuffer());
  const session = await ort.InferenceSession.create(model, { executionProviders: ['wasm'] });
  const x = new ort.Tensor('float32', new Float32Array(6 * 128).fill(0.01), [1, 6, 128]);
  await session.run({ x });
  const ms = performance.now();
  await session.release();
  return ms;
}

(globalThis as { coldStart?: Promise<number> }).coldStart = main();
