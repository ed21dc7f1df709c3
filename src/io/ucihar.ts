import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FormatError, messageOf } from '../errors.js';

/**
 * The six UCI HAR activities, index = label − 1.
 *
 * @example
 * ```ts
 * import { readUciHar, UCI_HAR_LABELS } from 'scl-wear/node';
 * const test = await readUciHar('data/uci-har', 'test');
 * const name = UCI_HAR_LABELS[test.y[0]! - 1]; // e.g. 'STANDING'
 * ```
 */
export const UCI_HAR_LABELS = ['WALKING', 'WALKING_UPSTAIRS', 'WALKING_DOWNSTAIRS', 'SITTING', 'STANDING', 'LAYING'] as const;

/**
 * One split of the UCI HAR windows.
 *
 * @example
 * ```ts
 * import { readUciHar, type UciHarSplit } from 'scl-wear/node';
 * const train: UciHarSplit = await readUciHar('data/uci-har', 'train');
 * const w = 0; // window 0, channel 0 (body_acc x, g), all its samples
 * const first = train.x.subarray(w * 9 * train.samples, w * 9 * train.samples + train.samples);
 * console.log(train.count, 'windows at', train.rate, 'Hz; subject', train.subject[w]);
 * ```
 */
export interface UciHarSplit {
  /** Number of windows. */
  readonly count: number;
  /** Samples per window (128 at 50 Hz). */
  readonly samples: number;
  /** Sample rate in Hz. */
  readonly rate: number;
  /** Channel names, in order (body_acc x/y/z in g, body_gyro x/y/z in rad/s, total_acc x/y/z in g). */
  readonly channelNames: readonly string[];
  /** Physical values, shape `[count, 9, samples]` (planar per window). */
  readonly x: Float32Array;
  /** Activity per window, 1..6 (see {@link UCI_HAR_LABELS}). */
  readonly y: Uint8Array;
  /** Subject per window, 1..30. */
  readonly subject: Uint8Array;
  /** Experiment (raw recording) per window. */
  readonly experiment: Uint16Array;
  /** 0-based first sample of the window in its experiment's recording. */
  readonly startSample: Uint32Array;
}

interface Meta {
  window_length: number;
  sample_rate_hz: number;
  channels: { name: string; scale: number }[];
}

async function read(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    throw new FormatError('E_IO', `cannot read ${path}: ${messageOf(err)}`, { cause: err, details: { path } });
  }
}

/**
 * Reads one split of the UCI HAR windows as stored in `../shared/data/uci-har`.
 *
 * @param dir - the `uci-har` directory
 * @param split - `train` (21 subjects) or `test` (9 subjects)
 * @throws FormatError `E_IO` for missing files, `E_TRUNCATED` when the arrays disagree in size
 * @example
 * ```ts
 * import { readUciHar } from 'scl-wear/node';
 * const test = await readUciHar('data/uci-har', 'test');
 * console.log(test.count, test.y[0]); // windows, activity 1..6 of the first
 * ```
 */
export async function readUciHar(dir: string, split: 'train' | 'test'): Promise<UciHarSplit> {
  const meta = JSON.parse((await read(join(dir, 'meta.json'))).toString('utf8')) as Meta;
  const nc = meta.channels.length;
  const ns = meta.window_length;
  const raw = await read(join(dir, split, 'X.i16'));
  const y = new Uint8Array(await read(join(dir, split, 'y.u8')));
  const subject = new Uint8Array(await read(join(dir, split, 'subject.u8')));
  const count = y.length;
  if (raw.length !== count * nc * ns * 2 || subject.length !== count) {
    throw new FormatError('E_TRUNCATED', `uci-har/${split}: X has ${raw.length} bytes for ${count} windows of ${nc}x${ns}`);
  }
  const x = new Float32Array(count * nc * ns);
  for (let k = 0, i = 0; k < x.length; k++, i += 2) {
    x[k] = raw.readInt16LE(i) * meta.channels[Math.floor(k / ns) % nc]!.scale;
  }
  const index = (await read(join(dir, split, 'index.csv'))).toString('utf8').trim().split('\n').slice(1);
  const experiment = new Uint16Array(count);
  const startSample = new Uint32Array(count);
  index.forEach((line, w) => {
    const f = line.split(',');
    experiment[w] = Number(f[1]);
    startSample[w] = Number(f[4]);
  });
  return {
    count,
    samples: ns,
    rate: meta.sample_rate_hz,
    channelNames: meta.channels.map((c) => c.name),
    x,
    y,
    subject,
    experiment,
    startSample,
  };
}
