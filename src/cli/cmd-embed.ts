import { embed } from '../model/embed.js';
import { flagCommand } from './command.js';
import { hopSeconds, inputIndex, openFile, round6, writeWindows } from './encode-file.js';

const USAGE = `scl-wear embed --input FILE --rate HZ --model ecg|imu|acc [--hop SECONDS] [--device auto|cpu|wasm] [--json]

Embeds a CSV recording with a bundled encoder: the stream is prepared as the model's manifest
says (resampled to the model rate, filtered, windowed), and each window gives an embedding split
into invariant / variant / free dimensions. Windows start at sample 0 and step by the hop.

  --input FILE    CSV recording (t, ecg, ax..az, gx..gz columns; see docs/data.md)
  --rate HZ       sample rate; needed when the CSV has no t column
  --model NAME    ecg, imu or acc (models/manifest.json)
  --hop SECONDS   seconds between window starts (default: the window length)
  --device D      auto (default), cpu (onnxruntime-node) or wasm
  --manifest PATH another models/manifest.json
  --json          print { model, windowSamples, windows: [{ start, inv, var, free }] }, where
                  start is a window's first sample index in the input and windowSamples its
                  length in input samples`;

const FLAGS = {
  input: 'string',
  rate: 'string',
  model: 'string',
  hop: 'string',
  device: 'string',
  manifest: 'string',
  json: 'boolean',
} as const;

/** `scl-wear embed`: SCL embeddings of a CSV recording, window by window. */
export const embedCommand = flagCommand({
  name: 'embed',
  usage: USAGE,
  flags: FLAGS,
  async run(f, io) {
    const file = await openFile(f, 'embed');
    const model = file.model;
    try {
      const op = embed(file.encoder, { hopSeconds: hopSeconds(f, file.encoder.entry) });
      const windowSamples = inputIndex(file, file.encoder.entry.windowSamples);
      await writeWindows(file, op, io, {
        json: f.json ? { model, windowSamples } : undefined,
        title: `${model}: windows of ${windowSamples} samples on ${file.encoder.device} (${file.encoder.deviceReason})`,
        window: (r) => ({
          start: inputIndex(file, r.start),
          inv: Array.from(r.inv, round6),
          var: Array.from(r.var, round6),
          free: Array.from(r.free, round6),
        }),
        line: (w) =>
          `  ${String(w.start).padStart(8)}  inv[0..3] ${w.inv
            .slice(0, 3)
            .map((v) => v.toFixed(3))
            .join(' ')}`,
      });
      return 0;
    } finally {
      await file.encoder.close();
    }
  },
});
