import { SdkError } from '../errors.js';
import type { CliIO } from './command.js';
import { commands } from './commands.js';

const io: CliIO = {
  out: (t) => process.stdout.write(t + '\n'),
  err: (t) => process.stderr.write(t + '\n'),
};

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'usage: scl-wear <command> [options]',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `scl-wear <command> --help` for a command\'s options.',
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

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    io.err(String(err instanceof Error ? err.stack : err));
    process.exit(1);
  },
);
