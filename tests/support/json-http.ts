// The JSON plumbing the fake HTTP APIs (fake-resend.ts, fake-solapi.ts) share.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The request body parsed as JSON; undefined when empty or not JSON. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (!chunks.length) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * The `/__control/*` endpoints of a fake: `reads` answer GET-or-POST with their data, `actions`
 * (POST only) act on the body and answer `{ ok: true }`; any other path is a 404.
 */
export function answerControl(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  body: unknown,
  routes: { reads: Record<string, () => unknown>; actions: Record<string, (body: unknown) => void> },
) {
  const name = path.slice('/__control/'.length);
  if (name in routes.reads) return sendJson(res, 200, routes.reads[name]());
  if (name in routes.actions && req.method === 'POST') {
    routes.actions[name](body);
    return sendJson(res, 200, { ok: true });
  }
  return sendJson(res, 404, { error: 'unknown control path' });
}

/**
 * What a fake does next: a behaviour that holds for `count` requests (or all), and the requests it
 * left hanging, let go when the behaviour turns back to 'ok' or the fake closes.
 */
export class FakeBehaviourSwitch<B extends { mode: string }> {
  readonly hanging = new Set<ServerResponse>();
  private remaining = Infinity;

  constructor(private behaviour: B, private readonly ok: B) {}

  set(next: B) {
    this.behaviour = next;
    const count = (next as { count?: number }).count;
    this.remaining = count ?? Infinity;
    if (next.mode === 'ok') this.releaseHanging();
  }

  /** The behaviour for this request, counting it against `count`. */
  take(): B {
    if (this.remaining <= 0) return this.ok;
    if (this.behaviour.mode !== 'ok') this.remaining -= 1;
    return this.behaviour;
  }

  hang(res: ServerResponse) {
    this.hanging.add(res);
    res.on('close', () => this.hanging.delete(res));
  }

  releaseHanging() {
    for (const res of this.hanging) res.destroy();
  }
}

/** Starts a fake on 127.0.0.1 (any free port unless one is given); close() first lets its hanging requests go. */
export async function listenOnLoopback(server: Server, behaviour: { releaseHanging(): void }, port = 0): Promise<{ url: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      behaviour.releaseHanging();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
