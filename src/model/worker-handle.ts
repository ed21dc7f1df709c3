import type { Endpoint } from 'comlink';

/** A started worker, whatever the platform: its comlink endpoint, how to stop it, how it dies. */
export interface WorkerHandle {
  readonly endpoint: Endpoint;
  /** Stops the worker; may return a promise settled once it is gone. */
  terminate(): void | Promise<unknown>;
  /** Registers `cb`, called once if the worker crashes or exits on its own. */
  onDeath(cb: (why: string) => void): void;
}

/** Starts a worker (a fresh one on each call). */
export type WorkerFactory = () => WorkerHandle;
