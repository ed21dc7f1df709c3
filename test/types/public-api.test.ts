// Type-level tests of the main entry's key signatures. `tsc` checks them (tsconfig includes
// test/); a changed signature fails an `expectTypeOf` assertion, and a `@ts-expect-error` line
// fails when the call it guards starts to type-check.
import type { IDBPDatabase } from 'idb';
import type { MonoTypeOperatorFunction, Observable, OperatorFunction } from 'rxjs';
import { describe, expectTypeOf, it } from 'vitest';
import {
  alignStreams,
  classify,
  createBatch,
  createEncoder,
  embed,
  fineTune,
  FormatError,
  heartRate,
  hrv,
  iirFilter,
  InputError,
  normalize,
  openWearDb,
  recordSession,
  resample,
  rpeaks,
  rrIntervals,
  SdkError,
  signalQuality,
  slidingWindow,
  StorageError,
  validate,
  type AlignedPair,
  type BiquadDesign,
  type ClassifyOptions,
  type ClassResult,
  type EcgQualityWindow,
  type EmbeddingResult,
  type EmbedOptions,
  type Encoder,
  type EncoderOptions,
  type FineTuneConfig,
  type FineTuneExamples,
  type FineTuneOptions,
  type FineTuneResult,
  type FilterSpec,
  type FormatErrorCode,
  type HeartRate,
  type HrvSummary,
  type InputErrorCode,
  type OpenWearDbOptions,
  type RecordingProgress,
  type RecordOptions,
  type RPeak,
  type RRInterval,
  type SampleBatch,
  type SampleBatchInit,
  type SampleWindow,
  type SdkErrorCode,
  type StorageErrorCode,
  type WearDb,
} from '../../src/index.js';
import type { WearSchema } from '../../src/advanced.js';

describe('inference signatures', () => {
  it('createEncoder takes options and resolves to an Encoder', () => {
    expectTypeOf(createEncoder).parameters.toEqualTypeOf<[options: EncoderOptions]>();
    expectTypeOf(createEncoder).returns.toEqualTypeOf<Promise<Encoder>>();
    expectTypeOf<Encoder['embed']>().toEqualTypeOf<(windows: readonly SampleWindow[]) => Promise<EmbeddingResult[]>>();
    expectTypeOf<Encoder['classify']>().toEqualTypeOf<(windows: readonly SampleWindow[]) => Promise<ClassResult[]>>();
    expectTypeOf<Encoder['close']>().toEqualTypeOf<() => Promise<void>>();
    // @ts-expect-error: the model is required
    const _withoutModel = () => createEncoder({});
  });

  it('embed and classify are operators from batches to results', () => {
    expectTypeOf(embed).parameters.toEqualTypeOf<[encoder: Encoder, options?: EmbedOptions]>();
    expectTypeOf(embed).returns.toEqualTypeOf<OperatorFunction<SampleBatch, EmbeddingResult>>();
    expectTypeOf(classify).parameters.toEqualTypeOf<[encoder: Encoder, options?: ClassifyOptions]>();
    expectTypeOf(classify).returns.toEqualTypeOf<OperatorFunction<SampleBatch, ClassResult>>();
    expectTypeOf<ClassResult>().toExtend<EmbeddingResult>();
    expectTypeOf<ClassResult['label']>().toEqualTypeOf<string>();
    expectTypeOf<EmbeddingResult['inv']>().toEqualTypeOf<Float32Array>();
    // @ts-expect-error: the encoder comes first
    const _withoutEncoder = () => embed({ hopSeconds: 1 });
  });
});

