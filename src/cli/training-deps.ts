import { isMissingPackage } from '../model/ort-node.js';
import type { CliIO, Command } from './command.js';

/** The optional peer dependencies the training commands need (not installed with the runtime). */
export const TRAINING_PACKAGES = ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', 'protobufjs'] as const;

/** The one line printed when they are missing. */
export const TRAINING_HINT = `this command needs the training packages: npm install ${TRAINING_PACKAGES.join(' ')}`;

/** Whether an import failure means one of the training packages is not installed. */
export function isMissingTrainingPackage(err: unknown): boolean {
  return TRAINING_PACKAGES.some((p) => isMissingPackage(err, p));
}

/**
 * Imports a training module, or prints {@link TRAINING_HINT} and returns `undefined` when the
 * training packages are not installed. Other import failures propagate.
 *
 * @param name - the command, for the message
 * @param io - where the hint goes
 * @param load - imports the module
 */
export async function loadTraining<T>(name: string, io: CliIO, load: () => Promise<T>): Promise<T | undefined> {
  try {
    return await load();
  } catch (err) {
    if (!isMissingTrainingPackage(err)) throw err;
    io.err(`scl-wear ${name}: ${TRAINING_HINT}`);
    return undefined;
  }
}

/** A command that needs the training packages; see {@link trainingCommand}. */
export interface TrainingCommand<T> {
  /** Name typed on the command line; also the name in the missing-packages hint. */
  readonly name: string;
  /** Full usage text shown by `scl-wear NAME --help`. */
  readonly usage: string;
  /** Imports the training module the command runs. */
  load(): Promise<T>;
  /**
   * Runs the command once the module is loaded.
   *
   * @param argv - arguments after the command name
   * @param io - where to write output
   * @param training - the loaded module
   * @returns the process exit code
   */
  run(argv: string[], io: CliIO, training: T): Promise<number>;
}

/**
 * A {@link Command} that first imports its training module (see {@link loadTraining}): when the
 * training packages are not installed it prints {@link TRAINING_HINT} and exits with code 1.
 */
export function trainingCommand<T>(command: TrainingCommand<T>): Command {
  return {
    name: command.name,
    usage: command.usage,
    async run(argv, io) {
      const training = await loadTraining(command.name, io, () => command.load());
      return training === undefined ? 1 : command.run(argv, io, training);
    },
  };
}
