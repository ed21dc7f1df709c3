import { once } from 'node:events';
import { SdkError } from '../errors.js';
import type { CliIO } from './command.js';
import { commands } from './commands.js';

let draining: Promise<void> | undefined;
const io: CliIO = {
  out: (t) => process.stdout.write(t + '\n'),
  err: (t) => process.stderr.write(t + '\n'),
  drain: () => {
    if (!process.stdout.writableNeedDrain) return Promise.resolve();
    // One listener however many writers wait.
    return (draining ??= once(process.stdout, 'drain').then(() => {
      draining = undefined;
    }));
  },
};

// A reader that went away (`scl-wear ... --json | head`) ends the output, not the process with a trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

/** Resolves once everything written to `stream` so far has been handed to the OS. */
const flushed = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write('', () => resolve()));

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'usage: scl-wear <command> [options]',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run `scl-wear <command> --help` for a command's options.",
  ].join('\n');
}

/**
 * Runs the CLI with the given arguments and returns the exit code.
 *
 * @param argv - arguments after the program name
 */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name ? 0 : 1;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.err(`scl-wear: unknown command "${name}"; expected one of: ${commands.map((c) => c.name).join(', ')}`);
    return 2;
  }
  const cmd = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(cmd.usage);
    return 0;
  }
  try {
    return await cmd.run(rest, io);
  } catch (err) {
    if (err instanceof SdkError) {
      io.err(`scl-wear ${name}: ${err.code}: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

// Exit only after stdout and stderr drained: on a pipe, exiting earlier cuts the output.
main(process.argv.slice(2)).then(
  async (code) => {
    await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
    process.exit(code);
  },
  async (err: unknown) => {
    io.err(String(err instanceof Error ? err.stack : err));
    await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
    process.exit(1);
  },
);
