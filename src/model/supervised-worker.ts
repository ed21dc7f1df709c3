import { wrap, type Remote } from 'comlink';
import { ModelError } from '../errors.js';
import { installErrorTransfer } from '../core/error-transfer.js';
import type { WorkerFactory, WorkerHandle } from './worker-handle.js';

/** Limits of a {@link SupervisedWorker}; every wait has one. */
export interface SupervisorOptions {
  /** Start a new worker when one dies or stops answering (default false). */
  restart?: boolean;
  /** Restarts in a row without a successful call before giving up (default 5). */
  maxRestarts?: number;
  /** Delay before the first restart, in ms; doubles on each failure in a row, up to 5000 (default 100). */
  backoffMs?: number;
  /** Time a new worker has to come up (and `setup` to finish), in ms (default 120000). */
  startTimeoutMs?: number;
  /** Default time a call may take, in ms (default 30000). */
  callTimeoutMs?: number;
}

/** The part of a worker's API the supervisor itself calls. */
export interface Pingable {
  /** Answers at once (liveness check while a long call runs). */
  ping(): unknown;
}

interface Live<T> {
  handle: WorkerHandle;
  remote: Remote<T>;
  died: Promise<never>;
  dead: boolean;
  kill(why: string): void;
}

/** Errors raised by the supervisor (worker death or silence), as opposed to errors thrown in the worker. */
const raised = new WeakSet();

const workerError = (message: string, details: Record<string, unknown> = {}) => {
  const err = new ModelError('E_WORKER', message, { details });
  raised.add(err);
  return err;
};

