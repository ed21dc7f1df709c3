// Web Worker entry of on-device fine-tuning: all logic is in src/finetune.
import type { Endpoint } from 'comlink';
import { exposeFineTuner } from '../src/finetune/worker-api.js';

exposeFineTuner(self as unknown as Endpoint);
