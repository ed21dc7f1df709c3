import { resolveDataDir } from '../io/data-dir.js';
import { InputError } from '../errors.js';
import { LUDB_SHARE_DEFAULT, RUN_DEFAULTS, type RunOptions } from '../training/run-options.js';
import type { ImuDataset } from '../training/imu-corpus.js';
import type { StepReport } from '../training/trainer.js';
import { trainingCommand } from './training-deps.js';

const USAGE = `scl-wear train --task imu|acc|ecg --out DIR [options]

Trains an encoder on the real data, writes DIR/<task>.onnx, DIR/results.json and a checkpoint
after every epoch (DIR/checkpoint.json + .bin).

  --data DIR        dataset directory (default: $SCL_WEAR_DATA or ../shared/data)
  --mode M          scl (default) | plain (task loss only) | aug (random transforms as augmentation)
  --epochs N        epochs (default ${RUN_DEFAULTS.epochs})
  --seed S          seed of initialisation, shuffling and transforms (default ${RUN_DEFAULTS.seed})
  --batch N         windows per step (default ${RUN_DEFAULTS.batch})
  --lr X            peak Adam learning rate (default ${RUN_DEFAULTS.lr})
  --lambda X        weight of the SCL loss (default ${RUN_DEFAULTS.lambda})
  --phase X         ECG: weight of the cardiac-phase objective, the first two z_var dims
                    trained to (cos, sin) of the phase (default ${RUN_DEFAULTS.phase}: off)
  --beta B          variant-term strength β (default ${RUN_DEFAULTS.beta})
  --eps X           ε in the SCL denominator (default ${RUN_DEFAULTS.eps})
  --clip X          global gradient-norm clip (default ${RUN_DEFAULTS.clip})
  --d-inv N --d-var N --d-free N   latent split (default 32 / 16 / 16)
  --negatives R     class (default) | subject | all: which batch windows are SCL negatives
  --datasets LIST   imu/acc: uci (default) or uci,motionsense or motionsense (subject-disjoint splits)
  --realism         imu/acc: random sensor error per window (device frame) and low-rate band-limiting
  --motion-scale S  imu/acc, with --realism: scale each window's body acceleration (about its mean)
                    and rotation rate by a log-uniform factor in [1/S, S] (S >= 1; default off)
  --motion-anisotropy A  imu/acc, with --motion-scale: also scale the body acceleration along the
                    window's mean direction by u and across it by 1/u, u log-uniform in [1/A, A]
                    (A >= 1; default off)
  --time-scale J    imu/acc, with --realism: resample each window about its centre as if the motion
                    were U(1-J, 1+J) times faster (cadence jitter; 0 <= J < 0.5; default off)
  --swing DEG       imu/acc, with --realism: turn half of the moving windows back and forth about a
                    horizontal axis, up to DEG degrees at a stride rate (pocket swing; 0-90; default off)
  --equi W          weight of the equivariance term: z_var predicts gravity's direction (default 0)
  --decor W         weight of the term keeping the phase (ecg) or gravity (imu/acc) out of z_inv (default 0)
  --consist W       weight of the term asking the group head for the same probabilities on both views (default 0)
  --readout W       imu/acc: weight of the term keeping gravity out of every linear probe of z_inv (default 0)
  --invariant-branch [frame|acc-frame]  imu/acc: z_inv from its own convolution stack that
                    reads only rotation-invariant channels (invariant by construction); frame:
                    also the body acceleration and rotation rate in the window's horizontal
                    frame; acc-frame: frame, from the accelerometer's channels only
  --start-steps N   ECG: z_var also reads the last layer's features at the window's first N
                    time steps (position-aware readout; default 0: off, mean pooling only)
  --align [fixed]   ECG: the encoder reads a beat-aligned crop of its 4 s window, computed inside
                    the model: 2.5 s from 100 ms before the largest QRS energy in the first 1.5 s;
                    fixed (a control): the window's first 2.5 s, unaligned
  --positives P     ECG: shift (default: the same record one cardiac-cycle shift later) | record
                    (the same record at least 60 s away plus a shift; negatives other records)
  --ludb [SHARE]    ECG: mix the LUDB training subjects (odd-numbered; every lead a record) into
                    every batch at this share (default ${LUDB_SHARE_DEFAULT}); they train SCL and the phase
                    objective, not the beat-class head
  --limit N         at most N training windows per class (smoke runs)
  --max-steps N     at most N steps per epoch (smoke runs)
  --eval-rotations N  rotations per test window in results.json (default 10; 0 skips the test set)
  --resume          continue from the checkpoint in --out
  --backend B       wasm (default) | cpu
  --quiet           no progress line`;

