import { InputError } from '../errors.js';
import { resolveDataDir } from '../io/data-dir.js';
import { trainingCommand } from './training-deps.js';

/** `scl-wear ship`: copies a finished training run into `models/` and updates the manifest. */
export const shipCommand = trainingCommand({
  name: 'ship',
  usage: `scl-wear ship --run DIR [--variant plain|aug] [--models DIR] [--command "TEXT"] [--shift-average KxS] [--whiten-records [--data DIR]]

Copies DIR/<task>.onnx into the models directory (default models/). Without --variant it
becomes the shipped <task>.onnx with an entry in manifest.json (sha256, input layout, rates,
latent split, classes, preprocessing, data licence, training figures); with --variant it goes to
variants/<task>-<variant>.onnx for the model cards' side-by-side comparison.
--shift-average 3x0.2 wraps the model so that it averages z_inv over 3 sub-windows 0.2 s apart
(the window grows by 0.4 s; z_var and z_free come from the first sub-window).
--whiten-records (ECG) then appends a within-record whitening of z_inv fitted on the training
records of the data folder (--data, default ../shared/data or SCL_WEAR_DATA): MIT-BIH DS1 and
LUDB's training subjects.`,
  load: () => import('../training/ship.js'),
  async run(argv, io, training) {
    const get = (name: string) => {
      const i = argv.indexOf(`--${name}`);
      return i >= 0 ? argv[i + 1] : undefined;
    };
    const run = get('run');
    if (!run) throw new InputError('E_ARGUMENT', '--run DIR is required', { details: { argument: 'run' } });
    const variant = get('variant');
    if (variant !== undefined && variant !== 'plain' && variant !== 'aug') {
      throw new InputError('E_ARGUMENT', `--variant must be plain or aug; got ${JSON.stringify(variant)}`, {
        details: { argument: 'variant' },
      });
    }
    const sa = get('shift-average');
    const m = sa === undefined ? undefined : /^(\d+)x(\d*\.?\d+)$/.exec(sa);
    if (sa !== undefined && (!m || Number(m[1]) < 2 || !(Number(m[2]) > 0))) {
      throw new InputError(
        'E_ARGUMENT',
        `--shift-average must be COPIESxSECONDS with at least 2 copies, e.g. 3x0.2; got ${JSON.stringify(sa)}`,
        {
          details: { argument: 'shift-average' },
        },
      );
    }
    const shiftAverage = m ? { copies: Number(m[1]), stepSeconds: Number(m[2]) } : undefined;
    const whitenRecords = argv.includes('--whiten-records') ? { dataDir: resolveDataDir(get('data')) } : undefined;
    io.out(
      await training.shipModel({
        run,
        modelsDir: get('models') ?? 'models',
        variant,
        command: get('command'),
        shiftAverage,
        whitenRecords,
      }),
    );
    return 0;
  },
});
