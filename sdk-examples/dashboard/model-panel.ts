// The encoders on the page: activity classes from the motion stream (`classify`), and the
// embedding views that show which parts of the embedding stay put under phase shifts (ECG) and
// rotations (IMU).
import { first, firstValueFrom, from, Subscription, type Observable } from 'rxjs';
import {
  boundedBuffer,
  calibrateOrientation,
  classify,
  createEncoder,
  openWearDb,
  validate,
  type ClassResult,
  type Encoder,
  type HeadClassifier,
  type SampleBatch,
  type SampleWindow,
} from 'scl-wear';
import { createRng } from 'scl-wear/dsp';
import { cutShifted, randomRotations, rotateWindows, shiftGrid } from 'scl-wear/scl';
import { activeHead, modelInput } from 'scl-wear/advanced';
import { shownActivity } from '../shared/activity.js';
import type { LiveSource } from '../shared/sources.js';
import { EmbeddingView } from './embedding-view.js';
import type { ImuPanel } from './imu-panel.js';
import { WindowRecord } from '../shared/window-record.js';

/** Transformed copies of the current window shown in the embedding views. */
const COPIES = 8;

export class ModelPanel {
  private readonly encoders = new Map<string, Promise<Encoder>>();
  private readonly views = { ecg: new EmbeddingView('ecg'), imu: new EmbeddingView('imu') };
  private readonly rng = createRng(11);
  /** One line about the models, for the status bar. */
  summary = '';
  /** The motion model's run, restarted with an orientation after a calibration. */
  private imuRun: { source: LiveSource; enc: Encoder; head: HeadClassifier | null; sub: Subscription } | undefined;

  constructor(
    private readonly imu: ImuPanel,
    private readonly say: (line: string) => void,
  ) {}

  /** Loads a model once (download, checksum, compile) and keeps it for later sources. */
  private encoder(name: string): Promise<Encoder> {
    let e = this.encoders.get(name);
    if (!e) {
      e = createEncoder({
        model: name,
        device: 'auto',
        manifestUrl: new URL('../models/manifest.json', location.href),
        wasmPaths: new URL('../ort/', location.href).href,
        // The worker bundle sits beside the page (the default, beside the SDK's code, moves with code splitting).
        worker: new URL('worker.js', location.href),
        onProgress: (p) => this.say(`model ${name}: ${p.status}…`),
      });
      e.catch(() => this.encoders.delete(name));
      this.encoders.set(name, e);
    }
    return e;
  }

  /**
   * Loads the models a source needs and subscribes them to its streams (call before
   * `source.start()`); a missing model leaves the rest of the page running.
   */
  async connect(source: LiveSource): Promise<Subscription> {
    const sub = new Subscription();
    const notes = new Map<string, string>();
    const load = (name: string) =>
      this.encoder(name).then(
        (enc) => (notes.set(name, `${name} model on ${enc.device}`), enc),
        (err: unknown) => (notes.set(name, `${name} model unavailable (${(err as Error).message})`), undefined),
      );
    const runImu = async (enc: Encoder | undefined) => {
      if (!enc) return;
      // A classifier head fine-tuned on the field recorder page (same origin) replaces the built-in one.
      const head = await openWearDb()
        .then(
          (db) => activeHead(db, enc.entry.kind),
          () => null,
        )
        .catch(() => null);
      if (head) notes.set(`${enc.entry.kind}-head`, 'your fine-tuned activity classes');
      const run = this.runImu(source, enc, head);
      this.imuRun = { source, enc, head, sub: run };
      sub.add(() => this.imuRun?.sub.unsubscribe());
    };
    // The motion model depends on the sensors: accelerometer + gyroscope, or accelerometer only.
    const imuKind = source.imuKind;
    const [ecg, imu] = await Promise.all([source.ecg$ && load('ecg'), imuKind && load(imuKind)]);
    if (ecg) sub.add(this.runEcg(source.ecg$!, ecg));
    if (source.imu$ && imuKind) await runImu(imu);
    // A phone says whether it has a gyroscope with its first batch: load the model then.
    else if (source.imu$) sub.add(source.imu$.pipe(first()).subscribe((b) => void load(b.kind === 'imu' ? 'imu' : 'acc').then(runImu)));
    this.summary = [...notes]
      .sort()
      .map(([, note]) => note)
      .join(' · ');
    return sub;
  }

