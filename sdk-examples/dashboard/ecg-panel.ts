// ECG panel: the band-passed signal with its R peaks, heart rate, HRV and signal quality.
import { merge, share, type Observable, type Subscription } from 'rxjs';
import { heartRate, hrv, iirFilter, rpeaks, rrIntervals, signalQuality, validate, type SampleBatch } from 'scl-wear';
import { StripChart } from '../shared/strip-chart.js';

const $ = (id: string) => document.getElementById(id)!;
const fmt = (v: number, digits = 0) => (Number.isFinite(v) ? v.toFixed(digits) : '–');

export class EcgPanel {
  readonly chart = new StripChart($('ecg-chart') as HTMLCanvasElement, {
    seconds: 6,
    maxRate: 1000,
    unit: 'mV',
    channels: [{ name: 'ecg', color: '#1d4ed8', label: 'ECG, 0.5–40 Hz' }],
    minRange: 0.5,
  });
  /** Beats seen since the source started. */
  beats = 0;
  /** Smoothed heart rate, bpm (NaN before the first beats). */
  bpm = NaN;
  /** Whether the last signal-quality window was usable. */
  usable = true;

  /** Wires the panel to an ECG stream; unsubscribe the result to stop. */
  connect(ecg$: Observable<SampleBatch>): Subscription {
    this.chart.clear();
    this.beats = 0;
    this.bpm = NaN;
    this.usable = true;
    // Lead-off (NaN) is held at the last value and late or repeated batches dropped, so a
    // flaky strap never stops the page; gaps are marked and every stage restarts after them.
    const clean$ = ecg$.pipe(validate({ nonFinite: 'hold', order: 'drop' }), share());
    const peaks$ = clean$.pipe(rpeaks(), share());
    const rr$ = peaks$.pipe(rrIntervals(), share());
    return merge(
      clean$.pipe(iirFilter({ type: 'bandpass', low: 0.5, high: 40 })),
      peaks$,
      rr$.pipe(heartRate()),
      rr$.pipe(hrv({ window: 120, step: 10, minSpan: 30 })),
      clean$.pipe(signalQuality({ windowSeconds: 5 })),
    ).subscribe({
      next: (v) => {
        if ('data' in v) this.chart.push(v);
        else if ('afterBreak' in v) {
          this.chart.mark(v.time);
          this.beats++;
          $('beats').textContent = String(this.beats);
        } else if ('smoothedBpm' in v) {
          this.bpm = v.smoothedBpm;
          $('hr').textContent = fmt(v.smoothedBpm);
          $('hr-kind').textContent = v.kind === 'normal' ? '' : `last beat: ${v.kind}`;
        } else if ('rmssd' in v) {
          $('hrv').textContent =
            `SDNN ${fmt(v.sdnn)} ms · RMSSD ${fmt(v.rmssd)} ms · pNN50 ${fmt(v.pnn50, 1)} %` +
            (Number.isFinite(v.lfHf) ? ` · LF/HF ${fmt(v.lfHf, 2)}` : '');
        } else if ('usable' in v) {
          const q = $('quality');
          q.textContent = `${fmt(v.quality * 100)} %` + (v.usable ? '' : ` (${v.flags.join(', ')})`);
          q.dataset.usable = String(v.usable);
          this.usable = v.usable;
          // Heart rate from a bad window is hidden rather than shown wrong.
          $('hr').classList.toggle('stale', !v.usable);
        }
      },
      error: (err: Error) => ($('ecg-status').textContent = `ECG stopped: ${err.message}`),
    });
  }

  /** What the panel shows, in words (for the page's live summary). */
  summary(): string {
    if (!this.chart.samples) return '';
    if (!Number.isFinite(this.bpm)) return 'heart rate: waiting for beats';
    return this.usable ? `heart rate ${fmt(this.bpm)} bpm` : 'heart rate hidden: the ECG signal is poor';
  }

  /** Refreshes the chart's text alternative. */
  describe(): void {
    $('ecg-desc').textContent = `ECG: ${this.chart.describe()}`;
  }
}
