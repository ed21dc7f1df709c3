// Export a session's stream as Parquet or EDF+, and send finished sessions to the study's own
// server (tus) when the user asks: nothing leaves the device until an endpoint is entered and
// Sync is pressed. An interrupted upload (lost connection, closed page) resumes on Retry.
import {
  exportSessionEdf,
  exportSessionParquet,
  listSessions,
  SdkError,
  syncSessions,
  type SessionRecord,
  type SyncProgress,
  type WearDb,
} from 'scl-wear';
import { getSyncState } from 'scl-wear/advanced';

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the element type it expects
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const errorText = (err: unknown) =>
  err instanceof SdkError ? `${err.code}: ${err.message}` : String((err as { message?: unknown }).message ?? err);
const ENDPOINT_KEY = 'sync-endpoint';

/** Saves a byte stream as a file through a temporary link. */
async function save(stream: ReadableStream<Uint8Array>, name: string): Promise<void> {
  const blob = await new Response(stream).blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

export class ExportSyncPanel {
  private sessions: SessionRecord[] = [];
  private syncing = false;

  constructor(private readonly db: WearDb) {
    $<HTMLInputElement>('sync-endpoint').value = localStorage.getItem(ENDPOINT_KEY) ?? '';
    $('out-session').addEventListener('change', () => this.drawStreams());
    $('export-parquet').addEventListener('click', () => void this.export('parquet'));
    $('export-edf').addEventListener('click', () => void this.export('edf'));
    $('sync-form').addEventListener('submit', (e) => {
      e.preventDefault();
      void this.sync();
    });
    $('sync-retry').addEventListener('click', () => void this.sync());
    // The sessions table is redrawn whenever sessions change; follow it.
    new MutationObserver(() => void this.refresh()).observe($('sessions'), { childList: true });
    void this.refresh();
  }

  /** Re-reads the finished sessions into the picker and the sync summary. */
  async refresh(): Promise<void> {
    this.sessions = (await listSessions(this.db)).filter((s) => s.status !== 'recording' && s.status !== 'created').reverse();
    const picker = $<HTMLSelectElement>('out-session');
    const keep = picker.value;
    picker.replaceChildren(
      ...this.sessions.map((s) => new Option(`${new Date(s.startedAt ?? s.createdAt).toLocaleString()} ${s.subject ?? ''}`.trim(), s.id)),
    );
    if (this.sessions.some((s) => s.id === keep)) picker.value = keep;
    this.drawStreams();
    const states = await Promise.all(this.sessions.map((s) => getSyncState(this.db, s.id)));
    const sent = states.filter((s) => s?.state === 'sent').length;
    const partial = states.filter((s) => s?.state === 'uploading').length;
    if (!this.syncing) {
      $('sync-summary').textContent =
        `${sent} of ${this.sessions.length} finished sessions sent${partial ? `; ${partial} upload(s) interrupted: press Retry to resume` : ''}.`;
      $('sync-retry').hidden = partial === 0;
    }
    $('sync-summary').dataset.sent = String(sent);
  }

  private drawStreams(): void {
    const s = this.sessions.find((x) => x.id === $<HTMLSelectElement>('out-session').value);
    $<HTMLSelectElement>('out-stream').replaceChildren(...Object.keys(s?.streams ?? {}).map((n) => new Option(n, n)));
    for (const id of ['export-parquet', 'export-edf']) $<HTMLButtonElement>(id).disabled = !s;
  }

  private async export(format: 'parquet' | 'edf'): Promise<void> {
    const id = $<HTMLSelectElement>('out-session').value;
    const stream = $<HTMLSelectElement>('out-stream').value;
    const s = this.sessions.find((x) => x.id === id);
    if (!s || !stream) return;
    const total = s.streams[stream]?.frames ?? 0;
    const say = (line: string) => ($('out-status').textContent = line);
    const onProgress = (p: { frames: number }) => say(`writing ${format}: ${Math.round((100 * p.frames) / Math.max(1, total))} %`);
    const stamp = new Date(s.createdAt).toISOString().slice(0, 19).replace(/:/g, '-');
    try {
      const bytes =
        format === 'parquet'
          ? exportSessionParquet(this.db, id, { stream, onProgress })
          : exportSessionEdf(this.db, id, { stream, onProgress });
      await save(bytes, `session-${stamp}-${stream}.${format}`);
      say(`exported ${stream} as ${format === 'parquet' ? 'Parquet' : 'EDF+'}`);
    } catch (err) {
      say(errorText(err));
    }
  }

  private async sync(): Promise<void> {
    const endpoint = $<HTMLInputElement>('sync-endpoint').value.trim();
    const status = $('sync-status');
    const bar = $<HTMLProgressElement>('sync-progress');
    if (!endpoint) {
      status.textContent = 'Enter the study server’s upload address first; nothing is sent without it.';
      return;
    }
    localStorage.setItem(ENDPOINT_KEY, endpoint);
    this.syncing = true;
    $<HTMLButtonElement>('sync').disabled = true;
    $('sync-retry').hidden = true;
    delete status.dataset.done;
    // `?syncChunk=BYTES` sends smaller pieces (for demonstrations on a local server).
    const chunkSize = Number(new URLSearchParams(location.search).get('syncChunk')) || undefined;
    const onProgress = (p: SyncProgress) => {
      bar.value = p.totalBytes ? p.bytes / p.totalBytes : 0;
      status.textContent =
        p.status === 'uploading'
          ? `sending ${(p.bytes / 1e3).toFixed(0)} of ${(p.totalBytes / 1e3).toFixed(0)} kB`
          : `${p.status}: ${p.session.slice(0, 8)}`;
      status.dataset.bytes = String(p.bytes);
    };
    try {
      const r = await syncSessions(this.db, { endpoint, chunkSize, onProgress });
      status.textContent =
        `sent ${r.sent.length}, already sent ${r.alreadySent.length}, failed ${r.failed.length}` +
        (r.failed.length ? ` (${errorText(r.failed[0]!.error)})` : '');
      status.dataset.done = r.failed.length ? 'failed' : 'ok';
      $('sync-retry').hidden = r.failed.length === 0;
    } catch (err) {
      status.textContent = errorText(err);
      status.dataset.done = 'failed';
    } finally {
      this.syncing = false;
      $<HTMLButtonElement>('sync').disabled = false;
      await this.refresh();
    }
  }
}
