// Windows/s of the encoder at batch 1, 8 and 64 on the 27k-parameter benchmark model, next to
// a bare onnxruntime `session.run` loop and tfjs (wasm backend) running the same weights, all
// single-threaded WASM and measured in turns in the same run; plus onnxruntime-node (native)
// when installed. Our encoder runs in a worker thread (comlink, batches transferred), as in
// apps, with two calls in flight as a stream feeding it has.
import * as tf from '@tensorflow/tfjs';
import type { Encoder } from '../src/model/encoder.js';
import { createNodeEncoder } from '../src/model/node-encoder.js';
import { importOrtNative } from '../src/model/ort-node.js';
import { WindowPacker } from '../src/model/pack.js';
import type { OrtModule } from '../src/model/runtime.js';
import { useTrainingBackend } from '../src/training/tf/backend.js';
import { benchModel, benchWindows, measureInTurns, tfjsForward, type Runner } from './inference-setup.js';
import type { BenchFigures, BenchSuite } from './suite.js';

const BATCHES = [1, 8, 64] as const;
type Layout = 'NCT' | 'NTC';

async function bare(ort: OrtModule, ep: 'wasm' | 'cpu', layout: Layout, b: number, cleanup: (() => Promise<unknown>)[]): Promise<Runner> {
  const m = benchModel(layout);
  if (ep === 'wasm') ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(m.bytes, {
    executionProviders: [ep],
    graphOptimizationLevel: 'all',
    ...(ep === 'cpu' ? { intraOpNumThreads: 1 } : {}),
  });
  cleanup.push(() => session.release());
  const packer = new WindowPacker(m.entry);
  const input = new Float32Array(b * packer.windowSize);
  benchWindows(m, b).forEach((w, i) => packer.pack(w, input, i));
  const feeds = { x: new ort.Tensor('float32', input, layout === 'NCT' ? [b, 6, 128] : [b, 128, 6]) };
  return { fn: () => session.run(feeds), work: b, lanes: 1 };
}

async function ours(device: 'wasm' | 'cpu', layout: Layout, b: number, cleanup: (() => Promise<unknown>)[]): Promise<Runner> {
  const m = benchModel(layout);
  const enc: Encoder = await createNodeEncoder({ model: { bytes: m.bytes, entry: m.entry }, device, threads: 1, batch: { maxSize: b } });
  cleanup.push(() => enc.close());
  const windows = benchWindows(m, b);
  return { fn: () => enc.embed(windows), work: b, lanes: 2 };
}

function tfjsRunner(b: number, cleanup: (() => Promise<unknown>)[]): Runner {
  const m = benchModel();
  const forward = tfjsForward(m);
  const x = tf.tensor3d(Float32Array.from(benchWindows(m, b).flatMap((w) => Array.from(w.data))), [b, 128, 6]);
  cleanup.push(async () => x.dispose());
  return {
    fn: async () => {
      const outs = forward(x);
      await Promise.all(outs.map((t) => t.data()));
      tf.dispose(outs);
    },
    work: b,
    lanes: 1,
  };
}

async function nodeRunners(b: number, cleanup: (() => Promise<unknown>)[]): Promise<Record<string, Runner>> {
  const native = (await importOrtNative()) as unknown as OrtModule | undefined;
  if (!native) throw new Error("Cannot find package 'onnxruntime-node'");
  return { bareNode: await bare(native, 'cpu', 'NCT', b, cleanup), oursNode: await ours('cpu', 'NCT', b, cleanup) };
}

/** The `inference` suite. */
export const inference: BenchSuite = {
  name: 'inference',
  summary: 'windows/s, 27k-param Conv1D: our worker encoder vs bare onnxruntime-web loop vs tfjs-wasm (1 thread); onnxruntime-node',
  async run() {
    const f: BenchFigures = { parameters: Object.values(benchModel().weights).reduce((s, w) => s + w.length, 0) };
    const web = (await import('onnxruntime-web')) as OrtModule;
    await useTrainingBackend('wasm');
    for (const b of BATCHES) {
      const cleanup: (() => Promise<unknown>)[] = [];
      const runners: Record<string, Runner> = {
        oursWasm: await ours('wasm', 'NCT', b, cleanup),
        bareWasm: await bare(web, 'wasm', 'NCT', b, cleanup),
        tfjsWasm: tfjsRunner(b, cleanup),
      };
      if (b === 8) {
        runners.oursWasmNtc = await ours('wasm', 'NTC', b, cleanup);
        runners.bareWasmNtc = await bare(web, 'wasm', 'NTC', b, cleanup);
        try {
          Object.assign(runners, await nodeRunners(b, cleanup));
        } catch (err) {
          f.onnxruntimeNode = `not installed: ${(err as Error).message.split('\n')[0]}`;
        }
      }
      for (const [name, rate] of Object.entries(await measureInTurns(runners))) f[`${name}B${b}`] = rate;
      for (const c of cleanup) await c();
    }
    f.ratioVsBareB8 = (f.oursWasmB8 as number) / (f.bareWasmB8 as number);
    f.ratioVsTfjsB8 = (f.oursWasmB8 as number) / (f.tfjsWasmB8 as number);
    if (typeof f.oursNodeB8 === 'number') f.nodeVsWasmB8 = f.oursNodeB8 / (f.oursWasmB8 as number);
    return f;
  },
};
