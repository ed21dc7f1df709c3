import type * as ortWeb from 'onnxruntime-web';
import type { Device } from './device.js';
import type { OrtModule } from './runtime.js';

/** The onnxruntime API shared by onnxruntime-node and onnxruntime-web (both re-export onnxruntime-common). */
export type OrtApi = typeof ortWeb;

/**
 * The optional native runtime, named through a variable so that neither type checking nor a
 * bundler needs it installed: it is an optional peer dependency of `scl-wear/node`.
 */
const NATIVE_ORT = 'onnxruntime-node';

/**
 * Imports onnxruntime-node when it is installed.
 *
 * @returns the module, or `undefined` when the package is absent
 * @throws Error when the package is installed but fails to load (e.g. a broken native binary)
 */
export async function importOrtNative(): Promise<OrtApi | undefined> {
  try {
    return (await import(/* @vite-ignore */ /* webpackIgnore: true */ NATIVE_ORT)) as OrtApi;
  } catch (err) {
    if (isMissingPackage(err, NATIVE_ORT)) return undefined;
    throw err;
  }
}

/**
 * Whether an import failure says that a package is not installed (Node's resolution error, or a
 * module runner's equivalent), as opposed to an installed package failing to load.
 *
 * @param err - what the import threw
 * @param name - the package
 */
export function isMissingPackage(err: unknown, name: string): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- any thrown value; String() is how its message is read
  const message = String(e?.message ?? '');
  const missing =
    e?.code === 'ERR_MODULE_NOT_FOUND' ||
    e?.code === 'MODULE_NOT_FOUND' ||
    /Cannot find (package|module)|Could not resolve|Failed to (resolve|load url)/.test(message);
  return missing && (message.includes(`'${name}'`) || message.includes(`"${name}"`));
}

/**
 * onnxruntime for offline work in Node (evaluation, export checks): onnxruntime-node when it is
 * installed, else onnxruntime-web's WASM build (same API, slower).
 *
 * @returns the module and whether it is the native one
 */
export async function importOrtForNode(): Promise<{ ort: OrtApi; native: boolean }> {
  const native = await importOrtNative();
  return native ? { ort: native, native: true } : { ort: await import('onnxruntime-web'), native: false };
}

/**
 * Loads the onnxruntime of a device in Node: onnxruntime-node (native, an optional peer
 * dependency) for `cpu`, onnxruntime-web for `wasm`. Node only.
 *
 * @param device - the device about to be compiled
 * @throws Error when onnxruntime-node is not installed (`auto` then falls back to WASM)
 * @example
 * ```ts
 * import { ModelRuntime } from 'scl-wear/advanced';
 * import { loadOrtNode } from 'scl-wear/node';
 * const runtime = new ModelRuntime(loadOrtNode);
 * ```
 */
export async function loadOrtNode(device: Device): Promise<OrtModule> {
  if (device === 'webgpu') throw new Error('WebGPU is not available in Node');
  if (device === 'cpu') {
    const native = await importOrtNative();
    if (!native) throw new Error("Cannot find package 'onnxruntime-node' (install it for the native cpu device)");
    return native;
  }
  return await import('onnxruntime-web');
}
