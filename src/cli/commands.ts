import type { Command } from './command.js';

/** A CLI subcommand known by name; its module is imported only when it runs (fast start). */
export interface CommandEntry {
  /** Name typed on the command line. */
  readonly name: string;
  /** Imports the command's module. */
  load(): Promise<Command>;
}

/** Every CLI subcommand, in the order `--help` lists them. Add new commands here. */
export const commands: readonly CommandEntry[] = [
  { name: 'info', load: async () => (await import('./cmd-info.js')).infoCommand },
  { name: 'demo', load: async () => (await import('./cmd-demo.js')).demoCommand },
  { name: 'replay', load: async () => (await import('./cmd-replay.js')).replayCommand },
  { name: 'simulate', load: async () => (await import('./cmd-simulate.js')).simulateCommand },
  { name: 'rpeaks', load: async () => (await import('./cmd-rpeaks.js')).rpeaksCommand },
  { name: 'train', load: async () => (await import('./cmd-train.js')).trainCommand },
  { name: 'ship', load: async () => (await import('./cmd-ship.js')).shipCommand },
  { name: 'evaluate', load: async () => (await import('./cmd-evaluate.js')).evaluateCommand },
  { name: 'embed', load: async () => (await import('./cmd-embed.js')).embedCommand },
  { name: 'classify', load: async () => (await import('./cmd-classify.js')).classifyCommand },
  { name: 'convert', load: async () => (await import('./cmd-convert.js')).convertCommand },
];
