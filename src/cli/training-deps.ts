import { isMissingPackage } from '../model/ort-node.js';
import type { CliIO } from './command.js';

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
