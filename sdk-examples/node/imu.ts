// IMU through the pipeline, the way an app meets it: the phone's orientation is unknown, so each
// window gets its activity group (sitting, standing and lying are all STATIC); a few seconds of
// standing still (an orientation calibration) or 20 s of walking (self-calibration, placement
// 'waist') make the posture known. Then the same session as if the phone had been worn another
// way (turned by a random rotation): what changes and what does not.
import { lastValueFrom, toArray, type Observable } from 'rxjs';
import {
  calibrateOrientation,
  classify,
  createRecording,
  replay,
  validate,
  type ClassifyOptions,
  type ClassResult,
  type Encoder,
  type Recording,
  type SampleBatch,
} from 'scl-wear';
import { createRng, randomRotation, rotateTriads } from 'scl-wear/dsp';
import { cosineSimilarity } from 'scl-wear/scl';
import { ACTIVITIES, modelInput } from 'scl-wear/advanced';
import { truthOf } from '../shared/truth.js';

const HOP = 1.28; // 2.56 s windows every 1.28 s, as in UCI HAR
const MOVING = new Set<string>(['walking', 'upstairs', 'downstairs']);

/** Right share of windows, overall and per key. */
interface Score {
  labelled: number;
  accuracy: number;
  perClass: Record<string, number>;
}

/**
 * Share of windows whose `label` is what the recording's label at the window's centre says it
 * should be: the activity group without calibration (`groups`), the class with it. Windows not
 * yet calibrated are left out of a class score.
 */
function score(encoder: Encoder, results: ClassResult[], truth: (t: number) => string | undefined, groups: boolean): Score {
  const { classes = [], groups: g } = encoder.entry;
  const per = new Map<string, { n: number; right: number }>();
  let [n, right] = [0, 0];
  for (const r of results) {
    const t = truth((r.t0 + r.t1) / 2);
    const k = ACTIVITIES.indexOf(t as (typeof ACTIVITIES)[number]);
    if (k < 0 || r.calibrated === groups) continue;
    const expected = groups && g ? g.names[g.ofClass[k]!] : classes[k];
    const key = groups && !MOVING.has(t!) ? 'still' : t!;
    const ok = r.label === expected ? 1 : 0;
    const c = per.get(key) ?? { n: 0, right: 0 };
    per.set(key, { n: c.n + 1, right: c.right + ok });
    [n, right] = [n + 1, right + ok];
  }
  const order: string[] = [...MOVING, 'still', ...ACTIVITIES];
  const keys = [...per.keys()].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const perClass: Record<string, number> = {};
  for (const k of keys) perClass[k] = per.get(k)!.right / per.get(k)!.n;
  return { labelled: n, accuracy: right / n, perClass };
}

/** The orientation from the first whole window inside the first standing segment of a (turned) stream. */
async function calibrate(encoder: Encoder, rec: Recording, stream$: Observable<SampleBatch>) {
  const standing = rec.labels?.find((l) => l.label === 'standing');
  const up = encoder.entry.preprocessing.referenceUp;
  if (!standing || !up) return undefined;
  const timeOf = (i: number) => rec.timestamps?.[i] ?? rec.t0 + i / rec.rate;
  const [from, to] = [timeOf(standing.start), timeOf(standing.end - 1)];
  const windows = await lastValueFrom(stream$.pipe(modelInput(encoder.entry, { hopSeconds: 1 }), toArray()));
  const w = windows.find((w) => w.t0 >= from && w.t0 + (w.length - 1) / w.rate <= to);
  if (!w) return undefined;
  return calibrateOrientation(w.data, { frames: w.length, channels: w.channels.length, layout: 'interleaved' }, { reference: up });
}

/** The same session with its walking and stairs first and its still segments after (times at the nominal rate). */
function walkFirst(rec: Recording): { session: Recording; walkSeconds: number } {
  const segments = [...(rec.labels ?? [])].sort((a, b) => Number(!MOVING.has(a.label)) - Number(!MOVING.has(b.label)));
  const frames = segments.reduce((n, s) => n + s.end - s.start, 0);
  let at = 0;
  const labels = segments.map((s) => ({ label: s.label, start: at, end: (at += s.end - s.start) }));
  const streams = rec.streams.map((s) => {
    const c = s.channels.length;
    const data = new Float32Array(frames * c);
    segments.forEach((seg, i) => data.set(s.data.subarray(seg.start * c, seg.end * c), labels[i]!.start * c));
    return { ...s, data };
  });
  const walk = labels.filter((l) => MOVING.has(l.label)).reduce((n, l) => n + l.end - l.start, 0);
  return { session: createRecording({ rate: rec.rate, streams, labels }), walkSeconds: walk / rec.rate };
}

/** Activities of a labelled IMU recording, and their robustness to the way the phone is worn. */
export async function imuActivities(rec: Recording, encoder: Encoder, rotations = 3) {
  const run = (stream$: Observable<SampleBatch>, options: ClassifyOptions = {}) =>
    lastValueFrom(stream$.pipe(classify(encoder, { hopSeconds: HOP, ...options }), toArray()));
  const { session, walkSeconds } = walkFirst(rec);
  const [truth, walkTruth] = [truthOf(rec), truthOf(session)];
  const clean$ = replay(rec).pipe(validate());
  const walk$ = replay(session).pipe(validate());
  const measure = async (stream$: Observable<SampleBatch>, walkStream$: Observable<SampleBatch>) => {
    const asWorn = await run(stream$);
    const cal = await calibrate(encoder, rec, stream$);
    const selfCalibrated = await run(walkStream$, { placement: 'waist' });
    const first = selfCalibrated.find((r) => r.calibrated);
    return {
      results: asWorn,
      groups: score(encoder, asWorn, truth, true),
      calibrated: cal
        ? { ...score(encoder, await run(stream$, { orientation: cal.rotation }), truth, false), tilt: (cal.tilt * 180) / Math.PI }
        : undefined,
      selfCalibrated: { ...score(encoder, selfCalibrated, walkTruth, false), after: first ? first.t1 - session.t0 : undefined },
    };
  };
  const { results, ...asRecorded } = await measure(clean$, walk$);

  const rng = createRng(5);
  const turned = { inv: 0, var: 0, groups: 0, calibrated: 0, selfCalibrated: 0 };
  for (let k = 0; k < rotations; k++) {
    const rotation = rotateTriads(randomRotation(rng));
    const m = await measure(clean$.pipe(rotation), walk$.pipe(rotation));
    const sim = (part: 'inv' | 'var') =>
      results.reduce((s, r, i) => s + cosineSimilarity(r[part], m.results[i]![part]), 0) / results.length;
    turned.inv += sim('inv') / rotations;
    turned.var += sim('var') / rotations;
    turned.groups += m.groups.accuracy / rotations;
    turned.calibrated += (m.calibrated?.accuracy ?? NaN) / rotations;
    turned.selfCalibrated += m.selfCalibrated.accuracy / rotations;
  }
  return {
    model: encoder.entry.kind,
    device: encoder.device,
    windows: results.length,
    ...asRecorded,
    walkFirst: { walkSeconds },
    rotation: { rotations, ...turned },
  };
}
