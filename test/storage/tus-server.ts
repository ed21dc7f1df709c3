// A real tus server (@tus/server with a file store) on 127.0.0.1 behind a TCP proxy that can
// cut a connection mid-upload, for the sync tests (Node and Chromium).
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { connect, createServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENTS, Server } from '@tus/server';
import { FileStore } from '@tus/file-store';

export interface TusFixture {
  /** The endpoint, through the proxy. */
  endpoint: string;
  /** Uploads created (POST). */
  created: number;
  /** Uploads completed, with their metadata. */
  finished: { id: string; metadata: Record<string, string | null> }[];
  /** Upload ids terminated (DELETE). */
  terminated: string[];
  /** Bytes of PATCH bodies and headers the proxy forwarded to the server. */
  forwarded: number;
  /** Cut the connection that carries the `bytes`-th byte from now (once). */
  cutAfter(bytes: number): void;
  /** Connections cut so far. */
  cuts: number;
  /** From the `bytes`-th byte from now, hold back everything clients send (the upload hangs) until `release()`. */
  stallAfter(bytes: number): void;
  release(): void;
  /** The bytes of a finished upload. */
  file(id: string): Uint8Array;
  close(): Promise<void>;
}

/** Starts the server and the proxy. */
export async function startTus(): Promise<TusFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'scl-tus-'));
  const tus = new Server({ path: '/files', datastore: new FileStore({ directory: dir }) });
  const fx: TusFixture = {
    endpoint: '',
    created: 0,
    finished: [],
    terminated: [],
    forwarded: 0,
    cuts: 0,
    cutAfter: (bytes) => (cutAt = fx.forwarded + bytes),
    stallAfter: (bytes) => (stallAt = fx.forwarded + bytes),
    release: () => (stallAt = Infinity),
    file: (id) => new Uint8Array(readFileSync(join(dir, id))),
    close: async () => {
      for (const s of sockets) s.destroy();
      http.closeAllConnections();
      await Promise.all([new Promise((r) => proxy.close(r)), new Promise((r) => http.close(r))]);
    },
  };
  tus.on(EVENTS.POST_CREATE, () => fx.created++);
  tus.on(EVENTS.POST_FINISH, (_req, _res, upload) => fx.finished.push({ id: upload.id, metadata: { ...(upload.metadata ?? {}) } }));
  tus.on(EVENTS.POST_TERMINATE, (_req, _res, id) => fx.terminated.push(id));
  const http: HttpServer = createHttpServer((req, res) => void tus.handle(req, res));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const upstreamPort = (http.address() as AddressInfo).port;
  let cutAt = Infinity;
  let stallAt = Infinity;
  const sockets = new Set<Socket>();
  const proxy: NetServer = createServer((client) => {
    const upstream = connect(upstreamPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (d) => {
      if (fx.forwarded + d.length > stallAt) {
        const keep = d.subarray(0, Math.max(0, stallAt - fx.forwarded));
        fx.forwarded += keep.length;
        upstream.write(keep);
        return;
      }
      if (fx.forwarded + d.length > cutAt) {
        const keep = d.subarray(0, Math.max(0, cutAt - fx.forwarded));
        cutAt = Infinity;
        fx.cuts++;
        fx.forwarded += keep.length;
        upstream.write(keep, drop);
        return;
      }
      fx.forwarded += d.length;
      upstream.write(d);
    });
    upstream.on('data', (d) => client.write(d));
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  fx.endpoint = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/files/`;
  return fx;
}
