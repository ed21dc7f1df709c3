import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { flagCommand } from './command.js';
import { writeJson } from './json-out.js';
import { demoStages, type DemoContext } from './demo-stages.js';

/** The bundled demo data: `sdk-examples/data` at the package root (one level above src/ and dist/). */
function defaultDataDir(): string {
  const candidates = ['../../sdk-examples/data', '../sdk-examples/data'].map((p) => fileURLToPath(new URL(p, import.meta.url)));
  return candidates.find((p) => existsSync(p)) ?? candidates[0]!;
}

/** `scl-wear demo`: the bundled real recordings through the stream stages (`npm start` runs the fuller `sdk-examples/node` replay). */
export const demoCommand = flagCommand({
  name: 'demo',
  usage: `scl-wear demo [--data-dir DIR] [--json]

Replays the bundled demo recordings (sdk-examples/data: one minute of MIT-BIH record 100 and
a UCI HAR session of test subject 2) through the pipeline stages and prints what each found.

  --data-dir DIR   directory of demo-ecg.csv, demo-ecg-beats.csv and demo-imu.csv
  --json           print one JSON object with every stage's results`,
  flags: { 'data-dir': 'string', json: 'boolean' } as const,
  async run(f, io) {
    const ctx: DemoContext = {
      dataDir: f['data-dir'] ?? defaultDataDir(),
      recordings: new Map(),
      results: {},
      out: (line) => {
        if (!f.json) io.out(line);
      },
    };
    if (!f.json) io.out(`scl-wear demo: real recordings through the stream pipeline (${ctx.dataDir})`);
    for (const [i, stage] of demoStages.entries()) {
      ctx.out(`\n[${i + 1}/${demoStages.length}] ${stage.name}`);
      await stage.run(ctx);
    }
    if (f.json) await writeJson(io, ctx.results);
    return 0;
  },
});
