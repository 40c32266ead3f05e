import { describe, expect, it } from 'vitest';
import { completeExchangeLength } from '@/db/pglite-socket';

/** One protocol message: its type, its length (itself included), its body. */
const message = (type: string, body = Buffer.alloc(0)) => {
  const head = Buffer.alloc(5);
  head.write(type, 0);
  head.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([head, body]);
};

describe('completeExchangeLength (the embedded database socket runs a client exchange as one)', () => {
  const parse = message('P', Buffer.from('\0select 1\0\0\0'));
  const bind = message('B', Buffer.from('\0\0\0\0\0\0\0\0\0\0'));
  const execute = message('E', Buffer.from('\0\0\0\0\0'));
  const sync = message('S');

  it('holds Parse, Bind and Execute back until the Sync the client waits on', () => {
    const exchange = Buffer.concat([parse, bind, execute, sync]);
    expect(completeExchangeLength(exchange)).toBe(exchange.length);
    expect(completeExchangeLength(Buffer.concat([parse, bind, execute]))).toBe(0);
  });

  it('ends an exchange at a Flush or a simple query, and leaves what follows for the next', () => {
    const first = Buffer.concat([parse, message('D', Buffer.from('S\0')), message('H')]);
    expect(completeExchangeLength(Buffer.concat([first, bind, execute, sync]))).toBe(first.length);
    const query = message('Q', Buffer.from('select 1\0'));
    expect(completeExchangeLength(Buffer.concat([query, query]))).toBe(query.length);
  });

  it('waits for a message that has not fully arrived, and takes the startup message alone', () => {
    expect(completeExchangeLength(sync.subarray(0, 3))).toBe(0);
    const startup = Buffer.alloc(16);
    startup.writeInt32BE(16, 0);
    startup.writeInt32BE(196608, 4);
    expect(completeExchangeLength(Buffer.concat([startup, sync]))).toBe(16);
  });
});
