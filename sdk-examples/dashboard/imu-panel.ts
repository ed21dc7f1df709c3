// Motion panel: the accelerometer (g) and gyroscope (rad/s) axes, and the activity the encoder
// reads from them.
import type { Observable, Subscription } from 'rxjs';
import type { SampleBatch } from 'scl-wear';
import { StripChart } from '../shared/strip-chart.js';

const $ = (id: string) => document.getElementById(id)!;

const AXES = ['x', 'y', 'z'];
const COLORS = ['#dc2626', '#16a34a', '#2563eb'];
const axes = (prefix: string) => AXES.map((a, k) => ({ name: `${prefix}${a}`, color: COLORS[k]!, label: a }));

export class ImuPanel {
  readonly chart = new StripChart($('imu-chart') as HTMLCanvasElement, {
    seconds: 10,
    maxRate: 200,
    unit: 'g',
    channels: axes('a'),
    minRange: 0.2,
  });
  readonly gyro = new StripChart($('gyro-chart') as HTMLCanvasElement, {
    seconds: 10,
    maxRate: 200,
    unit: 'rad/s',
    channels: axes('g'),
    minRange: 0.5,
  });
  /** Windows classified since the source started. */
  windows = 0;
  /** The activity shown, with the true one when known. */
  activity = '';

  /** Plots the accelerometer and, for `imu` streams, the gyroscope. */
  connect(imu$: Observable<SampleBatch>): Subscription {
    this.chart.clear();
    this.gyro.clear();
    this.gyro.idleText = 'waiting for data';
    this.windows = 0;
    this.activity = '';
    $('activity').textContent = '–';
    $('probs').replaceChildren();
    return imu$.subscribe({
      next: (b) => {
        this.chart.push(b);
        if (b.kind === 'acc') this.gyro.idleText = 'no gyroscope on this source';
        else this.gyro.push(b);
      },
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
    this.activity = truth ? `${label} (true: ${truth})` : label;
    const rows = classes.flatMap((name, i) => {
      const p = probs[i] ?? 0;
      const bar = document.createElement('div');
      bar.className = 'bar';
      bar.style.width = `${(p * 100).toFixed(1)}%`;
      return [text(name), wrap(bar), text(`${(p * 100).toFixed(0)} %`)];
    });
    $('probs').replaceChildren(...rows);
  }

  /** What the panel shows, in words (for the page's live summary). */
  summary(): string {
    if (!this.chart.samples) return '';
    return this.activity ? `activity: ${this.activity}` : 'activity: waiting for the first window';
  }

  /** Refreshes the charts' text alternatives. */
  describe(): void {
    $('imu-desc').textContent = `Acceleration in g: ${this.chart.describe()}`;
    $('gyro-desc').textContent = `Rotation rate in rad/s: ${this.gyro.describe()}`;
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
