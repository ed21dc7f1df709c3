import { InputError } from '../errors.js';
import { resolveDataDir } from '../io/data-dir.js';
import type { EvaluateOptions } from '../training/evaluate.js';
import { trainingCommand } from './training-deps.js';

const USAGE = `scl-wear evaluate --model ecg|imu|acc [options]

Runs the plain baseline, the augmentation baseline and the SCL model of a task through
onnxruntime on its test data (ECG: MIT-BIH DS2 records; imu/acc: UCI HAR test subjects) and
writes the model card OUT/<model>.md, its SVG figures and OUT/<model>-eval.json.

  --data DIR         dataset directory (default: $SCL_WEAR_DATA or ../shared/data)
  --models DIR       where <model>.onnx and variants/<model>-plain.onnx, -aug.onnx are (default models)
  --out DIR          output directory (default <models>/cards)
  --variant L=PATH   compare this model under label L (repeat; replaces the default set)
  --ablations DIR    tabulate DIR/*/results.json (training runs of the ablations)
  --dims I,V,F       latent split for files that do not record it
  --per-record N     ECG: test windows per record (default 40)
  --records A,B      ECG: only these DS2 records
  --rotations N      imu/acc: rotations per window (default 10)
  --up X,Y,Z         imu/acc: standing "up" of the training frame (default: from the model file)
  --seed S           seed of the rotations (default 2024)`;

function parse(argv: string[]): { flags: Map<string, string>; variants: [string, string][] } {
  const flags = new Map<string, string>();
  const variants: [string, string][] = [];
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]!;
    const value = argv[i + 1];
    if (!key.startsWith('--') || value === undefined || value.startsWith('--')) {
      throw new InputError('E_ARGUMENT', `expected --name value pairs; got ${JSON.stringify(key)}; see scl-wear evaluate --help`, {
        details: { argument: key },
      });
    }
    if (key === '--variant') {
      const eq = value.indexOf('=');
      if (eq <= 0)
        throw new InputError('E_ARGUMENT', `--variant must be LABEL=PATH; got ${JSON.stringify(value)}`, {
          details: { argument: 'variant' },
        });
      variants.push([value.slice(0, eq), value.slice(eq + 1)]);
    } else flags.set(key.slice(2), value);
  }
  return { flags, variants };
}

function numbers(flags: Map<string, string>, name: string, count?: number): number[] | undefined {
  const v = flags.get(name);
  if (v === undefined) return undefined;
  const list = v.split(',').map(Number);
  if (list.some((x) => !Number.isFinite(x)) || (count !== undefined && list.length !== count)) {
    throw new InputError('E_ARGUMENT', `--${name} must be ${count ?? 'one or more'} comma-separated numbers; got ${JSON.stringify(v)}`, {
      details: { argument: name },
    });
  }
  return list;
}

function integer(flags: Map<string, string>, name: string): number | undefined {
  const v = numbers(flags, name, 1)?.[0];
  if (v !== undefined && !(Number.isInteger(v) && v > 0)) {
    throw new InputError('E_ARGUMENT', `--${name} must be a positive integer; got ${v}`, { details: { argument: name } });
  }
  return v;
}

/** `scl-wear evaluate`: model cards with the evidence for the shipped encoders (see `--help`). */
export const evaluateCommand = trainingCommand({
  name: 'evaluate',
  usage: USAGE,
  load: () => import('../training/evaluate.js'),
  async run(argv, io, training) {
    const { flags, variants } = parse(argv);
    const model = flags.get('model');
    if (model !== 'ecg' && model !== 'imu' && model !== 'acc') {
      throw new InputError('E_ARGUMENT', `--model must be one of ecg, imu, acc; got ${JSON.stringify(model)}`, {
        details: { argument: 'model' },
      });
    }
    const dims = numbers(flags, 'dims', 3);
    const options: EvaluateOptions = {
      model,
      modelsDir: flags.get('models'),
      outDir: flags.get('out'),
      variants: variants.length ? variants : undefined,
      ablations: flags.get('ablations'),
      dims: dims ? { inv: dims[0]!, var: dims[1]!, free: dims[2]! } : undefined,
      perRecord: integer(flags, 'per-record'),
      records: flags.get('records')?.split(','),
      rotations: integer(flags, 'rotations'),
      up: numbers(flags, 'up', 3),
      seed: integer(flags, 'seed'),
      // Looked up last, so bad flags are reported before a missing dataset.
      dataDir: resolveDataDir(flags.get('data')),
    };
    const written = await training.evaluateModels(options);
    for (const p of written) io.out(p);
    return 0;
  },
});
