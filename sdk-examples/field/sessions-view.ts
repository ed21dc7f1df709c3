// The sessions table: what is stored, and export (.sclw, CSV per stream) / delete per session.
import { deleteSession, exportSession, exportSessionCsv, listLabels, listSessions, type SessionRecord, type WearDb } from 'scl-wear';

const $ = (id: string) => document.getElementById(id)!;

function duration(s: SessionRecord): number {
  const spans = Object.values(s.streams).map((st) => st.tEnd - st.t0);
  return spans.length ? Math.max(...spans) : 0;
}

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

export class SessionsView {
  constructor(private readonly db: WearDb, private readonly say: (line: string) => void) {}

  /** Ids of the sessions ticked for fine-tuning. */
  ticked(): string[] {
    return [...document.querySelectorAll<HTMLInputElement>('#sessions input[type=checkbox]:checked')].map((c) => c.value);
  }

  /** Re-reads the sessions and redraws the table. */
  async refresh(): Promise<void> {
    const sessions = (await listSessions(this.db)).sort((a, b) => b.createdAt - a.createdAt);
    const rows = await Promise.all(sessions.map((s) => this.row(s)));
    $('sessions').replaceChildren(...rows);
    $('sessions-empty').hidden = sessions.length > 0;
  }

  private async row(s: SessionRecord): Promise<HTMLTableRowElement> {
    const labels = await listLabels(this.db, s.id);
    const tr = document.createElement('tr');
    tr.dataset.session = s.id;
    tr.dataset.status = s.status;
    const tick = document.createElement('input');
    tick.type = 'checkbox';
    tick.value = s.id;
    tick.checked = labels.length > 0 && s.status !== 'recording';
    const cells = [
      new Date(s.startedAt ?? s.createdAt).toLocaleString(),
      s.subject ?? '',
      s.status + (s.reason ? ` (${s.reason})` : ''),
      `${duration(s).toFixed(0)} s`,
      size(s.bytes),
      String(labels.length),
    ];
    const fail = (err: Error) => this.say(`${(err as { code?: string }).code ?? 'error'}: ${err.message}`);
    const actions = document.createElement('td');
    const stamp = new Date(s.createdAt).toISOString().slice(0, 19).replace(/:/g, '-');
    actions.append(button('Export', () => download(exportSession(this.db, s.id), `session-${stamp}.sclw`, 'application/octet-stream'), fail));
    for (const stream of Object.keys(s.streams)) {
      actions.append(button(`CSV ${stream}`, () => download(exportSessionCsv(this.db, s.id, { stream }), `session-${stamp}-${stream}.csv`, 'text/csv'), fail));
    }
    actions.append(
      button('Delete', async () => {
        if (!confirm('Delete this session and its labels? This cannot be undone.')) return;
        await deleteSession(this.db, s.id);
        await this.refresh();
      }, fail),
    );
    const first = document.createElement('td');
    first.append(tick);
    tr.append(first, ...cells.map((c) => Object.assign(document.createElement('td'), { textContent: c })), actions);
    return tr;
  }
}
