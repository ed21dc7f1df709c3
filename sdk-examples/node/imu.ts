// IMU through the pipeline: the activity of every window against the recording's labels, then
// the same session as if the phone had been worn another way (the whole recording turned by a
// random rotation): how the embedding parts and the activities hold up, before and after an
// orientation calibration from a few seconds of standing still.
import { lastValueFrom, toArray, type Observable } from 'rxjs';
import {
  calibrateOrientation,
  classify,
  replay,
  validate,
  type ClassResult,
  type Encoder,
  type Recording,
  type SampleBatch,
} from 'scl-wear';
import { createRng, randomRotation, rotateTriads } from 'scl-wear/dsp';
import { cosineSimilarity } from 'scl-wear/scl';
import { modelInput } from 'scl-wear/advanced';
import { activityName } from '../shared/activity.js';
import { truthOf } from '../shared/truth.js';

const HOP = 1.28; // 2.56 s windows every 1.28 s, as in UCI HAR

/** Share of windows whose activity matches the recording's label at the window's centre, overall and per activity. */
function score(encoder: Encoder, results: ClassResult[], truth: (t: number) => string | undefined) {
  const perClass = new Map<string, { n: number; correct: number }>();
  let n = 0;
  let correct = 0;
  for (const r of results) {
    const t = truth((r.t0 + r.t1) / 2);
    if (!t) continue;
    const ok = activityName(encoder.entry, r.labelIndex) === t ? 1 : 0;
    n++;
    correct += ok;
    const c = perClass.get(t) ?? { n: 0, correct: 0 };
    perClass.set(t, { n: c.n + 1, correct: c.correct + ok });
  }
  return { labelled: n, accuracy: correct / n, perClass: Object.fromEntries([...perClass].map(([k, v]) => [k, v.correct / v.n])) };
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

/** Activities of a labelled IMU recording, and their robustness to the way the phone is worn. */
export async function imuActivities(rec: Recording, encoder: Encoder, rotations = 3) {
  const truth = truthOf(rec);
  const run = (stream$: Observable<SampleBatch>, orientation?: Float64Array) =>
    lastValueFrom(stream$.pipe(classify(encoder, { hopSeconds: HOP, ...(orientation && { orientation }) }), toArray()));
  const clean$ = replay(rec).pipe(validate());
  const results = await run(clean$);

  const rng = createRng(5);
  const turned = { inv: 0, var: 0, accuracy: 0, calibrated: 0, tilt: 0 };
  for (let k = 0; k < rotations; k++) {
    const rotated$ = clean$.pipe(rotateTriads(randomRotation(rng)));
    const rotated = await run(rotated$);
    const sim = (part: 'inv' | 'var') => results.reduce((s, r, i) => s + cosineSimilarity(r[part], rotated[i]![part]), 0) / results.length;
    turned.inv += sim('inv') / rotations;
    turned.var += sim('var') / rotations;
    turned.accuracy += score(encoder, rotated, truth).accuracy / rotations;
    const cal = await calibrate(encoder, rec, rotated$);
    if (cal) {
      turned.calibrated += score(encoder, await run(rotated$, cal.rotation), truth).accuracy / rotations;
      turned.tilt += (cal.tilt * 180) / Math.PI / rotations;
    }
  }
  return {
    model: encoder.entry.kind,
    device: encoder.device,
    windows: results.length,
    ...score(encoder, results, truth),
    rotation: { rotations, ...turned },
  };
}
