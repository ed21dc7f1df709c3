/**
 * The LUDB subject split of the ECG encoder, fixed before any training result: odd-numbered
 * records (subjects 1, 3, …, 199) may be trained on, even-numbered ones (2, 4, …, 200) are held
 * out for evaluation. LUDB has one 10 s record per subject, numbered in the order of the
 * database (not by diagnosis), so parity splits subjects, rhythms and the ten paced records
 * roughly evenly (4 paced of the odd, 6 of the even).
 *
 * @param subject - LUDB record number, 1 … 200
 * @returns true for a training subject
 * @internal
 * @example
 * ```ts
 * isLudbTrainingSubject(63); // true
 * isLudbTrainingSubject(64); // false: held out
 * ```
 */
export function isLudbTrainingSubject(subject: number): boolean {
  return Math.abs(subject) % 2 === 1;
}

/**
 * Probe group of a held-out LUDB subject: `subject / 2`, so a probe fitted on even groups
 * (`groupSplit`) is fitted on subjects 4, 8, …, 200 and scored on 2, 6, …, 198, all of them
 * subjects no encoder trained on.
 *
 * @param subject - an even LUDB record number
 * @internal
 * @example
 * ```ts
 * ludbProbeGroup(64); // 32: fitted on
 * ludbProbeGroup(66); // 33: scored
 * ```
 */
export function ludbProbeGroup(subject: number): number {
  return Math.floor(subject / 2);
}
