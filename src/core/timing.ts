/**
 * The one timing model of the SDK, shared by `validate`, the motion batcher and the CSV rate
 * estimate.
 *
 * - A **gap** is a hole between consecutive samples longer than {@link GAP_PERIODS} (k)
 *   periods of the measured rate. Jitter of up to 50 % of the period gives holes of at most
 *   2 periods; samples arriving in pairs (about 1 ms, then nearly 2 periods) at most 2 periods
 *   too; so k = 2.5 marks neither, and marks any hole of 2.5 periods or more (at least one
 *   sample missing beyond jitter).
 * - The **measured rate** of timestamps is the number of intervals that are not gaps over
 *   their total duration; gaps are found against a typical period taken from spans of
 *   {@link SPAN} intervals, so jitter and pairs average out before the median is taken.
 * - **Small disorder** (a sample earlier than its predecessor by at most k periods) is
 *   reordered within its batch, or, across batches, dropped and counted; larger disorder is
 *   real disorder (`E_NON_MONOTONIC`).
 */
export const GAP_PERIODS = 2.5;

/** Intervals per span in {@link typicalPeriod}. */
export const SPAN = 8;

/**
 * Typical sample period of increasing timestamps, in s: the median over `i` of
 * `(t[i + m] - t[i]) / m` with m = {@link SPAN} (or fewer intervals when there are few), so
 * jitter and pairs average out and gaps, in a minority of spans, are ignored.
 *
 * @param times - timestamps in s, at least two
 */
export function typicalPeriod(times: ArrayLike<number>): number {
  const n = times.length;
  const m = Math.max(1, Math.min(SPAN, (n - 1) >> 2 || 1));
  const count = n - m;
  const spans = new Float64Array(count);
  for (let i = 0; i < count; i++) spans[i] = ((times[i + m] as number) - (times[i] as number)) / m;
  spans.sort();
  return spans[(count - 1) >> 1] as number;
}

/**
 * Measured rate of increasing timestamps, in Hz: the intervals that do not end a gap (by a
 * {@link SampleSchedule} at the {@link typicalPeriod}) counted over their total duration.
 *
 * @param times - timestamps in s, at least two
 * @param k - gap threshold in periods (default {@link GAP_PERIODS})
 */
export function measuredRate(times: ArrayLike<number>, k = GAP_PERIODS): number {
  const schedule = new SampleSchedule(typicalPeriod(times), k);
  schedule.next(times[0] as number);
  let sum = 0;
  let count = 0;
  for (let i = 1; i < times.length; i++) {
    if (schedule.next(times[i] as number) > 0) continue;
    sum += (times[i] as number) - (times[i - 1] as number);
    count++;
  }
  return count / sum;
}

/**
 * Samples may run ahead of their schedule by at most this many periods (a burst delivered
 * early, or a measured rate slightly below the real one); earlier samples do not earn more
 * credit against a later hole.
 */
export const EARLY_PERIODS = 10;

/**
 * The schedule of a stream's samples under the timing model: each sample is due one period
 * after the previous sample's slot; a sample arriving later than due by more than k − 1
 * periods (a hole of more than k periods after an on-time sample) ends a gap of the seconds it
 * is late; an early sample keeps its slot (bursts and pairs pay back), by at most
 * {@link EARLY_PERIODS}. Allocation-free, one call per sample.
 */
export class SampleSchedule {
  private due = Number.NaN;
  private readonly late: number;
  private readonly early: number;

  /**
   * @param period - the stream's period (1 / measured rate), in s
   * @param k - gap threshold in periods (default {@link GAP_PERIODS}; `Infinity`: never a gap)
   */
  constructor(
    private readonly period: number,
    k = GAP_PERIODS,
  ) {
    this.late = (k - 1) * period;
    this.early = EARLY_PERIODS * period;
  }

  /**
   * Takes the next sample.
   *
   * @param t - its time in s (after the previous sample's)
   * @returns seconds missing before it (0 when it is not after a gap)
   */
  next(t: number): number {
    const due = this.due;
    let slot = t;
    let gap = 0;
    if (due === due) {
      if (t - due > this.late) gap = t - due;
      else slot = Math.min(Math.max(due, t), t + this.early);
    }
    this.due = slot + this.period;
    return gap;
  }

  /** Takes `n` more samples exactly one period apart after the last one (a clock-timed batch). */
  skip(n: number): void {
    this.due += n * this.period;
  }
}