  private runImu(source: LiveSource, enc: Encoder, head: HeadClassifier | null, orientation?: Float64Array): Subscription {
    const truth = (r: ClassResult) => source.truth?.((r.t0 + r.t1) / 2);
    const clean$ = source.imu$!.pipe(validate({ nonFinite: 'hold', order: 'drop' }));
    const options = { hopSeconds: 1, ...(orientation && { orientation }) };
    // Without a calibration, the posture comes from self-calibration once the wearer has walked
    // 20 s (the placement, waist or pocket, inferred from the walking).
    const placement = orientation || !enc.entry.groups ? {} : { placement: 'auto' as const };
    const sub = clean$.pipe(classify(enc, { ...options, ...placement, smoothing: 3 })).subscribe((r) => {
      const mine = head?.classify([r])[0];
      const shown = mine ? { label: mine.label, names: [...head.classes], probs: mine.probs } : shownActivity(enc.entry, r);
      this.imu.showActivity(shown.label, shown.probs, shown.names, truth(r));
    });
    // Every second window, embed it together with rotated copies for the embedding views.
    const shape = { frames: enc.entry.windowSamples, channels: enc.entry.channels.length, layout: 'interleaved' } as const;
    sub.add(
      clean$
        .pipe(
          modelInput(enc.entry, { ...options, hopSeconds: 2 }),
          boundedBuffer((w: SampleWindow) => from(this.embedRotated(enc, w, shape)), { capacity: 1 }),
        )
        .subscribe(([result, ...copies]) => {
          this.views.imu.add(result!);
          this.views.imu.setCurrent(result!, copies);
        }),
    );
    return sub;
  }

  /**
   * Orientation calibration: the wearer stands still; the next window of the motion stream
   * gives the tilt of the device against the model's training frame, and the motion model
   * restarts with that rotation applied.
   *
   * @returns the tilt corrected, in degrees
   * @throws InputError `E_ARGUMENT` when the device moved during the window
   */
  async calibrate(): Promise<number> {
    const run = this.imuRun;
    const up = run?.enc.entry.preprocessing.referenceUp;
    if (!run || !up) throw new Error('no motion model that takes a calibration is running');
    const w = await firstValueFrom(
      run.source.imu$!.pipe(validate({ nonFinite: 'hold', order: 'drop' }), modelInput(run.enc.entry, { hopSeconds: 1 })),
    );
    const cal = calibrateOrientation(w.data, { frames: w.length, channels: w.channels.length, layout: 'interleaved' }, { reference: up });
    run.sub.unsubscribe();
    this.imuRun = { ...run, sub: this.runImu(run.source, run.enc, run.head, cal.rotation) };
    return (cal.tilt * 180) / Math.PI;
  }

  /** Embeds a window and copies of it turned by random rotations (the phone held other ways). */
  private embedRotated(enc: Encoder, w: SampleWindow, shape: { frames: number; channels: number; layout: 'interleaved' }) {
    const tiled = new Float32Array(w.data.length * COPIES);
    for (let k = 0; k < COPIES; k++) tiled.set(w.data, k * w.data.length);
    const rotated = rotateWindows(tiled, COPIES, shape, randomRotations(this.rng, COPIES), tiled);
    const copies = Array.from({ length: COPIES }, (_, k) => ({ ...w, data: rotated.subarray(k * w.data.length, (k + 1) * w.data.length) }));
    return enc.embed([w, ...copies]);
  }

  private runEcg(ecg$: Observable<SampleBatch>, enc: Encoder): Subscription {
    const record = new WindowRecord(enc.entry.windowSamples, 3);
    const hopSeconds = 2;
    return ecg$
      .pipe(
        validate({ nonFinite: 'hold', order: 'drop' }),
        modelInput(enc.entry, { hopSeconds }),
        boundedBuffer(
          (w: SampleWindow) => {
            record.push(w, Math.round(hopSeconds * w.rate));
            return from(this.embedShifted(enc, w, record));
          },
          { capacity: 1 },
        ),
      )
      .subscribe(([result, ...copies]) => {
        this.views.ecg.add(result!);
        if (copies.length) this.views.ecg.setCurrent(result!, copies);
      });
  }

  /** Embeds a window, and copies cut up to one cardiac cycle (about 1 s) later when the record allows. */
  private embedShifted(enc: Encoder, w: SampleWindow, record: WindowRecord) {
    const size = w.length;
    const cycle = Math.round(w.rate);
    const windows: SampleWindow[] = [w];
    // The record ends with `w`; cut the copies from the window before it, shifted by 0–1 cycle.
    if (record.filled >= size + cycle) {
      const start = record.data.length - size - cycle;
      for (const s of shiftGrid(cycle, COPIES)) windows.push({ ...w, data: cutShifted(record.data, start, s, size) });
    }
    return enc.embed(windows);
  }

  /** Repaints the embedding views that changed. */
  draw(): void {
    this.views.ecg.draw();
    this.views.imu.draw();
  }
}
