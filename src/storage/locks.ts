/**
 * Which sessions (and fine-tuning runs) are being written right now. A recorder (or an import,
 * or a training run) holds a Web Lock named after its record for as long as it writes; the browser releases it when the page or worker
 * dies, which is how a session left open by a crash or reload is told apart from one that is
 * still recording in another tab. Where Web Locks are missing, sessions held in this realm are
 * known exactly and others count as live until their last flush is older than a staleness bound.
 */

const heldHere = new Set<string>();

/** Without Web Locks, a session of another realm counts as live for this long after its last flush (ms). */
export const STALE_MS = 10_000;

interface LockManagerLike {
  request(name: string, callback: () => Promise<void>): Promise<void>;
  query(): Promise<{ held?: { name?: string }[] }>;
}

function lockManager(): LockManagerLike | undefined {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return nav?.locks && typeof nav.locks.request === 'function' ? nav.locks : undefined;
}

const lockName = (key: string) => `scl-wear:${key}`;

/**
 * Marks a record as being written by this realm until the returned release function is called.
 * Resolves once the lock is held.
 *
 * @param key - `session:<id>` or `run:<id>`
 */
export async function holdLock(key: string): Promise<() => void> {
  heldHere.add(key);
  const locks = lockManager();
  let release = () => {};
  if (locks) {
    await new Promise<void>((granted) => {
      void locks
        .request(lockName(key), () => {
          granted();
          return new Promise<void>((done) => (release = done));
        })
        .catch(() => granted());
    });
  }
  return () => {
    heldHere.delete(key);
    release();
  };
}

/**
 * Tells whether a record is being written by a live context, here or in another one.
 *
 * @returns a predicate taking the key (`session:<id>`, `run:<id>`) and the record's last write
 *   time (ms since the epoch)
 * @param staleMs - without Web Locks, a session of another realm counts as dead once its
 *   last flush is older than this
 */
export async function liveness(staleMs: number): Promise<(key: string, updatedAt: number) => boolean> {
  const locks = lockManager();
  if (locks) {
    const held = new Set(((await locks.query()).held ?? []).map((l) => l.name));
    return (key) => heldHere.has(key) || held.has(lockName(key));
  }
  const now = Date.now();
  return (key, updatedAt) => heldHere.has(key) || now - updatedAt < staleMs;
}
