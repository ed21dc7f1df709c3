// Ground truth of a labelled recording, by time (recordings keep labels as frame ranges).
import type { Recording } from 'scl-wear';

/**
 * The label in force at a time (seconds on the recording's clock), for recordings with or
 * without per-frame timestamps; `undefined` where the recording is unlabelled.
 */
export function truthOf(rec: Recording): (time: number) => string | undefined {
  const timeOf = (i: number) => rec.timestamps?.[i] ?? rec.t0 + i / rec.rate;
  const spans = (rec.labels ?? []).map((s) => ({ label: s.label, start: timeOf(s.start), end: timeOf(s.end - 1) + 1 / rec.rate }));
  return (t) => spans.find((s) => t >= s.start && t < s.end)?.label;
}
