import { windowEnd, type SampleWindow } from '../core/window.js';
import { checkArg, ModelError, SdkError } from '../errors.js';
import type { BatchOptions, ClassResult, EmbeddingResult, Encoder, InferenceBackend } from './encoder.js';
import type { ModelEntry } from './manifest.js';
import { WindowPacker } from './pack.js';
import type { RunOutput } from './runtime.js';
import { outputNames } from './spec.js';

interface Request {
  results: EmbeddingResult[];
  remaining: number;
  done: boolean;
  resolve(r: EmbeddingResult[]): void;
  reject(err: unknown): void;
}

interface Item {
  req: Request;
  index: number;
  window: SampleWindow;
  at: number;
  attempts: number;
}

/** Times a batch is sent again after its worker was restarted before the windows fail. */
const MAX_ATTEMPTS = 8;

/**
 * Replaces logits by their softmax in place and returns the index of the largest.
 *
 * @param v - logits; overwritten with probabilities
 */
export function softmaxInPlace(v: Float32Array): number {
  let max = -Infinity;
  let arg = 0;
  for (let i = 0; i < v.length; i++) {
    if (v[i]! > max) {
      max = v[i]!;
      arg = i;
    }
  }
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += Math.exp(v[i]! - max);
  for (let i = 0; i < v.length; i++) v[i] = Math.exp(v[i]! - max) / sum;
  return arg;
}

/**
 * An {@link Encoder} that merges calls into micro-batches (up to `maxSize` windows, waiting at
 * most `maxDelayMs`), packs them into one reused input buffer and runs them on a backend.
 * When the backend reports that its worker was restarted, the affected windows are packed and
 * sent again, so none is lost.
 *
 * @example
 * ```ts
 * import { BatchingEncoder, createWorkerBackend, webWorkerHandle } from 'scl-wear/advanced';
 * // createEncoder builds one; for a backend of your own:
 * const start = () => webWorkerHandle(new Worker('/worker.js', { type: 'module' }));
 * const backend = await createWorkerBackend(start, { bytes, entry, device: 'auto', pick: 'fastest', warmupBatch: 8, threads: 1 });
 * const encoder = new BatchingEncoder(backend, entry, { maxSize: 32 });
 * const results = await encoder.embed(windows);
 * ```
 */
export class BatchingEncoder implements Encoder {
  private readonly packer: WindowPacker;
  private readonly maxSize: number;
  private readonly maxDelayMs: number;
  private readonly maxInFlight: number;
  private queue: Item[] = [];
  private inFlight = 0;
  private scheduled: 'timer' | 'soon' | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private pool: Float32Array[] = [];

  /**
   * @param backend - runs the batches
   * @param entry - the model's manifest entry
   * @param options - batching limits
   * @throws InputError `E_ARGUMENT` for a bad limit
   */
  constructor(
    private readonly backend: InferenceBackend,
    readonly entry: ModelEntry,
    options: BatchOptions = {},
  ) {
    this.packer = new WindowPacker(entry);
    this.maxSize = options.maxSize ?? 64;
    this.maxDelayMs = options.maxDelayMs ?? 0;
    this.maxInFlight = options.maxInFlight ?? 2;
    checkArg(Number.isInteger(this.maxSize) && this.maxSize >= 1, 'batch.maxSize', 'a positive integer', options.maxSize);
    checkArg(this.maxDelayMs >= 0, 'batch.maxDelayMs', 'a number of ms ≥ 0', options.maxDelayMs);
    checkArg(Number.isInteger(this.maxInFlight) && this.maxInFlight >= 1, 'batch.maxInFlight', 'a positive integer', options.maxInFlight);
  }

  get device() {
    return this.backend.device;
  }

  get deviceReason() {
    return this.backend.reason;
  }

  embed(windows: readonly SampleWindow[]): Promise<EmbeddingResult[]> {
    return this.submit(windows);
  }

  classify(windows: readonly SampleWindow[]): Promise<ClassResult[]> {
    if (!this.entry.outputs.logits || !this.entry.classes?.length) {
      return Promise.reject(new ModelError('E_MODEL_SPEC', `${this.entry.file} has no class output; use embed()`));
    }
    return this.submit(windows) as Promise<ClassResult[]>;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const closedErr = () => new ModelError('E_CLOSED', 'the encoder was closed');
    for (const it of this.queue) this.fail(it.req, closedErr());
    this.queue = [];
    await this.backend.close();
  }

