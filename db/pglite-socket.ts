import type { PGlite } from '@electric-sql/pglite';

// The embedded database's socket, through which psql and the end-to-end tests look into PGlite while
// the app queries it in-process: both share PGlite's one backend. @electric-sql/pglite-socket 0.2
// hands PGlite each protocol message of a client on its own, so the app's queries could run between
// a client's Bind and Execute (both on the unnamed portal) and the client read another query's rows.
// Here a client's messages run together up to the one it waits on (Sync, Flush, a simple Query).

/** Messages of the extended protocol that get no answer of their own: held until the client's exchange is complete. */
const HELD_BACK = new Set(['P', 'B', 'D', 'E', 'C']);
const PROTOCOL_3 = 196608;

type HandlerInternals = EventTarget & {
  socket: { writable: boolean; write: (data: Buffer, done: (error?: Error | null) => void) => void } | null;
  active: boolean;
  id: number;
  messageBuffer: Buffer;
  queryQueue: { enqueue: (handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void) => Promise<number> };
  handleSslRequest: () => boolean;
  handleCancelRequest: () => boolean;
};

/** The length of the complete exchange at the buffer's start, or 0 while it is still arriving. */
export function completeExchangeLength(buffer: Buffer): number {
  // The startup message has no type byte: its length, then the protocol version.
  if (buffer.length >= 8 && buffer.readInt32BE(4) === PROTOCOL_3) return buffer.length >= buffer.readInt32BE(0) ? buffer.readInt32BE(0) : 0;
  let offset = 0;
  while (buffer.length >= offset + 5) {
    const end = offset + 1 + buffer.readInt32BE(offset + 1);
    if (buffer.length < end) return 0;
    const type = String.fromCharCode(buffer[offset]);
    offset = end;
    if (!HELD_BACK.has(type)) return offset;
  }
  return 0;
}

async function handleExchanges(this: HandlerInternals, data: Buffer): Promise<number> {
  if (!this.socket || !this.active) return 0;
  this.messageBuffer = Buffer.concat([this.messageBuffer, data]);
  let sent = 0;
  while (this.messageBuffer.length > 0 && this.active && this.socket) {
    if (this.handleSslRequest() || this.handleCancelRequest()) continue;
    const length = completeExchangeLength(this.messageBuffer);
    if (length === 0) break;
    const exchange = this.messageBuffer.subarray(0, length);
    this.messageBuffer = this.messageBuffer.subarray(length);
    let writeError: Error | null | undefined;
    sent += await this.queryQueue.enqueue(this.id, new Uint8Array(exchange), (answer) => {
      if (answer.length > 0 && this.active && this.socket?.writable) {
        this.socket.write(Buffer.from(answer), (error) => {
          if (error) writeError = error;
        });
      }
    });
    if (writeError) throw writeError;
  }
  this.dispatchEvent(new CustomEvent('data', { detail: { incoming: data.length, outgoing: sent } }));
  return sent;
}

/** Starts the socket server (`psql -h 127.0.0.1 -p PORT`), each client's exchange run as one. */
export async function startPgliteSocketServer(db: PGlite, options: { host: string; port: number; maxConnections: number }): Promise<{ stop: () => Promise<void> }> {
  const { PGLiteSocketHandler, PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const prototype = PGLiteSocketHandler.prototype as unknown as { handleData: unknown };
  if (typeof prototype.handleData !== 'function') throw new Error('@electric-sql/pglite-socket changed: its handler has no handleData to replace (db/pglite-socket.ts)');
  prototype.handleData = handleExchanges;
  const server = new PGLiteSocketServer({ db, ...options });
  await server.start();
  return server;
}
