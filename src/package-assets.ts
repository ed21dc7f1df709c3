// Files that ship inside the package, located relative to this module with the
// `new URL('…', import.meta.url)` pattern that Vite, webpack and Rollup follow: a production build
// emits each file with the application and rewrites the URL, with no option and nothing copied by
// hand. The relative paths hold both in the sources (src/) and in the build (dist/), which sit
// side by side with models/ under the package root. Every URL is a literal, as bundlers need.

/** URL of the package's `models/manifest.json`. */
export function packageManifestUrl(): URL {
  return new URL('../models/manifest.json', import.meta.url);
}

/**
 * URL of a model shipped with the package, by manifest name, or `undefined` for other names.
 *
 * @param name - `ecg`, `imu` or `acc`
 */
export function packageModelUrl(name: string): URL | undefined {
  switch (name) {
    case 'ecg':
      return new URL('../models/ecg.onnx', import.meta.url);
    case 'imu':
      return new URL('../models/imu.onnx', import.meta.url);
    case 'acc':
      return new URL('../models/acc.onnx', import.meta.url);
    default:
      return undefined;
  }
}

/**
 * Starts the package's encoder Web Worker (`dist/worker.js`, bundled by the application's bundler)
 * and returns it with the URL it was started from, as the bundler rewrote it, so that a script
 * that fails to load can be named. The `new Worker(new URL(…))` expression stays whole (bundlers
 * recognise only that form); the URL is read by a subclass of `Worker` in place for that call.
 */
export function startPackageWorker(): { worker: Worker; url: string } {
  const Native = globalThis.Worker;
  let url = '';
  globalThis.Worker = class extends Native {
    constructor(script: string | URL, options?: WorkerOptions) {
      super(script, options);
      url = String(script);
    }
  };
  try {
    const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    return { worker, url };
  } finally {
    globalThis.Worker = Native;
  }
}
