// Stopping a worker thread that runs onnxruntime-node: Node's Worker#terminate interrupts the
// thread, and when that lands inside a call into the native addon the addon aborts the whole
// process. nodeWorkerHandle's terminate asks the worker to exit between two calls instead.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const script = resolve(import.meta.dirname, 'cpu-worker-kills.ts');

describe('stopping onnxruntime-node worker threads', () => {
  it('18 kills mid-stream neither abort the process nor lose a window', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', script, '6'], { encoding: 'utf8', timeout: 120_000 });
    expect({ status: run.status, signal: run.signal, stderr: run.stderr.slice(-400) }).toEqual({ status: 0, signal: null, stderr: '' });
    expect(JSON.parse(run.stdout.trim().split('\n').at(-1)!)).toEqual({ trials: 6, whole: 6 });
  }, 150_000);
});
