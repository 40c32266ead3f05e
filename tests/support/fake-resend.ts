// A stand-in for Resend's HTTP API on 127.0.0.1: records every request (headers included) and can be
// told to answer 429 with rate-limit headers, 500, or hang. Only the far side of the HTTP boundary is fake.
// Error bodies have Resend's shape ({ statusCode, name, message }); like Resend's default strict
// batch validation, one invalid address rejects a whole batch with 422. Like Resend, a send that
// repeats the Idempotency-Key of one accepted within 24 hours gets the first answer back and sends
// nothing: a retry after a response that arrived too late (the client gave up, the mail went) must
// not deliver twice, and the outbox relies on exactly that.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { answerControl, FakeBehaviourSwitch, listenOnLoopback, readJson, sendJson } from './json-http';

export type RecordedEmail = {
  id: string;
  from: string;
  to: string[];
  subject: string;
  html?: string;
  text?: string;
  headers?: Record<string, string>;
  tags?: unknown;
  receivedAt: string;
};

export type RecordedRequest = {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  status: number;
  receivedAt: string;
};

/** What the next requests get: the mode applies to `count` requests (or all, when omitted). */
export type FakeBehaviour =
  | { mode: 'ok' }
  | { mode: 'status'; status: number; headers?: Record<string, string>; body?: unknown; count?: number }
  | { mode: 'hang'; count?: number }
  | { mode: 'random'; failureRate: number; statuses: number[]; headers?: Record<string, string> };

export type FakeResendOptions = {
  port?: number;
  /** Enforce a rate limit like Resend's: at most `requestsPerSecond` requests a second, 429 beyond. */
  requestsPerSecond?: number;
};

export type FakeResend = {
  url: string;
  server: Server;
  emails: RecordedEmail[];
  requests: RecordedRequest[];
  setBehaviour: (behaviour: FakeBehaviour) => void;
  reset: () => void;
  close: () => Promise<void>;
};

export async function startFakeResend(options: FakeResendOptions = {}): Promise<FakeResend> {
  const emails: RecordedEmail[] = [];
  const requests: RecordedRequest[] = [];
  const behaviour = new FakeBehaviourSwitch<FakeBehaviour>({ mode: 'ok' }, { mode: 'ok' });
  const windowStarts: number[] = [];
  /** Idempotency-Key → the answer of the accepted send that carried it (Resend keeps them 24 hours). */
  const acceptedByKey = new Map<string, unknown>();

  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const body = await readJson(req);

    if (path.startsWith('/__control')) return control(req, res, path, body);

    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    const record = (status: number) =>
      requests.push({ method: req.method ?? 'GET', path, headers, body, status, receivedAt: new Date().toISOString() });

    if (options.requestsPerSecond) {
      const now = Date.now();
      while (windowStarts.length && now - windowStarts[0] >= 1000) windowStarts.shift();
      const limit = options.requestsPerSecond;
      const rateHeaders = {
        'ratelimit-limit': String(limit),
        'ratelimit-remaining': String(Math.max(0, limit - windowStarts.length - 1)),
        'ratelimit-reset': '1',
      };
      if (windowStarts.length >= limit) {
        record(429);
        const retryAfter = Math.max(1, Math.ceil((1000 - (now - windowStarts[0])) / 1000));
        return sendJson(res, 429, { statusCode: 429, name: 'rate_limit_exceeded', message: 'Too many requests' }, { ...rateHeaders, 'retry-after': String(retryAfter), 'ratelimit-remaining': '0' });
      }
      windowStarts.push(now);
      res.setHeader('ratelimit-limit', rateHeaders['ratelimit-limit']);
      res.setHeader('ratelimit-remaining', rateHeaders['ratelimit-remaining']);
      res.setHeader('ratelimit-reset', rateHeaders['ratelimit-reset']);
    }

    const active = behaviour.take();
    if (active.mode !== 'ok' && active.mode !== 'random') {
      if (active.mode === 'hang') {
        record(0);
        return behaviour.hang(res);
      }
      record(active.status);
      return sendJson(res, active.status, active.body ?? errorBody(active.status), active.headers);
    }
    if (active.mode === 'random' && Math.random() < active.failureRate) {
      const status = active.statuses[Math.floor(Math.random() * active.statuses.length)];
      if (status === 0) {
        record(0);
        return behaviour.hang(res);
      }
      record(status);
      return sendJson(res, status, errorBody(status), active.headers);
    }

    if (req.method === 'POST' && (path === '/emails' || path === '/emails/batch')) {
      const invalid = ([] as unknown[]).concat(path === '/emails' ? [body] : Array.isArray(body) ? body : []).find((item) => !validAddresses(item));
      if (invalid) {
        record(422);
        return sendJson(res, 422, { statusCode: 422, name: 'validation_error', message: 'Invalid `to` field. The email address needs to follow the `email@example.com` format.' });
      }
    }
    const replayKey = headers['idempotency-key'] ? `${path} ${headers['idempotency-key']}` : null;
    const sending = req.method === 'POST' && (path === '/emails' || path === '/emails/batch');
    if (sending && replayKey && acceptedByKey.has(replayKey)) {
      record(200);
      return sendJson(res, 200, acceptedByKey.get(replayKey));
    }
    const remember = (answer: unknown) => {
      if (replayKey) acceptedByKey.set(replayKey, answer);
      return answer;
    };
    if (req.method === 'POST' && path === '/emails') {
      const email = accept(body as Record<string, unknown>);
      record(200);
      return sendJson(res, 200, remember({ id: email.id }));
    }
    if (req.method === 'POST' && path === '/emails/batch') {
      const batch = Array.isArray(body) ? body : [];
      const accepted = batch.map((item) => accept(item as Record<string, unknown>));
      record(200);
      return sendJson(res, 200, remember({ data: accepted.map((email) => ({ id: email.id })) }));
    }
    record(404);
    return sendJson(res, 404, { statusCode: 404, name: 'not_found', message: `No route ${req.method} ${path}` });
  });

  function accept(body: Record<string, unknown>): RecordedEmail {
    const email: RecordedEmail = {
      id: randomUUID(),
      from: String(body.from ?? ''),
      to: ([] as unknown[]).concat(body.to ?? []).map(String),
      subject: String(body.subject ?? ''),
      html: body.html as string | undefined,
      text: body.text as string | undefined,
      headers: body.headers as Record<string, string> | undefined,
      tags: body.tags,
      receivedAt: new Date().toISOString(),
    };
    emails.push(email);
    return email;
  }

  function control(req: IncomingMessage, res: ServerResponse, path: string, body: unknown) {
    return answerControl(req, res, path, body, {
      reads: { emails: () => emails, requests: () => requests },
      actions: { behaviour: (next) => setBehaviour(next as FakeBehaviour), reset: () => reset() },
    });
  }

  const setBehaviour = (next: FakeBehaviour) => behaviour.set(next);

  function reset() {
    emails.length = 0;
    requests.length = 0;
    acceptedByKey.clear();
    setBehaviour({ mode: 'ok' });
  }

  const { url, close } = await listenOnLoopback(server, behaviour, options.port);
  return { url, server, emails, requests, setBehaviour, reset, close };
}

function errorBody(status: number) {
  return { statusCode: status, name: status === 429 ? 'rate_limit_exceeded' : 'application_error', message: `fake status ${status}` };
}

function validAddresses(item: unknown): boolean {
  const to = ([] as unknown[]).concat((item as { to?: unknown } | undefined)?.to ?? []);
  return to.length > 0 && to.every((address) => typeof address === 'string' && /^[^\s@]+@[^\s@]+$/.test(address));
}
