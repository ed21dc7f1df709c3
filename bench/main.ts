// `npm run bench [-- --json] [-- NAME...]`: runs the suites in bench/suites.ts and prints a
// table, or with --json one JSON object keyed by suite name.
import { suites } from './suites.js';
import type { BenchFigures } from './suite.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const only = args.filter((a) => !a.startsWith('--'));
const unknown = only.filter((n) => !suites.some((s) => s.name === n));
if (unknown.length) {
  console.error(`unknown suite(s): ${unknown.join(', ')}; expected: ${suites.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
const result: Record<string, BenchFigures> = {};
for (const suite of suites) {
  if (only.length && !only.includes(suite.name)) continue;
  if (!json) console.log(`\n${suite.name}: ${suite.summary}`);
  const figures = await suite.run();
  result[suite.name] = figures;
  if (!json) {
    for (const [k, v] of Object.entries(figures)) {
      const shown = typeof v === 'number' ? (Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : v.toPrecision(4)) : v;
      console.log(`  ${(suite.name + '.' + k).padEnd(36)} ${shown}`);
    }
  }
}
if (json) console.log(JSON.stringify(result));