function flags(argv: string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new InputError('E_ARGUMENT', `unexpected argument ${JSON.stringify(a)}; see scl-wear train --help`);
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) m.set(a.slice(2), 'true');
    else m.set(a.slice(2), (i++, next));
  }
  return m;
}

function num(m: Map<string, string>, name: string, fallback: number, integer = false): number {
  const v = m.get(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < 0) {
    throw new InputError(
      'E_ARGUMENT',
      `--${name} must be a ${integer ? 'non-negative integer' : 'non-negative number'}; got ${JSON.stringify(v)}`,
      { details: { argument: name } },
    );
  }
  return n;
}

function oneOf<T extends string>(m: Map<string, string>, name: string, allowed: readonly T[], fallback?: T): T {
  const v = m.get(name) ?? fallback;
  if (v === undefined || !allowed.includes(v as T)) {
    throw new InputError('E_ARGUMENT', `--${name} must be one of ${allowed.join(', ')}; got ${JSON.stringify(v)}`, {
      details: { argument: name },
    });
  }
  return v as T;
}

/** A numeric augmentation flag that needs `--realism` and an IMU task; undefined when absent. */
function realismFlag(m: Map<string, string>, name: string, task: string, ok: (n: number) => boolean, expected: string): number | undefined {
  if (!m.has(name)) return undefined;
  if (task === 'ecg' || !m.has('realism'))
    throw new InputError('E_ARGUMENT', `--${name} applies to --task imu or acc with --realism only`, { details: { argument: name } });
  const n = num(m, name, 0);
  if (!ok(n)) throw new InputError('E_ARGUMENT', `--${name} must be ${expected}; got ${n}`, { details: { argument: name } });
  return n;
}

function datasetList(v: string): ImuDataset[] {
  const list = v.split(',');
  for (const d of list)
    if (d !== 'uci' && d !== 'motionsense')
      throw new InputError('E_ARGUMENT', `--datasets takes uci and/or motionsense; got ${JSON.stringify(v)}`, {
        details: { argument: 'datasets' },
      });
  return list as ImuDataset[];
}

function clock(s: number): string {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(Math.floor(s % 60)).padStart(2, '0');
  return h ? `${h}h${String(m).padStart(2, '0')}m${sec}s` : `${m}m${sec}s`;
}

/** Formats one progress line: epoch, step, loss terms, elapsed time and ETA. */
export function progressLine(s: StepReport): string {
  const f = (x: number) => x.toFixed(3);
  return (
    `epoch ${s.epoch}/${s.epochs} step ${String(s.step).padStart(String(s.steps).length)}/${s.steps}  loss ${f(s.total)} ` +
    `(task ${f(s.task)} group ${f(s.group)} scl ${f(s.scl)}: Dinv+ ${f(s.dInvPos)} Dvar+ ${f(s.dVarPos)} Dinv- ${f(s.dInvNeg)})  ` +
    `${clock(s.elapsed)} elapsed, ETA ${clock(s.eta)}`
  );
}

