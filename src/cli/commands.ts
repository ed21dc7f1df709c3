import type { Command } from './command.js';

/** A CLI subcommand known by name; its module is imported only when it runs (fast start). */
export interface CommandEntry {
  /** Name typed on the command line. */
  readonly name: string;
  /** One line shown by `scl-wear --help` (kept here so that `--help` imports no command). */
  readonly summary: string;
  /** Imports the command's module. */
  load(): Promise<Command>;
}

/** Every CLI subcommand, in the order `--help` lists them. Add new commands here. */
export const commands: readonly CommandEntry[] = [
  { name: 'info', summary: 'package, bundled models and environment', load: async () => (await import('./cmd-info.js')).infoCommand },
  {
    name: 'demo',
    summary: 'replay the bundled real ECG and IMU recordings through the stream stages',
    load: async () => (await import('./cmd-demo.js')).demoCommand,
  },
  {
    name: 'replay',
    summary: 'replay a CSV recording through the preprocessing chain and print window stats',
    load: async () => (await import('./cmd-replay.js')).replayCommand,
  },
  {
    name: 'simulate',
    summary: 'write a synthetic ECG or IMU recording as CSV',
    load: async () => (await import('./cmd-simulate.js')).simulateCommand,
  },
  {
    name: 'rpeaks',
    summary: 'detect R peaks in an ECG file; heart rate, HRV and signal quality',
    load: async () => (await import('./cmd-rpeaks.js')).rpeaksCommand,
  },
  {
    name: 'train',
    summary: 'train an SCL encoder on the real data and export it as ONNX',
    load: async () => (await import('./cmd-train.js')).trainCommand,
  },
  {
    name: 'ship',
    summary: 'copy a finished training run into models/ (manifest entry or comparison variant)',
    load: async () => (await import('./cmd-ship.js')).shipCommand,
  },
  {
    name: 'evaluate',
    summary: 'evaluate baseline, augmentation and SCL models on test data and write the model card',
    load: async () => (await import('./cmd-evaluate.js')).evaluateCommand,
  },
  {
    name: 'embed',
    summary: 'embed a CSV recording with a bundled encoder (inv / var / free dimensions per window)',
    load: async () => (await import('./cmd-embed.js')).embedCommand,
  },
  {
    name: 'classify',
    summary: 'classify the activity in each window of a CSV recording (optionally orientation-calibrated)',
    load: async () => (await import('./cmd-classify.js')).classifyCommand,
  },
  {
    name: 'convert',
    summary: 'convert between .csv, .sclw, .parquet and .edf, or a folder into a Parquet dataset',
    load: async () => (await import('./cmd-convert.js')).convertCommand,
  },
];
