import { parseFlags, type FlagSpec, type Flags } from './args.js';

/** A subcommand of the `scl-wear` CLI. */
export interface Command {
  /** Name typed on the command line, e.g. `replay`. */
  readonly name: string;
  /** Full usage text shown by `scl-wear NAME --help`. */
  readonly usage: string;
  /**
   * Runs the command.
   *
   * @param argv - arguments after the command name
   * @param io - where to write output
   * @returns the process exit code
   */
  run(argv: string[], io: CliIO): Promise<number>;
}

/** Output streams of the CLI (injected so commands can be tested in-process). */
export interface CliIO {
  /** Writes a line to the output. */
  out(text: string): void;
  /** Writes a line to the error output. */
  err(text: string): void;
  /** Resolves when the output has drained enough to take more (absent: always ready). */
  drain?: () => Promise<void>;
}

/** A command whose flags {@link parseFlags} reads before `run` sees them. */
export interface FlagCommand<S extends FlagSpec> {
  /** Name typed on the command line; also the name in flag error messages. */
  readonly name: string;
  /** Full usage text shown by `scl-wear NAME --help`. */
  readonly usage: string;
  /** The flags the command accepts. */
  readonly flags: S;
  /**
   * Runs the command.
   *
   * @param f - the parsed flags
   * @param io - where to write output
   * @returns the process exit code
   */
  run(f: Flags<S>, io: CliIO): Promise<number>;
}

/**
 * A {@link Command} that parses its flags strictly (an unknown flag, a missing value or a stray
 * argument is an `E_ARGUMENT` naming the command's `--help`) and runs on the parsed flags.
 *
 * @throws InputError `E_ARGUMENT` (from the returned command's `run`) for flags it does not accept
 */
export function flagCommand<S extends FlagSpec>(command: FlagCommand<S>): Command {
  return {
    name: command.name,
    usage: command.usage,
    async run(argv, io) {
      return command.run(parseFlags(argv, command.flags, command.name), io);
    },
  };
}
