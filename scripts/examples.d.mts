// Types of scripts/examples.mjs (build and serve the browser examples).

/** Options of {@link buildExamples}. */
export interface BuildExamplesOptions {
  /** Output directory (default `.cache/examples`). */
  outDir?: string;
  /** Resolve `scl-wear` like an application does (node_modules or the built package). */
  usePackage?: boolean;
  minify?: boolean;
  /** Files to use for the package's entries (default the repository's sources). */
  entries?: Record<string, string>;
}

/** Builds every example page; resolves to the output directory. */
export function buildExamples(options?: BuildExamplesOptions): Promise<string>;

/** Serves a built examples directory on 127.0.0.1 with COOP/COEP headers (`port` 0: any free port). */
export function serveExamples(options?: { dir?: string; port?: number }): Promise<{ url: string; close(): Promise<void> }>;
