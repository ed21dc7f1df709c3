import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TrainingError } from '../errors.js';

/**
 * Finds the directory of the real datasets (MIT-BIH in `mitdb/`, UCI HAR in `uci-har/`):
 * the given path, else `$SCL_WEAR_DATA`, else `../shared/data` next to the working directory or
 * next to this package's checkout.
 *
 * @param given - a path from a command-line flag, if any
 * @throws TrainingError `E_DATA` when no directory is found, saying where it looked
 * @example
 * ```ts
 * import { resolveDataDir, readWfdbRecord } from 'scl-wear/node';
 * const dir = resolveDataDir(process.argv[2]); // a --data flag, else $SCL_WEAR_DATA, else ../shared/data
 * const rec = await readWfdbRecord(`${dir}/mitdb/100`);
 * ```
 */
export function resolveDataDir(given?: string): string {
  const candidates = given
    ? [resolve(given)]
    : [
        process.env.SCL_WEAR_DATA,
        resolve(process.cwd(), '..', 'shared', 'data'),
        fileURLToPath(new URL('../../../shared/data', import.meta.url)),
      ].filter((p): p is string => Boolean(p));
  for (const dir of candidates) if (existsSync(dir)) return resolve(dir);
  throw new TrainingError(
    'E_DATA',
    `dataset directory not found (looked in ${candidates.join(', ')}); pass --data DIR or set SCL_WEAR_DATA`,
    {
      details: { candidates },
    },
  );
}

/**
 * Whether the real datasets are available (for scripts that can run on fixtures instead).
 *
 * @param given - a path from a command-line flag, if any
 * @example
 * ```ts
 * import { hasDataDir, resolveDataDir, readUciHar } from 'scl-wear/node';
 * if (hasDataDir()) {
 *   const test = await readUciHar(`${resolveDataDir()}/uci-har`, 'test');
 * } else {
 *   console.log('no datasets: using the committed fixtures');
 * }
 * ```
 */
export function hasDataDir(given?: string): boolean {
  try {
    resolveDataDir(given);
    return true;
  } catch {
    return false;
  }
}