/** `scl-wear train`: trains an encoder and exports it (see `--help`). */
export const trainCommand = trainingCommand({
  name: 'train',
  usage: USAGE,
  load: () => import('../training/run.js'),
  async run(argv, io, training) {
    const m = flags(argv);
    const out = m.get('out');
    if (!out || out === 'true') throw new InputError('E_ARGUMENT', '--out DIR is required', { details: { argument: 'out' } });
    const tty = process.stderr.isTTY;
    let last = 0;
    const task = oneOf(m, 'task', ['imu', 'acc', 'ecg'] as const);
    if (m.has('positives') && task !== 'ecg')
      throw new InputError('E_ARGUMENT', '--positives applies to --task ecg only', { details: { argument: 'positives' } });
    if (m.has('invariant-branch') && task === 'ecg')
      throw new InputError('E_ARGUMENT', '--invariant-branch applies to --task imu or acc only', {
        details: { argument: 'invariant-branch' },
      });
    if (m.has('align') && task !== 'ecg')
      throw new InputError('E_ARGUMENT', '--align applies to --task ecg only', { details: { argument: 'align' } });
    if (m.has('ludb') && task !== 'ecg')
      throw new InputError('E_ARGUMENT', '--ludb applies to --task ecg only', { details: { argument: 'ludb' } });
    const motionScale = realismFlag(m, 'motion-scale', task, (n) => n >= 1, 'at least 1');
    const motionAnisotropy = realismFlag(m, 'motion-anisotropy', task, (n) => n >= 1, 'at least 1');
    if (motionAnisotropy !== undefined && motionScale === undefined)
      throw new InputError('E_ARGUMENT', '--motion-anisotropy needs --motion-scale', { details: { argument: 'motion-anisotropy' } });
    const timeScale = realismFlag(m, 'time-scale', task, (n) => n < 0.5, 'below 0.5');
    const swing = realismFlag(m, 'swing', task, (n) => n <= 90, 'at most 90 (degrees)');
    const ludb = m.get('ludb') === 'true' ? LUDB_SHARE_DEFAULT : num(m, 'ludb', 0);
    if (ludb >= 1) throw new InputError('E_ARGUMENT', `--ludb SHARE must be below 1; got ${ludb}`, { details: { argument: 'ludb' } });
    const options: RunOptions = {
      ...RUN_DEFAULTS,
      task,
      outDir: out,
      mode: oneOf(m, 'mode', ['scl', 'plain', 'aug'] as const, RUN_DEFAULTS.mode),
      epochs: num(m, 'epochs', RUN_DEFAULTS.epochs, true),
      seed: num(m, 'seed', RUN_DEFAULTS.seed, true),
      batch: num(m, 'batch', RUN_DEFAULTS.batch, true),
      lr: num(m, 'lr', RUN_DEFAULTS.lr),
      lambda: num(m, 'lambda', RUN_DEFAULTS.lambda),
      phase: num(m, 'phase', RUN_DEFAULTS.phase),
      beta: num(m, 'beta', RUN_DEFAULTS.beta),
      eps: num(m, 'eps', RUN_DEFAULTS.eps),
      clip: num(m, 'clip', RUN_DEFAULTS.clip),
      dims: {
        inv: num(m, 'd-inv', RUN_DEFAULTS.dims.inv, true),
        var: num(m, 'd-var', RUN_DEFAULTS.dims.var, true),
        free: num(m, 'd-free', RUN_DEFAULTS.dims.free, true),
      },
      negatives: oneOf(m, 'negatives', ['class', 'subject', 'all'] as const, RUN_DEFAULTS.negatives),
      ...(m.has('datasets') ? { datasets: datasetList(m.get('datasets')!) } : {}),
      realism: m.has('realism'),
      ...(motionScale !== undefined ? { motionScale } : {}),
      ...(motionAnisotropy !== undefined ? { motionAnisotropy } : {}),
      ...(timeScale !== undefined ? { timeScale } : {}),
      ...(swing !== undefined ? { swing } : {}),
      equi: num(m, 'equi', 0),
      decor: num(m, 'decor', 0),
      consist: num(m, 'consist', 0),
      readout: num(m, 'readout', 0),
      startSteps: num(m, 'start-steps', 0, true),
      ...(m.has('align') ? { align: m.get('align') === 'true' ? 'beat' : oneOf(m, 'align', ['fixed'] as const) } : {}),
      ...(m.has('invariant-branch')
        ? {
            invariantBranch: m.get('invariant-branch') === 'true' ? 'basic' : oneOf(m, 'invariant-branch', ['frame', 'acc-frame'] as const),
          }
        : {}),
      ...(m.has('positives') ? { positives: oneOf(m, 'positives', ['shift', 'record'] as const) } : {}),
      ...(ludb > 0 ? { ludb } : {}),
      limit: m.has('limit') ? num(m, 'limit', 0, true) : undefined,
      maxSteps: m.has('max-steps') ? num(m, 'max-steps', 0, true) : undefined,
      evalRotations: num(m, 'eval-rotations', RUN_DEFAULTS.evalRotations, true),
      resume: m.has('resume'),
      backend: oneOf(m, 'backend', ['wasm', 'cpu'] as const, RUN_DEFAULTS.backend),
      // Looked up last, so bad flags are reported before a missing dataset.
      dataDir: resolveDataDir(m.get('data')),
      onStep: m.has('quiet')
        ? undefined
        : (s) => {
            const now = Date.now();
            if (s.step !== s.steps && now - last < (tty ? 200 : 10_000)) return;
            last = now;
            if (tty) process.stderr.write(`\r${progressLine(s)}\x1b[K${s.step === s.steps ? '\n' : ''}`);
            else io.err(progressLine(s));
          },
    };
    const results = await training.runTraining(options);
    io.out(JSON.stringify({ onnx: results.onnx, wallSeconds: results.wallSeconds, metrics: results.metrics }, null, 2));
    return 0;
  },
});
