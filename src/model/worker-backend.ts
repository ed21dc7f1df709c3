import { transfer, wrap, type Endpoint, type Remote } from 'comlink';
import { ModelError } from '../errors.js';
import type { InferenceBackend } from './encoder.js';
import { installErrorTransfer } from './error-transfer.js';
import type { RemoteRuntime } from './expose.js';
import { report, type LoadProgress, type ProgressCallback } from './progress.js';
import type { RunOutput, RuntimeInfo, RuntimeLoadRequest } from './runtime.js';

/** A started worker, whatever the platform: its comlink endpoint, how to stop it, how it dies. */
export interface WorkerHandle {
  readonly endpoint: Endpoint;
  /** Stops the worker; may return a promise settled once it is gone. */
  terminate(): void | Promise<unknown>;
  /** Registers `cb`, called once if the worker crashes or exits on its own. */
  onDeath(cb: (why: string) => void): void;
}

/** Starts a worker running {@link exposeEncoderRuntime} (a fresh one on each call). */
export type WorkerFactory = () => WorkerHandle;

/** Options of {@link createWorkerBackend}. */
export interface WorkerBackendOptions {
  /** Start a new worker (and reload the model) when one dies; batches in flight are re-sent. */
  restart?: boolean;
  /** A batch that takes longer than this (ms) counts as a dead worker (default 30000). */
  runTimeoutMs?: number;
  onProgress?: ProgressCallback;
}

interface Live {
  handle: WorkerHandle;
  remote: Remote<RemoteRuntime>;
  died: Promise<never>;
  dead: boolean;
}

/**
 * Starts a worker, loads the model in it and returns a backend whose batches are transferred to
 * it. A crashed, exited or stuck worker makes runs fail with ModelError `E_WORKER`; with
 * `restart`, a new worker is started and the error says `details.retry: true`.
 *
 * @param start - starts a worker
 * @param req - the model and device (the bytes are copied to each worker started)
 * @param options - restart, timeout and progress
 * @throws the errors of `EncoderRuntime.load`, or ModelError `E_WORKER` if the worker dies
 */
export async function createWorkerBackend(start: WorkerFactory, req: RuntimeLoadRequest, options: WorkerBackendOptions = {}): Promise<InferenceBackend> {
  installErrorTransfer();
  const timeoutMs = options.runTimeoutMs ?? 30_000;
  let closed = false;
  let live: Live | undefined;
  let starting: Promise<Live> | undefined;
  let info: RuntimeInfo;

  const launch = async (onProgress?: ProgressCallback): Promise<Live> => {
    const handle = start();
    let kill!: (err: ModelError) => void;
    const died = new Promise<never>((_, reject) => (kill = reject));
    died.catch(() => undefined);
    const l: Live = { handle, remote: wrap<RemoteRuntime>(handle.endpoint), died, dead: false };
    handle.onDeath((why) => {
      l.dead = true;
      kill(new ModelError('E_WORKER', `the encoder worker died: ${why}`));
    });
    // Progress travels on its own channel, closed once loaded (an open port keeps Node alive).
    const channel = onProgress ? new MessageChannel() : undefined;
    let readySeen!: () => void;
    const ready = new Promise<void>((ok) => (readySeen = ok));
    channel?.port1.addEventListener('message', (e: MessageEvent<LoadProgress>) => {
      report(onProgress, e.data);
      if (e.data.status === 'ready') readySeen();
    });
    channel?.port1.start();
    try {
      const load = channel ? l.remote.load(req, transfer(channel.port2, [channel.port2])) : l.remote.load(req);
      info = await Promise.race([load, died]);
      // 'ready' is the last event; wait for it so none is lost when the port closes.
      if (channel) await Promise.race([ready, died]);
    } catch (err) {
      handle.terminate();
      throw err;
    } finally {
      channel?.port1.close();
    }
    return l;
  };

  const current = (): Promise<Live> => {
    if (live && !live.dead) return Promise.resolve(live);
    if (!options.restart) return Promise.reject(new ModelError('E_WORKER', 'the encoder worker died and restart is off'));
    starting ??= launch().then(
      (l) => ((live = l), (starting = undefined), l),
      (err) => {
        starting = undefined;
        throw err;
      },
    );
    return starting;
  };

  live = await launch(options.onProgress);

  const run = async (input: Float32Array, n: number): Promise<RunOutput> => {
    if (closed) throw new ModelError('E_CLOSED', 'the encoder was closed');
    const l = live && !live.dead ? live : await current(); // synchronous when alive: the batch leaves now
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ModelError('E_WORKER', `the encoder worker did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([l.remote.run(transfer(input, [input.buffer as ArrayBuffer]), n), l.died, timeout]);
    } catch (err) {
      if (!(err instanceof ModelError && err.code === 'E_WORKER')) throw err;
      if (!l.dead) {
        l.dead = true;
        l.handle.terminate();
      }
      if (closed) throw new ModelError('E_CLOSED', 'the encoder was closed');
      throw new ModelError('E_WORKER', err.message, { details: { retry: !!options.restart } });
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    get device() {
      return info.device;
    },
    get reason() {
      return info.reason;
    },
    run,
    async close() {
      if (closed) return;
      closed = true;
      const l = live;
      live = undefined;
      if (!l || l.dead) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        await Promise.race([l.remote.close(), l.died, new Promise((ok) => (timer = setTimeout(ok, 1000)))]);
      } catch {
        // the worker is going away anyway
      } finally {
        clearTimeout(timer);
      }
      l.dead = true;
      await l.handle.terminate();
    },
  };
}
