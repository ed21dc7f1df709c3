import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from './command.js';
import { writeJson } from './json-out.js';

function readJson(rel: string): unknown {
  try {
    return JSON.parse(readFileSync(fileURLToPath(new URL(rel, import.meta.url)), 'utf8'));
  } catch {
    return undefined;
  }
}

/** `scl-wear info`: package version, bundled models and the runtime environment. */
export const infoCommand: Command = {
  name: 'info',
  usage: 'scl-wear info [--json]\n\nPrints the package version, the models in models/manifest.json and the runtime.',
  async run(argv, io) {
    // src/cli/ and dist/ both sit one level below the package root.
    const pkg = (readJson('../../package.json') ?? readJson('../package.json')) as { name: string; version: string } | undefined;
    const manifest = (readJson('../../models/manifest.json') ?? readJson('../models/manifest.json')) as
      { models?: Record<string, { file: string; sampleRate?: number; windowSamples?: number }> } | undefined;
    const info = {
      package: pkg ? `${pkg.name}@${pkg.version}` : 'unknown',
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      models: manifest?.models ?? {},
    };
    if (argv.includes('--json')) {
      await writeJson(io, info);
      return 0;
    }
    io.out(`${info.package}  (node ${info.node}, ${info.platform})`);
    const names = Object.keys(info.models);
    io.out(names.length ? `models: ${names.join(', ')}` : 'models: none bundled');
    for (const [name, m] of Object.entries(info.models)) {
      io.out(
        `  ${name}: ${m.file}${m.sampleRate ? `, ${m.sampleRate} Hz` : ''}${m.windowSamples ? `, ${m.windowSamples} samples/window` : ''}`,
      );
    }
    return 0;
  },
};
