/**
 * Real-browser test harness: Debian's Chromium driven by playwright-core, pages served from
 * this repository on 127.0.0.1 with cross-origin isolation (COOP/COEP) headers.
 *
 * - `GET /<path>` serves a file of the repository (e.g. `/node_modules/onnxruntime-web/dist/…`).
 * - `GET /__bundle/<path>.js` serves `<path>.ts` bundled by esbuild for the browser (ESM), so a
 *   test page or worker written in TypeScript can be loaded directly.
 * - `GET /__page/<path>.js` serves an HTML page that imports that bundle as a module.
 *
 * Chromium is never downloaded: it is found at `SCL_WEAR_CHROMIUM`, `/usr/bin/chromium` or
 * `/usr/bin/chromium-browser`, and a missing browser fails the test loudly.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { build } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/** Repository root. */
export const repoRoot = resolve(import.meta.dirname, '..', '..');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.onnx': 'application/octet-stream',
  '.csv': 'text/csv',
  '.svg': 'image/svg+xml',
  '.css': 'text/css',
};

/** Path of the Chromium binary to use; throws a clear error when none is installed. */
export function findChromium(): string {
  const candidates = [process.env.SCL_WEAR_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const c of candidates) if (c && existsSync(c)) return c;
  throw new Error(
    "Chromium not found: browser tests need Debian's chromium (apt-get install chromium) " +
      'or SCL_WEAR_CHROMIUM=/path/to/chrome. They are never skipped.',
  );
}

/** A running static server. */
export interface TestServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Number of requests served, by path (for privacy tests). */
  requests: string[];
  close(): Promise<void>;
}

const bundleCache = new Map<string, string>();

async function bundle(entry: string): Promise<string> {
  const cached = bundleCache.get(entry);
  if (cached) return cached;
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    sourcemap: 'inline',
    logLevel: 'silent',
    // onnxruntime-web loads its .wasm/.mjs helpers at run time from wasmPaths.
    external: ['node:*'],
  });
  const text = result.outputFiles[0]!.text;
  bundleCache.set(entry, text);
  return text;
}

/**
 * Starts the static server on 127.0.0.1 on a free port.
 *
 * @param extraHeaders - headers added to every response (COOP/COEP are always set)
 * @param root - directory served (default: the repository); `/` serves its `index.html`
 */
export async function startServer(extraHeaders: Record<string, string> = {}, root = repoRoot): Promise<TestServer> {
  const requests: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const headers: Record<string, string> = {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cache-Control': 'no-store',
      ...extraHeaders,
    };
    try {
      if (path.startsWith('/__page/')) {
        const js = path.slice('/__page'.length);
        res.writeHead(200, { ...headers, 'Content-Type': MIME['.html']! });
        res.end(
          `<!doctype html><meta charset="utf-8"><title>test</title><body><script type="module" src="/__bundle${js}"></script></body>`,
        );
        return;
      }
      if (path.startsWith('/__bundle/')) {
        const ts = safePath(path.slice('/__bundle'.length).replace(/\.js$/, '.ts'));
        if (!existsSync(ts)) {
          res.writeHead(404, headers);
          res.end('not found');
          return;
        }
        const text = await bundle(ts);
        res.writeHead(200, { ...headers, 'Content-Type': MIME['.js']! });
        res.end(text);
        return;
      }
      const file = safePath(path.endsWith('/') ? `${path}index.html` : path, root);
      if (!existsSync(file) || !statSync(file).isFile()) {
        res.writeHead(404, headers);
        res.end('not found');
        return;
      }
      res.writeHead(200, { ...headers, 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
    } catch (err) {
      res.writeHead(500, { ...headers, 'Content-Type': 'text/plain' });
      res.end(String(err instanceof Error ? err.stack : err));
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('server has no port');
  return {
    url: `http://127.0.0.1:${addr.port}`,
    requests,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

function safePath(urlPath: string, root = repoRoot): string {
  const file = normalize(join(root, urlPath));
  if (!file.startsWith(root)) throw new Error(`path outside the served directory: ${urlPath}`);
  return file;
}

/** Options of {@link launchBrowser}. */
export interface LaunchOptions {
  /** Expose Chromium's (software) WebGPU adapter with `--enable-unsafe-webgpu`. */
  webgpu?: boolean;
  /** Extra command-line switches. */
  args?: string[];
}

/** A launched browser with its own fresh profile directory. */
export interface TestBrowser {
  browser: BrowserContext;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Launches headless Chromium with a fresh profile and no background networking.
 * Uses a persistent context so that a page reload keeps IndexedDB (for crash/reload tests).
 *
 * @param options - WebGPU switch and extra arguments
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'scl-wear-chromium-'));
  const args = [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
    '--disable-dev-shm-usage',
    ...(options.webgpu
      ? ['--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-angle=swiftshader', '--use-webgpu-adapter=swiftshader']
      : []),
    ...(options.args ?? []),
  ];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    args,
  });
  return {
    browser: context,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The server and browser of a test file, set by {@link useBrowser}'s hooks. */
export interface BrowserFixture {
  readonly server: TestServer;
  readonly browser: TestBrowser;
}

/**
 * Registers `beforeAll` / `afterAll` hooks that start one server and one browser for the test
 * file and close them afterwards; read them from the returned object inside tests.
 *
 * @param options - browser options
 */
export function useBrowser(options: LaunchOptions = {}): BrowserFixture {
  const fixture = {} as { server: TestServer; browser: TestBrowser };
  beforeAll(async () => {
    fixture.server = await startServer();
    fixture.browser = await launchBrowser(options);
  });
  afterAll(async () => {
    await fixture.browser?.close();
    await fixture.server?.close();
  });
  return fixture;
}

/** Re-exported so tests need one import. */
export type { Browser, Page };