/** Whether `err` says a worker died or went silent (rather than an error thrown inside it). */
export function isWorkerDeath(err: unknown): err is ModelError {
  return typeof err === 'object' && err !== null && raised.has(err);
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/**
 * One worker under supervision, shared by the encoder and fine-tuning workers: every call races
 * the worker's death and a timeout; a dead or silent worker is terminated and, with `restart`,
 * replaced after a backoff (bounded: `maxRestarts` failures in a row end in ModelError
 * `E_WORKER` with `details.retry: false`). `setup` brings each new worker into service (e.g.
 * reloads its models) and is itself bounded by `startTimeoutMs`.
 */
export class SupervisedWorker<T extends Pingable> {
  private live: Live<T> | undefined;
  private starting: Promise<Live<T>> | undefined;
  private failures = 0;
  private closed = false;
  private startError: unknown;
  private readonly o: Required<SupervisorOptions>;

  /**
   * @param name - what the worker is called in error messages (`encoder`, `fine-tuning`)
   * @param start - starts a fresh worker
   * @param setup - brings a new worker into service; default a ping
   * @param options - restart and timeout limits
   */
  constructor(
    private readonly name: string,
    private readonly start: WorkerFactory,
    private readonly setup: (remote: Remote<T>) => Promise<unknown> = (r) => r.ping(),
    options: SupervisorOptions = {},
  ) {
    installErrorTransfer();
    this.o = { restart: false, maxRestarts: 5, backoffMs: 100, startTimeoutMs: 120_000, callTimeoutMs: 30_000, ...dropUndefined(options) };
  }

  /** Whether dead workers are replaced. */
  get restarts(): boolean {
    return this.o.restart;
  }

  /**
   * Starts the first worker (no retry: a worker that cannot start at all fails at once, and so
   * do the calls made after it).
   *
   * @throws ModelError `E_WORKER` when it dies or does not answer within `startTimeoutMs`
   */
  async open(): Promise<void> {
    this.starting = this.launch().then(
      (l) => (this.live = l),
      (err: unknown) => {
        this.startError = err;
        throw err;
      },
    );
    try {
      await this.starting;
    } finally {
      this.starting = undefined;
    }
  }

  /**
   * Runs `fn` on the live worker (restarting one first if needed), racing its death and a timeout.
   * When the worker is alive, `fn` is called synchronously (messages leave in call order).
   *
   * @param fn - the call, given the worker's comlink proxy
   * @param options - `timeoutMs` (default `callTimeoutMs`; `Infinity` for none) and
   *   `heartbeatMs`: ping the worker this often while the call runs; a ping unanswered for as
   *   long counts as death
   * @throws ModelError `E_WORKER` (`details.retry` true when a restart follows), `E_CLOSED`;
   *   errors thrown in the worker as they are
   */
  async call<R>(fn: (remote: Remote<T>) => Promise<R>, options: { timeoutMs?: number; heartbeatMs?: number } = {}): Promise<R> {
    const l = this.live && !this.live.dead ? this.live : await this.current();
    const stopHeartbeat = options.heartbeatMs ? this.heartbeat(l, options.heartbeatMs) : undefined;
    try {
      const r = await this.race(l, fn(l.remote), options.timeoutMs ?? this.o.callTimeoutMs, 'a call');
      this.failures = 0;
      return r;
    } catch (err) {
      if (!isWorkerDeath(err)) throw err;
      if (this.closed) throw new ModelError('E_CLOSED', `the ${this.name} worker was closed`);
      throw workerError(err.message, { ...err.details, retry: this.o.restart });
    } finally {
      stopHeartbeat?.();
    }
  }

  /**
   * Stops the worker: `goodbye` (if given) gets a second to release resources, then it is terminated.
   *
   * @param goodbye - a last call, e.g. releasing sessions
   */
  async close(goodbye?: (remote: Remote<T>) => Promise<unknown>): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const l = this.live ?? (await this.starting?.catch(() => undefined));
    this.live = undefined;
    if (!l || l.dead) return;
    if (goodbye) await this.race(l, goodbye(l.remote), 1000, 'close').catch(() => undefined);
    l.dead = true;
    await l.handle.terminate();
  }

  private current(): Promise<Live<T>> {
    if (this.closed) return Promise.reject(new ModelError('E_CLOSED', `the ${this.name} worker was closed`));
    if (this.live && !this.live.dead) return Promise.resolve(this.live);
    if (this.starting) return this.starting;
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- relays the start failure as it was raised
    if (!this.live && this.startError) return Promise.reject(this.startError);
    if (!this.o.restart) return Promise.reject(workerError(`the ${this.name} worker died and restart is off`, { retry: false }));
    this.starting = this.restart().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async restart(): Promise<Live<T>> {
    for (;;) {
      if (this.failures >= this.o.maxRestarts) {
        throw workerError(`the ${this.name} worker failed ${this.failures} times in a row; not restarting it again`, {
          retry: false,
          restarts: this.failures,
        });
      }
      await sleep(Math.min(5000, this.o.backoffMs * 2 ** this.failures));
      this.failures++;
      if (this.closed) throw new ModelError('E_CLOSED', `the ${this.name} worker was closed`);
      try {
        this.live = await this.launch();
        return this.live;
      } catch (err) {
        if (!isWorkerDeath(err)) throw err;
      }
    }
  }

  private async launch(): Promise<Live<T>> {
    const handle = this.start();
    let reject!: (err: ModelError) => void;
    const died = new Promise<never>((_, ko) => (reject = ko));
    died.catch(() => undefined);
    const l: Live<T> = {
      handle,
      died,
      dead: false,
      remote: wrap<T>(handle.endpoint),
      kill: (why) => {
        if (l.dead) return;
        l.dead = true;
        reject(workerError(`the ${this.name} worker died: ${why}`));
        void Promise.resolve(handle.terminate()).catch(() => undefined);
      },
    };
    handle.onDeath((why) => l.kill(why));
    await this.race(l, this.setup(l.remote), this.o.startTimeoutMs, 'its start');
    if (this.closed) {
      // closed while it started: nobody will stop it later
      l.dead = true;
      await handle.terminate();
      throw new ModelError('E_CLOSED', `the ${this.name} worker was closed`);
    }
    return l;
  }

  /** Races `p` against the worker's death and `ms`; a timeout kills the worker. */
  private async race<R>(l: Live<T>, p: Promise<R>, ms: number, what: string): Promise<R> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, ko) => {
      if (Number.isFinite(ms))
        timer = setTimeout(() => ko(workerError(`the ${this.name} worker did not answer ${what} within ${ms} ms`, { timeoutMs: ms })), ms);
    });
    try {
      return await Promise.race([p, l.died, timeout]);
    } catch (err) {
      if (isWorkerDeath(err)) l.kill(err.message);
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  private heartbeat(l: Live<T>, everyMs: number): () => void {
    let waiting = false;
    const timer = setInterval(() => {
      if (waiting || l.dead) return;
      waiting = true;
      this.race(l, l.remote.ping(), everyMs, 'a heartbeat').then(
        () => (waiting = false),
        () => undefined,
      );
    }, everyMs);
    return () => clearInterval(timer);
  }
}

function dropUndefined<O extends object>(o: O): Partial<O> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<O>;
}
