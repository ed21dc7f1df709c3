#!/usr/bin/env node
// Runs the whole test suite: type check, lint (ESLint) and format check (Prettier), the API
// reference (TypeDoc, warnings are errors) and its link check, then every unit, package and
// real-browser test (vitest), and closes with one plain summary line "tests: N passed, N failed".
// Extra arguments go to vitest, e.g. `npm test -- test/dsp`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const extra = process.argv.slice(2);
if (extra.length === 0) {
  const tsc = spawnSync('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit'], { stdio: 'inherit' });
  if (tsc.status !== 0) {
    console.error('type check failed');
    process.exit(tsc.status ?? 1);
  }
  for (const [what, cmd, args] of [
    ['lint', 'npx', ['eslint', '.']],
    ['format check', 'npx', ['prettier', '--check', '.']],
    ['API reference', 'npx', ['typedoc']],
    ['API reference link check', 'node', ['scripts/check-docs.mjs']],
  ]) {
    const r = spawnSync(cmd, args, { stdio: 'inherit' });
    if (r.status !== 0) {
      console.error(`${what} failed`);
      process.exit(r.status ?? 1);
    }
  }
}
const report = join(mkdtempSync(join(tmpdir(), 'scl-wear-test-')), 'report.json');
const r = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra], {
  stdio: 'inherit',
});
try {
  const { numPassedTests, numFailedTests, numPendingTests } = JSON.parse(readFileSync(report, 'utf8'));
  console.log(`tests: ${numPassedTests} passed, ${numFailedTests} failed` + (numPendingTests ? `, ${numPendingTests} skipped` : ''));
} catch {
  console.log('tests: 0 passed, 1 failed');
}
process.exit(r.status ?? 1);