describe('stream operator types', () => {
  it('each operator maps the documented element types', () => {
    expectTypeOf(validate()).toEqualTypeOf<OperatorFunction<SampleBatch, SampleBatch>>();
    expectTypeOf(iirFilter).parameter(0).toEqualTypeOf<FilterSpec | readonly FilterSpec[] | BiquadDesign>();
    expectTypeOf(iirFilter).returns.toEqualTypeOf<OperatorFunction<SampleBatch, SampleBatch>>();
    expectTypeOf(resample).parameter(0).toEqualTypeOf<number>();
    expectTypeOf(resample(50)).toEqualTypeOf<OperatorFunction<SampleBatch, SampleBatch>>();
    expectTypeOf(slidingWindow(100)).toEqualTypeOf<OperatorFunction<SampleBatch, SampleWindow>>();
    expectTypeOf(normalize<SampleWindow>()).toEqualTypeOf<MonoTypeOperatorFunction<SampleWindow>>();
    expectTypeOf(rpeaks()).toEqualTypeOf<OperatorFunction<SampleBatch, RPeak>>();
    expectTypeOf(rrIntervals()).toEqualTypeOf<OperatorFunction<RPeak, RRInterval>>();
    expectTypeOf(heartRate()).toEqualTypeOf<OperatorFunction<RRInterval, HeartRate>>();
    expectTypeOf(hrv()).toEqualTypeOf<OperatorFunction<RRInterval, HrvSummary>>();
    expectTypeOf(signalQuality()).toEqualTypeOf<OperatorFunction<SampleBatch, EcgQualityWindow>>();
    expectTypeOf(alignStreams).returns.toEqualTypeOf<Observable<AlignedPair>>();
  });

  it('a chain that feeds an operator the wrong element type does not compile', () => {
    const wrong = (batches: Observable<SampleBatch>, peaks: Observable<RPeak>) => {
      // @ts-expect-error: rrIntervals consumes R-peaks, not sample batches
      batches.pipe(rrIntervals());
      // @ts-expect-error: heartRate consumes RR intervals, not R-peaks
      peaks.pipe(heartRate());
      // @ts-expect-error: normalize is for batches and windows only
      peaks.pipe(normalize());
      return batches.pipe(rpeaks(), rrIntervals(), heartRate());
    };
    expectTypeOf(wrong).returns.toEqualTypeOf<Observable<HeartRate>>();
  });
});

describe('data model', () => {
  it('createBatch takes an init without length and returns a SampleBatch', () => {
    expectTypeOf(createBatch).parameters.toEqualTypeOf<[init: SampleBatchInit]>();
    expectTypeOf(createBatch).returns.toEqualTypeOf<SampleBatch>();
    expectTypeOf<SampleBatch['data']>().toEqualTypeOf<Float32Array>();
    expectTypeOf<SampleBatch['timestamps']>().toEqualTypeOf<Float64Array | undefined>();
    expectTypeOf<SampleBatch>().toExtend<SampleBatchInit>();
    const bad = () => {
      // @ts-expect-error: samples are a Float32Array, not a number array
      createBatch({ kind: 'ecg', channels: [{ name: 'ecg', unit: 'mV' }], rate: 130, t0: 0, seq: 0, data: [0] });
      // @ts-expect-error: an unknown unit
      createBatch({ kind: 'ecg', channels: [{ name: 'ecg', unit: 'volts' }], rate: 130, t0: 0, seq: 0, data: new Float32Array(1) });
      // @ts-expect-error: an unknown sensor kind
      createBatch({ kind: 'eeg', channels: [{ name: 'ecg', unit: 'mV' }], rate: 130, t0: 0, seq: 0, data: new Float32Array(1) });
    };
    // eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- void is the return type under test
    expectTypeOf(bad).returns.toEqualTypeOf<void>();
  });
});

