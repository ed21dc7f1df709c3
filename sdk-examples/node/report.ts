// The readable summary printed by replay.ts.
import type { ecgEmbeddings, ecgSignals } from './ecg.js';
import type { imuActivities } from './imu.js';

/** What replay.ts found. */
export interface Summary {
  ecg: Omit<Awaited<ReturnType<typeof ecgSignals>>, 'peakTimes'> & {
    recording: { seconds: number; rate: number };
    embeddings: Awaited<ReturnType<typeof ecgEmbeddings>> | undefined;
  };
  imu: { recording: { frames: number; rate: number; segments: number }; activities: Awaited<ReturnType<typeof imuActivities>> | undefined };
  notes: string[];
  seconds: number;
}

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
const num = (v: number | undefined, d = 0) => (v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(d));

/** Formats the summary as aligned lines. */
export function report(s: Summary): string {
  const { ecg, imu } = s;
  const out = [
    'scl-wear: real recordings through the on-device pipeline',
    '',
    `ECG  MIT-BIH record 100, lead MLII: ${num(ecg.recording.seconds)} s at ${ecg.recording.rate} Hz`,
    `  R peaks      ${ecg.peaks} found; against ${ecg.reference} beats annotated by cardiologists: sensitivity ${pct(ecg.sensitivity)}, positive predictivity ${pct(ecg.positivePredictivity)} (150 ms)`,
    `  heart rate   ${num(ecg.heartRate.mean, 1)} bpm on average (${num(ecg.heartRate.min)}–${num(ecg.heartRate.max)}); ${ecg.rr.normal} normal RR intervals, ${ecg.rr.other} ectopic or artifact`,
    ecg.hrv
      ? `  HRV          SDNN ${num(ecg.hrv.sdnn, 1)} ms, RMSSD ${num(ecg.hrv.rmssd, 1)} ms, pNN50 ${num(ecg.hrv.pnn50, 1)} %, mean NN ${num(ecg.hrv.meanNn)} ms`
      : '  HRV          too few beats',
    `  quality      ${ecg.quality.usable} of ${ecg.quality.windows} ten-second windows usable (mean index ${num(ecg.quality.mean, 2)})`,
  ];
  const e = ecg.embeddings;
  if (e) {
    out.push(
      `  embeddings   ${e.windows} windows → inv ${e.dims.inv} + var ${e.dims.var} + free ${e.dims.free} dims (${e.device})`,
      `  phase shift  ${e.phase.windows} windows cut up to one beat later (${e.phase.shifts} shifts): cosine similarity inv ${num(e.phase.invSimilarity, 3)}, var ${num(e.phase.varSimilarity, 3)}`,
    );
  }
  out.push(
    '',
    `IMU  UCI HAR test subject 2: ${imu.recording.frames} frames at ${imu.recording.rate} Hz, ${imu.recording.segments} labelled activity segments`,
  );
  const a = imu.activities;
  if (a) {
    const per = (p: Record<string, number>) =>
      Object.entries(p)
        .map(([k, v]) => `${k} ${pct(v)}`)
        .join(', ');
    const { calibrated: c, selfCalibrated: self, rotation: r } = a;
    out.push(
      `  as worn      orientation unknown (${a.model} model, ${a.device}): the activity group of ${a.groups.labelled} windows right ${pct(a.groups.accuracy)}`,
      `               ${per(a.groups.perClass)} (sitting, standing and lying are all STATIC)`,
    );
    if (c)
      out.push(
        `  calibrated   from one standing window (tilt ${num(c.tilt)}°): 6 classes right ${pct(c.accuracy)}`,
        `               ${per(c.perClass)}`,
      );
    out.push(
      `  self-calib.  no standing step: the session with its ${num(a.walkFirst.walkSeconds)} s of walking and stairs first, placement waist;`,
      `               posture known from ${num(self.after, 1)} s in, then 6 classes right ${pct(self.accuracy)} of ${self.labelled} windows`,
      `               ${per(self.perClass)}`,
      `  worn turned  the whole session turned by ${r.rotations} random rotations: cosine similarity inv ${num(r.inv, 3)}, var ${num(r.var, 3)};`,
      `               groups right ${pct(r.groups)}, calibrated ${pct(r.calibrated)}, self-calibrated ${pct(r.selfCalibrated)}`,
    );
  }
  if (s.notes.length) out.push('', ...s.notes.map((n) => `note: ${n}`));
  out.push('', `done in ${num(s.seconds, 1)} s; read sdk-examples/node/ to see how.`);
  return out.join('\n');
}
