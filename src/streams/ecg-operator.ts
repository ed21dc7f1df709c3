import type { OperatorFunction } from 'rxjs';
import type { SampleBatch } from '../core/batch.js';
import { EcgInput } from './ecg-input.js';
import { statefulOperator, type Emit } from './stateful-operator.js';
import { checkSameStream } from './stream-shape.js';

/** The per-subscription work of an ECG operator, fed the chosen lead in mV. */
export interface EcgStage {
  /** The stream had a gap before the coming batch: end the current segment. */
  gap(): void;
  /** One batch's lead in mV (a buffer reused by the next batch). */
  process(x: Float32Array): void;
  /** The source completed: decide and emit what is pending. */
  flush(): void;
}

/**
 * Builds an ECG operator: checks that every batch has the first one's rate and channels, picks
 * the lead (`channel`, default the first in mV or uV) as millivolts, and starts the stage on the
 * first batch with the stream's rate. A batch with `gapBefore > 0` calls `gap` before its
 * samples are processed; completion calls `flush` when a stage was started. Internal wiring of
 * `rpeaks` and `signalQuality`.
 *
 * @param where - operator name for messages
 * @param channel - ECG channel by index or name
 * @param start - makes the stage for one subscription, given the rate in Hz, the input (for
 *   sample times) and the emitter
 */
export function ecgOperator<R>(
  where: string,
  channel: number | string | undefined,
  start: (rate: number, input: EcgInput, emit: Emit<R>) => EcgStage,
): OperatorFunction<SampleBatch, R> {
  return statefulOperator(() => {
    let first: SampleBatch | undefined;
    let input: EcgInput | undefined;
    let stage: EcgStage | undefined;
    return {
      next(batch, emit) {
        first ??= batch;
        checkSameStream(first, batch, where);
        input ??= new EcgInput(first, channel, where);
        stage ??= start(batch.rate, input, emit);
        if (batch.gapBefore !== undefined && batch.gapBefore > 0) stage.gap();
        stage.process(input.take(batch));
      },
      complete() {
        stage?.flush();
      },
    };
  });
}
