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
