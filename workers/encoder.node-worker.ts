// Node worker thread entry of the encoder (built to dist/node-worker.js): all logic is in src/model.
import { serveNodeWorker } from '../src/model/node-worker.js';

serveNodeWorker();
