// A stand-in for SOLAPI's HTTP API on 127.0.0.1, modelled on fake-resend.ts. It checks the
// `HMAC-SHA256 apiKey=…, date=…, salt=…, signature=…` Authorization header of every request
// (signature = HMAC-SHA256(secret, date + salt), hex), records what was sent, and answers with the
// response shapes the solapi SDK reads: send-many/detail (groupInfo, failedMessageList,
// messageList) and the message list (decoded by the SDK's strict schema). It can be told to answer
// with a status, to hang, or to accept a message and still answer 500 (a lost answer). Numbers in
// `blockedNumbers` are refused the way SOLAPI refuses an unreachable number.
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { answerControl, FakeBehaviourSwitch, listenOnLoopback, readJson, sendJson } from './json-http';

export const FAKE_SOLAPI_KEY = 'NCSFAKEAPIKEY0001';
export const FAKE_SOLAPI_SECRET = 'FAKESECRETFAKESECRETFAKESECRET00';

export type RecordedSms = {
  messageId: string;
  groupId: string;
  to: string;
  from: string;
  country: string;
  text: string;
  customFields: Record<string, string>;
  receivedAt: string;
};

export type RecordedSolapiRequest = { method: string; path: string; authorization: string; authorized: boolean; status: number; body: unknown; receivedAt: string };

export type FakeSolapiBehaviour =
  | { mode: 'ok' }
  | { mode: 'status'; status: number; count?: number }
  | { mode: 'hang'; count?: number }
  /** Takes the message, then answers 500: SOLAPI has it, the caller does not know. */
  | { mode: 'accept-then-fail'; count?: number };

export type FakeSolapi = {
  url: string;
  server: Server;
  messages: RecordedSms[];
  requests: RecordedSolapiRequest[];
  /** The body of every 200 answer, by path: tests decode them with the SDK's schemas. */
  answers: Array<{ path: string; body: unknown }>;
  blockedNumbers: Set<string>;
  setBehaviour: (behaviour: FakeSolapiBehaviour) => void;
  reset: () => void;
  close: () => Promise<void>;
};

/** Whether an Authorization header is SOLAPI's HMAC-SHA256 scheme, signed with this key and secret, dated within 15 minutes. */
export function verifySolapiAuthorization(header: string, apiKey = FAKE_SOLAPI_KEY, apiSecret = FAKE_SOLAPI_SECRET): boolean {
  const match = /^HMAC-SHA256 apiKey=([^,]+), date=([^,]+), salt=([^,]+), signature=([0-9a-f]{64})$/.exec(header);
  if (!match) return false;
  const [, key, date, salt, signature] = match;
  const age = Math.abs(Date.now() - new Date(date).getTime());
  if (key !== apiKey || !(age < 15 * 60_000)) return false;
  return createHmac('sha256', apiSecret).update(date + salt).digest('hex') === signature;
}

