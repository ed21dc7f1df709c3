/**
 * Which sessions are being written right now. A recorder (or an import) holds a Web Lock named
 * after its session for as long as it writes; the browser releases it when the page or worker
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

const lockName = (session: string) => `scl-wear:session:${session}`;

/**
 * Marks a session as being written by this realm until the returned release function is called.
 * Resolves once the lock is held.
 *
 * @param session - session id
 */
export async function holdSession(session: string): Promise<() => void> {
  heldHere.add(session);
  const locks = lockManager();
  let release = () => {};
  if (locks) {
    await new Promise<void>((granted) => {
      void locks
        .request(lockName(session), () => {
          granted();
          return new Promise<void>((done) => (release = done));
        })
        .catch(() => granted());
    });
  }
  return () => {
    heldHere.delete(session);
    release();
  };
}

/**
 * Tells whether a session is being written by a live recorder, here or in another context.
 *
 * @returns a predicate taking the session id and its last flush time (ms since the epoch)
 * @param staleMs - without Web Locks, a session of another realm counts as dead once its
 *   last flush is older than this
 */
export async function liveness(staleMs: number): Promise<(session: string, updatedAt: number) => boolean> {
  const locks = lockManager();
  if (locks) {
    const held = new Set(((await locks.query()).held ?? []).map((l) => l.name));
    return (session) => heldHere.has(session) || held.has(lockName(session));
  }
  const now = Date.now();
  return (session, updatedAt) => heldHere.has(session) || now - updatedAt < staleMs;
}
