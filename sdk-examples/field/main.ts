// Field recorder: record labelled sessions with no network, watch storage, export or delete
// sessions, and personalise the activity classifier on them. Data stays in this browser's
// IndexedDB until the user exports it.
import { openWearDb, recoverSessions, requestPersistence, SdkError, watchStorage, type RecordingProgress } from 'scl-wear';
import { ACTIVITIES } from 'scl-wear/advanced';
import { openSource, SOURCES, type SourceName } from '../shared/sources.js';
import { ExportSyncPanel } from './export-sync.js';
import { FineTunePanel } from './finetune-panel.js';
import { LivePlot } from './live-plot.js';
import { Recorder } from './recorder.js';
import { SessionsView } from './sessions-view.js';

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the element type it expects
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const say = (line: string) => ($('rec-status').textContent = line);
const errorText = (err: unknown) =>
  err instanceof SdkError ? `${err.code}: ${err.message}` : String((err as { message?: unknown }).message ?? err);

const db = await openWearDb();
const sessions = new SessionsView(db, say);
const live = new LivePlot($('rec-status'));
const recorder = new Recorder(
  db,
  showProgress,
  (err) => {
    say(`recording stopped: ${errorText(err)}; everything written before is kept`);
    $<HTMLButtonElement>('start').disabled = false;
    $<HTMLButtonElement>('stop').disabled = true;
    live.stop();
    drawLabels();
    void sessions.refresh();
  },
  (b) => live.push(b),
);
const tune = new FineTunePanel(
  db,
  () => sessions.ticked(),
  (line, result) => {
    $('tune-status').textContent = line;
    if (result?.holdoutAccuracy !== undefined) $('tune-status').dataset.accuracy = String(result.holdoutAccuracy);
  },
);

// A session left open by a crash or a closed tab is kept and marked interrupted.
const interrupted = await recoverSessions(db);
if (interrupted.length) say(`${interrupted.length} session(s) were interrupted last time; everything saved before is kept.`);
await sessions.refresh();
new ExportSyncPanel(db);

// Offline: the service worker keeps the page, the model and the .wasm files in a cache.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('sw.js').then(
    async () => {
      await navigator.serviceWorker.ready;
      $('offline').textContent = 'works offline';
      $('offline').dataset.ready = 'true';
    },
    (err: unknown) => ($('offline').textContent = `no offline support: ${(err as Error).message}`),
  );
} else $('offline').textContent = 'no offline support in this browser';

watchStorage(5000).subscribe((h) => {
  const used = h.usage !== undefined ? `${(h.usage / 1e6).toFixed(1)} MB used` : 'usage unknown';
  const of = h.quota !== undefined ? ` of ${(h.quota / 1e9).toFixed(1)} GB` : '';
  $('storage').textContent =
    `storage: ${used}${of}${h.persisted ? ', persistent' : ''}${h.low ? ' (LOW: export and delete old sessions)' : ''}`;
  $('storage-fill').style.width = `${Math.min(100, (h.fraction ?? 0) * 100).toFixed(1)}%`;
});

const select = $<HTMLSelectElement>('source');
for (const s of SOURCES.filter((s) => s.name !== 'demo')) select.add(new Option(s.title, s.name));

function showProgress(p: RecordingProgress) {
  const label = recorder.current ? ` · labelling "${recorder.current.label}"` : ' · press an activity to label it';
  say(`recording: ${p.samples.toLocaleString()} samples saved (${(p.bytes / 1e3).toFixed(0)} kB)${label}`);
  $('rec-status').dataset.samples = String(p.samples);
  void sessions.update(p);
}

/** With the simulator, says what the simulated person does, so it can be labelled. */
let truthTimer: ReturnType<typeof setInterval> | undefined;
function showTruth(truth?: (time: number) => string | undefined) {
  clearInterval(truthTimer);
  const el = $('sim-truth');
  el.textContent = '';
  delete el.dataset.activity;
  if (!truth) return;
  truthTimer = setInterval(() => {
    const now = truth(recorder.now);
    if (!recorder.recording || !now) return;
    el.dataset.activity = now;
    el.textContent = `The simulated person is ${now}: press the matching label.`;
  }, 200);
}

const classes = [...ACTIVITIES, ...(JSON.parse(localStorage.getItem('custom-classes') ?? '[]') as string[])];
function drawLabels() {
  const buttons = classes.map((name) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = name;
    b.disabled = !recorder.recording;
    b.setAttribute('aria-pressed', String(recorder.current?.label === name));
    b.onclick = () => recorder.label(name).then(drawLabels, (err: unknown) => say(errorText(err)));
    return b;
  });
  $('labels').replaceChildren(...buttons);
  $('current-label').textContent = recorder.current ? `since ${recorder.current.start.toFixed(1)} s: ${recorder.current.label}` : '';
}
drawLabels();

$('custom-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const name = $<HTMLInputElement>('custom').value.trim();
  if (!name || classes.includes(name)) return;
  classes.push(name);
  localStorage.setItem('custom-classes', JSON.stringify(classes.filter((c) => !(ACTIVITIES as readonly string[]).includes(c))));
  $<HTMLInputElement>('custom').value = '';
  drawLabels();
});

$('record-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $<HTMLButtonElement>('start').disabled = true;
  try {
    void requestPersistence();
    // `?speed=4` replays the simulator faster (for demonstrations); live sensors ignore it.
    const speed = Number(new URLSearchParams(location.search).get('speed') ?? 1);
    const source = await openSource(select.value as SourceName, { dataUrl: new URL('../data/', location.href), speed });
    live.start();
    await recorder.start(source, $<HTMLInputElement>('subject').value.trim());
    showTruth(source.truth);
    $<HTMLButtonElement>('stop').disabled = false;
    say('recording: waiting for the first samples…');
    drawLabels();
    await sessions.refresh();
  } catch (err) {
    say(errorText(err));
    $<HTMLButtonElement>('start').disabled = false;
  }
});

$('stop').addEventListener('click', async () => {
  $<HTMLButtonElement>('stop').disabled = true;
  showTruth();
  live.stop();
  try {
    const p = await recorder.stop();
    say(p ? `saved: ${p.samples.toLocaleString()} samples in ${p.chunks} chunks` : 'stopped');
  } catch (err) {
    say(`recording ended with ${errorText(err)}; everything written before is kept`);
  }
  $<HTMLButtonElement>('start').disabled = false;
  drawLabels();
  await sessions.refresh();
});

$('tune').addEventListener('click', () => void tune.run());
$('untune').addEventListener('click', () => void tune.reset());