describe('storage and fine-tuning', () => {
  it('openWearDb resolves to the opaque WearDb', () => {
    expectTypeOf(openWearDb).parameters.toEqualTypeOf<[options?: OpenWearDbOptions]>();
    expectTypeOf(openWearDb).returns.toEqualTypeOf<Promise<WearDb>>();
    expectTypeOf<WearDb['name']>().toEqualTypeOf<string>();
    expectTypeOf<WearDb['version']>().toEqualTypeOf<number>();
    expectTypeOf<WearDb['close']>().toEqualTypeOf<() => void>();
  });

  it('WearDb and idb databases are not assignable to each other', () => {
    expectTypeOf<WearDb>().not.toExtend<IDBPDatabase<WearSchema>>();
    expectTypeOf<IDBPDatabase<WearSchema>>().not.toExtend<WearDb>();
    const misuse = (db: WearDb, idb: IDBPDatabase<WearSchema>) => {
      // @ts-expect-error: the opaque handle has no idb methods
      void db.transaction('sessions');
      // @ts-expect-error: a WearDb is not an idb database
      const asIdb: IDBPDatabase<WearSchema> = db;
      // @ts-expect-error: an idb database is not a WearDb
      const asWear: WearDb = idb;
      // @ts-expect-error: nor is a look-alike with the same public members
      const lookAlike: WearDb = { name: 'x', version: 1, close() {} };
      return [asIdb, asWear, lookAlike];
    };
    expectTypeOf(misuse).parameter(0).toEqualTypeOf<WearDb>();
  });

  it('recordSession is an operator from batches to progress', () => {
    expectTypeOf(recordSession).parameters.toEqualTypeOf<[db: WearDb, session: string, options?: RecordOptions]>();
    expectTypeOf(recordSession).returns.toEqualTypeOf<OperatorFunction<SampleBatch, RecordingProgress>>();
    expectTypeOf<RecordingProgress['status']>().toEqualTypeOf<'recording' | 'complete'>();
  });

  it('fineTune takes the database, examples and config and resolves to a result', () => {
    expectTypeOf(fineTune).parameters.toEqualTypeOf<
      [db: WearDb, examples: FineTuneExamples, config: FineTuneConfig, options?: FineTuneOptions]
    >();
    expectTypeOf(fineTune).returns.toEqualTypeOf<Promise<FineTuneResult>>();
  });
});

describe('errors', () => {
  it('each error class carries its own code union', () => {
    expectTypeOf<InputError['code']>().toEqualTypeOf<InputErrorCode>();
    expectTypeOf<FormatError['code']>().toEqualTypeOf<FormatErrorCode>();
    expectTypeOf<StorageError['code']>().toEqualTypeOf<StorageErrorCode>();
    expectTypeOf<SdkError['code']>().toEqualTypeOf<SdkErrorCode>();
    expectTypeOf<InputError>().toExtend<SdkError>();
    expectTypeOf<FormatErrorCode>().toEqualTypeOf<'E_PARSE' | 'E_TRUNCATED' | 'E_CHECKSUM' | 'E_UNSUPPORTED' | 'E_IO'>();
    expectTypeOf<StorageErrorCode>().toEqualTypeOf<'E_QUOTA' | 'E_STORAGE' | 'E_NOT_FOUND' | 'E_STATE' | 'E_VERSION' | 'E_NETWORK'>();
    expectTypeOf<InputErrorCode | FormatErrorCode | StorageErrorCode | 'E_UNKNOWN'>().toExtend<SdkErrorCode>();
    expectTypeOf<'E_UNKNOWN'>().not.toExtend<InputErrorCode>();
    expectTypeOf<SdkError['details']>().toEqualTypeOf<Readonly<Record<string, unknown>> | undefined>();
  });

  it('a code of another domain does not compile', () => {
    const wrong = () => {
      // @ts-expect-error: E_QUOTA is a storage code
      new InputError('E_QUOTA', 'x');
      // @ts-expect-error: E_NAN is an input code
      new StorageError('E_NAN', 'x');
      // @ts-expect-error: not a code at all
      new SdkError('E_WHATEVER', 'x');
      return new FormatError('E_PARSE', 'x', { details: { line: 3 } });
    };
    expectTypeOf(wrong).returns.toEqualTypeOf<FormatError>();
  });
});
