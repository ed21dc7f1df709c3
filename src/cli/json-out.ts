import type { CliIO } from './command.js';

/**
 * Writes one JSON object whose last member is an array, element by element as they are
 * produced: a first line with the other members and the opening bracket, one line per
 * element, and a last line closing both. The text is a single valid JSON document, and
 * nothing but the current element is held, however many elements come. Each element waits
 * for the output to drain (`io.drain`), so a slow reader on a pipe slows the writer down
 * instead of filling memory.
 */
export class JsonArrayWriter {
  private first = true;

  /**
   * Writes the head.
   *
   * @param io - the CLI output
   * @param head - the members before the array
   * @param key - name of the array member
   */
  constructor(
    private readonly io: CliIO,
    head: Record<string, unknown>,
    key: string,
  ) {
    const h = JSON.stringify(head);
    io.out(`${h.length > 2 ? `${h.slice(0, -1)},` : '{'}${JSON.stringify(key)}:[`);
  }

  /** Writes one element (non-finite numbers become `null`, as `JSON.stringify` does). */
  async add(item: unknown): Promise<void> {
    this.io.out((this.first ? '' : ',') + JSON.stringify(item));
    this.first = false;
    await this.io.drain?.();
  }

  /** Closes the array and the object. */
  end(): void {
    this.io.out(']}');
  }
}

/**
 * Writes a JSON object with its array members one element per line (see
 * {@link JsonArrayWriter}), so large results leave in pieces, waiting for the output to drain.
 *
 * @param io - the CLI output
 * @param value - the object
 */
export async function writeJson(io: CliIO, value: Record<string, unknown>): Promise<void> {
  const entries = Object.entries(value);
  io.out('{');
  for (const [i, [key, v]] of entries.entries()) {
    const sep = i + 1 < entries.length ? ',' : '';
    if (!Array.isArray(v)) {
      io.out(`${JSON.stringify(key)}:${(JSON.stringify(v) as string | undefined) ?? 'null'}${sep}`);
      continue;
    }
    io.out(`${JSON.stringify(key)}:[`);
    for (let k = 0; k < v.length; k += 256) {
      io.out(
        (k > 0 ? ',' : '') +
          v
            .slice(k, k + 256)
            .map((x) => (JSON.stringify(x) as string | undefined) ?? 'null')
            .join(','),
      );
      await io.drain?.();
    }
    io.out(`]${sep}`);
  }
  io.out('}');
  await io.drain?.();
}
