// The sessions table: what is stored, and export (.sclw, CSV per stream) / delete per session.
// The row of the session being recorded is updated in place after every write (samples,
// length, size, labels), so the table shows the recording grow.
import {
  deleteSession,
  exportSession,
  exportSessionCsv,
  getSession,
  listLabels,
  listSessions,
  type RecordingProgress,
  type SessionRecord,
  type WearDb,
} from 'scl-wear';

const $ = (id: string) => document.getElementById(id)!;

function duration(s: SessionRecord): number {
  const spans = Object.values(s.streams).map((st) => st.tEnd - st.t0);
  return spans.length ? Math.max(...spans) : 0;
}

/** Samples per channel of each stream, e.g. "ecg 7,800 · imu 3,000". */
const samples = (s: SessionRecord) =>
  Object.entries(s.streams)
    .map(([name, st]) => `${name} ${st.frames.toLocaleString('en')}`)
    .join(' · ') || '0';

const size = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`);

/** Saves a byte stream as a file through a temporary link. */
async function download(stream: ReadableStream<Uint8Array>, name: string, type: string): Promise<void> {
  const blob = new Blob([await new Response(stream).arrayBuffer()], { type });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

function button(text: string, action: () => Promise<void>, onError: (err: Error) => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.onclick = () => action().catch(onError);
  return b;
}

/** The table's text columns, as headed in the page (the labels show on phones, where rows become cards). */
const COLUMNS = ['Started', 'Subject', 'Status', 'Length', 'Size', 'Samples', 'Labels'] as const;

/** Writes a session's figures into its row's cells. */
function fill(tr: HTMLTableRowElement, s: SessionRecord, labels: number): void {
  tr.dataset.status = s.status;
  const values = [
    new Date(s.startedAt ?? s.createdAt).toLocaleString(),
    s.subject ?? '',
    s.status + (s.reason ? ` (${s.reason})` : ''),
    `${duration(s).toFixed(0)} s`,
    size(s.bytes),
    samples(s),
    String(labels),
  ];
  values.forEach((v, i) => {
    const td = tr.querySelector<HTMLElement>(`td[data-col="${COLUMNS[i]}"]`)!;
    if (td.textContent !== v) td.textContent = v;
  });
}

export class SessionsView {
  /** The newest progress not shown yet, and whether a row update is running. */
  private pending: RecordingProgress | undefined;
  private updating = false;
  /** Counts redraws of the whole table, so that a row update read before one is dropped. */
  private generation = 0;

  constructor(
    private readonly db: WearDb,
    private readonly say: (line: string) => void,
  ) {}

  /**
   * Shows a recording's progress in its row (re-read from the database, so it shows what is
   * stored). Updates never overlap: while one runs, only the newest progress waits.
   */
  async update(progress: RecordingProgress): Promise<void> {
    this.pending = progress;
    if (this.updating) return;
    this.updating = true;
    try {
      while (this.pending) {
        const { session } = this.pending;
        this.pending = undefined;
        const tr = document.querySelector<HTMLTableRowElement>(`#sessions tr[data-session="${session}"]`);
        if (!tr) {
          await this.refresh();
          continue;
        }
        const generation = this.generation;
        const [s, labels] = await Promise.all([getSession(this.db, session), listLabels(this.db, session)]);
        if (generation === this.generation) fill(tr, s, labels.length);
      }
    } finally {
      this.updating = false;
    }
  }

  /** Ids of the sessions ticked for fine-tuning. */
  ticked(): string[] {
    return [...document.querySelectorAll<HTMLInputElement>('#sessions input[type=checkbox]:checked')].map((c) => c.value);
  }

  /** Re-reads the sessions and redraws the table. */
  async refresh(): Promise<void> {
    this.generation++;
    const sessions = (await listSessions(this.db)).sort((a, b) => b.createdAt - a.createdAt);
    const rows = await Promise.all(sessions.map((s) => this.row(s)));
    $('sessions').replaceChildren(...rows);
    $('sessions-empty').hidden = sessions.length > 0;
  }

  private async row(s: SessionRecord): Promise<HTMLTableRowElement> {
    const labels = await listLabels(this.db, s.id);
    const tr = document.createElement('tr');
    tr.dataset.session = s.id;
    const tick = document.createElement('input');
    tick.type = 'checkbox';
    tick.value = s.id;
    tick.checked = labels.length > 0 && s.status !== 'recording';
    tick.setAttribute('aria-label', 'use this session for fine-tuning');
    const fail = (err: Error) => this.say(`${(err as { code?: string }).code ?? 'error'}: ${err.message}`);
    const actions = document.createElement('td');
    const stamp = new Date(s.createdAt).toISOString().slice(0, 19).replace(/:/g, '-');
    actions.append(
      button('Export', () => download(exportSession(this.db, s.id), `session-${stamp}.sclw`, 'application/octet-stream'), fail),
    );
    for (const stream of Object.keys(s.streams)) {
      actions.append(
        button(
          `CSV ${stream}`,
          () => download(exportSessionCsv(this.db, s.id, { stream }), `session-${stamp}-${stream}.csv`, 'text/csv'),
          fail,
        ),
      );
    }
    actions.append(
      button(
        'Delete',
        async () => {
          if (!confirm('Delete this session and its labels? This cannot be undone.')) return;
          await deleteSession(this.db, s.id);
          await this.refresh();
        },
        fail,
      ),
    );
    const first = document.createElement('td');
    first.className = 'tick';
    first.append(tick);
    const cells = COLUMNS.map((col) => {
      const td = document.createElement('td');
      td.dataset.col = col;
      return td;
    });
    actions.className = 'actions';
    tr.append(first, ...cells, actions);
    fill(tr, s, labels.length);
    return tr;
  }
}
