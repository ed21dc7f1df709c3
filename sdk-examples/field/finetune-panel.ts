// Personalisation: the ticked sessions' labelled windows are embedded with the motion encoder
// (`collectExamples`), a classifier head is trained on them in a worker with part held out
// (`fineTune`), and the best checkpoint becomes the active one (the dashboard uses it too).
import {
  activateCheckpoint,
  createEncoder,
  embed,
  getSession,
  rollbackCheckpoint,
  SdkError,
  type CheckpointMetrics,
  type WearDb,
} from 'scl-wear';
import { collectExamples, connectFineTuner } from 'scl-wear/advanced';

const pct = (v: number | undefined) => (v === undefined ? '–' : `${(v * 100).toFixed(0)} %`);

export class FineTunePanel {
  constructor(
    private readonly db: WearDb,
    private readonly ticked: () => string[],
    private readonly say: (line: string, result?: CheckpointMetrics) => void,
  ) {}

  /** Fine-tunes on the ticked sessions and activates the result. */
  async run(): Promise<void> {
    const ids = this.ticked();
    if (ids.length === 0) {
      this.say('Tick one or more labelled sessions first.');
      return;
    }
    try {
      // Accelerometer + gyroscope sessions use the imu model, accelerometer-only ones the acc model.
      const first = await getSession(this.db, ids[0]!);
      const stream = 'imu' in first.streams ? 'imu' : 'acc' in first.streams ? 'acc' : undefined;
      if (!stream) {
        this.say('These sessions have no motion stream to learn activities from.');
        return;
      }
      this.say(`loading the ${stream} model…`);
      const encoder = await createEncoder({
        model: stream,
        manifestUrl: new URL('../models/manifest.json', location.href),
        wasmPaths: new URL('../ort/', location.href).href,
        // The worker bundle sits beside the page (the default, beside the SDK's code, moves with code splitting).
        worker: new URL('worker.js', location.href),
      });
      this.say('embedding the labelled windows…');
      const examples = await collectExamples(this.db, ids, embed(encoder, { hopSeconds: 1 }), { stream }).finally(() => encoder.close());
      const tuner = connectFineTuner(new Worker(new URL('./finetune-worker.js', import.meta.url), { type: 'module' }));
      try {
        const { checkpoint } = await tuner.fineTune(
          examples,
          { model: stream, epochs: 40 },
          {
            onProgress: (p) => {
              if (p.status === 'started') this.say(`training on ${p.train} windows, ${p.holdout} held out…`);
              if (p.status === 'epoch')
                this.say(`epoch ${p.metrics.epoch} of ${p.epochs}: held-out accuracy ${pct(p.metrics.holdoutAccuracy)}`);
            },
          },
        );
        if (!checkpoint) {
          this.say('training was cancelled');
          return;
        }
        await activateCheckpoint(this.db, checkpoint.id);
        const best = checkpoint.metrics as CheckpointMetrics;
        this.say(
          `done: ${examples.y.length} windows of ${examples.classes.length} classes (${examples.classes.join(', ')}); ` +
            `held-out accuracy ${pct(best.holdoutAccuracy)}. Your classes are now active, here and on the dashboard.`,
          best,
        );
      } finally {
        void tuner.close();
      }
    } catch (err) {
      this.say(err instanceof SdkError ? `${err.code}: ${err.message}` : `failed: ${(err as Error).message}`);
    }
  }

  /** Goes back to the model's built-in classes. */
  async reset(model = 'imu'): Promise<void> {
    await rollbackCheckpoint(this.db, model);
    this.say('back to the built-in activity classes');
  }
}
