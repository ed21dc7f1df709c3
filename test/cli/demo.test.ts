import { describe, expect, it } from 'vitest';
import { demoCommand } from '../../src/cli/cmd-demo.js';
import { demoStages } from '../../src/cli/demo-stages.js';
import type { StreamReport } from '../../src/cli/chain.js';

function fakeIO() {
  const lines: string[] = [];
  return { lines, out: (t: string) => lines.push(t), err: (t: string) => lines.push(t) };
}

describe('scl-wear demo', () => {
  it('replays the bundled recordings through every stage and reports what each found', async () => {
    const io = fakeIO();
    expect(await demoCommand.run(['--json'], io)).toBe(0);
    const r = JSON.parse(io.lines.join('\n')) as { load: { ecg: { beats: number; bpm: number } }; ecg: StreamReport; imu: StreamReport };
    // One minute of record 100: 60 s × 360 Hz, about 74 annotated beats (2273 beats in 30:06 ≈ 75.5 bpm over the whole record).
    expect(r.ecg.frames).toBe(21600);
    expect(r.load.ecg.bpm).toBeGreaterThan(65);
    expect(r.load.ecg.bpm).toBeLessThan(85);
    // Resampled to 130 Hz: 7800 frames; 520-frame windows every 260 frames.
    expect(r.ecg.outputRate).toBe(130);
    expect(r.ecg.windows.count).toBe(Math.floor((7800 - 520) / 260) + 1);
    // The UCI HAR session has gaps where the postural transitions were, and all six activities.
    expect(r.imu.gaps.count).toBeGreaterThan(5);
    expect(Object.keys(r.imu.windows.labels!).sort()).toEqual(['downstairs', 'laying', 'sitting', 'standing', 'upstairs', 'walking']);
    expect(r.imu.windows.size).toBe(128);
  });

  it('prints a numbered list of stages', async () => {
    const io = fakeIO();
    await demoCommand.run([], io);
    const text = io.lines.join('\n');
    demoStages.forEach((s, i) => expect(text).toContain(`[${i + 1}/${demoStages.length}] ${s.name}`));
    expect(text).toMatch(/MIT-BIH record 100/);
    expect(text).toMatch(/windows by label: .*walking \d+/);
  });

  it('fails with E_IO when the demo data is missing', async () => {
    await expect(demoCommand.run(['--data-dir', '/nonexistent'], fakeIO())).rejects.toMatchObject({ code: 'E_IO' });
  });
});
