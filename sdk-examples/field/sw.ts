// Service worker of the field recorder: keeps the page, the models and onnxruntime's .wasm in a
// cache so the recorder opens and runs with no network. Page files are fetched network-first
// (updates arrive when online), models and .wasm cache-first (large, and named by content).
// Requests to other origins are never touched (the page makes none).

interface ExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(r: Promise<Response>): void;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', fn: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', fn: (e: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  readonly location: Location;
}

const scope = self as unknown as WorkerScope;
const CACHE = 'scl-wear-field-v1';
const SHELL = ['./', 'index.html', 'main.js', 'worker.js', 'finetune-worker.js', 'style.css', 'app.webmanifest'];
const RUNTIME = ['../ort/ort-wasm-simd-threaded.wasm'];

/** The model files named in the manifest, so the classifier works offline from the first visit. */
async function modelFiles(): Promise<string[]> {
  const manifest = new URL('../models/manifest.json', scope.location.href);
  const res = await fetch(manifest);
  if (!res.ok) return [];
  const { models } = (await res.json()) as { models: Record<string, { file: string }> };
  return [manifest.href, ...Object.values(models).map((m) => new URL(m.file, manifest).href)];
}

scope.addEventListener('install', (e) => {
  e.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // The code chunks the page's bundles share (listed by the build, names change with the code).
      const chunks = (await (await fetch('chunks.json')).json()) as string[];
      await cache.addAll([...SHELL, ...chunks]);
      // Best effort: a page without models still records and exports.
      await cache.addAll([...RUNTIME, ...(await modelFiles().catch(() => []))]).catch(() => undefined);
      await scope.skipWaiting();
    })(),
  );
});

scope.addEventListener('activate', (e) => {
  e.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await scope.clients.claim();
    })(),
  );
});

async function networkFirst(req: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(req);
    if (res.ok) await cache.put(req, res.clone());
    return res;
  } catch (err) {
    const hit = await cache.match(req, { ignoreSearch: true });
    if (hit) return hit;
    throw err;
  }
}

async function cacheFirst(req: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(req);
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok) await cache.put(req, res.clone());
  return res;
}

scope.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== 'GET' || url.origin !== scope.location.origin) return;
  e.respondWith(/\.(wasm|onnx)$/.test(url.pathname) ? cacheFirst(e.request) : networkFirst(e.request));
});
