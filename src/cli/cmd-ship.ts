import { InputError } from '../errors.js';
import { trainingCommand } from './training-deps.js';

/** `scl-wear ship`: copies a finished training run into `models/` and updates the manifest. */
export const shipCommand = trainingCommand({
  name: 'ship',
  usage: `scl-wear ship --run DIR [--variant plain|aug] [--models DIR] [--command "TEXT"]

Copies DIR/<task>.onnx into the models directory (default models/). Without --variant it
becomes the shipped <task>.onnx with an entry in manifest.json (sha256, input layout, rates,
latent split, classes, preprocessing, data licence, training figures); with --variant it goes to
variants/<task>-<variant>.onnx for the model cards' side-by-side comparison.`,
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
    io.out(await training.shipModel({ run, modelsDir: get('models') ?? 'models', variant, command: get('command') }));
    return 0;
  },
});
