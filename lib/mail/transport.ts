import 'server-only';
import { Resend, type CreateEmailOptions, type ErrorResponse } from 'resend';
import { insertDevMail } from '@/db/dev-mailbox';
import { config } from '@/lib/config';
import { RatePacer, retryAfterMs } from './rate-pacer';

// The one module that owns how mail leaves: Resend when RESEND_API_KEY is set, else the local
// mailbox (a table shown at /dev/mailbox).

export type OutgoingMessage = { to: string; subject: string; html: string; text: string };

export type SendOutcome =
  | { status: 'sent'; providerIds: string[] }
  /** The provider asked us to wait longer than the caller's deadline allows. */
  | { status: 'rate-limited'; retryAfterMs: number; error: string }
  /** 5xx, network error or timeout: the mail may or may not have gone; retry with the same key. */
  | { status: 'retry'; error: string }
  /** Validation error: this request will never succeed as it is. */
  | { status: 'rejected'; error: string };

export type SendOptions = { idempotencyKey: string; deadline: number };

export type MailTransport = {
  kind: 'resend' | 'local';
  /** One message goes as a single send, several as one batch request (at most 100). */
  send(messages: OutgoingMessage[], options: SendOptions): Promise<SendOutcome>;
};

let current: MailTransport | undefined;

/** The transport for this process, chosen on first use from the configuration. */
export function getMailTransport(): MailTransport {
  current ??= config.RESEND_API_KEY ? createResendTransport(config.RESEND_API_KEY) : localTransport;
  return current;
}

/** Whether mail goes to the local mailbox (and /dev/mailbox exists). */
export function isLocalMailbox(): boolean {
  return getMailTransport().kind === 'local';
}

const localTransport: MailTransport = {
  kind: 'local',
  async send(messages) {
    return { status: 'sent', providerIds: await insertDevMail(messages) };
  },
};

function createResendTransport(apiKey: string): MailTransport {
  // The SDK reads RESEND_BASE_URL itself; tests point it at tests/support/fake-resend.ts.
  const resend = new Resend(apiKey);
  const pacer = new RatePacer();
  const payload = (message: OutgoingMessage): CreateEmailOptions => ({
    from: config.EMAIL_FROM,
    to: message.to,
    subject: message.subject,
    html: message.html,
    text: message.text,
  });

  return {
    kind: 'resend',
    async send(messages, { idempotencyKey, deadline }) {
      for (;;) {
        const wait = pacer.delayMs();
        if (Date.now() + wait > deadline) return { status: 'rate-limited', retryAfterMs: wait, error: 'paced past the drain deadline' };
        if (wait) await sleep(wait);
        pacer.take();
        const requestOptions = { idempotencyKey, signal: AbortSignal.timeout(config.MAIL_SEND_TIMEOUT_MS) };
        const response =
          messages.length === 1
            ? await resend.emails.send(payload(messages[0]), requestOptions)
            : await resend.batch.send(messages.map(payload), requestOptions);
        pacer.observe(response.headers);
        if (!response.error) {
          const ids = 'id' in response.data ? [response.data.id] : response.data.data.map((item) => item.id);
          return { status: 'sent', providerIds: ids };
        }
        const status = httpStatusOf(response.error);
        const error = `${status ?? 'network'} ${response.error.name}: ${response.error.message}`;
        if (status === 429) {
          const retryMs = retryAfterMs(response.headers);
          pacer.pause(retryMs);
          if (Date.now() + retryMs <= deadline) continue;
          return { status: 'rate-limited', retryAfterMs: retryMs, error };
        }
        if (status === 400 || status === 422) return { status: 'rejected', error };
        return { status: 'retry', error };
      }
    },
  };
}

// The SDK returns errors instead of throwing; Resend's error body carries the HTTP status, and a
// network failure or timeout comes back with statusCode null.
function httpStatusOf(error: ErrorResponse): number | null {
  if (typeof error.statusCode === 'number') return error.statusCode;
  switch (error.name) {
    case 'rate_limit_exceeded':
    case 'daily_quota_exceeded':
    case 'monthly_quota_exceeded':
      return 429;
    case 'validation_error':
    case 'missing_required_field':
    case 'invalid_from_address':
    case 'invalid_parameter':
    case 'invalid_attachment':
      return 422;
    default:
      return null;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