  private submit(windows: readonly SampleWindow[]): Promise<EmbeddingResult[]> {
    if (this.closed) return Promise.reject(new ModelError('E_CLOSED', 'the encoder was closed'));
    if (!windows.length) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      const req: Request = { results: new Array<EmbeddingResult>(windows.length), remaining: windows.length, done: false, resolve, reject };
      const at = performance.now();
      windows.forEach((window, index) => this.queue.push({ req, index, window, at, attempts: 0 }));
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.closed || !this.queue.length || this.inFlight >= this.maxInFlight) return;
    const full = this.queue.length >= this.maxSize;
    if (this.scheduled === 'soon' || (this.scheduled === 'timer' && !full)) return;
    if (this.timer) clearTimeout(this.timer);
    const wait = full ? 0 : this.queue[0]!.at + this.maxDelayMs - performance.now();
    const fire = () => {
      this.scheduled = undefined;
      this.timer = undefined;
      this.flush();
    };
    if (wait > 0) {
      this.scheduled = 'timer';
      this.timer = setTimeout(fire, wait);
    } else {
      this.scheduled = 'soon';
      queueMicrotask(fire);
    }
  }

  private flush(): void {
    while (this.queue.length && this.inFlight < this.maxInFlight && !this.closed) {
      if (this.queue.length < this.maxSize && performance.now() < this.queue[0]!.at + this.maxDelayMs) break;
      void this.dispatch(this.queue.splice(0, this.maxSize));
    }
    this.schedule();
  }

  private async dispatch(items: Item[]): Promise<void> {
    this.inFlight++;
    const ws = this.packer.windowSize;
    const buffer = this.pool.pop() ?? new Float32Array(this.maxSize * ws);
    const packed: Item[] = [];
    try {
      for (const it of items) {
        if (it.req.done) continue;
        try {
          this.packer.pack(it.window, buffer, packed.length);
          packed.push(it);
        } catch (err) {
          this.fail(it.req, err);
        }
      }
      if (!packed.length) {
        this.pool.push(buffer);
        return;
      }
      const out = await this.backend.run(buffer.subarray(0, packed.length * ws), packed.length);
      this.pool.push(new Float32Array(out.input.buffer, 0, this.maxSize * ws));
      this.deliver(packed, out);
    } catch (err) {
      this.recover(packed, err);
    } finally {
      this.inFlight--;
      this.schedule();
    }
  }

  private recover(items: Item[], err: unknown): void {
    const retry = err instanceof ModelError && err.code === 'E_WORKER' && err.details?.retry === true;
    const again = retry && !this.closed ? items.filter((it) => !it.req.done && ++it.attempts < MAX_ATTEMPTS) : [];
    for (const it of items) {
      if (again.includes(it)) continue;
      this.fail(it.req, this.closed ? new ModelError('E_CLOSED', 'the encoder was closed') : err);
    }
    this.queue.unshift(...again);
  }

  private deliver(items: Item[], out: RunOutput): void {
    const n = items.length;
    const { dim, inv, var: vr, free } = this.entry.embedding;
    const [emb, logits, groupLogits] = outputNames(this.entry).map((name) => {
      const v = out.outputs[name];
      if (!v) throw new ModelError('E_MODEL_SPEC', `the run of ${this.entry.file} gave no output "${name}"`);
      return v;
    });
    const classes = logits ? (this.entry.classes ?? []) : [];
    const k = classes.length;
    const groups = groupLogits ? this.entry.groups!.names : [];
    const g = groups.length;
    const tc = this.entry.temperature?.classes ?? 1;
    const tg = this.entry.temperature?.groups ?? 1;
    for (let i = 0; i < n; i++) {
      const { req, index, window: w } = items[i]!;
      if (req.done) continue;
      const embedding = emb!.subarray(i * dim, (i + 1) * dim);
      const base: EmbeddingResult = {
        seq: w.seq,
        start: w.start,
        t0: w.t0,
        t1: windowEnd(w),
        embedding,
        inv: embedding.subarray(inv[0], inv[1]),
        var: embedding.subarray(vr[0], vr[1]),
        free: embedding.subarray(free[0], free[1]),
      };
      let result: EmbeddingResult = base;
      if (k) {
        const probs = logits!.subarray(i * k, (i + 1) * k);
        if (tc !== 1) for (let c = 0; c < k; c++) probs[c]! /= tc;
        const labelIndex = softmaxInPlace(probs);
        if (g) {
          const groupProbs = groupLogits!.subarray(i * g, (i + 1) * g);
          if (tg !== 1) for (let c = 0; c < g; c++) groupProbs[c]! /= tg;
          const group = groups[softmaxInPlace(groupProbs)]!;
          const cls: ClassResult = { ...base, probs, labelIndex, label: group, groupProbs, group, calibrated: false };
          result = cls;
        } else {
          const cls: ClassResult = { ...base, probs, labelIndex, label: classes[labelIndex]!, calibrated: true };
          result = cls;
        }
      }
      req.results[index] = result;
      if (--req.remaining === 0) {
        req.done = true;
        req.resolve(req.results);
      }
    }
  }

  private fail(req: Request, err: unknown): void {
    if (req.done) return;
    req.done = true;
    req.reject(err instanceof SdkError || err instanceof Error ? err : new ModelError('E_INFERENCE', String(err)));
  }
}