export async function startFakeSolapi(options: { port?: number } = {}): Promise<FakeSolapi> {
  const messages: RecordedSms[] = [];
  const requests: RecordedSolapiRequest[] = [];
  const answers: Array<{ path: string; body: unknown }> = [];
  const blockedNumbers = new Set<string>();
  const behaviour = new FakeBehaviourSwitch<FakeSolapiBehaviour>({ mode: 'ok' }, { mode: 'ok' });

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const body = await readJson(req);
    if (url.pathname.startsWith('/__control')) return control(req, res, url.pathname, body);

    const authorization = String(req.headers.authorization ?? '');
    const authorized = verifySolapiAuthorization(authorization);
    const record = (status: number) =>
      requests.push({ method: req.method ?? 'GET', path: url.pathname + url.search, authorization, authorized, status, body, receivedAt: new Date().toISOString() });
    if (!authorized) {
      record(401);
      return sendJson(res, 401, { errorCode: 'InvalidAPIKey', errorMessage: 'Invalid API Key or signature' });
    }

    const active = behaviour.take();
    if (active.mode === 'hang') {
      record(0);
      return behaviour.hang(res);
    }
    if (active.mode === 'status') {
      record(active.status);
      return sendJson(res, active.status, { errorCode: active.status >= 500 ? 'InternalError' : 'ValidationError', errorMessage: `fake status ${active.status}` });
    }

    if (req.method === 'POST' && url.pathname === '/messages/v4/send-many/detail') {
      const answer = sendMany(body as SendManyBody);
      if (active.mode === 'accept-then-fail') {
        record(500);
        return sendJson(res, 500, { errorCode: 'InternalError', errorMessage: 'fake: accepted, answer lost' });
      }
      record(200);
      answers.push({ path: url.pathname, body: answer });
      return sendJson(res, 200, answer);
    }
    if (req.method === 'GET' && url.pathname === '/messages/v4/list') {
      record(200);
      const list = listMessages(url.searchParams);
      answers.push({ path: url.pathname, body: list });
      return sendJson(res, 200, list);
    }
    record(404);
    return sendJson(res, 404, { errorCode: 'NotFound', errorMessage: `No route ${req.method} ${url.pathname}` });
  });

  type SendManyBody = { messages?: Array<Record<string, unknown>>; allowDuplicates?: boolean; showMessageList?: boolean };

  function sendMany(body: SendManyBody) {
    const groupId = `G4V${randomId()}`;
    const now = new Date().toISOString();
    const failed: Array<Record<string, string>> = [];
    const accepted: RecordedSms[] = [];
    for (const message of body.messages ?? []) {
      const to = String(message.to ?? '');
      const base = { to, from: String(message.from ?? ''), type: 'SMS', country: String(message.country ?? '82'), messageId: `M4V${randomId()}`, accountId: 'fake-account' };
      if (blockedNumbers.has(to) || !/^[0-9]{8,15}$/.test(to)) {
        failed.push({ ...base, statusCode: '1062', statusMessage: '유효하지 않은 수신번호입니다.' });
        continue;
      }
      const sms: RecordedSms = { ...base, groupId, text: String(message.text ?? ''), customFields: (message.customFields as Record<string, string>) ?? {}, receivedAt: now };
      messages.push(sms);
      accepted.push(sms);
    }
    const total = failed.length + accepted.length;
    const count = {
      total,
      sentTotal: 0,
      sentFailed: 0,
      sentSuccess: 0,
      sentPending: accepted.length,
      sentReplacement: 0,
      refund: 0,
      registeredFailed: failed.length,
      registeredSuccess: accepted.length,
    };
    const zeroByType = Object.fromEntries(['sms', 'lms', 'mms', 'ata', 'cta', 'cti', 'nsa', 'rcs_sms', 'rcs_lms', 'rcs_mms', 'rcs_tpl'].map((type) => [type, 0]));
    const chargeByType = Object.fromEntries(Object.keys(zeroByType).map((type) => [type, {}]));
    return {
      failedMessageList: failed,
      groupInfo: {
        count,
        countForCharge: chargeByType,
        balance: { requested: 0, replacement: 0, refund: 0, sum: 0 },
        point: { requested: 0, replacement: 0, refund: 0, sum: 0 },
        app: { profit: zeroByType, appId: null },
        log: [],
        status: 'SENDING',
        allowDuplicates: Boolean(body.allowDuplicates),
        isRefunded: false,
        accountId: 'fake-account',
        masterAccountId: null,
        apiVersion: '4',
        groupId,
        price: {},
        dateCreated: now,
        dateUpdated: now,
        scheduledDate: null,
        dateSent: null,
        dateCompleted: null,
      },
      messageList: body.showMessageList
        ? accepted.map((sms) => ({ messageId: sms.messageId, statusCode: '2000', statusMessage: '정상 접수', customFields: sms.customFields }))
        : undefined,
    };
  }

  function listMessages(query: URLSearchParams) {
    const to = query.get('to');
    const since = query.get('startDate') ? new Date(query.get('startDate')!).getTime() : 0;
    const limit = Number(query.get('limit') ?? 20);
    const found = messages.filter((sms) => (!to || sms.to === to) && new Date(sms.receivedAt).getTime() >= since).slice(0, limit);
    return {
      startKey: null,
      nextKey: null,
      limit,
      messageList: Object.fromEntries(
        found.map((sms) => [
          sms.messageId,
          {
            messageId: sms.messageId,
            groupId: sms.groupId,
            type: 'SMS',
            to: sms.to,
            from: sms.from,
            text: sms.text,
            country: sms.country,
            accountId: 'fake-account',
            status: 'COMPLETE',
            statusCode: '4000',
            customFields: sms.customFields,
            dateCreated: sms.receivedAt,
            dateUpdated: sms.receivedAt,
          },
        ]),
      ),
    };
  }

  function control(req: IncomingMessage, res: ServerResponse, path: string, body: unknown) {
    return answerControl(req, res, path, body, {
      reads: { messages: () => messages, requests: () => requests },
      actions: {
        behaviour: (next) => setBehaviour(next as FakeSolapiBehaviour),
        blocked: (next) => (next as { numbers: string[] }).numbers.forEach((number) => blockedNumbers.add(number)),
        reset: () => reset(),
      },
    });
  }

  const setBehaviour = (next: FakeSolapiBehaviour) => behaviour.set(next);

  function reset() {
    messages.length = 0;
    requests.length = 0;
    answers.length = 0;
    blockedNumbers.clear();
    setBehaviour({ mode: 'ok' });
  }

  const { url, close } = await listenOnLoopback(server, behaviour, options.port);
  return { url, server, messages, requests, answers, blockedNumbers, setBehaviour, reset, close };
}

const randomId = () => randomBytes(8).toString('hex').toUpperCase();
