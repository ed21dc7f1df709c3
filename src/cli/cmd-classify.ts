import { classify } from '../model/classify.js';
import { parseFlags } from './args.js';
import type { Command } from './command.js';
import { JsonArrayWriter } from './json-out.js';
import { calibrationFlag, hopSeconds, inputIndex, openFile, round6, runFile } from './encode-file.js';

const USAGE = `scl-wear classify --input FILE --rate HZ [--model imu|acc] [--hop SECONDS] [--calibrate START:END] [--json]

Classifies the activity in each window of a CSV recording with a bundled encoder. Without
--model, files with gyroscope columns use imu, others acc. Windows start at sample 0 and step
by the hop.

  --input FILE        CSV recording (t, ax..az, gx..gz columns; see docs/data.md)
  --rate HZ           sample rate; needed when the CSV has no t column
  --model NAME        imu or acc (models/manifest.json)
  --hop SECONDS       seconds between window starts (default: the window length)
  --calibrate A:B     seconds A to B of the file (from its first sample) are standing still:
                      rotate the device frame onto the model's body frame first
  --device D          auto (default), cpu (onnxruntime-node) or wasm
  --manifest PATH     another models/manifest.json
  --json              print { classes, windows: [{ start, end, label, probs }] }, with start and
                      end (exclusive) as sample indices of the input`;

const FLAGS = {
  input: 'string', rate: 'string', model: 'string', hop: 'string', calibrate: 'string', device: 'string', manifest: 'string', json: 'boolean',
} as const;

/** `scl-wear classify`: activity class of each window of a CSV recording. */
export const classifyCommand: Command = {
  name: 'classify',
  usage: USAGE,
  async run(argv, io) {
    const f = parseFlags(argv, FLAGS, 'classify');
    const file = await openFile(f, 'classify', (rec) => (rec.streams.some((s) => s.kind === 'imu') ? 'imu' : 'acc'));
    try {
      const entry = file.encoder.entry;
      const orientation = calibrationFlag(f.calibrate, file);
      const op = classify(file.encoder, { hopSeconds: hopSeconds(f, entry), ...(orientation ? { orientation } : {}) });
      const length = inputIndex(file, entry.windowSamples);
      const json = f.json ? new JsonArrayWriter(io, { classes: entry.classes }, 'windows') : undefined;
      if (!json) io.out(`${file.model}: windows on ${file.encoder.device}${orientation ? ', orientation-calibrated' : ''}`);
      let count = 0;
      await runFile(file, op, (r) => {
        const start = inputIndex(file, r.start);
        const w = { start, end: start + length, label: r.label, probs: Array.from(r.probs, round6) };
        count++;
        if (json) return json.add(w);
        io.out(`  ${String(w.start).padStart(8)}-${String(w.end).padEnd(8)} ${w.label}  (${Math.max(...w.probs).toFixed(2)})`);
      }, io.drain);
      if (json) json.end();
      else io.out(`${count} windows`);
      return 0;
    } finally {
      await file.encoder.close();
    }
  },
};
