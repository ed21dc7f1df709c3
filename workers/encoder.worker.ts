// Web Worker entry of the encoder (built to dist/worker.js, `scl-wear/worker`): all logic is in src/model.
import type { Endpoint } from 'comlink';
import { exposeModelRuntime } from '../src/model/expose.js';
import { loadOrtWeb } from '../src/model/ort-web.js';

exposeModelRuntime(self as unknown as Endpoint, loadOrtWeb);
