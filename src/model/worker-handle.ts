import type { Endpoint } from 'comlink';

/** A started worker, whatever the platform: its comlink endpoint, how to stop it, how it dies. */
export interface WorkerHandle {
  readonly endpoint: Endpoint;
  /** Stops the worker; may return a promise settled once it is gone. */
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- Worker#terminate returns void in browsers, a promise in Node
  terminate(): void | Promise<unknown>;
  /** Registers `cb`, called once if the worker crashes or exits on its own. */
  onDeath(cb: (why: string) => void): void;
}

/** Starts a worker (a fresh one on each call). */
export type WorkerFactory = () => WorkerHandle;
