// The live dashboard: pick a source, watch ECG and motion turn into beats, heart rate, HRV,
// signal quality, activities and embeddings, all computed on this device.
import { Subscription } from 'rxjs';
import { SdkError } from 'scl-wear';
import { openSource, SOURCES, type SourceName } from '../shared/sources.js';
import { EcgPanel } from './ecg-panel.js';
import { ImuPanel } from './imu-panel.js';
import { ModelPanel } from './model-panel.js';

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the element type it expects
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const ecg = new EcgPanel();
const imu = new ImuPanel();
const models = new ModelPanel(imu, (line) => ($('status').textContent = line));
let running = new Subscription();

const params = new URLSearchParams(location.search);
const select = $<HTMLSelectElement>('source');
for (const s of SOURCES) select.add(new Option(s.title, s.name));
const preset = params.get('source');
if (preset) select.value = preset;
// Real time (1×) unless the page asks for one of the faster replays (`?speed=4`).
const speedSelect = $<HTMLSelectElement>('speed');
if ([...speedSelect.options].some((o) => o.value === params.get('speed'))) speedSelect.value = params.get('speed')!;
/** What runs now, for the live summary. */
let current = '';

function say(line: string) {
  $('status').textContent = line;
}

async function start(name: SourceName) {
  stop();
  $<HTMLButtonElement>('start').disabled = true;
  try {
    say(`opening ${name}…`);
    const speed = Number(speedSelect.value);
    const source = await openSource(name, { dataUrl: new URL('../data/', location.href), speed });
    const sub = new Subscription();
    if (source.ecg$) sub.add(ecg.connect(source.ecg$));
    if (source.imu$) sub.add(imu.connect(source.imu$));
    sub.add(await models.connect(source));
    sub.add(source.start());
    running = sub;
    current = `${SOURCES.find((s) => s.name === name)!.title} at ${speed}×`;
    $<HTMLButtonElement>('stop').disabled = false;
    say(`${SOURCES.find((s) => s.name === name)!.title}: running. ${models.summary}`);
    if (source.startsStill) calibrate();
  } catch (err) {
    // Typed SDK errors carry a code the page can act on (permission refused, no Bluetooth...).
    say(err instanceof SdkError ? `${err.code}: ${err.message}` : `failed: ${(err as Error).message}`);
  } finally {
    $<HTMLButtonElement>('start').disabled = false;
  }
}

function stop() {
  running.unsubscribe();
  current = '';
  $<HTMLButtonElement>('stop').disabled = true;
}

$('controls').addEventListener('submit', (e) => {
  e.preventDefault();
  void start(select.value as SourceName);
});
$('stop').addEventListener('click', () => {
  stop();
  say('stopped');
});

/** Measures the device's tilt while the wearer stands still; the motion model then uses it. */
function calibrate() {
  say('calibrating: stand still…');
  models.calibrate().then(
    (tilt) => say(`calibrated: the device is tilted ${tilt.toFixed(0)}° from the model's frame; activities now use that`),
    (err: unknown) => say(err instanceof SdkError ? `${err.code}: ${err.message}` : (err as Error).message),
  );
}
$('calibrate').addEventListener('click', calibrate);

function frame() {
  ecg.chart.draw();
  imu.chart.draw();
  imu.gyro.draw();
  models.draw();
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);

/**
 * Text alternatives: every second the charts' descriptions and the visible summary line (heart
 * rate, activity, seconds of signal) are refreshed. Screen readers hear the summary through a
 * polite live region when the activity changes, and at most every 30 s otherwise.
 */
let announced = { at: -Infinity, activity: '' };
function describe() {
  ecg.describe();
  imu.describe();
  const seconds = Math.max(ecg.chart.elapsed, imu.chart.elapsed);
  const parts = [ecg.summary(), imu.summary()].filter(Boolean);
  const line = current ? `${current}: ${parts.length ? parts.join(' · ') : 'waiting for data'}` : 'Not running.';
  $('summary').textContent = current ? `${line} · ${seconds.toFixed(0)} s of signal` : line;
  const now = performance.now();
  if (imu.activity !== announced.activity || now - announced.at > 30_000) {
    $('announce').textContent = line;
    announced = { at: now, activity: imu.activity };
  }
}
setInterval(describe, 1000);
if (params.has('autostart')) void start(select.value as SourceName);
