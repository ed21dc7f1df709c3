import { classify } from '../model/classify.js';
import type { Placement } from '../model/self-calibration.js';
import { numberFlag } from './args.js';
import { flagCommand } from './command.js';
import { calibrationFlag, hopSeconds, inputIndex, openFile, round6, writeWindows } from './encode-file.js';

const USAGE = `scl-wear classify --input FILE --rate HZ [--model imu|acc] [--hop SECONDS] [--calibrate START:END | --placement waist|pocket|auto] [--rotations K] [--json]

Classifies the activity in each window of a CSV recording with a bundled encoder. Without
--model, files with gyroscope columns use imu, others acc. Windows start at sample 0 and step
by the hop.

  --input FILE        CSV recording (t, ax..az, gx..gz columns; see docs/data.md)
  --rate HZ           sample rate; needed when the CSV has no t column
  --model NAME        imu or acc (models/manifest.json)
  --hop SECONDS       seconds between window starts (default: the window length)
  --calibrate A:B     seconds A to B of the file (from its first sample) are standing still:
                      rotate the device frame onto the model's body frame first
  --placement P       waist, pocket or auto: self-calibrate from the first 20 s of walking (on
                      stairs too until there were 20 s on the level; no standing step);
                      still windows after that get a posture; auto infers the
                      placement from the first 15 s of walking (accelerometer only)
  --rotations K       orientation unknown: average the probabilities over K fixed rotations
                      of each window (1..64; default 1, off); steadier groups under any
                      orientation at about K times the inference (not with --calibrate)
  --device D          auto (default), cpu (onnxruntime-node) or wasm
  --manifest PATH     another models/manifest.json
  --json              print { classes, groups, windows: [{ start, end, label, group, probs,
                      groupProbs, calibrated, placement? }] }, with start and end
                      (exclusive) as sample indices of the input; placement where one
                      was given or inferred

Without calibration the label is the activity group (WALKING, WALKING_UPSTAIRS,
WALKING_DOWNSTAIRS or STATIC): in an unknown orientation sitting, standing and lying cannot be
told apart. With --calibrate or --placement (once calibrated) it is the full class.`;

const FLAGS = {
  input: 'string',
  rate: 'string',
  model: 'string',
  hop: 'string',
  calibrate: 'string',
  placement: 'string',
  rotations: 'string',
  device: 'string',
  manifest: 'string',
  json: 'boolean',
} as const;

/** `scl-wear classify`: activity class of each window of a CSV recording. */
export const classifyCommand = flagCommand({
  name: 'classify',
  usage: USAGE,
  flags: FLAGS,
  async run(f, io) {
    const file = await openFile(f, 'classify', (rec) => (rec.streams.some((s) => s.kind === 'imu') ? 'imu' : 'acc'));
    try {
      const entry = file.encoder.entry;
      const orientation = calibrationFlag(f.calibrate, file);
      const placement = f.placement as Placement | 'auto' | undefined;
      const rotations = numberFlag(f.rotations, 'rotations', undefined, {
        ok: (n) => Number.isInteger(n) && n >= 1 && n <= 64,
        expected: 'an integer from 1 to 64',
      });
      const op = classify(file.encoder, {
        hopSeconds: hopSeconds(f, entry),
        ...(orientation ? { orientation } : {}),
        ...(placement ? { placement } : {}),
        ...(rotations !== undefined ? { rotationAverage: rotations } : {}),
      });
      const length = inputIndex(file, entry.windowSamples);
      await writeWindows(file, op, io, {
        json: f.json ? { classes: entry.classes, groups: entry.groups?.names } : undefined,
        title: `${file.model}: windows on ${file.encoder.device}${orientation ? ', orientation-calibrated' : placement ? `, self-calibrated from walking (${placement === 'auto' ? 'placement inferred' : placement})` : ''}${rotations ? `, averaged over ${rotations} rotations` : ''}`,
        window: (r) => {
          const start = inputIndex(file, r.start);
          const groupProbs = r.groupProbs ? Array.from(r.groupProbs, round6) : undefined;
          return {
            start,
            end: start + length,
            label: r.label,
            group: r.group ?? r.label,
            probs: Array.from(r.probs, round6),
            groupProbs,
            calibrated: r.calibrated,
            ...(r.placement ? { placement: r.placement } : {}),
          };
        },
        line: (w) => {
          const p = w.calibrated || !w.groupProbs ? Math.max(...w.probs) : Math.max(...w.groupProbs);
          return `  ${String(w.start).padStart(8)}-${String(w.end).padEnd(8)} ${w.label}${w.calibrated ? '' : ' (orientation unknown)'}  (${p.toFixed(2)})`;
        },
      });
      return 0;
    } finally {
      await file.encoder.close();
    }
  },
});
