// Records a source into a session and labels activities while it runs. Labels use the
// signal's clock (the batches' time), so they line up with the samples whatever the source.
import { lastValueFrom, merge, Subject, takeUntil, tap, type Observable } from 'rxjs';
import {
  addLabel,
  createSession,
  recordSession,
  updateLabel,
  type LabelRecord,
  type RecordingProgress,
  type SampleBatch,
  type WearDb,
} from 'scl-wear';
import { batchEnd } from 'scl-wear/dsp';
import type { LiveSource } from '../shared/sources.js';

export class Recorder {
  /** Id of the session being recorded. */
  session: string | undefined;
  /** Time just after the newest sample, seconds on the signal clock. */
  now = NaN;
  /** The label in force. */
  current: LabelRecord | undefined;
  private stop$ = new Subject<void>();
  private done: Promise<RecordingProgress | undefined> | undefined;

  /**
   * @param db - the open database
   * @param onProgress - after each write
   * @param onFailure - when the recording stops on an error (storage full...); what was written stays
   * @param onBatch - every batch recorded, as it arrives (for a live plot)
   */
  constructor(
    private readonly db: WearDb,
    private readonly onProgress: (p: RecordingProgress) => void,
    private readonly onFailure: (err: Error) => void,
    private readonly onBatch: (b: SampleBatch) => void = () => {},
  ) {}

  get recording(): boolean {
    return this.session !== undefined;
  }

  /** Creates a session and records every stream of the source into it until {@link stop}. */
  async start(source: LiveSource, subject: string): Promise<string> {
    const streams = [source.ecg$, source.imu$].filter((s): s is Observable<SampleBatch> => s !== undefined);
    const session = await createSession(this.db, {
      ...(subject && { subject }),
      device: { source: source.name, userAgent: navigator.userAgent },
    });
    this.session = session.id;
    this.stop$ = new Subject<void>();
    const recorded$ = merge(...streams).pipe(
      takeUntil(this.stop$),
      tap((b) => {
        this.now = Number.isFinite(this.now) ? Math.max(this.now, batchEnd(b)) : batchEnd(b);
        this.onBatch(b);
      }),
      // Writes at least every second and when the page is hidden; completing marks it complete.
      recordSession(this.db, session.id),
      tap((p) => this.onProgress(p)),
    );
    const done = lastValueFrom(recorded$, { defaultValue: undefined });
    this.done = done;
    const started = source.start();
    const end = () => started.unsubscribe();
    this.stop$.subscribe(end);
    done.catch((err: unknown) => {
      end();
      if (this.done !== done) return;
      this.reset();
      this.onFailure(err as Error);
    });
    return session.id;
  }

  /** Ends the label in force (if any) and starts `name` now. */
  async label(name: string): Promise<void> {
    if (!this.session || !Number.isFinite(this.now)) return;
    const at = this.now;
    if (this.current) await updateLabel(this.db, this.current.id!, { end: at });
    this.current = await addLabel(this.db, this.session, { label: name, start: at });
  }

  /** Ends the label in force, writes what is buffered and marks the session complete. */
  async stop(): Promise<RecordingProgress | undefined> {
    if (!this.session) return undefined;
    if (this.current) await updateLabel(this.db, this.current.id!, { end: this.now });
    const done = this.done;
    this.stop$.next();
    this.reset();
    return done;
  }

  private reset(): void {
    this.done = undefined;
    this.session = undefined;
    this.current = undefined;
    this.now = NaN;
  }
}
