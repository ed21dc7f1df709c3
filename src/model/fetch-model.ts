import { InputError, ModelError, messageOf } from '../errors.js';
import { packageManifestUrl, packageModelUrl } from '../package-assets.js';
import { modelEntry, parseManifest, type ModelEntry, type ModelManifest } from './manifest.js';
import { report, type ProgressCallback } from './progress.js';

/**
 * SHA-256 of some bytes as lowercase hex, with Web Crypto (`crypto.subtle`, available in
 * browsers on secure origins, in workers and in Node ≥ 20).
 *
 * @param bytes - the data
 * @throws ModelError `E_MODEL_LOAD` when Web Crypto is unavailable (an insecure `http:` origin)
 * @example
 * ```ts
 * import { sha256Hex } from 'scl-wear/advanced';
 * const hex = await sha256Hex(new Uint8Array(await (await fetch(url)).arrayBuffer()));
 * ```
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    throw new ModelError(
      'E_MODEL_LOAD',
      'crypto.subtle is unavailable (serve the page over https or localhost) so the model cannot be verified',
    );
  }
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/**
 * Checks model bytes against the manifest's SHA-256.
 *
 * @param bytes - the model file
 * @param entry - its manifest entry
 * @param onProgress - receives the `verify` event
 * @throws ModelError `E_MODEL_HASH` when the digest differs
 * @example
 * ```ts
 * import { fetchModelBytes, verifyModel } from 'scl-wear/advanced';
 * const bytes = await fetchModelBytes(new URL(entry.file, manifestUrl));
 * await verifyModel(bytes, entry); // ModelError E_MODEL_HASH for a corrupt or stale download
 * ```
 */
export async function verifyModel(bytes: Uint8Array, entry: ModelEntry, onProgress?: ProgressCallback): Promise<void> {
  const actual = await sha256Hex(bytes);
  if (actual !== entry.sha256) {
    throw new ModelError(
      'E_MODEL_HASH',
      `${entry.file}: sha256 is ${actual}, the manifest expects ${entry.sha256} (corrupt or stale download?)`,
      {
        details: { file: entry.file, expected: entry.sha256, actual },
      },
    );
  }
  report(onProgress, { status: 'verify', file: entry.file, sha256: actual });
}

/**
 * Downloads a model file with `fetch`, reporting `download` progress as bytes arrive.
 *
 * @param url - where the file is
 * @param onProgress - receives `download` events (`loaded` grows; `total` from Content-Length)
 * @throws ModelError `E_MODEL_NOT_FOUND` on an HTTP error status, `E_MODEL_LOAD` on a network failure
 * @example
 * ```ts
 * import { fetchModelBytes } from 'scl-wear/advanced';
 * const bytes = await fetchModelBytes('/models/imu.onnx', (e) => {
 *   if (e.status === 'download' && e.total) bar.value = e.loaded / e.total;
 * });
 * ```
 */
export async function fetchModelBytes(url: string | URL, onProgress?: ProgressCallback): Promise<Uint8Array> {
  const file = String(url);
  let res: Response;
  try {
    res = await fetch(url);
  } catch (err) {
    throw new ModelError('E_MODEL_LOAD', `cannot fetch ${file}: ${messageOf(err)}`, { cause: err, details: { url: file } });
  }
  if (!res.ok)
    throw new ModelError('E_MODEL_NOT_FOUND', `cannot fetch ${file}: HTTP ${res.status}`, { details: { url: file, status: res.status } });
  const header = Number(res.headers.get('content-length'));
  const total = Number.isFinite(header) && header > 0 ? header : undefined;
  report(onProgress, { status: 'download', file, loaded: 0, total });
  if (!res.body) {
    const bytes = new Uint8Array(await res.arrayBuffer());
    report(onProgress, { status: 'download', file, loaded: bytes.length, total: total ?? bytes.length });
    return bytes;
  }
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.length;
      report(onProgress, { status: 'download', file, loaded, total });
    }
  } catch (err) {
    throw new ModelError('E_MODEL_LOAD', `download of ${file} broke off after ${loaded} bytes: ${messageOf(err)}`, { cause: err });
  }
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}

/**
 * Downloads and checks a `manifest.json`. A body that is not JSON (typically a server's HTML
 * fallback page answering for a file that is not there) is a missing manifest, not a crash.
 *
 * @param url - where the manifest is
 * @throws ModelError `E_MODEL_NOT_FOUND` (HTTP error, or an HTML page instead of JSON),
 *   `E_MODEL_SPEC` (other invalid JSON, or a malformed manifest), `E_MODEL_LOAD` (network failure)
 * @example
 * ```ts
 * import { fetchManifest } from 'scl-wear/advanced';
 * const manifest = await fetchManifest(new URL('/models/manifest.json', location.href));
 * ```
 */
export async function fetchManifest(url: string | URL): Promise<ModelManifest> {
  const text = new TextDecoder().decode(await fetchModelBytes(url));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const html = /^\s*</.test(text);
    throw new ModelError(
      html ? 'E_MODEL_NOT_FOUND' : 'E_MODEL_SPEC',
      html
        ? `${String(url)} answered with an HTML page, not the manifest (is the file missing there?)`
        : `${String(url)} is not valid JSON: ${messageOf(err)}`,
      { cause: err, details: { url: String(url) } },
    );
  }
  return parseManifest(json);
}

/**
 * Reads a model by manifest name: from `manifestUrl` when given (model files relative to it),
 * else from the files shipped in the package (located so that bundlers emit them).
 *
 * @param name - model name
 * @param manifestUrl - a manifest of your own, or undefined for the package's
 * @param onProgress - receives `download` events
 * @throws InputError `E_ARGUMENT` (a relative `manifestUrl` without a page); as {@link fetchManifest} and
 *   {@link fetchModelBytes}; ModelError `E_MODEL_NOT_FOUND` for an unknown name
 */
export async function fetchNamedModel(
  name: string,
  manifestUrl: string | URL | undefined,
  onProgress?: ProgressCallback,
): Promise<{ bytes: Uint8Array; entry: ModelEntry }> {
  let url: URL;
  try {
    url = manifestUrl === undefined ? packageManifestUrl() : new URL(String(manifestUrl), globalThis.location?.href);
  } catch {
    throw new InputError(
      'E_ARGUMENT',
      `manifestUrl must be an absolute URL here (there is no page location); got ${JSON.stringify(String(manifestUrl))}`,
      { details: { argument: 'manifestUrl' } },
    );
  }
  const entry = modelEntry(await fetchManifest(url), name);
  const file = (manifestUrl === undefined ? packageModelUrl(name) : undefined) ?? new URL(entry.file, url);
  return { bytes: await fetchModelBytes(file, onProgress), entry };
}
