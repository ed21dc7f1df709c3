import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FormatError, messageOf } from '../errors.js';

/**
 * MotionSense activity codes, as in its trial folders.
 *
 * @example
 * ```ts
 * import { readMotionSense, MOTIONSENSE_ACTIVITIES } from 'scl-wear/node';
 * const { trials } = await readMotionSense('data/motionsense');
 * const label = (code: string) => MOTIONSENSE_ACTIVITIES.indexOf(code as (typeof MOTIONSENSE_ACTIVITIES)[number]); // class 0..5
 * console.log(trials.map((t) => label(t.code)));
 * ```
 */
export const MOTIONSENSE_ACTIVITIES = ['dws', 'ups', 'wlk', 'jog', 'sit', 'std'] as const;

/**
 * One trial of one MotionSense subject: a continuous recording of one activity.
 *
 * @example
 * ```ts
 * import { readMotionSense, type MotionSenseTrial } from 'scl-wear/node';
 * const { trials, rate } = await readMotionSense('data/motionsense', [1]);
 * const jog: MotionSenseTrial | undefined = trials.find((t) => t.code === 'jog');
 * if (jog) console.log(jog.frames / rate, 's; az of frame 0:', jog.x[2], 'g');
 * ```
 */
export interface MotionSenseTrial {
  /** Subject number, 1..24. */
  readonly subject: number;
  /** Activity code (see {@link MOTIONSENSE_ACTIVITIES}). */
  readonly code: (typeof MOTIONSENSE_ACTIVITIES)[number];
  /** Trial number of the activity folder (e.g. 5 for `dws_5`). */
  readonly trial: number;
  /**
   * Interleaved frames `[frames, 6]`: acc x/y/z in g (gravity included, specific-force sign: a
   * phone face-up at rest reads +1 on z), gyro x/y/z in rad/s; iPhone device frame.
   */
  readonly x: Float32Array;
  /** Number of frames (at the returned rate). */
  readonly frames: number;
}

interface Meta {
  rate_hz: number;
  files: { file: string; subject: number; samples: number }[];
  segments: { subject: number; code: string; trial: number; offset: number; length: number }[];
}

const G = 9.80665;

async function read(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    throw new FormatError('E_IO', `cannot read ${path}: ${messageOf(err)}`, { cause: err, details: { path } });
  }
}

/**
 * Reads the MotionSense DeviceMotion trials (iPhone 6s in the front trouser pocket, 50 Hz) as
 * stored in `../shared/data/motionsense`: one `sub_NN.f32` per subject and `meta.json` with the
 * trial segments. Acceleration is converted from m/s² to g.
 *
 * @param dir - the `motionsense` directory
 * @param subjects - keep only these subjects (default all 24)
 * @returns the trials and the sample rate in Hz
 * @throws FormatError `E_IO` for missing files, `E_TRUNCATED` when a file is shorter than its segments
 * @example
 * ```ts
 * import { readMotionSense } from 'scl-wear/node';
 * const { trials, rate } = await readMotionSense('data/motionsense', [1, 2]);
 * console.log(rate, trials[0]?.code, trials[0]?.frames); // 50 Hz, e.g. 'dws', frames
 * ```
 */
export async function readMotionSense(dir: string, subjects?: readonly number[]): Promise<{ rate: number; trials: MotionSenseTrial[] }> {
  const meta = JSON.parse((await read(join(dir, 'meta.json'))).toString('utf8')) as Meta;
  const trials: MotionSenseTrial[] = [];
  for (const f of meta.files) {
    if (subjects && !subjects.includes(f.subject)) continue;
    const buf = await read(join(dir, f.file));
    if (buf.length !== f.samples * 24)
      throw new FormatError('E_TRUNCATED', `${f.file}: ${buf.length} bytes for ${f.samples} frames of 6 channels`);
    const all = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
    for (const s of meta.segments) {
      if (s.subject !== f.subject) continue;
      if (s.offset + s.length > f.samples)
        throw new FormatError('E_TRUNCATED', `${f.file}: segment ${s.code}_${s.trial} ends past the file`);
      const x = all.slice(s.offset * 6, (s.offset + s.length) * 6);
      for (let i = 0; i < x.length; i += 6) for (let c = 0; c < 3; c++) x[i + c] = x[i + c]! / G;
      trials.push({ subject: s.subject, code: s.code as MotionSenseTrial['code'], trial: s.trial, x, frames: s.length });
    }
  }
  return { rate: meta.rate_hz, trials };
}
