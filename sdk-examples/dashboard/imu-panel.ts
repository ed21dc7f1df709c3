// Motion panel: the accelerometer axes, and the activity the encoder reads from them.
import type { Observable, Subscription } from 'rxjs';
import type { SampleBatch } from 'scl-wear';
import { StripChart } from '../shared/strip-chart.js';

const $ = (id: string) => document.getElementById(id)!;

export class ImuPanel {
  readonly chart = new StripChart($('imu-chart') as HTMLCanvasElement, {
    seconds: 10,
    maxRate: 200,
    channels: [
      { index: 0, color: '#dc2626', label: 'ax' },
      { index: 1, color: '#16a34a', label: 'ay' },
      { index: 2, color: '#2563eb', label: 'az' },
    ],
    minRange: 2,
  });
  /** Windows classified since the source started. */
  windows = 0;

  /** Plots the accelerometer of an `imu` or `acc` stream. */
  connect(imu$: Observable<SampleBatch>): Subscription {
    this.chart.clear();
    this.windows = 0;
    $('activity').textContent = '–';
    $('probs').replaceChildren();
    return imu$.subscribe({
      next: (b) => this.chart.push(b),
      error: (err: Error) => ($('imu-status').textContent = `motion stopped: ${err.message}`),
    });
  }

  /** Shows one classified window: its label, the true label when known, and every probability. */
  showActivity(label: string, probs: ArrayLike<number>, classes: readonly string[], truth?: string): void {
    this.windows++;
    const el = $('activity');
    el.textContent = label;
    el.dataset.windows = String(this.windows);
    $('truth').textContent = truth ? `true: ${truth}` : '';
    const rows = classes.flatMap((name, i) => {
      const p = probs[i] ?? 0;
      const bar = document.createElement('div');
      bar.className = 'bar';
      bar.style.width = `${(p * 100).toFixed(1)}%`;
      return [text(name), wrap(bar), text(`${(p * 100).toFixed(0)} %`)];
    });
    $('probs').replaceChildren(...rows);
  }
}

function text(s: string): HTMLElement {
  const el = document.createElement('span');
  el.textContent = s;
  return el;
}

function wrap(child: HTMLElement): HTMLElement {
  const el = document.createElement('div');
  el.append(child);
  return el;
}
