// Runs a parser call and returns the FormatError code it threw ('none' if it did not throw);
// fails the test on any other kind of error.
import { expect } from 'vitest';
import { FormatError } from '../../src/errors.js';

export function formatErrorCode(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(FormatError);
    return (err as FormatError).code;
  }
  return 'none';
}
