// The live signal while recording: small strip charts of the last 5 s of ECG (mV) and
// acceleration (g), each shown once its stream delivers, with a text description for screen
// readers. Charts draw once per animation frame while recording, and only when new data came.
import type { SampleBatch } from 'scl-wear';
import { StripChart } from '../shared/strip-chart.js';

const SECONDS = 5;

const TEMPLATE = `
  <figure hidden data-kind="ecg">
    <canvas id="live-ecg" class="live-chart" width="600" height="110" role="img" aria-describedby="live-desc"
      aria-label="Recorded ECG of the last ${SECONDS} seconds in millivolts over time in seconds"></canvas>
  </figure>
  <figure hidden data-kind="acc">
    <canvas id="live-acc" class="live-chart" width="600" height="110" role="img" aria-describedby="live-desc"
      aria-label="Recorded acceleration of the last ${SECONDS} seconds along x, y and z in g over time in seconds"></canvas>
  </figure>
  <p id="live-desc" class="sr-only"></p>`;

export class LivePlot {
  private readonly root: HTMLElement;
  private readonly ecg: StripChart;
  private readonly acc: StripChart;
  private frame = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  /** Creates the (hidden) plot right after `anchor`. */
  constructor(anchor: HTMLElement) {
    this.root = document.createElement('div');
    this.root.id = 'live-plot';
    this.root.className = 'live';
    this.root.hidden = true;
    this.root.innerHTML = TEMPLATE;
    anchor.after(this.root);
    const canvas = (id: string) => this.root.querySelector<HTMLCanvasElement>(`#${id}`)!;
    this.ecg = new StripChart(canvas('live-ecg'), {
      seconds: SECONDS,
      maxRate: 1000,
      unit: 'mV',
      channels: [{ name: 'ecg', color: '#1d4ed8', label: 'ECG' }],
      minRange: 0.5,
    });
    this.acc = new StripChart(canvas('live-acc'), {
      seconds: SECONDS,
      maxRate: 200,
      unit: 'g',
      channels: [
        { name: 'ax', color: '#dc2626', label: 'x' },
        { name: 'ay', color: '#16a34a', label: 'y' },
        { name: 'az', color: '#2563eb', label: 'z' },
      ],
      minRange: 0.2,
    });
  }

  /** Shows an empty plot and starts drawing (a new recording). */
  start(): void {
    this.stop();
    this.ecg.clear();
    this.acc.clear();
    for (const f of this.root.querySelectorAll('figure')) f.hidden = true;
    this.root.hidden = false;
    const draw = () => {
      this.ecg.draw();
      this.acc.draw();
      this.frame = requestAnimationFrame(draw);
    };
    this.frame = requestAnimationFrame(draw);
    this.timer = setInterval(() => this.describe(), 1000);
  }

  /** Plots a recorded batch (ECG, or the accelerometer of a motion stream). */
  push(b: SampleBatch): void {
    const kind = b.kind === 'ecg' ? 'ecg' : b.kind === 'imu' || b.kind === 'acc' ? 'acc' : undefined;
    if (!kind) return;
    (kind === 'ecg' ? this.ecg : this.acc).push(b);
    const figure = this.root.querySelector<HTMLElement>(`figure[data-kind="${kind}"]`)!;
    if (figure.hidden) figure.hidden = false;
  }

  /** Stops drawing; the last picture stays until the next recording. */
  stop(): void {
    cancelAnimationFrame(this.frame);
    clearInterval(this.timer);
    if (!this.root.hidden) this.describe();
  }

  private describe(): void {
    const parts = [];
    if (this.ecg.samples) parts.push(`ECG: ${this.ecg.describe()}`);
    if (this.acc.samples) parts.push(`Acceleration in g: ${this.acc.describe()}`);
    this.root.querySelector('#live-desc')!.textContent = parts.join(' ') || 'Waiting for the first samples.';
  }
}
