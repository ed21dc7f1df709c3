import type { Command } from './command.js';
import { infoCommand } from './cmd-info.js';
import { trainCommand } from './cmd-train.js';
import { shipCommand } from './cmd-ship.js';
import { evaluateCommand } from './cmd-evaluate.js';
import { replayCommand } from './cmd-replay.js';
import { simulateCommand } from './cmd-simulate.js';
import { demoCommand } from './cmd-demo.js';
import { rpeaksCommand } from './cmd-rpeaks.js';

/** Every CLI subcommand, in the order `--help` lists them. Add new commands here. */
export const commands: readonly Command[] = [infoCommand, demoCommand, replayCommand, simulateCommand, trainCommand, shipCommand, evaluateCommand, rpeaksCommand];
